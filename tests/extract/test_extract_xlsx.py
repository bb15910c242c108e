"""A statistics form kept as a spreadsheet by a unit: two-column title rows, group rows."""

from __future__ import annotations

import openpyxl

from cchc.extractors import extract_file

HEAD1 = ["STT", "Lĩnh vực"] + ["Số hồ sơ nhận giải quyết"] * 5 + \
    ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3 + \
    ["Yêu cầu bổ sung", "Trả lại", "Trả kết quả qua dịch vụ bưu chính công ích"]
HEAD2 = [None, None, "Tổng số", "Trực tuyến", "Kỳ trước chuyển qua", "Trực tiếp", "Qua BCCI",
         "Tổng số", "Đúng hạn", "Quá hạn", "Tổng số", "Chưa đến hạn", "Quá hạn"]


def test_two_column_title_rows_and_a_group_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["I1"] = "UBND TỈNH BẮC GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"], ws["I2"] = "SỞ Y TẾ", "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:E2")
    ws["A4"] = "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws["A5"] = "Từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 5 năm 2023"
    for j, text in enumerate(HEAD1, start=1):
        ws.cell(row=7, column=j, value=text)
    for j, text in enumerate(HEAD2, start=1):
        if text:
            ws.cell(row=8, column=j, value=text)
    ws.merge_cells("A7:A8")
    ws.merge_cells("B7:B8")
    ws.merge_cells("C7:G7")
    ws.merge_cells("H7:J7")
    ws.merge_cells("K7:M7")
    for col in "NOP":
        ws.merge_cells(f"{col}7:{col}8")
    ws.append(["I", "Cấp tỉnh"])
    ws.append([1, "Dược", 10, 6, 1, 3, 0, 9, 9, 0, 1, 1, 0, 0, 0, 2])
    ws.append(["II", "Cấp huyện"])
    ws.append([2, "Khám bệnh, chữa bệnh", 5, 5, 0, 0, 0, 5, 4, 1, 0, 0, 0, 1, 0, 0])
    ws.append(["Tổng cộng", None, 15, 11, 1, 3, 0, 14, 13, 1, 1, 1, 0, 1, 0, 2])
    ws.append([None, "Người lập biểu"])
    path = tmp_path / "bieu-y-te.xlsx"
    wb.save(path)

    record = extract_file(path)
    assert record["unit"]["name"] == "SỞ Y TẾ"
    assert record["period"] == {"from": "2022-12-15", "to": "2023-05-14"}
    rows = record["tthc_stats"]["rows"]
    # Group rows are not data rows (contract v1.1); the rows under them name them.
    assert [(r.get("group"), r["stt"], r["field"]) for r in rows] == [
        ("Cấp tỉnh", 1, "Dược"), ("Cấp huyện", 2, "Khám bệnh, chữa bệnh")]
    assert rows[1]["resolved_late"] == 1 and rows[0]["postal_results"] == 2
    assert record["tthc_stats"]["total"]["received_total"] == 15
    assert record["warnings"] == []
