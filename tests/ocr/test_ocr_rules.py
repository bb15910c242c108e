"""What is a rule on a scanned page, and what only looks like one.

Two office habits broke scans read by other hands' corpora:
- money written out to the last đồng ("904.000.000 đồng"): blurred by the scanner, the
  zeros' bottoms and the dots join into one stroke an inch long, which was erased as a
  ruling line and took the amount with it;
- a page scanned with the lid open, or photographed, so the paper's edge shows as a
  frame round the page: taken for a table, it cut the prose between the real tables
  into columns and the sections there were lost.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from docx import Document
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from cchc.core.vn import fold
from cchc.extractors.ocr.prep import ruling_lines

DPI = 200
FONTS = "/usr/share/fonts/truetype/liberation/"


def _rules(draw, blur: float) -> np.ndarray:
    """The horizontal rules ``ruling_lines`` finds on a strip drawn by ``draw``,
    blurred and saved as JPEG as a scanner would."""
    img = Image.new("L", (1400, 140), 255)
    draw(ImageDraw.Draw(img))
    img = img.filter(ImageFilter.GaussianBlur(blur))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=45)
    gray = cv2.medianBlur(np.asarray(Image.open(buf)), 3)
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return ruling_lines(gray, otsu, DPI)[0]


def _font(name: str, pt: int):
    return ImageFont.truetype(FONTS + name, int(pt * DPI / 72))


@pytest.mark.parametrize("blur", [0.9, 1.2])
@pytest.mark.parametrize("pt", [12, 13, 14])
@pytest.mark.parametrize("font", ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"])
def test_the_bottoms_of_a_run_of_zeros_are_no_rule(font, pt, blur):
    text = "đến nay: 904.000.000 đồng; 1.300.000.000 đồng"
    h = _rules(lambda d: d.text((20, 20), text, fill=0, font=_font(font, pt)), blur)
    assert not h.any()


@pytest.mark.parametrize("blur", [0.6, 1.2])
def test_a_short_rule_under_a_line_of_text_is_still_a_rule(blur):
    """The rule under the unit's name or the motto: an inch or two, white above it."""
    def draw(d):
        d.text((300, 20), "SỞ XÂY DỰNG", fill=0, font=_font("LiberationSerif-Bold.ttf", 13))
        d.line((330, 72, 330 + DPI, 72), fill=0, width=2)

    h = _rules(draw, blur)
    ys, xs = np.nonzero(h)
    assert xs.size and xs.max() - xs.min() > 0.8 * DPI


def _para(doc, text: str, bold: bool = False) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold, run.font.size = bold, Pt(13)


def _table(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


HEAD = ["STT", "Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"]
PROSE = {  # section: its one sentence, between and after the indicator tables
    "5.2": "Phối hợp triển khai các giải pháp thúc đẩy thanh toán không dùng tiền mặt.",
    "5.3": "Tuyên truyền người dân cài đặt, kích hoạt tài khoản định danh điện tử.",
    "5.4": "Không để xảy ra sự cố mất an toàn thông tin trong kỳ.",
    "5.6": "Thực hiện đánh giá nội bộ và họp xem xét của lãnh đạo theo quy định.",
    "6": "Các nhiệm vụ còn lại đang triển khai đảm bảo tiến độ.",
    "7": "Đã khắc phục 8/27 tồn tại theo Thông báo kết luận kiểm tra năm 2022.",
}


def _report(path) -> None:
    doc = Document()
    for line in ("UBND HUYỆN HIỆP HÒA", "Số: 14/BC-UBND", "Hiệp Hòa, ngày 21 tháng 8 năm 2023"):
        _para(doc, line)
    _para(doc, "BÁO CÁO", bold=True)
    _para(doc, "Tự kiểm tra công tác cải cách hành chính, ISO và chuyển đổi số năm 2023", True)
    for head in ("1. Công tác chỉ đạo, điều hành", "2. Cải cách thủ tục hành chính",
                 "3. Cải cách tổ chức bộ máy hành chính nhà nước", "4. Cải cách chế độ công vụ"):
        _para(doc, head, bold=True)
        _para(doc, "+ Đơn vị triển khai đầy đủ các nhiệm vụ được giao trong kỳ báo cáo.")
    _para(doc, "5. Xây dựng chính quyền điện tử, chính quyền số", bold=True)
    _para(doc, "5.1. Phát triển chính quyền số", bold=True)
    _table(doc, [HEAD, ["1", "Tỷ lệ số hóa kết quả giải quyết TTHC", "108/216", "50"],
                 ["2", "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", "1.086/1.362", "79,74"]])
    _para(doc, "5.2. Phát triển kinh tế số", bold=True)
    _para(doc, "+ " + PROSE["5.2"])
    _table(doc, [HEAD, ["1", "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ", "-", "67,3"],
                 ["2", "Tỉ lệ sản phẩm OCOP tham gia các sàn thương mại điện tử", "-", "33,7"]])
    _para(doc, "5.3. Phát triển xã hội số", bold=True)
    _para(doc, "+ " + PROSE["5.3"])
    _para(doc, "5.4. An toàn, an ninh mạng", bold=True)
    _para(doc, "+ " + PROSE["5.4"])
    _table(doc, [HEAD, ["1", "Tỷ lệ HTTT đáp ứng yêu cầu an toàn thông tin theo cấp độ", "1/4",
                        "25"]])
    _para(doc, "5.5. Kết quả đầu tư cho chuyển đổi số", bold=True)
    _para(doc, "+ Dự toán giao cho chuyển đổi số năm 2023 là 1.300.000.000 đồng.")
    _para(doc, "+ Kinh phí đã chi cho chuyển đổi số đến nay: 904.000.000 đồng.")
    _para(doc, "5.6. Xây dựng, áp dụng, duy trì Hệ thống quản lý chất lượng ISO 9001", True)
    _para(doc, "+ " + PROSE["5.6"])
    _para(doc, "6. Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác", bold=True)
    _para(doc, "+ " + PROSE["6"])
    _para(doc, "7. Kiểm tra việc khắc phục tồn tại, kiến nghị của đợt kiểm tra trước", True)
    _para(doc, "+ " + PROSE["7"])
    doc.save(path)


def _on_glass(page: Image.Image, margin: int = 30) -> Image.Image:
    """The page on a scanner whose lid was open: dark all round the paper's edge."""
    w, h = page.size
    glass = Image.new("RGB", (w + 2 * margin, h + 2 * margin), (55, 55, 55))
    glass.paste(page, (margin, margin))
    return glass.resize((w, h))


def test_a_frame_round_the_page_is_no_table(tmp_path):
    from cchc.core.office import convert
    from cchc.extractors import extract_file
    from cchc.extractors.tools.synthetic_scans import (
        Degrade,
        degrade,
        render_pdf_pages,
        write_image_pdf,
    )

    _report(tmp_path / "bao-cao.docx")
    (pdf,) = convert([tmp_path / "bao-cao.docx"], "pdf", tmp_path)
    pages = [degrade(_on_glass(p), Degrade(skew=0.6, noise=10, jpeg=45), seed=i)
             for i, p in enumerate(render_pdf_pages(pdf, DPI))]
    record = extract_file(write_image_pdf(pages, tmp_path / "quet.pdf", DPI))
    sections = record["sections"]
    assert {"1", "2", "3", "4", "5.1"} <= set(sections)
    for key, sentence in PROSE.items():  # OCR may miss a tone mark: compare without them
        assert fold(sentence) in fold(sections.get(key, "")), (key, sections.get(key))
    assert record["investment"] == {"budget_assigned_vnd": 1_300_000_000,
                                    "spent_vnd": 904_000_000}
    assert record["indicators"]["document_reuse_ratio"]["value"] == 79.74
