"""Recommendations: statuses, evidence, overdue from the deadline, follow-up next round."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.core.errors import CchcError

TODAY = dt.date(2024, 3, 1)


@pytest.fixture
def two_rounds(archive):
    store.create_round(archive, "2023", year=2023)
    recs.add_recommendations(archive, "2023", "Sở Xây dựng", [
        {"text": "Rà soát quy trình nội bộ", "deadline": "2023-12-31"},
        {"text": "Cập nhật Cổng dịch vụ công", "deadline": "2024-06-30"},
        {"text": "Lưu trữ hồ sơ điện tử"}])
    recs.add_recommendations(archive, "2023", "Sở Tư pháp", [{"text": "Niêm yết TTHC"}])
    store.create_round(archive, "2024", year=2024)
    return archive


def statuses(rows):
    return [(r["unit"], r["seq"], r["status"]) for r in rows]


def test_overdue_is_derived_from_the_deadline(two_rounds):
    rows = recs.list_recommendations(two_rounds, "2023", today=TODAY)
    assert statuses(rows) == [("Sở Tư pháp", 1, "open"), ("Sở Xây dựng", 1, "overdue"),
                              ("Sở Xây dựng", 2, "open"), ("Sở Xây dựng", 3, "open")]
    assert rows[1]["status_label"] == "quá hạn, chưa khắc phục"
    overdue = recs.list_recommendations(two_rounds, "2023", status="overdue", today=TODAY)
    assert statuses(overdue) == [("Sở Xây dựng", 1, "overdue")]
    # "open" means not remedied: overdue ones are still open
    assert len(recs.list_recommendations(two_rounds, "2023", status="open", today=TODAY)) == 4


def test_remedied_needs_evidence_and_is_kept(two_rounds):
    rec_id = recs.list_recommendations(two_rounds, "2023", unit="Sở Xây dựng")[0]["id"]
    with pytest.raises(CchcError, match="bằng chứng"):
        recs.update_recommendation(two_rounds, rec_id, status="remedied")
    row = recs.update_recommendation(two_rounds, rec_id, status="remedied",
                                     evidence="Quyết định số 45/QĐ-SXD", today=TODAY)
    assert (row["status"], row["evidence"]) == ("remedied", "Quyết định số 45/QĐ-SXD")
    remedied = recs.list_recommendations(two_rounds, "2023", status="remedied", today=TODAY)
    assert [r["id"] for r in remedied] == [rec_id]
    reopened = recs.update_recommendation(two_rounds, rec_id, status="open", today=TODAY)
    assert reopened["status"] == "overdue"  # reopened past its deadline


def test_overdue_cannot_be_set_by_hand(two_rounds):
    with pytest.raises(CchcError, match="tự tính"):
        recs.update_recommendation(two_rounds, 1, status="overdue")
    with pytest.raises(CchcError, match="không có kiến nghị số 999"):
        recs.update_recommendation(two_rounds, 999, status="open")


def test_next_round_sees_previous_recommendations_with_status(two_rounds):
    recs.update_recommendation(two_rounds, 2, status="remedied", evidence="Đã cập nhật")
    follow = recs.previous_round_follow_up(two_rounds, "2024", "SỞ XÂY DỰNG", today=TODAY)
    assert [(r["round"], r["seq"], r["status"]) for r in follow] == [
        ("2023", 1, "overdue"), ("2023", 2, "remedied"), ("2023", 3, "open")]
    assert recs.previous_round_follow_up(two_rounds, "2023", "Sở Xây dựng") == []


def test_bad_deadline_is_refused(two_rounds):
    with pytest.raises(CchcError, match="31/12/2024"):
        recs.add_recommendations(two_rounds, "2024", "Sở Xây dựng",
                                 [{"text": "X", "deadline": "31/12/2024"}])
