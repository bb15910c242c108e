"""The official blocks every administrative document shares, as docxtpl template pieces.

Header block, title block, body paragraphs and the signature block are laid out
here once from ``cchc.core.layout``; each document template composes them. Jinja tags
name context variables that ``generator.context`` prepares.
"""

from __future__ import annotations

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from cchc.core import layout

from . import ooxml

E = layout.ELEMENTS
CELL_MARGIN_MM = 1.9  # Word's default left/right cell margin
SIGN_LEFT_MM, SIGN_RIGHT_MM = 75.0, layout.TEXT_WIDTH_MM - 75.0


def new_document():
    """An empty A4 document whose styles, defaults and theme all say Times New Roman."""
    doc = docx.Document()
    ooxml.setup_section(doc.sections[0])
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(rpr)
    for style in styles.findall(qn("w:style")):
        style_rpr = style.find(qn("w:rPr"))
        if style_rpr is not None and style_rpr.find(qn("w:rFonts")) is not None:
            ooxml.set_fonts(style_rpr)
    normal = doc.styles["Normal"]
    normal.font.name = layout.FONT
    normal.font.size = Pt(E["body"].size)
    normal.paragraph_format.space_after = Pt(0)
    _theme_fonts_to_times(doc)
    return doc


def _theme_fonts_to_times(doc) -> None:
    """Theme fonts (Calibri/Cambria in python-docx's template) would leak into styles."""
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            blob = part.blob.decode("utf-8")
            for font in ("Calibri Light", "Calibri", "Cambria"):
                blob = blob.replace(f'typeface="{font}"', f'typeface="{layout.FONT}"')
            part._blob = blob.encode("utf-8")


def header_block(doc, *, cv_subject: bool = False) -> None:
    """Two columns: issuing body and number on the left, Quốc hiệu and date on the right;
    a công văn (``cv_subject``) carries its trích yếu "V/v …" under the number."""
    left, right = layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM
    table = ooxml.borderless_table(doc, [left, right])
    lc, rc = table.rows[0].cells
    lc.paragraphs[0]._p.getparent().remove(lc.paragraphs[0]._p)
    rc.paragraphs[0]._p.getparent().remove(rc.paragraphs[0]._p)
    ooxml.paragraph(lc, "{%p if issuer_parent %}")
    ooxml.paragraph(lc, "{{ issuer_parent }}", align="center", size=E["parent_body"].size)
    ooxml.paragraph(lc, "{%p endif %}")
    ooxml.paragraph(lc, "{%p for line in issuer_lines %}")
    ooxml.paragraph(lc, "{{ line }}", align="center", size=E["issuing_body"].size, bold=True)
    ooxml.paragraph(lc, "{%p endfor %}")
    ooxml.rule_paragraph(lc, 0, left, indent_expr="{{ issuer_rule_indent }}")
    ooxml.paragraph(rc, layout.NATIONAL_NAME, align="center", size=E["national_name"].size,
                    bold=True)
    ooxml.paragraph(rc, layout.MOTTO, align="center", size=E["motto"].size, bold=True)
    motto_mm = layout.text_width_mm(layout.MOTTO, E["motto"].size, bold=True)
    ooxml.rule_paragraph(rc, motto_mm, right - 2 * CELL_MARGIN_MM)
    row = table.add_row()
    lc, rc = row.cells
    p = lc.paragraphs[0]
    p.alignment = ooxml.ALIGN["center"]
    p.paragraph_format.space_before = Pt(6)
    ooxml.add_run(p, "{{ number_line }}", size=E["number"].size)
    if cv_subject:
        ooxml.paragraph(lc, "{%p for line in subject_lines %}")
        ooxml.paragraph(lc, "{{ line }}", align="center", size=12)
        ooxml.paragraph(lc, "{%p endfor %}")
    p = rc.paragraphs[0]
    p.alignment = ooxml.ALIGN["center"]
    p.paragraph_format.space_before = Pt(6)
    ooxml.add_run(p, "{{ place_date }}", size=E["place_date"].size, italic=True)


def title_block(doc, *, extra_line: str | None = None) -> None:
    """Tên loại, trích yếu (and an annex's citation line), then the short rule."""
    ooxml.paragraph(doc, "{{ title }}", align="center", size=E["type_name"].size, bold=True,
                    before=18, keep_next=True)
    ooxml.paragraph(doc, "{%p for line in subject_lines %}")
    ooxml.paragraph(doc, "{{ line }}", align="center", size=E["subject"].size, bold=True,
                    keep_next=True)
    ooxml.paragraph(doc, "{%p endfor %}")
    if extra_line:
        ooxml.paragraph(doc, extra_line, align="center", size=E["body"].size, italic=True,
                        keep_next=True)
    ooxml.rule_paragraph(doc, 0, layout.TEXT_WIDTH_MM, indent_expr="{{ subject_rule_indent }}")
    ooxml.paragraph(doc, "", after=6)


def body(doc, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True,
         keep_next: bool | None = None):
    """A body paragraph: justified, first-line indent, 6 pt after, 14 pt.

    Headings (bold) keep with the next paragraph; so does the closing paragraph
    before the signature (``keep_next=True``), so the signature never stands alone
    on the last page.
    """
    return ooxml.paragraph(doc, text, align="justify", size=E["body"].size, bold=bold,
                           italic=italic, indent_mm=layout.FIRST_LINE_INDENT_MM if indent else 0,
                           before=0, after=layout.PARAGRAPH_SPACING_PT, line=1.1,
                           keep_next=bold if keep_next is None else keep_next)


def loop(doc, expr: str, text: str, **fmt) -> None:
    """``{%p for … %}`` around one body paragraph."""
    ooxml.paragraph(doc, f"{{%p for {expr} %}}")
    body(doc, text, **fmt)
    ooxml.paragraph(doc, "{%p endfor %}")


def signature_block(doc) -> None:
    """Nơi nhận on the left, level with the authority line; signer on the right."""
    table = ooxml.borderless_table(doc, [SIGN_LEFT_MM, SIGN_RIGHT_MM])
    ooxml.keep_row_together(table.rows[0])
    lc, rc = table.rows[0].cells
    for cell in (lc, rc):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    ooxml.paragraph(lc, "Nơi nhận:", size=E["recipients_label"].size, bold=True, italic=True,
                    before=6)
    ooxml.paragraph(lc, "{%p for line in recipient_lines %}")
    ooxml.paragraph(lc, "{{ line }}", size=E["recipients"].size)
    ooxml.paragraph(lc, "{%p endfor %}")
    ooxml.paragraph(rc, "{%p if signer.authority %}")
    ooxml.paragraph(rc, "{{ signer.authority }}", align="center", size=E["authority"].size,
                    bold=True, before=6)
    ooxml.paragraph(rc, "{%p endif %}")
    ooxml.paragraph(rc, "{{ signer.title }}", align="center", size=E["signer_title"].size,
                    bold=True)
    for _ in range(4):
        ooxml.paragraph(rc, "", size=E["body"].size)
    ooxml.paragraph(rc, "{{ signer.name }}", align="center", size=E["signer_name"].size,
                    bold=True)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def two_signatures(doc) -> None:
    """The two signatures of minutes: the inspected unit's on the left, the team's on
    the right, with no Nơi nhận (minutes are kept by both sides, not sent)."""
    half = layout.TEXT_WIDTH_MM / 2
    table = ooxml.borderless_table(doc, [half, half])
    ooxml.keep_row_together(table.rows[0])
    for cell, who in zip(table.rows[0].cells, ("unit", "team")):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        ooxml.paragraph(cell, f"{{{{ signers.{who}.title }}}}", align="center",
                        size=E["signer_title"].size, bold=True, before=6)
        ooxml.paragraph(cell, "(Ký, ghi rõ họ tên)", align="center", size=E["body"].size,
                        italic=True)
        for _ in range(3):
            ooxml.paragraph(cell, "", size=E["body"].size)
        ooxml.paragraph(cell, f"{{{{ signers.{who}.name }}}}", align="center",
                        size=E["signer_name"].size, bold=True)


def dotted_lines(doc, expr: str) -> None:
    """``{%p for … %}`` around a line of dots to write on by hand: a tab to the right
    margin with a dot leader, so the dots fill exactly one line in any font."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    ooxml.paragraph(doc, f"{{%p for {expr} %}}")
    p = ooxml.paragraph(doc, "", size=E["body"].size, after=layout.PARAGRAPH_SPACING_PT,
                        line=1.1)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(layout.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT,
                                              WD_TAB_LEADER.DOTS)
    ooxml.add_run(p, "\t", size=E["body"].size)
    ooxml.paragraph(doc, "{%p endfor %}")
