"""Outline 5.5: the budget assigned to and the money spent on digital transformation.

Amounts are written "1.500.000.000 đồng", "1,5 tỷ đồng", "820,5 triệu đồng" or
in a table whose header says the unit ("Số tiền (triệu đồng)"); all become đồng.
"""

from __future__ import annotations

import re

from cchc.core.vn import parse_number
from cchc.extractors.model import Para, Table
from cchc.extractors.text import norm

# An amount: "1.500.000.000", "820,5", or thousands apart by spaces ("4 944 554 000").
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?(?!\d|[.,]\d)|\d[\d.,]*)"
    r"\s*(tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|đ\b|vnđ|vnd)?", re.IGNORECASE)
_SCALE = {"tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
# "3.300.000.000" with its unit lost (a scan drops the "đ" after it): millions written
# out to the last đồng can only be money, and the reports count money in đồng.
_WHOLE_DONG = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_MONEY = re.compile(r"\b(?:đồng|tỷ|tỉ|triệu)\b", re.IGNORECASE)
BUDGET = (" du toan ", " duoc giao ", " ke hoach von ", " bo tri ")
SPENT = (" da thuc hien chi ", " da chi ", " giai ngan ", " thuc hien chi ", " da su dung ",
         " kinh phi da ")


def kind_of(text: str) -> str | None:
    n = norm(text)
    if any(k in n for k in SPENT):
        return "spent_vnd"
    if any(k in n for k in BUDGET):
        return "budget_assigned_vnd"
    return None


def amounts(text: str, default_unit: str | None = None):
    """(position, đồng) of every amount with a money unit (or any, when implied)."""
    for pos, value, _ in _amounts(text, default_unit):
        yield pos, value


# Digits right before an amount, apart by a space that is no thousands group: a scan broke
# the number ("1218 5 triệu" for "1218,5 triệu"); the amount read is only its tail.
_BROKEN = re.compile(r"\d[ \u00a0]$")


def _amounts(text: str, default_unit: str | None = None):
    """(position, đồng, doubtful) of every amount, doubtful when the number looks broken."""
    for m in _AMOUNT.finditer(text):
        value = parse_number(m.group(1))
        if value is None:
            continue
        tail = text[m.end(1):m.end(1) + 12].lower()
        scale_word = (m.group(2) or "").lower()
        has_unit = bool(scale_word) or re.match(r"\s*(đồng|đ\b|vnđ|vnd)", tail)
        if not has_unit and not default_unit and not _WHOLE_DONG.match(m.group(1).rstrip(".,")):
            continue
        if re.match(r"\s*(/|%|năm|tháng)", tail) or re.search(r"năm\s*$", text[:m.start()]):
            continue
        scale = _SCALE.get(scale_word) or _SCALE.get(default_unit or "", 1)
        yield m.start(), int(round(value * scale)), bool(_BROKEN.search(text[:m.start()]))


def amount(text: str, default_unit: str | None = None) -> int | None:
    return next((v for _, v in amounts(text, default_unit)), None)


def classified(text: str, default_unit: str | None = None):
    """Each amount with the kind named by the words just before it.

    "Kinh phí được giao 1.500 triệu đồng, đã giải ngân 820,5 triệu đồng" holds both.
    """
    for kind, value, _ in _classified(text, default_unit):
        yield kind, value


def _classified(text: str, default_unit: str | None = None):
    start = 0
    for pos, value, doubtful in _amounts(text, default_unit):
        kind = kind_of(text[start:pos]) or kind_of(text[:pos])
        start = pos + 1
        if kind:
            yield kind, value, doubtful


def find_investment(spans, uncertain: set | None = None, sources: dict | None = None,
                    unread: set | None = None) -> dict:
    """Both amounts, preferring those written in 5.5; ``uncertain`` collects the kinds
    whose number looked broken where it was read, or that a table's items add up to;
    ``sources`` receives each kind's (block, table row or None, text read); ``unread``
    the kinds 5.5 speaks of in money ("… là 1.300.00a nan đồng": a scan garbled the
    number) with no amount read anywhere."""
    found: dict[str, tuple[int, int]] = {}
    doubt: dict[str, bool] = {}
    origin: dict[str, tuple] = {}
    spoken: set[str] = set()
    for span in spans:
        rank = 0 if span.key == "5.5" else 1
        for block in span.blocks:
            if rank == 0 and isinstance(block, Table):
                summed: set[str] = set()
                for kind, value in by_columns(block, summed).items():
                    if kind not in found:
                        found[kind] = (rank, value)
                        doubt[kind] = kind in summed
                        origin[kind] = (block, None, block.text())
        for text, unit, (block, row) in _texts(span):
            if rank and "chuyen doi so" not in norm(text):
                continue
            if rank == 0 and (kind := kind_of(text)) and _MONEY.search(text):
                spoken.add(kind)
            for kind, value, doubtful in _classified(text, unit):
                if kind not in found or rank < found[kind][0]:
                    found[kind] = (rank, value)
                    doubt[kind] = doubtful
                    origin[kind] = (block, row, text)
    if sources is not None:
        sources.update(origin)
    if uncertain is not None:
        uncertain.update(k for k, d in doubt.items() if d)
    if unread is not None:
        unread.update(spoken - set(found))
    return {k: found[k][1] if k in found else None for k in ("budget_assigned_vnd", "spent_vnd")}


def _unit_of(header: str) -> str | None:
    """The money unit a header names: "(triệu đồng)", "Số tiền (tỷ đồng)", "(đồng)"."""
    head = norm(header)
    return "tỷ" if " ty dong " in head else "triệu" if " trieu dong " in head else (
        "đồng" if " dong " in head else None)


def by_columns(table: Table, summed: set | None = None) -> dict[str, int]:
    """A 5.5 table whose columns are the kinds ("Dự toán được giao (triệu đồng)" |
    "Đã thực hiện chi (triệu đồng)") and whose rows are spending items: the amounts of
    its "Tổng cộng" row, or of its one item; with several items and no total row, their
    sum (``summed`` collects the kinds so added up: a guess, flagged)."""
    if len(table.rows) < 2:
        return {}
    head = table.rows[0]
    whole = _unit_of(" ".join(head))
    cols = {}
    for j, cell in enumerate(head):
        kind = kind_of(cell)
        if kind and kind not in cols.values():
            cols[j] = kind
    if not cols:
        return {}
    body = [r for r in table.rows[1:] if any(c.strip() for c in r)]
    totals = [r for r in body if norm(" ".join(r[:2])).startswith((" tong ", " cong "))]
    rows = totals[-1:] or body
    out: dict[str, int] = {}
    for row in rows:
        for j, kind in cols.items():
            if j < len(row):
                value = amount(row[j], _unit_of(head[j]) or whole or "đồng")
                if value is not None:
                    out[kind] = out.get(kind, 0) + value
    if len(rows) > 1 and summed is not None:
        summed.update(out)
    return out


def _texts(span):
    """(text, money unit its table names or None, (block, table row or None))."""
    if span.lead:
        yield span.lead, None, (span.head, None)
    for block in span.blocks:
        if isinstance(block, Para):
            for part in re.split(r"(?<=[;.])\s+(?=[-–+•]|[A-ZĐ])|\n", block.text):
                yield part, None, (block, None)
        elif isinstance(block, Table) and block.rows:
            unit = _unit_of(" ".join(block.rows[0]))
            for r, row in enumerate(block.rows):
                yield " ".join(dict.fromkeys(c for c in row if c)), unit, (block, r)
