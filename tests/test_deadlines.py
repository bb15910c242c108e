"""Report deadlines: five days before the visit, and each unit's standing on a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.deadlines import report_deadline, status, weekday

VISIT = dt.date(2023, 9, 12)          # a Tuesday
DEADLINE = dt.date(2023, 9, 7)


def test_the_deadline_is_five_days_before_the_visit():
    assert report_deadline(VISIT) == DEADLINE
    assert report_deadline(VISIT, 10) == dt.date(2023, 9, 2)


@pytest.mark.parametrize(("today", "received", "expected"), [
    (dt.date(2023, 8, 20), None, "not_due"),
    (dt.date(2023, 8, 31), None, "due"),          # a week before
    (dt.date(2023, 8, 30), None, "not_due"),      # eight days before
    (DEADLINE, None, "due"),
    (dt.date(2023, 9, 8), None, "late"),
    (dt.date(2023, 9, 8), dt.date(2023, 9, 6), "received"),
    (dt.date(2023, 9, 8), DEADLINE, "received"),
    (dt.date(2023, 9, 20), dt.date(2023, 9, 8), "received_late"),
    (dt.date(2023, 9, 8), dt.date(2023, 9, 20), "late"),     # not yet arrived on that day
])
def test_status_on_a_fixed_clock(today, received, expected):
    assert status(DEADLINE, received, today) == expected


def test_no_visit_date_means_no_deadline_status():
    assert status(None, None, dt.date(2023, 9, 8)) is None
    assert status(None, dt.date(2023, 9, 8), dt.date(2023, 9, 8)) == "received"


def test_weekday_names():
    assert weekday(VISIT) == "Thứ Ba" and weekday(dt.date(2023, 9, 10)) == "Chủ nhật"
