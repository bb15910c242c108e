"""`convert-encoding`: a mixed TCVN3/VNI/Unicode DOCX becomes one Unicode copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from cchc.cli import CchcGroup
from cchc.extractors.encoding_commands import convert_encoding
from cchc.extractors.legacy.docx_text import convert_docx
from tests.encoding.legacy_samples import tcvn3_encode, vni_encode

HEADER = "UỶ BAN NHÂN DÂN TỈNH BẮC GIANG"
TITLE = "BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH"
BODY = "Thực hiện Kế hoạch số 125/KH-UBND ngày 10 tháng 5 năm 2023 của Ủy ban nhân dân tỉnh"
STYLED = "Đơn vị đã triển khai đầy đủ các nhiệm vụ được giao"
CELL = "Lĩnh vực đất đai, xây dựng, tư pháp"
FOOTER = "Nơi nhận: như trên; lưu văn thư"


def _run(paragraph, text, font):
    run = paragraph.add_run(text)
    run.font.name = font
    return run


def make_legacy_docx(path: Path) -> None:
    doc = Document()
    _run(doc.add_paragraph(), HEADER, "Times New Roman")
    _run(doc.add_paragraph(), tcvn3_encode(TITLE.lower()), ".VnTimeH")
    mixed = doc.add_paragraph()
    _run(mixed, "Căn cứ: ", "Times New Roman")
    _run(mixed, tcvn3_encode(BODY), ".VnTime")
    style = doc.styles.add_style("LegacyBody", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = ".VnTime"
    doc.add_paragraph(tcvn3_encode(STYLED), style="LegacyBody")
    table = doc.add_table(rows=1, cols=2)
    cell_p = table.cell(0, 0).paragraphs[0]
    legacy = vni_encode(CELL)
    cut = legacy.index("ö") + 1  # "Lĩnh vực": split right after the ư, before its mark
    _run(cell_p, legacy[:cut], "VNI-Times")
    _run(cell_p, legacy[cut:], "VNI-Times")
    _run(table.cell(0, 1).paragraphs[0], "1.234", "Times New Roman")
    _run(doc.sections[0].footer.paragraphs[0], tcvn3_encode(FOOTER), ".VnTime")
    doc.save(str(path))


@pytest.fixture
def legacy_docx(tmp_path):
    path = tmp_path / "bao-cao-tcvn3.docx"
    make_legacy_docx(path)
    return path


def _fonts(run):
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    return {a: rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")}


def test_convert_docx_per_run(legacy_docx, tmp_path):
    out = tmp_path / "unicode.docx"
    report = convert_docx(legacy_docx, out)
    assert report.by_encoding == {"tcvn3": 4, "vni": 2}
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == [HEADER, TITLE, "Căn cứ: " + BODY, STYLED]
    assert doc.tables[0].cell(0, 0).text == CELL
    assert doc.tables[0].cell(0, 1).text == "1.234"
    assert doc.sections[0].footer.paragraphs[0].text == FOOTER
    for run in doc.paragraphs[1].runs + doc.paragraphs[2].runs[1:] + doc.paragraphs[3].runs:
        assert set(_fonts(run).values()) == {"Times New Roman"}
    assert doc.styles["LegacyBody"].font.name == "Times New Roman"


def test_unicode_document_is_left_alone(tmp_path):
    src, out = tmp_path / "u.docx", tmp_path / "o.docx"
    doc = Document()
    _run(doc.add_paragraph(), "Báo cáo ± 5 § 3", "Arial")
    doc.save(str(src))
    assert convert_docx(src, out).runs_converted == 0
    assert Document(str(out)).paragraphs[0].text == "Báo cáo ± 5 § 3"


def _cli():
    group = CchcGroup(commands={"convert-encoding": convert_encoding})
    return lambda *args: CliRunner().invoke(group, [str(a) for a in args])


def test_cli_convert_encoding(legacy_docx, tmp_path):
    out = tmp_path / "out.docx"
    result = _cli()("convert-encoding", legacy_docx, "-o", out)
    assert result.exit_code == 0, result.output
    assert "TCVN3" in result.output and "VNI" in result.output
    assert Document(str(out)).paragraphs[1].text == TITLE


def test_cli_converts_an_old_doc_through_docx(legacy_docx, tmp_path):
    """Issue 23: a TCVN3 .doc (Word 97, as LibreOffice saves it) is converted too."""
    from cchc.core import office

    if not office.available():
        pytest.skip("needs LibreOffice")
    (doc,) = office.convert([legacy_docx], "doc:MS Word 97", tmp_path / "doc")
    out = tmp_path / "out.docx"
    result = _cli()("convert-encoding", doc, "-o", out)
    assert result.exit_code == 0, result.output
    assert "TCVN3" in result.output
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert TITLE in texts and STYLED in texts


@pytest.mark.parametrize("name,content,message", [
    ("missing.docx", None, "không tìm thấy tệp"),
    ("broken.docx", b"not a zip", "không nhận ra định dạng tệp"),
    ("old.doc", b"x", "không nhận ra định dạng tệp"),
    ("bang.pdf", b"%PDF-1.4\n", "chỉ chuyển được tài liệu Word (.docx, .doc); tệp này là PDF"),
])
def test_cli_errors_name_the_file(tmp_path, name, content, message):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "out.docx"
    result = _cli()("convert-encoding", src, "-o", out)
    assert result.exit_code == 2
    assert message in result.output and name in result.output
    assert not out.exists()
