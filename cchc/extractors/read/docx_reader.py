"""DOCX → document model, walking the body XML once.

python-docx opens the package and resolves styles; the body is then walked with
lxml directly, because the high-level ``table.rows[i].cells`` API rebuilds the
grid for every access and would make extraction several times slower than just
reading the file. Merges are resolved here: gridSpan repeats a cell across its
columns and a vMerge continuation repeats the text of the cell above.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from cchc.core import safezip
from cchc.core.docx_numbering import Numbering
from cchc.core.docx_styles import StyleSheet
from cchc.core.errors import CchcError
from cchc.core.infile import open_regular
from cchc.extractors.model import Document, Para, Table, fix_text, hook_active

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|tiêu đề|tieu de|title)\s*(\d)?$", re.IGNORECASE)


def read_docx(path: Path, fmt: str = "docx", *, max_unzipped: int | None = None,
              inflated: bool = False) -> Document:
    """Every part is inflated under cchc.core.safezip's caps before python-docx opens the
    same handle, so its own unbounded reads are bounded too; ``inflated``: the intake
    (formats.receive) already did so for these very bytes."""
    with open_regular(path) as fh:
        if not inflated:
            safezip.check(fh, str(path), safezip.DOCX_CAPS.with_total(max_unzipped))
        try:
            d = docx.Document(fh)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, zlib.error,
                etree.XMLSyntaxError, EOFError, OSError) as exc:
            raise CchcError(f"không đọc được tài liệu Word (tệp hỏng?): {_why(exc)}",
                            file=str(path)) from exc
    styles = _style_info(d)
    out = Document(format=fmt)
    walker = _Walker(styles, Numbering.parse(_numbering_root(d)), _boxed(d.element.body))
    walker.walk(d.element.body, out.blocks)
    return out


def _why(exc: Exception) -> str:
    """The library's reason without file paths (they may be temporary ones)."""
    if isinstance(exc, etree.XMLSyntaxError):
        return f"XML sai cú pháp ở dòng {exc.lineno}"
    if isinstance(exc, KeyError):
        return f"thiếu phần {exc}"
    return type(exc).__name__


def _numbering_root(d):
    try:
        return d.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _boxed(body) -> set:
    """Body paragraphs that hold a text box (a header drawn in a frame)."""
    out = set()
    for box in body.iter(W + "txbxContent"):
        p = box.getparent()
        while p is not None and not (p.tag == W + "p" and p.getparent() is not None
                                     and p.getparent().tag in _CONTAINERS):
            p = p.getparent()
        if p is not None:
            out.add(p)
    return out


_CONTAINERS = {W + "body", W + "sdtContent"}
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _style_info(d) -> dict[str, tuple[int | None, bool, bool]]:
    """style id → (heading level, bold, numbered), following basedOn chains."""
    sheet = StyleSheet.of(d)
    info = {}
    for sid in sheet.styles:
        level = sheet.first(sid, _style_level)
        bold = sheet.first(sid, _style_bold)
        numbered = sheet.first(sid, lambda st: _num_pr(st.find(f"{W}pPr/{W}numPr")))
        info[sid] = (level if level is not None and level <= 9 else None, bool(bold), numbered)
    return info


def _style_level(st) -> int | None:
    lvl_el = st.find(f"{W}pPr/{W}outlineLvl")
    if lvl_el is not None:
        return int(lvl_el.get(W + "val")) + 1
    name_el = st.find(W + "name")
    m = _HEADING_NAME.match(name_el.get(W + "val") or "" if name_el is not None else "")
    return int(m.group(1) or 1) if m else None


def _style_bold(st) -> bool | None:
    b = st.find(f"{W}rPr/{W}b")
    return None if b is None else b.get(W + "val") not in ("0", "false")


def _num_pr(el) -> tuple[str | None, int | None] | None:
    """(numId, ilvl) of a w:numPr; either may be missing (the style gives the other)."""
    if el is None:
        return None
    nid, lvl = el.find(W + "numId"), el.find(W + "ilvl")
    ilvl = lvl.get(W + "val") if lvl is not None else None
    return (nid.get(W + "val") if nid is not None else None,
            int(ilvl) if ilvl is not None and ilvl.isdigit() else None)


class _Walker:
    """The body in reading order: paragraphs (with Word's list labels), tables, and the
    paragraphs of text boxes (each read once: the DrawingML copy, not its VML fallback)."""

    def __init__(self, styles, numbering: Numbering, boxed: set):
        self.styles, self.numbering, self.boxed = styles, numbering, boxed

    def walk(self, container, blocks: list) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                if child in self.boxed:
                    for box in _boxes(child):
                        self.walk(box, blocks)
                blocks.append(self.para(child))
            elif tag == W + "tbl":
                blocks.append(Table(_grid(child)))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.walk(content, blocks)

    def para(self, p) -> Para:
        ppr = p.find(W + "pPr")
        level, style_bold, style_num = None, False, None
        direct = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                level, style_bold, style_num = self.styles.get(ps.get(W + "val"),
                                                               (None, False, None))
            lvl = ppr.find(W + "outlineLvl")
            if lvl is not None and int(lvl.get(W + "val", "9")) < 9:
                level = int(lvl.get(W + "val")) + 1
            direct = _num_pr(ppr.find(W + "numPr"))
        label = None
        if direct or style_num:
            num_id = (direct and direct[0]) or (style_num and style_num[0])
            ilvl = (direct and direct[1]) if direct and direct[1] is not None else (
                (style_num and style_num[1]) or 0)
            label = self.numbering.label(num_id, ilvl)
        runs = _own_runs(p) if p in self.boxed else p.iter(W + "r")
        return _para(runs, level, style_bold, label)


def _boxes(p):
    """Text-box contents of a paragraph, skipping mc:Fallback copies and nested boxes."""
    for box in p.iter(W + "txbxContent"):
        anc = box.getparent()
        hidden = False
        while anc is not None and anc is not p:
            if anc.tag == MC + "Fallback" or anc.tag == W + "txbxContent":
                hidden = True
                break
            anc = anc.getparent()
        if not hidden:
            yield box


def _own_runs(p):
    """The paragraph's runs outside its text boxes."""
    for r in p.iter(W + "r"):
        anc = r.getparent()
        while anc is not None and anc is not p and anc.tag != W + "txbxContent":
            anc = anc.getparent()
        if anc is p:
            yield r


def _para(runs, level, style_bold: bool, label: str | None) -> Para:
    parts: list[str] = []
    bold_chars = total_chars = 0
    bold_lead, lead_open = 0, True
    for r in runs:
        text = _run_text(r)
        if not text:
            continue
        rpr = r.find(W + "rPr")
        bold = style_bold
        font = None
        if rpr is not None:
            b = rpr.find(W + "b")
            if b is not None:
                bold = b.get(W + "val") not in ("0", "false")
            if hook_active():
                f = rpr.find(W + "rFonts")
                font = f.get(W + "ascii") if f is not None else None
        if hook_active():
            text = fix_text(text, font)
        parts.append(text)
        if lead_open:
            if bold:
                bold_lead += len(text)
            elif text.strip():
                lead_open = False
        n = len(text.strip())
        total_chars += n
        bold_chars += n if bold else 0
    text = "".join(parts)
    return Para(text=text, bold=total_chars > 0 and bold_chars >= 0.8 * total_chars,
                level=level, numbered=label is not None, bold_lead=bold_lead, label=label)


def _run_text(r) -> str:
    out = []
    for el in r.iterchildren():
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "softHyphen" and hook_active():
            out.append("\xad")  # TCVN3's "ư" byte, turned into a soft hyphen by Word
    return "".join(out)


def _run_font(r) -> str | None:
    rpr = r.find(W + "rPr")
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    return fonts.get(W + "ascii") if fonts is not None else None


def _cell_text(tc) -> str:
    lines = []
    for p in tc.iter(W + "p"):
        if hook_active():  # each run by its own font: a .VnTimeH cell is in capitals
            t = "".join(fix_text(_run_text(r), _run_font(r)) for r in p.iter(W + "r"))
        else:
            t = "".join(_run_text(r) for r in p.iter(W + "r"))
        lines.append(t)
    return "\n".join(lines).strip()


def _grid(tbl) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(W + "tr"):
        row: list[str] = []
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            gb = trpr.find(W + "gridBefore")
            if gb is not None:
                row.extend([""] * int(gb.get(W + "val", "0")))
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span, cont = 1, False
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(W + "val", "1")))
                vm = tcpr.find(W + "vMerge")
                cont = vm is not None and vm.get(W + "val") in (None, "continue")
            col = len(row)
            if cont and rows and col < len(rows[-1]):
                text = rows[-1][col]
            else:
                text = _cell_text(tc)
            row.extend([text] * span)
        rows.append(row)
    return rows
