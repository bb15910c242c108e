"""Computed rules at their thresholds and on either side, missing figures, mentions."""

from __future__ import annotations

import copy

import pytest

from cchc import examples
from cchc.core.errors import ValidationFailed
from cchc.scoring.criteria import criteria_from
from cchc.scoring.unit_score import score_unit

ON_TIME = {"kind": "threshold", "figure": "stats.on_time_rate",
           "steps": [{"at_least": 98, "points": 1}, {"at_least": 95, "points": 0.5}]}
OVERDUE = {"kind": "threshold", "figure": "stats.overdue_records",
           "steps": [{"at_most": 0, "points": 2}, {"at_most": 5, "points": 1}]}
PLAN = {"kind": "mentions", "section": "1", "phrases": ["Kế hoạch tuyên truyền"], "points": 1}


def _set(*rules: dict, tie_break=None) -> dict:
    criteria = [{"id": str(i + 1), "title": f"Tiêu chí {i + 1}", "max_points": 2, "rule": r}
                for i, r in enumerate(rules)]
    data = {"name": "Bộ thử", "source": "Quyết định số 1/QĐ-UBND", "levels": ["so"],
            "groups": [{"id": "I", "title": "Lĩnh vực I", "criteria": criteria}]}
    if tie_break:
        data["tie_break"] = tie_break
    return data


def _stats(resolved: int, on_time: int, late: int = 0, overdue: int = 0) -> dict:
    row = {"stt": 1, "field": "Đất đai", "resolved_total": resolved,
           "resolved_on_time": on_time, "resolved_late": late, "pending_overdue": overdue}
    return {"tthc_stats": {"rows": [row]}, "sections": {}, "indicators": {}}


def _line(rule: dict, record: dict | None):
    cs = criteria_from(_set(rule))
    return score_unit(cs, "Sở Thử", "so", record).lines[0]


@pytest.mark.parametrize(("on_time", "points"), [
    (981, 1), (980, 1), (979, 0.5), (950, 0.5), (949, 0)])
def test_threshold_at_and_either_side(on_time, points):
    line = _line(ON_TIME, _stats(1000, on_time))
    assert line.final == points
    assert line.computed.where == "tthc_stats"
    assert "tỷ lệ hồ sơ giải quyết đúng hạn" in line.computed.note


def test_the_note_quotes_the_figure_the_vietnamese_way():
    line = _line(ON_TIME, _stats(1250, 1234))
    assert line.computed.note == "tỷ lệ hồ sơ giải quyết đúng hạn (%) = 98,72 (≥ 98)"


@pytest.mark.parametrize(("late", "overdue", "points"), [(0, 0, 2), (3, 2, 1), (4, 2, 0)])
def test_at_most_steps(late, overdue, points):
    assert _line(OVERDUE, _stats(100, 100 - late, late, overdue)).final == points


def test_a_missing_figure_gives_no_points_and_says_so():
    record = {"tthc_stats": {}, "sections": {}, "indicators": {}}
    line = _line(ON_TIME, record)
    assert line.final is None
    assert line.missing == "thiếu số liệu: tỷ lệ hồ sơ giải quyết đúng hạn (%)"
    score = score_unit(criteria_from(_set(ON_TIME)), "Sở Thử", "so", record)
    assert score.total == 0 and score.missing == [
        "1: thiếu số liệu: tỷ lệ hồ sơ giải quyết đúng hạn (%)"]


def test_an_indicator_blank_in_the_report_is_missing_not_zero():
    rule = {"kind": "threshold", "figure": "indicators.full_process_dvc_ratio",
            "steps": [{"at_least": 50, "points": 1}]}
    record = {"indicators": {"full_process_dvc_ratio": {"value": None, "numerator": None,
                                                        "denominator": None}}}
    assert _line(rule, record).final is None
    record["indicators"]["full_process_dvc_ratio"] = {"value": None, "numerator": 3,
                                                      "denominator": 4}
    assert _line(rule, record).final == 1   # counts alone give the rate (75%)


def test_mentions_in_the_section_ignoring_case():
    record = {"sections": {"1": "Ban hành kế hoạch tuyên truyền CCHC năm 2023."}}
    assert _line(PLAN, record).final == 1
    assert _line(PLAN, {"sections": {"1": "Không có nội dung liên quan."}}).final == 0
    missing = _line(PLAN, {"sections": {"2": "…"}})
    assert missing.final is None and missing.missing == "báo cáo không có mục 1"


def test_no_record_means_nothing_computed():
    line = _line(ON_TIME, None)
    assert line.final is None and "chưa có báo cáo" in line.missing


def test_verified_differing_from_self_needs_a_reason():
    cs = criteria_from(_set({"kind": "manual"}))
    given = {"self": {"1": {"points": 2, "evidence": "QĐ số 5/QĐ-SXD"}},
             "verified": {"1": {"points": 1}}}
    with pytest.raises(ValidationFailed) as err:
        score_unit(cs, "Sở Thử", "so", {}, given, path="$.units[0]")
    assert err.value.details == ["$.units[0].verified['1'].reason: điểm thẩm định 1 khác "
                                 "điểm 2 mà không nêu lý do"]
    given["verified"]["1"]["reason"] = "Quyết định công bố chậm 2 tháng"
    line = score_unit(cs, "Sở Thử", "so", {}, given).lines[0]
    assert (line.self_points, line.final, line.differs) == (2, 1, True)


def test_confirming_the_computed_point_against_the_self_score_needs_a_reason():
    """The unit claimed 2 on a computed criterion; the team keeps the computed 0,5: the
    notice must say why the unit's own score was not accepted."""
    cs = criteria_from(_set(ON_TIME))
    given = {"self": {"1": {"points": 2}}, "verified": {"1": {"points": 0.5}}}
    with pytest.raises(ValidationFailed) as err:
        score_unit(cs, "Sở Thử", "so", _stats(100, 96), given)
    assert err.value.details == ["$.verified['1'].reason: điểm thẩm định 0,5 khác điểm tự "
                                 "chấm 2 mà không nêu lý do"]
    given["verified"]["1"]["reason"] = "Tỷ lệ đúng hạn 96%, chưa đạt mức 98%"
    line = score_unit(cs, "Sở Thử", "so", _stats(100, 96), given).lines[0]
    assert (line.computed.points, line.final, line.differs) == (0.5, 0.5, True)


def test_self_scores_above_the_maximum_or_unknown_ids_are_refused():
    cs = criteria_from(_set({"kind": "manual"}))
    with pytest.raises(ValidationFailed) as err:
        score_unit(cs, "Sở Thử", "so", {}, {"self": {"1": {"points": 3}, "9": {"points": 1}}})
    assert "$.self['1'].points: 3 điểm vượt điểm tối đa 2" in err.value.details
    assert "$.self['9']: không có tiêu chí '9' trong bộ tiêu chí" in err.value.details


def test_the_example_set_is_valid_and_every_rule_is_scorable():
    data = examples.load("criteria-iso")
    cs = criteria_from(data)
    assert cs.max_points == 20
    record = examples.load("reports/so-xay-dung")
    score = score_unit(cs, "Sở Xây dựng", "so", record)
    computed = [ln for ln in score.lines if ln.computed is not None]
    assert computed and all(ln.computed.note for ln in computed)


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d["groups"][0]["criteria"][2].update(max_points=4),
     "$.groups[0].criteria[2].max_points: 4 khác tổng điểm tối đa các tiêu chí thành phần (3)"),
    (lambda d: d["groups"][1]["criteria"][0]["rule"].update(figure="stats.bogus"),
     "$.groups[1].criteria[0].rule.figure: không có số liệu 'stats.bogus'"),
    (lambda d: d["groups"][1]["criteria"][0]["rule"]["steps"][0].update(points=9),
     "$.groups[1].criteria[0].rule.steps[0].points: 9 điểm vượt điểm tối đa 3"),
    (lambda d: d["groups"][2]["criteria"][0].update(id="1"),
     "$.groups[2].criteria[0].id: mã tiêu chí '1' bị trùng"),
    (lambda d: d.update(tie_break=["group:IX"]),
     "$.tie_break[0]: không có lĩnh vực 'IX' trong bộ tiêu chí"),
])
def test_bad_criteria_name_the_json_path(change, path):
    data = copy.deepcopy(examples.load("criteria-iso"))
    change(data)
    with pytest.raises(ValidationFailed) as err:
        criteria_from(data, file="bo-tieu-chi.json")
    assert any(d.startswith(path) for d in err.value.details), err.value.details
    assert "bo-tieu-chi.json" in err.value.render()
