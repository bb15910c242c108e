"""Does a document fit on one page? Its height estimated from its lines, not its length.

The decree numbers pages from page 2, so a one-page document needs no number. A
count of characters or paragraphs misjudges short documents with many short
lines (a header table, a signature table, a list of addressees), so each
paragraph's lines are estimated from its printed width (Times metrics) in the
width it is set in, at its size and line spacing, with its spacing before and
after; a table row is as high as its highest cell. An explicit page break or a
second section means more than one page.
"""

from __future__ import annotations

import math

from docx.oxml.ns import qn

from cchc.core.layout import text_width_mm

from .lines import cell_room_mm
from .model import DocModel, Para

_PT_MM = 25.4 / 72
_LINE = 1.15  # a single line of Times is about 1.15 × its size
_DEFAULT_SIZE = 13.0
# justified lines break between words: on average a line holds a little less than its width
_WRAP = 1.04


def _para_height_pt(para: Para, width_mm: float) -> float:
    sizes = [f.props.size for f in para.fragments if f.text.strip() and f.props.size]
    size = max(sizes, default=_DEFAULT_SIZE)
    room = max(20.0, width_mm - para.props.left_mm - para.props.right_mm)
    lines = 0
    for pc in para.pieces:
        printed = text_width_mm(pc.text, size, pc.all("bold")) * _WRAP + max(
            0.0, para.props.first_line_mm)
        lines += max(1, math.ceil(printed / room))
    lines = max(lines, 1)
    props = para.props
    if props.line is None:
        line = size * _LINE
    elif props.line_rule == "auto":
        line = size * _LINE * props.line
    else:
        line = max(props.line, size * _LINE) if props.line_rule == "atLeast" else props.line
    return lines * line + props.before_pt + props.after_pt


def text_area_mm(model: DocModel) -> tuple[float, float] | None:
    section = model.sections[0]
    if section.page_height is None or section.page_width is None:
        return None
    return ((section.page_width - (section.left_margin or 0) - (section.right_margin or 0)
             ) / 36000,
            (section.page_height - (section.top_margin or 0) - (section.bottom_margin or 0)
             ) / 36000)


def room_before(model: DocModel, target: Para) -> tuple[int, float, bool] | None:
    """(page, points left on it, whether text precedes it there) where ``target`` would
    start, pages filled line by line.

    A paragraph that does not fit is split, keeping two lines on each page (Word's
    widow and orphan control), or moved whole; a table row counts as its highest cell.
    None when the document has a page break or a second section before it (the
    estimate would start again from a guess).
    """
    area = text_area_mm(model)
    if area is None:
        return None
    text_w, text_h = area[0], area[1] / _PT_MM
    page, used, text = 1, 0.0, False
    blocks: list[tuple[Para, float, float]] = []
    rows: dict[tuple[int, int], list[Para]] = {}
    for para in model.paras:
        if para.table is None:
            blocks.append((para, _para_height_pt(para, text_w), _line_pt(para)))
        else:
            key = (para.table, para.row)
            if key not in rows:
                rows[key] = []
                blocks.append((para, -1.0, 0.0))  # a row: measured below
            rows[key].append(para)
    for para, height, line in blocks:
        if height < 0:
            height, line = _row_height(rows[(para.table, para.row)], text_w), _LINE * _DEFAULT_SIZE
        if para is target or (target.table is not None and para.table == target.table):
            return page, text_h - used, text
        if para.sect_break or para.element.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") \
                is not None:
            return None
        shows = bool(para.text) if para.table is None else True
        if used + height <= text_h:
            used, text = used + height, text or shows
            continue
        fit = int((text_h - used) // line) if line else 0
        left = int(round(height / line)) - fit if line else 0
        if fit >= 2 and left >= 2:
            page, used, text = page + 1, left * line, True
        else:
            page, used, text = page + 1, height, shows
    return None


def _row_height(paras: list[Para], text_w: float) -> float:
    cells: dict[int, float] = {}
    for p in paras:
        cells[p.col] = cells.get(p.col, 0.0) + _para_height_pt(
            p, cell_room_mm(p.element) or text_w / 2)
    return max(cells.values(), default=0.0)


def kept_row_height(model: DocModel, para: Para) -> float | None:
    """Height of the table row holding ``para`` when Word may not split it over two pages
    (``w:cantSplit``), else None."""
    if para.table is None:
        return None
    tr = next(para.element.iterancestors(qn("w:tr")), None)
    if tr is None or tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None:
        return None
    area = text_area_mm(model)
    width = area[0] if area else 165.0
    return _row_height([p for p in model.paras if p.table == para.table and p.row == para.row],
                       width)


def _line_pt(para: Para) -> float:
    sizes = [f.props.size for f in para.fragments if f.text.strip() and f.props.size]
    size = max(sizes, default=_DEFAULT_SIZE)
    props = para.props
    if props.line is not None and props.line_rule == "auto":
        return size * _LINE * props.line
    if props.line is not None and props.line_rule == "exact":
        return props.line
    return size * _LINE


def _breaks(model: DocModel) -> bool:
    body = model.document.element.body
    if any(br.get(qn("w:type")) == "page" for br in body.iter(qn("w:br"))):
        return True
    return any(True for _ in body.iter(qn("w:pageBreakBefore"))) or len(model.sections) > 1


def fits_one_page(model: DocModel) -> bool:
    """The estimated height is within the first page's text area, with no page break."""
    if _breaks(model):
        return False
    section = model.sections[0]
    if section.page_height is None or section.page_width is None:
        return False
    text_w = (section.page_width - (section.left_margin or 0) - (section.right_margin or 0)
              ) / 36000
    text_h = (section.page_height - (section.top_margin or 0) - (section.bottom_margin or 0)
              ) / 36000
    total = 0.0
    rows: dict[tuple[int, int], dict[int, float]] = {}
    for para in model.paras:
        if para.table is None:
            total += _para_height_pt(para, text_w)
            continue
        width = cell_room_mm(para.element) or text_w / 2
        cells = rows.setdefault((para.table, para.row), {})
        cells[para.col] = cells.get(para.col, 0.0) + _para_height_pt(para, width)
    total += sum(max(cells.values(), default=0.0) for cells in rows.values())
    return total * _PT_MM <= text_h
