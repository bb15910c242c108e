"""One validator: the checks the extractor writes into a record are the ones
``record_warnings`` finds on that record again (the units' online form runs the
latter on what a unit types, issue 25)."""

from __future__ import annotations

import json
from pathlib import Path

from cchc import examples
from cchc.extractors import extract_file, record_warnings
from cchc.generator.documents import render_report

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("stats.sum_mismatch", "stats.total_mismatch", "indicator.ratio_mismatch",
          "indicator.count_exceeds", "outline.section_missing", "outline.indicator_missing")


def _pairs(warnings) -> set[tuple[str, str]]:
    return {(w["code"], w["where"]) for w in warnings if w["code"] in CHECKS}


def test_the_form_and_the_extractor_warn_alike(tmp_path):
    record = json.loads((ROOT / "cchc" / "examples" / "reports" / "so-xay-dung.json")
                        .read_text(encoding="utf-8"))
    record["indicators"]["full_process_dvc_ratio"].update(value=8.55, numerator=171,
                                                          denominator=200)
    row = record["tthc_stats"]["rows"][0]
    row["received_total"] += 1                       # a row that does not add up
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(render_report(record, examples.load("outline")))
    extracted = extract_file(path)
    written = _pairs(extracted["warnings"])
    assert ("indicator.ratio_mismatch", "indicators.full_process_dvc_ratio") in written
    assert ("stats.sum_mismatch", "tthc_stats.rows[0].received_total") in written
    assert _pairs(record_warnings(extracted, district=False)) == written
