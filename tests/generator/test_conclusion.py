"""The notice of conclusions quotes the unit's own figures and last round's follow-up."""

from __future__ import annotations

import docx

from cchc.generator.documents import render_kind, write_docx
from tests.docx_text import norm
from tests.generator.conftest import FILLED_REPORT, load


def text_of(path) -> str:
    d = docx.Document(path)
    return norm(" ".join([p.text for p in d.paragraphs]
                         + [c.text for t in d.tables for r in t.rows for c in r.cells]))


def test_conclusion_quotes_the_report_figures(tmp_path):
    data = load("conclusion")
    data["previous"] = [{"text": "Cập nhật phần mềm quản lý cán bộ", "status": "remedied",
                         "evidence": "Công văn số 12/SXD-VP"}]
    out = tmp_path / "tb.docx"
    write_docx(render_kind("conclusion", data, report=FILLED_REPORT), out)
    text = text_of(out)
    # 1190 of 1200 resolved on time; 1000 of 1234 received online; 820,5 of 1500 million spent
    assert "trả đúng hạn 1.190 hồ sơ, đạt 99,17%" in text
    assert "tiếp nhận trực tuyến 1.000 hồ sơ, đạt 81,04%" in text
    assert "trả quá hạn 10 hồ sơ" in text and "quá hạn 4 hồ sơ" in text
    assert "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 85,5%" in text
    assert "đã thực hiện chi 820.500.000 đồng, đạt 54,7% dự toán" in text
    assert "III. VIỆC KHẮC PHỤC TỒN TẠI, KIẾN NGHỊ CỦA LẦN KIỂM TRA TRƯỚC" in text
    assert "Cập nhật phần mềm quản lý cán bộ – Tình trạng: đã khắc phục" in text
    assert "IV. YÊU CẦU, KIẾN NGHỊ" in text
    assert "1. Rà soát, xử lý dứt điểm các hồ sơ quá hạn" in text
    assert "(thời hạn: trước ngày 31/7/2023)" in text
    assert "báo cáo kết quả khắc phục trước ngày 15/10/2023" in text
    assert "Số: 86/TB-SNV" in text and "Bắc Giang, ngày 02 tháng 6 năm 2023" in text
    assert "chuyển đổi số năm 2023 tại Sở Xây dựng" in text


def test_conclusion_without_previous_round_numbers_sections_on(tmp_path):
    out = tmp_path / "tb.docx"
    write_docx(render_kind("conclusion", load("conclusion")), out)
    text = text_of(out)
    assert "III. YÊU CẦU, KIẾN NGHỊ" in text and "KHẮC PHỤC TỒN TẠI" not in text
    assert "đạt 99,17%" not in text  # no report given, no invented figures


def test_percentages_print_as_an_inspection_team_writes_them():
    from cchc.generator.figures import percent, tthc_sentences
    assert (percent(100.0), percent(98.7), percent(98.72), percent(0.5)) == \
        ("100%", "98,7%", "98,72%", "0,5%")
    f = {"received": 50, "received_online": 50, "online_ratio": 100.0, "resolved": 40,
         "on_time": 40, "on_time_rate": 100.0, "late": 0, "pending": 10, "pending_overdue": 0}
    (sentence,) = tthc_sentences(f)
    assert "đạt 100%" in sentence and "100,00%" not in sentence
