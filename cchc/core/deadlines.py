"""A unit's report deadline in a round, and where the unit stands against it.

The plan (V.6) asks each unit to send its report a number of days before its visit
(5 in the seed). Every place that shows a deadline — the schedule notice, the
dashboard, the reminder — computes it here, against a clock that tests can fix.
"""

from __future__ import annotations

import datetime as dt

DAYS_BEFORE_VISIT = 5
DUE_WINDOW_DAYS = 7          # "sắp đến hạn": within a week of the deadline
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

STATUS_LABELS = {"not_due": "chưa đến hạn", "due": "sắp đến hạn", "received": "đã nhận",
                 "late": "quá hạn", "received_late": "nộp muộn"}


def report_deadline(visit: dt.date, days_before: int = DAYS_BEFORE_VISIT) -> dt.date:
    return visit - dt.timedelta(days=days_before)


def status(deadline: dt.date | None, received: dt.date | None, today: dt.date) -> str | None:
    """One of STATUS_LABELS' keys; None when the unit has no deadline (no visit date).
    A report received after ``today`` had not arrived on ``today``."""
    if received is not None and received > today:
        received = None
    if received is not None:
        if deadline is not None and received > deadline:
            return "received_late"
        return "received"
    if deadline is None:
        return None
    if today > deadline:
        return "late"
    if (deadline - today).days <= DUE_WINDOW_DAYS:
        return "due"
    return "not_due"


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]
