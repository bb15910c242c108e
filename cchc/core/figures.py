"""The arithmetic every reader of a report record shares.

Notices of conclusions and round summaries quote the same rates; computing them
in one place keeps a unit's on-time rate identical wherever it is printed.
"""

from __future__ import annotations

from .spec import COUNT_KEYS


def ratio(part, whole) -> float | None:
    """A percentage on 0–100, rounded to 2 decimals; None when there is nothing to divide."""
    if part is None or not whole:
        return None
    return round(100 * part / whole, 2)


def indicator_value(item: dict | None) -> float | None:
    """The written percentage, or the one the counts give when none is written."""
    if not item:
        return None
    if item.get("value") is not None:
        return item["value"]
    return ratio(item.get("numerator"), item.get("denominator"))


def total_of(values) -> int | None:
    """The sum of counts, or None (unknown) when any of them is unknown.

    The record contract (v1.1) makes a blank cell 0 already, so a null that reaches
    here is a cell nobody could read or a column the table lacks: reading it as 0
    would print a total that is not the unit's. Every sum of counts goes through here.
    """
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def column_sums(rows: list[dict]) -> dict:
    """Each count column's sum over the data rows (None where unknown)."""
    return {k: total_of(r.get(k) for r in rows) for k in COUNT_KEYS}


def stats_totals(record: dict) -> dict | None:
    """Column sums of the statistics rows; the printed total row only when there are
    no rows (a printed total that disagrees has already given a warning)."""
    stats = record.get("tthc_stats") or {}
    rows = stats.get("rows") or []
    if rows:
        return column_sums(rows)
    total = stats.get("total")
    return {k: total.get(k) for k in COUNT_KEYS} if total else None


def key_figures(record: dict) -> dict:
    """On-time rate = (9)/(8), online ratio = (4)/(3), spending against budget."""
    t = stats_totals(record) or {}
    inv = record.get("investment") or {}
    return {
        "received": t.get("received_total"),
        "received_online": t.get("received_online"),
        "resolved": t.get("resolved_total"),
        "on_time": t.get("resolved_on_time"),
        "late": t.get("resolved_late"),
        "pending": t.get("pending_total"),
        "pending_overdue": t.get("pending_overdue"),
        "on_time_rate": ratio(t.get("resolved_on_time"), t.get("resolved_total")),
        "online_ratio": ratio(t.get("received_online"), t.get("received_total")),
        "budget": inv.get("budget_assigned_vnd"),
        "spent": inv.get("spent_vnd"),
        "spent_ratio": ratio(inv.get("spent_vnd"), inv.get("budget_assigned_vnd")),
    }
