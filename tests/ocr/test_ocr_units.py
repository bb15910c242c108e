"""OCR pieces that need no scan: number parsing, warnings, missing Tesseract."""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest

from cchc.core.errors import CchcError
from cchc.core.spec import STATS_KEYS
from cchc.extractors.counts import LOW_CONFIDENCE, parse_count, suggest_count
from cchc.extractors.ocr import pages as ocr
from cchc.extractors.ocr import tesseract
from cchc.extractors.ocr.model import OcrCell, OcrTable
from cchc.extractors.ocr.prep import orientation
from cchc.extractors.ocr.tesseract import parse_tsv
from tests.ocr.formstats import stats_of


@pytest.mark.parametrize("text,expected", [
    ("1.234", (1234, True)), ("1,234", (1234, True)), ("7447", (7447, True)),
    ("0", (0, True)), ("", (None, True)), ("1.23", (None, False)), ("1S", (None, False)),
    ("12.345.678", (12345678, True)), ("§.277", (None, False)),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("I", 1), ("i", 1), ("6.", 6), ("1S", 15), ("O", 0), ("§.277", None), ("abc", None),
])
def test_suggest_count(text, expected):
    assert suggest_count(text) == expected


def _cell(text, conf=96.0, ink=None):
    return OcrCell(text=text, conf=conf if text else None, bbox=(0, 0, 1, 1),
                   ink=bool(text) if ink is None else ink)


def _table(rows):
    return OcrTable(rows=[[_cell(f"({n})") for n in range(1, 17)]] + rows, bbox=(0, 0, 1, 1),
                    header_rows=1, columns=list(range(1, 17)))


def _row(stt, field, numbers, confs=None):
    confs = confs or [96.0] * len(numbers)
    return [_cell(stt), _cell(field)] + [_cell(t, c) for t, c in zip(numbers, confs,
                                                                      strict=True)]


def test_stats_rows_total_and_warnings_name_the_cell():
    numbers = ["12", "8", "3", "0", "1", "6", "5", "1", "6", "6", "0", "0", "0", "1"]
    doubtful = list(numbers)
    doubtful[6] = "2"   # resolved_on_time (column 9), read with low confidence
    doubtful[1] = "1S"  # received_online, not a number
    confs = [96.0] * 14
    confs[6] = LOW_CONFIDENCE - 20
    table = _table([
        _row("1", "Hoạt động xây dựng", numbers),
        [_cell("")] * 16,   # a blank template row
        _row("2", "Quy hoạch - Kiến trúc", doubtful, confs),
        [_cell(""), _cell("Tổng số")] + [_cell(t) for t in numbers],
    ])
    stats, warnings = stats_of(table)
    assert [r["stt"] for r in stats["rows"]] == [1, 2]
    assert stats["rows"][0] == dict(zip(STATS_KEYS, [1, "Hoạt động xây dựng",
                                                     *map(int, numbers)], strict=True))
    assert stats["total"]["received_total"] == 12 and "field" not in stats["total"]
    where = {w["where"]: w for w in warnings}
    assert set(where) == {"tthc_stats.rows[1].resolved_on_time",
                          "tthc_stats.rows[1].received_online"}
    assert all(w["code"] == "ocr.low_confidence" for w in warnings)
    assert "1S" in where["tthc_stats.rows[1].received_online"]["message"]
    assert stats["rows"][1]["received_online"] == 15   # suggested, and flagged above


def test_cell_with_ink_but_no_reading_is_flagged():
    numbers = [""] * 14
    row = _row("1", "Nhà ở", numbers)
    row[4] = _cell("", ink=True)   # column 5
    stats, warnings = stats_of(_table([row]))
    assert stats["rows"][0]["carried_over"] is None
    assert [w["where"] for w in warnings] == ["tthc_stats.rows[0].carried_over"]


def test_parse_tsv_keeps_words_in_nfc():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
           "height\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tHoa\u0300\n"
           "5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t-1\t\n")
    (word,) = parse_tsv(tsv)
    assert word.text == "Hoà" and word.bbox == (10, 20, 40, 60) and word.conf == 91.5


def test_missing_tesseract_names_the_packages(monkeypatch):
    monkeypatch.setattr(tesseract.shutil, "which", lambda name: None)
    with pytest.raises(CchcError) as err:
        tesseract.check_tesseract()
    assert "tesseract-ocr" in str(err.value) and "tesseract-ocr-vie" in str(err.value)


def test_missing_vietnamese_model_names_the_package(tmp_path, monkeypatch):
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages (2):'\necho eng\necho osd\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(CchcError) as err:
        tesseract.check_tesseract()
    assert "tesseract-ocr-vie" in str(err.value)


def test_not_a_pdf_is_a_clear_error(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf")
    with pytest.raises(CchcError) as err:
        ocr.ocr_pdf(bad, jobs=1)
    assert "scan.pdf" in str(err.value)
    with pytest.raises(CchcError):
        ocr.ocr_pdf(tmp_path / "missing.pdf")


def test_blank_page_has_no_orientation_change():
    blank = np.full((800, 600), 255, np.uint8)
    assert orientation(blank, 100)[0] == 0


@pytest.mark.parametrize("label,is_total", [
    ("Tổng số", True), ("Tấng số", True), ("TỔNG CỘNG", True), ("Cộng", True),
    ("Tổng hợp kết quả", False), ("Hoạt động xây dựng", False),
])
def test_total_row_label(label, is_total):
    numbers = ["1"] * 14
    table = _table([_row("1", "Nhà ở", numbers), [_cell(""), _cell(label)]
                    + [_cell(t) for t in numbers]])
    stats, _warnings = stats_of(table)
    assert (stats["total"] is not None) == is_total
    assert len(stats["rows"]) == (1 if is_total else 2)
