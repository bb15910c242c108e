"""The figures of a record a computed rule may name, and where each is read.

One registry, so a criteria set names ``stats.on_time_rate`` and every score quotes the
same number the notice of conclusions and the summary print (``cchc.core.figures``).
Each figure says which field of the record it came from, so a point can be traced back
to the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cchc.core.figures import indicator_value, key_figures, total_of
from cchc.core.spec import INDICATORS


@dataclass(frozen=True)
class Reading:
    value: float | None
    where: str          # the record's field the value was read from
    part: int | None = None     # the counts a rate was computed from, when known
    whole: int | None = None


@dataclass(frozen=True)
class Figure:
    name: str
    label: str          # Vietnamese, for notes and the workbook
    read: Callable[[dict], Reading]


def _key(key: str, where: str, part: str | None = None,
         whole: str | None = None) -> Callable[[dict], Reading]:
    def read(record: dict) -> Reading:
        kf = key_figures(record)
        return Reading(kf.get(key), where, kf.get(part) if part else None,
                       kf.get(whole) if whole else None)
    return read


def _overdue(record: dict) -> Reading:
    kf = key_figures(record)
    return Reading(total_of([kf.get("late"), kf.get("pending_overdue")]), "tthc_stats")


def _indicator(ind_id: str) -> Callable[[dict], Reading]:
    def read(record: dict) -> Reading:
        item = (record.get("indicators") or {}).get(ind_id)
        item = item or {}
        return Reading(indicator_value(item), f"indicators.{ind_id}", item.get("numerator"),
                       item.get("denominator"))
    return read


def _rate_label(ind) -> str:
    """"Số DVC trực tuyến toàn trình" (the outline counts) → "tỷ lệ DVC trực tuyến toàn
    trình (%)": the figure is the rate of those counts."""
    label = ind.label.removeprefix("Số ")
    label = label if label.casefold().startswith(("tỷ", "tỉ")) else f"tỷ lệ {label}"
    return f"{label[0].lower()}{label[1:]} ({ind.section}, %)"


FIGURES: dict[str, Figure] = {f.name: f for f in (
    Figure("stats.on_time_rate", "tỷ lệ hồ sơ giải quyết đúng hạn (%)",
           _key("on_time_rate", "tthc_stats", "on_time", "resolved")),
    Figure("stats.online_ratio", "tỷ lệ hồ sơ tiếp nhận trực tuyến (%)",
           _key("online_ratio", "tthc_stats", "received_online", "received")),
    Figure("stats.overdue_records", "số hồ sơ giải quyết quá hạn và đang quá hạn",
           _overdue),
    Figure("investment.spent_ratio", "tỷ lệ giải ngân kinh phí (%)",
           _key("spent_ratio", "investment")),
    *(Figure(f"indicators.{i.id}", _rate_label(i), _indicator(i.id)) for i in INDICATORS),
)}
