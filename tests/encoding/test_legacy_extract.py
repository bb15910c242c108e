"""A report typed in TCVN3 or VNI extracts exactly like its Unicode original:
``extract_file`` notices the legacy fonts and reads the text through the hook."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from cchc.extractors import extract_file
from cchc.extractors.tools.synthetic_scans import make_report_docx, make_rows
from tests.encoding.legacy_samples import tcvn3_encode, vni_encode


def legacy_copy(src, dst, encoding: str) -> None:
    """Re-type every run of a Unicode report in a legacy font, as old offices do.

    All-capital runs, in paragraphs and table cells alike, go to .VnTimeH in TCVN3
    (lower-case bytes, capitals drawn): only the font tells their case.
    """
    doc = Document(str(src))
    body = doc.element.body
    for run in body.iter(qn("w:r")):
        for t in run.iter(qn("w:t")):
            text = t.text or ""
            if encoding == "vni":
                t.text, font = vni_encode(text), "VNI-Times"
            elif text.isupper():
                t.text, font = tcvn3_encode(text.lower()), ".VnTimeH"
            else:
                t.text, font = tcvn3_encode(text), ".VnTime"
            rpr = run.get_or_add_rPr()
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is None:
                rfonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.insert(0, rfonts)
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                rfonts.set(qn(attr), font)
    doc.save(str(dst))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_report_extracts_like_the_original(tmp_path, encoding):
    original = make_report_docx(tmp_path / "unicode.docx", make_rows(seed=3))
    legacy = tmp_path / f"{encoding}.docx"
    legacy_copy(original, legacy, encoding)
    assert "Sở Xây dựng" not in "".join(p.text for p in Document(str(legacy)).paragraphs)
    want = extract_file(original)
    got = extract_file(legacy)
    for key in ("unit", "document", "period", "sections", "indicators", "tthc_stats"):
        assert got[key] == want[key], key
    assert [w["code"] for w in got["warnings"]] == [w["code"] for w in want["warnings"]]
    assert got["source"]["encoding"] == encoding
    assert "encoding" not in want["source"]


def test_cli_extracts_a_tcvn3_report(tmp_path):
    import json

    from tests.conftest import run_cli

    original = make_report_docx(tmp_path / "unicode.docx", make_rows(seed=5))
    legacy = tmp_path / "tcvn3.docx"
    legacy_copy(original, legacy, "tcvn3")
    got = json.loads(run_cli("extract", legacy).stdout)
    want = json.loads(run_cli("extract", original).stdout)
    assert got["unit"] == want["unit"] and got["tthc_stats"] == want["tthc_stats"]
