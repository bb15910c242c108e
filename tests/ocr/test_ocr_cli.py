"""`cchc extract` reads a scanned report through OCR, end to end."""

from __future__ import annotations

import json

from cchc.core.spec import COUNT_KEYS
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


def test_typed_report_with_a_scanned_table_page(report, scans, tmp_path):
    """Page 1 typed (text layer), page 2 the statistics table printed, stamped and
    scanned: the record has the typed header and the scanned table."""
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(report["pdf"])), [0])
    mixed.import_pages(pdfium.PdfDocument(str(scans["std200"])), [1])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    result = run_cli("extract", path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    original = json.loads(run_cli("extract", report["docx"]).stdout)
    assert record["unit"] == original["unit"] and record["document"] == original["document"]
    assert record["source"]["ocr"]["pages"] == 1
    assert "source.pages_without_text" not in {w["code"] for w in record["warnings"]}
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "ocr.low_confidence"}
    rows = record["tthc_stats"]["rows"]
    assert len(rows) == len(original["tthc_stats"]["rows"])
    for i, (got, want) in enumerate(zip(rows, original["tthc_stats"]["rows"], strict=True)):
        for key in COUNT_KEYS:
            assert got[key] == want[key] or f"tthc_stats.rows[{i}].{key}" in flagged, (i, key)
