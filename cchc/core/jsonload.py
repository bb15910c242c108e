"""JSON from users, parsed with a bound on nesting.

Python's parser recurses once per level: a file nested 5,000 deep raises
RecursionError (a 500 in the service, a traceback in the CLI), and one nested 900
deep parses but then breaks whatever walks it next (schema validation, the
database's serialiser). Records and data files are a handful of levels deep, so
64 is far above any real one.

Numbers and strings are bounded too (issue 22): Python refuses to convert an integer of
more than 4,300 digits and says so in English, and a 20 MB title breaks the XML
library's limit inside the template. Real figures have a few digits and real titles a
few hundred characters, so MAX_DIGITS and MAX_STRING are far above them; the error
names the file and the field (its JSON path).
"""

from __future__ import annotations

import json

from .errors import CchcError

MAX_DEPTH = 64
MAX_DIGITS = 30
MAX_STRING = 1_000_000
_TOO_DEEP = f"JSON lồng nhau quá sâu (quá {MAX_DEPTH} tầng), không phải dữ liệu hợp lệ"


# The json module's messages (English), as staff read them.
_SYNTAX = (("Expecting ',' delimiter", "thiếu dấu phẩy (,) giữa hai mục"),
           ("Expecting ':' delimiter", "thiếu dấu hai chấm (:) sau tên trường"),
           ("Expecting property name enclosed in double quotes",
            "tên trường phải đặt trong dấu ngoặc kép (\"…\"), hoặc thừa dấu phẩy trước dấu }"),
           ("Expecting value", "thiếu giá trị, hoặc thừa dấu phẩy"),
           ("Unterminated string", "chuỗi chữ chưa đóng dấu ngoặc kép"),
           ("Invalid control character", "có ký tự điều khiển (xuống dòng, tab) trong chuỗi chữ"),
           ("Invalid \\escape", "dấu gạch chéo ngược (\\) không hợp lệ"),
           ("Extra data", "còn chữ thừa sau khi dữ liệu đã kết thúc"))


def syntax_words(msg: str) -> str:
    """A JSONDecodeError message in Vietnamese (unknown ones kept as they are)."""
    for english, words in _SYNTAX:
        if msg.startswith(english):
            return words
    return msg


class _LongNumber:
    """Stands in for a number too long to convert, so its JSON path can be named."""

    def __init__(self, digits: int):
        self.digits = digits


def _number(text: str):
    return int(text) if len(text) <= MAX_DIGITS else _LongNumber(len(text))


def _float(text: str):
    return float(text) if len(text) <= MAX_DIGITS * 2 else _LongNumber(len(text))


def loads(text: str | bytes, name: str | None = None):
    """Parse ``text``; CchcError (naming ``name``) for bad syntax or deep nesting."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CchcError("tệp JSON không phải văn bản UTF-8", file=name) from exc
    try:
        data = json.loads(text, parse_int=_number, parse_float=_float)
    except RecursionError as exc:
        raise CchcError(_TOO_DEEP, file=name) from exc
    except json.JSONDecodeError as exc:
        raise CchcError(f"JSON sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}: "
                        f"{syntax_words(exc.msg)}", file=name) from exc
    if depth(data) > MAX_DEPTH:
        raise CchcError(_TOO_DEEP, file=name)
    _check_sizes(data, name)
    return data


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")  # 20.000.000, the Vietnamese way


def _check_sizes(data, name: str | None) -> None:
    """CchcError at the first number or string beyond its bound (walked without recursion)."""
    stack = [(data, "$")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _LongNumber):
            raise CchcError(f"{path}: số có {_n(item.digits)} chữ số, quá dài (tối đa "
                            f"{MAX_DIGITS} chữ số)", file=name)
        if isinstance(item, str) and len(item) > MAX_STRING:
            raise CchcError(f"{path}: chuỗi dài {_n(len(item))} ký tự, quá dài (tối đa "
                            f"{_n(MAX_STRING)} ký tự)", file=name)
        if isinstance(item, dict):
            stack.extend((v, f"{path}.{k}") for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(item))))


def depth(data) -> int:
    """Nesting depth of parsed JSON, walked without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in item)
    return deepest
