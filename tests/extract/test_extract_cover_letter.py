"""A cover letter (công văn "V/v gửi báo cáo …") in front of the report, in one file
(issue 20): the record is the report's — its number, date, unit and sections — and a
warning names the letter. As typed (DOCX), printed to PDF, and scanned."""

from __future__ import annotations

import shutil

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from cchc.core import office
from cchc.extractors import extract_file
from cchc.extractors.interpret.kind import NotAReport

LETTER_NUMBER = "12/UBND-VP"
SUBJECT = "gửi báo cáo kết quả tự kiểm tra công tác cải cách hành chính năm 2023"
SECTIONS = (
    ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
     "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2023 từ tháng một."),
    ("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
     "Huyện rà soát mười hai thủ tục hành chính và đề nghị đơn giản hóa hai thủ tục."),
    ("III. TỒN TẠI, HẠN CHẾ",
     "Một số hồ sơ còn giải quyết trễ hạn do phối hợp giữa các phòng chưa chặt chẽ."),
    ("IV. ĐỀ XUẤT, KIẾN NGHỊ",
     "Đề nghị Ủy ban nhân dân tỉnh hỗ trợ kinh phí nâng cấp trang thiết bị một cửa."),
)


def _header(d, left: str, number: str, dated: str, tabbed: bool = False) -> None:
    if tabbed:  # the two columns typed as paragraphs, apart by tabs
        lefts = left.split("\n")
        rights = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        for text, right in zip(lefts, rights):
            d.add_paragraph(f"{text}\t\t{right}")
        first, *rest = number.split("\n")
        d.add_paragraph(f"{first}\t\t{dated}")
        for text in rest:
            d.add_paragraph(text)
        return
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = left
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = dated


def _centred(d, text: str, bold: bool = True) -> None:
    p = d.add_paragraph()
    p.add_run(text).bold = bold
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_letter_and_report(path, *, letter: bool = True, tabbed: bool = False,
                            own_header: bool = True):
    """The office habit: the letter's page, a page break, then the report (with its own
    header, or only its title: the letter carries the header)."""
    d = docx.Document()
    if letter:
        _header(d, "UBND HUYỆN YÊN DŨNG\nVĂN PHÒNG HĐND VÀ UBND",
                f"Số: {LETTER_NUMBER}\nV/v {SUBJECT}", "Yên Dũng, ngày 20 tháng 7 năm 2023",
                tabbed)
        d.add_paragraph("Kính gửi: Sở Nội vụ tỉnh Bắc Giang.")
        d.add_paragraph("Thực hiện Kế hoạch kiểm tra của Ủy ban nhân dân tỉnh, Văn phòng gửi kèm "
                        "theo văn bản này Báo cáo số 45/BC-UBND ngày 18/7/2023 về kết quả tự "
                        "kiểm tra công tác cải cách hành chính năm 2023 của huyện. Trân trọng!")
        d.add_paragraph("Nơi nhận:\n- Như trên;\n- Lưu: VT.")
        _centred(d, "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG")
        _centred(d, "Nguyễn Văn Bình", bold=False)
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if own_header:
        _header(d, "UBND TỈNH BẮC GIANG\nUBND HUYỆN YÊN DŨNG", "Số: 45/BC-UBND",
                "Yên Dũng, ngày 18 tháng 7 năm 2023", tabbed)
    _centred(d, "BÁO CÁO")
    _centred(d, "Kết quả tự kiểm tra công tác cải cách hành chính năm 2023")
    for heading, body in SECTIONS:
        d.add_paragraph().add_run(heading).bold = True
        d.add_paragraph(body)
    d.save(str(path))
    return path


def _assert_report_record(record: dict) -> None:
    assert record["document"] == {"number": "45/BC-UBND", "date": "2023-07-18",
                                  "place": "Yên Dũng"}
    assert record["unit"]["name"] == "UBND HUYỆN YÊN DŨNG"
    assert {"1", "2", "8", "9"} <= set(record["sections"])
    assert "mười hai thủ tục" in record["sections"]["2"]
    assert not any("Trân trọng" in text for text in record["sections"].values())
    (w,) = [w for w in record["warnings"] if w["code"] == "extract.cover_letter"]
    assert w["where"] == "document"
    assert LETTER_NUMBER in w["message"] and "V/v gửi báo cáo kết quả tự kiểm tra" in w["message"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cover")
    source = write_letter_and_report(folder / "cong-van-kem-bao-cao.docx")
    out = {"docx": source}
    if office.available():
        (out["pdf"],) = office.convert([source], "pdf", folder)
    return out


def test_docx_with_cover_letter_gives_the_reports_record(files):
    _assert_report_record(extract_file(files["docx"]))


def test_cover_letter_with_headers_typed_as_paragraphs(tmp_path):
    _assert_report_record(extract_file(
        write_letter_and_report(tmp_path / "go-tab.docx", tabbed=True)))


def test_report_without_its_own_header_takes_what_the_letter_names(tmp_path):
    record = extract_file(write_letter_and_report(tmp_path / "khong-dau.docx",
                                                  own_header=False))
    assert record["document"]["number"] == "45/BC-UBND"
    assert record["document"]["date"] == "2023-07-18"
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "extract.uncertain"}
    assert {"document.number", "document.date"} <= flagged
    assert "mười hai thủ tục" in record["sections"]["2"]


def test_text_pdf_with_cover_letter_keeps_the_reports_sections(files):
    if "pdf" not in files:
        pytest.skip("LibreOffice is needed to print the PDF")
    _assert_report_record(extract_file(files["pdf"]))


@pytest.mark.skipif(not shutil.which("tesseract"), reason="needs Tesseract")
def test_scanned_cover_letter_and_report_is_read_as_the_report(files, tmp_path):
    if "pdf" not in files:
        pytest.skip("LibreOffice is needed to print the PDF")
    from cchc.extractors.tools.synthetic_scans import Degrade, make_scan

    scan = make_scan(files["pdf"], tmp_path / "cong-van-kem-bao-cao.scan.pdf", dpi=200,
                     plan=((0, Degrade(skew=0.8, noise=8, jpeg=55)),
                           (1, Degrade(skew=-0.6, noise=8, jpeg=55))))
    record = extract_file(scan)
    assert record["document"]["number"] == "45/BC-UBND"
    assert record["document"]["date"] == "2023-07-18"
    assert {"1", "2", "9"} <= set(record["sections"])
    assert any(w["code"] == "extract.cover_letter" for w in record["warnings"])


def test_report_alone_has_no_cover_letter_warning(tmp_path):
    record = extract_file(write_letter_and_report(tmp_path / "bao-cao.docx", letter=False))
    assert record["document"]["number"] == "45/BC-UBND"
    assert not [w for w in record["warnings"] if w["code"] == "extract.cover_letter"]


def test_letter_without_a_report_is_still_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph("UBND HUYỆN YÊN DŨNG")
    d.add_paragraph(f"Số: {LETTER_NUMBER}")
    d.add_paragraph("V/v đôn đốc gửi báo cáo cải cách hành chính")
    d.add_paragraph("Kính gửi: Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện.")
    d.add_paragraph("Đề nghị các phòng, ban gửi báo cáo cải cách hành chính, chuyển đổi số về "
                    "Phòng Nội vụ trước ngày 30 tháng 6 năm 2023 để tổng hợp.")
    d.save(str(tmp_path / "cong-van.docx"))
    with pytest.raises(NotAReport, match="không phải báo cáo"):
        extract_file(tmp_path / "cong-van.docx")


def test_report_header_found_by_its_number_when_ocr_misread_the_motto():
    from cchc.extractors.interpret.cover import find_cover_letter
    from cchc.extractors.interpret.header import read_header
    from cchc.extractors.model import Para

    blocks = [Para(t) for t in (
        "UBND HUYỆN YÊN DŨNG", f"Số: {LETTER_NUMBER}", f"V/v {SUBJECT}",
        "Kính gửi: Sở Nội vụ tỉnh Bắc Giang.", "Nơi nhận:", "- Lưu: VT.", "Nguyễn Văn Bình",
        "C0NG H0A XA H0I CHU NGHIA", "Số: 45/BC-UBND", "Yên Dũng, ngày 18 tháng 7 năm 2023")]
    blocks += [Para("BÁO CÁO", bold=True), Para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", bold=True)]
    letter = find_cover_letter(blocks)
    assert letter and letter.number == LETTER_NUMBER
    header = read_header(blocks[letter.blocks:])
    assert (header["number"], header["date"]) == ("45/BC-UBND", "2023-07-18")
