"""cchc renders every docxtpl feature that JSON data can drive with the same text as docxtpl.

Plain docxtpl runs with autoescape=True and the same data; the text of every
part (body, headers, footers, footnotes), the merges of table cells and the core
properties docxtpl renders must match.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from cchc.generator.render import CompiledTemplate
from tests.generator import docxtpl_cases as cases

PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml$")
PROPS = ("title", "subject", "author", "comments")


def part_texts(blob: bytes) -> dict[str, list[str]]:
    """Paragraph texts of each Word part, tabs and breaks shown, footnote references marked."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        for name in sorted(n for n in zf.namelist() if PARTS.match(n)):
            root = etree.fromstring(zf.read(name))
            out[name] = [paragraph(p) for p in root.iter(qn("w:p"))]
    return out


def paragraph(p) -> str:
    pieces = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")):
        pieces.append({qn("w:t"): el.text or "", qn("w:tab"): "\t", qn("w:br"): "\n"}.get(
            el.tag, f"[^{el.get(qn('w:id'))}]"))
    return "".join(pieces)


def merges(blob: bytes) -> list[tuple[str | None, str | None, str | None]]:
    """(gridSpan, vMerge, shading fill) of every table cell."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
    found = []
    for tc in root.iter(qn("w:tc")):
        span, vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), \
            tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        found.append((None if span is None else span.get(qn("w:val")),
                      None if vmerge is None else vmerge.get(qn("w:val"), "continue"),
                      None if shading is None else shading.get(qn("w:fill"))))
    return found


def grids(blob: bytes) -> list[int]:
    """Grid columns of every table (docxtpl widens or narrows them after cell loops)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
    return [len(t.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) for t in root.iter(qn("w:tbl"))]


def properties(blob: bytes) -> dict[str, str]:
    core = docx.Document(io.BytesIO(blob)).core_properties
    return {k: getattr(core, k) for k in PROPS}


def plain_docxtpl(path, data) -> bytes:
    tpl = DocxTemplate(path)
    tpl.render(data, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_same_text_as_plain_docxtpl(tmp_path, name):
    path = cases.build(name, tmp_path / f"{name}.docx")
    expected, actual = plain_docxtpl(path, cases.DATA), CompiledTemplate(path).render(cases.DATA)
    assert part_texts(actual) == part_texts(expected)
    assert merges(actual) == merges(expected)
    assert grids(actual) == grids(expected)
    assert properties(actual) == properties(expected)


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_no_tag_comes_out_raw(tmp_path, name):
    path = cases.build(name, tmp_path / f"{name}.docx")
    texts = part_texts(CompiledTemplate(path).render(cases.DATA))
    rendered = "\n".join(t for part in texts.values() for t in part)
    assert rendered.strip()
    assert not re.search(r"\{[{%#]|[}%#]\}", rendered), rendered


def test_the_cases_exercise_what_they_claim(tmp_path):
    """Guard against a builder that silently stops producing its feature."""
    out = {name: CompiledTemplate(cases.build(name, tmp_path / f"{name}.docx"))
           .render(cases.DATA) for name in ("split_runs", "vertical_merge", "horizontal_merge",
                                            "footnotes", "headers_footers", "cell_loops")}
    body = part_texts(out["split_runs"])["word/document.xml"]
    assert body[0] == 'Kính gửi: Sở Y tế "A" & <B>' and body[2:] == [
        u["name"] for u in cases.UNITS]
    assert {"restart", "continue"} <= {v for _s, v, _f in merges(out["vertical_merge"])}
    assert ("3", None, None) in merges(out["horizontal_merge"])
    assert part_texts(out["footnotes"])["word/footnotes.xml"][-1] == \
        " Theo Nghị định 30/2020/NĐ-CP năm 2023."
    header = [t for n, ts in part_texts(out["headers_footers"]).items() if "header" in n
              for t in ts]
    assert "UBND TỈNH BẮC GIANG — số 05/KH-UBND" in header
    assert grids(CompiledTemplate(cases.build("wide_cell_loops", tmp_path / "w.docx"))
                 .render(cases.DATA)) == [1 + len(cases.DATA["months"])]
    row = part_texts(out["cell_loops"])["word/document.xml"]
    assert row == ["Tiêu chí", "Quý I", "Quý II", "Quý III", "Hồ sơ", "10", "20", "30"]
