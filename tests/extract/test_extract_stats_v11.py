"""The statistics form as other hands fill it (contract v1.1, issue 11 classes 1 and 6):
blank and dash cells, group rows, the total first, notes, one table split in two."""

from __future__ import annotations

import docx

from cchc.extractors import extract_file
from cchc.extractors.interpret.stats_table import find_stats
from cchc.extractors.model import Para, Table

HEAD1 = ["STT", "Lĩnh vực, công việc giải quyết theo cấp"] + ["Số hồ sơ nhận giải quyết"] * 5 \
    + ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3 \
    + ["Yêu cầu bổ sung", "Trả lại", "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]
HEAD2 = ["STT", "Lĩnh vực", "Tổng số", "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua",
         "Tiếp nhận trực tiếp", "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn",
         "Trả quá hạn", "Tổng số", "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
         "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]
NUMBERS = [f"({n})" for n in range(1, 17)]


def row(stt, field, *counts):
    return [stt, field, *counts]


def stats_of(*rows, head=(HEAD1, HEAD2, NUMBERS)):
    notes: list = []
    stats, _ = find_stats([Table([*head, *rows])], notes)
    return stats, notes


def test_blank_dash_zero_and_khong_cells_are_zero():
    stats, notes = stats_of(row("1", "Hộ tịch", "12", "", "-", "12", "–", "12", "—", "0",
                                "không", "", "", "", "", ""))
    (r,) = stats["rows"]
    assert r["received_total"] == 12 and r["received_online"] == 0
    assert r["carried_over"] == 0 and r["received_postal"] == 0
    assert r["resolved_on_time"] == 0 and r["resolved_late"] == 0 and r["pending_total"] == 0
    assert notes == []


def test_unreadable_cell_is_null_and_named():
    stats, notes = stats_of(row("1", "Hộ tịch", "12", "12", "0", "0", "0", "1O", "10", "0",
                                "2", "2", "0", "0", "0", "0"))
    assert stats["rows"][0]["resolved_total"] is None
    assert [(w["code"], w["where"]) for w in notes] == [
        ("stats.unreadable_cell", "tthc_stats.rows[0].resolved_total")]


def test_a_column_the_table_lacks_is_null():
    head = [h[:13] for h in (HEAD1, HEAD2)]  # a 13-column variant: no (14)-(16)
    stats, _ = stats_of(row("1", "Đất đai", "5", "5", "0", "0", "0", "5", "5", "0", "0", "",
                            ""), head=head)
    r = stats["rows"][0]
    assert r["pending_not_due"] == 0
    assert r["supplement_requested"] is None and r["postal_results"] is None


def test_group_rows_are_not_data_rows_and_total_first_is_the_total():
    stats, _ = stats_of(
        row("", "TỔNG SỐ", "30", "20", "0", "10", "0", "30", "30", "0", "0", "0", "0", "0",
            "0", "0"),
        row("I", "Lĩnh vực Hộ tịch", "10", "10", "", "", "", "10", "10", "", "", "", "", "",
            "", ""),
        row("1", "Đăng ký khai sinh", "10", "10", "", "", "", "10", "10", "", "", "", "", "",
            "", ""),
        row("", "II. Lĩnh vực Đất đai", "20", "10", "", "10", "", "20", "20", "", "", "", "",
            "", "", ""),
        row("1", "Đăng ký biến động", "20", "10", "", "10", "", "20", "20", "", "", "", "",
            "", "", ""),
        row("", "Cấp xã", "", "", "", "", "", "", "", "", "", "", "", "", "", ""),
        row("1", "Chứng thực", "", "", "", "", "", "", "", "", "", "", "", "", "", ""))
    assert [(r.get("group"), r["stt"], r["field"]) for r in stats["rows"]] == [
        ("Lĩnh vực Hộ tịch", 1, "Đăng ký khai sinh"),
        ("II. Lĩnh vực Đất đai", 1, "Đăng ký biến động"),
        ("Cấp xã", 1, "Chứng thực")]
    assert stats["total"]["received_total"] == 30 and stats["total"]["carried_over"] == 0


def test_note_rows_are_not_data_rows():
    note = "Ghi chú: số liệu tính đến ngày 30/6/2023"
    stats, _ = stats_of(
        row("1", "Hộ tịch", "1", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0", "0",
            "0"),
        [note] * 16,
        row("*", "Số liệu lấy từ Hệ thống thông tin giải quyết TTHC của tỉnh", *[""] * 14),
        row("", "Tổng số", "1", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0", "0", "0"))
    assert [r["field"] for r in stats["rows"]] == ["Hộ tịch"]


def test_thousands_with_a_space():
    stats, _ = stats_of(row("1", "Đất đai", "2 827", "2 071", "756", "0", "0", "1 844",
                            "1 844", "0", "983", "983", "0", "0", "0", "0"))
    assert stats["rows"][0]["received_total"] == 2827
    assert stats["rows"][0]["pending_total"] == 983


def test_one_row_header_names_the_group_once():
    head = ["STT", "Lĩnh vực", "Tổng số hồ sơ nhận", "Số mới tiếp nhận trực tuyến",
            "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp", "Qua dịch vụ BCCI",
            "Tổng số đã giải quyết", "Trả đúng thời hạn", "Trả quá hạn",
            "Tổng số đang giải quyết", "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
            "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]
    stats, _ = stats_of(row("1", "Y tế", "9", "9", "0", "0", "0", "7", "6", "1", "2", "1",
                            "1", "0", "0", "0"), head=(head,))
    r = stats["rows"][0]
    assert (r["resolved_on_time"], r["resolved_late"]) == (6, 1)
    assert (r["pending_not_due"], r["pending_overdue"]) == (1, 1)


def _word_table(d, rows):
    t = d.add_table(rows=len(rows), cols=16)
    for i, texts in enumerate(rows):
        for j, text in enumerate(texts):
            t.cell(i, j).text = text


def test_a_table_split_across_a_page_break_is_one_table(tmp_path):
    d = docx.Document()
    d.add_paragraph("BÁO CÁO").runs[0].bold = True
    d.add_paragraph("1. Công tác chỉ đạo, điều hành").runs[0].bold = True
    d.add_paragraph("Đơn vị ban hành kế hoạch cải cách hành chính năm 2023.")
    d.add_paragraph("2. Cải cách thủ tục hành chính").runs[0].bold = True
    first = [row(str(i), f"Lĩnh vực {i}", "1", "1", "", "", "", "1", "1", "", "", "", "", "",
                 "", "") for i in (1, 2)]
    _word_table(d, [HEAD1, HEAD2, NUMBERS, *first])
    d.add_paragraph("").add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    rest = [row("3", "Lĩnh vực 3", "2", "2", "", "", "", "2", "2", "", "", "", "", "", "", ""),
            row("", "Tổng số", "4", "4", "", "", "", "4", "4", "", "", "", "", "", "", "")]
    _word_table(d, [HEAD1, HEAD2, NUMBERS, *rest])  # the header repeated on the next page
    path = tmp_path / "split.docx"
    d.save(str(path))
    stats = extract_file(path)["tthc_stats"]
    assert [r["field"] for r in stats["rows"]] == ["Lĩnh vực 1", "Lĩnh vực 2", "Lĩnh vực 3"]
    assert stats["total"]["received_total"] == 4


def test_rows_continued_without_a_header():
    first = Table([HEAD1, HEAD2, NUMBERS,
                   row("1", "A", "1", "1", "", "", "", "1", "1", "", "", "", "", "", "", "")])
    rest = Table([row("2", "B", "3", "3", "", "", "", "3", "3", "", "", "", "", "", "", "")])
    stats, _ = find_stats([first, Para(""), rest])
    assert [r["field"] for r in stats["rows"]] == ["A", "B"]
    stats, _ = find_stats([first, Para("Nhận xét: số liệu tăng."), rest])
    assert [r["field"] for r in stats["rows"]] == ["A"]  # text between: another table
