"""Each field of the review page with where its value came from, on the original's page.

The record's ``evidence`` (contract v1.2) names the block, page and box the extractor read
a value from, and how. Here it becomes what a reviewer needs: the page to scroll to, the
box to mark on that page's image, and one sentence saying where and how the value was read.
Where the reader knew no box (Word, Excel: pages exist only once LibreOffice lays them
out), the evidence's words are looked up in the rendered page's text runs.
"""

from __future__ import annotations

import re

from .preview import Pages

RULE_WORDS = {
    "header.unit": "phần đầu văn bản (tên cơ quan)",
    "header.number": "phần đầu văn bản (số, ký hiệu)",
    "header.date": "phần đầu văn bản (địa danh, ngày tháng)",
    "header.place": "phần đầu văn bản (địa danh, ngày tháng)",
    "section.heading": "đề mục của báo cáo",
    "indicator.phrase": "câu nêu chỉ tiêu",
    "indicator.outside_section": "câu nêu chỉ tiêu, nằm ngoài mục của chỉ tiêu",
    "investment.amount": "câu hoặc bảng nêu số tiền",
    "investment.summed_rows": "cộng các dòng của bảng (bảng không có dòng Tổng cộng)",
    "stats.form_columns": "bảng thống kê kết quả giải quyết TTHC",
    "stats.row": "bảng thống kê kết quả giải quyết TTHC",
}
TABLE_MARGIN = (0.03, 0.97)  # a row's mark spans the table when its box is not known


def source_of(evidence: dict, path: str) -> dict | None:
    """The evidence for a field's JSON path: its own, else its nearest ancestor's."""
    key = path[2:] if path.startswith("$.") else path
    while key:
        if key in evidence:
            return evidence[key]
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    return None


def place(entry: dict, pages: Pages, table: dict | None = None) -> tuple[int | None, list | None]:
    """(page, box) to show: the reader's own when it knew them, else found by the words."""
    page, box = entry.get("page"), entry.get("box")
    if box is None and pages.count:
        found = pages.locate(_key_words(entry), page)
        if found:
            page, box = found
            if entry.get("row") is not None:
                frame = (table or {}).get("box")
                left, right = (frame[0], frame[2]) if frame else TABLE_MARGIN
                box = [left, box[1], right, box[3]]
    return page, box


def describe(entry: dict, page: int | None) -> str:
    """One Vietnamese sentence: where the value was read and how surely."""
    where = [f"trang {page}"] if page else []
    rule = entry.get("rule", "")
    where.append(RULE_WORDS.get(rule, "nội dung báo cáo"))
    if rule == "stats.row" and entry.get("row") is not None:
        where[-1] += f", dòng thứ {entry['row'] + 1} của bảng"
    how = []
    if entry.get("match") == "fuzzy":
        how.append("nhận ra theo nghĩa gần đúng, cần đối chiếu")
    if entry.get("value") == "computed":
        how.append("tỷ lệ tính từ số đạt và tổng số")
    elif entry.get("value") == "printed":
        how.append("tỷ lệ ghi trong báo cáo")
    if entry.get("confidence") is not None:
        how.append(f"độ tin cậy nhận dạng chữ {round(entry['confidence'] * 100)}%")
    text = f"Nguồn: {', '.join(where)}"
    if entry.get("text"):
        text += f": «{entry['text']}»"
    return text + (f" ({'; '.join(how)})" if how else "")


def _key_words(entry: dict) -> str:
    """The words to look for on the page: a table row by its longest worded cell."""
    text = entry.get("text") or ""
    if entry.get("row") is not None and " | " in text:
        worded = [p for p in text.split(" | ") if re.search(r"[^\W\d_]{2}", p)]
        return max(worded, key=len) if worded else text
    return text


def annotate(fields, evidence: dict, pages: Pages) -> None:
    """Give each field ``page``, ``box`` ("x0,y0,x1,y1" fractions) and ``source``."""
    table = evidence.get("tthc_stats")
    for f in fields:
        entry = source_of(evidence, f.path)
        if entry is None:
            continue
        page, box = place(entry, pages, table)
        f.page = page
        f.box = ",".join(f"{v:.4f}" for v in box) if box else None
        f.source = describe(entry, page)
