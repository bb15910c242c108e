"""Ranking the units of one level: by percentage, then the criteria set's own
tie-break (a group's points, a criterion's points), then equal rank (đồng hạng,
ranks 1, 2, 2, 4) when everything the decision names is equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from .unit_score import UnitScore

LEVEL_WORDS = (("xa", ("xã", "phường", "thị trấn")),
               ("huyen", ("huyện", "thị xã", "thành phố")))


def level_of(level_text: str | None, unit: str) -> str:
    """The criteria level ("so", "huyen", "xa") of a unit from its register level or
    its name; anything provincial (sở, ban, ngành, a central agency) is "so"."""
    for text in (level_text or "", unit):
        low = text.casefold()
        for level, words in LEVEL_WORDS:
            if any(low.startswith(w) or f"ubnd {w}" in low or f"ủy ban nhân dân {w}" in low
                   or f"uỷ ban nhân dân {w}" in low for w in words):
                return level
    return "so"


@dataclass(frozen=True)
class Ranked:
    score: UnitScore
    rank: int
    tied: bool          # shares its rank with another unit


def _key(score: UnitScore, tie_break: list[str]) -> tuple:
    parts = [score.percent]
    for rule in tie_break:
        kind, _, ref = rule.partition(":")
        parts.append(score.group_total(ref) if kind == "group" else score.points_of(ref))
    return tuple(parts)


def rank(scores: list[UnitScore], tie_break: list[str]) -> list[Ranked]:
    """Competition ranking of ``scores`` (one level), best first; names break no tie."""
    keyed = sorted(((_key(s, tie_break), s) for s in scores),
                   key=lambda ks: tuple(-x for x in ks[0]))
    out: list[Ranked] = []
    for i, (key, score) in enumerate(keyed):
        same_as_before = i > 0 and keyed[i - 1][0] == key
        place = out[-1].rank if same_as_before else i + 1
        tied = same_as_before or (i + 1 < len(keyed) and keyed[i + 1][0] == key)
        out.append(Ranked(score, place, tied))
    return out


def rank_by_level(scores: list[UnitScore], tie_break: list[str]) -> dict[str, list[Ranked]]:
    levels: dict[str, list[UnitScore]] = {}
    for score in scores:
        levels.setdefault(score.level or "so", []).append(score)
    return {level: rank(group, tie_break) for level, group in levels.items()}
