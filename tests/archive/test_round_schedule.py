"""A round keeps each unit's visit and deadline; surprise inspections count apart."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from archive_records import make_record

from cchc import examples
from cchc.archive.schedule import add_surprise, apply_schedule, standing
from cchc.archive.store import create_round, import_record
from cchc.archive.summary_data import round_summary
from cchc.core.errors import CchcError, ValidationFailed

SCHEDULE = examples.load("schedule")


@pytest.fixture
def planned(archive):
    create_round(archive, "2023", plan=examples.load("plan"))
    return archive


def test_visits_and_deadlines_are_kept_and_judged(planned):
    data = copy.deepcopy(SCHEDULE)
    data["visits"][0]["unit"] = "SỞ TƯ PHÁP"          # as a letterhead writes it
    assert apply_schedule(planned, "2023", data) == 5
    rec = make_record("Sở Công Thương")
    import_record(planned, "2023", rec, json.dumps(rec).encode(), "a.json")
    today = dt.date.today()
    rows = {r["unit"]: r for r in standing(planned, "2023", today)}
    assert rows["Sở Tư pháp"]["visit"] == dt.date(2023, 9, 12)
    assert rows["Sở Tư pháp"]["deadline"] == dt.date(2023, 9, 7)
    assert rows["Sở Tư pháp"]["status"] == "late"
    assert rows["Sở Công Thương"]["status"] == "received_late"
    assert rows["Sở Xây dựng"]["status"] is None
    assert rows["Sở Xây dựng"]["status_label"] == "chưa có lịch"
    early = {r["unit"]: r["status"] for r in standing(planned, "2023", dt.date(2023, 9, 1))}
    assert early["Sở Tư pháp"] == "due" and early["UBND huyện Tân Yên"] == "not_due"


def test_an_unknown_unit_is_named_and_nothing_is_stored(planned):
    data = copy.deepcopy(SCHEDULE)
    data["visits"][2]["unit"] = "Sở Du lịch"
    with pytest.raises(ValidationFailed) as err:
        apply_schedule(planned, "2023", data)
    assert err.value.details == ["$.visits[2].unit: 'Sở Du lịch' không có trong lịch kiểm tra "
                                 "của đợt 2023"]
    assert all(r["visit"] is None for r in standing(planned, "2023", dt.date(2023, 9, 1)))


def test_a_surprise_inspection_counts_as_dot_xuat(planned):
    before = round_summary(planned, "2023")["totals"]["units"]
    added = add_surprise(planned, "2023", "Sở Giáo dục và Đào tạo", dt.date(2023, 10, 5))
    assert added == {"unit": "Sở Giáo dục và Đào tạo", "visit": "2023-10-05",
                     "deadline": "2023-09-30"}
    totals = round_summary(planned, "2023")["totals"]
    assert totals["units"] == before + 1 and totals["units_surprise"] == 1
    with pytest.raises(CchcError, match="đã có trong đợt 2023"):
        add_surprise(planned, "2023", "Sở Giáo dục và Đào tạo", dt.date(2023, 10, 6))
