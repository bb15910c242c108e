"""Hand-written ground truth for the corpus: what each generated report says.

The writer renders these facts in many styles; the expected record of every
file is derived from these facts alone (never from extractor output).
"""

from __future__ import annotations

from cchc.core.spec import OUTLINE_TITLES

# The outline's own bullet wording (seed, ĐỀ CƯƠNG KIỂM TRA 5.1–5.4), blank removed.
OUTLINE_LINES = {
    "dvc_online_generating_ratio": "Số dịch vụ công trực tuyến phát sinh hồ sơ trực tuyến/ tổng "
    "số dịch vụ công trực tuyến phát sinh hồ sơ (cả hồ sơ trực tuyến và không trực tuyến), "
    "đạt tỷ lệ",
    "records_fully_online_ratio": "Số hồ sơ được xử lý hoàn toàn dưới dạng trực tuyến/ tổng số "
    "hồ sơ giải quyết DVC trong năm (cả trực tuyến và không trực tuyến) của cơ quan, đạt tỉ lệ",
    "full_process_dvc_ratio": "Số dịch vụ công trực tuyến toàn trình đang cung cấp/ tổng số dịch "
    "vụ công trực tuyến đủ điều kiện lên dịch vụ công trực tuyến toàn trình theo quy định của "
    "pháp luật, đạt tỉ lệ",
    "online_payment_ratio": "Số giao dịch thanh toán trực tuyến trên cổng dịch vụ công quốc gia/ "
    "tổng số giao dịch thanh toán của cổng dịch vụ công, đạt tỉ lệ",
    "electronic_result_ratio": "Tỷ lệ hồ sơ cấp kết quả điện tử đạt",
    "digitized_result_ratio": "Tỷ lệ TTHC số hoá kết quả giải quyết đạt",
    "document_reuse_ratio": "Tỷ lệ khai thác sử dụng lại tài liệu đạt",
    "electronic_documents_ratio": "Tỷ lệ văn bản trao đổi giữa các CQNN dưới dạng điện tử đạt",
    "online_work_records_ratio": "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt",
    "reporting_system_ratio": "Số lượng báo cáo, chỉ tiêu tổng hợp báo cáo định kỳ và báo cáo "
    "thống kê về kinh tế - xã hội của cơ quan đã thực hiện trên hệ thống thông tin báo cáo của "
    "tỉnh/ tổng số báo cáo phải thực hiện trên hệ thống thông tin báo cáo theo quy định, "
    "đạt tỉ lệ",
    "digital_inspection_ratio": "Số hoạt động kiểm tra hành chính định kỳ của cơ quan quản lý nhà "
    "nước đối với đối tượng quản lý được thực hiện thông qua môi trường số/ tổng số hoạt động "
    "kiểm tra hành chính của cơ quan, đạt tỉ lệ",
    "commune_portal_ratio": "Số UBND xã, phường, thị trấn xây dựng Cổng TTĐT là cổng thành phần "
    "của Cổng Thông tin điện tử của UBND tỉnh/ tổng số UBND xã, phường, thị trấn, đạt tỉ lệ",
    "digital_skills_training_ratio": "Số cán bộ, công chức, viên chức được tập huấn, bồi dưỡng, "
    "phổ cập kỹ năng số cơ bản/ tổng số cán bộ công chức, viên chức của cơ quan, đạt tỉ lệ",
    "ecommerce_retail_share": "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ",
    "e_invoice_ratio": "Tỉ lệ các doanh nghiệp, hộ kinh doanh cá thể áp dụng hóa đơn điện tử; các "
    "doanh nghiệp đã thực hiện nộp thuế điện tử",
    "ocop_ecommerce_ratio": "Tỉ lệ sản phẩm xuất khẩu có thế mạnh, sản phẩm chủ lực, đặc trưng, "
    "sản phẩm OCOP của tỉnh tham gia các sàn thương mại điện tử lớn trong và ngoài nước",
    "smartphone_ratio": "Tỷ lệ thuê bao điện thoại di động sử dụng điện thoại thông minh",
    "fiber_household_ratio": "Tỷ lệ hộ gia đình có đường Internet cáp quang băng rộng đạt",
    "eid_adult_ratio": "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử",
    "infosec_level_approved_ratio": "Số hệ thống thông tin của cơ quan hoàn thành phê duyệt cấp "
    "độ an toàn hệ thống thông tin/ tổng số hệ thống thông tin của cơ quan",
    "infosec_compliant_ratio": "Số hệ thống thông tin của cơ quan nhà nước đáp ứng yêu cầu bảo vệ "
    "an toàn thông tin mạng theo cấp độ/ tổng số hệ thống thông tin đã phê duyệt hồ sơ cấp độ",
}

# Prose a unit might write instead of the bullet.
PROSE = {
    "dvc_online_generating_ratio": "Số DVC trực tuyến phát sinh hồ sơ trực tuyến",
    "records_fully_online_ratio": "Tỷ lệ hồ sơ được xử lý hoàn toàn trực tuyến",
    "full_process_dvc_ratio": "Số dịch vụ công trực tuyến toàn trình đang cung cấp",
    "online_payment_ratio": "Giao dịch thanh toán trực tuyến qua Cổng DVC quốc gia",
    "electronic_result_ratio": "Hồ sơ được cấp kết quả điện tử",
    "digitized_result_ratio": "Thủ tục hành chính được số hoá kết quả giải quyết",
    "document_reuse_ratio": "Việc khai thác, sử dụng lại tài liệu đã số hoá",
    "electronic_documents_ratio": "Văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử",
    "online_work_records_ratio": "Hồ sơ công việc được xử lý trên môi trường mạng",
    "reporting_system_ratio": "Báo cáo định kỳ thực hiện trên hệ thống thông tin báo cáo của tỉnh",
    "digital_inspection_ratio": "Hoạt động kiểm tra hành chính thực hiện qua môi trường số",
    "commune_portal_ratio": "UBND cấp xã đã có Cổng thông tin điện tử thành phần",
    "digital_skills_training_ratio": "Cán bộ, công chức được tập huấn kỹ năng số cơ bản",
    "ecommerce_retail_share": "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ",
    "e_invoice_ratio": "Doanh nghiệp, hộ kinh doanh áp dụng hóa đơn điện tử",
    "ocop_ecommerce_ratio": "Sản phẩm OCOP tham gia sàn thương mại điện tử",
    "smartphone_ratio": "Thuê bao di động sử dụng điện thoại thông minh",
    "fiber_household_ratio": "Hộ gia đình có Internet cáp quang băng rộng",
    "eid_adult_ratio": "Người trưởng thành có tài khoản định danh điện tử",
    "infosec_level_approved_ratio": "Hệ thống thông tin hoàn thành phê duyệt cấp độ an toàn",
    "infosec_compliant_ratio": "Hệ thống thông tin đáp ứng yêu cầu bảo vệ an toàn thông tin "
    "theo cấp độ",
}

# (numerator, denominator) per indicator; the percentage is written from them
# (rounded to 1 decimal) unless a variant writes only the counts.
COUNTS = {
    "dvc_online_generating_ratio": (171, 200),
    "records_fully_online_ratio": (113, 250),
    "full_process_dvc_ratio": (1234, 1500),
    "online_payment_ratio": (40, 80),
    "electronic_result_ratio": (95, 100),
    "digitized_result_ratio": (64, 80),
    "document_reuse_ratio": (30, 120),
    "electronic_documents_ratio": (2450, 2500),
    "online_work_records_ratio": (1880, 2000),
    "reporting_system_ratio": (18, 20),
    "digital_inspection_ratio": (3, 4),
    "commune_portal_ratio": (19, 21),
    "digital_skills_training_ratio": (57, 60),
    "ecommerce_retail_share": (7, 100),
    "e_invoice_ratio": (880, 1000),
    "ocop_ecommerce_ratio": (12, 30),
    "smartphone_ratio": (823, 1000),
    "fiber_household_ratio": (765, 1000),
    "eid_adult_ratio": (612, 1000),
    "infosec_level_approved_ratio": (2, 3),
    "infosec_compliant_ratio": (1, 2),
}

# The outline's wording; section 6 as the seed prints it, longer than the short title.
SECTION_TITLES = {**OUTLINE_TITLES, "6": "Đánh giá tình hình và kết quả thực hiện các nhiệm vụ "
                  "khác do Chủ tịch UBND tỉnh giao"}

SYNONYM_TITLES = {  # wording other units use
    "1": "Công tác lãnh đạo, chỉ đạo thực hiện",
    "2": "Kết quả cải cách TTHC",
    "3": "Sắp xếp tổ chức bộ máy",
    "4": "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, công vụ",
    "5": "Hiện đại hóa hành chính, xây dựng chính quyền điện tử",
    "5.1": "Chính quyền số",
    "5.2": "Kinh tế số",
    "5.3": "Xã hội số",
    "5.4": "Bảo đảm an toàn thông tin",
    "5.5": "Kinh phí đầu tư chuyển đổi số",
    "5.6": "Áp dụng ISO 9001",
    "6": "Các nhiệm vụ khác được giao",
    "7": "Khắc phục tồn tại sau kiểm tra năm trước",
    "8": "Khó khăn, vướng mắc và nguyên nhân",
    "9": "Kiến nghị, đề xuất",
}

# A distinctive sentence per section: found in its own section's text, no other.
SECTION_BODY = {
    key: f"Nội dung riêng của mục {key}: đơn vị đã triển khai đầy đủ nhiệm vụ số {n}."
    for n, key in enumerate(SECTION_TITLES, start=11)
}

STATS_ROWS = [
    # field, received_online, carried_over, received_direct, received_postal,
    # resolved_on_time, resolved_late, pending_not_due, pending_overdue,
    # supplement_requested, returned, postal_results
    ("Hoạt động xây dựng", 80, 10, 25, 5, 90, 3, 25, 2, 4, 1, 6),
    ("Quy hoạch - kiến trúc", 1200, 150, 300, 12, 1500, 40, 110, 12, 30, 2, 1100),
    ("Nhà ở và công sở", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
]


def stats_row(i: int, row: tuple) -> dict:
    field, on, carried, direct, postal, on_time, late, not_due, overdue, supp, ret, post = row
    return {"stt": i, "field": field,
            "received_total": on + carried + direct + postal, "received_online": on,
            "carried_over": carried, "received_direct": direct, "received_postal": postal,
            "resolved_total": on_time + late, "resolved_on_time": on_time,
            "resolved_late": late, "pending_total": not_due + overdue,
            "pending_not_due": not_due, "pending_overdue": overdue,
            "supplement_requested": supp, "returned": ret, "postal_results": post}


def stats_total(rows: list[dict]) -> dict:
    keys = [k for k in rows[0] if k not in ("stt", "field")]
    return {k: sum(r[k] for r in rows) for k in keys}
