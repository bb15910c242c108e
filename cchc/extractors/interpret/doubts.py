"""A cell of the statistics form that OCR read: what it holds, and how sure that is.

Digits matter more than words: every number OCR read with low confidence, or read as
something that is not a number ("1S", "§.277"), gets an ``ocr.low_confidence`` warning
naming its cell (``tthc_stats.rows[2].resolved_on_time``). Nothing is guessed silently:
an unreadable number becomes null, flagged; a look-alike letter only suggests a value,
flagged. A typed table has no readings and never comes here.
"""

from __future__ import annotations

import difflib
import re

from cchc.core.vn import fold
from cchc.extractors.counts import LOW_CONFIDENCE, is_nothing_word, parse_count, suggest_count

Reading = tuple[float | None, bool]  # OCR's confidence (0–100) and whether the cell has ink


def read_count(text: str, reading: Reading) -> tuple[int | None, str | None]:
    """(value, doubt or None) of a count cell OCR read; a blank cell with no ink is 0."""
    conf, ink = reading
    value, readable = parse_count(text)
    if not readable:
        value = suggest_count(text)
    if value is None and readable and not ink:
        value = 0  # a blank count cell in a filled row: nothing arose
    return value, _doubt(text, conf, ink, value, readable)


def _doubt(text: str, conf: float | None, ink: bool, value, readable: bool) -> str | None:
    if not readable and value is not None:
        return (f"ô số đọc bằng OCR thành '{text}', tạm hiểu là {value}; "
                "hãy đối chiếu với bản giấy")
    if not readable:
        return f"ô số đọc bằng OCR thành '{text}', không phải một số; hãy đối chiếu với bản giấy"
    if value is None and ink:
        return "ô có chữ nhưng OCR không đọc được số; hãy đối chiếu với bản giấy"
    if value is not None and conf is not None and conf < LOW_CONFIDENCE \
            and not is_nothing_word(text):
        return (f"số {text} đọc bằng OCR với độ tin cậy thấp ({conf:.0f}%); "
                "hãy đối chiếu với bản giấy")
    return None


# A field name with a word OCR gave less than this is often garbled ("Diwrfc nhẫm"):
# measured on the tuning sets' scans, where it flags more wrong names than right ones.
FIELD_DOUBT = 75.0


def field_doubt(where: str, field: str, reading: Reading | None) -> list[dict]:
    """A field name OCR read with a word it was unsure of: its words may be garbled."""
    conf = reading[0] if reading else None
    if conf is None or conf >= FIELD_DOUBT:
        return []
    return [warning(where, f"tên lĩnh vực “{field}” đọc bằng OCR với độ tin cậy thấp "
                           f"({conf:.0f}%); hãy đối chiếu với bản giấy")]


def warning(where: str, doubt: str) -> dict:
    return {"code": "ocr.low_confidence", "where": where, "message": doubt}


def read_stt(text: str, reading: Reading | None = None) -> tuple[int | str | None, str | None]:
    """The STT as OCR read it, and the doubt when it is no plain number: a letter taken
    for a digit ("I" for 1), or a mark OCR could not read as one ("a", "?")."""
    if not text:
        return None, None
    value, readable = parse_count(text)
    if readable and value is not None:
        return value, None
    value = suggest_count(text)
    conf = reading[0] if reading else None
    return (text if value is None else value), _doubt(text, conf, True, value, False)


def is_total_label(label: str) -> bool:
    """The "Tổng số" row also when OCR misread a letter of it ("Tấng số")."""
    letters = re.sub(r"[^a-z]", "", fold(label))
    if not letters or len(letters) > 12:
        return False
    return any(difflib.SequenceMatcher(None, letters, word).ratio() >= 0.8
               for word in ("tongso", "tongcong", "cong"))


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")


def roman(text: str) -> str | None:
    """The STT as a Roman numeral, reading OCR's "il", "Il", "ll" for "II"."""
    t = text.replace(" ", "").rstrip(".)").replace("l", "I").replace("i", "I")
    return t if _ROMAN.match(t) else None


def is_group(stt: str, field: str | None, next_stt: str) -> bool:
    """A group row of a scanned form ("I | Lĩnh vực Đất đai | sub-totals"): "II", "III",
    "IV" cannot be counts; a lone "I" may be a misread 1, so it is a group only when the
    row under it starts again at 1; a field naming a field of work ("Lĩnh vực …") with
    no plain number in front is one too. A scan's sub-totals cannot be trusted to add
    up, so these rows are known by their labels."""
    numeral = roman(stt)
    if numeral and numeral != "I":
        return True
    if numeral == "I":
        return parse_count(next_stt)[0] == 1
    return fold(field or "").startswith("linh vuc") and not parse_count(stt)[0]


def signature(stt: str, field: str) -> tuple[int | None, str]:
    return parse_count(stt)[0], re.sub(r"[^a-z]", "", fold(field))


def repeats(seen: list[tuple[int | None, str]], part: list[tuple[int | None, str]]) -> bool:
    """A later part whose rows were already read (same STT, same field name, allowing
    for OCR noise) is the same table scanned twice (a page fed through the scanner
    again), not its continuation; a continuation may restart its STT under a new
    group ("II. Cấp xã": 1, 2 …) but not with the same fields."""
    rows = [r for r in part if r[1]]
    if not rows:
        return False
    again = sum(1 for stt, field in rows if any(
        stt == k_stt and difflib.SequenceMatcher(None, field, k_field).ratio() >= 0.8
        for k_stt, k_field in seen))
    return again >= 0.6 * len(rows)
