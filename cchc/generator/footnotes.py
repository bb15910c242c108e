"""Real Word footnotes for text that comes from data.

A template cannot place a footnote reference where data decides, so the context
writes a private-use marker where each reference goes, and after rendering the
marker's run is split around a ``w:footnoteReference`` and the note is added to
the footnotes part (created when the template has none).

Each render's markers carry a random key, so the same private-use characters in
the data (pasted from another document, or typed on purpose) are left as text:
they can neither point at a note that does not exist nor insert a fake one.
"""

from __future__ import annotations

import copy
import io
import re
import secrets

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from cchc.core import layout

OPEN, CLOSE = "\ue000", "\ue001"

_EMPTY = (f"<w:footnotes {nsdecls('w')}>"
          '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
          "</w:footnote>"
          '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
          "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>")


class Notes(list):
    """The notes' texts in order, and the key their markers carry."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


def marker_pattern(key: str) -> re.Pattern:
    return re.compile(f"{OPEN}{re.escape(key)}:(\\d+){CLOSE}")


class Collector:
    """Hands out markers in document order and remembers each note's text."""

    def __init__(self) -> None:
        self.texts = Notes(secrets.token_hex(8))

    def add(self, text: str) -> str:
        self.texts.append(text)
        return f"{OPEN}{self.texts.key}:{len(self.texts)}{CLOSE}"


def _footnotes_root(document):
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part.element
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY),
                   document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part.element


def _superscript_run(rpr, child):
    run = OxmlElement("w:r")
    rpr = copy.deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run.append(rpr)
    run.append(child)
    return run


def _text_run(rpr, text: str):
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def _note(note_id: int, text: str):
    size = str(int(layout.ELEMENTS["footnote"].size * 2))
    fonts = f'<w:rFonts w:ascii="{layout.FONT}" w:hAnsi="{layout.FONT}" w:cs="{layout.FONT}"/>'
    return parse_xml(
        f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        f'<w:r><w:rPr>{fonts}<w:sz w:val="{size}"/><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:rPr>{fonts}<w:sz w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>')


def _run_text(run) -> str:
    return "".join(t.text or "" for t in run.findall(qn("w:t")))


def _split_run(run, notes_root, texts: Notes, used: dict[int, int], marker) -> None:
    rpr = run.find(qn("w:rPr"))
    text = _run_text(run)
    new_runs, pos = [], 0
    for m in marker.finditer(text):
        if m.start() > pos:
            new_runs.append(_text_run(rpr, text[pos:m.start()]))
        index = int(m.group(1))
        if not 1 <= index <= len(texts):  # cannot happen with the key; never index past
            raise ValueError(f"footnote marker {index} of {len(texts)}")
        note_id = used.setdefault(index, len(used) + 1)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        new_runs.append(_superscript_run(rpr, ref))
        note = _note(note_id, texts[index - 1])
        note.findall(f".//{qn('w:t')}")[-1].text = f" {texts[index - 1]}"
        notes_root.append(note)
        pos = m.end()
    if pos < len(text):
        new_runs.append(_text_run(rpr, text[pos:]))
    parent = run.getparent()
    at = parent.index(run)
    parent.remove(run)
    for offset, new in enumerate(new_runs):
        parent.insert(at + offset, new)


def apply(docx_bytes: bytes, texts: Notes) -> bytes:
    """Replace the markers in a rendered document with numbered footnotes."""
    if not texts:
        return docx_bytes
    marker = marker_pattern(texts.key)
    document = docx.Document(io.BytesIO(docx_bytes))
    notes_root = _footnotes_root(document)
    used: dict[int, int] = {}
    body = document.element.body
    for run in list(body.iter(qn("w:r"))):
        if marker.search(_run_text(run)):
            _split_run(run, notes_root, texts, used, marker)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
