"""Name every missing variable of a template in one run, with where each is used.

Strict undefined stops at the first missing name, so a real form needed four
runs to learn what its data lacked. ``RecordingUndefined`` notes each use of a
missing variable or field (with the template line that used it) in the render's
budget and lets the render go on as if it were empty; the renderer then fails
with the whole list. Outside a render (plain docxtpl in tests) it is strict.
"""

from __future__ import annotations

import re
import sys
from html import unescape

from jinja2 import Undefined
from jinja2.sandbox import SecurityError
from jinja2.utils import missing as _missing

from . import limits

_REPORTED = "\x00reported"
_TAG = re.compile(r"<[^>]+>")


def template_line() -> int | None:
    """Line of the template source being executed, from the compiled code's frames."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


class RecordingUndefined(Undefined):
    __slots__ = ()

    def _record(self, *args, **kwargs):
        state = limits.current()
        if state is None:
            return Undefined._fail_with_undefined_error(self)
        if self._undefined_hint == _REPORTED:
            return RecordingUndefined(hint=_REPORTED)
        if issubclass(self._undefined_exception, SecurityError):  # unsafe, not missing
            return Undefined._fail_with_undefined_error(self)
        if self._undefined_obj is _missing:
            what = f"biến '{self._undefined_name}'"
        else:
            what = f"trường '{self._undefined_name}'"
        state.missing.append((what, state.part, where(state.lines, template_line())))
        return RecordingUndefined(hint=_REPORTED)

    _fail_with_undefined_error = _record
    __add__ = __radd__ = __sub__ = __rsub__ = _record
    __mul__ = __rmul__ = __div__ = __rdiv__ = _record
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _record
    __mod__ = __rmod__ = __pos__ = __neg__ = __call__ = __getitem__ = _record
    __lt__ = __le__ = __gt__ = __ge__ = __pow__ = __rpow__ = _record

    def __int__(self) -> int:
        self._record()
        return 0

    def __float__(self) -> float:
        self._record()
        return 0.0

    def __getattr__(self, name: str):
        if name[:2] == "__":
            raise AttributeError(name)
        return self._record()

    def __str__(self) -> str:
        self._record()
        return ""

    def __iter__(self):
        self._record()
        return iter(())

    def __len__(self) -> int:
        self._record()
        return 0

    def __bool__(self) -> bool:
        self._record()
        return False

    def __eq__(self, other) -> bool:
        self._record()
        return type(self) is type(other)

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(type(self))

    def __contains__(self, item) -> bool:
        self._record()
        return False


def where(lines: list[str], lineno: int | None) -> str:
    """"đoạn «Kính gửi: {{ ten }}»" for a line of a docxtpl part source (one paragraph each)."""
    if not lineno or lineno > len(lines):
        return ""
    line = lines[lineno - 1]
    text = " ".join(unescape(_TAG.sub("", line)).split())
    if len(text) > 90:
        text = text[:87] + "…"
    before = "".join(lines[:lineno - 1])
    in_table = before.count("<w:tbl>") + before.count("<w:tbl ") > before.count("</w:tbl>")
    return f"{'ô bảng' if in_table else 'đoạn'} «{text}»"


def summary(found: list[tuple[str, str, str]], limit: int = 40) -> list[str]:
    """One line per missing name and place, first use first, at most ``limit``."""
    seen: dict[tuple[str, str, str], None] = dict.fromkeys(found)
    lines = [f"{what} — {part}{', ' + place if place else ''}"
             for what, part, place in seen]
    if len(lines) > limit:
        lines = [*lines[:limit], f"… và {len(lines) - limit} chỗ khác"]
    return lines
