"""TCVN3 and VNI reports read exactly like their Unicode original (DOCX, DOC, PDF)."""

from __future__ import annotations

import pdfplumber
import pytest
from docx import Document

from cchc.core.legacy_encoding import decode_runs, decode_text
from cchc.core.vn import clean
from cchc.extractors.legacy.docx_text import convert_docx
from tests.encoding.conftest import unicode_text
from tests.encoding.legacy_samples import tcvn3_encode


def _pdf_text(path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_docx_converts_to_the_unicode_text(three_reports, tmp_path, name):
    out = tmp_path / "out.docx"
    convert_docx(three_reports["docx"][name], out)
    assert [p.text for p in Document(str(out)).paragraphs] == unicode_text()


def test_doc_round_trip_keeps_fonts_and_converts(three_reports, tmp_path):
    """Word 97 .doc stores TCVN3 ư (0xAD) as a soft hyphen; it must come back as ư."""
    out = tmp_path / "out.docx"
    convert_docx(three_reports["doc_roundtrip"], out)
    assert [clean(p.text) for p in Document(str(out)).paragraphs] == unicode_text()


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_pdf_text_decodes_line_by_line(three_reports, name):
    """No fonts survive into LibreOffice's PDF: the characters decide, per line."""
    original = clean(_pdf_text(three_reports["pdf"]["unicode"]).replace("\n", " "))
    legacy = _pdf_text(three_reports["pdf"][name])
    decoded = clean(decode_text(legacy).replace("\n", " "))
    if name == "tcvn3":
        # The .VnTimeH title is lower case once its font is gone.
        original = original.replace(unicode_text()[2], unicode_text()[2].lower())
        # TCVN3 puts ư on 0xAD, the soft hyphen, which LibreOffice (having no
        # .VnTime font) does not draw, so this test PDF lacks it; a Word PDF with the
        # font keeps it as U+00AD or U+2212, decoded in test_legacy_encoding.
        assert "\xad" not in legacy and "ư" in original
        original = original.replace("ư", "")
    assert decoded == original


def test_decode_runs_uses_fonts_then_characters():
    body = "Báo cáo tình hình thực hiện"
    assert decode_runs([("Căn cứ ", "Times New Roman"), (tcvn3_encode(body), ".VnTime")]) == [
        "Căn cứ ", body]
    # Re-set in Times New Roman without conversion: the characters still tell.
    assert decode_runs([(tcvn3_encode(body), "Times New Roman")]) == [body]
    assert decode_runs([("Giá trị ± 5", "Times New Roman")]) == ["Giá trị ± 5"]


def test_unconverted_font_change_in_docx(tmp_path):
    src, out = tmp_path / "in.docx", tmp_path / "out.docx"
    doc = Document()
    doc.add_paragraph().add_run(tcvn3_encode("Kết quả giải quyết hồ sơ")).font.name = "Arial"
    doc.add_paragraph().add_run("Kết quả ± 5").font.name = "Arial"
    doc.save(str(src))
    report = convert_docx(src, out)
    assert report.runs_converted == 1
    assert [p.text for p in Document(str(out)).paragraphs] == [
        "Kết quả giải quyết hồ sơ", "Kết quả ± 5"]


@pytest.mark.parametrize("source", ["tcvn3", "vni", "doc"])
def test_docx_decoder_reads_paragraphs_as_unicode(three_reports, source):
    """The extractor's hook gives the Unicode text without writing a copy."""
    from cchc.extractors.legacy.docx_text import DocxDecoder

    path = (three_reports["doc_roundtrip"] if source == "doc"
            else three_reports["docx"][source])
    document = Document(str(path))
    decoder = DocxDecoder(document)
    assert [clean(decoder.paragraph_text(p)) for p in document.paragraphs] == unicode_text()
    assert decoder.encodings == {"vni" if source == "vni" else "tcvn3"}
