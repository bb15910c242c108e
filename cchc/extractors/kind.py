"""Is this file a unit's self-report on the inspection? Decided by positive evidence.

A decree, a decision, a letter (công văn), a petition, minutes, a plan, a contract,
a CV, a form or a bid dossier can share words with the outline ("cải cách hành
chính", "chỉ đạo, điều hành"), so the absence of a few words proves nothing. A file
is taken for a report when it shows what a report is: its title says so ("BÁO CÁO",
or the form "THỐNG KÊ …") or it has none, and it answers the outline — sections with
written content, a statistics table with figures, or indicators with values. An
empty outline template has the headings but nothing under them; a document of
another kind says what it is in its title. Either is refused with a reason.
"""

from __future__ import annotations

import re

from cchc.core.errors import CchcError
from cchc.core.vn import clean

from .model import Para
from .text import is_upper, norm


class NotAReport(CchcError):
    """The file was read but is not a unit report: refused, never a record."""


# Title word (folded) → what the file is, as the refusal names it.
OTHER_KINDS = {
    " nghi dinh ": "một nghị định", " quyet dinh ": "một quyết định",
    " thong tu ": "một thông tư", " nghi quyet ": "một nghị quyết", " chi thi ": "một chỉ thị",
    " bien ban ": "một biên bản", " ke hoach ": "một kế hoạch", " don ": "một lá đơn",
    " hop dong ": "một hợp đồng", " to khai ": "một tờ khai", " so yeu ly lich ": "một lý lịch",
    " ly lich ": "một lý lịch", " ho so moi thau ": "một hồ sơ mời thầu",
    " ho so yeu cau ": "một hồ sơ yêu cầu", " thong bao ": "một thông báo",
    " to trinh ": "một tờ trình", " giay moi ": "một giấy mời", " de cuong ": "một đề cương",
    " cong van ": "một công văn", " phieu ": "một phiếu", " mau ": "một biểu mẫu",
    " bang ke ": "một bảng kê", " danh sach ": "một danh sách",
}
REPORT_KINDS = (" bao cao ", " thong ke ", " bieu ")
TITLE_ZONE = 25
MIN_WORDS = 6  # a section that says something: six words, not a row of dots


def title_kind(blocks) -> str | None:
    """The folded title word of the first title line ("bao cao", "nghi dinh", …), or
    " cong van " for a letter ("V/v …" under its number), None when there is none."""
    for block in blocks[:TITLE_ZONE]:
        if not isinstance(block, Para):
            continue
        text = clean(block.text)
        if not text or len(text) > 80:
            continue
        if re.match(r"^\(?\s*V/v\b", text, re.IGNORECASE):
            return " cong van "
        if not is_upper(text):
            continue
        n = norm(text)
        if n.startswith((" cong hoa ", " doc lap ", " don vi ")):
            continue
        for word in (*REPORT_KINDS, *OTHER_KINDS):
            if n.startswith(word):
                return word
    return None


_BLANK = re.compile(r"…|\.{4,}|_{3,}")


def _says_something(text: str) -> bool:
    """A line of six words or more that is not the outline's own line with its blank
    left for the unit ("Tổng dự toán được giao …: ………")."""
    return any(len(re.findall(r"[^\W\d_]{2,}", line)) >= MIN_WORDS and not _BLANK.search(line)
               for line in text.split("\n"))


def refusal(blocks, sections: dict, stats: dict | None, indicators: dict,
            unread: bool = False) -> str | None:
    """Why the file is not taken for a unit report, or None when it is one.

    ``unread``: some pages could not be read (scans without OCR); what is missing may
    be there, so only a document of another kind is refused then."""
    figures = bool(stats) and any(
        any(v for k, v in row.items() if k not in ("stt", "field", "group") and v)
        for row in stats["rows"] + ([stats["total"]] if stats.get("total") else []))
    written = sum(1 for text in sections.values() if _says_something(text))
    values = sum(1 for v in indicators.values() if v.get("value") is not None
                 or v.get("numerator") is not None)
    kind = title_kind(blocks)
    if kind in OTHER_KINDS and not figures:
        return (f"tệp là {OTHER_KINDS[kind]}, không phải báo cáo của đơn vị theo Đề cương "
                f"kiểm tra; không được trích xuất")
    needed = 1 if kind in REPORT_KINDS else 2  # "BÁO CÁO" and one answered section will do
    if figures or written >= needed or values >= 2 or unread:
        return None
    if sections:
        return ("tệp có các đề mục của Đề cương kiểm tra nhưng không có nội dung hay số liệu "
                "nào được điền (mẫu đề cương để trống?); không được trích xuất như một báo cáo")
    return ("không tìm thấy mục nào của đề cương hay bảng thống kê có số liệu: tệp không phải "
            "báo cáo theo Đề cương kiểm tra")


__all__ = ["NotAReport", "refusal", "title_kind"]
