"""The record contract's fixed names (shared/spec/report-record.md).

Generator, extractors, archive and summaries all speak of indicators and table
columns by these ids; keeping them in one module stops the names drifting apart.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1

# The outline's section titles (the seed's wording, shortened), keyed like records.
OUTLINE_TITLES = {
    "1": "Công tác chỉ đạo, điều hành",
    "2": "Cải cách thủ tục hành chính",
    "3": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "4": "Cải cách chế độ công vụ",
    "5": "Xây dựng và phát triển Chính quyền điện tử, chính quyền số",
    "5.1": "Phát triển chính quyền số",
    "5.2": "Phát triển kinh tế số",
    "5.3": "Phát triển xã hội số",
    "5.4": "An toàn, an ninh mạng",
    "5.5": "Kết quả đầu tư cho chuyển đổi số",
    "5.6": "Việc xây dựng, áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO",
    "6": "Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác",
    "7": "Kiểm tra việc khắc phục những tồn tại, kiến nghị của đợt kiểm tra trước",
    "8": "Đánh giá ưu điểm, tồn tại, hạn chế",
    "9": "Đề xuất, kiến nghị",
}

OUTLINE_KEYS = ("1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6",
                "6", "7", "8", "9")


@dataclass(frozen=True)
class Indicator:
    id: str
    section: str
    label: str
    district_only: bool = False


INDICATORS: tuple[Indicator, ...] = (
    Indicator("dvc_online_generating_ratio", "5.1",
              "Số dịch vụ công trực tuyến phát sinh hồ sơ trực tuyến"),
    Indicator("records_fully_online_ratio", "5.1",
              "Số hồ sơ được xử lý hoàn toàn dưới dạng trực tuyến"),
    Indicator("full_process_dvc_ratio", "5.1", "Số dịch vụ công trực tuyến toàn trình"),
    Indicator("online_payment_ratio", "5.1", "Số giao dịch thanh toán trực tuyến"),
    Indicator("electronic_result_ratio", "5.1", "Tỷ lệ hồ sơ cấp kết quả điện tử"),
    Indicator("digitized_result_ratio", "5.1", "Tỷ lệ TTHC số hoá kết quả giải quyết"),
    Indicator("document_reuse_ratio", "5.1", "Tỷ lệ khai thác sử dụng lại tài liệu"),
    Indicator("electronic_documents_ratio", "5.1",
              "Tỷ lệ văn bản trao đổi giữa các CQNN dưới dạng điện tử"),
    Indicator("online_work_records_ratio", "5.1",
              "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"),
    Indicator("reporting_system_ratio", "5.1",
              "Số báo cáo thực hiện trên hệ thống thông tin báo cáo"),
    Indicator("digital_inspection_ratio", "5.1",
              "Số hoạt động kiểm tra hành chính thông qua môi trường số"),
    Indicator("commune_portal_ratio", "5.1", "Số UBND cấp xã xây dựng Cổng TTĐT thành phần",
              district_only=True),
    Indicator("digital_skills_training_ratio", "5.1",
              "Số CBCCVC được tập huấn, phổ cập kỹ năng số cơ bản"),
    Indicator("ecommerce_retail_share", "5.2", "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ",
              district_only=True),
    Indicator("e_invoice_ratio", "5.2", "Tỉ lệ doanh nghiệp áp dụng hóa đơn điện tử",
              district_only=True),
    Indicator("ocop_ecommerce_ratio", "5.2", "Tỉ lệ sản phẩm OCOP tham gia sàn TMĐT",
              district_only=True),
    Indicator("smartphone_ratio", "5.3", "Tỷ lệ thuê bao di động sử dụng điện thoại thông minh",
              district_only=True),
    Indicator("fiber_household_ratio", "5.3", "Tỷ lệ hộ gia đình có Internet cáp quang",
              district_only=True),
    Indicator("eid_adult_ratio", "5.3", "Tỷ lệ dân số trưởng thành có định danh điện tử",
              district_only=True),
    Indicator("infosec_level_approved_ratio", "5.4",
              "Số HTTT hoàn thành phê duyệt cấp độ an toàn"),
    Indicator("infosec_compliant_ratio", "5.4",
              "Số HTTT đáp ứng yêu cầu bảo vệ an toàn thông tin theo cấp độ"),
)

INDICATOR_IDS = tuple(i.id for i in INDICATORS)
INVESTMENT_KEYS = ("budget_assigned_vnd", "spent_vnd")


@dataclass(frozen=True)
class StatsColumn:
    number: int
    key: str
    header: str


STATS_COLUMNS: tuple[StatsColumn, ...] = (
    StatsColumn(1, "stt", "STT"),
    StatsColumn(2, "field", "Lĩnh vực, công việc giải quyết theo cấp"),
    StatsColumn(3, "received_total", "Tổng số"),
    StatsColumn(4, "received_online", "Số mới tiếp nhận trực tuyến"),
    StatsColumn(5, "carried_over", "Số kỳ trước chuyển qua"),
    StatsColumn(6, "received_direct", "Tiếp nhận trực tiếp"),
    StatsColumn(7, "received_postal", "Qua dịch vụ BCCI"),
    StatsColumn(8, "resolved_total", "Tổng số"),
    StatsColumn(9, "resolved_on_time", "Trả đúng thời hạn"),
    StatsColumn(10, "resolved_late", "Trả quá hạn"),
    StatsColumn(11, "pending_total", "Tổng số"),
    StatsColumn(12, "pending_not_due", "Chưa đến hạn"),
    StatsColumn(13, "pending_overdue", "Quá hạn"),
    StatsColumn(14, "supplement_requested", "Yêu cầu bổ sung"),
    StatsColumn(15, "returned", "Trả lại"),
    StatsColumn(16, "postal_results",
                "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"),
)

STATS_KEYS = tuple(c.key for c in STATS_COLUMNS)
COUNT_KEYS = STATS_KEYS[2:]

# Sums the form defines: the total column equals the sum of its parts.
STATS_SUMS: dict[str, tuple[str, ...]] = {
    "received_total": ("received_online", "carried_over", "received_direct", "received_postal"),
    "resolved_total": ("resolved_on_time", "resolved_late"),
    "pending_total": ("pending_not_due", "pending_overdue"),
}


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the form's header; rows and columns count from 1."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


# The three header rows of the seed's form, then the "(1) … (16)" numbering row.
STATS_HEADER: tuple[HeaderCell, ...] = (
    HeaderCell(1, 1, "STT", rowspan=3),
    HeaderCell(1, 2, "Lĩnh vực, công việc giải quyết theo cấp", rowspan=3),
    HeaderCell(1, 3, "Số hồ sơ nhận giải quyết", colspan=5),
    HeaderCell(1, 8, "Kết quả giải quyết", colspan=8),
    HeaderCell(1, 16, "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", rowspan=3),
    HeaderCell(2, 3, "Tổng số", rowspan=2),
    HeaderCell(2, 4, "Trong đó", colspan=4),
    HeaderCell(2, 8, "Số hồ sơ đã giải quyết", colspan=3),
    HeaderCell(2, 11, "Số hồ sơ đang giải quyết", colspan=3),
    HeaderCell(2, 14, "Yêu cầu bổ sung", rowspan=2),
    HeaderCell(2, 15, "Trả lại", rowspan=2),
    HeaderCell(3, 4, "Số mới tiếp nhận trực tuyến"),
    HeaderCell(3, 5, "Số kỳ trước chuyển qua"),
    HeaderCell(3, 6, "Tiếp nhận trực tiếp"),
    HeaderCell(3, 7, "Qua dịch vụ BCCI"),
    HeaderCell(3, 8, "Tổng số"),
    HeaderCell(3, 9, "Trả đúng thời hạn"),
    HeaderCell(3, 10, "Trả quá hạn"),
    HeaderCell(3, 11, "Tổng số"),
    HeaderCell(3, 12, "Chưa đến hạn"),
    HeaderCell(3, 13, "Quá hạn"),
) + tuple(HeaderCell(4, n, f"({n})") for n in range(1, 17))

STATS_HEADER_ROWS = 4
STATS_TITLE = "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
TOTAL_LABEL = "Tổng số"

# Where a recommendation stands in the follow-up, and how every document and page
# says it ("overdue" is computed from the deadline, never set by hand).
RECOMMENDATION_STATUS_LABELS = {"open": "chưa khắc phục", "remedied": "đã khắc phục",
                                "overdue": "quá hạn, chưa khắc phục"}
RECOMMENDATION_STATUSES = tuple(RECOMMENDATION_STATUS_LABELS)
