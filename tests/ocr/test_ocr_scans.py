"""OCR of scans the project made itself, compared with the originals cell by cell."""

from __future__ import annotations

import difflib

import pytest

from cchc.core.spec import COUNT_KEYS
from cchc.extractors.ocr.pages import pages_without_text
from cchc.extractors.ocr.stats import find_stats_table, find_stats_tables, ocr_summary
from cchc.extractors.tools.synthetic_scans import FIELDS, totals
from tests.ocr.conftest import SCANS
from tests.ocr.formstats import stats_of

NUMBER_KEYS = ("stt", *COUNT_KEYS)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _expected_turn(turn: int) -> int:
    """The scan turned the page ``turn`` degrees counter-clockwise; OCR must undo it."""
    return (360 - turn) % 360


def _compare(table, rows):
    """(numbers right, numbers total, wrong cells without a warning)."""
    stats, warnings = stats_of(table)
    flagged = {w["where"] for w in warnings}
    assert len(stats["rows"]) == len(rows)
    right = total = 0
    silent = []
    expected = [(f"tthc_stats.rows[{i}]", got, want, NUMBER_KEYS)
                for i, (got, want) in enumerate(zip(stats["rows"], rows, strict=True))]
    expected.append(("tthc_stats.total", stats["total"] or {}, totals(rows), COUNT_KEYS))
    for base, got, want, keys in expected:
        for key in keys:
            total += 1
            if got.get(key) == want[key]:
                right += 1
            elif f"{base}.{key}" not in flagged:
                silent.append((f"{base}.{key}", got.get(key), want[key]))
    for got, want in zip(stats["rows"], rows, strict=True):
        assert _similar(got["field"] or "", want["field"]) >= 0.85, (got["field"], want["field"])
    return right, total, silent


def test_scans_have_no_text_layer(scans, report):
    assert pages_without_text(scans["std200"]) == [0, 1, 2]
    assert pages_without_text(report["pdf"]) == []


def test_table_numbers_match_the_originals(ocr_results, report):
    """At least 98% of the table numbers right, and every wrong one flagged."""
    right = total = 0
    silent = []
    tables = 0
    for name, document in ocr_results.items():
        for page in document.pages:
            for table in page.tables:
                if not table.header_rows:
                    continue
                tables += 1
                r, t, s = _compare(table, report["rows"])
                right, total = right + r, total + t
                silent += [(name, page.number, *x) for x in s]
    table_pages = sum(1 for _n, (_d, plan) in SCANS.items() for i, _h in plan if i == 1)
    assert tables == table_pages
    assert right / total >= 0.98, f"{right}/{total}"
    assert silent == []


@pytest.mark.parametrize("name", list(SCANS))
def test_pages_turned_and_levelled(ocr_results, name):
    _dpi, plan = SCANS[name]
    document = ocr_results[name]
    assert [p.number for p in document.pages] == list(range(1, len(plan) + 1))
    for page, (_index, how) in zip(document.pages, plan, strict=True):
        assert page.turn == _expected_turn(how.turn), page.number
        # The scan rotated the page by `skew` (counter-clockwise) before turning it.
        assert abs(page.skew + how.skew) <= 0.3, (page.number, page.skew)


def test_text_page_lines(ocr_results):
    page = ocr_results["std200"].pages[0]
    texts = [line[0] for line in page.lines]
    for wanted in ("SỞ XÂY DỰNG", "Số: 125/BC-SXD", "Bắc Giang, ngày 10 tháng 5 năm 2023",
                   "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"):
        best = max(_similar(wanted, t) for t in texts)
        assert best >= 0.9, (wanted, texts)
    assert page.tables == []
    upside_down = ocr_results["low150"].pages[2]
    assert any(_similar("SỞ XÂY DỰNG", t[0]) >= 0.9 for t in upside_down.lines)


def test_table_without_ruling_lines(ocr_results):
    (page,) = ocr_results["plain200"].pages
    (table,) = page.tables
    assert table.source == "positions"
    assert table.columns == list(range(1, 17))


def test_table_page_lines_exclude_the_table(ocr_results):
    page = ocr_results["std200"].pages[1]
    texts = " ".join(line[0] for line in page.lines)
    assert "THỦ TỤC HÀNH CHÍNH" in texts
    assert not any(f in texts for f in FIELDS)


def test_mean_confidence_is_reported(ocr_results):
    document = ocr_results["std200"]
    summary = ocr_summary(document)
    assert summary["used"] is True and summary["pages"] == 3
    assert 70 <= summary["mean_confidence"] <= 100
    assert find_stats_table(document) is document.pages[1].tables[0]


@pytest.fixture(scope="module")
def hi300_alone(scans):
    from cchc.extractors.ocr.reading import read_scan

    return read_scan(scans["hi300"], jobs=1)


def test_one_job_gives_the_same_table(hi300_alone, ocr_results):
    alone = hi300_alone.document
    pooled = ocr_results["hi300"]
    assert stats_of(alone.pages[0].tables[0]) == stats_of(
        pooled.pages[0].tables[0])


def test_read_scan_gives_record_parts(scans, report):
    from cchc.extractors.ocr.reading import read_scan
    from cchc.schemas.validate import errors

    reading = read_scan(scans["hi300"], jobs=1)
    assert "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in reading.text
    assert "Từ ngày 15/12/2022 đến ngày 14/5/2023" in reading.text
    stats, _ = stats_of(*find_stats_tables(reading.document))
    assert [r["stt"] for r in stats["rows"]] == list(range(1, 8))
    assert reading.warnings[0]["code"] == "ocr.used"
    assert reading.ocr["used"] is True and reading.ocr["pages"] == 1
    record = {"kind": "unit_report", "schema_version": 1,
              "source": {"file": "scan.pdf", "format": "pdf", "sha256": "0" * 64,
                         "ocr": reading.ocr},
              "unit": {"name": None}, "document": {}, "sections": {}, "indicators": {},
              "tthc_stats": stats, "warnings": reading.warnings}
    assert [e for e in errors("report", record) if "source" in e or "warnings" in e
            or "tthc_stats" in e] == []


def test_scanned_record_matches_the_docx_record(ocr_results, report):
    """The scan, read through the extractor's interpreter, gives the DOCX's record."""
    from cchc.extractors import extract_file
    from cchc.extractors.ocr.reading import reading_of
    from cchc.extractors.ocr.to_document import document_of
    from cchc.extractors.record import interpret
    from cchc.schemas.validate import check

    original = extract_file(report["docx"])
    doc = document_of(reading_of(ocr_results["std200"]))
    source = {"file": "scan.pdf", "format": "pdf", "sha256": "0" * 64, "ocr": doc.meta["ocr"]}
    record = interpret(doc, source=source)
    record["warnings"] = doc.meta["ocr_warnings"] + record["warnings"]
    check("report", record)
    for key in ("unit", "document", "period"):
        assert record[key] == original[key], key
    assert set(record["sections"]) == set(original["sections"])
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "ocr.low_confidence"}
    got, want = record["tthc_stats"], original["tthc_stats"]
    assert len(got["rows"]) == len(want["rows"])
    for i, (g, w) in enumerate(zip(got["rows"], want["rows"], strict=True)):
        for key in NUMBER_KEYS:
            assert g[key] == w[key] or f"tthc_stats.rows[{i}].{key}" in flagged, (i, key)
        assert _similar(g["field"], w["field"]) >= 0.85
    for key in COUNT_KEYS:
        assert got["total"][key] == want["total"][key] or f"tthc_stats.total.{key}" in flagged
    assert record["source"]["ocr"]["used"] is True
