"""``--fix`` for the body's paragraph formatting: justification, indent, spacing.

The paragraphs repaired are exactly those the body rules report (the same
functions pick them), and only their paragraph properties change: no run, no
text. Justifying a paragraph or indenting its first line moves where its lines
break, which is what the decree asks for.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from cchc.core import layout

from .rules import title_body as rules


def _fmt(para):
    return Paragraph(para.element, None).paragraph_format


def fix_body(lay) -> list[str]:
    body = rules.judged_body(lay)
    out = []
    todo = rules.misaligned(body)
    for para in todo:
        _fmt(para).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if todo:
        out.append(f"căn đều hai bên {len(todo)} đoạn nội dung")
    todo = rules.badly_indented(body)
    for para in todo:
        pf = _fmt(para)
        pf.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
    if todo:
        out.append(f"thụt đầu dòng {layout.FIRST_LINE_INDENT_MM:g} mm cho {len(todo)} đoạn"
                   .replace(".", ","))
    pairs = rules.tight_pairs(body)
    for prev, nxt, _ in pairs:
        for para in (prev, nxt):
            _no_contextual(para.element)
        _fmt(prev).space_after = Pt(layout.PARAGRAPH_SPACING_PT)
    if pairs:
        out.append(f"cách đoạn {layout.PARAGRAPH_SPACING_PT} pt giữa {len(pairs)} cặp đoạn")
    spaced = rules.bad_line_spacing(body)
    lo, hi = layout.LINE_SPACING_RANGE
    for para, _ in spaced:
        pf = _fmt(para)
        sizes = [f.props.size for f in para.fragments if f.props.size]
        unit = 1.0 if para.props.line_rule == "auto" else max(sizes, default=14.0)
        too_tight = para.props.line < lo * unit
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE if too_tight else \
            WD_LINE_SPACING.ONE_POINT_FIVE
    if spaced:
        out.append(f"giãn dòng về khoảng đơn–{hi:g} dòng cho {len(spaced)} đoạn"
                   .replace(".", ","))
    return out


def _no_contextual(p) -> None:
    """Word's "don't add space between paragraphs of the same style" would swallow it."""
    ppr = p.get_or_add_pPr()
    el = ppr.find(qn("w:contextualSpacing"))
    if el is None:
        ppr.append(p.makeelement(qn("w:contextualSpacing"), {qn("w:val"): "0"}))
        _reorder(ppr)
    else:
        el.set(qn("w:val"), "0")


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def _reorder(ppr) -> None:
    """Keep pPr children in schema order (Word refuses a file otherwise)."""
    rank = {qn(f"w:{t}"): i for i, t in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        ppr.append(el)
