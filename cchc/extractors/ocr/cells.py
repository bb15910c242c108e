"""Read a statistics table's number cells as one "cell sheet".

Page-level OCR reads a dense grid of small numbers poorly: it merges neighbours,
skips lone digits and reads 4 as A. Each number cell's ink is cut out, enlarged to
a comfortable size and stacked one per line on a blank sheet, which Tesseract then
reads in a single call with the English model (which, unlike the Vietnamese one,
does not drop a repeated digit: "22" stays "22"); each line maps back to its cell
by position. No character whitelist: a misread then shows as a letter ("1S") and
is flagged, where a whitelist would silently turn it into another number.
"""

from __future__ import annotations

import cv2
import numpy as np

from cchc.extractors.counts import LOW_CONFIDENCE, parse_count
from cchc.extractors.ocr.model import OcrCell, OcrTable, OcrWord
from cchc.extractors.ocr.prep import PreparedPage
from cchc.extractors.ocr.table import Grid
from cchc.extractors.ocr.tesseract import DIGITS_LANG, LANG, run_tesseract

TARGET_DPI = 200
GAP = 28           # blank pixels between stacked cells
PAD = 4            # pixels trimmed inside a cell's borders


def numeric_columns(table: OcrTable) -> set[int]:
    """Grid columns holding counts: the form's column 1 (STT) and 3–16."""
    return {i for i, n in enumerate(table.columns) if n is not None and n != 2}


def sheet_slots(grid: Grid, all_rows: bool = False) -> list[tuple[int, int]]:
    """Cells to read on the sheet: the short rows at the bottom of a wide table
    (numbering row, data rows, total row), every column but the widest (the field
    names, which need the Vietnamese model). Tables of fewer than 14 columns are
    not the statistics form and are left to page OCR."""
    ncols = len(grid.xs) - 1
    if ncols < 14:
        return []
    heights = [b - a for a, b in zip(grid.ys, grid.ys[1:], strict=False)]
    limit = float("inf") if all_rows else 2.5 * min(heights)
    rows = []
    for r in range(len(heights) - 1, -1, -1):
        if heights[r] > limit:
            break
        rows.append(r)
    widths = [b - a for a, b in zip(grid.xs, grid.xs[1:], strict=False)]
    field = int(np.argmax(widths))
    if widths[field] < 1.2 * float(np.median(widths)):
        field = 1  # no column stands out: the form's order, STT then field names
    return [(r, c) for r in sorted(rows) for c in range(ncols) if c != field]


def read_slots(page: PreparedPage, grid: Grid, slots: list[tuple[int, int]], exe: str,
               ) -> dict[tuple[int, int], OcrCell]:
    """Read the slots' cells on one sheet; returns finished cells by (row, col)."""
    scale = max(1.0, TARGET_DPI / page.dpi)
    cells: dict[tuple[int, int], OcrCell] = {}
    todo, boxes = [], []
    for r, c in slots:
        cell = OcrCell(text="", conf=None, bbox=grid.cell_box(r, c))
        cells[(r, c)] = cell
        box = _ink_box(page, cell)
        if box is not None:
            cell.ink = True
            todo.append(cell)
            boxes.append(box)
    if todo:
        readings = _read_sheet([_crop(page.text, b, scale) for b in boxes],
                               int(page.dpi * scale), exe)
        for cell, box, (text, conf) in zip(todo, boxes, readings, strict=True):
            cell.text, cell.conf = text, conf
            if not text and _is_dash(box, page.dpi):
                cell.text = "-"  # the form's "nothing arose"; Tesseract reads no lone dash
    return cells


def _is_dash(box: tuple[int, int, int, int], dpi: int) -> bool:
    """Ink that is one short flat stroke: a dash, which no digit looks like."""
    x0, y0, x1, y1 = box
    height, width = y1 - y0 - 6, x1 - x0 - 6  # the box has 3 pixels of margin each side
    return 0 < height <= dpi / 25 and width >= max(4, 2 * height)  # a hyphen is 7 × 3 px


def mask_slots(image: np.ndarray, grid: Grid, slots: list[tuple[int, int]]) -> None:
    """Blank the slots' cells so page OCR does not read them a second time."""
    for r, c in slots:
        x0, y0, x1, y1 = grid.cell_box(r, c)
        image[y0:y1, x0:x1] = 255


def _ink_box(page: PreparedPage, cell: OcrCell) -> tuple[int, int, int, int] | None:
    """The box of the cell's real marks; specks (salt, JPEG dust) neither count nor
    stretch the box, so a stray dot does not become a decimal point."""
    x0, y0, x1, y1 = cell.bbox
    inner = page.text[y0 + PAD:y1 - PAD, x0 + PAD:x1 - PAD]
    if inner.size == 0:
        return None
    ink = np.where(inner < 128, 255, 0).astype(np.uint8)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    min_area = max(8, int((page.dpi / 60) ** 2))
    big = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= min_area]
    if not big:
        return None
    left = min(stats[i, cv2.CC_STAT_LEFT] for i in big)
    top = min(stats[i, cv2.CC_STAT_TOP] for i in big)
    right = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in big)
    bottom = max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in big)
    m = 3
    return (x0 + PAD + max(0, left - m), y0 + PAD + max(0, top - m),
            x0 + PAD + right + m, y0 + PAD + bottom + m)


def _read_sheet(crops: list[np.ndarray], dpi: int, exe: str, lang: str = DIGITS_LANG,
                sep: str = "") -> list[tuple[str, float | None]]:
    """Stack crops one per line, read once; (text, min confidence) per crop.

    Numbers (``sep=""``) join their pieces left to right; text (``sep=" "``) keeps
    the crop's own lines in order."""
    width = max(c.shape[1] for c in crops) + 2 * GAP
    height = sum(c.shape[0] + GAP for c in crops) + GAP
    sheet = np.full((height, width), 255, np.uint8)
    spans = []
    y = GAP
    for crop in crops:
        h, w = crop.shape
        sheet[y:y + h, GAP:GAP + w] = crop
        spans.append((y - GAP // 2, y + h + GAP // 2))
        y += h + GAP
    words = run_tesseract(sheet, dpi, exe, psm=6, lang=lang)
    found: dict[int, list] = {}
    starts = [a for a, _b in spans]
    for w in words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        i = int(np.searchsorted(starts, cy, side="right")) - 1
        if 0 <= i < len(spans) and cy < spans[i][1]:
            found.setdefault(i, []).append(w)
    out = []
    for i in range(len(crops)):
        key = (lambda w: w.bbox[0]) if not sep else (lambda w: (w.line, w.bbox[0]))
        ws = sorted(found.get(i, []), key=key)
        out.append((sep.join(w.text for w in ws), min((w.conf for w in ws), default=None)))
    return out


def _crop(image: np.ndarray, box, scale: float) -> np.ndarray:
    x0, y0, x1, y1 = box
    crop = image[y0:y1, x0:x1]
    if scale != 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return crop


def _doubtful(text: str, conf: float | None) -> bool:

    value, readable = parse_count(text)
    return not readable or value is None or conf is None or conf < LOW_CONFIDENCE


def retry_doubtful(page: PreparedPage, table: OcrTable, exe: str) -> None:
    """A second reading for number cells still in doubt (not a number, low confidence).

    It comes from the gray image at a larger size. Two confident readings of the
    same number clear the doubt. A second reading that fills in an unreadable first
    one is kept, but with the first reading's low confidence, so the cell is still
    flagged: a second opinion may help the reader, never hide a doubt.
    """

    cols = numeric_columns(table)
    doubtful, boxes = [], []
    for r in range(table.header_rows, len(table.rows)):
        for c in sorted(cols):
            cell = table.rows[r][c]
            if not cell.ink or not _doubtful(cell.text, cell.conf):
                continue
            box = _ink_box(page, cell)
            if box is not None:
                doubtful.append(cell)
                boxes.append(box)
    if not doubtful:
        return
    scale = max(1.0, TARGET_DPI / page.dpi) * 1.5
    second = _read_sheet([_crop(page.gray, b, scale) for b in boxes], int(page.dpi * scale),
                         exe)
    for cell, (text, conf) in zip(doubtful, second, strict=True):
        if _doubtful(text, conf):
            continue
        first_value, readable = parse_count(cell.text)
        if readable and first_value is not None:
            if first_value == parse_count(text)[0]:
                cell.conf = max(cell.conf or 0.0, conf)
        else:
            cell.text, cell.conf = text, min(cell.conf or 0.0, conf)


def read_field_cells(page: PreparedPage, table: OcrTable, exe: str,
                     words: list[OcrWord] | None = None) -> None:
    """The form's field names (column 2) of its data rows, read again cell by cell
    where page OCR's reading of them is in doubt.

    Page OCR often skips the short words of a narrow column boxed in by ruling lines
    ("Đất đai", "Nội vụ"), and rows are matched by these names. A cell whose page
    words (``words``) are all confident and cover all of its ink is kept as read;
    any other is cut out and read on a sheet with the Vietnamese model, and the
    sheet's reading replaces the page's when the page read nothing there or read it
    with less confidence. Without ``words`` every cell is read again.
    """
    if 2 not in table.columns:
        return
    col = table.columns.index(2)
    cells, boxes = [], []
    for row in table.rows[table.header_rows:]:
        box = _ink_box(page, row[col])
        if box is not None and (words is None or not _read_surely(box, row[col], words,
                                                                     page.dpi)):
            cells.append(row[col])
            boxes.append(box)
    if not cells:
        return
    scale = max(1.0, TARGET_DPI / page.dpi)
    readings = _read_sheet([_crop(page.text, b, scale) for b in boxes],
                           int(page.dpi * scale), exe, lang=LANG, sep=" ")
    for cell, (text, conf) in zip(cells, readings, strict=True):
        if not text.strip():
            continue
        longer = len(text) > len(cell.text) and (conf or 0) >= LOW_CONFIDENCE
        if not cell.text.strip() or longer or (conf or 0) > (cell.conf or 0):
            cell.text, cell.conf, cell.ink = text, conf, True


def _read_surely(ink: tuple[int, int, int, int], cell: OcrCell, words: list[OcrWord],
                 dpi: int) -> bool:
    """Page OCR read the cell with confidence and left none of its ink unread: its
    words are all confident and together span the ink box (a skipped word or line
    leaves ink beyond them)."""
    x0, y0, x1, y1 = cell.bbox
    inside = [w for w in words if x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1
              and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]
    if not inside or not cell.text.strip() or min(w.conf for w in inside) < LOW_CONFIDENCE:
        return False
    slack = dpi / 10  # about a character's width: the ink box has margins of its own
    left = min(w.bbox[0] for w in inside)
    top = min(w.bbox[1] for w in inside)
    right = max(w.bbox[2] for w in inside)
    bottom = max(w.bbox[3] for w in inside)
    return (ink[0] >= left - slack and ink[2] <= right + slack
            and ink[1] >= top - slack and ink[3] <= bottom + slack)


def read_remaining_cells(page: PreparedPage, grid: Grid, table: OcrTable,
                         done: dict[tuple[int, int], OcrCell], exe: str) -> None:
    """Number cells of data rows that the first sheet did not cover, read on a sheet too.

    The first sheet takes only the short rows at the bottom of the grid, guessed from
    its geometry before any text is read; a data row made tall by a field name on
    three lines ("Đăng ký kinh doanh") was left to page OCR, which skips lone digits.
    Now that the numbering row says where the data rows and the number columns are,
    the rest of them get the same reading. The page's reading stays where the
    sheet's is in doubt and the page's is not.
    """
    slots = [(r, c) for r in range(table.header_rows, len(table.rows))
             for c in sorted(numeric_columns(table)) if (r, c) not in done]
    if not slots:
        return
    for (r, c), cell in read_slots(page, grid, slots, exe).items():
        old = table.rows[r][c]
        if _doubtful(cell.text, cell.conf) and not _doubtful(old.text, old.conf):
            continue
        if cell.ink or not old.text.strip():
            table.rows[r][c] = cell
