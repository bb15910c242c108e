"""Where a document's page numbers print: each section's headers and footers as Word shows them.

A section shows its *default* header and footer, also an *even* pair when the
document sets "different odd and even pages" (``w:evenAndOddHeaders``), and a
*first-page* pair when the section sets "different first page" (``w:titlePg``).
A section without its own reference of a kind shows the previous section's
part of that kind. The rule and ``--fix`` both read the document through
:func:`slots`, so what the checker counts is what the fix repairs.

A PAGE field is counted once per field as printed: the copy Word keeps in an
``mc:Fallback`` (the VML twin of a text box) is not a second number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)
_FALLBACK = f"{{{MC_NS}}}Fallback"
_REFS = {"headerReference": "header", "footerReference": "footer"}
KIND_VI = {"default": "trang lẻ", "even": "trang chẵn", "first": "trang đầu"}


@dataclass
class Slot:
    """One kind of page of one section, with the header and footer parts it prints."""

    section: int
    kind: str  # "default", "even" or "first"
    header: object | None  # the w:hdr element, or None when the page has no header
    footer: object | None  # the w:ftr element

    @property
    def numbered(self) -> bool:
        """Pages of this slot come after page 1 and must show a number."""
        return self.kind != "first"


def even_and_odd(document) -> bool:
    return bool(document.settings.odd_and_even_pages_header_footer)


def slots(document) -> list[Slot]:
    even = even_and_odd(document)
    related = document.part.related_parts
    current: dict[tuple[str, str], object] = {}
    out = []
    for i, section in enumerate(document.sections):
        for tag, where in _REFS.items():
            for ref in section._sectPr.findall(qn(f"w:{tag}")):
                part = related.get(ref.get(qn("r:id")))
                if part is not None:
                    current[(where, ref.get(qn("w:type"), "default"))] = part.element
        kinds = ["default"] + (["even"] if even else [])
        if section.different_first_page_header_footer:
            kinds.append("first")
        out += [Slot(i, kind, current.get(("header", kind)), current.get(("footer", kind)))
                for kind in kinds]
    return out


def page_fields(part) -> list:
    """The PAGE fields a header or footer part prints (fldSimple or instrText nodes)."""
    if part is None:
        return []
    out = []
    for node in part.iter(qn("w:fldSimple"), qn("w:instrText")):
        code = node.get(qn("w:instr"), "") if node.tag == qn("w:fldSimple") else node.text
        if _PAGE_FIELD.match(code or "") and field_paragraph(node) is not None and not any(
                a.tag == _FALLBACK for a in node.iterancestors()):
            out.append(node)
    return out


def field_paragraph(node):
    """The paragraph that prints a field (inside a text box: the box's own paragraph)."""
    return next(node.iterancestors(qn("w:p")), None)


def outer_paragraph(node, part):
    """The paragraph of the part itself holding a field (the one holding the text box)."""
    outer = None
    for a in node.iterancestors(qn("w:p")):
        outer = a
    return outer if outer is not None and part in outer.iterancestors() else None


def in_text_box(node) -> bool:
    return any(True for _ in node.iterancestors(qn("w:txbxContent")))


def header_paragraphs(document) -> list:
    """Paragraphs printing a PAGE field in the headers of numbered pages, each once."""
    seen, out = set(), []
    for slot in slots(document):
        if slot.numbered:
            for node in page_fields(slot.header):
                p = field_paragraph(node)
                if p is not None and id(p) not in seen:
                    seen.add(id(p))
                    out.append(p)
    return out
