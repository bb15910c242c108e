"""The one home of the statistics arithmetic: a null count is unknown, never 0."""

from __future__ import annotations

from cchc.core.figures import column_sums, key_figures, stats_totals, total_of
from cchc.core.spec import COUNT_KEYS
from cchc.extractors.interpret.checks import stats_warnings
from cchc.generator.context import stats_context


def _row(**counts):
    return {"stt": 1, "field": "Đất đai", **{k: counts.get(k, 0) for k in COUNT_KEYS}}


def test_total_of_is_unknown_when_any_count_is():
    assert total_of([1, 2, 3]) == 6
    assert total_of([0, 0]) == 0
    assert total_of([1, None, 3]) is None
    assert total_of([]) is None


def test_column_sums_and_totals_agree_everywhere():
    rows = [_row(received_total=10, resolved_total=4), _row(received_total=5, resolved_total=None)]
    sums = column_sums(rows)
    assert sums["received_total"] == 15 and sums["resolved_total"] is None
    record = {"tthc_stats": {"rows": rows, "total": None}}
    assert stats_totals(record) == sums
    assert key_figures(record)["on_time_rate"] is None  # 9/8 with 8 unknown
    printed = stats_context({"rows": rows})["total"]
    assert printed["received_total"] == "15" and printed["resolved_total"] == ""


def test_checks_read_an_unknown_part_as_unknown_not_zero():
    row = _row(received_total=10, received_online=4, carried_over=None, received_direct=6)
    codes = [w["code"] for w in stats_warnings({"rows": [row], "total": None})]
    assert "stats.sum_mismatch" not in codes  # 4 + ? + 6 + 0 may well be 10
    row["carried_over"] = 1
    codes = [w["code"] for w in stats_warnings({"rows": [row], "total": None})]
    assert codes.count("stats.sum_mismatch") == 1


def test_the_printed_total_is_compared_only_with_a_known_sum():
    rows = [_row(received_total=3), _row(received_total=None)]
    total = {k: 0 for k in COUNT_KEYS} | {"received_total": 99}
    warnings = stats_warnings({"rows": rows, "total": total})
    assert not [w for w in warnings if w["code"] == "stats.total_mismatch"]
    rows[1]["received_total"] = 4
    warnings = stats_warnings({"rows": rows, "total": total})
    assert [w["where"] for w in warnings if w["code"] == "stats.total_mismatch"] == [
        "tthc_stats.total.received_total"]
