"""One interpreter of the statistics form (issue 19): the same table typed in Word and
read by OCR gives the same ``tthc_stats``, group labels included. The typed table goes
through the DOCX-like model with the form's header; the scanned one as OCR's cells with
their confidence, through the OCR reader's geometry. Each variant is an office habit."""

from __future__ import annotations

import pytest

from cchc.core.spec import STATS_HEADER, STATS_HEADER_ROWS, STATS_KEYS
from cchc.extractors.interpret.stats_table import find_stats
from cchc.extractors.model import Table
from cchc.extractors.ocr.model import OcrCell, OcrTable
from cchc.extractors.ocr.stats import form_tables


def _counts(first: int) -> list[str]:
    """A row whose figures add up: received = online + carried + direct + postal, …"""
    return [str(v) for v in (first, first - 3, 1, 1, 1, first - 1, first - 2, 1, 1, 1, 0,
                             0, 0, 0)]


def _sum(rows: list[list[str]]) -> list[str]:
    return [str(sum(int(r[c]) for r in rows)) for c in range(2, 16)]


def _data(*items) -> list[list[str]]:
    return [[stt, field, *_counts(first)] for stt, field, first in items]


PLAIN = _data(("1", "Đất đai", 40), ("2", "Hộ tịch", 25), ("3", "Chứng thực", 12))
GROUPED = ([["I", "Lĩnh vực Tư pháp"] + [""] * 14] + _data(("1", "Hộ tịch", 25),
                                                             ("2", "Chứng thực", 12))
           + [["II", "Lĩnh vực Đất đai"] + [""] * 14] + _data(("1", "Đất đai", 40)))
LEVELS = ([["I", "CẤP HUYỆN"] + [""] * 14] + _data(("1", "Đất đai", 40), ("2", "Xây dựng", 9))
          + [["II", "CẤP XÃ"] + [""] * 14] + _data(("1", "Hộ tịch", 30)))
RESTARTED = _data(("1", "Đăng ký biến động", 40), ("2", "Cấp giấy chứng nhận", 12))
SUBTOTAL = [["1", "Lĩnh vực Đất đai", *_sum(RESTARTED)]] + RESTARTED
VARIANTS = {
    "a sub-total over a numbering that starts again": SUBTOTAL,
    "total last": PLAIN + [["", "Tổng số", *_sum(PLAIN)]],
    "total first": [["", "Tổng cộng", *_sum(PLAIN)]] + PLAIN,
    "no total": PLAIN,
    "groups of fields": GROUPED + [["", "Tổng số", *_sum(_data(("1", "", 25), ("2", "", 12),
                                                                ("1", "", 40)))]],
    "levels": LEVELS,
    "blank template rows": PLAIN + [["4", ""] + [""] * 14, ["", ""] + [""] * 14],
    "không for nothing": [["1", "Đất đai", "25", "25", "không", "không", "không", "18", "18",
                           "không", "7", "7", "không", "không", "không", "không"]],
    "dashes for nothing": [["1", "Đất đai", "12", "-", "-", "12", "-", "12", "12", "-",
                            "-", "-", "-", "-", "-", "-"]],
}


def _typed(rows: list[list[str]]) -> Table:
    """The form as Word holds it: the merged three-row header, the numbering row, data."""
    header = [[""] * 16 for _ in range(STATS_HEADER_ROWS)]
    for cell in STATS_HEADER:
        for r in range(cell.row - 1, cell.row - 1 + cell.rowspan):
            for c in range(cell.col - 1, cell.col - 1 + cell.colspan):
                header[r][c] = cell.text
    numbering = [f"({n})" for n in range(1, 17)]
    return Table(rows=header + [numbering] + [list(r) for r in rows])


def _scanned(rows: list[list[str]]) -> OcrTable:
    def cell(text: str) -> OcrCell:
        return OcrCell(text=text, conf=95.0 if text else None, bbox=(0, 0, 1, 1),
                       ink=bool(text))
    head = [[cell(f"({n})") for n in range(1, 17)]]
    return OcrTable(rows=head + [[cell(t) for t in r] for r in rows], bbox=(0, 0, 10, 10),
                    header_rows=1, columns=list(range(1, 17)))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_typed_and_scanned_tables_give_the_same_record(variant):
    rows = VARIANTS[variant]
    typed_notes: list[dict] = []
    typed, _ = find_stats([_typed(rows)], typed_notes)
    scanned_notes: list[dict] = []
    scanned, _ = find_stats(form_tables([_scanned(rows)]), scanned_notes)
    assert typed is not None and scanned is not None
    assert scanned == typed
    assert typed["rows"], "no data rows read"
    assert not typed_notes and not scanned_notes


def test_group_labels_survive_the_scan():
    scanned, _ = find_stats(form_tables([_scanned(GROUPED)]), [])
    assert [r.get("group") for r in scanned["rows"]] == [
        "Lĩnh vực Tư pháp", "Lĩnh vực Tư pháp", "Lĩnh vực Đất đai"]


def test_a_page_scanned_twice_is_read_once_on_either_path():
    """The OCR reader maps each page's part itself; the interpreter sees the repeat."""
    parts = [_scanned(PLAIN), _scanned(PLAIN)]
    notes: list[dict] = []
    scanned, _ = find_stats(form_tables(parts), notes)
    assert len(scanned["rows"]) == len(PLAIN)
    assert [n["code"] for n in notes] == ["stats.repeated_table"]


def test_columns_the_scan_did_not_find_stay_unknown():
    table = _scanned(PLAIN)
    table.columns[5] = None  # OCR could not tell which column the sixth one is
    scanned, _ = find_stats(form_tables([table]), [])
    key = STATS_KEYS[5]
    assert all(r[key] is None for r in scanned["rows"])  # unknown, never 0


def test_a_scanned_row_of_khong_as_the_english_model_spells_it_is_a_data_row():
    """The number cells are read with the English model, which writes "không" as "khéng"
    or "khdng": a row holding it in many cells is a row of zeros, not a note."""
    row = ["4", "Tài nguyên nước", "25", "25", "khéng", "khdng", "khong", "18", "18",
           "khéng", "7", "7", "khéng", "khéng", "khéng", "khéng"]
    scanned, _ = find_stats(form_tables([_scanned(PLAIN + [row])]), [])
    assert len(scanned["rows"]) == len(PLAIN) + 1
    assert scanned["rows"][-1]["carried_over"] == 0 and scanned["rows"][-1]["received_total"] == 25


def test_a_sub_total_over_rows_numbered_from_1_again_is_their_group():
    for read in (lambda rows: [_typed(rows)], lambda rows: form_tables([_scanned(rows)])):
        stats, _ = find_stats(read(SUBTOTAL), [])
        assert [(r.get("group"), r["field"]) for r in stats["rows"]] == [
            ("Lĩnh vực Đất đai", "Đăng ký biến động"), ("Lĩnh vực Đất đai", "Cấp giấy chứng nhận")]


def test_a_field_name_ocr_was_unsure_of_is_flagged_and_a_sure_one_is_not():
    table = _scanned(PLAIN)
    table.rows[2][1] = OcrCell(text="Diwrfc nhẫm", conf=41.0, bbox=(0, 0, 1, 1), ink=True)
    notes: list[dict] = []
    find_stats(form_tables([table]), notes)
    assert [(n["code"], n["where"]) for n in notes] == [
        ("ocr.low_confidence", "tthc_stats.rows[1].field")]
