"""The one registry of a record's warning codes and what staff call each.

Extractors, the archive and the service write warnings with these codes; the review
page shows their labels and marks the doubtful ones first. A code written anywhere
must be here (``tests/test_warning_codes.py`` reads the source for every one).
"""

from __future__ import annotations

WARNING_CODES: dict[str, str] = {
    "extract.uncertain": "Chưa chắc chắn",
    "extract.cover_letter": "Có công văn gửi kèm",
    "ocr.low_confidence": "Ảnh quét khó đọc",
    "ocr.used": "Đọc từ ảnh quét",
    "source.pages_without_text": "Trang chưa đọc được",
    "stats.sum_mismatch": "Tổng không khớp",
    "stats.total_mismatch": "Dòng tổng không khớp",
    "stats.unreadable_cell": "Ô không đọc được",
    "stats.table_missing": "Thiếu bảng thống kê",
    "stats.repeated_table": "Bảng lặp lại",
    "indicator.ratio_mismatch": "Tỷ lệ không khớp số liệu",
    "indicator.count_exceeds": "Số đạt vượt tổng số",
    "outline.section_missing": "Thiếu mục của đề cương",
    "outline.indicator_missing": "Thiếu chỉ tiêu",
    "doc.tables_unchecked": "Bảng chưa kiểm được",
    "unit.uncertain": "Đơn vị khớp gần đúng",
    "manual.correction": "Đã sửa tay",
    "annex.merged": "Đã ghép phụ lục",
    "annex.conflict": "Phụ lục ghi khác báo cáo",
    "thematic.area_mismatch": "Báo cáo chuyên đề ghi lĩnh vực khác",
}
# A value carrying one of these is doubtful: staff check it first.
DOUBTFUL = ("extract.uncertain", "ocr.low_confidence")


def label(code: str | None) -> str:
    return WARNING_CODES.get(code or "", "Cảnh báo")


def still_open(warnings: list[dict] | None) -> list[dict]:
    """The warnings a person still has to look at: a hand correction is no problem of
    the report, and it settles the warnings on the value it corrected (the counts on the
    dashboard and in the summary go down as staff correct, never up)."""
    warnings = [w for w in warnings or [] if isinstance(w, dict)]
    fixed = {w.get("where") for w in warnings if w.get("code") == "manual.correction"}
    return [w for w in warnings if w.get("code") != "manual.correction"
            and w.get("where") not in fixed]
