"""Vietnamese text rules: NFC, numbers written the Vietnamese way, dates.

Vietnamese writes thousands with dots and decimals with a comma ("1.234.567",
"85,5"), but reports typed on English systems write "85.5" too, so parsing has to
decide from the shape of the number, never from one fixed locale.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC: the same letter typed two ways must compare equal."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC with runs of whitespace folded to one space and the ends trimmed."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str) -> str:
    """Lower case without diacritics ("Đ" → "d"), for matching by meaning."""
    text = clean(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_NUMBER = re.compile(r"[-+]?\d[\d.,\s]*")


def parse_number(text: str | None) -> int | float | None:
    """Read "1.234.567", "85,5", "85.5", "1,234.5" or "1.234,5"; None for blanks.

    A lone dot followed by exactly three digits is a thousands separator, as
    Vietnamese writes it ("1.500" is one thousand five hundred); any other lone
    dot or comma is the decimal mark.
    """
    if text is None:
        return None
    s = clean(str(text)).replace("\u00a0", "").replace(" ", "")
    if not s or not re.search(r"\d", s):
        return None
    m = _NUMBER.search(s)
    if not m:
        return None
    s = m.group(0).rstrip(".,")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        s = s.replace(thou, "").replace(dec, ".")
    elif dots > 1 or commas > 1:
        s = s.replace(".", "").replace(",", "")
    elif dots == 1:
        head, tail = s.split(".")
        s = head + tail if len(tail) == 3 and head != "0" else s
    elif commas == 1:
        s = s.replace(",", ".")
    try:
        value = float(s) if "." in s else int(s)
    except ValueError:
        return None
    return sign * value


_GROUPED = re.compile(r"[1-9]\d{0,2}(?:([.,\u00a0 ])\d{3})(?:\1\d{3})*")


def parse_count(text: str | None) -> int | float | None:
    """A count ("1.390", "1,390", "1 390", "1390"): a whole number wherever its one kind
    of separator splits it into groups of three, as Vietnamese and English systems both
    write thousands; anything else reads as ``parse_number`` does ("12,5" stays 12.5)."""
    if text is None:
        return None
    s = clean(str(text)).replace("\u00a0", " ")
    if _GROUPED.fullmatch(s):
        return int(re.sub(r"\D", "", s))
    return parse_number(s)


def format_number(value: int | float | None, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: "1.234.567", "85,5", "98,50".

    With ``decimals`` None, whole numbers print without decimals and others with
    at most two, trailing zeros dropped ("85,5").
    """
    if value is None:
        return ""
    places = decimals if decimals is not None else (0 if float(value).is_integer() else 2)
    text = f"{value:,.{places}f}"
    if decimals is None and places:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float | None, decimals: int = 2) -> str:
    """"98,50%" — the form conclusions and summaries quote."""
    return "" if value is None else f"{format_number(value, decimals)}%"


@dataclass(frozen=True)
class PartialDate:
    """A date whose day (or day and month) may be left blank for the signer."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_data(cls, data) -> PartialDate | None:
        """Accept {"year":…, "month":…, "day":…} or an ISO string "2023-03-05"."""
        if data is None:
            return None
        if isinstance(data, PartialDate):
            return data
        if isinstance(data, str):
            d = dt.date.fromisoformat(data)
            return cls(d.year, d.month, d.day)
        return cls(data["year"], data.get("month"), data.get("day"))

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


BLANK_DAY = "\u00a0" * 6


def day_text(day: int | None) -> str:
    """Days below 10 take a leading zero (Nghị định 30/2020, Phụ lục I)."""
    return BLANK_DAY if day is None else f"{day:02d}"


def month_text(month: int | None) -> str:
    """Only months 1 and 2 take a leading zero, so "tháng 01" is never read as 10-12."""
    if month is None:
        return BLANK_DAY
    return f"{month:02d}" if month in (1, 2) else str(month)


def format_date(date, place: str | None = None) -> str:
    """"Bắc Giang, ngày 05 tháng 3 năm 2023"; blanks where the date is partial."""
    d = PartialDate.from_data(date) if not isinstance(date, dt.date) else PartialDate(
        date.year, date.month, date.day)
    text = f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"
    return f"{place}, {text}" if place else text


def short_date(date) -> str:
    """"05/3/2023" for citations inside sentences ("trước ngày 30/11/2023")."""
    d = PartialDate.from_data(date) if not isinstance(date, dt.date) else PartialDate(
        date.year, date.month, date.day)
    return f"{day_text(d.day).strip() or '…'}/{d.month or '…'}/{d.year}"


_DATE_WORDS = re.compile(
    r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")


def parse_date(text: str | None) -> dt.date | None:
    """"ngày 10 tháng 5 năm 2023" or "10/5/2023" → date; None when absent or impossible."""
    if not text:
        return None
    s = clean(text)
    m = _DATE_WORDS.search(s) or _DATE_SLASH.search(s)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
