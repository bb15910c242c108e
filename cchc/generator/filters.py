"""Vietnamese filters for templates: numbers, money in words, dates, Roman numerals, case.

Offices' own templates use filters their applications defined (``format_currency``,
``num2words``, ``dateformat``, ``to_roman``). cchc offers the Vietnamese ones built in,
under its own names and those common aliases. Money in words follows the reading an
accountant writes on a payment order ("một nghìn không trăm linh năm đồng"): the
num2words package's Vietnamese drops "không trăm" and reads 85,5 as "phẩy năm mươi",
so the rules are written here, in full, with tests.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from cchc.core import vn

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", " nghìn", " triệu", " tỷ")
MAX_WORDS = 10 ** 18


def _three(n: int, full: bool) -> str:
    """Words of 0–999; ``full`` when a higher group precedes (so 5 reads "không trăm linh năm")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = []
    if hundreds or full:
        out.append(f"{DIGITS[hundreds]} trăm")
    if tens == 0:
        if ones and (hundreds or full):
            out.append("linh")
    elif tens == 1:
        out.append("mười")
    else:
        out.append(f"{DIGITS[tens]} mươi")
    if ones:
        if ones == 1 and tens > 1:
            out.append("mốt")
        elif ones == 5 and tens > 0:
            out.append("lăm")
        elif ones == 4 and tens > 1:
            out.append("tư")
        else:
            out.append(DIGITS[ones])
    return " ".join(out)


def integer_words(n: int) -> str:
    """"một tỷ hai trăm triệu"; billions repeat ("một nghìn tỷ")."""
    if n < 0:
        return "âm " + integer_words(-n)
    if n == 0:
        return "không"
    if n >= MAX_WORDS:
        raise ValueError("số quá lớn để đọc thành chữ")
    if n >= 10 ** 9:
        high, low = divmod(n, 10 ** 9)
        rest = _below_billion(low, full=True) if low else ""
        return f"{integer_words(high)} tỷ" + (f" {rest}" if rest else "")
    return _below_billion(n, full=False)


def _below_billion(n: int, full: bool) -> str:
    groups = [(n // 10 ** (3 * i)) % 1000 for i in range(3)][::-1]   # triệu, nghìn, đơn vị
    out, started = [], full
    for i, g in enumerate(groups):
        if g == 0:
            continue
        out.append(_three(g, started) + GROUPS[2 - i])
        started = True
    return " ".join(out)


def number_words(value) -> str:
    """A number in words; decimals digit by digit after "phẩy" ("tám mươi lăm phẩy năm")."""
    number = _decimal(value)
    sign, whole = ("âm ", -number) if number < 0 else ("", number)
    text = format(whole, "f")
    head, _, tail = text.partition(".")
    tail = tail.rstrip("0")
    words = integer_words(int(head))
    if tail:
        words += " phẩy " + " ".join(DIGITS[int(d)] for d in tail)
    return sign + words


def money_words(value, currency: str = "đồng") -> str:
    """"Một tỷ hai trăm triệu đồng chẵn": whole đồng, capitalised, as written under
    "Bằng chữ:"."""
    number = _decimal(value)
    if number != number.to_integral_value():
        raise ValueError("số tiền bằng chữ phải là số đồng nguyên")
    words = integer_words(int(number))
    text = f"{words} {currency}" + (" chẵn" if int(number) % 1000 == 0 and number else "")
    return text[0].upper() + text[1:]


def _decimal(value) -> Decimal:
    if isinstance(value, str):
        parsed = vn.parse_number(value)
        if parsed is None:
            raise ValueError(f"'{value[:40]}' không phải số")
        value = parsed
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"'{value}' không phải số") from exc


ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(value) -> str:
    """Section numbers "I", "IV", "XII" (1–3999)."""
    n = int(value)
    if not 0 < n < 4000:
        raise ValueError("số La Mã chỉ từ 1 đến 3999")
    out = []
    for size, letters in ROMAN:
        count, n = divmod(n, size)
        out.append(letters * count)
    return "".join(out)


def upper(value) -> str:
    """Upper case in NFC: "Sở Tư pháp" → "SỞ TƯ PHÁP" (composed, as Word expects)."""
    return unicodedata.normalize("NFC", str(value).upper())


def lower(value) -> str:
    return unicodedata.normalize("NFC", str(value).lower())


def number(value, decimals: int | None = None) -> str:
    """"1.234.567", "85,5"; text like "1.234" is read first."""
    return vn.format_number(_decimal(value) if isinstance(value, str) else value, decimals)


def money(value) -> str:
    """"1.500.000.000 đồng"."""
    return f"{number(value, 0)} đồng"


FILTERS = {
    "vn_number": number, "vn_money": money, "vn_money_words": money_words,
    "vn_words": number_words, "vn_date": vn.format_date, "short_date": vn.short_date,
    "vn_percent": vn.format_percent, "roman": roman, "vn_upper": upper, "vn_lower": lower,
}
