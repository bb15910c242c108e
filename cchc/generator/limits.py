"""Resource bounds for rendering a template: sizes, loop steps, output and time.

A user's template is code: ``{{ 'a' * 10**9 }}`` or three nested ``range`` loops
would run until the machine runs out of memory or patience. The sandbox hooks
(see ``sandbox``) ask this module before an operation that can grow; the limits of
the render in progress live in a context variable so concurrent renders (the
service's worker threads) each have their own budget.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from jinja2.exceptions import TemplateRuntimeError

MAX_STRING = 2_000_000       # characters in one string made by the template
MAX_ITEMS = 100_000          # items in one list made by the template
MAX_LOOP_STEPS = 2_000_000   # loop iterations in one document
MAX_OUTPUT = 64_000_000      # characters of rendered XML in one document
MAX_POWER_BITS = 4_096       # size of an integer made by **
TIME_BUDGET = 60.0           # seconds for one document


class LimitExceeded(TemplateRuntimeError):
    """A template asked for more than a document may use; ``str()`` is Vietnamese."""


@dataclass
class Budget:
    """What one render has used so far."""

    deadline: float
    seconds: float
    loop_steps: int = 0
    output: int = 0
    missing: list = field(default_factory=list)
    part: str = ""
    lines: list[str] = field(default_factory=list)

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"mẫu chạy quá thời gian cho phép ({self.seconds:g} giây)")

    def steps(self, n: int) -> None:
        self.loop_steps += n
        if self.loop_steps > MAX_LOOP_STEPS:
            raise LimitExceeded(f"vòng lặp của mẫu chạy quá {number(MAX_LOOP_STEPS)} bước")
        self.tick()

    def emitted(self, n: int) -> None:
        self.output += n
        if self.output > MAX_OUTPUT:
            raise LimitExceeded(f"mẫu sinh ra quá nhiều nội dung (hơn {number(MAX_OUTPUT)} ký tự)")
        self.tick()


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "cchc_render_budget", default=None)


def current() -> Budget | None:
    return _current.get()


@contextlib.contextmanager
def budget(seconds: float = TIME_BUDGET) -> Iterator[Budget]:
    """Run a render under fresh limits."""
    state = Budget(deadline=time.monotonic() + seconds, seconds=seconds)
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


def tick() -> None:
    state = _current.get()
    if state is not None:
        state.tick()


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def check_string_size(size: int, what: str) -> None:
    if size > MAX_STRING:
        raise LimitExceeded(f"{what} tạo chuỗi {number(size)} ký tự, vượt giới hạn "
                            f"{number(MAX_STRING)} ký tự")


def check_list_size(size: int, what: str) -> None:
    if size > MAX_ITEMS:
        raise LimitExceeded(f"{what} tạo danh sách {number(size)} phần tử, vượt giới hạn "
                            f"{number(MAX_ITEMS)} phần tử")


def measure(value, limit: int = MAX_STRING) -> int:
    """Characters plus items reachable from ``value``, counting shared parts each time.

    ``[x, x]`` nested forty times is small in memory but prints as 2**40
    characters; the walk stops as soon as ``limit`` is passed.
    """
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item)
            stack.extend(item)
        else:
            total += 1
    return total


def check_value(value, what: str) -> None:
    """Refuse a container whose printed form would be too large."""
    if isinstance(value, list | tuple | dict | set | frozenset) and measure(value) > MAX_STRING:
        raise LimitExceeded(f"{what} quá lớn để in ra (vượt {number(MAX_STRING)} ký tự)")


def check_result(value, what: str):
    """Refuse a string or list that came out too large; return it otherwise."""
    if isinstance(value, str):
        check_string_size(len(value), what)
    elif isinstance(value, list | tuple):
        check_list_size(len(value), what)
    return value


_PRINTF_WIDTH = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_WIDTH = re.compile(r"\d+")


def check_printf(fmt: str, args, what: str) -> None:
    """``'%1000000000s' % x`` allocates its width: refuse widths beyond MAX_STRING."""
    star = False
    for m in _PRINTF_WIDTH.finditer(fmt):
        for group in m.groups():
            if group == "*":
                star = True
            elif group and int(group) > MAX_STRING:
                check_string_size(int(group), what)
    if star:
        values = args if isinstance(args, tuple) else (args,)
        for v in values:
            if isinstance(v, int) and v > MAX_STRING:
                check_string_size(v, what)


def check_format_spec(fmt: str, what: str) -> None:
    """``'{:>1000000000}'.format(x)``: refuse a replacement field wider than MAX_STRING."""
    for field_text in re.findall(r"\{[^{}]*\}", fmt):
        spec = field_text.partition(":")[2]
        for digits in _FORMAT_WIDTH.findall(spec):
            check_string_size(int(digits), what)
