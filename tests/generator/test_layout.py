"""The generated documents follow Nghị định 30/2020's layout, read back from the files."""

from __future__ import annotations

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.docx_text import norm

W = qn


def mm(length) -> float:
    return round(length / Mm(1), 1)


def run_props(paragraph):
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs, f"no text in {paragraph.text!r}"
    return ({r.font.size.pt if r.font.size else None for r in runs},
            {bool(r.font.bold) for r in runs}, {bool(r.font.italic) for r in runs})


def find(paragraphs, text):
    for p in paragraphs:
        if norm(p.text).startswith(text):
            return p
    raise AssertionError(f"{text!r} not found")


@pytest.mark.parametrize("name", ["plan", "outline", "conclusion"])
def test_first_section_is_a4_portrait_with_the_decree_margins(generated, name):
    s = docx.Document(generated[name]).sections[0]
    assert (mm(s.page_width), mm(s.page_height)) == (210.0, 297.0)
    assert s.orientation == WD_ORIENT.PORTRAIT
    assert (mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) == (
        20.0, 20.0, 30.0, 15.0)


def test_statistics_table_sits_in_a_landscape_a4_section(generated):
    sections = docx.Document(generated["outline"]).sections
    assert len(sections) == 2
    s = sections[1]
    assert s.orientation == WD_ORIENT.LANDSCAPE
    assert (mm(s.page_width), mm(s.page_height)) == (297.0, 210.0)
    assert 20 <= mm(s.left_margin) <= 35 and mm(s.right_margin) >= 15


def test_page_numbers_are_centred_in_the_header_from_page_two(generated):
    section = docx.Document(generated["plan"]).sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    instr = "".join(t.text or "" for t in header.iter(W("w:instrText")))
    assert instr.strip() == "PAGE"
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header._element
    assert not list(first.iter(W("w:instrText")))


def test_header_block_is_a_two_column_table_with_the_right_elements(generated):
    table = docx.Document(generated["plan"]).tables[0]
    grid = [int(c.get(W("w:w"))) for c in table._tbl.tblGrid.findall(W("w:gridCol"))]
    assert [round(g / 1440 * 25.4) for g in grid] == [70, 95]
    left = [p for p in table.columns[0].cells[0].paragraphs if p.text.strip()]
    right = [p for p in table.columns[1].cells[0].paragraphs if p.text.strip()]
    assert [p.text for p in left] == ["UỶ BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
    for p in left:
        sizes, bold, _ = run_props(p)
        assert bold == {True} and sizes <= {12.0, 13.0}
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc"]
    sizes, bold, _ = run_props(right[0])
    assert bold == {True} and sizes <= {12.0, 13.0}
    sizes, bold, _ = run_props(right[1])
    assert bold == {True} and sizes <= {13.0, 14.0}
    number = table.rows[1].cells[0].paragraphs[0]
    assert norm(number.text) == "Số: /KH-UBND"
    assert run_props(number) == ({13.0}, {False}, {False})
    date = table.rows[1].cells[1].paragraphs[0]
    assert norm(date.text) == "Bắc Giang, ngày tháng 3 năm 2023"
    sizes, _, italic = run_props(date)
    assert italic == {True} and sizes <= {13.0, 14.0}


def _bottom_border(cell_or_doc):
    return [p for p in cell_or_doc.paragraphs
            if p._p.find(f"{W('w:pPr')}/{W('w:pBdr')}/{W('w:bottom')}") is not None]


def test_short_lines_under_the_issuing_body_and_the_motto(generated):
    table = docx.Document(generated["plan"]).tables[0]
    left, right = table.rows[0].cells
    (issuer_rule,) = _bottom_border(left)
    (motto_rule,) = _bottom_border(right)

    def rule_mm(p, box):
        ind = p._p.pPr.find(W("w:ind"))
        return box - 2 * int(ind.get(W("w:left"))) / 1440 * 25.4

    issuer_text_mm = 43.2  # "UỶ BAN NHÂN DÂN" at 13 pt bold, measured with the font
    assert issuer_text_mm / 3 <= rule_mm(issuer_rule, 70 - 3.8) <= issuer_text_mm / 2
    motto_text_mm = 60.4  # "Độc lập - Tự do - Hạnh phúc" at 14 pt bold
    assert abs(rule_mm(motto_rule, 95 - 3.8) - motto_text_mm) < 2


def test_title_subject_and_body_paragraphs(generated):
    document = docx.Document(generated["plan"])
    paragraphs = document.paragraphs
    title = find(paragraphs, "KẾ HOẠCH")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_props(title) == ({14.0}, {True}, {False})
    subject = find(paragraphs, "Kiểm tra thực hiện nhiệm vụ")
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER and run_props(subject)[1] == {True}
    body = find(paragraphs, "- Đánh giá chính xác, toàn diện")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(mm(body.paragraph_format.first_line_indent) - 12.7) < 0.2
    assert body.paragraph_format.space_after.pt >= 6
    assert run_props(body) == ({14.0}, {False}, {False})
    heading = find(paragraphs, "I. MỤC ĐÍCH, YÊU CẦU")
    assert run_props(heading)[1] == {True}


def test_signature_block_and_recipients(generated):
    table = docx.Document(generated["plan"]).tables[-1]
    left, right = table.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert run_props(label) == ({12.0}, {True}, {True})
    items = [p for p in left.paragraphs[1:] if p.text.strip()]
    assert norm(items[0].text) == "- Vụ CCHC, Bộ Nội vụ;"
    assert norm(items[-1].text) == "+ Lưu: VT, NC."
    assert all(run_props(p)[0] == {11.0} for p in items)
    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Sơn"]
    assert all(run_props(p)[1] == {True} for p in lines)
    assert len(right.paragraphs) - len(lines) >= 3  # room for signature and seal
    assert table.rows[0]._tr.trPr.find(W("w:cantSplit")) is not None


def test_every_font_is_times_new_roman(generated):
    for name in ("plan", "outline", "conclusion"):
        document = docx.Document(generated[name])
        fonts = document.styles.element.find(W("w:docDefaults")).find(".//" + W("w:rFonts"))
        assert fonts.get(W("w:ascii")) == "Times New Roman"
        assert not [a for a in fonts.attrib if a.endswith("Theme")]
        for rf in document.element.body.iter(W("w:rFonts")):
            assert rf.get(W("w:ascii")) == "Times New Roman", name


# Merges of the seed's form, written out by hand: (row, first col, gridSpan, vMerge)
EXPECTED_MERGES = {
    (0, 0, 1, "restart"), (1, 0, 1, "continue"), (2, 0, 1, "continue"),
    (0, 1, 1, "restart"), (1, 1, 1, "continue"), (2, 1, 1, "continue"),
    (0, 2, 5, None), (0, 7, 8, None),
    (0, 15, 1, "restart"), (1, 15, 1, "continue"), (2, 15, 1, "continue"),
    (1, 2, 1, "restart"), (2, 2, 1, "continue"),
    (1, 3, 4, None), (1, 7, 3, None), (1, 10, 3, None),
    (1, 13, 1, "restart"), (2, 13, 1, "continue"),
    (1, 14, 1, "restart"), (2, 14, 1, "continue"),
}


def test_statistics_table_header_merges_match_the_form(generated):
    table = docx.Document(generated["outline"]).tables[-1]
    found = set()
    for r, tr in enumerate(table._tbl.tr_lst[:3]):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            vmerge = tc.vMerge
            if span > 1 or vmerge is not None:
                found.add((r, col, span, vmerge))
            col += span
        assert col == 16
    assert found == EXPECTED_MERGES
    assert len(table._tbl.tblGrid.findall(W("w:gridCol"))) == 16


def test_filled_outline_writes_the_report_values(generated):
    document = docx.Document(generated["outline_filled"])
    text = norm(" ".join(p.text for p in document.paragraphs))
    assert "đạt tỉ lệ 171/200 = 85,5%" in text
    assert "cổng dịch vụ công, đạt tỉ lệ: 45,2%" in text
    assert "năm 2023: 1.500.000.000 đồng" in text
    assert "thời điểm báo cáo: 820.500.000 đồng" in text
    table = document.tables[-1]
    row = [norm(c.text) for c in table.rows[4].cells]
    assert row[:4] == ["1", "Hoạt động xây dựng", "1.234", "1.000"]
    total = [norm(c.text) for c in table.rows[-1].cells]
    assert total[0] == "Tổng số" and total[2] == "1.234"
    assert "Từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 5 năm 2023" in norm(
        " ".join(p.text for p in document.paragraphs))


def _centre_x(words, text):
    joined = " ".join(w["text"] for w in words)
    assert text in joined, joined[:300]
    first = text.split()[0]
    last = text.split()[-1]
    for i, w in enumerate(words):
        if w["text"] == first and " ".join(x["text"] for x in words[i:i + len(text.split())]
                                           ) == text:
            return (w["x0"] + words[i + len(text.split()) - 1]["x1"]) / 2
    raise AssertionError(f"{text!r} ({last}) not on one line")


def test_pdf_first_page_places_national_name_right_and_issuer_left(pdfs):
    with pdfplumber.open(pdfs["conclusion"]) as pdf:
        words = pdf.pages[0].extract_words()
        assert _centre_x(words, "SỞ NỘI VỤ") < pdf.pages[0].width / 2
        assert _centre_x(words, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > pdf.pages[0].width / 2
    with pdfplumber.open(pdfs["plan"]) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        half = page.width / 2
        assert _centre_x(words, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > half
        assert _centre_x(words, "Độc lập - Tự do - Hạnh phúc") > half
        assert _centre_x(words, "UỶ BAN NHÂN DÂN") < half
        assert _centre_x(words, "TỈNH BẮC GIANG") < half
        national = [w for w in words if w["text"] == "CỘNG"][0]
        motto = [w for w in words if w["text"] == "Độc"][0]
        assert abs(national["top"] - [w for w in words if w["text"] == "UỶ"][0]["top"]) < 3
        assert national["top"] < motto["top"]
        assert "2" not in page.extract_text().splitlines()[0]  # no page number on page 1
        second = pdf.pages[1].extract_text().splitlines()[0].strip()
        assert second == "2"


def test_pdf_outline_ends_with_a_landscape_page(pdfs):
    with pdfplumber.open(pdfs["outline"]) as pdf:
        last = pdf.pages[-1]
        assert last.width > last.height
        assert "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in last.extract_text()
