"""The Jinja environment every template renders in: sandboxed, bounded, escaping.

Autoescape makes "R&D <b>" print as typed instead of breaking the XML. A template
may not reach Python internals (Jinja's sandbox), may not load other files
(``include``, ``import``, ``extends`` are refused when compiling), and may not
grow strings, lists, loops, output or time beyond ``limits``. Missing variables
are recorded rather than raised at the first one, so one run names them all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import jinja2
import jinja2.meta
from jinja2 import nodes
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from . import limits, missing
from .filters import FILTERS as VN_FILTERS

FORBIDDEN = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
             nodes.Extends: "extends"}
SIZE_FILTERS = {"center", "indent", "batch", "slice"}
LIST_FILTERS = {"batch", "slice"}
LOOP_FILTER, VALUE_FILTER, SIZED_FILTER = "_cchc_loop", "_cchc_value", "_cchc_sized"


class ForbiddenTag(jinja2.TemplateSyntaxError):
    """``include``/``import``/``extends``: a template is one self-contained file."""


def _loop(iterable):
    """Every loop's iterable passes here: count its steps against the budget."""
    state = limits.current()
    if state is None:
        return iterable
    try:
        state.steps(len(iterable))
        return iterable
    except TypeError:
        return _counted(iterable, state)


def _counted(iterable, state):
    for item in iterable:
        state.steps(1)
        yield item


def _value(value):
    limits.check_value(value, "giá trị ghép chuỗi")
    return value


def _sized(value):
    return limits.check_result(value, "phép ghép chuỗi (~)")


def _bounded_filter(name: str, func):
    """Check a filter's input and arguments before it runs, and its result after."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        limits.tick()
        values = [a for a in args if not isinstance(a, jinja2.runtime.Context
                                                   | jinja2.nodes.EvalContext
                                                   | jinja2.Environment)]
        what = f"bộ lọc '{name}'"
        if values:
            limits.check_value(values[0], f"giá trị đưa vào {what}")
            if name == "format" and isinstance(values[0], str):
                limits.check_printf(values[0], tuple(values[1:]), what)
        if name in SIZE_FILTERS:
            for arg in [*values[1:], *kwargs.values()]:
                if isinstance(arg, int) and arg > limits.MAX_ITEMS:
                    (limits.check_list_size if name in LIST_FILTERS else
                     limits.check_string_size)(arg, what)
        return limits.check_result(func(*args, **kwargs), what)

    return wrapper


def _bounded_range(*args):
    """``range`` that refuses more than MAX_ITEMS numbers with a template error."""
    rng = range(*args)
    if len(rng) > limits.MAX_ITEMS:
        raise limits.LimitExceeded(
            f"range({', '.join(map(str, args))}) có {limits.number(len(rng))} số, vượt giới "
            f"hạn {limits.number(limits.MAX_ITEMS)} số")
    return rng


def _finalize(value):
    """Every printed value: refuse huge containers before ``str()`` expands them."""
    limits.check_value(value, "giá trị in ra")
    return value


def _finalize_xml(value):
    """As ``_finalize``, and text printed into XML gets its braces as references.

    A ``{{`` left in a rendered part then always means a tag the renderer missed,
    never text that came from data (see ``render.leftover_tags``).
    """
    limits.check_value(value, "giá trị in ra")
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_braces(value)
    return value


class _Bounder(jinja2.visitor.NodeTransformer):
    """Route loops and ``~`` through the budget filters; refuse loading other templates."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 - Jinja's visitor names
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, LOOP_FILTER, [], [], None, None,
                                 lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        node = self.generic_visit(node)
        node.nodes = [nodes.Filter(n, VALUE_FILTER, [], [], None, None, lineno=node.lineno)
                      for n in node.nodes]
        return nodes.Filter(node, SIZED_FILTER, [], [], None, None, lineno=node.lineno)

    def generic_visit(self, node, *args, **kwargs):
        for kind, tag in FORBIDDEN.items():
            if isinstance(node, kind):
                raise ForbiddenTag(f"mẫu không được dùng {{% {tag} %}} (mỗi mẫu phải là một "
                                   "tệp độc lập)", node.lineno)
        return super().generic_visit(node, *args, **kwargs)


def _placeholder(value, *args, **kwargs):
    return value


class SafeEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed, bounded, escaping Jinja that compiles each source once."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *, autoescape: bool = True, filters: Mapping | None = None) -> None:
        """``filters``: a CLI user's own filters (``--filters``), over the built-in ones."""
        super().__init__(autoescape=autoescape, undefined=missing.RecordingUndefined,
                         finalize=_finalize_xml if autoescape else _finalize)
        self._compiled: dict[str, jinja2.Template] = {}
        self.filters.update(VN_FILTERS)
        self.filters.update(filters or {})
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters.update({LOOP_FILTER: _loop, VALUE_FILTER: _value, SIZED_FILTER: _sized})
        self.globals["range"] = _bounded_range
        self.globals.pop("lipsum", None)

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        self._check_names(tree)
        return _Bounder().visit(tree)

    def variables_of(self, source: str) -> set[str]:
        """The top-level names ``source`` reads, even when it uses filters or tests only
        its own application has: those are stood in for by placeholders, in a copy of
        this environment, because Jinja's introspection compiles the template."""
        tree = Parser(self, source).parse()
        probe = self.overlay()   # overlay shares the dicts: give it copies
        probe.filters, probe.tests = dict(self.filters), dict(self.tests)
        for node in tree.find_all(nodes.Filter):
            probe.filters.setdefault(node.name, _placeholder)
        for node in tree.find_all(nodes.Test):
            probe.tests.setdefault(node.name, _placeholder)
        return jinja2.meta.find_undeclared_variables(Parser(probe, source).parse())

    def _check_names(self, tree) -> None:
        """An unknown filter or test is an error even in a branch this data skips."""
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            known = self.filters if isinstance(node, nodes.Filter) else self.tests
            if node.name not in known:
                kind = "filter" if isinstance(node, nodes.Filter) else "test"
                raise jinja2.TemplateAssertionError(f"No {kind} named '{node.name}'.",
                                                    node.lineno)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        if globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = super().from_string(source)
        return template

    def call_binop(self, context, operator, left, right):
        limits.tick()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        elif operator == "+" and isinstance(left, str | list | tuple) \
                and isinstance(right, str | list | tuple):
            size = len(left) + len(right)
            what = "phép cộng (+)"
            (limits.check_string_size if isinstance(left, str) else
             limits.check_list_size)(size, what)
        elif operator == "%" and isinstance(left, str):
            limits.check_printf(left, right, "phép định dạng (%)")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        limits.tick()
        name = getattr(__obj, "__name__", "")
        bound = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(bound, str):
            if name in ("ljust", "rjust", "center", "zfill", "expandtabs"):
                for arg in args:
                    if isinstance(arg, int):
                        limits.check_string_size(arg, f"hàm {name}()")
            elif name in ("format", "format_map"):
                limits.check_format_spec(bound, f"hàm {name}()")
        return limits.check_result(
            super().call(__context, __obj, *args, **kwargs), f"lời gọi {name or 'hàm'}()")


def _check_power(left, right) -> None:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        bits = right * abs(left).bit_length()
        if bits > limits.MAX_POWER_BITS:
            raise limits.LimitExceeded(f"phép lũy thừa {left}**{right} tạo số quá lớn")


def _check_repeat(left, right) -> None:
    seq, count = (left, right) if isinstance(right, int) else (right, left)
    if not isinstance(count, int) or not isinstance(seq, str | list | tuple):
        return
    size = len(seq) * count
    what = f"phép nhân {'chuỗi' if isinstance(seq, str) else 'danh sách'} với {count}"
    if isinstance(seq, str):
        limits.check_string_size(size, what)
    else:
        limits.check_list_size(size, what)


def escape_braces(value) -> Markup:
    """Escape text and write its braces as character references (see ``render``)."""
    return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
