"""Rebuild tables of a scanned page from ruling lines and word positions.

The grid comes from the table's own ruling lines (morphological line masks of
the prepared page); words are placed in cells by their box centres. Without
lines, columns are anchored on the form's "(1) … (16)" numbering row. A stamp
or signature across the table does not move either: the red channel has already
dropped the stamp, and cells are found from lines, not from text flow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from cchc.core.vn import fold
from cchc.extractors.ocr.model import BBox, OcrCell, OcrTable, OcrWord
from cchc.extractors.ocr.prep import PreparedPage, component_boxes

FORM_COLUMNS = 16  # the statistics form: STT, field, 14 counts
_NUMBERING = re.compile(r"^[(\[{]?(\d{1,2})[)\]}]?$")


def _positions(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs where ``profile`` exceeds ``threshold``."""
    on = profile > threshold
    out, i, n = [], 0, len(profile)
    while i < n:
        if on[i]:
            j = i
            while j < n and on[j]:
                j += 1
            out.append((i + j - 1) // 2)
            i = j
        else:
            i += 1
    return out


def _merge_close(values: list[int], gap: int) -> list[int]:
    merged: list[int] = []
    for v in sorted(values):
        if merged and v - merged[-1] <= gap:
            merged[-1] = (merged[-1] + v) // 2
        else:
            merged.append(v)
    return merged


def _regions(page: PreparedPage) -> list[BBox]:
    """Bounding boxes of line structures big enough to be tables.

    A frame around other such structures is no table: every rule of a table joins
    its frame, so rules inside that stay apart from it are tables of their own, and
    the frame is the paper's edge on the scanner glass or a box drawn round the
    page. Taken for a table, it cut the prose between the tables into columns."""
    grid = cv2.bitwise_or(page.h_lines, page.v_lines)
    grid = cv2.dilate(grid, np.ones((5, 5), np.uint8))
    h_img, w_img = grid.shape
    boxes = []
    for x, y, w, h, _pixel in component_boxes(grid):
        if w > 0.3 * w_img and h > 0.04 * h_img:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    boxes = [b for b in boxes if not any(o != b and _contains(b, o) for o in boxes)]
    return sorted(boxes, key=lambda b: b[1])


def _contains(outer: BBox, inner: BBox) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


def _cell(words: list[OcrWord], box: BBox, text_img: np.ndarray) -> OcrCell:
    words = sorted(words, key=lambda w: (w.line, w.bbox[0]))
    text = " ".join(w.text for w in words)
    conf = min((w.conf for w in words), default=None)
    x0, y0, x1, y1 = box
    pad = 4
    inner = text_img[y0 + pad:max(y0 + pad, y1 - pad), x0 + pad:max(x0 + pad, x1 - pad)]
    ink = bool(inner.size and (inner < 128).sum() > 12)
    return OcrCell(text=text, conf=conf, bbox=box, ink=ink)


def _grid(words: list[OcrWord], xs: list[int], ys: list[int], text_img: np.ndarray,
          ) -> list[list[OcrCell]]:
    slots: dict[tuple[int, int], list[OcrWord]] = {}
    for w in words:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        col = int(np.searchsorted(xs, cx)) - 1
        row = int(np.searchsorted(ys, cy)) - 1
        if 0 <= col < len(xs) - 1 and 0 <= row < len(ys) - 1:
            slots.setdefault((row, col), []).append(w)
    return [[_cell(slots.get((r, c), []), (xs[c], ys[r], xs[c + 1], ys[r + 1]), text_img)
             for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]


def _numbering_row(rows: list[list[OcrCell]]) -> tuple[int, list[int | None]] | None:
    """The "(1) (2) … (n)" row: its index and the column number of each grid column.

    OCR reads the small bracketed numbers badly ("G)", "q2)", "@)"), so the row is
    recognised by its shape: most cells hold a short token closed by a bracket.
    """
    for r, row in enumerate(rows):
        texts = [c.text.replace(" ", "") for c in row]
        shaped = [t for t in texts if 2 <= len(t) <= 5 and (t.endswith(")") or
                                                             t.startswith("("))]
        filled = [t for t in texts if t]
        if len(shaped) < max(4, 0.3 * len(row), 0.7 * len(filled)):
            continue
        numbers: list[int | None] = []
        for t in texts:
            m = _NUMBERING.match(t)
            numbers.append(int(m.group(1)) if m else None)
        found = [n for n in numbers if n is not None]
        in_place = sum(1 for i, n in enumerate(numbers) if n == i + 1)
        if len(row) == FORM_COLUMNS and in_place >= 0.6 * len(found):
            # the form's own width, and most numbers read sit in their own column: one
            # misread "(2)" as "(3)" must not shift the columns before it
            return r, list(range(1, len(row) + 1))
        if found and found != sorted(found):
            numbers = [None] * len(row)
        if all(n is None or n == i + 1 for i, n in enumerate(numbers)):
            return r, list(range(1, len(row) + 1))
        return r, _fill_numbers(numbers)
    return None


def _fill_numbers(numbers: list[int | None]) -> list[int | None]:
    """Fill unread numbers between read neighbours: (3) ? (5) → 4."""
    out = list(numbers)
    for i, n in enumerate(out):
        if n is None:
            prev = next((out[j] + (i - j) for j in range(i - 1, -1, -1) if out[j]), None)
            if prev is not None and prev >= 1:
                out[i] = prev
            elif i == 0:
                nxt = next((out[j] - j for j in range(1, len(out)) if out[j]), None)
                out[i] = nxt if nxt and nxt >= 1 else None
    return out


@dataclass
class Grid:
    """A table's cell grid from its ruling lines: column and row boundaries (pixels)."""

    xs: list[int]
    ys: list[int]

    @property
    def box(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell_box(self, r: int, c: int) -> BBox:
        return (self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1])


def _faded_rules(ink: np.ndarray, dpi: int) -> list[int]:
    """Rules too broken for the line masks (a faded scan leaves them in pieces shorter
    than a line of text), as positions along the second axis of ``ink`` (True = ink;
    pass the transpose for row rules). A rule is a line of pixels inked over a quarter
    of the table's extent, at least 6 times more than the lines a few pixels to either
    side (measured: rules 8–20 times, text at most 5), and without a long empty
    stretch: however faded, a rule runs the whole table in short pieces, while a stack
    of digits (the STT column's "I", "1", "2") leaves the header and the space between
    rows empty (measured: rules at most 7 % of the extent, digits 24 %)."""
    extent = ink.shape[0]
    cover = ink.sum(axis=0).astype(float)
    near, far = max(4, dpi // 40), max(10, dpi // 18)
    found = []
    for c in np.flatnonzero(cover > extent / 4):
        if cover[c] < cover[max(0, c - 1):c + 2].max():
            continue  # not the peak of its run
        sides = np.concatenate([cover[max(0, c - far):max(0, c - near)],
                                cover[c + near + 1:c + far + 1]])
        if not sides.size or cover[c] < 6 * max(1.0, float(np.median(sides))):
            continue
        inked = np.flatnonzero(ink[:, max(0, c - 1):c + 2].any(axis=1))
        if np.diff(np.concatenate([[0], inked, [extent]])).max() <= 0.12 * extent:
            found.append(int(c))
    return found


def find_grids(page: PreparedPage) -> list[Grid]:
    grids = []
    tol = max(6, page.dpi // 20)
    for x0, y0, x1, y1 in _regions(page):
        h_mask = page.h_lines[y0:y1, x0:x1]
        v_mask = page.v_lines[y0:y1, x0:x1]
        ink = page.binary[y0:y1, x0:x1] < 128
        ys = _positions(h_mask.sum(axis=1) / 255, 0.08 * (x1 - x0))
        ys += _faded_rules(ink.T, page.dpi)
        xs = _positions(v_mask.sum(axis=0) / 255, 0.2 * (y1 - y0))
        xs += _faded_rules(ink, page.dpi)
        ys = [y + y0 for y in _merge_close(ys, tol)]
        xs = [x + x0 for x in _merge_close(xs, tol)]
        if len(ys) >= 3 and len(xs) >= 3:
            grids.append(Grid(xs, ys))
    return grids


def table_from_grid(page: PreparedPage, grid: Grid, words: list[OcrWord],
                    presets: dict[tuple[int, int], OcrCell] | None = None) -> OcrTable:
    """Words into the grid's cells; ``presets`` are cells already read another way."""
    xs, ys = grid.xs, grid.ys
    inside = [w for w in words if xs[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= xs[-1]
              and ys[0] <= (w.bbox[1] + w.bbox[3]) / 2 <= ys[-1]]
    rows = _grid(inside, xs, ys, page.text)
    for (r, c), cell in (presets or {}).items():
        rows[r][c] = cell
    table = OcrTable(rows=rows, bbox=grid.box, source="lines")
    numbering = _numbering_row(rows)
    if numbering:
        table.header_rows = numbering[0] + 1
        table.columns = numbering[1]
    else:
        table.columns = list(range(1, len(xs)))
        table.header_rows = _header_by_words(rows)
    return table


_HEADER_WORDS = ("stt", "linh vuc", "tong so", "giai quyet", "tiep nhan")


def _header_by_words(rows: list[list[OcrCell]]) -> int:
    """Header rows of a table with the form's 16 columns but no "(1) … (16)" row: its
    top rows name the form's columns ("STT", "Lĩnh vực", "Tổng số", "giải quyết"), and
    the header ends where a row brings numbers in the count columns. 0 when the words
    are not there (a continuation of the table under no header of its own)."""
    if not rows or len(rows[0]) != FORM_COLUMNS:
        return 0
    numeric = [_counts_row(row) for row in rows]
    for r, is_data in enumerate(numeric):
        if is_data:
            top = fold(" ".join(c.text for row in rows[:r] for c in row))
            if r and sum(w in top for w in _HEADER_WORDS) >= 3:
                return r
            # header words blurred beyond reading: 16 columns over rows of counts are the
            # form's shape (nothing else in a report has it)
            return r if r and sum(numeric[r:]) >= 2 else 0
    return 0


def _counts_row(row: list[OcrCell]) -> bool:
    """A row whose count columns (3–16) hold mostly numbers or dashes."""
    counts = [c.text for c in row[2:] if c.text.strip()]
    return len(counts) >= 7 and sum(
        1 for t in counts if re.match(r"^[\d.,\s]+$|^[-–—]$", t)) >= 0.5 * len(counts)


def form_shaped(table: OcrTable) -> bool:
    """The statistics form, or a piece of it: a header that maps the form's columns, or
    exactly its 16 columns (a page that carries the table on without a header)."""
    return bool(table.header_rows) or (bool(table.rows) and len(table.rows[0]) == FORM_COLUMNS)


def _bracket_like(text: str) -> bool:
    return 2 <= len(text) <= 5 and (text.endswith(")") or text.startswith("("))


def _numbering_tokens(words: list[OcrWord]) -> list[OcrWord]:
    """The most populated row band of "(n)"-like tokens (Tesseract may split the
    row into column blocks, so bands are found by position, not by its line ids)."""
    tokens = sorted((w for w in words if _bracket_like(w.text)),
                    key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    best: list[OcrWord] = []
    for i, first in enumerate(tokens):
        height = first.bbox[3] - first.bbox[1]
        cy = (first.bbox[1] + first.bbox[3]) / 2
        band = [w for w in tokens[i:] if abs((w.bbox[1] + w.bbox[3]) / 2 - cy) <= height * 0.6]
        if len(band) > len(best):
            best = band
    return sorted(best, key=lambda w: w.bbox[0])


def _data_rows(words: list[OcrWord], anchors: list[OcrWord], line_h: int) -> list[int]:
    """Row boundaries: the numbering row, then each band of words below it, until a
    gap of three lines ends the table."""
    top = min(w.bbox[1] for w in anchors) - line_h // 3
    ys = [top, max(w.bbox[3] for w in anchors) + line_h // 3]
    below = sorted((w for w in words if (w.bbox[1] + w.bbox[3]) / 2 > ys[-1]),
                   key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    bottom = ys[-1]
    for w in below:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        if cy <= bottom:
            bottom = max(bottom, w.bbox[3])
            continue
        if w.bbox[1] - bottom > line_h * 3:
            break
        if bottom > ys[-1]:
            ys.append(int((bottom + w.bbox[1]) / 2))
        bottom = w.bbox[3]
    if bottom > ys[-1]:
        ys.append(int(bottom + line_h // 3))
    return ys


def _ink_columns(text_img: np.ndarray, y0: int, y1: int, min_gap: int) -> list[tuple[int, int]]:
    """Runs of inked x positions in a band, joined across gaps narrower than min_gap."""
    ink = (text_img[y0:y1] < 128).any(axis=0)
    runs, x, n = [], 0, len(ink)
    while x < n:
        if not ink[x]:
            x += 1
            continue
        start = x
        while x < n and ink[x]:
            x += 1
        if runs and start - runs[-1][1] < min_gap:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((start, x))
    return runs


def _number_rows(text_img: np.ndarray, runs: list[tuple[int, int]], y0: int, y1: int,
                 line_h: int) -> list[int]:
    """Row boundaries below y0 from the ink of the number columns (every column but
    the widest, the field names, whose wrapped lines would split a row)."""
    widest = max(range(len(runs)), key=lambda i: runs[i][1] - runs[i][0])
    band = text_img[y0:y1]
    ink = np.zeros(y1 - y0, bool)
    for i, (a, b) in enumerate(runs):
        if i != widest:
            ink |= (band[:, a:b] < 128).any(axis=1)
    bands, y, n = [], 0, len(ink)
    while y < n:
        if not ink[y]:
            y += 1
            continue
        start = y
        while y < n and ink[y]:
            y += 1
        if bands and start - bands[-1][1] < max(3, line_h // 4):
            bands[-1] = (bands[-1][0], y)
        elif y - start >= max(3, line_h // 3):   # specks are not rows
            bands.append((start, y))
    bounds = [y0 + (a[1] + b[0]) // 2 for a, b in zip(bands, bands[1:], strict=False)]
    return bounds + [y0 + bands[-1][1] + line_h // 3] if bands else []


def positions_grid(page: PreparedPage, words: list[OcrWord],
                   ) -> tuple[Grid, list[int | None]] | None:
    """No ruling lines: rows from the words under the "(1) … (n)" row, columns from
    the white gaps of the ink in those rows, each column numbered by the numbering
    token above it. Row 0 of the grid is the numbering row."""
    anchors = _numbering_tokens(words)
    if len(anchors) < 8:
        return None
    line_h = max(10, int(np.median([w.bbox[3] - w.bbox[1] for w in anchors])))
    ys = _data_rows(words, anchors, line_h)
    if len(ys) < 3:
        return None
    runs = _ink_columns(page.text, ys[0], ys[-1], max(8, line_h * 2 // 3))
    if len(runs) < 8:
        return None
    ys = ys[:2] + _number_rows(page.text, runs, ys[1], ys[-1], line_h)
    if len(ys) < 3:
        return None
    xs = [max(0, runs[0][0] - 4)]
    xs += [(a[1] + b[0]) // 2 for a, b in zip(runs, runs[1:], strict=False)]
    xs.append(runs[-1][1] + 4)
    numbers: list[int | None] = [None] * len(runs)
    for order, w in enumerate(anchors):
        cx = (w.bbox[0] + w.bbox[2]) / 2
        col = int(np.searchsorted(xs, cx)) - 1
        if 0 <= col < len(runs) and numbers[col] is None:
            m = _NUMBERING.match(w.text)
            numbers[col] = int(m.group(1)) if m else -(order + 1)
    if any(n is not None and n < 0 for n in numbers):   # unreadable tokens: by order
        numbers = [i + 1 if n is not None else None for i, n in enumerate(numbers)]
    return Grid(xs, ys), _fill_numbers(numbers)


def table_from_positions(page: PreparedPage, grid: Grid, columns: list[int | None],
                         words: list[OcrWord],
                         presets: dict[tuple[int, int], OcrCell] | None = None) -> OcrTable:
    table = table_from_grid(page, grid, words, presets)
    table.source = "positions"
    table.header_rows = 1   # row 0 is the numbering row by construction
    table.columns = columns
    return table


def find_tables(page: PreparedPage, words: list[OcrWord], grids: list[Grid] | None = None,
                presets: list[dict] | None = None) -> list[OcrTable]:
    grids = find_grids(page) if grids is None else grids
    tables = [table_from_grid(page, g, words, presets[i] if presets else None)
              for i, g in enumerate(grids)]
    return tables
