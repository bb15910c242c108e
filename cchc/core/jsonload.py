"""JSON from users, parsed with a bound on nesting.

Python's parser recurses once per level: a file nested 5,000 deep raises
RecursionError (a 500 in the service, a traceback in the CLI), and one nested 900
deep parses but then breaks whatever walks it next (schema validation, the
database's serialiser). Records and data files are a handful of levels deep, so
64 is far above any real one.
"""

from __future__ import annotations

import json

from .errors import CchcError

MAX_DEPTH = 64
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


def loads(text: str | bytes, name: str | None = None):
    """Parse ``text``; CchcError (naming ``name``) for bad syntax or deep nesting."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CchcError("tệp JSON không phải văn bản UTF-8", file=name) from exc
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise CchcError(_TOO_DEEP, file=name) from exc
    except json.JSONDecodeError as exc:
        raise CchcError(f"JSON sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}: "
                        f"{syntax_words(exc.msg)}", file=name) from exc
    if depth(data) > MAX_DEPTH:
        raise CchcError(_TOO_DEEP, file=name)
    return data


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
