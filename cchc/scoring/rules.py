"""Computed rules: points from a unit's record, with the figure they used.

A rule never turns a missing figure into 0 points silently: the result says the
figure is missing, and the unit's score lists it, so the team scores it by hand.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cchc.core.vn import format_number

from .criteria import Leaf
from .figures import FIGURES


@dataclass(frozen=True)
class Computed:
    points: float | None    # None: the figure or section the rule needs is missing
    note: str               # Vietnamese: what was read and what it gave
    where: str | None = None  # the record's field the figure came from
    value: float | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _step_met(step: dict, value: float) -> bool:
    if "at_least" in step:
        return value >= step["at_least"]
    return value <= step["at_most"]


def _bound(step: dict) -> str:
    if "at_least" in step:
        return f"≥ {format_number(step['at_least'])}"
    return f"≤ {format_number(step['at_most'])}"


def threshold(rule: dict, record: dict) -> Computed:
    figure = FIGURES[rule["figure"]]
    reading = figure.read(record)
    if reading.value is None:
        return Computed(None, f"thiếu số liệu: {figure.label}", reading.where)
    shown = format_number(reading.value)
    for step in rule["steps"]:
        if _step_met(step, reading.value):
            return Computed(step["points"], f"{figure.label} = {shown} ({_bound(step)})",
                            reading.where, reading.value)
    return Computed(0, f"{figure.label} = {shown} (dưới mức thấp nhất được điểm)",
                    reading.where, reading.value)


def mentions(rule: dict, record: dict) -> Computed:
    key = rule["section"]
    text = (record.get("sections") or {}).get(key)
    where = f"sections.{key}"
    if not text:
        return Computed(None, f"báo cáo không có mục {key}", where)
    folded = _fold(text)
    found = [p for p in rule["phrases"] if _fold(p) in folded]
    if found:
        return Computed(rule["points"], f"mục {key} có nêu “{found[0]}”", where)
    quoted = ", ".join(f"“{p}”" for p in rule["phrases"])
    return Computed(0, f"mục {key} không nêu {quoted}", where)


RULES = {"threshold": threshold, "mentions": mentions}


def compute(leaf: Leaf, record: dict | None) -> Computed | None:
    """The computed points of ``leaf``; None for a criterion a person scores."""
    rule = RULES.get(leaf.rule["kind"])
    if rule is None:
        return None
    if record is None:
        return Computed(None, "đơn vị chưa có báo cáo được chấp nhận")
    return rule(leaf.rule, record)
