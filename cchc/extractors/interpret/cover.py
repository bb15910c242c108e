"""A cover letter in front of the report, in the same file: find where the report starts.

Offices send the report with its công văn ("Số: 12/UBND-VP", "V/v gửi báo cáo …",
"Kính gửi: …", a short body, a signature) saved or scanned into one file. The letter
has its own number, date and trích yếu, and its "V/v" line makes the whole file look
like a letter. The report begins at its own header (issuing body, motto, "Số: …/BC-…")
above its own title "BÁO CÁO": everything before that is the letter, read only to name
it in a warning. A letter with no report title after it is left whole (a công văn is
refused as one, as before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.core.vn import clean, parse_date
from cchc.extractors.model import Para, Table
from cchc.extractors.text import is_upper, norm

LETTER_ZONE = 30     # the "V/v" line sits in the letter's header
REPORT_ZONE = 250    # blocks after it where the report's title may stand (PDF: one per line)
_VV = re.compile(r"^\(?\s*V/v\b\.?\s*(.*)$", re.IGNORECASE)
_NUMBER = re.compile(r"^S[ốô]\s*[:.]?\s*(\S+)", re.IGNORECASE)
_MOTTO = " cong hoa xa hoi chu nghia"
# The issuing body above the motto, in a header typed as paragraphs or read from a PDF.
_BODY_WORDS = (" ubnd ", " uy ban ", " hdnd ", " so ", " ban ", " phong ", " van phong ",
               " huyen ", " tinh ", " thanh pho ", " thi xa ", " xa ", " phuong ", " thi tran ",
               " bo ", " cuc ", " chi cuc ", " trung tam ", " dang uy ", " tinh uy ",
               " huyen uy ", " thanh uy ", " truong ", " benh vien ", " cong an ")


@dataclass(frozen=True)
class CoverLetter:
    number: str | None   # the letter's own "Số: …"
    subject: str         # its trích yếu, after "V/v"
    blocks: int          # how many blocks it takes before the report's header
    report_number: str | None = None  # "gửi kèm Báo cáo số 45/BC-UBND ngày 18/7/2023"
    report_date: str | None = None    # ISO date, from the same phrase


# The letter's body naming the report it sends ("… Báo cáo số 45/BC-UBND ngày 18/7/2023 …").
_NAMES_REPORT = re.compile(r"\bBáo\s+cáo\s+số\s*:?\s*(\d{1,5}\s*/\s*[A-ZĐ][\w.\-Đ]*)"
                           r"(?:\s+ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng"
                           r"\s+\d{1,2}\s+năm\s+\d{4}))?", re.IGNORECASE)


def _lines(block) -> list[str]:
    """A header block's lines, the two columns typed on one line (tabs, many spaces) apart."""
    if isinstance(block, Para):
        texts = [block.text]
    elif isinstance(block, Table) and block.width <= 3 and len(block.rows) <= 4:
        texts = [c for row in block.rows for c in row]
    else:
        return []
    return [clean(x) for t in texts for x in re.split(r"\n|\t+|\s{3,}", t) if clean(x)]


def _is_report_title(block) -> bool:
    if not isinstance(block, Para):
        return False
    text = clean(block.text)
    return (norm(text).startswith(" bao cao ") and len(text) < 60
            and (is_upper(text) or (block.bold and norm(text) == " bao cao ")))


def _subject(blocks, at: int, first: str) -> str:
    """The trích yếu: the "V/v" line and its wrapped continuation (lower-case lines)."""
    parts = [first]
    for block in blocks[at + 1:at + 3]:
        text = clean(block.text) if isinstance(block, Para) else ""
        if not text or is_upper(text[:1]) or len(text) > 80:
            break
        parts.append(text)
    return clean(" ".join(parts))[:160]


def find_cover_letter(blocks) -> CoverLetter | None:
    """The letter in front of the report, or None when the file does not start with one."""
    vv_at = subject = None
    for i, block in enumerate(blocks[:LETTER_ZONE]):
        if _is_report_title(block):
            return None  # the report comes first: any "V/v" later is not a cover letter
        for line in _lines(block):
            m = _VV.match(line)
            if m:
                vv_at, subject = i, m.group(1)
                break
        if vv_at is not None:
            break
    if vv_at is None:
        return None
    title = next((j for j in range(vv_at + 1, min(len(blocks), vv_at + REPORT_ZONE))
                  if _is_report_title(blocks[j])), None)
    if title is None or not _letter_ends(blocks[vv_at + 1:title]):
        return None
    start = _header_start(blocks, vv_at, title)
    number = next((m.group(1).strip(" .,;") for b in blocks[:vv_at + 1] for line in _lines(b)
                   if (m := _NUMBER.match(line))), None)
    if isinstance(blocks[vv_at], Para):
        subject = _subject(blocks, vv_at, subject)
    named = next((m for b in blocks[vv_at + 1:start] if isinstance(b, Para)
                  if (m := _NAMES_REPORT.search(clean(b.text)))), None)
    day = parse_date(named.group(2)) if named and named.group(2) else None
    return CoverLetter(number=number, subject=clean(subject), blocks=start,
                       report_number=re.sub(r"\s+", "", named.group(1)) if named else None,
                       report_date=day.isoformat() if day else None)


def _letter_ends(between) -> bool:
    """Between the "V/v" line and the title, the letter closes ("Nơi nhận:") or the
    report's own header begins (its motto or "Số: …"): a report that merely carries a
    "V/v" line under its number is no letter."""
    return any(n.startswith((" noi nhan ", _MOTTO)) or _NUMBER.match(line)
               for block in between for line in _lines(block) for n in (norm(line),))


def _header_start(blocks, vv_at: int, title: int) -> int:
    """Where the report's own header begins: the block holding its motto (or, the motto
    misread by OCR, its "Số: …" line), and the issuing body's lines typed just above it;
    the title itself when it has none."""
    def last(test) -> int | None:
        return next((j for j in range(title - 1, vv_at, -1)
                     if any(test(line) for line in _lines(blocks[j]))), None)

    motto = last(lambda line: norm(line).startswith(_MOTTO))
    if motto is None:
        motto = last(_NUMBER.match)
    if motto is None:
        return title
    start = motto
    for j in range(motto - 1, max(vv_at, motto - 4), -1):
        block = blocks[j]
        lines = _lines(block) if isinstance(block, Para) else []
        if not lines or not all(is_upper(x) and norm(x).startswith(_BODY_WORDS) for x in lines):
            break
        start = j
    return start


def warning_text(letter: CoverLetter) -> str:
    number = f" số {letter.number}" if letter.number else ""
    subject = f" \"V/v {letter.subject}\"" if letter.subject else ""
    return (f"Tệp có công văn gửi kèm{number}{subject} đứng trước báo cáo; số, ngày và nội "
            f"dung được lấy theo báo cáo, phần công văn được bỏ qua")


def fill_from_letter(letter: CoverLetter, document: dict) -> list[str]:
    """A report with no header of its own (the letter carries it): its number and date as
    the letter's body names them. Returns the fields so filled, to be flagged."""
    filled = []
    for key, value in (("number", letter.report_number), ("date", letter.report_date)):
        if document.get(key) is None and value:
            document[key] = value
            filled.append(key)
    return filled


__all__ = ["CoverLetter", "fill_from_letter", "find_cover_letter", "warning_text"]
