"""Per-run legacy-encoding conversion inside a DOCX (body, tables, headers, footers).

A converted office file mixes encodings freely: a Unicode header pasted from the
province template over a TCVN3 body, a .VnTimeH title, a VNI table. So the decision
is made run by run from the run's effective font (run → character style →
paragraph style → document defaults), and every converted run is set in Times New
Roman so the copy displays on a machine without the old fonts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from cchc.core import safezip
from cchc.core.docx_styles import StyleSheet
from cchc.core.errors import CchcError
from cchc.core.infile import open_regular
from cchc.core.legacy_encoding import (
    TCVN3_NAME,
    VNI_NAME,
    detect_encoding,
    font_encoding,
    to_unicode,
    vni_mark_chars,
)
from cchc.core.outfile import atomic_path

UNICODE_FONT = "Times New Roman"
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_VOWELS = frozenset("aeiouyAEIOUYôöÔÖ")


@dataclass
class ConversionReport:
    runs_converted: int = 0
    by_encoding: dict[str, int] = field(default_factory=dict)
    fonts: set[str] = field(default_factory=set)


class _Styles:
    """Effective font lookup through style inheritance."""

    def __init__(self, document):
        self.sheet = StyleSheet.of(document)
        self.default_para = self.sheet.default_style.get("paragraph")
        self.default_font = _rfonts_name(self.sheet.rpr_default)

    def font(self, style_id: str | None) -> str | None:
        return self.sheet.first(style_id, lambda st: _rfonts_name(st.find(qn("w:rPr"))) or None)

    def run_font(self, run) -> str | None:
        rpr = run.find(qn("w:rPr"))
        name = _rfonts_name(rpr)
        if name:
            return name
        if rpr is not None:
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None and (name := self.font(rstyle.get(qn("w:val")))):
                return name
        para = _own_paragraph(run)
        pstyle_id = self.default_para
        if para is not None:
            pstyle = para.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if pstyle is not None:
                pstyle_id = pstyle.get(qn("w:val"))
        return self.font(pstyle_id) or self.default_font


def _rfonts_name(rpr) -> str | None:
    if rpr is None:
        return None
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        return None
    return rfonts.get(qn("w:ascii")) or rfonts.get(qn("w:hAnsi"))


def _text_nodes(run) -> list:
    return [c for c in run if c.tag in (qn("w:t"), qn("w:softHyphen"))]


def _run_text(run) -> str:
    return "".join(c.text or "" if c.tag == qn("w:t") else "\xad" for c in _text_nodes(run))


def _set_text(run, text: str) -> None:
    """Put ``text`` into the run's first text node; drop the other text nodes.

    Segments split by tabs or breaks keep their place: only the w:t / softHyphen
    nodes are rewritten, and each contiguous group keeps its own text.
    """
    groups: list[list] = [[]]
    for child in run:
        if child.tag in (qn("w:t"), qn("w:softHyphen")):
            groups[-1].append(child)
        elif child.tag != qn("w:rPr"):
            groups.append([])
    groups = [g for g in groups if g]
    sizes = [len(_group_text(g)) for g in groups]
    pos = 0
    for group, size in zip(groups, sizes, strict=True):
        piece, pos = text[pos:pos + size], pos + size
        _replace_group(run, group, piece)
    if pos < len(text) and groups:  # decoding never lengthens text; defensive
        last = run.findall(qn("w:t"))[-1]
        last.text = (last.text or "") + text[pos:]


def _group_text(group) -> str:
    return "".join(c.text or "" if c.tag == qn("w:t") else "\xad" for c in group)


def _replace_group(run, group, piece: str) -> None:
    first = group[0]
    if first.tag != qn("w:t"):
        new = run.makeelement(qn("w:t"), {})
        first.addprevious(new)
        first = new
    first.text = piece
    first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for node in group:
        if node is not first:
            run.remove(node)


def _set_unicode_font(run) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = run.makeelement(qn("w:rPr"), {})
        run.insert(0, rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rstyle = rpr.find(qn("w:rStyle"))
        if rstyle is not None:
            rstyle.addnext(rfonts)
        else:
            rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for attr in _FONT_ATTRS:
        rfonts.set(qn(attr), UNICODE_FONT)


def _own_paragraph(run):
    node = run.getparent()
    while node is not None and node.tag != qn("w:p"):
        node = node.getparent()
    return node


def _paragraph_runs(part_element):
    """Runs grouped by paragraph; a text box's runs belong to its own paragraph."""
    for para in part_element.iter(qn("w:p")):
        yield [r for r in para.iter(qn("w:r")) if _own_paragraph(r) is para]


def _plan(runs, styles: _Styles) -> list[tuple]:
    """(run, font, encoding, upper, legacy text) for each run of one paragraph.

    Word splits runs for spelling marks and revision ids, which can part a VNI base
    letter from its mark character; the mark is moved back to its letter first.
    Without any legacy font, the paragraph's characters may still be legacy text
    that an office re-set in a Unicode font without converting it.
    """
    plan = []
    for run in runs:
        font = styles.run_font(run)
        encoding, upper = font_encoding(font)
        plan.append((run, font, encoding, upper, _run_text(run)))
    if plan and not any(p[2] for p in plan):
        encoding = detect_encoding("".join(p[4] for p in plan))
        if encoding is None:
            return plan
        plan = [(run, font, encoding, False, text) for run, font, _e, _u, text in plan]
    marks = vni_mark_chars()
    for i in range(1, len(plan)):
        prev, cur = plan[i - 1], plan[i]
        if (prev[2] == cur[2] == VNI_NAME and prev[4] and cur[4]
                and prev[4][-1] in _VOWELS and cur[4][0] in marks):
            plan[i - 1] = (*prev[:4], prev[4] + cur[4][0])
            plan[i] = (*cur[:4], cur[4][1:])
    return plan


def _convert_paragraph(runs, styles: _Styles, report: ConversionReport) -> None:
    for run, font, encoding, upper, text in _plan(runs, styles):
        if encoding is None:
            continue
        _set_text(run, to_unicode(text, encoding, upper=upper))
        _set_unicode_font(run)
        report.runs_converted += 1
        report.by_encoding[encoding] = report.by_encoding.get(encoding, 0) + 1
        by_font = font_encoding(font)[0] is not None
        report.fonts.add(font if by_font else f"{font or 'mặc định'}, nhận theo ký tự")


class DocxDecoder:
    """The extractor's hook for python-docx documents: Unicode text of a paragraph.

    ``DocxDecoder(document).paragraph_text(paragraph)`` decodes each run by its
    effective font (run, character style, paragraph style, defaults), keeps the
    soft hyphens that are TCVN3's ư (python-docx's ``run.text`` drops them), and
    leaves Unicode paragraphs as python-docx reads them.
    """

    def __init__(self, document):
        self.styles = _Styles(document)
        self.encodings: set[str] = set()   # legacy encodings met (for source.encoding)

    def paragraph_text(self, paragraph) -> str:
        para = paragraph._p
        runs = [r for r in para.iter(qn("w:r")) if _own_paragraph(r) is para]
        plan = _plan(runs, self.styles)
        if not any(p[2] for p in plan):
            return paragraph.text
        self.encodings.update(p[2] for p in plan if p[2])
        parts = []
        for child in para:
            if child.tag == qn("w:r"):
                parts.append(self._run(child, plan))
            elif child.tag == qn("w:hyperlink"):
                parts += [self._run(r, plan) for r in child.iter(qn("w:r"))]
        return "".join(parts)

    @staticmethod
    def _run(run, plan) -> str:
        for r, _font, encoding, upper, text in plan:
            if r is run:
                if encoding is None:
                    from docx.text.run import Run

                    return Run(run, None).text
                return to_unicode(text, encoding, upper=upper)
        return ""


def _parts(document):
    yield document.element
    for section in document.sections:
        for hf in (section.header, section.footer, section.first_page_header,
                   section.first_page_footer, section.even_page_header,
                   section.even_page_footer):
            if not hf.is_linked_to_previous:
                yield hf._element


def _retire_legacy_style_fonts(document) -> None:
    """Styles that name a legacy font now name Times New Roman (for new typing)."""
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        if any(font_encoding(rfonts.get(qn(a)))[0] for a in _FONT_ATTRS):
            for attr in _FONT_ATTRS:
                rfonts.set(qn(attr), UNICODE_FONT)


def convert_document(document) -> ConversionReport:
    """Convert a python-docx Document in place."""
    styles = _Styles(document)
    report = ConversionReport()
    seen = set()
    for element in _parts(document):
        if id(element) in seen:
            continue
        seen.add(id(element))
        for runs in _paragraph_runs(element):
            _convert_paragraph(runs, styles, report)
    _retire_legacy_style_fonts(document)
    return report


def open_docx(path: str | os.PathLike):
    path = Path(path)
    with open_regular(path) as fh:
        try:
            safezip.check(fh, str(path))
        except safezip.ZipDamaged as exc:
            raise CchcError(f"không đọc được tệp DOCX: {exc.message}", file=str(path)) from exc
        return _document(fh, path)


def _document(fh, path: Path):
    try:
        return Document(fh)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise CchcError("không đọc được tệp DOCX (tệp hỏng hoặc không phải DOCX)",
                        file=str(path)) from exc
    except Exception as exc:  # lxml / zipfile errors on a damaged file
        raise CchcError("tệp DOCX bị hỏng hoặc không đúng định dạng",
                        file=str(path)) from exc


def convert_docx(in_path: str | os.PathLike, out_path: str | os.PathLike) -> ConversionReport:
    """Write a Unicode copy of ``in_path`` to ``out_path`` (atomically)."""
    document = open_docx(in_path)
    report = convert_document(document)
    with atomic_path(out_path) as tmp:
        document.save(str(tmp))
    return report


__all__ = ["ConversionReport", "DocxDecoder", "convert_docx", "convert_document", "TCVN3_NAME",
           "VNI_NAME"]
