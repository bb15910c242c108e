"""A unit report written by cchc from a record extracts back to the same record."""

from __future__ import annotations

import json

import pytest

from cchc import examples
from tests.conftest import run_cli

REPORTS = sorted((examples.HERE / "reports").glob("*.json"))


@pytest.mark.parametrize("record_path", REPORTS, ids=lambda p: p.stem)
def test_generated_report_extracts_to_its_record(tmp_path, record_path):
    out = tmp_path / f"{record_path.stem}.docx"
    made = run_cli("generate", "report", record_path, "--outline", examples.path("outline"),
                   "-o", out, "--parent", "UBND TỈNH BẮC GIANG")
    assert made.returncode == 0, made.stderr
    extracted = run_cli("extract", out)
    assert extracted.returncode == 0, extracted.stderr
    got = json.loads(extracted.stdout)
    want = json.loads(record_path.read_text(encoding="utf-8"))
    assert got["unit"]["name"] == want["unit"]["name"]
    assert got["document"] == want["document"]
    assert got["period"] == want["period"]
    blank = {"value": None, "numerator": None, "denominator": None}
    for key, value in want["indicators"].items():
        assert got["indicators"].get(key, blank) == value, key
    # the outline's other blanks were printed empty and come back as nulls
    assert all(got["indicators"][k] == blank for k in set(got["indicators"]) - set(
        want["indicators"]))
    assert got["investment"] == want["investment"]
    assert got["tthc_stats"]["rows"] == want["tthc_stats"]["rows"]
    assert [w for w in got["warnings"] if w["code"].startswith("stats.")] == []
