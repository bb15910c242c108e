"""A report in a style the corpus does not have: "PHẦN I." headings in capitals, a
"CHUYỂN ĐỔI SỐ" part, indicators and money in prose, a table whose headers are
abbreviated ("Tiếp nhận", "Đúng hạn", "Bổ sung", "Qua bưu chính")."""

from __future__ import annotations

import docx

from cchc.extractors import extract_file

HEADER_TOP = ["STT", "Lĩnh vực", "Tiếp nhận", "", "", "", "", "Đã giải quyết", "", "",
              "Đang giải quyết", "", "", "Bổ sung", "Trả lại", "Qua bưu chính"]
HEADER_SUB = ["", "", "Tổng số", "Trực tuyến", "Kỳ trước chuyển qua", "Trực tiếp", "BCCI",
              "Tổng số", "Đúng hạn", "Quá hạn", "Tổng số", "Chưa đến hạn", "Quá hạn", "", "", ""]
ROW = ["1", "Tư pháp", "1.250", "1.000", "50", "200", "0", "1.200", "1.190", "10", "50", "45",
       "5", "3", "1", "20"]


def bold(d, text):
    d.add_paragraph().add_run(text).bold = True


def build(path):
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND HUYỆN LỤC NAM\nPHÒNG NỘI VỤ"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 07/BC-PNV"
    head.cell(1, 1).text = "Lục Nam, ngày 03 tháng 8 năm 2023"
    bold(d, "BÁO CÁO")
    d.add_paragraph("Căn cứ Kế hoạch kiểm tra của UBND tỉnh, Phòng Nội vụ báo cáo như sau:")
    bold(d, "PHẦN I. VỀ CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH")
    d.add_paragraph("Đơn vị đã ban hành kế hoạch CCHC năm 2023 ngay từ đầu năm.")
    bold(d, "PHẦN II. VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    d.add_paragraph("Bộ phận một cửa tiếp nhận hồ sơ theo đúng quy trình.")
    d.add_paragraph("Từ ngày 01/01/2023 đến ngày 30/6/2023")
    table = d.add_table(rows=3, cols=16)
    for row, texts in enumerate((HEADER_TOP, HEADER_SUB, ROW)):
        for col, text in enumerate(texts):
            table.cell(row, col).text = text
    for a, b in ((2, 6), (7, 9), (10, 12)):
        table.cell(0, a).merge(table.cell(0, b)).text = HEADER_TOP[a]
    for c in (0, 1, 13, 14, 15):
        table.cell(0, c).merge(table.cell(1, c)).text = HEADER_TOP[c]
    bold(d, "PHẦN III. CHUYỂN ĐỔI SỐ")
    d.add_paragraph("Tỷ lệ thanh toán trực tuyến trên Cổng dịch vụ công quốc gia đạt 37,5% "
                    "(75/200 giao dịch).")
    d.add_paragraph("Hiện đơn vị cung cấp 120/150 dịch vụ công trực tuyến toàn trình.")
    d.add_paragraph("Kinh phí chuyển đổi số được giao 2,4 tỷ đồng, đã giải ngân 960 triệu đồng.")
    bold(d, "PHẦN IV. TỒN TẠI, HẠN CHẾ")
    d.add_paragraph("Một số hồ sơ còn trễ hạn.")
    bold(d, "PHẦN V. KIẾN NGHỊ, ĐỀ XUẤT")
    d.add_paragraph("Đề nghị tỉnh hỗ trợ thiết bị số hoá.")
    d.save(str(path))
    return path


def test_unseen_style_report(tmp_path):
    r = extract_file(build(tmp_path / "luc-nam.docx"))
    assert r["unit"]["name"] == "PHÒNG NỘI VỤ"
    assert r["document"] == {"number": "07/BC-PNV", "date": "2023-08-03", "place": "Lục Nam"}
    assert r["period"] == {"from": "2023-01-01", "to": "2023-06-30"}
    assert set(r["sections"]) == {"1", "2", "5", "8", "9"}
    assert r["sections"]["5"].startswith("Tỷ lệ thanh toán trực tuyến")
    assert r["indicators"]["online_payment_ratio"] == {"value": 37.5, "numerator": 75,
                                                       "denominator": 200}
    assert r["indicators"]["full_process_dvc_ratio"] == {"value": 80.0, "numerator": 120,
                                                         "denominator": 150}
    assert r["investment"] == {"budget_assigned_vnd": 2_400_000_000, "spent_vnd": 960_000_000}
    (row,) = r["tthc_stats"]["rows"]
    assert row == {"stt": 1, "field": "Tư pháp", "received_total": 1250,
                   "received_online": 1000, "carried_over": 50, "received_direct": 200,
                   "received_postal": 0, "resolved_total": 1200, "resolved_on_time": 1190,
                   "resolved_late": 10, "pending_total": 50, "pending_not_due": 45,
                   "pending_overdue": 5, "supplement_requested": 3, "returned": 1,
                   "postal_results": 20}
    assert not [w for w in r["warnings"] if w["code"].startswith("stats.")]
