"""Documents that share a report's vocabulary but are no unit report (issue 20): a báo
cáo on another subject, a slide deck printed to PDF, a Luật, a Quy định issued with a
Quyết định, an empty outline with its empty form. Each is refused with a Vietnamese
reason (non-zero exit, no record, "refused" in a batch); a real report still passes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from cchc.core import office
from cchc.extractors import extract_file
from cchc.extractors.interpret.kind import NotAReport
from tests.conftest import run_cli

PROSE = ("Ban chỉ đạo đã ban hành kế hoạch, tổ chức quán triệt đến toàn thể cán bộ, công "
         "chức và kiểm tra việc thực hiện tại các phòng, ban chuyên môn.")


def _head(d, body: str, number: str) -> None:
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = body
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = "Bắc Giang, ngày 12 tháng 12 năm 2023"


def _bold(d, text: str) -> None:
    d.add_paragraph().add_run(text).bold = True


def other_subject(path, subtitle="Kết quả công tác phòng, chống tham nhũng năm 2023",
                  second="II. CÔNG TÁC TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT"):
    """The outline's headings ("lãnh đạo, chỉ đạo", "tồn tại, hạn chế", "kiến nghị")
    answered with prose — on anti-corruption work."""
    d = docx.Document()
    _head(d, "UBND TỈNH BẮC GIANG\nSỞ TÀI CHÍNH", "Số: 310/BC-STC")
    _bold(d, "BÁO CÁO")
    _bold(d, subtitle)
    for heading in ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH", second,
                    "III. ĐÁNH GIÁ ƯU ĐIỂM, TỒN TẠI, HẠN CHẾ", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        _bold(d, heading)
        d.add_paragraph(PROSE)
    d.save(str(path))
    return path


def law(path, table: bool = False):
    """A Luật: QUỐC HỘI, "Luật số: …/QH12", chapters that name the outline's subjects;
    the header as paragraphs, or as a table with the title typed in ordinary case."""
    d = docx.Document()
    if table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(1, 0).text = "QUỐC HỘI", "Luật số: 22/2008/QH12"
        t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        _bold(d, "Luật Cán bộ, công chức")
    else:
        d.add_paragraph("QUỐC HỘI")
        d.add_paragraph("Luật số: 22/2008/QH12")
        d.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
        _bold(d, "LUẬT")
        _bold(d, "CÁN BỘ, CÔNG CHỨC")
    d.add_paragraph("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được "
                    "sửa đổi, bổ sung một số điều theo Nghị quyết số 51/2001/QH10;")
    for heading in ("I. CHỈ ĐẠO, ĐIỀU HÀNH CÔNG TÁC CÁN BỘ", "II. CHẾ ĐỘ CÔNG VỤ",
                    "III. TỔ CHỨC BỘ MÁY HÀNH CHÍNH", "IV. KIẾN NGHỊ, KHIẾU NẠI"):
        _bold(d, heading)
        d.add_paragraph("Điều 1. Cán bộ, công chức thực hiện nhiệm vụ, quyền hạn được giao "
                        "theo quy định của pháp luật và chịu trách nhiệm trước cơ quan.")
    d.save(str(path))
    return path


def annexed_rules(path):
    """A Quy định "(Ban hành kèm theo Quyết định số …)": no number or date of its own."""
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG")
    _bold(d, "QUY ĐỊNH")
    _bold(d, "Đánh giá kết quả cải cách hành chính của các cơ quan, đơn vị")
    d.add_paragraph("(Ban hành kèm theo Quyết định số 15/2023/QĐ-UBND ngày 10/3/2023 của Ủy "
                    "ban nhân dân tỉnh Bắc Giang)")
    for heading in ("1. Công tác chỉ đạo, điều hành cải cách hành chính",
                    "2. Cải cách thủ tục hành chính", "3. Cải cách chế độ công vụ"):
        _bold(d, heading)
        d.add_paragraph("Cơ quan, đơn vị được chấm điểm theo các tiêu chí của Bộ chỉ số và "
                        "tự đánh giá trước ngày 15 tháng 12 hằng năm.")
    d.save(str(path))
    return path


def empty_outline(path):
    """The outline as the inspection sends it: headings, dotted lines, the empty form."""
    d = docx.Document()
    _head(d, "UBND TỈNH (HUYỆN) ……\nTÊN CƠ QUAN, ĐƠN VỊ", "Số:    /BC-……")
    _bold(d, "BÁO CÁO")
    _bold(d, "Kết quả thực hiện nhiệm vụ cải cách hành chính, ISO, chuyển đổi số năm 2023")
    for heading in ("1. Công tác chỉ đạo, điều hành", "2. Cải cách thủ tục hành chính",
                    "8. Đánh giá ưu điểm, tồn tại, hạn chế", "9. Đề xuất, kiến nghị"):
        _bold(d, heading)
        d.add_paragraph("……………………………………………………………………………………")
    _bold(d, "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    d.add_paragraph("Từ ngày     tháng     năm     đến ngày     tháng     năm")
    head = ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số",
            "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
            "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
            "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
            "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]
    t = d.add_table(rows=4, cols=16)
    for j, text in enumerate(head):
        t.cell(0, j).text = text
        t.cell(1, j).text = f"({j + 1})"
    t.cell(2, 0).text, t.cell(3, 1).text = "1", "Tổng số"
    d.save(str(path))
    return path


SLIDES = (("BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2023", ["Sở Xây dựng tỉnh Bắc Giang"]),
          ("1. Công tác chỉ đạo, điều hành", ["Ban hành 05 kế hoạch cải cách hành chính",
                                               "Kiểm tra 12 phòng, ban chuyên môn"]),
          ("2. Cải cách thủ tục hành chính", ["Tiếp nhận 1.250 hồ sơ, đúng hạn 98%",
                                              "Công bố 45 thủ tục hành chính mới"]),
          ("5. Chuyển đổi số", ["Tỷ lệ hồ sơ trực tuyến đạt 65% (650/1.000)",
                                "Thanh toán trực tuyến đạt 37,5% (75/200)"]),
          ("8. Tồn tại, hạn chế", ["Hạ tầng công nghệ thông tin còn thiếu đồng bộ"]),
          ("9. Kiến nghị", ["Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ"]))


def slide_deck_docx(path):
    """A deck's pages (16:9, a heading and a few bullets each), to be printed to PDF."""
    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(25.4), Cm(14.29)
    for i, (title, bullets) in enumerate(SLIDES):
        if i:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        run = d.add_paragraph().add_run(title)
        run.bold, run.font.size = True, Pt(28)
        for b in bullets:
            d.add_paragraph(f"• {b}").runs[0].font.size = Pt(20)
    d.save(str(path))
    return path


BUILDERS = {"bao-cao-pctn.docx": other_subject, "luat-can-bo.docx": law,
            "luat-bang.docx": lambda p: law(p, table=True),
            "quy-dinh-kem-theo.docx": annexed_rules, "de-cuong-trong.docx": empty_outline}


@pytest.fixture(scope="module")
def nonreports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nonreports")
    paths = {name: build(folder / name) for name, build in BUILDERS.items()}
    if office.available():
        deck = slide_deck_docx(tmp_path_factory.mktemp("deck") / "trinh-chieu-cchc.docx")
        (paths["trinh-chieu-cchc.pdf"],) = office.convert([deck], "pdf", folder)
    return paths


@pytest.mark.parametrize("name, reason", [
    ("bao-cao-pctn.docx", "phòng, chống tham nhũng"),
    ("luat-can-bo.docx", "một luật"),
    ("luat-bang.docx", "một luật"),
    ("quy-dinh-kem-theo.docx", "Quyết định số 15/2023/QĐ-UBND"),
    ("de-cuong-trong.docx", "mẫu đề cương để trống"),
    ("trinh-chieu-cchc.pdf", "trình chiếu"),
])
def test_nonreport_is_refused_with_its_kind(nonreports, name, reason):
    if name not in nonreports:
        pytest.skip("LibreOffice is needed to print the deck")
    with pytest.raises(NotAReport) as err:
        extract_file(nonreports[name])
    assert reason in err.value.message and "không được trích xuất" in err.value.message


def test_refused_on_the_command_line_and_listed_in_a_batch(nonreports, tmp_path):
    one = run_cli("extract", str(nonreports["luat-can-bo.docx"]))
    assert one.returncode != 0 and not one.stdout.strip()
    assert "Traceback" not in one.stderr and "một luật" in one.stderr
    folder = next(iter(nonreports.values())).parent
    out = tmp_path / "out"
    run_cli("extract", str(folder), "-o", str(out))
    with (out / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = {Path(r["Tệp"]).name: r["Kết quả"] for r in csv.DictReader(fh)}
    assert rows and set(rows.values()) == {"từ chối (không phải báo cáo)"}
    assert not list(out.glob("*.json"))


def test_a_garbled_title_does_not_refuse_a_report_answering_the_outline(tmp_path):
    """A title misread by OCR ("cái cácb hành chinb") names no known subject; the body's
    answer to an inspection-only part (section 2, TTHC) keeps it a report."""
    path = other_subject(tmp_path / "bao-cao.docx", second="II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                         subtitle="Kết quả công tác cái cácb hành chinb năm 2023")
    assert extract_file(path)["document"]["number"] == "310/BC-STC"


@pytest.mark.parametrize("subtitle", [
    "Kết quả công tác cải cách hành chính năm 2023",
    "Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2023",  # names no subject: not refused
    "Tình hình thực hiện theo Kế hoạch số 62/KH-UBND ngày 10/5/2023",
])
def test_a_report_whose_title_names_no_other_subject_is_still_taken(tmp_path, subtitle):
    record = extract_file(other_subject(tmp_path / "bao-cao.docx", subtitle=subtitle))
    assert record["document"]["number"] == "310/BC-STC"
    json.dumps(record, ensure_ascii=False)

