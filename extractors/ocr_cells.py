"""Re-read a table's number cells as one "cell sheet".

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

from .ocr import DIGITS_LANG, OcrCell, OcrTable, run_tesseract
from .scan_prep import PreparedPage

TARGET_DPI = 300
GAP = 28           # blank pixels between stacked cells
PAD = 4            # pixels trimmed inside a cell's borders


def numeric_columns(table: OcrTable) -> set[int]:
    """Grid columns holding counts: the form's column 1 (STT) and 3–16."""
    return {i for i, n in enumerate(table.columns) if n is not None and n != 2}


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


def _read_sheet(crops: list[np.ndarray], dpi: int, exe: str) -> list[tuple[str, float | None]]:
    """Stack crops one per line, read once; (text, min confidence) per crop."""
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
    words = run_tesseract(sheet, dpi, exe, psm=6, lang=DIGITS_LANG)
    found: dict[int, list] = {}
    starts = [a for a, _b in spans]
    for w in words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        i = int(np.searchsorted(starts, cy, side="right")) - 1
        if 0 <= i < len(spans) and cy < spans[i][1]:
            found.setdefault(i, []).append(w)
    out = []
    for i in range(len(crops)):
        ws = sorted(found.get(i, []), key=lambda w: w.bbox[0])
        out.append(("".join(w.text for w in ws), min((w.conf for w in ws), default=None)))
    return out


def _crop(image: np.ndarray, box, scale: float) -> np.ndarray:
    x0, y0, x1, y1 = box
    crop = image[y0:y1, x0:x1]
    if scale != 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return crop


def _doubtful(text: str, conf: float | None) -> bool:
    from .ocr_stats import LOW_CONFIDENCE, parse_count

    value, readable = parse_count(text)
    return not readable or value is None or conf is None or conf < LOW_CONFIDENCE


def reread_numbers(page: PreparedPage, table: OcrTable, exe: str) -> None:
    """Replace the text/confidence of the table's number cells in place.

    Cells still doubtful after the first reading (not a number, or low confidence)
    get one second reading from the gray image at a larger size. Two confident
    readings of the same number clear the doubt. A second reading that fills in an
    unreadable first one is kept, but with the first reading's low confidence, so
    the cell is still flagged: a second opinion may help the reader, never hide a
    doubt.
    """
    cols = numeric_columns(table)
    scale = max(1.0, TARGET_DPI / page.dpi)
    cells, boxes = [], []
    for r in range(table.header_rows, len(table.rows)):
        for c in sorted(cols):
            cell = table.rows[r][c]
            box = _ink_box(page, cell)
            if box is not None:
                cells.append(cell)
                boxes.append(box)
    if not cells:
        return
    dpi = int(page.dpi * scale)
    first = _read_sheet([_crop(page.text, b, scale) for b in boxes], dpi, exe)
    retry = []
    for i, (cell, (text, conf)) in enumerate(zip(cells, first, strict=True)):
        cell.text, cell.conf, cell.ink = text, conf, True
        if _doubtful(text, conf):
            retry.append(i)
    if not retry:
        return
    big = scale * 1.5
    second = _read_sheet([_crop(page.gray, boxes[i], big) for i in retry], int(page.dpi * big),
                         exe)
    from .ocr_stats import parse_count

    for i, (text, conf) in zip(retry, second, strict=True):
        cell = cells[i]
        if _doubtful(text, conf):
            continue
        first_value, readable = parse_count(cell.text)
        if readable and first_value is not None:
            if first_value == parse_count(text)[0]:
                cell.conf = max(cell.conf or 0.0, conf)
        else:
            cell.text, cell.conf = text, min(cell.conf or 0.0, conf)
