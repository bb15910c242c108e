"""The field-name cells are read again on a sheet only where page OCR is in doubt."""

from __future__ import annotations

import cv2
import numpy as np

from cchc.extractors.ocr import cells
from cchc.extractors.ocr.model import OcrCell, OcrTable, OcrWord
from cchc.extractors.ocr.prep import PreparedPage

DPI = 200


def _page_and_table() -> tuple[PreparedPage, OcrTable]:
    """Two data rows whose field cells each hold two words of ink."""
    text = np.full((200, 600), 255, np.uint8)
    rows = []
    for r, y in enumerate((10, 110)):
        cv2.rectangle(text, (220, y + 30), (300, y + 60), 0, -1)   # first word's ink
        cv2.rectangle(text, (330, y + 30), (420, y + 60), 0, -1)   # second word's ink
        rows.append([OcrCell("1", 95.0, (0, y, 200, y + 90)),
                     OcrCell(f"Tư pháp {r}", 95.0, (200, y, 500, y + 90), ink=True)])
    blank = np.zeros_like(text)
    page = PreparedPage(binary=text, text=text, gray=text, h_lines=blank, v_lines=blank,
                        dpi=DPI, turn=0, skew=0.0)
    return page, OcrTable(rows=rows, bbox=(0, 0, 600, 200), header_rows=0, columns=[1, 2])


def _sheets(monkeypatch) -> list[int]:
    calls: list[int] = []

    def fake(crops, dpi, exe, lang=cells.DIGITS_LANG, sep=""):
        calls.append(len(crops))
        return [("Tư pháp x", 96.0)] * len(crops)

    monkeypatch.setattr(cells, "_read_sheet", fake)
    return calls


def _word(text: str, box, conf: float = 95.0) -> OcrWord:
    return OcrWord(text, box, conf, (1, 1, 1))


def test_cells_read_surely_by_the_page_need_no_sheet(monkeypatch):
    page, table = _page_and_table()
    words = [w for y in (10, 110) for w in (_word("Tư", (220, y + 30, 300, y + 60)),
                                             _word("pháp", (330, y + 30, 420, y + 60)))]
    calls = _sheets(monkeypatch)
    cells.read_field_cells(page, table, "tesseract", words)
    assert calls == []
    assert [row[1].text for row in table.rows] == ["Tư pháp 0", "Tư pháp 1"]


def test_a_skipped_word_or_a_low_confidence_sends_only_that_cell_to_the_sheet(monkeypatch):
    page, table = _page_and_table()
    words = [_word("Tư", (220, 40, 300, 70)),                    # "pháp" skipped
             _word("Tư", (220, 140, 300, 170)), _word("pháp", (330, 140, 420, 170))]
    calls = _sheets(monkeypatch)
    cells.read_field_cells(page, table, "tesseract", words)
    assert calls == [1]
    assert [row[1].text for row in table.rows] == ["Tư pháp x", "Tư pháp 1"]

    page, table = _page_and_table()
    words[0:1] = [_word("Tư", (220, 40, 300, 70)), _word("pháp", (330, 40, 420, 70), 60.0)]
    calls = _sheets(monkeypatch)
    cells.read_field_cells(page, table, "tesseract", words)
    assert calls == [1]
