"""Keep each table's column grid in step with its rendered cells.

A ``{%tc for %}`` loop or ``{% hm %}`` changes how many cells a row has, and Word
wants ``w:tblGrid`` to list one ``w:gridCol`` per grid column. docxtpl fixes the
grid after parsing the rendered XML in recover mode; this does the same fix on a
tree that was parsed strictly, keeping the table's total width.
"""

from __future__ import annotations

from docx.oxml.ns import qn

W_TBL, W_GRID, W_COL, W_TR, W_TC = (qn("w:tbl"), qn("w:tblGrid"), qn("w:gridCol"),
                                    qn("w:tr"), qn("w:tc"))
W_W, W_SPAN = qn("w:w"), qn("w:gridSpan")


def _span(cell) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{W_SPAN}")
    try:
        return int(span.get(qn("w:val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _width(col) -> float:
    try:
        return float(col.get(W_W) or 0)
    except ValueError:
        return 0.0


def _grow(grid, columns, cells: int) -> None:
    add = cells - len(columns)
    total = sum(_width(c) for c in columns)
    if total <= 0:
        return
    average = total / cells
    for c in columns:
        c.set(W_W, str(int(_width(c) * len(columns) / cells)))
    for _ in range(add):
        col = grid.makeelement(W_COL, {W_W: str(int(average))})
        grid.append(col)


def _shrink(grid, columns, spans: int) -> None:
    removed = columns[spans:]
    freed = sum(_width(c) for c in removed)
    for c in removed:
        grid.remove(c)
    extra = int(freed / spans) if spans else 0
    for c in columns[:spans]:
        c.set(W_W, str(int(_width(c) + extra)))


def fix_tables(tree) -> None:
    """Add grid columns for rows with more cells, drop columns no row spans."""
    for table in tree.iter(W_TBL):
        grid = table.find(W_GRID)
        if grid is None:
            continue
        columns = grid.findall(W_COL)
        rows = [row.findall(W_TC) for row in table.iter(W_TR)]
        most_cells = max((len(cells) for cells in rows), default=0)
        if columns and most_cells > len(columns):
            _grow(grid, columns, most_cells)
            columns = grid.findall(W_COL)
        widest = max((sum(_span(c) for c in cells) for cells in rows), default=0)
        if widest and len(columns) > widest:
            _shrink(grid, columns, widest)
