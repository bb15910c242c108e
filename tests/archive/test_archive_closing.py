"""Inspections and notices of conclusions kept with their recommendations."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.closing import get_conclusion, record_inspection, save_conclusion
from cchc.archive.models import Inspection
from cchc.core.errors import CchcError


@pytest.fixture
def rounds(archive):
    store.create_round(archive, "2023", year=2023)
    store.create_round(archive, "2024", year=2024)
    return archive


def test_conclusion_stores_its_recommendations_as_open(rounds):
    saved = save_conclusion(rounds, "2023", "Sở Xây dựng", number="12/TB-UBND",
                            date="2023-07-01", data={"kết luận": "Đạt"},
                            docx=b"PK\x03\x04docx", recommendations=[
                                {"text": "Rà soát quy trình", "deadline": "2023-12-31"},
                                {"text": "Cập nhật Cổng dịch vụ công"}])
    assert [(r["seq"], r["conclusion_id"]) for r in saved["recommendations"]] \
        == [(1, saved["id"]), (2, saved["id"])]
    listed = recs.list_recommendations(rounds, "2023", today=dt.date(2023, 8, 1))
    assert [(r["text"], r["status"]) for r in listed] == [
        ("Rà soát quy trình", "open"), ("Cập nhật Cổng dịch vụ công", "open")]
    back = get_conclusion(rounds, "2023", "SỞ XÂY DỰNG")
    assert back["docx"] == b"PK\x03\x04docx" and back["date"] == dt.date(2023, 7, 1)
    # the next round follows them up
    follow = recs.previous_round_follow_up(rounds, "2024", "Sở Xây dựng",
                                           today=dt.date(2024, 3, 1))
    assert [r["status"] for r in follow] == ["overdue", "open"]


def test_second_notice_for_same_unit_is_refused_and_nothing_half_written(rounds):
    save_conclusion(rounds, "2023", "Sở Tư pháp", number="1/TB", recommendations=[
        {"text": "A"}])
    with pytest.raises(CchcError, match="đã có thông báo kết luận cho Sở Tư pháp"):
        save_conclusion(rounds, "2023", "Sở Tư pháp", number="2/TB",
                        recommendations=[{"text": "B"}])
    assert [r["text"] for r in recs.list_recommendations(rounds, "2023")] == ["A"]
    with pytest.raises(CchcError, match="hạn khắc phục '31/12'"):
        save_conclusion(rounds, "2024", "Sở Tư pháp", number="3/TB",
                        recommendations=[{"text": "C", "deadline": "31/12"}])


def test_inspection_is_recorded(rounds):
    inspection_id = record_inspection(rounds, "2023", "Sở Xây dựng", date="2023-06-05",
                                      team=["Nguyễn Văn A"], findings={"tồn tại": ["Chậm"]})
    with rounds.sessions() as s:
        found = s.get(Inspection, inspection_id)
        assert (found.date, found.team, found.findings) == (
            dt.date(2023, 6, 5), ["Nguyễn Văn A"], {"tồn tại": ["Chậm"]})
