"""The archive's fast record check agrees with the shared validator."""

from __future__ import annotations

import copy

import pytest
from archive_records import make_record

from cchc.archive.validation import report_is_valid
from cchc.schemas.validate import errors


def broken(path: list, value) -> dict:
    record = make_record("Sở Xây dựng")
    node = record
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return record


CASES = [
    make_record("Sở Xây dựng"),
    make_record("Sở Xây dựng", full_process=None, rows=[]),
    broken(["indicators", "full_process_dvc_ratio", "value"], "85%"),
    broken(["indicators", "no_such_indicator"], {"value": 1, "numerator": None,
                                                 "denominator": None}),
    broken(["document", "date"], "2023-13-45"),
    broken(["document"], KeyError),
    broken(["tthc_stats", "rows", 0, "received_total"], -1),
    broken(["tthc_stats", "total"], "không"),
    broken(["sections", "10"], "Mục lạ"),
    broken(["warnings"], [{"code": "Sai", "where": "x", "message": "m"}]),
    broken(["source", "format"], "odt"),
    broken(["unit", "name"], None),
]


@pytest.mark.parametrize("record", CASES)
def test_fast_check_agrees_with_shared_validator(record):
    assert report_is_valid(copy.deepcopy(record)) == (errors("report", record) == [])


def test_cases_include_both_outcomes():
    outcomes = {report_is_valid(r) for r in CASES}
    assert outcomes == {True, False}
