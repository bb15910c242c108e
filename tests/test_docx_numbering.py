"""One reader of Word's numbering (cchc.core.docx_numbering) for the checker and the
extractors: both see the labels Word prints, list restarts and level overrides included."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cchc.checker.model import DocModel
from cchc.extractors.model import Para
from cchc.extractors.read.docx_reader import read_docx

NUMBERING = f"""<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
      <w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
      <w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="6"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="7"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
        <w:lvlText w:val="%1."/></w:lvl></w:lvlOverride></w:num>
  <w:num w:numId="8"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""

# (numId, level, what Word prints): a list, a second instance restarted by its
# startOverride, a third whose level 0 is redefined as Roman, then a circled number.
PARAS = [("5", 0, "1."), ("5", 1, "a)"), ("5", 1, "b)"), ("5", 0, "2."),
         ("6", 0, "1."), ("6", 0, "2."), ("7", 0, "I."), ("7", 0, "II."), ("8", 0, None)]


def _document(path):
    d = docx.Document()
    part = d.part.numbering_part
    for child in list(part.element):
        part.element.remove(child)
    for child in parse_xml(NUMBERING):
        part.element.append(child)
    for i, (num_id, ilvl, _) in enumerate(PARAS):
        p = d.add_paragraph(f"Đoạn thứ {i + 1} của danh sách")
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'))
    d.save(path)
    return path


def test_checker_and_extractor_read_the_labels_word_prints(tmp_path):
    path = _document(tmp_path / "ds.docx")
    checker = [p.label for p in DocModel(docx.Document(str(path))).paras
               if p.text.startswith("Đoạn")]
    extracted = [b for b in read_docx(path).blocks if isinstance(b, Para)]
    assert [p.label for p in extracted] == [w for *_, w in PARAS[:-1]] + ["1"]
    # the checker compares labels with the decree's numbers: a circled ① is none of them
    assert checker == [w for *_, w in PARAS]
