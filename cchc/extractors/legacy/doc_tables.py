"""Tables of a binary .doc that LibreOffice's import lost, recovered from the file itself.

When LibreOffice reads some Word 97 files (its own "MS Word 97" export among them), a
table whose rows lost their row properties comes back as one paragraph with every cell
text run together, and the statistics form is gone. The binary still marks each cell
end and each row end (word97.py). Here the marks become rows of cells, and the
paragraph LibreOffice made of a table (same text, whitespace aside) is replaced by that
table, so every interpreter downstream sees what a DOCX would give. Tables that
LibreOffice kept are never touched.

A row end is certain when the file says so (sprmPFTtp). A mark whose properties say
"not in a table" can only be a row end whose properties were lost; the split is then
checked against the table's shape (rows under the header all equally wide) and a
warning names the table when they disagree, or when marks without any properties had
to be split by the shape alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import olefile

from cchc.extractors.legacy.word97 import (
    CELL_MARK,
    Paragraph,
    ParaProps,
    Word97Error,
    read_paragraphs,
)
from cchc.extractors.model import Document, Para, Table
from cchc.extractors.text import stats_header_row

MAX_ROWS = 5000
MAX_CELLS = 200_000
MAX_GRID = 256  # grid lines of one table


@dataclass
class DocTable:
    """One run of table rows in the text: Word stores tables that touch as one, so it
    may be several tables (``parts``), told apart by their incompatible column grids."""

    parts: list[list[list[str]]]  # each part's rows
    cells: list[str]  # every cell text in reading order (for matching LibreOffice's paragraph)
    uncertain: bool = False  # some row ends were inferred from the table's shape

    @property
    def rows(self) -> list[list[str]]:
        return [r for part in self.parts for r in part]


def restore_lost_tables(doc: Document, path: Path) -> None:
    """Replace in ``doc`` each paragraph that is a lost table of the .doc at ``path``.

    RTF and ODT files (read by the same reader) have no Word 97 binary and are left
    alone; a binary this module cannot read leaves the LibreOffice result with a warning.
    """
    if not olefile.isOleFile(str(path)):
        return
    try:
        tables = recover_tables(read_paragraphs(path))
    except Word97Error as exc:
        _warn(doc, "doc.tables_unchecked", "source",
              f"Không đọc được cấu trúc bảng trong tệp .doc ({exc}): nếu LibreOffice làm mất "
              f"bảng nào (bảng thành một đoạn chữ liền), số liệu của bảng đó bị thiếu")
        return
    replace_lost(doc, tables)


def replace_lost(doc: Document, tables: list[DocTable]) -> None:
    """Each paragraph whose text is a recovered table's cells run together (whitespace
    aside) becomes that table; tables LibreOffice kept are skipped."""
    kept = [b.rows for b in doc.blocks if isinstance(b, Table)]
    kept_keys = {_key("".join(c for row in rows for c in row)) for rows in kept}
    at = 0
    for table in tables:
        key = _key("".join(table.cells))
        if sum(1 for c in table.cells if _key(c)) < 2 or key in kept_keys or any(
                part in kept for part in table.parts):
            continue  # too small to tell apart from a paragraph, or LibreOffice kept it
        for i in range(at, len(doc.blocks)):
            block = doc.blocks[i]
            if isinstance(block, Para) and _key(block.text) == key:
                found = [Table(part) for part in table.parts]
                doc.blocks[i:i + 1] = found
                at = i + len(found)
                if table.uncertain:
                    _warn_uncertain(doc, found[0])
                break


def _warn_uncertain(doc: Document, table: Table) -> None:
    stats = stats_header_row(table.rows) is not None
    where = "tthc_stats" if stats else "source"
    first = " | ".join(c for c in table.rows[0] if c)[:60] if table.rows else ""
    _warn(doc, "extract.uncertain", where,
          f"Bảng '{first}' trong tệp .doc bị LibreOffice đọc mất; đã khôi phục từ tệp gốc "
          f"nhưng ranh giới một số hàng phải suy ra từ độ rộng bảng: cần đối chiếu bản gốc")


def _warn(doc: Document, code: str, where: str, message: str) -> None:
    doc.meta.setdefault("ocr_warnings", [])  # the reader's warnings, merged into the record
    doc.meta["ocr_warnings"] = list(doc.meta["ocr_warnings"] or []) + [
        {"code": code, "where": where, "message": message}]


_INVISIBLE = re.compile(r"[\s\x00-\x1f\xa0\u200b\ufeff]+")


def _key(text: str) -> str:
    return _INVISIBLE.sub("", text)


# --- marks → rows ------------------------------------------------------------------------

_FIELD_CODE = re.compile(r"\x13[^\x13\x14\x15]*\x14|\x13[^\x13\x14\x15]*\x15")


def visible(text: str) -> str:
    """A cell paragraph as shown: field codes dropped, Word's special characters mapped."""
    for _ in range(8):  # nested fields, innermost first; bounded
        new = _FIELD_CODE.sub("", text)
        if new == text:
            break
        text = new
    text = text.replace("\x0b", "\n").replace("\x1e", "-").replace("\xa0", " ")
    return re.sub(r"[\x00-\x08\x0e-\x1f]", "", text)


def recover_tables(paragraphs: list[Paragraph]) -> list[DocTable]:
    """Every outer table of the main text, as rows of cell texts (nested tables are
    left out: their cells would be guesses)."""
    tables, marks, lines, nested = [], [], [], False
    for p in paragraphs:
        props = p.props
        if p.end == CELL_MARK:
            lines.append(visible(p.text))
            marks.append(("\n".join(lines).strip(), _kind(p), props))
            lines = []
            nested = nested or bool(props and (props.depth > 1 or props.inner))
        elif props is None and marks and _row_open(marks, lines):
            lines.append(visible(p.text))  # no properties, but the table cannot end here
        elif props is not None and props.in_table:
            lines.append(visible(p.text))
            nested = nested or props.depth > 1 or props.inner
        else:
            if marks and not nested:
                tables.append(_table(marks))
            marks, lines, nested = [], [], False
        if len(marks) > MAX_CELLS:
            raise Word97Error("quá nhiều ô bảng")
    if marks and not nested:
        tables.append(_table(marks))
    return [t for t in tables if t is not None]


def _row_open(marks, lines) -> bool:
    """Whether a paragraph without properties must be in the table: a cell is under way,
    or the last mark was a cell (a row end is an empty mark, so one with text is not)."""
    text, kind, _ = marks[-1]
    return bool(lines) or kind == "cell" or (kind == "?" and bool(text))


def _kind(p: Paragraph) -> str:
    """"row" (the file says so), "row?" (a mark with properties that say "not in a
    table": a row end that lost its own), "cell", or "?" (no properties at all)."""
    props = p.props
    if props is None:
        return "?"
    if props.ttp:
        return "row"
    if not props.in_table and not visible(p.text).strip():
        return "row?"
    return "cell"


def _table(marks: list[tuple[str, str, ParaProps | None]]) -> DocTable | None:
    cells = [text for text, kind, _ in marks if kind in ("cell", "?") or text]
    rows, ends, row = [], [], []
    guessed = False
    width, anchor = _body_width(marks), None
    if width is None:  # no row whose ends the file marks: the form's "(1) … (n)" row
        anchor = _numbering_row(marks)
        width = anchor[1] if anchor else None
    for at, (text, kind, props) in enumerate(marks):
        if anchor and at < anchor[0]:
            full = at == anchor[0] - 1  # the header's rows stay one: only its end is known
        else:
            full = width is not None and len(row) == width
        if kind == "?" and not text and full:
            kind = "row?"  # an empty mark after a full row: the row's end, by shape
            guessed = True
        elif kind == "?":
            guessed = True  # the file does not say what this mark ends
            kind = "cell"
        if kind in ("row", "row?") and not text:
            rows.append(row)
            ends.append(props if kind == "row" else None)
            row = []
        else:
            row.append(text)
        if len(rows) > MAX_ROWS:
            raise Word97Error("quá nhiều hàng bảng")
    if row:
        rows.append(row)
        ends.append(None)
        guessed = True  # the last row has no end mark
    if not rows:
        return None
    parts = [_gridded(r, e) or r for r, e in _split(rows, ends)]
    return DocTable(parts=parts, cells=cells,
                    uncertain=guessed or not all(_shapely(p) for p in parts))


def _body_width(marks) -> int | None:
    """The most common row width among rows whose both ends the file marks."""
    widths, n, known = Counter(), 0, True
    for text, kind, _ in marks:
        if kind in ("row", "row?") and not text:
            if known and n:
                widths[n] += 1
            n, known = 0, True
        else:
            n += 1
            known = known and kind != "?"
    return widths.most_common(1)[0][0] if widths else None


def _numbering_row(marks) -> tuple[int, int] | None:
    """(index, width) of a run of cells "(1)", "(2)", … "(n)" (n ≥ 6) followed by an
    empty mark: the statistics form's column-number row and its end."""
    texts = [t for t, _, _ in marks]
    for k, t in enumerate(texts):
        if t not in ("(1)", "1"):
            continue
        n = 0
        while k + n < len(texts) and texts[k + n] in (f"({n + 1})", str(n + 1)):
            n += 1
        if n >= 6 and k + n < len(texts) and not texts[k + n]:
            return k, n
    return None


def _shapely(rows: list[list[str]]) -> bool:
    """Header rows (merged cells) may be narrower; from the first row of the common
    width on, every row has that width."""
    width = Counter(len(r) for r in rows).most_common(1)[0][0]
    first = next(i for i, r in enumerate(rows) if len(r) == width)
    return all(len(r) <= width for r in rows[:first]) and all(
        len(r) == width for r in rows[first:])


_SNAP = 20  # twips: boundaries this close are one grid line


def _split(rows: list[list[str]], ends: list[ParaProps | None]):
    """(rows, ends) of each table in a run of rows: a new table starts where a row's cell
    boundaries and the previous row's are not one inside the other (a merged header row's
    boundaries are a subset of the rows under it; two different tables' are not)."""
    start = 0
    for k in range(1, len(rows)):
        a, b = ends[k - 1], ends[k]
        if a and b and a.centers and b.centers and not (
                _within(a.centers, b.centers) or _within(b.centers, a.centers)):
            yield rows[start:k], ends[start:k]
            start = k
    yield rows[start:], ends[start:]


def _within(xs: list[int], ys: list[int]) -> bool:
    return all(any(abs(x - y) <= _SNAP for y in ys) for x in xs)


def _gridded(rows: list[list[str]], ends: list[ParaProps | None]) -> list[list[str]] | None:
    """Rows on the table's column grid, merged cells repeated as the DOCX reader does
    (a wide cell in every column it covers, a vertical continuation with the text
    above). None when some row does not say where its cells lie."""
    if any(e is None or not e.centers or len(e.centers) != len(r) + 1
           for r, e in zip(rows, ends, strict=True)):
        return None
    lines: list[int] = []
    for x in sorted({x for e in ends for x in e.centers}):
        if not lines or x - lines[-1] > _SNAP:
            lines.append(x)
    if len(lines) > MAX_GRID:
        return None
    out: list[list[str]] = []
    for row, end in zip(rows, ends, strict=True):
        grid = [""] * (len(lines) - 1)
        for i, text in enumerate(row):
            a, b = _line(lines, end.centers[i]), _line(lines, end.centers[i + 1])
            horz, vert = end.merges[i] if i < len(end.merges) else (0, 0)
            for col in range(a, max(b, a + 1)):
                if vert == 1 and out and col < len(out[-1]):
                    text = out[-1][col]  # continues the cell above
                elif horz in (2, 3) and col > 0:
                    text = grid[col - 1]  # merged into the cell on its left
                if col < len(grid):
                    grid[col] = text
        out.append(grid)
    return out


def _line(lines: list[int], x: int) -> int:
    return min(range(len(lines)), key=lambda k: abs(lines[k] - x))
