"""A tiny evaluator for the formulas a statistics form uses, when no cached value exists.

Excel stores each formula's last result, but files written by programs that never
calculate (openpyxl — including `cchc generate stats-form` — and some exporters)
carry only the formula. The form's formulas are plain: SUM, COUNT, IF, ROUND,
arithmetic and comparisons over cells and ranges; anything else gives None and
the cell reads as blank rather than as a wrong number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.utils import range_boundaries

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\")|"
                    r"(?P<ref>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![A-Z(])|"
                    r"(?P<func>[A-Z][A-Z0-9.]*)\s*\(|(?P<op><>|<=|>=|[-+*/=<>(),&]))")


class FormulaError(ValueError):
    pass


def evaluate(formula: str, cell: Callable[[int, int], object]):
    """Value of ``formula`` ("=SUM(A1:B2)"); ``cell(row, col)`` gives referenced values."""
    tokens = _tokenize(formula.lstrip("=").strip())
    parser = _Parser(tokens, cell)
    value = parser.expr()
    if parser.pos != len(tokens):
        raise FormulaError("trailing tokens")
    return value


def _tokenize(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.upper() if '"' not in text else text
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaError(f"cannot read {text[pos:]!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _numbers(values) -> list[float]:
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, list) else [v])
    return [v for v in flat if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _num(v) -> float:
    if isinstance(v, list) or v is None or v == "":
        return 0
    if isinstance(v, (int, float)):
        return v
    raise FormulaError("not a number")


_FUNCS = {
    "SUM": lambda args: sum(_numbers(args)),
    "COUNT": lambda args: len(_numbers(args)),
    "ROUND": lambda args: round(_num(args[0]), int(_num(args[1])) if len(args) > 1 else 0),
    "MAX": lambda args: max(_numbers(args), default=0),
    "MIN": lambda args: min(_numbers(args), default=0),
}


class _Parser:
    def __init__(self, tokens, cell):
        self.tokens, self.pos, self.cell = tokens, 0, cell

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise FormulaError(f"expected {value}")
        self.pos += 1
        return tok

    def expr(self):
        left = self.add()
        kind, op = self.peek()
        if kind == "op" and op in ("=", "<>", "<", ">", "<=", ">="):
            self.take()
            right = self.add()
            a, b = (_num(left), _num(right)) if not (isinstance(left, str) or isinstance(
                right, str)) else (str(left or ""), str(right or ""))
            return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b,
                    ">=": a >= b}[op]
        return left

    def add(self):
        value = self.mul()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.mul()
            value = _num(value) + _num(right) if op == "+" else _num(value) - _num(right)
        return value

    def mul(self):
        value = self.unary()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = _num(self.unary())
            if op == "/" and right == 0:
                raise FormulaError("division by zero")
            value = _num(value) * right if op == "*" else _num(value) / right
        return value

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return -_num(self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return float(text) if "." in text else int(text)
        if kind == "str":
            return text[1:-1]
        if kind == "ref":
            return self.ref(text.replace("$", ""))
        if kind == "func":
            args = []
            if self.peek()[1] != ")":
                args.append(self.expr())
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.expr())
            self.take(")")
            return self.call(text, args)
        if text == "(":
            value = self.expr()
            self.take(")")
            return value
        raise FormulaError(f"unexpected {text!r}")

    def call(self, name: str, args: list):
        if name == "IF":
            cond = args[0] if args else False
            chosen = args[1] if cond and len(args) > 1 else (args[2] if len(args) > 2 else False)
            return chosen
        if name not in _FUNCS:
            raise FormulaError(f"function {name}")
        return _FUNCS[name](args)

    def ref(self, ref: str):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if ":" not in ref:
            return self.cell(min_row, min_col)
        return [self.cell(r, c) for r in range(min_row, max_row + 1)
                for c in range(min_col, max_col + 1)]
