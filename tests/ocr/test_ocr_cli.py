"""`cchc extract` reads a scanned report through OCR, end to end."""

from __future__ import annotations

import json

from cchc.spec import COUNT_KEYS
from tests.conftest import run_cli


def test_extract_command_reads_a_scan(report, scans):
    result = run_cli("extract", scans["std200"], "--jobs", "2")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    original = json.loads(run_cli("extract", report["docx"]).stdout)
    assert record["source"]["format"] == "pdf"
    assert record["source"]["ocr"]["used"] is True
    assert 0 < record["source"]["ocr"]["mean_confidence"] <= 100
    assert record["unit"] == original["unit"] and record["document"] == original["document"]
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "ocr.low_confidence"}
    rows = record["tthc_stats"]["rows"]
    assert len(rows) == len(original["tthc_stats"]["rows"])
    right = total = 0
    for i, (got, want) in enumerate(zip(rows, original["tthc_stats"]["rows"], strict=True)):
        for key in COUNT_KEYS:
            total += 1
            right += got[key] == want[key]
            assert got[key] == want[key] or f"tthc_stats.rows[{i}].{key}" in flagged, (i, key)
    assert right / total >= 0.98
