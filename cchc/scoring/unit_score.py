"""One unit's score on a criteria set: self-score, computed points, verified score.

The final point of a criterion is the team's verified score where it gave one,
otherwise the computed one (computed rules) or the unit's self-score (manual ones).
A verified score that differs from the self-score, or from the computed one, must
say why (even when it confirms the computed point against the unit's own): the
notice of conclusions quotes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.core.errors import ValidationFailed
from cchc.core.vn import format_number

from .criteria import CriteriaSet, Leaf
from .rules import Computed, compute


@dataclass
class Line:
    leaf: Leaf
    computed: Computed | None = None
    self_points: float | None = None
    evidence: str = ""
    verified: float | None = None
    reason: str = ""

    @property
    def proposed(self) -> float | None:
        """What stands before the team verifies: computed, else self-scored."""
        return self.computed.points if self.computed is not None else self.self_points

    @property
    def final(self) -> float | None:
        return self.verified if self.verified is not None else self.proposed

    @property
    def differs(self) -> bool:
        """The verified score is not the unit's own: highlighted in the workbook."""
        return self.verified is not None and self.self_points is not None \
            and self.verified != self.self_points

    @property
    def missing(self) -> str | None:
        """Why no point could be given, or None."""
        if self.final is not None:
            return None
        if self.computed is not None:
            return self.computed.note
        return "chưa có điểm tự chấm hay điểm thẩm định"


@dataclass
class UnitScore:
    unit: str
    level: str | None
    criteria: CriteriaSet
    lines: list[Line] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(ln.final or 0 for ln in self.lines), 2)

    @property
    def percent(self) -> float:
        top = self.criteria.max_points
        return round(100 * self.total / top, 2) if top else 0.0

    def group_total(self, group: str) -> float:
        return round(sum(ln.final or 0 for ln in self.lines if ln.leaf.group == group), 2)

    def points_of(self, leaf_id: str) -> float:
        return next((ln.final or 0 for ln in self.lines if ln.leaf.id == leaf_id), 0)

    @property
    def missing(self) -> list[str]:
        return [f"{ln.leaf.id}: {ln.missing}" for ln in self.lines if ln.missing]


def _entries(given: dict, key: str, path: str, cs: CriteriaSet) -> tuple[dict, list[str]]:
    leaves = {lf.id: lf for lf in cs.leaves}
    found, problems = {}, []
    for leaf_id, entry in (given.get(key) or {}).items():
        where = f"{path}.{key}['{leaf_id}']"
        if leaf_id not in leaves:
            problems.append(f"{where}: không có tiêu chí '{leaf_id}' trong bộ tiêu chí")
        elif entry["points"] > leaves[leaf_id].max_points:
            problems.append(f"{where}.points: {entry['points']} điểm vượt điểm tối đa "
                            f"{leaves[leaf_id].max_points}")
        else:
            found[leaf_id] = entry
    return found, problems


def _reason_problems(lines: list[Line], path: str) -> list[str]:
    out = []
    for ln in lines:
        if ln.verified is None or ln.reason.strip():
            continue
        where = (f"{path}.verified['{ln.leaf.id}'].reason: điểm thẩm định "
                 f"{format_number(ln.verified)}")
        if ln.verified != ln.proposed:
            shown = "(không có)" if ln.proposed is None else format_number(ln.proposed)
            out.append(f"{where} khác điểm {shown} mà không nêu lý do")
        elif ln.differs:
            out.append(f"{where} khác điểm tự chấm {format_number(ln.self_points)} mà không "
                       "nêu lý do")
    return out


def score_unit(cs: CriteriaSet, unit: str, level: str | None, record: dict | None,
               given: dict | None = None, path: str = "$") -> UnitScore:
    """Score ``unit``; ``given`` is its entry of a scores file (self, verified)."""
    given = given or {}
    own, problems = _entries(given, "self", path, cs)
    checked, more = _entries(given, "verified", path, cs)
    lines = []
    for leaf in cs.leaves:
        mine, team = own.get(leaf.id) or {}, checked.get(leaf.id) or {}
        lines.append(Line(leaf, compute(leaf, record), mine.get("points"),
                          mine.get("evidence", ""), team.get("points"), team.get("reason", "")))
    problems += more + _reason_problems(lines, path)
    if problems:
        raise ValidationFailed(f"điểm của '{unit}' không hợp lệ ({len(problems)} lỗi)",
                               details=problems)
    return UnitScore(unit, level, cs, lines)
