"""Round trip: the outline and statistics form `cchc generate` writes, filled with
data and extracted again, give back exactly that data."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cchc.extractors import extract_file
from tests.conftest import ROOT, run_cli
from tests.corpus.truth import COUNTS, STATS_ROWS, stats_row, stats_total

ROWS = [stats_row(i + 1, r) for i, r in enumerate(STATS_ROWS)]
INDICATORS = {k: {"value": round(n / d * 100, 2), "numerator": n, "denominator": d}
              for k, (n, d) in COUNTS.items()}
INDICATORS["document_reuse_ratio"] = {"value": 25.5, "numerator": None, "denominator": None}
INDICATORS["smartphone_ratio"] = {"value": None, "numerator": None, "denominator": None}
RECORD = {
    "kind": "unit_report", "schema_version": 1,
    "source": {"file": "du-lieu.json", "format": "json"},
    "unit": {"name": "UBND huyện Yên Dũng"},
    "document": {"number": "211/BC-UBND", "date": "2023-05-10", "place": "Yên Dũng"},
    "period": {"from": "2022-12-15", "to": "2023-05-14"},
    "sections": {}, "indicators": INDICATORS,
    "investment": {"budget_assigned_vnd": 1500000000, "spent_vnd": 820500000},
    "tthc_stats": {"rows": ROWS, "total": stats_total(ROWS)},
    "warnings": [],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("roundtrip")
    (tmp / "report.json").write_text(json.dumps(RECORD, ensure_ascii=False), "utf-8")
    stats = json.loads((ROOT / "cchc" / "examples" / "stats.json").read_text("utf-8"))
    stats.update(rows=ROWS, total=stats_total(ROWS), blank_rows=0,
                 period=RECORD["period"])
    (tmp / "stats.json").write_text(json.dumps(stats, ensure_ascii=False), "utf-8")
    bad = copy.deepcopy(stats)
    bad["rows"][0]["received_total"] += 5
    (tmp / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    for args in (["outline", str(ROOT / "cchc" / "examples" / "outline.json"), "--fill",
                  str(tmp / "report.json"), "-o", str(tmp / "de-cuong.docx"), "--pdf"],
                 ["stats-form", str(tmp / "stats.json"), "-o", str(tmp / "bieu.xlsx")],
                 ["stats-form", str(tmp / "bad.json"), "-o", str(tmp / "sai.xlsx")]):
        proc = run_cli("generate", *args, timeout=300)
        assert proc.returncode == 0, proc.stderr
    return {"docx": tmp / "de-cuong.docx", "pdf": tmp / "de-cuong.pdf",
            "xlsx": tmp / "bieu.xlsx", "bad": tmp / "sai.xlsx", "stats": stats}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_filled_outline_gives_back_the_data(generated, fmt):
    record = extract_file(generated[fmt])
    assert record["indicators"] == INDICATORS
    assert record["investment"] == RECORD["investment"]
    assert record["tthc_stats"] == RECORD["tthc_stats"]
    assert record["period"] == RECORD["period"]
    assert list(record["sections"]) == ["1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "5.4",
                                        "5.5", "5.6", "6", "7", "8", "9"]
    assert [w for w in record["warnings"] if not w["code"].startswith("outline.")] == []


def test_filled_stats_form_gives_back_the_data(generated):
    record = extract_file(generated["xlsx"])
    assert record["tthc_stats"] == RECORD["tthc_stats"]
    assert record["period"] == RECORD["period"]
    assert record["unit"]["name"] == generated["stats"]["unit"]["name"]
    assert record["warnings"] == []


def test_contradiction_written_into_the_form_comes_back_as_a_warning(generated):
    record = extract_file(generated["bad"])
    assert record["tthc_stats"]["rows"][0]["received_total"] == ROWS[0]["received_total"] + 5
    where = {(w["code"], w["where"]) for w in record["warnings"]}
    assert ("stats.sum_mismatch", "tthc_stats.rows[0].received_total") in where
