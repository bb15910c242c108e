"""Small python-docx helpers for what its API does not cover: borders, grids, fields.

Each helper edits one element through python-docx's oxml layer, so the templates
are built from code a reviewer can read rather than from hand-edited XML.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.core import layout

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def set_fonts(rpr_parent, name: str = layout.FONT) -> None:
    """Name the font for every script slot and drop theme references, which win otherwise."""
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), name)


def setup_section(section, landscape: bool = False) -> None:
    """A4 with the decree's margins; landscape sections turn the sheet."""
    margins = layout.LANDSCAPE_MARGINS if landscape else layout.MARGINS
    width, height = layout.PAGE_A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (
        Mm(width), Mm(height))
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def paragraph(container, text: str = "", *, align: str = "left", size: float | None = None,
              bold: bool = False, italic: bool = False, style: str | None = None,
              indent_mm: float | None = None, before: float = 0, after: float = 0,
              line: float | None = 1.0, keep_next: bool = False):
    """One paragraph with its formatting spelt out on the paragraph and run."""
    p = container.add_paragraph(style=style)
    fmt = p.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if indent_mm is not None:
        fmt.first_line_indent = Mm(indent_mm)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        add_run(p, text, size=size, bold=bold, italic=italic)
    return p


def add_run(p, text: str, *, size: float | None = None, bold: bool = False,
            italic: bool = False):
    run = p.add_run(text)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    set_fonts(run._r)
    return run


def rule_paragraph(container, rule_mm: float, box_mm: float, *, indent_expr: str | None = None):
    """A centred short line: an empty paragraph whose bottom border is ``rule_mm`` long.

    The border spans the paragraph between its indents, so equal left and right
    indents of (box − rule)/2 centre it. ``indent_expr`` replaces the indent with a
    template expression when the underlined text comes from data.
    """
    p = paragraph(container, align="center", line=None)
    pf = p.paragraph_format
    pf.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    borders.append(bottom)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc",
                               "w:rPr")
    ind = OxmlElement("w:ind")
    side = indent_expr or str(twips(max(box_mm - rule_mm, 0) / 2))
    ind.set(qn("w:left"), side)
    ind.set(qn("w:right"), side)
    p_pr.insert_element_before(ind, "w:jc", "w:rPr")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    rpr.append(size)
    p_pr.append(rpr)
    return p


def borderless_table(doc_or_cell, widths_mm: list[float]):
    """A table with fixed column widths written into the grid (LibreOffice reads the grid)."""
    table = doc_or_cell.add_table(rows=1, cols=len(widths_mm))
    table.autofit = False
    tbl = table._tbl
    set_table_width(tbl, sum(widths_mm))
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(twips(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    set_borders(tbl, "nil")
    layout_el = OxmlElement("w:tblLayout")
    layout_el.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout_el)
    return table


def set_table_width(tbl, width_mm: float) -> None:
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(twips(width_mm)))
    tbl_w.set(qn("w:type"), "dxa")


def set_borders(tbl, val: str = "single") -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    old = tbl.tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tbl.tblPr.remove(old)
    tbl.tblPr.append(borders)


def cell_valign(cell, val: str = "center") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), val)
    tc_pr.append(v)


def page_number_header(section, size: float) -> None:
    """Page numbers centred at the top, absent from the first page (Phụ lục I)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(size)
    set_fonts(run._r)
    begin, instr, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                         OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)
    first = section.first_page_header
    first.is_linked_to_previous = False


def keep_row_together(row) -> None:
    """A row that moves to the next page whole (the signature block must not split)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def repeat_as_header(row) -> None:
    """Repeat the row at the top of every page the table continues on."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
