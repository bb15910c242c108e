"""Interpreters on hand-written snippets: the variety other units write."""

from __future__ import annotations

import pytest

from cchc.extractors.interpret.header import read_header
from cchc.extractors.interpret.indicators import clauses, match, read_value
from cchc.extractors.interpret.investment import amount, find_investment
from cchc.extractors.interpret.sections import section_texts, split_sections
from cchc.extractors.interpret.stats_table import column_key, find_period
from cchc.extractors.model import Para, Table
from cchc.extractors.read.formula import evaluate
from cchc.extractors.record import is_district


@pytest.mark.parametrize("text, want", [
    ("đạt tỷ lệ: 85,5 %", {"value": 85.5, "numerator": None, "denominator": None}),
    ("đạt 45,2% (113/250 hồ sơ)", {"value": 45.2, "numerator": 113, "denominator": 250}),
    ("đạt tỉ lệ 85.5%", {"value": 85.5, "numerator": None, "denominator": None}),
    ("171/200", {"value": None, "numerator": 171, "denominator": 200}),
    ("1.234/1.500 dịch vụ", {"value": None, "numerator": 1234, "denominator": 1500}),
    ("171/200 DVC, đạt 85,5%", {"value": 85.5, "numerator": 171, "denominator": 200}),
    ("đạt 100% (25 / 25 HTTT)", {"value": 100.0, "numerator": 25, "denominator": 25}),
    ("có 171 DVC trên tổng số 200 DVC", {"value": None, "numerator": 171, "denominator": 200}),
    ("đạt tỷ lệ: ……… %", {"value": None, "numerator": None, "denominator": None}),
    ("không phát sinh", {"value": None, "numerator": None, "denominator": None}),
    ("0/0", {"value": None, "numerator": 0, "denominator": 0}),
])
def test_read_value(text, want):
    assert read_value(text) == want


def test_document_numbers_and_dates_are_not_counts():
    v = read_value("theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 đạt 90%")
    assert v == {"value": 90.0, "numerator": None, "denominator": None}


def test_one_bullet_with_three_rates_is_three_clauses():
    text = ("- Tỷ lệ số hoá hồ sơ, kết quả giải quyết TTHC tại bộ phận một cửa, bao gồm: tỷ lệ "
            "hồ sơ cấp kết quả điện tử đạt: 50 %, tỷ lệ TTHC số hoá kết quả giải quyết đạt: 40 %, "
            "tỷ lệ khai thác sử dụng lại tài liệu đạt: 30 %.")
    got = {match(c): read_value(c)["value"] for c in clauses(text) if match(c)}
    assert got == {"electronic_result_ratio": 50.0, "digitized_result_ratio": 40.0,
                   "document_reuse_ratio": 30.0}


@pytest.mark.parametrize("text, want", [
    ("Số DVC trực tuyến toàn trình đang cung cấp: 171/200", "full_process_dvc_ratio"),
    ("Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 95%", "online_work_records_ratio"),
    ("Số HTTT đáp ứng yêu cầu bảo vệ an toàn thông tin theo cấp độ: 1/2",
     "infosec_compliant_ratio"),
    ("Số HTTT hoàn thành phê duyệt cấp độ an toàn: 2/3", "infosec_level_approved_ratio"),
    ("Tỷ lệ người trưởng thành có tài khoản định danh điện tử 61%", "eid_adult_ratio"),
    ("Sở đã tổ chức 3 hội nghị tuyên truyền CCHC", None),
])
def test_match_by_meaning(text, want):
    assert match(text) == want


@pytest.mark.parametrize("text, want", [
    ("Tổng dự toán được giao: 1.500.000.000 đồng", 1500000000),
    ("Tổng dự toán được giao năm 2023: 1,5 tỷ đồng", 1500000000),
    ("đã chi 820,5 triệu đồng", 820500000),
    ("đã chi 820.500.000đ", 820500000),
    ("Tổng dự toán được giao cho chuyển đổi số năm 2023:…………", None),
    ("Tổng dự toán được giao cho chuyển đổi số năm 2023: 3.300.000.000.", 3300000000),
    ("đã chi cho 2.023 hồ sơ", None),  # a count is no amount without its unit
])
def test_amounts(text, want):
    assert amount(text) == want


def test_investment_from_a_table_with_unit_in_header():
    spans = split_sections([
        Para("5.5. Kết quả đầu tư cho chuyển đổi số", bold=True),
        Table([["Nội dung", "Số tiền (triệu đồng)"],
               ["Dự toán được giao năm 2023", "1.500"],
               ["Kinh phí đã thực hiện chi", "820,5"]]),
    ])
    assert find_investment(spans) == {"budget_assigned_vnd": 1500000000,
                                      "spent_vnd": 820500000}


def headings(*texts, bold=True):
    blocks = []
    for i, t in enumerate(texts):
        blocks.append(Para(t, bold=bold))
        blocks.append(Para(f"Nội dung {i}."))
    return list(section_texts(split_sections(blocks)))


def test_roman_headings_with_arabic_subsections():
    assert headings("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                    "III. CẢI CÁCH TỔ CHỨC BỘ MÁY", "IV. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
                    "V. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
                    "1. Phát triển chính quyền số", "2. Phát triển kinh tế số",
                    "3. Phát triển xã hội số", "4. An toàn, an ninh mạng",
                    "5. Kết quả đầu tư cho chuyển đổi số", "6. Áp dụng ISO 9001",
                    "VI. NHIỆM VỤ KHÁC", "VII. KHẮC PHỤC TỒN TẠI SAU KIỂM TRA",
                    "VIII. TỒN TẠI, HẠN CHẾ", "IX. KIẾN NGHỊ, ĐỀ XUẤT") == [
        "1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "6", "7", "8", "9"]


def test_ve_and_letter_headings_with_synonyms():
    assert headings("Về công tác lãnh đạo, chỉ đạo", "Về cải cách TTHC",
                    "Về xây dựng chính quyền điện tử", "a) Chính quyền số", "b) Kinh tế số",
                    "Khó khăn, vướng mắc", "Đề xuất") == ["1", "2", "5", "5.1", "5.2", "8", "9"]


def test_body_lines_that_look_like_headings_stay_body():
    blocks = [Para("1. Công tác chỉ đạo, điều hành", bold=True),
              Para("a) Công tác tuyên truyền được duy trì."),
              Para("2. Cải cách thủ tục hành chính", bold=True),
              Para("- Về chỉ đạo, điều hành: đã ban hành kế hoạch.")]
    texts = section_texts(split_sections(blocks))
    assert list(texts) == ["1", "2"]
    assert "tuyên truyền" in texts["1"]
    assert "đã ban hành kế hoạch" in texts["2"]


def test_heading_with_its_text_after_a_colon():
    texts = section_texts(split_sections([Para("9. Đề xuất, kiến nghị: Không có.")]))
    assert texts == {"9": "Không có."}


@pytest.mark.parametrize("path, key", [
    ("STT", "stt"),
    ("Lĩnh vực, công việc giải quyết theo cấp", "field"),
    ("Số hồ sơ nhận giải quyết / Tổng số", "received_total"),
    ("Số hồ sơ nhận giải quyết / Trong đó / Số mới tiếp nhận trực tuyến", "received_online"),
    ("Số hồ sơ nhận giải quyết / Trong đó / Qua dịch vụ BCCI", "received_postal"),
    ("Kết quả giải quyết / Số hồ sơ đã giải quyết / Tổng số", "resolved_total"),
    ("Kết quả giải quyết / Số hồ sơ đã giải quyết / Trả quá hạn", "resolved_late"),
    ("Kết quả giải quyết / Số hồ sơ đang giải quyết / Quá hạn", "pending_overdue"),
    ("Kết quả giải quyết / Số hồ sơ đang giải quyết / Chưa đến hạn", "pending_not_due"),
    ("Kết quả giải quyết / Yêu cầu bổ sung", "supplement_requested"),
    ("Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", "postal_results"),
])
def test_column_keys_from_header_paths(path, key):
    assert column_key(path) == key


def test_header_as_paragraphs():
    blocks = [Para("UBND TỈNH BẮC GIANG"), Para("SỞ NỘI VỤ"), Para("Số: 57/BC-SNV"),
              Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Para("Độc lập - Tự do - Hạnh phúc"),
              Para("Bắc Giang, ngày 03 tháng 11 năm 2023"), Para("BÁO CÁO", bold=True)]
    assert read_header(blocks) == {"unit": "SỞ NỘI VỤ", "number": "57/BC-SNV",
                                   "date": "2023-11-03", "place": "Bắc Giang"}


def test_header_as_table_with_two_line_unit():
    blocks = [Table([["ỦY BAN NHÂN DÂN\nHUYỆN YÊN DŨNG\nSố: 211/BC-UBND",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Yên Dũng, ngày 5 tháng 6 năm 2023"]]), Para("BÁO CÁO")]
    assert read_header(blocks) == {"unit": "ỦY BAN NHÂN DÂN HUYỆN YÊN DŨNG",
                                   "number": "211/BC-UBND",
                                   "date": "2023-06-05", "place": "Yên Dũng"}


def test_header_as_ocr_reads_it_under_a_stamp_and_with_columns_run_together():
    blocks = [Para("JY BẠN NHÂN DÂN TỈNH BẮC GIANG — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                   "SỞ TƯ PHÁP Sã: 104/BC-STP"), Para("Độc lập - Tự do - Hạnh phúc"),
              Para("l Bắc Giang, ngày 12 tháng 5 năm 2023"), Para("BÁO CÁO")]
    assert read_header(blocks) == {"unit": "SỞ TƯ PHÁP", "number": "104/BC-STP",
                                   "date": "2023-05-12", "place": "Bắc Giang"}
    blocks = [Para("UBND XÃ NGỌC THIỆN"), Para("“`” §ã: 309 /BC-UBND"),
              Para("Ngày: 7/5/2023"), Para("Ngọc Thiện, ngày 26 tháng 9 năm 2023")]
    assert read_header(blocks)["number"] == "309/BC-UBND"


def test_district_level_from_unit_name():
    assert is_district("UBND HUYỆN YÊN DŨNG")
    assert is_district("Ủy ban nhân dân thành phố Bắc Giang")
    assert not is_district("SỞ XÂY DỰNG")


def test_period_in_words_or_digits():
    assert find_period([Para("(Từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 5 năm 2023)")]) \
        == {"from": "2022-12-15", "to": "2023-05-14"}
    assert find_period([Para("Kỳ báo cáo: từ 15/12/2022 đến 14/5/2023")]) == {
        "from": "2022-12-15", "to": "2023-05-14"}


def test_formula_evaluator():
    cells = {(1, 1): 2, (1, 2): 3, (2, 1): None}
    get = lambda r, c: cells.get((r, c))  # noqa: E731
    assert evaluate("=SUM(A1:B1)", get) == 5
    assert evaluate('=IF(COUNT(A2)=0,"",SUM(A2))', get) == ""
    assert evaluate("=A1+B1*2", get) == 8
    assert evaluate("=ROUND(B1/A1*100,2)", get) == 150.0


def test_both_amounts_in_one_sentence():
    spans = split_sections([
        Para("5.5. Kết quả đầu tư cho chuyển đổi số", bold=True),
        Para("Kinh phí được giao năm 2023 là 1.500 triệu đồng, đã giải ngân 820,5 triệu đồng."),
    ])
    assert find_investment(spans) == {"budget_assigned_vnd": 1500000000,
                                      "spent_vnd": 820500000}


def test_indicator_table_with_a_result_column():
    from cchc.extractors.interpret.indicators import find_indicators

    spans = split_sections([
        Para("5.1. Phát triển chính quyền số", bold=True),
        Table([["TT", "Chỉ tiêu", "Kết quả"],
               ["1", "DVC trực tuyến toàn trình", "171/200"],
               ["2", "Hồ sơ công việc xử lý trên môi trường mạng", "95,5%"],
               ["3", "Thanh toán trực tuyến", "không phát sinh"]]),
    ])
    found = find_indicators(spans)
    assert found == {
        "full_process_dvc_ratio": {"value": None, "numerator": 171, "denominator": 200},
        "online_work_records_ratio": {"value": 95.5, "numerator": None, "denominator": None},
        "online_payment_ratio": {"value": None, "numerator": None, "denominator": None}}


def test_header_typed_with_tabs():
    blocks = [Para("UBND TỈNH BẮC GIANG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              Para("SỞ THÔNG TIN VÀ\t\tĐộc lập - Tự do - Hạnh phúc"),
              Para("TRUYỀN THÔNG"),
              Para("Số: 88 /BC-STTTT\t\tBắc Giang, ngày 12/5/2023"),
              Para("BÁO CÁO")]
    assert read_header(blocks) == {"unit": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                   "number": "88/BC-STTTT", "date": "2023-05-12",
                                   "place": "Bắc Giang"}


def test_chuyen_doi_so_heading_is_section_5():
    assert headings("1. Công tác chỉ đạo, điều hành", "5. Chuyển đổi số",
                    "a) Chính quyền số", "9. Kiến nghị") == ["1", "5", "5.1", "9"]


def test_deeper_numbering_cannot_open_a_top_level_section():
    blocks = [Para("1. Công tác chỉ đạo, điều hành", bold=True),
              Para("a) Việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
                   bold=True),
              Para("Đã thực hiện tốt."),
              Para("2. Cải cách thủ tục hành chính", bold=True),
              Para("Nội dung 2."),
              Para("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", bold=True),
              Para("Nội dung 8.")]
    texts = section_texts(split_sections(blocks))
    assert list(texts) == ["1", "2", "8"]
    assert "một cửa" in texts["1"]


def test_a_top_heading_mentioning_iso_stays_top():
    assert headings("1. Công tác chỉ đạo, điều hành CCHC, ISO và chuyển đổi số",
                    "2. Cải cách thủ tục hành chính") == ["1", "2"]


def test_a_typical_department_report_layout():
    """I. results (1.–7.), II. general assessment with 1./2. inside, III. proposals."""
    lines = [
        ("Thực hiện Kế hoạch số 45/KH-UBND ngày 20/3/2023, Sở Tài chính báo cáo như sau:", 0),
        ("I. KẾT QUẢ THỰC HIỆN", 1), ("1. Công tác chỉ đạo, điều hành", 1), ("Nội dung 1.", 0),
        ("2. Cải cách thủ tục hành chính", 1), ("a) Kiểm soát TTHC", 1), ("Nội dung 2a.", 0),
        ("b) Thực hiện cơ chế một cửa, một cửa liên thông", 1), ("Nội dung 2b.", 0),
        ("3. Cải cách tổ chức bộ máy", 1), ("Nội dung 3.", 0),
        ("4. Cải cách chế độ công vụ", 1), ("Nội dung 4.", 0),
        ("5. Xây dựng và phát triển chính quyền điện tử, chính quyền số", 1),
        ("5.1. Phát triển chính quyền số", 1), ("Nội dung 5.1.", 0),
        ("5.5. Kết quả đầu tư cho chuyển đổi số", 1), ("Nội dung 5.5.", 0),
        ("5.6. Việc áp dụng ISO", 1), ("Nội dung 5.6.", 0),
        ("6. Kết quả thực hiện các nhiệm vụ khác", 1), ("Nội dung 6.", 0),
        ("7. Việc khắc phục tồn tại, hạn chế sau kiểm tra năm 2022", 1), ("Nội dung 7.", 0),
        ("II. ĐÁNH GIÁ CHUNG", 1), ("1. Ưu điểm", 1), ("Nội dung 8a.", 0),
        ("2. Tồn tại, hạn chế", 1), ("Nội dung 8b.", 0),
        ("III. ĐỀ XUẤT, KIẾN NGHỊ", 1), ("Nội dung 9.", 0),
        ("Trên đây là báo cáo tự kiểm tra của Sở Tài chính./.", 0),
    ]
    texts = section_texts(split_sections([Para(t, bold=bool(b)) for t, b in lines]))
    assert list(texts) == ["1", "2", "3", "4", "5", "5.1", "5.5", "5.6", "6", "7", "8", "9"]
    assert "Nội dung 2a." in texts["2"] and "Nội dung 2b." in texts["2"]
    assert "Nội dung 8a." in texts["8"] and "Nội dung 8b." in texts["8"]
    assert texts["9"].startswith("Nội dung 9.")


@pytest.mark.parametrize("text, want", [
    ("Tỷ lệ DVC trực tuyến phát sinh hồ sơ: 85%", "dvc_online_generating_ratio"),
    ("Tỷ lệ hồ sơ giải quyết trực tuyến đạt 45,2%", "records_fully_online_ratio"),
    ("Tỷ lệ cấp kết quả điện tử: 95%", "electronic_result_ratio"),
    ("100% báo cáo định kỳ được thực hiện trên Hệ thống thông tin báo cáo của tỉnh",
     "reporting_system_ratio"),
    ("Có 2/3 hệ thống thông tin được phê duyệt cấp độ an toàn", "infosec_level_approved_ratio"),
    ("Tỷ lệ văn bản đi được ký số và gửi nhận trên môi trường điện tử đạt 98%",
     "electronic_documents_ratio"),
    ("Tỷ lệ thuê bao di động là điện thoại thông minh: 82,3%", "smartphone_ratio"),
])
def test_match_other_wordings(text, want):
    assert match(text) == want


def test_scanned_pages_inside_a_text_pdf_are_warned():
    from cchc.extractors.model import Document
    from cchc.extractors.record import interpret

    doc = Document(format="pdf", meta={"pages_without_text": [3, 4]},
                   blocks=[Para("1. Công tác chỉ đạo, điều hành", bold=True), Para("Nội dung.")])
    record = interpret(doc, source={"file": "x.pdf", "format": "pdf"})
    scans = [w for w in record["warnings"] if w["code"] == "source.pages_without_text"]
    assert len(scans) == 1 and "Trang 3, 4" in scans[0]["message"]


def test_missing_sections_and_indicators_are_warned():
    from cchc.extractors.interpret.checks import outline_warnings

    sections = {k: "x" for k in ("1", "2", "3", "4", "5.1", "5.2", "6", "7", "8", "9")}
    got = {w["where"] for w in outline_warnings(sections, {}, district=False)}
    assert {"sections.5.3", "sections.5.4", "sections.5.5", "sections.5.6"} <= got
    assert "sections.5" not in got  # its subsections are there
    assert "indicators.full_process_dvc_ratio" in got
    assert "indicators.smartphone_ratio" not in got  # district reports only
    district = {w["where"] for w in outline_warnings(sections, {}, district=True)}
    assert "indicators.smartphone_ratio" in district


def test_title_and_subtitle_are_not_sections():
    from cchc.extractors.interpret.sections import body_start

    blocks = [Para("BÁO CÁO", bold=True),
              Para("KẾT QUẢ TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ"),
              Para("(Kèm theo Kế hoạch số 33/KH-UBND)"),
              Para("Kính gửi: Sở Nội vụ"),
              Para("1. Công tác chỉ đạo, điều hành", bold=True)]
    assert body_start(blocks) == 4


def test_without_a_title_the_header_is_still_skipped():
    from cchc.extractors.interpret.sections import body_start

    blocks = [Para("UBND TỈNH BẮC GIANG"), Para("SỞ KẾ HOẠCH VÀ ĐẦU TƯ"),
              Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Para("Số: 12/BC-SKHĐT"),
              Para("Bắc Giang, ngày 10 tháng 5 năm 2023"),
              Para("1. Công tác chỉ đạo, điều hành", bold=True)]
    assert body_start(blocks) == 5


def test_stats_table_rows_total_and_template_rows():
    from cchc.extractors.interpret.stats_table import find_stats

    head1 = ["STT", "Lĩnh vực"] + ["Số hồ sơ nhận giải quyết"] * 5 + \
        ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3 + \
        ["Yêu cầu bổ sung", "Trả lại", "Trả kết quả qua dịch vụ bưu chính công ích"]
    head2 = ["STT", "Lĩnh vực", "Tổng số", "Trực tuyến", "Kỳ trước chuyển qua", "Trực tiếp",
             "Qua BCCI", "Tổng số", "Đúng hạn", "Quá hạn", "Tổng số", "Chưa đến hạn",
             "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
             "Trả kết quả qua dịch vụ bưu chính công ích"]
    data = ["1", "Đất đai", "1.200", "1.000", "50", "140", "10", "1.100", "1.090", "10",
            "100", "95", "5", "", "-", "300"]
    template = ["2", "……………"] + [""] * 14
    total = ["Tổng cộng", "Tổng cộng", "1.200", "1.000", "50", "140", "10", "1.100", "1.090",
             "10", "100", "95", "5", "", "", "300"]
    stats, period = find_stats([Para("Từ ngày 01/01/2023 đến ngày 30/6/2023"),
                                Table([head1, head2, data, template, total])])
    assert period == {"from": "2023-01-01", "to": "2023-06-30"}
    assert stats["rows"] == [{
        "stt": 1, "field": "Đất đai", "received_total": 1200, "received_online": 1000,
        "carried_over": 50, "received_direct": 140, "received_postal": 10,
        "resolved_total": 1100, "resolved_on_time": 1090, "resolved_late": 10,
        "pending_total": 100, "pending_not_due": 95, "pending_overdue": 5,
        "supplement_requested": 0, "returned": 0, "postal_results": 300}]  # blank, "-": 0
    assert stats["total"]["received_total"] == 1200
    assert "stt" not in stats["total"] and "field" not in stats["total"]


def test_a_sentence_starting_with_ve_is_body_text():
    blocks = [Para("1. Công tác chỉ đạo, điều hành", bold=True),
              Para("Về cải cách TTHC, Sở đã chỉ đạo các phòng rà soát quy trình nội bộ."),
              Para("Về cải cách thủ tục hành chính"),
              Para("Nội dung 2.")]
    texts = section_texts(split_sections(blocks))
    assert list(texts) == ["1", "2"]
    assert "rà soát quy trình" in texts["1"]


def test_header_in_ordinary_case_with_a_blank_day():
    blocks = [Table([["UBND tỉnh Bắc Giang\nSở Tư pháp\nSố: 57/BC-STP",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Bắc Giang, ngày      tháng 5 năm 2023"]]), Para("BÁO CÁO")]
    assert read_header(blocks) == {"unit": "Sở Tư pháp", "number": "57/BC-STP",
                                   "date": None, "place": "Bắc Giang"}


def test_indicator_table_without_its_header_row_is_read_by_what_its_columns_hold():
    from cchc.extractors.interpret.indicators import _table_candidates

    table = Table([["1", "Tỷ lệ DVC trực tuyến phát sinh hồ sơ trực tuyến", "75/160", "_ 46,88"],
                   ["2", "Tỷ lệ thanh toán trực tuyến", "1.184/1.544 _——", "76,68"],
                   ["3", "Tỷ lệ hồ sơ cấp kết quả điện tử", "—", "TS. — 66,30"]])
    got = list(_table_candidates(table))
    assert got[0] == ("1 Tỷ lệ DVC trực tuyến phát sinh hồ sơ trực tuyến",
                      {"value": 46.88, "numerator": 75, "denominator": 160}, 0)
    assert got[1][1] == {"value": 76.68, "numerator": 1184, "denominator": 1544}
    assert got[2][1]["value"] == 66.3
    # a table of other things gets no value columns: its rows stay text
    other = Table([["1", "Sở Nội vụ", "Trưởng đoàn"], ["2", "Sở Tư pháp", "Thành viên"]])
    assert all(value is None for _label, value, _row in _table_candidates(other))


def _scanned(text: str) -> Para:
    """A line as OCR gives it: no style, a confidence."""
    return Para(text, conf=90.0)


def test_a_scanned_heading_wrapped_onto_a_second_line_is_one_heading():
    blocks = [_scanned("5. Xây dựng chính quyền điện tử, chính quyền số"),
              _scanned("5.5. Kết quả đầu tư cho chuyển đổi số"),
              _scanned("+ Dự toán giao cho chuyển đổi số năm 2023 là 1.300.000.000 đồng."),
              _scanned("5.6. Xây dựng, áp dụng, duy trì Hệ thống quản lý chất"),
              _scanned("lượng ISO 9001"),
              _scanned("+ Thực hiện đánh giá nội bộ theo quy định.")]
    texts = section_texts(split_sections(blocks))
    assert "đánh giá nội bộ" in texts["5.6"] and "đánh giá nội bộ" not in texts["5.5"]
    # a sentence's own second line, in lower case, stays where it is
    body = [_scanned("1. Công tác chỉ đạo, điều hành"),
            _scanned("+ Ban hành kế hoạch, phân công nhiệm vụ cụ thể cho các phòng"),
            _scanned("chuyên môn trực thuộc.")]
    assert section_texts(split_sections(body))["1"].endswith("chuyên môn trực thuộc.")


def test_a_scanned_heading_whose_number_ocr_lost_is_still_a_heading():
    blocks = [_scanned("6. Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác"),
              _scanned("+ Các nhiệm vụ còn lại đang triển khai đảm bảo tiến độ."),
              _scanned("?. Kiểm tra việc khắc phục tồn tại, kiến nghị của đợt kiểm tra trước"),
              _scanned("+ Đã khắc phục 8/27 tồn tại.")]
    texts = section_texts(split_sections(blocks))
    assert texts["7"] == "+ Đã khắc phục 8/27 tồn tại."
    typed = [Para("6. Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác", bold=True),
             Para("?. Kiểm tra việc khắc phục tồn tại, kiến nghị của đợt kiểm tra trước")]
    assert "7" not in section_texts(split_sections(typed))  # typed: a mark is no number


def test_a_money_sentence_in_5_5_whose_number_is_unreadable_is_flagged(tmp_path):
    import docx

    from cchc.extractors import extract_file

    doc = docx.Document()
    for text, bold in (("SỞ XÂY DỰNG", True), ("Số: 12/BC-SXD", False),
                       ("Bắc Giang, ngày 5 tháng 10 năm 2023", False), ("BÁO CÁO", True),
                       ("5. Xây dựng chính quyền điện tử, chính quyền số", True),
                       ("5.5. Kết quả đầu tư cho chuyển đổi số", True),
                       ("Dự toán giao cho chuyển đổi số năm 2023 là 1.300.00a nan đồng.", False),
                       ("Kinh phí đã chi cho chuyển đổi số: 904.000.000 đồng.", False)):
        doc.add_paragraph().add_run(text).bold = bold
    doc.save(tmp_path / "r.docx")
    record = extract_file(tmp_path / "r.docx")
    assert record["investment"] == {"budget_assigned_vnd": None, "spent_vnd": 904_000_000}
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "extract.uncertain"}
    assert "investment.budget_assigned_vnd" in flagged
    assert "investment.spent_vnd" not in flagged


def test_a_parent_whose_ubnd_ocr_garbled_is_still_the_parent():
    from cchc.extractors.interpret.header import garbled_name

    lines = [_scanned(":*ĐBND HUYỆN TÂN YÊN"), _scanned("UBND XÃ NGỌC THIỆN"),
             _scanned("Số: 12/BC-UBND"), _scanned("Ngọc Thiện, ngày 5 tháng 10 năm 2023")]
    assert read_header(lines)["unit"] == "UBND XÃ NGỌC THIỆN"
    # the unit itself garbled the same way is kept as read, and said to be doubtful
    lines[1] = _scanned("UBNI) XÃ NGỌC THIỆN")
    assert read_header(lines)["unit"] == "UBNI) XÃ NGỌC THIỆN"
    assert garbled_name("UBNI) XÃ NGỌC THIỆN") == "UBNI)"
    assert garbled_name("Sở Nội vụ (Ban Thi đua - Khen thưởng)") is None
    assert garbled_name("UBND XÃ NGỌC THIỆN") is None


def test_a_standards_colon_does_not_end_a_heading():
    texts = section_texts(split_sections([
        Para("5.6. Duy trì Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", bold=True),
        Para("Đã đánh giá nội bộ.")]))
    assert texts == {"5.6": "Đã đánh giá nội bộ."}


def test_a_scanned_unit_name_with_a_glued_mark_is_flagged():
    from cchc.extractors.model import Document
    from cchc.extractors.record import interpret

    blocks = [_scanned("UBND HUYỆN TÂN YÊN"), _scanned("UBNI) XÃ NGỌC THIỆN"),
              _scanned("Số: 12/BC-UBND"), _scanned("Ngọc Thiện, ngày 5 tháng 10 năm 2023"),
              _scanned("BÁO CÁO"), _scanned("1. Công tác chỉ đạo, điều hành"),
              _scanned("Ban hành kế hoạch CCHC năm 2023."),
              _scanned("2. Cải cách thủ tục hành chính"), _scanned("Công khai đủ TTHC.")]

    def flags(ocr: bool) -> list[str]:
        doc = Document(format="pdf", blocks=list(blocks),
                       meta={"ocr": {"engine": "tesseract"}} if ocr else {})
        record = interpret(doc, source={"file": "quet.pdf", "format": "pdf"})
        return [w["code"] for w in record["warnings"] if w["where"] == "unit.name"]

    assert flags(True) == ["ocr.low_confidence"]
    assert flags(False) == []  # typed: the text is what the unit wrote


def test_a_scanned_outline_title_whose_number_ocr_read_as_a_letter_opens_its_section():
    blocks = [_scanned("5. Xây dựng chính quyền điện tử, chính quyền số"),
              _scanned("5.5. Kết quả đầu tư cho chuyển đổi số"),
              _scanned("Năm 2023 không được giao dự toán riêng."),
              _scanned("Ð Việc xây đựng, áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO"),
              _scanned("+ Duy trì, cải tiến Hệ thống quản lý chất lượng.")]
    texts = section_texts(split_sections(blocks))
    assert texts["5.6"] == "+ Duy trì, cải tiến Hệ thống quản lý chất lượng."
    # typed, or not the outline's words: body
    assert "5.6" not in section_texts(split_sections(
        blocks[:3] + [Para(blocks[3].text), blocks[4]]))
    assert "5.6" not in section_texts(split_sections(
        blocks[:3] + [_scanned("Ð Việc xây dựng nhà văn hóa"), blocks[4]]))
