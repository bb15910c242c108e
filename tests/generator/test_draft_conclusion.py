"""Drafting a notice from the data: each rule's sentence, or its absence, with evidence."""

from __future__ import annotations

import copy

import pytest

from cchc import examples
from cchc.generator.draft import draft_conclusion, percent

TARGETS = {"source": "Kế hoạch số 36/KH-UBND", "targets": [
    {"figure": "stats.on_time_rate", "levels": ["so", "huyen"], "at_least": 98,
     "label": "Tỷ lệ hồ sơ giải quyết đúng hạn"},
    {"figure": "indicators.online_payment_ratio", "levels": ["so"], "at_least": 50},
    {"figure": "indicators.commune_portal_ratio", "levels": ["so", "huyen"], "at_least": 100},
]}


def _record(on_time: int = 1234, resolved: int = 1250, late: int = 0, pending_overdue: int = 0,
            payment: float | None = 45.2, sections: dict | None = None,
            warnings: list | None = None) -> dict:
    row = {"stt": 1, "field": "Đất đai", "received_total": resolved, "received_online": 0,
           "resolved_total": resolved, "resolved_on_time": on_time, "resolved_late": late,
           "pending_total": pending_overdue, "pending_not_due": 0,
           "pending_overdue": pending_overdue}
    return {"tthc_stats": {"rows": [row]},
            "indicators": {"online_payment_ratio": {"value": payment, "numerator": None,
                                                    "denominator": None},
                           "commune_portal_ratio": {"value": 80.0, "numerator": 8,
                                                    "denominator": 10}},
            "sections": sections if sections is not None else {k: "Nội dung." for k in
                                                               "123456789"},
            "warnings": warnings or []}


def _texts(items) -> list[str]:
    return [s.text for s in items]


def test_above_target_is_a_strength_quoting_counts_and_the_trend():
    last_year = _record(on_time=1208)
    d = draft_conclusion(_record(), "so", TARGETS, previous=last_year, previous_year=2022)
    assert _texts(d.strengths) == [
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,72% (1.234/1.250 hồ sơ), vượt chỉ tiêu 98% "
        "của tỉnh, tăng 2,08 điểm phần trăm so với năm 2022."]
    assert d.strengths[0].evidence == [{"field": "tthc_stats", "value": 98.72}]


def test_below_target_is_a_weakness_answered_by_a_standard_wording():
    d = draft_conclusion(_record(on_time=1200), "so", TARGETS)
    weak = {s.rule: s.text for s in d.weaknesses}
    assert weak["target.below:stats.on_time_rate"] == (
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96% (1.200/1.250 hồ sơ), chưa đạt chỉ tiêu 98% "
        "của tỉnh.")
    assert weak["target.below:indicators.online_payment_ratio"] == (
        "Tỷ lệ thanh toán trực tuyến đạt 45,2%, chưa đạt chỉ tiêu 50% của tỉnh.")
    answered = {s.answers: s.text for s in d.recommendations}
    assert answered["target.below:indicators.online_payment_ratio"].startswith(
        "Đẩy mạnh hướng dẫn tổ chức, cá nhân thanh toán trực tuyến")
    assert "target.below:stats.on_time_rate" in answered


def test_exactly_on_target_is_met_not_exceeded():
    d = draft_conclusion(_record(on_time=1225), "so", TARGETS)
    assert "đạt 98% (1.225/1.250 hồ sơ), đạt chỉ tiêu 98%" in d.strengths[0].text


def test_no_target_for_the_level_says_nothing():
    d = draft_conclusion(_record(), "xa", TARGETS)
    assert d.strengths == [] and not any(s.rule.startswith("target") for s in d.weaknesses)


def test_a_district_only_indicator_is_never_mentioned_for_a_so():
    d = draft_conclusion(_record(), "so", TARGETS)
    assert not any("commune_portal" in (s.rule + str(s.evidence))
                   for s in d.strengths + d.weaknesses + d.recommendations)
    district = draft_conclusion(_record(), "huyen", TARGETS)
    assert any(s.rule == "target.below:indicators.commune_portal_ratio"
               for s in district.weaknesses)


def test_a_blank_indicator_is_named_missing_never_compared():
    d = draft_conclusion(_record(payment=None), "so", TARGETS)
    missing = [s for s in d.weaknesses if s.rule == "target.missing"]
    assert len(missing) == 1 and missing[0].text.startswith("Báo cáo chưa nêu số liệu")
    assert not any("None" in s.text or "chỉ tiêu 50%" in s.text for s in d.weaknesses)


def test_overdue_records_give_the_apology_recommendation():
    d = draft_conclusion(_record(on_time=1240, late=10, pending_overdue=3), "so", TARGETS)
    assert "Còn 10 hồ sơ giải quyết quá hạn." in _texts(d.weaknesses)
    assert "Còn 3 hồ sơ đang giải quyết đã quá hạn." in _texts(d.weaknesses)
    late = next(s for s in d.recommendations if s.answers == "overdue.resolved_late")
    assert "thực hiện xin lỗi tổ chức, cá nhân theo quy định" in late.text
    none = draft_conclusion(_record(), "so", TARGETS)
    assert not any(s.rule.startswith("overdue") for s in none.weaknesses)


def test_last_rounds_open_recommendations_are_carried_over():
    d = draft_conclusion(_record(), "so", TARGETS, open_recommendations=[
        {"id": 7, "text": "Cập nhật thông tin cán bộ trên phần mềm.", "status": "open"}])
    carried = [s for s in d.recommendations if s.rule == "previous.open"]
    assert [s.text for s in carried] == [
        "Tiếp tục khắc phục: cập nhật thông tin cán bộ trên phần mềm."]
    assert carried[0].evidence == [{"field": "recommendation:7", "value": "open"}]


def test_a_missing_outline_item_is_a_weakness():
    sections = {k: "Nội dung." for k in "12456789"}
    d = draft_conclusion(_record(sections=sections), "so", TARGETS)
    missing = next(s for s in d.weaknesses if s.rule == "outline.missing")
    assert missing.text == ("Báo cáo chưa đề cập các nội dung của Đề cương: mục 3 (cải cách tổ "
                            "chức bộ máy hành chính nhà nước).")
    complete = draft_conclusion(_record(), "so", TARGETS)
    assert not any(s.rule == "outline.missing" for s in complete.weaknesses)


def test_figures_that_contradict_themselves():
    warnings = [{"code": "stats.sum_mismatch", "where": "tthc_stats.rows[0]", "message": "…"}]
    d = draft_conclusion(_record(warnings=warnings), "so", TARGETS)
    clash = next(s for s in d.weaknesses if s.rule == "figures.contradict")
    assert clash.evidence == [{"field": "tthc_stats.rows[0]", "value": "…"}]


@pytest.mark.parametrize(("value", "text"), [(100.0, "100%"), (98.7, "98,7%"),
                                             (98.72, "98,72%"), (0.5, "0,5%")])
def test_percent_wording(value, text):
    assert percent(value) == text


def test_no_sentence_holds_an_empty_value():
    record = copy.deepcopy(examples.load("reports/ubnd-huyen-tan-yen"))
    d = draft_conclusion(record, "huyen", examples.load("targets-2023"))
    for s in d.strengths + d.weaknesses + d.recommendations:
        assert "None" not in s.text and "  " not in s.text and "()" not in s.text
