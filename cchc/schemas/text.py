"""Find data strings that an XML document cannot carry.

A lone surrogate ("\\ud800" is valid JSON) or a control character such as BEL or
form feed either breaks the generated XML or is turned by docxtpl into a new
paragraph or page break, so such text is refused before anything is rendered,
naming the field by its JSON path.
"""

from __future__ import annotations

import re

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Carriage return is refused too: a parser turns it into a newline, so it never
# reaches the document as typed.
_BAD = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_DEPTH = 200


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"nửa cặp thay thế (surrogate) {code} đứng lẻ"
    if char in "\ufffe\uffff":
        return f"ký tự không hợp lệ {code}"
    return f"ký tự điều khiển {code}"


def _path(parent: str, key) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{parent}.{key}"
    return f"{parent}[{key!r}]"


def _check_string(text: str, where: str, found: list[str], what: str) -> None:
    m = _BAD.search(text)
    if m:
        found.append(f"{where}: {what} chứa {_describe(m.group())} ở vị trí {m.start() + 1}, "
                     "văn bản Word không chứa được ký tự này")


def text_problems(data, root: str = "$") -> list[str]:
    """Every string (value or key) holding a character XML cannot carry, as "$.path: …"."""
    found: list[str] = []
    stack = [(data, root, 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, str):
            _check_string(value, where, found, "chuỗi")
        elif depth >= MAX_DEPTH:
            found.append(f"{where}: dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    _check_string(key, _path(where, key), found, "tên trường")
                stack.append((item, _path(where, key), depth + 1))
        elif isinstance(value, list):
            stack.extend((item, _path(where, i), depth + 1) for i, item in enumerate(value))
    return sorted(found)
