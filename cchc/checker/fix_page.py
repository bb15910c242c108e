"""``--fix`` for the page: A4 paper and page numbers centred at the top from page 2.

Letter (or any other) paper becomes A4 in the same orientation; the margins are
kept, so the text reflows and the user is warned to look at the page breaks.
Page numbers are a PAGE field in the header: added when missing, moved from the
footer with their paragraph (its words, e.g. "Trang", stay), centred, and kept
off the first page with Word's "different first page".
"""

from __future__ import annotations

import re
from copy import deepcopy

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from cchc.core import layout

from . import pagenum
from .rules.page import one_page
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
    """One centred number in the header of every page after the first, odd and even alike."""
    out = []
    shown = [s for s in pagenum.slots(document) if s.numbered]
    if not any(pagenum.page_fields(s.header) for s in shown):
        if any(pagenum.page_fields(s.footer) for s in shown):
            out.append("số trang chuyển từ chân trang lên đầu trang")
        elif one_page(model):
            return out
        else:
            out.append("thêm số trang (trường PAGE) giữa phía trên, từ trang 2")
    out += _one_per_page(document)
    centred = 0
    for p in pagenum.header_paragraphs(document):
        if model.resolver.para_props(p).align != "center":
            Paragraph(p, None).alignment = WD_ALIGN_PARAGRAPH.CENTER
            centred += 1
    if centred:
        out.append(f"căn giữa số trang ({centred} đoạn)")
    out += _first_page_blank(document.sections[0])
    return out


def _one_per_page(document) -> list[str]:
    """Each numbered kind of page: its footer's number moved up, a missing one copied, extra
    ones dropped. Slots are taken again after each repair (a new header part changes them)."""
    out: list[str] = []
    done: set[tuple[int, str]] = set()
    while True:
        todo = [s for s in pagenum.slots(document) if s.numbered and (s.section, s.kind)
                not in done]
        if not todo:
            return out
        slot = todo[0]
        done.add((slot.section, slot.kind))
        out += _repair_slot(document, slot)


def _repair_slot(document, slot) -> list[str]:
    out = []
    in_footer = pagenum.page_fields(slot.footer)
    moved = not pagenum.page_fields(slot.header) and bool(in_footer)
    if not pagenum.page_fields(slot.header):
        header = _own_header(document, slot)
        for node in in_footer:
            if not pagenum.in_text_box(node):
                _move(pagenum.field_paragraph(node), header)
        if not pagenum.page_fields(header):
            _clear_empty(header)
            model = next(iter(pagenum.header_paragraphs(document)), None)
            if model is not None and not pagenum.in_text_box(pagenum.page_fields(model)[0]):
                header.append(deepcopy(model))
            else:
                _add_field(header)
            if slot.kind == "even":
                out.append("thêm số trang ở đầu trang của trang chẵn")
        slot = next(s for s in pagenum.slots(document)
                    if (s.section, s.kind) == (slot.section, slot.kind))
    extra = pagenum.page_fields(slot.header)[1:] + pagenum.page_fields(slot.footer)
    for node in extra:
        _remove_number(node, slot.header if node in pagenum.page_fields(slot.header)
                       else slot.footer)
    if extra and not moved:  # a text box's number left in the footer is part of the move
        out.append(f"bỏ {len(extra)} số trang thừa ({pagenum.KIND_VI[slot.kind]}): mỗi trang "
                   "một số ở đầu trang")
    return out


def _own_header(document, slot):
    """The header part of this slot, made when the page has none yet."""
    if slot.header is not None:
        return slot.header
    section = document.sections[slot.section]
    header = section.even_page_header if slot.kind == "even" else section.header
    header.is_linked_to_previous = False
    return header._element


def _clear_empty(part) -> None:
    for q in part.findall(qn("w:p")):
        if not "".join(t.text or "" for t in q.iter(qn("w:t"))).strip() and not any(
                True for _ in q.iter(qn("w:drawing"), qn("w:pict"))):
            part.remove(q)


def _move(p, header) -> None:
    """Move a footer paragraph into the header, leaving its container valid."""
    _clear_empty(header)
    parent = p.getparent()
    header.append(p)  # lxml moves the element
    _patch(parent)


def _patch(parent) -> None:
    if parent.findall(qn("w:p")) or parent.findall(qn("w:tbl")):
        return
    if parent.tag == qn("w:sdtContent") and parent.getparent() is not None:
        sdt = parent.getparent()
        holder = sdt.getparent()
        holder.remove(sdt)
        _patch(holder)
    elif parent.tag in (qn("w:tc"), qn("w:ftr"), qn("w:hdr")):
        parent.append(parse_xml(f"<w:p {nsdecls('w')}/>"))


_ONLY_NUMBER = re.compile(r"^[\s\-–/]*((trang|page)[\s\-–/]*)?$", re.IGNORECASE)


def _remove_number(node, part) -> None:
    """Drop a PAGE field printed twice: the text box holding it, or its paragraph when the
    paragraph prints nothing else than the number ("Trang 2 / 5"), else only the field."""
    if pagenum.in_text_box(node):
        outer = pagenum.outer_paragraph(node, part)
        run = next((a for a in node.iterancestors(qn("w:r")) if a.getparent() is outer), None)
        if run is not None:
            outer.remove(run)
            return
    p = pagenum.field_paragraph(node)
    _drop_field(p)
    rest = "".join(t.text or "" for t in p.iter(qn("w:t")))
    if _ONLY_NUMBER.match(rest):
        parent = p.getparent()
        parent.remove(p)
        _patch(parent)


def _first_page_blank(first) -> list[str]:
    out = []
    if not first.different_first_page_header_footer:
        first.different_first_page_header_footer = True
        out.append("trang đầu không hiện số trang (bật «trang đầu khác»)")
    header = first.first_page_header
    if not header.is_linked_to_previous:
        for node in pagenum.page_fields(header._element):
            _remove_number(node, header._element)
            out.append("bỏ số trang ở đầu trang của trang đầu")
    return out


def _add_field(part) -> None:
    """A centred PAGE field in a paragraph of its own at the end of a header part."""
    size = str(int(layout.ELEMENTS["page_number"].size * 2))
    para = Paragraph(part.makeelement(qn("w:p"), {}), None)
    part.append(para._p)
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
