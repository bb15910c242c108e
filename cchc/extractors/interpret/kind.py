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
from cchc.extractors.model import Para, Table
from cchc.extractors.text import is_upper, norm


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
    " luat ": "một luật", " phap lenh ": "một pháp lệnh", " quy dinh ": "một quy định",
    " quy che ": "một quy chế", " huong dan ": "một văn bản hướng dẫn",
}
REPORT_KINDS = (" bao cao ", " thong ke ", " bieu ")
TITLE_ZONE = 25
MIN_WORDS = 6  # a section that says something: six words, not a row of dots
# Outline parts only this inspection asks about (TTHC, bộ máy, công vụ, CĐS/ISO, tasks,
# last findings); leadership (1), assessment (8) and proposals (9) every report has.
OWN_PARTS = {"2", "3", "4", "5", "6", "7"}
_LAW_NUMBER = re.compile(r"^(?:Luật|Pháp lệnh)\s+số\s*:?\s*\d", re.IGNORECASE)


def title_kind(blocks) -> str | None:
    """The folded title word of the first title line ("bao cao", "nghi dinh", …), or
    " cong van " for a letter ("V/v …" under its number), None when there is none."""
    for block in blocks[:TITLE_ZONE]:
        if isinstance(block, Table) and block.width <= 3 and any(
                _LAW_NUMBER.match(clean(line)) for row in block.rows for cell in row
                for line in cell.split("\n")):
            return " luat "  # the header table of a law: "QUỐC HỘI | Luật số: …"
        if not isinstance(block, Para):
            continue
        text = clean(block.text)
        if not text or len(text) > 80:
            continue
        if re.match(r"^\(?\s*V/v\b", text, re.IGNORECASE):
            return " cong van "
        if _LAW_NUMBER.match(text):  # "Luật số: 56/2010/QH12" is a law's number line
            return " luat "
        if not is_upper(text):
            continue
        n = norm(text)
        if n.startswith((" cong hoa ", " doc lap ", " don vi ")):
            continue
        for word in (*REPORT_KINDS, *OTHER_KINDS):
            if n.startswith(word):
                return word
    return None


# "Từ ngày … tháng … năm": a date left for the unit to fill in.
_BLANK = re.compile(r"…|\.{4,}|_{3,}|ngày\s+tháng\s+năm", re.IGNORECASE)


def _says_something(text: str) -> bool:
    """A line of six words or more that is not the outline's own line with its blank
    left for the unit ("Tổng dự toán được giao …: ………"), nor a title in capitals or
    the column headings of an empty form ("THỐNG KÊ KẾT QUẢ …", "STT | Lĩnh vực | …")."""
    return any(len(re.findall(r"[^\W\d_]{2,}", line)) >= MIN_WORDS and not _BLANK.search(line)
               and not _header_row(line) and not is_upper(line) for line in text.split("\n"))


def _header_row(line: str) -> bool:
    """A table row of words only ("STT | Lĩnh vực | Tổng số | …"): the column headings of
    a form, which an empty template has too. A row that reports something has a figure,
    a date or a document number in it."""
    return " | " in line and not re.search(r"\d", re.sub(r"\(\d+\)", "", line))


def refusal(blocks, sections: dict, stats: dict | None, indicators: dict,
            unread: bool = False, page_shapes=None) -> str | None:
    """Why the file is not taken for a unit report, or None when it is one.

    ``unread``: some pages could not be read (scans without OCR); what is missing may
    be there, so only a document of another kind is refused then. ``page_shapes``:
    (width, height, words) of each PDF page, to tell a slide deck."""
    figures = bool(stats) and any(
        any(v for k, v in row.items() if k not in ("stt", "field", "group") and v)
        for row in stats["rows"] + ([stats["total"]] if stats.get("total") else []))
    written = sum(1 for text in sections.values() if _says_something(text))
    values = sum(1 for v in indicators.values() if v.get("value") is not None
                 or v.get("numerator") is not None)
    kind = title_kind(blocks)
    own = any(key.split(".")[0] in OWN_PARTS and _says_something(text)
              for key, text in sections.items())
    other = _other_kind(blocks, kind, page_shapes, figures, values + 2 * own)
    if other:
        return (f"tệp là {other}, không phải báo cáo của đơn vị theo Đề cương kiểm tra; "
                f"không được trích xuất")
    needed = 1 if kind in REPORT_KINDS else 2  # "BÁO CÁO" and one answered section will do
    if figures or written >= needed or values >= 2 or unread:
        return None
    if sections:
        return ("tệp có các đề mục của Đề cương kiểm tra nhưng không có nội dung hay số liệu "
                "nào được điền (mẫu đề cương để trống?); không được trích xuất như một báo cáo")
    return ("không tìm thấy mục nào của đề cương hay bảng thống kê có số liệu: tệp không phải "
            "báo cáo theo Đề cương kiểm tra")


def _other_kind(blocks, kind, page_shapes, figures: bool, answers: int) -> str | None:
    """What the file is when it shows it is no unit report: its title says another kind,
    its pages are slides, it is issued with a decision, or it reports on another subject.
    Figures in a statistics table outweigh a title (a form titled "Biểu …"); a title on
    another subject is believed only when the body answers none of the inspection's own
    parts (``answers``: indicator values, 2 for a written section 2–7)."""
    deck = _slide_deck(page_shapes)
    if deck or figures:
        return deck
    annex = _annexed_to(blocks)
    if annex:
        return f"{OTHER_KINDS.get(kind, 'một văn bản')} {annex}"
    if kind in OTHER_KINDS:
        return OTHER_KINDS[kind]
    return _other_subject(blocks) if kind in REPORT_KINDS and answers < 2 else None


# A deck's pages: landscape, a heading and a few bullets each. A report's page, even a
# landscape statistics page, holds hundreds of words and figures.
SLIDE_PAGES = 3
SLIDE_WORDS = 80


def _slide_deck(page_shapes) -> str | None:
    if not page_shapes or len(page_shapes) < SLIDE_PAGES:
        return None
    words = sorted(w for _, _, w in page_shapes)
    if all(w > 1.15 * h for w, h, _ in page_shapes) and words[len(words) // 2] < SLIDE_WORDS:
        return "một bài trình chiếu (slide) xuất ra PDF"
    return None


_ANNEX = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\s+((?:Quyết định|Nghị định|"
                    r"Thông tư|Nghị quyết|Chỉ thị)\s+số\s*[^\s,;)]*)", re.IGNORECASE)


def _annexed_to(blocks) -> str | None:
    """A Quy định, Quy chế or Điều lệ "(Ban hành kèm theo Quyết định số …)": the annex
    of a decision, with no number or date of its own. A report's own annex says
    "Kèm theo Báo cáo số …" and stays a report."""
    for block in blocks[:TITLE_ZONE]:
        if isinstance(block, Para):
            m = _ANNEX.match(clean(block.text))
            if m:
                return f"ban hành kèm theo {clean(m.group(1))}"
    return None


# The inspection's subjects as a report's title names them (folded).
SUBJECT_WORDS = (" cai cach hanh chinh ", " cchc ", " iso ", " chuyen doi so ", " cds ",
                 " chinh quyen dien tu ", " chinh quyen so ", " thu tuc hanh chinh ", " tthc ",
                 " mot cua ", " tu kiem tra ", " de cuong ")
# Syllables (folded) every report title uses whatever its subject; what is left names it.
_GENERIC = set("ket qua cong tac nam tinh hinh thuc hien nhiem vu theo ke hoach so cua va ve "
               "tai don vi co quan thang dau cuoi quy sau trong ky bao cao tom tat tu kiem tra "
               "giai doan den ngay danh gia phuong huong trien khai chu yeu nhung cac mot "
               "nang cao chat luong hieu qua tinh huyen xa phuong".split())
_NOT_SUBTITLE = (" can cu ", " thuc hien ", " kinh gui ", " phan ", " phuc vu ", " theo ",
                 " trich yeu ")


def _subject(blocks) -> str | None:
    """What a report's title says it is about: "BÁO CÁO" and the subtitle under it
    ("Kết quả công tác phòng, chống tham nhũng năm 2023"), or None when it names none."""
    for i, block in enumerate(blocks[:TITLE_ZONE]):
        if not isinstance(block, Para):
            continue
        text = clean(block.text)
        if not (is_upper(text) and norm(text).startswith(" bao cao ") and len(text) < 160):
            continue
        parts = [text[len("BÁO CÁO"):]]
        for nxt in blocks[i + 1:i + 3]:
            line = clean(nxt.text) if isinstance(nxt, Para) else ""
            n = norm(line)
            if (not line or len(line) > 160 or n.startswith(_NOT_SUBTITLE)
                    or re.match(r"^(?:[IVXLC]+|\d+)[.)]", line) or not re.search(r"\w", line)):
                break
            parts.append(line)
        subject = clean(" ".join(parts))
        return subject if len(re.findall(r"[^\W\d_]{2,}", subject)) >= 3 else None
    return None


def _other_subject(blocks) -> str | None:
    """A báo cáo on another subject (anti-corruption, security, a campaign): it shares
    the outline's words ("lãnh đạo, chỉ đạo", "tồn tại, hạn chế"), but its title names
    none of the inspection's subjects."""
    subject = _subject(blocks)
    if subject is None or any(word in norm(subject) for word in SUBJECT_WORDS):
        return None
    words = re.sub(r"\S*\d\S*", " ", subject)  # "62/KH-UBND", "2023", "10/5/2023"
    named = [w for w in norm(words).split() if w not in _GENERIC]
    if len(named) < 2:  # "KẾT QUẢ CÔNG TÁC NĂM 2023" names no subject at all
        return None
    return f"một báo cáo về \"{subject[:120]}\""


__all__ = ["NotAReport", "refusal", "title_kind"]
