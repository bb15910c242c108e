"""Office habits of reports by other hands (issue 20), one test per habit.

Each fixture is a small report written here that reproduces one habit: group rows with
sub-totals, a one-row form header naming only the groups, space-separated thousands,
"trong tổng số", an investment table by columns in triệu đồng, an Excel percentage cell,
a wrapping "I. KẾT QUẢ …" part, a bold "Về …" heading after "Kính gửi", and Word's
symbol-font bullets in a PDF.
"""

from __future__ import annotations

import docx
import openpyxl
import pytest

from cchc.extractors import extract_file
from cchc.extractors.read import pdf_reader

BODY = "Đơn vị đã ban hành kế hoạch và triển khai đầy đủ các nhiệm vụ được giao trong kỳ."
HEAD3 = [
    ["STT", "Lĩnh vực, công việc giải quyết theo cấp"] + ["Số hồ sơ nhận giải quyết"] * 5
    + ["Kết quả giải quyết"] * 8 + ["Tổng số hồ sơ trả kết quả qua dịch vụ BCCI"],
    ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số"] + ["Trong đó"] * 4
    + ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3
    + ["Yêu cầu bổ sung", "Trả lại", "Tổng số hồ sơ trả kết quả qua dịch vụ BCCI"],
    ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số",
     "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
     "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
     "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
     "Tổng số hồ sơ trả kết quả qua dịch vụ BCCI"],
    [f"({i})" for i in range(1, 17)],
]


def _counts(a: int) -> list[str]:
    """Fourteen consistent counts from one number (sums hold)."""
    return [str(x) for x in (4 * a, a, a, a, a, 3 * a, 2 * a, a, a, a, 0, a, 0, a)]


def _report(path, blocks, *, unit="UBND HUYỆN YÊN THẾ", merges=()):
    """A DOCX report: header, title, then ``blocks`` (str: paragraph; ("b", str): bold
    paragraph; list of rows: a table). ``merges``: (table index, row, col from, col to)."""
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = unit, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(1, 0).text, t.cell(1, 1).text = "Số: 45/BC-UBND", "Yên Thế, ngày 5 tháng 6 năm 2023"
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("Kết quả thực hiện nhiệm vụ cải cách hành chính năm 2023").bold \
        = True
    tables = []
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        elif isinstance(b, tuple):
            d.add_paragraph().add_run(b[1]).bold = True
        else:
            tab = d.add_table(rows=len(b), cols=max(len(r) for r in b))
            for i, row in enumerate(b):
                for j, text in enumerate(row):
                    tab.cell(i, j).text = text
            tables.append(tab)
    for ti, row, c0, c1 in merges:
        cell = tables[ti].cell(row, c0).merge(tables[ti].cell(row, c1))
        text = tables[ti].rows[row].cells[c0].text.split("\n")[0]
        cell.text = text
    d.save(str(path))
    return path


def _stats_report(path, rows, merges=(), head=HEAD3):
    blocks = [("b", "1. Công tác chỉ đạo, điều hành"), BODY,
              ("b", "2. Cải cách thủ tục hành chính"), BODY,
              "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
              "(Từ ngày 15/12/2022 đến ngày 14/5/2023)", head + rows]
    return extract_file(_report(path, blocks, merges=[(0, r, 0, 1) for r in merges]))


def test_group_rows_merged_over_stt_and_field_are_not_data_rows(tmp_path):
    """"I. CẤP HUYỆN" in one cell merged over STT and field, its figures the sum of the
    rows under it; "II. CẤP XÃ" likewise; the data rows keep their own STT."""
    rows = [["I. CẤP HUYỆN", "I. CẤP HUYỆN"] + _counts(3),
            ["1", "Đất đai"] + _counts(1), ["2", "Xây dựng"] + _counts(2),
            ["II. CẤP XÃ", "II. CẤP XÃ"] + _counts(5),
            ["3", "Hộ tịch"] + _counts(5),
            ["", "TỔNG CỘNG"] + _counts(8)]
    stats = _stats_report(tmp_path / "g.docx", rows, merges=[4, 7])["tthc_stats"]
    assert [(r["stt"], r["field"], r["received_total"]) for r in stats["rows"]] == [
        (1, "Đất đai", 4), (2, "Xây dựng", 8), (3, "Hộ tịch", 20)]
    assert [r.get("group") for r in stats["rows"]] == ["I. CẤP HUYỆN"] * 2 + ["II. CẤP XÃ"]
    assert stats["total"]["received_total"] == 32


def test_a_level_row_whose_stt_a_scan_misread_is_a_group(tmp_path):
    """"1 | Cấp huyện" (the Roman I read as 1) and "? | Cấp xã" are group rows."""
    rows = [["1", "Cấp huyện"] + _counts(1), ["1", "Đất đai"] + _counts(1),
            ["?", "Cấp xã"] + _counts(2), ["2", "Hộ tịch"] + _counts(2)]
    stats = _stats_report(tmp_path / "s.docx", rows)["tthc_stats"]
    assert [(r["stt"], r["field"]) for r in stats["rows"]] == [(1, "Đất đai"), (2, "Hộ tịch")]


def test_one_row_header_naming_only_the_groups(tmp_path):
    """"Đã giải quyết | Đúng hạn | Quá hạn | Đang giải quyết | Chưa đến hạn | Quá hạn": the
    group's own column is its total, its parts follow."""
    head = [["STT", "Lĩnh vực", "Tổng số hồ sơ nhận", "Tiếp nhận trực tuyến",
             "Kỳ trước chuyển sang", "Tiếp nhận trực tiếp", "Qua BCCI", "Đã giải quyết",
             "Đúng hạn", "Quá hạn", "Đang giải quyết", "Chưa đến hạn", "Quá hạn",
             "Yêu cầu bổ sung", "Trả lại", "Trả kết quả qua BCCI"]]
    rows = [["1", "Chứng thực", "143", "81", "", "60", "2", "131", "130", "1", "12", "11",
             "1", "", "3", "4"]]
    row = _stats_report(tmp_path / "h.docx", rows, head=head)["tthc_stats"]["rows"][0]
    assert (row["resolved_total"], row["resolved_on_time"], row["resolved_late"]) == (131, 130, 1)
    assert (row["pending_total"], row["pending_not_due"], row["pending_overdue"]) == (12, 11, 1)
    assert (row["returned"], row["postal_results"]) == (3, 4)


def _indicator_report(path, lines, investment=()):
    blocks = [("b", "5. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
              ("b", "5.1. Phát triển chính quyền số"), *lines,
              ("b", "5.5. Đầu tư cho chuyển đổi số"), *investment]
    return extract_file(_report(path, blocks))


def test_counts_with_space_between_thousands_in_prose(tmp_path):
    rec = _indicator_report(tmp_path / "n.docx", [
        "- Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử: đạt 130 090/155 058 "
        "(83,9%).",
        "- Số cán bộ, công chức, viên chức được tập huấn, phổ cập kỹ năng số cơ bản: 2 827 "
        "người trên tổng số 4 273 người."])
    ind = rec["indicators"]
    assert ind["eid_adult_ratio"] == {"value": 83.9, "numerator": 130090,
                                      "denominator": 155058}
    assert ind["digital_skills_training_ratio"] == {"value": 66.16, "numerator": 2827,
                                                    "denominator": 4273}


def test_counts_written_in_tong_so_with_a_long_middle(tmp_path):
    rec = _indicator_report(tmp_path / "t.docx", [
        "- Có 39 giao dịch thanh toán trực tuyến trên Cổng dịch vụ công quốc gia trong tổng "
        "số 95 giao dịch thanh toán.",
        "- Có 10 cuộc kiểm tra hành chính được thực hiện thông qua môi trường số và hệ thống "
        "thông tin của cơ quan trên tổng số 12 cuộc kiểm tra hành chính."])
    ind = rec["indicators"]
    assert ind["online_payment_ratio"] == {"value": 41.05, "numerator": 39, "denominator": 95}
    assert ind["digital_inspection_ratio"] == {"value": 83.33, "numerator": 10,
                                               "denominator": 12}


def test_investment_table_with_a_column_per_kind_in_trieu_dong(tmp_path):
    rec = _indicator_report(tmp_path / "i.docx", [BODY], investment=[[
        ["STT", "Nội dung", "Dự toán được giao (triệu đồng)", "Đã thực hiện chi (triệu đồng)"],
        ["1", "Chi thường xuyên cho ứng dụng công nghệ thông tin", "898,7", "681,3"],
        ["2", "Chi đầu tư hạ tầng số", "422,9", "350,9"],
        ["", "Tổng cộng", "1.321,6", "1.032,2"]]])
    assert rec["investment"] == {"budget_assigned_vnd": 1321600000, "spent_vnd": 1032200000}


def test_investment_amounts_with_space_between_thousands(tmp_path):
    rec = _indicator_report(tmp_path / "a.docx", [BODY], investment=[
        "- Tổng dự toán được giao cho chuyển đổi số năm 2024: 4 944 554 000 đồng.",
        "- Tổng kinh phí đã thực hiện chi cho chuyển đổi số: 3 004 843 000 đồng."])
    assert rec["investment"] == {"budget_assigned_vnd": 4944554000, "spent_vnd": 3004843000}
    rec = _indicator_report(tmp_path / "b.docx", [BODY], investment=[
        "- Tổng dự toán được giao cho chuyển đổi số: 1 250,5 triệu đồng."])
    assert rec["investment"]["budget_assigned_vnd"] == 1250500000


def test_excel_percentage_cells_are_read_as_shown(tmp_path):
    """A cell formatted "0.00%" stores 0.6037 and shows 60,37%: the rate is 60.37."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in (["UBND HUYỆN YÊN THẾ"], ["BÁO CÁO"], ["5.1. Phát triển chính quyền số"],
              ["STT", "Chỉ tiêu", "Kết quả", "Tỷ lệ"],
              ["1", "Tỷ lệ hồ sơ cấp kết quả điện tử", "989/1000", 0.989],
              ["2", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "73/108", 0.6759],
              ["8. Đánh giá ưu điểm, tồn tại, hạn chế"], [BODY]):
        ws.append(r)
    for row in (5, 6):
        ws.cell(row=row, column=4).number_format = "0.00%"
    path = tmp_path / "p.xlsx"
    wb.save(path)
    ind = extract_file(path)["indicators"]
    assert ind["electronic_result_ratio"]["value"] == pytest.approx(98.9)
    assert ind["full_process_dvc_ratio"]["value"] == pytest.approx(67.59)


def test_wrapping_part_naming_iso_and_digital_transformation_is_no_section(tmp_path):
    """"I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ" wraps
    sections 1–7: its "1." … "7." are the outline's, not points inside section 5."""
    rec = extract_file(_report(tmp_path / "w.docx", [
        ("b", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ"),
        "1. Về công tác chỉ đạo, điều hành", "Ban hành kế hoạch chỉ đạo số 1.",
        "2. Cải cách thủ tục hành chính", "Rút ngắn thời gian xử lý hồ sơ.",
        "5. Xây dựng và phát triển Chính quyền điện tử, chính quyền số",
        "Hạ tầng được đầu tư.",
        ("b", "II. ĐÁNH GIÁ ƯU ĐIỂM, TỒN TẠI, HẠN CHẾ"), "Còn khó khăn về hạ tầng."]))
    s = rec["sections"]
    assert s["1"] == "Ban hành kế hoạch chỉ đạo số 1."
    assert s["2"] == "Rút ngắn thời gian xử lý hồ sơ."
    assert s["5"] == "Hạ tầng được đầu tư."


def test_bold_ve_heading_right_after_kinh_gui_is_a_section(tmp_path):
    """A bold "Về công tác chỉ đạo, điều hành" after "Kính gửi" is not the title's tail."""
    rec = extract_file(_report(tmp_path / "k.docx", [
        "Kính gửi: Tổ kiểm tra cải cách hành chính tỉnh.",
        ("b", "Về công tác chỉ đạo, điều hành"), "Ban hành kế hoạch chỉ đạo số 1.",
        ("b", "Về cải cách thủ tục hành chính"), "Rút ngắn thời gian xử lý hồ sơ."]))
    assert rec["sections"]["1"] == "Ban hành kế hoạch chỉ đạo số 1."


def _line(text: str, x0: float, top: float, font="Serif") -> list[dict]:
    words, x = [], x0
    for w in text.split(" "):
        words.append({"text": w, "x0": x, "x1": x + 6 * len(w), "top": top,
                      "bottom": top + 10, "fontname": "OpenSymbol" if w == "\uf0b7" else font})
        x = 103 if w == "\uf0b7" else x + 6 * len(w) + 3  # a tab after the bullet
    return words


def test_pdf_symbol_font_bullets_keep_their_wrapped_lines():
    """Word's Symbol bullet ("\\uf0b7") printed to PDF: the wrapped lines start at the
    text's indent, not the margin, and belong to the bullet's paragraph."""
    lines = [_line("\uf0b7 " + "Số dịch vụ công trực tuyến phát sinh hồ sơ trực tuyến tổng số"
                   " dịch vụ công trực tuyến", 85, 100),
             _line("phát sinh hồ sơ đạt tỷ lệ:", 103, 115),
             _line("29/42 = 69 %", 103, 130),
             _line("\uf0b7 " + "Số dịch vụ công trực tuyến toàn trình đang cung cấp tổng số"
                   " dịch vụ đủ điều kiện", 85, 145)]
    right = 560.0
    for line in (lines[0], lines[1], lines[3]):
        line[-1]["x1"] = right - 2  # justified: the line reaches the right margin
    items = [(i, seg) for i, seg in enumerate(pdf_reader._segments(lines))]
    paras = pdf_reader._paragraphs(items, right)
    assert len(paras) == 2
    assert paras[0].text.endswith("đạt tỷ lệ: 29/42 = 69 %")


def test_counts_with_english_thousands_separators(tmp_path):
    """"1,390" typed on an English system is 1390 (never 1), in the form and in prose."""
    rows = [["1", "Đất đai", "1,390", "390", "0", "1,000", "0", "1,200", "1,100", "100",
             "190", "190", "0", "0", "0", "0"],
            ["", "Tổng số", "1,390", "390", "0", "1,000", "0", "1,200", "1,100", "100",
             "190", "190", "0", "0", "0", "0"]]
    rec = _stats_report(tmp_path / "e.docx", rows)
    row = rec["tthc_stats"]["rows"][0]
    assert (row["received_total"], row["received_direct"], row["resolved_total"]) == (
        1390, 1000, 1200)
    assert rec["tthc_stats"]["total"]["received_total"] == 1390
    assert not [w for w in rec["warnings"] if w["code"].startswith("stats.")]
    ind = _indicator_report(tmp_path / "p.docx", [
        "- Số hồ sơ được xử lý hoàn toàn trực tuyến: 1,390/2,780 hồ sơ."])["indicators"]
    assert ind["records_fully_online_ratio"] == {"value": 50.0, "numerator": 1390,
                                                 "denominator": 2780}


def test_percentages_written_in_words(tmp_path):
    """"đạt 95 phần trăm" with no counts is 95; a printed "51 phần trăm" beside counts wins
    over the computed 50.71 (contract v1.2: the printed value is the value)."""
    ind = _indicator_report(tmp_path / "w.docx", [
        "- Tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử đạt 95 phần "
        "trăm.",
        "- Tỷ lệ hồ sơ cấp kết quả điện tử đạt 51 phần trăm (71/140 hồ sơ)."])["indicators"]
    assert ind["electronic_documents_ratio"]["value"] == 95.0
    assert ind["electronic_result_ratio"] == {"value": 51.0, "numerator": 71,
                                              "denominator": 140}


def test_indicator_phrase_outside_part_5_is_flagged(tmp_path):
    """Section 7 mentions "số hóa kết quả giải quyết TTHC" beside a fraction: if it is
    taken for the 5.1 rate at all, the value is flagged extract.uncertain by name."""
    rec = extract_file(_report(tmp_path / "o.docx", [
        ("b", "5. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
        ("b", "5.1. Phát triển chính quyền số"),
        "- Tỷ lệ hồ sơ cấp kết quả điện tử đạt 80%.",
        ("b", "7. Kết quả khắc phục tồn tại, hạn chế sau kiểm tra năm trước"),
        "- Đã khắc phục việc số hóa kết quả giải quyết TTHC: hoàn thành 3/5 kiến nghị."]))
    value = rec["indicators"].get("digitized_result_ratio")
    if value and value["value"] is not None:
        assert any(w["code"] == "extract.uncertain"
                   and w["where"] == "indicators.digitized_result_ratio"
                   for w in rec["warnings"])
    flagged = {w["where"] for w in rec["warnings"] if w["code"] == "extract.uncertain"}
    assert "indicators.electronic_result_ratio" not in flagged  # read in its own section


def test_decomposed_unicode_reads_like_composed(tmp_path):
    """NFD text (accents as combining marks) loses nothing: headings, units, amounts."""
    import unicodedata

    lines = ["- Tổng dự toán được giao cho chuyển đổi số: 1.250 triệu đồng.",
             "- Tổng kinh phí đã thực hiện chi cho chuyển đổi số: 820,5 triệu đồng."]
    rec = _indicator_report(tmp_path / "d.docx", [BODY],
                            investment=[unicodedata.normalize("NFD", x) for x in lines])
    assert rec["investment"] == {"budget_assigned_vnd": 1250000000, "spent_vnd": 820500000}


@pytest.mark.parametrize("numbering", [" ".join(map(str, range(1, 17))),
                                       "\t".join(map(str, range(1, 17)))])
def test_numbering_row_in_one_merged_cell_is_no_data_row(tmp_path, numbering):
    head = HEAD3[:3] + [[numbering] * 16]
    rows = [["1", "Đất đai"] + _counts(1), ["2", "Xây dựng"] + _counts(2)]
    d = tmp_path / "m.docx"
    blocks = [("b", "2. Cải cách thủ tục hành chính"), BODY,
              "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", head + rows]
    rec = extract_file(_report(d, blocks, merges=[(0, 3, 0, 15)]))
    assert [(r["stt"], r["field"], r["received_total"]) for r in rec["tthc_stats"]["rows"]] \
        == [(1, "Đất đai", 4), (2, "Xây dựng", 8)]


def test_garbled_heading_numbered_next_in_the_outline_opens_its_section(tmp_path):
    """A scan garbles "5. Về xây dựng chính quyền điện tử…" into words no phrase knows:
    numbered right after section 4 and still like the outline's title, it opens 5,
    flagged; a numbered point unlike any title stays body."""
    rec = extract_file(_report(tmp_path / "g.docx", [
        ("b", "1. Công tác chỉ đạo, điều hành"), "Ban hành kế hoạch.",
        ("b", "4. Cải cách chế độ công vụ"), "Cử 6 lượt cán bộ đi học.",
        ("b", "5. Về xây dựng chính quyều điện tử, chính quyều số và tiayc« đổi sô"),
        "Ban hành Kế hoạch chuyển đổi số năm 2023.",
        ("b", "8. Đánh giá chung"), "Còn khó khăn."]))
    assert rec["sections"]["4"] == "Cử 6 lượt cán bộ đi học."
    assert rec["sections"]["5"] == "Ban hành Kế hoạch chuyển đổi số năm 2023."
    assert any(w["code"] == "extract.uncertain" and w["where"] == "sections.5"
               for w in rec["warnings"])
    rec = extract_file(_report(tmp_path / "b.docx", [
        ("b", "4. Cải cách chế độ công vụ"), "Cử 6 lượt cán bộ đi học.",
        ("b", "5. Tổ chức hội nghị triển khai tại thôn"), "Đã tổ chức 3 hội nghị."]))
    assert "5" not in rec["sections"]


def test_rate_whose_decimal_a_scan_parted_from_its_digit(tmp_path):
    """"đạt 88, 1%" is 88.1, not 1."""
    ind = _indicator_report(tmp_path / "p.docx", [
        "Tỷ lệ TTHC số hoá kết quả giải quyết đạt 88, 1%."])["indicators"]
    assert ind["digitized_result_ratio"]["value"] == pytest.approx(88.1)


def test_wrapping_part_garbled_by_a_scan_is_still_no_section(tmp_path):
    """"I. KẾT QUẢ THỰC HIIỆN NH¡IM VỤ CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ": the words
    between may be garbled; a heading that names a section there ("khắc phục") is kept."""
    rec = extract_file(_report(tmp_path / "w.docx", [
        ("b", "I. KẾT QUẢ THỰC HIIỆN NH¡IM VỤ CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ"),
        "1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Ban hành kế hoạch chỉ đạo số 1.",
        "5. Xây dựng và phát triển Chính quyền điện tử, chính quyền số",
        "Hạ tầng được đầu tư.",
        "7. Kết quả khắc phục hạn chế cải cách hành chính", "Đã khắc phục 4/5 tồn tại."]))
    s = rec["sections"]
    assert s["1"] == "Ban hành kế hoạch chỉ đạo số 1."
    assert s["5"] == "Hạ tầng được đầu tư."
    assert s["7"] == "Đã khắc phục 4/5 tồn tại."


def test_amount_whose_number_a_scan_broke_is_flagged(tmp_path):
    """"1218 5 triệu đồng" (the comma lost): whatever is read is flagged by name."""
    rec = _indicator_report(tmp_path / "b.docx", [BODY], investment=[
        "- Tổng dự toán được giao cho chuyển đổi số năm 2023: 2.200 triệu đồng.",
        "- Tổng kinh phí đã thực hiện chi cho chuyển đổi số: 1218 5 triệu đồng."])
    flagged = {w["where"] for w in rec["warnings"] if w["code"] == "extract.uncertain"}
    assert "investment.spent_vnd" in flagged
    assert "investment.budget_assigned_vnd" not in flagged
    assert rec["investment"]["budget_assigned_vnd"] == 2200000000


def test_bold_ve_subtitle_under_the_title_stays_the_title(tmp_path):
    """"BÁO CÁO" / "Về kết quả thực hiện công tác cải cách hành chính, chuyển đổi số" is the
    title's subtitle, not a heading that swallows the report."""
    d = docx.Document()
    d.add_paragraph("UBND HUYỆN YÊN THẾ")
    d.add_paragraph("Số: 45/BC-UBND")
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("Về kết quả thực hiện cải cách thủ tục hành chính, chính quyền "
                              "điện tử năm 2023").bold = True
    for heading, body in (("1. Công tác chỉ đạo, điều hành", BODY),
                          ("2. Cải cách thủ tục hành chính", "Đã rút ngắn thời gian 12 thủ tục.")):
        d.add_paragraph().add_run(heading).bold = True
        d.add_paragraph(body)
    d.save(str(tmp_path / "v.docx"))
    s = extract_file(tmp_path / "v.docx")["sections"]
    assert (s.get("1"), s.get("2"), s.get("5")) == (
        BODY, "Đã rút ngắn thời gian 12 thủ tục.", None)


def test_small_vietnamese_letter_after_a_full_stop_opens_no_new_clause(tmp_path):
    """"… hóa đơn điện tử; các doanh nghiệp:. đã thực hiện nộp thuế điện tử: 85%": "đ" is
    no capital (though "À-Ỹ" holds it), so the rate stays with the clause that names it."""
    ind = _indicator_report(tmp_path / "c.docx", [
        "- Tỉ lệ các doanh nghiệp, hộ kinh doanh cá thể áp dụng hóa đơn điện tử; các doanh "
        "nghiệp:. đã thực hiện nộp thuế điện tử: 85%"])["indicators"]
    assert ind["e_invoice_ratio"]["value"] == 85.0


def test_full_process_rate_known_by_du_dieu_kien_is_read_and_flagged(tmp_path):
    """"toàn trình" garbled by a scan, "đủ điều kiện" left: read, and flagged as partial."""
    rec = _indicator_report(tmp_path / "f.docx", [
        "- Tỷ lệ DVC trực tuyến toàn uìuiv/tổng số DVC đủ điều kiện: 152/166"])
    assert rec["indicators"]["full_process_dvc_ratio"] == {
        "value": 91.57, "numerator": 152, "denominator": 166}
    assert any(w["code"] == "extract.uncertain"
               and w["where"] == "indicators.full_process_dvc_ratio" for w in rec["warnings"])


def _as_counts(a: int, b: int) -> list[str]:
    """Counts of a row with ``a`` received online and ``b`` directly (sums hold)."""
    return [str(x) for x in (a + b, a, 0, b, 0, a + b, a + b, 0, 0, 0, 0, a // 10, 0, 0)]


def test_field_subtotal_known_by_its_figures_is_a_group(tmp_path):
    """"1 | Lĩnh vực Tư pháp" summing "1.1 Hộ tịch" and "1.2 Chứng thực" under it is a
    group; "2 | Đất đai" after them is a data row again."""
    rows = [["1", "Lĩnh vực Tư pháp"] + _as_counts(30, 12),
            ["1.1", "Hộ tịch"] + _as_counts(20, 10), ["1.2", "Chứng thực"] + _as_counts(10, 2),
            ["2", "Đất đai"] + _as_counts(5, 5), ["3", "Xây dựng"] + _as_counts(3, 2)]
    stats = _stats_report(tmp_path / "t.docx", rows)["tthc_stats"]
    assert [(r["stt"], r["field"], r.get("group")) for r in stats["rows"]] == [
        ("1.1", "Hộ tịch", "Lĩnh vực Tư pháp"), ("1.2", "Chứng thực", "Lĩnh vực Tư pháp"),
        (2, "Đất đai", None), (3, "Xây dựng", None)]


def test_investment_items_by_column_without_a_total_row_are_summed_and_flagged(tmp_path):
    rec = _indicator_report(tmp_path / "s.docx", [BODY], investment=[[
        ["STT", "Nội dung", "Dự toán được giao (triệu đồng)", "Đã thực hiện chi (triệu đồng)"],
        ["1", "Chi thường xuyên cho ứng dụng công nghệ thông tin", "898,7", "681,3"],
        ["2", "Chi đầu tư hạ tầng số", "422,9", "350,9"]]])
    assert rec["investment"] == {"budget_assigned_vnd": 1321600000, "spent_vnd": 1032200000}
    flagged = {w["where"] for w in rec["warnings"] if w["code"] == "extract.uncertain"}
    assert {"investment.budget_assigned_vnd", "investment.spent_vnd"} <= flagged


def test_counts_trong_so_and_narrow_spaces_between_thousands(tmp_path):
    ind = _indicator_report(tmp_path / "n.docx", [
        "- Có 113 giao dịch thanh toán trực tuyến trong số 250 giao dịch thanh toán.",
        "- Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử: 1\u202f390/2\u202f000."
    ])["indicators"]
    assert ind["online_payment_ratio"]["numerator"] == 113
    assert ind["eid_adult_ratio"] == {"value": 69.5, "numerator": 1390, "denominator": 2000}


@pytest.mark.parametrize("line, ind_id, value", [
    ("Tỷ lệ hồ sơ trực tuyến: 1.200/3.000 hồ sơ", "records_fully_online_ratio", 40.0),
    ("Tỷ lệ cấp kết quả giải quyết TTHC điện tử đạt 90%", "electronic_result_ratio", 90.0),
    ("Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 85%",
     "digitized_result_ratio", 85.0),
    ("Tỷ lệ văn bản điện tử: 98%", "electronic_documents_ratio", 98.0),
    ("Số báo cáo thực hiện trên hệ thống báo cáo của tỉnh: 12/12", "reporting_system_ratio",
     100.0),
    ("Số cuộc kiểm tra thực hiện trên môi trường số: 2/10", "digital_inspection_ratio", 20.0),
    ("Số xã có Trang thông tin điện tử: 22/22", "commune_portal_ratio", 100.0),
    ("Số cán bộ được đào tạo, tập huấn về chuyển đổi số: 35/50",
     "digital_skills_training_ratio", 70.0),
    ("Tỷ lệ hộ có kết nối Internet băng rộng cố định: 75%", "fiber_household_ratio", 75.0),
    ("Tỷ lệ dân số trưởng thành có danh tính số: 38%", "eid_adult_ratio", 38.0),
    ("Số hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ: 2/4",
     "infosec_level_approved_ratio", 50.0),
    ("Số HTTT được triển khai phương án bảo đảm an toàn theo cấp độ được duyệt: 2/2",
     "infosec_compliant_ratio", 100.0),
])
def test_indicators_in_other_hands_wording(tmp_path, line, ind_id, value):
    """Paraphrases of the outline's lines are read; those known only from part of the
    wording carry extract.uncertain naming the indicator."""
    rec = _indicator_report(tmp_path / "p.docx", ["- " + line])
    assert rec["indicators"][ind_id]["value"] == pytest.approx(value)


def test_cell_both_its_row_and_its_column_contradict_is_flagged(tmp_path):
    """"71" misread as "7": row 2's received parts no longer sum and column (7)'s total is
    off; that one cell is flagged extract.uncertain, its neighbours are not."""
    rows = [["1", "Đất đai"] + _counts(1), ["2", "Xây dựng"] + _counts(2),
            ["", "Tổng số"] + _counts(3)]
    rows[1][6] = "7"  # received_postal of row 2 (printed 2, read 7)
    rec = _stats_report(tmp_path / "x.docx", rows)
    flagged = {w["where"] for w in rec["warnings"] if w["code"] == "extract.uncertain"}
    assert flagged == {"tthc_stats.rows[1].received_postal"}
