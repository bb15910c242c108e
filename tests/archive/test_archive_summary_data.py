"""Per-unit figures of a round, from the current version of each report."""

from __future__ import annotations

import datetime as dt

from archive_plan import PLAN
from archive_records import make_record, stats_row

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.summary_data import round_summary
from cchc.core.figures import indicator_value

TODAY = dt.date(2024, 3, 1)


def test_summary_figures(archive):
    store.create_round(archive, "2023", plan=PLAN)
    # Sở Xây dựng: an old version, then the current one with two rows.
    store.import_record(archive, "2023", make_record("Sở Xây dựng", full_process=10.0),
                        b"old", "old.docx")
    rows = [stats_row(1, "Xây dựng", 30, 10, 36, 4), stats_row(2, "Quy hoạch", 10, 50, 45, 15)]
    store.import_record(archive, "2023", make_record("Sở Xây dựng", rows=rows), b"new",
                        "new.docx")
    store.import_record(archive, "2023", make_record("SỞ TƯ PHÁP", rows=[]), b"x",
                        "x.docx")
    recs.add_recommendations(archive, "2023", "Sở Xây dựng", [
        {"text": "A", "deadline": "2023-12-31"}, {"text": "B"}])
    recs.update_recommendation(archive, 2, status="remedied", evidence="QĐ 1")
    data = round_summary(archive, "2023", today=TODAY)
    names = [u["unit"] for u in data["units"]]
    assert names == ["Sở Xây dựng", "Sở Lao động - Thương binh và Xã hội",
                     "UBND huyện Tân Yên", "Sở Tư pháp"]
    xd = data["units"][0]
    assert (xd["version"], xd["quarter"], xd["reported"]) == (2, "II", True)
    assert xd["indicators"] == {"full_process_dvc_ratio": 85.5}
    assert xd["stats"]["received_total"] == 100 and xd["stats"]["received_online"] == 40
    assert xd["stats"]["resolved_total"] == 100 and xd["stats"]["resolved_on_time"] == 81
    assert (xd["on_time_rate"], xd["online_ratio"]) == (81.0, 40.0)
    assert xd["recommendations"] == {"open": 0, "remedied": 1, "overdue": 1}
    missing = data["units"][1]
    assert not missing["reported"] and missing["stats"] is None
    assert data["units"][3]["on_time_rate"] is None  # no rows: nothing to divide
    assert (data["totals"]["units"], data["totals"]["units_unscheduled"]) == (4, 0)
    assert data["totals"]["units_reported"] == 2 and data["totals"]["on_time_rate"] == 81.0
    assert [r["status"] for r in data["recommendations"]] == ["overdue", "remedied"]
    assert data["indicator_ids"] == ["full_process_dvc_ratio"]


def test_indicator_value_from_counts():
    assert indicator_value({"value": None, "numerator": 171, "denominator": 200}) == 85.5
    assert indicator_value({"value": None, "numerator": 0, "denominator": 0}) is None
    assert indicator_value({"value": 12.5, "numerator": 1, "denominator": 2}) == 12.5


def test_hand_corrections_settle_the_warnings_they_answer(archive):
    """A value staff corrected by hand is no longer a warning, and the correction itself
    is none: the dashboard's and the summary's count goes down as staff work, never up."""
    store.create_round(archive, "2023", plan=PLAN)
    record = make_record("Sở Xây dựng")
    record["warnings"] = [
        {"code": "stats.sum_mismatch", "where": "tthc_stats.rows[0].received_total",
         "message": "Dòng 1: tổng không khớp"},
        {"code": "manual.correction", "where": "tthc_stats.rows[0].received_total",
         "message": "Sửa tay: 120 → 121"},
        {"code": "indicator.ratio_mismatch", "where": "indicators.full_process_dvc_ratio",
         "message": "Tỷ lệ không khớp"}]
    store.import_record(archive, "2023", record, b"x", "x.docx")
    assert store.list_reports(archive, "2023")[0]["warnings"] == 1
    data = round_summary(archive, "2023", today=TODAY)
    assert data["units"][0]["warnings"] == 1
