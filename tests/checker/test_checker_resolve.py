"""Effective formatting: run → character style → paragraph style → defaults → theme."""

from __future__ import annotations

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from cchc.checker.resolve import Resolver
from cchc.core.docx_numbering import letter, roman


def _props(doc, run):
    return Resolver(doc).run_props(run._r, run._parent._p)


def test_font_from_theme_through_document_defaults():
    doc = docx.Document()  # python-docx's template: defaults say minorHAnsi
    run = doc.add_paragraph().add_run("Văn bản")
    minor = Resolver(doc).theme["minorHAnsi"]
    assert minor and minor != "Times New Roman"
    assert _props(doc, run).fonts == (minor,)


def test_run_style_then_paragraph_style_chain():
    doc = docx.Document()
    base = doc.styles.add_style("Base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.name, base.font.size, base.font.bold = "Arial", Pt(13), True
    child = doc.styles.add_style("Child", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base
    child.font.italic = True
    para = doc.add_paragraph(style=child)
    plain = para.add_run("a")
    props = _props(doc, plain)
    assert (props.fonts, props.size, props.bold, props.italic) == (("Arial",), 13, True, True)
    cstyle = doc.styles.add_style("Upright", WD_STYLE_TYPE.CHARACTER)
    cstyle.font.italic = False
    cstyle.font.name = "Times New Roman"
    styled = para.add_run("b", style=cstyle)
    props = _props(doc, styled)
    assert (props.fonts, props.italic, props.bold) == (("Times New Roman",), False, True)
    direct = para.add_run("c")
    direct.bold = False
    assert _props(doc, direct).bold is False


def test_ascii_and_hansi_slots_are_both_reported():
    doc = docx.Document()
    run = doc.add_paragraph().add_run("Việt")
    run.font.name = "Times New Roman"  # sets ascii and hAnsi
    rfonts = run._r.rPr.rFonts
    rfonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hAnsi", "Arial")
    assert _props(doc, run).fonts == ("Times New Roman", "Arial")


def test_paragraph_properties_from_style_and_direct():
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.paragraph_format.space_after = Pt(6)
    p = doc.add_paragraph("x")
    p.paragraph_format.first_line_indent = Pt(36)
    props = Resolver(doc).para_props(p._p)
    assert props.after_pt == 6 and round(props.first_line_mm, 1) == 12.7


def test_number_formats():
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [letter(n) for n in (1, 4, 5, 27)] == ["a", "d", "e", "aa"]
