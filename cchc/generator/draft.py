"""A notice of conclusions drafted from the data: strengths, weaknesses and
recommendations, each sentence with the evidence behind it.

The sentences come from the unit's accepted record, the round's targets (chỉ tiêu,
per level), last year's record of the same unit, and last round's recommendations
still open. Every suggestion says which rule made it and which fields of the record
it quotes, so a reviewer sees why it is there; staff accept, edit or drop each one.
A figure the report leaves blank gives no comparison (it is named as missing), and
an indicator the unit's level does not report is never mentioned.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from cchc.core import vn
from cchc.core.figures import key_figures
from cchc.core.spec import INDICATORS, OUTLINE_KEYS, OUTLINE_TITLES
from cchc.scoring.figures import FIGURES, Reading

from .figures import INDICATOR_PROSE, percent
from .wordings import CONTINUE, RECOMMENDATIONS, SCORE_LINE

DISTRICT_ONLY = {f"indicators.{i.id}" for i in INDICATORS if i.district_only}
CONTRADICTIONS = ("stats.sum_mismatch", "stats.total_mismatch", "indicator.ratio_mismatch",
                  "indicator.count_exceeds")


@dataclass
class Suggestion:
    text: str
    rule: str                     # which drafting rule made it
    evidence: list[dict] = field(default_factory=list)   # {"field", "value"} of the record
    answers: str | None = None    # a recommendation: the rule of the weakness it answers

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, [])}


@dataclass
class Draft:
    strengths: list[Suggestion] = field(default_factory=list)
    weaknesses: list[Suggestion] = field(default_factory=list)
    recommendations: list[Suggestion] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: [s.as_dict() for s in getattr(self, k)]
                for k in ("strengths", "weaknesses", "recommendations")}


def _counts(reading: Reading, unit_word: str) -> str:
    if reading.part is None or not reading.whole:
        return ""
    return f" ({vn.format_number(reading.part)}/{vn.format_number(reading.whole)}{unit_word})"


def _trend(value: float, before: float | None, year: int | None,
           unit_word: str = "điểm phần trăm") -> str:
    """", tăng 2,08 điểm phần trăm so với năm 2022": a rate moves by percentage points,
    a score by points (``unit_word``)."""
    if before is None or year is None:
        return ""
    diff = round(value - before, 2)
    if diff == 0:
        return f", bằng năm {year}"
    word = "tăng" if diff > 0 else "giảm"
    return f", {word} {vn.format_number(abs(diff))} {unit_word} so với năm {year}"


def score_sentence(draft: Draft, score: dict) -> None:
    """The unit's score by the round's criteria set, its rank, and how it moved since
    the unit's (or its predecessors') score of the year before: a strength unless it
    fell. ``score``: criteria, total, max, percent, rank, of, level, and optionally
    before (last year's total) and before_year."""
    before = score.get("before")
    said = SCORE_LINE.format(
        criteria=score["criteria"], total=vn.format_number(score["total"]),
        max=vn.format_number(score["max"]), percent=vn.format_number(score["percent"]),
        rank=score["rank"], of=score["of"], level=score["level"],
        trend=_trend(score["total"], before, score.get("before_year"), "điểm"))
    evidence = [{"field": "score", "value": score["total"]}]
    fell = before is not None and score["total"] < before
    (draft.weaknesses if fell else draft.strengths).append(
        Suggestion(said, "score.fell" if fell else "score", evidence))


def _label(target: dict) -> str:
    """The target's own name, else the notices' usual name of the rate."""
    name = target["figure"]
    label = target.get("label") or INDICATOR_PROSE.get(name.removeprefix("indicators."))
    if not label:
        label = FIGURES[name].label.rsplit(" (", 1)[0]
    return vn.nfc(label[0].upper() + label[1:])


def target_sentences(draft: Draft, record: dict, level: str, targets: dict,
                     previous: dict | None, previous_year: int | None) -> None:
    for target in targets["targets"]:
        name = target["figure"]
        if level not in target["levels"] or (level == "so" and name in DISTRICT_ONLY):
            continue
        reading = FIGURES[name].read(record)
        label, goal = _label(target), target["at_least"]
        evidence = [{"field": reading.where, "value": reading.value}]
        if reading.value is None:
            draft.weaknesses.append(Suggestion(
                f"Báo cáo chưa nêu số liệu {label[0].lower()}{label[1:]}.", "target.missing",
                evidence))
            continue
        unit_word = " hồ sơ" if name.startswith("stats.") else ""
        before = FIGURES[name].read(previous) if previous else None
        verdict = ("vượt chỉ tiêu" if reading.value > goal else "đạt chỉ tiêu"
                   if reading.value == goal else "chưa đạt chỉ tiêu")
        said = (f"{label} đạt {percent(reading.value)}{_counts(reading, unit_word)}, "
                f"{verdict} {vn.format_number(goal)}% của {targets['source_short']}"
                f"{_trend(reading.value, before.value if before else None, previous_year)}.")
        if reading.value >= goal:
            draft.strengths.append(Suggestion(said, "target.met", evidence))
        else:
            rule = f"target.below:{name}"
            draft.weaknesses.append(Suggestion(said, rule, evidence))
            wording = RECOMMENDATIONS.get(name) or RECOMMENDATIONS["target.below"]
            draft.recommendations.append(Suggestion(wording.format(label=label.lower()),
                                                    "wording", evidence, answers=rule))


def overdue_sentences(draft: Draft, record: dict) -> None:
    kf = key_figures(record)
    for key, text, rule in (
            ("late", "Còn {n} hồ sơ giải quyết quá hạn", "overdue.resolved_late"),
            ("pending_overdue", "Còn {n} hồ sơ đang giải quyết đã quá hạn",
             "overdue.pending")):
        n = kf.get(key)
        if n:
            evidence = [{"field": "tthc_stats", "value": n}]
            draft.weaknesses.append(Suggestion(text.format(n=vn.format_number(n)) + ".", rule,
                                               evidence))
            draft.recommendations.append(Suggestion(RECOMMENDATIONS[rule], "wording",
                                                    evidence, answers=rule))


def report_sentences(draft: Draft, record: dict) -> None:
    """What the report itself shows: outline items left out, figures that disagree."""
    sections = record.get("sections") or {}
    missing = [k for k in OUTLINE_KEYS if "." not in k and not (sections.get(k) or "").strip()
               and not any(s.startswith(k + ".") and (sections[s] or "").strip()
                           for s in sections)]
    if missing:
        names = "; ".join(f"mục {k} ({OUTLINE_TITLES[k][0].lower()}{OUTLINE_TITLES[k][1:]})"
                          for k in missing)
        evidence = [{"field": f"sections.{k}", "value": None} for k in missing]
        draft.weaknesses.append(Suggestion(f"Báo cáo chưa đề cập các nội dung của Đề cương: "
                                           f"{names}.", "outline.missing", evidence))
        draft.recommendations.append(Suggestion(RECOMMENDATIONS["outline.missing"], "wording",
                                                evidence, answers="outline.missing"))
    clashes = [w for w in record.get("warnings") or [] if w.get("code") in CONTRADICTIONS]
    if clashes:
        evidence = [{"field": w.get("where"), "value": w.get("message")} for w in clashes]
        draft.weaknesses.append(Suggestion(
            f"Số liệu trong báo cáo chưa thống nhất ({len(clashes)} chỗ: tổng không khớp "
            "hoặc tỷ lệ không khớp với số hồ sơ).", "figures.contradict", evidence))
        draft.recommendations.append(Suggestion(RECOMMENDATIONS["figures.contradict"],
                                                "wording", evidence,
                                                answers="figures.contradict"))


def _lower_first(text: str) -> str:
    """After "Tiếp tục khắc phục:" the quoted text goes on in lower case, unless it
    opens with an abbreviation or a name ("UBND", "Sở")."""
    head = text.split(" ", 1)[0]
    return text if head.isupper() or head in ("Sở", "Ủy", "Uỷ") else text[:1].lower() + text[1:]


def carried_over(draft: Draft, open_recommendations: list[dict]) -> None:
    for rec in open_recommendations:
        draft.recommendations.append(Suggestion(
            CONTINUE.format(text=_lower_first(vn.nfc(rec["text"]).rstrip("."))), "previous.open",
            [{"field": f"recommendation:{rec.get('id')}", "value": rec.get("status")}]))


def draft_conclusion(record: dict, level: str, targets: dict, *, previous: dict | None = None,
                     previous_year: int | None = None,
                     open_recommendations: list[dict] | None = None,
                     score: dict | None = None) -> Draft:
    draft = Draft()
    targets = {**targets, "source_short": targets.get("source_short") or "tỉnh"}
    target_sentences(draft, record, level, targets, previous, previous_year)
    if score is not None:
        score_sentence(draft, score)
    overdue_sentences(draft, record)
    report_sentences(draft, record)
    carried_over(draft, open_recommendations or [])
    return draft
