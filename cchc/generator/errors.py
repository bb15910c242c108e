"""Jinja and render failures as Vietnamese messages that name the part and paragraph."""

from __future__ import annotations

import re

import jinja2
from jinja2.sandbox import SecurityError

from cchc.core.errors import CchcError

from . import limits, missing
from .sandbox import ForbiddenTag

_UNDEFINED = re.compile(r"^'(?P<var>[^']+)' is undefined$")
_NO_FILTER = re.compile(r"No filter named '(?P<name>[^']+)'")
_NO_TEST = re.compile(r"No test named '(?P<name>[^']+)'")


def error_line(exc: BaseException) -> int | None:
    """Template line of an error: the syntax error's, or the deepest template frame's."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _message(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, limits.LimitExceeded | ForbiddenTag):
        return text
    m = _NO_FILTER.search(text)
    if m:
        return f"mẫu dùng bộ lọc '{m['name']}' không có trong cchc"
    m = _NO_TEST.search(text)
    if m:
        return f"mẫu dùng phép thử '{m['name']}' không có trong cchc"
    if isinstance(exc, jinja2.UndefinedError):
        m = _UNDEFINED.match(text)
        return f"mẫu dùng biến '{m['var']}' nhưng dữ liệu không có" if m else \
            f"mẫu dùng biến không có trong dữ liệu ({text})"
    if isinstance(exc, SecurityError):
        return f"mẫu gọi thao tác không được phép: {text}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"mẫu có lỗi cú pháp Jinja: {text}"
    if isinstance(exc, MemoryError):
        return "mẫu dùng quá nhiều bộ nhớ"
    if isinstance(exc, RecursionError):
        return "mẫu gọi lồng nhau quá sâu (macro tự gọi lại chính nó?)"
    if isinstance(exc, jinja2.TemplateError):
        return f"không hiển thị được mẫu: {text}"
    return f"mẫu gặp lỗi khi hiển thị ({type(exc).__name__}: {text})"


def template_error(exc: BaseException, file: str, part: str = "",
                   lines: list[str] | None = None) -> CchcError:
    """A CchcError for a failure while compiling or rendering ``part`` of a template."""
    place = missing.where(lines or [], error_line(exc))
    at = f" ({part}{', ' + place if place else ''})" if part else ""
    return CchcError(_message(exc) + at, file=file)
