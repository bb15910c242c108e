"""``--fix`` for the page: A4 paper and page numbers centred at the top from page 2.

Letter (or any other) paper becomes A4 in the same orientation; the margins are
kept, so the text reflows and the user is warned to look at the page breaks.
Page numbers are a PAGE field in the header: added when missing, moved from the
footer with their paragraph (its words, e.g. "Trang", stay), centred, and kept
off the first page with Word's "different first page".
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from cchc.core import layout

from .rules.page import one_page, page_paragraphs
from .rules.util import fmt


def fix_paper(document) -> list[str]:
    out = []
    a4_short, a4_long = layout.PAGE_A4_MM
    tol = layout.PAGE_SIZE_TOLERANCE_MM
    for i, section in enumerate(document.sections):
        w = section.page_width.mm if section.page_width is not None else 0.0
        h = section.page_height.mm if section.page_height is not None else 0.0
        short, long_ = sorted((w, h))
        if abs(short - a4_short) <= tol and abs(long_ - a4_long) <= tol:
            continue
        landscape = w > h
        section.page_width = Mm(a4_long if landscape else a4_short)
        section.page_height = Mm(a4_short if landscape else a4_long)
        out.append(f"khổ giấy phần trang {i + 1}: {fmt(w)} × {fmt(h)} mm → A4 "
                   f"(cảnh báo: chữ sẽ xuống dòng và sang trang khác, cần xem lại ngắt trang)")
    return out


def fix_page_numbers(document, model) -> list[str]:
    sections = document.sections
    headers = [s.header for s in sections if not s.header.is_linked_to_previous]
    with_field = [p for h in headers for p in page_paragraphs(h._element)]
    out = []
    if not with_field:
        moved = _from_footer(sections)
        if moved:
            out.append("số trang chuyển từ chân trang lên đầu trang")
        elif not one_page(model):
            _add_field(sections[0].header)
            out.append("thêm số trang (trường PAGE) giữa phía trên, từ trang 2")
        with_field = [p for s in sections if not s.header.is_linked_to_previous
                      for p in page_paragraphs(s.header._element)]
    centred = 0
    for p in with_field:
        para = Paragraph(p, None)
        if model.resolver.para_props(p).align != "center":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            centred += 1
    if centred:
        out.append(f"căn giữa số trang ({centred} đoạn)")
    if with_field:
        out += _first_page_blank(sections[0])
    return out


def _first_page_blank(first) -> list[str]:
    out = []
    if not first.different_first_page_header_footer:
        first.different_first_page_header_footer = True
        out.append("trang đầu không hiện số trang (bật «trang đầu khác»)")
    header = first.first_page_header
    if not header.is_linked_to_previous:
        for p in page_paragraphs(header._element):
            _drop_field(p)
            out.append("bỏ số trang ở đầu trang của trang đầu")
    return out


def _from_footer(sections) -> bool:
    moved = False
    for s in sections:
        if s.footer.is_linked_to_previous:
            continue
        for p in page_paragraphs(s.footer._element):
            target = s.header
            if target.is_linked_to_previous:
                target.is_linked_to_previous = False
            body = target._element
            empty = [q for q in body.findall(qn("w:p")) if not "".join(
                t.text or "" for t in q.iter(qn("w:t"))).strip()]
            for q in empty:
                body.remove(q)
            body.append(p)  # lxml moves the element: the footer no longer holds it
            if not s.footer._element.findall(qn("w:p")):
                s.footer._element.append(parse_xml(f"<w:p {nsdecls('w')}/>"))
            moved = True
    return moved


def _add_field(header) -> None:
    size = str(int(layout.ELEMENTS["page_number"].size * 2))
    para = header.paragraphs[0] if header.paragraphs and not header.paragraphs[0].text \
        else header.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rpr = f"<w:rPr><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>"
    for inner in ('<w:fldChar w:fldCharType="begin"/>',
                  '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                  '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>",
                  '<w:fldChar w:fldCharType="end"/>'):
        para._p.append(parse_xml(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>"))
    for run in para.runs:
        run.font.size = Pt(layout.ELEMENTS["page_number"].size)


def _drop_field(p) -> None:
    """Remove the PAGE field's runs (begin … end) from a first-page header paragraph."""
    inside = False
    for r in list(p.iter(qn("w:r"))):
        kinds = [f.get(qn("w:fldCharType")) for f in r.findall(qn("w:fldChar"))]
        if "begin" in kinds:
            inside = True
        if inside:
            r.getparent().remove(r)
        if "end" in kinds:
            inside = False
    for simple in list(p.iter(qn("w:fldSimple"))):
        simple.getparent().remove(simple)
