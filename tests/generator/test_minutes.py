"""Biên bản kiểm tra: pre-filled from the unit's record, blank lines for the visit,
both signatures; without a record, no figures are made up."""

from __future__ import annotations

import copy
import io

import docx
from docx.enum.text import WD_TAB_LEADER

from cchc import examples
from cchc.generator.documents import render_kind
from tests.docx_text import norm

EXAMPLE = examples.load("minutes")
RECORD = examples.load("reports/so-xay-dung")


def _doc(data: dict, report: dict | None):
    return docx.Document(io.BytesIO(render_kind("minutes", data, report=report)))


def _text(doc) -> list[str]:
    return [norm(p.text) for p in doc.paragraphs]


def test_figures_are_quoted_from_the_record():
    text = _text(_doc(EXAMPLE, RECORD))
    assert "1. Số liệu theo báo cáo của đơn vị" in text
    assert "- 5.1 Số dịch vụ công trực tuyến toàn trình: 171/200 = 85,5%;" in text
    assert "- 5.4 Số HTTT đáp ứng yêu cầu bảo vệ an toàn thông tin theo cấp độ: 2/3 = 66,67%;" \
        in text
    assert any(t.startswith("- Thủ tục hành chính: trong kỳ, đơn vị tiếp nhận") for t in text)
    assert ("- Báo cáo số 125/BC-SXD ngày 10/5/2023 của Sở Xây dựng về kết quả tự kiểm tra "
            "(theo Đề cương);") in text
    assert "- 5.1 Số hoạt động kiểm tra hành chính thông qua môi trường số" not in " ".join(text)


def test_without_a_record_no_figures_and_no_report_line():
    text = _text(_doc(EXAMPLE, None))
    assert "1. Số liệu theo báo cáo của đơn vị" not in text
    assert "Những nội dung Tổ kiểm tra ghi nhận tại đơn vị" in text
    assert not any(t.startswith("- Báo cáo số") for t in text)


def test_blank_lines_for_the_team_and_the_unit():
    data = copy.deepcopy(EXAMPLE)
    data["note_lines"] = 3
    doc = _doc(data, RECORD)
    tabs = [p for p in doc.paragraphs if p.text == "\t"]
    assert len(tabs) == 3 + 3          # the unit's opinion gets up to four, here three
    stop = tabs[0].paragraph_format.tab_stops[0]
    assert stop.leader == WD_TAB_LEADER.DOTS


def test_both_signatures_and_opening():
    doc = _doc(EXAMPLE, RECORD)
    cells = [norm(c.text) for t in doc.tables for r in t.rows for c in r.cells]
    assert any("ĐẠI DIỆN SỞ XÂY DỰNG" in c and "Trần Văn Hùng" in c for c in cells)
    assert any("TỔ TRƯỞNG TỔ KIỂM TRA" in c and "Nguyễn Văn Thành" in c for c in cells)
    opening = next(t for t in _text(doc) if t.startswith("Hôm nay"))
    assert opening == ("Hôm nay, vào hồi 8 giờ 00 phút, ngày 14 tháng 9 năm 2023, tại trụ sở "
                       "Sở Xây dựng, Tổ kiểm tra tiến hành kiểm tra tại Sở Xây dựng theo Kế "
                       "hoạch số 36/KH-UBND ngày 01 tháng 3 năm 2023 của UBND tỉnh.")
