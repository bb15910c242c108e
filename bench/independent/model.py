"""The document model every writer renders, and the ground-truth record derived from it.

A report is a list of blocks (header, headings, paragraphs, tables). Truth comes from the
same blocks, so what a writer prints and what the record says cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STAT_KEYS = ["received_total", "received_online", "carried_over", "received_direct",
             "received_postal", "resolved_total", "resolved_on_time", "resolved_late",
             "pending_total", "pending_not_due", "pending_overdue", "supplement_requested",
             "returned", "postal_results"]


@dataclass
class Header:
    parent: str | None
    unit_lines: list[str]
    number_text: str
    place_date: str
    layout: str  # table | textbox | paragraphs
    motto: tuple[str, str] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class Heading:
    key: str | None  # outline key, None for a wrapper or a sub-heading inside a section
    label: str  # printed number ("II.", "5.1.", "a)") or "" when Word numbers it
    title: str
    level: int  # 0 wrapper/top, 1 item, 2 sub-item
    auto: str | None = None  # Word numbering format id when numbered by numPr


@dataclass
class Para:
    segments: list[tuple[str, str]]  # ("n"|"ins"|"del", text)
    bullet: str | None = None  # "-", "+", "•", "list" (Word List Bullet) or None
    comment: str | None = None
    align: str | None = None
    bold: bool = False
    italic: bool = False

    @property
    def text(self) -> str:
        return "".join(t for k, t in self.segments if k != "del")


@dataclass
class IndTable:
    header: list[str]
    rows: list[list[str]]


@dataclass
class StatsRow:
    kind: str  # data | group | note
    stt: str
    label: str
    values: dict[str, int] = field(default_factory=dict)
    group: str | None = None


@dataclass
class StatsTable:
    title: str
    period_line: str
    rows: list[StatsRow]
    total: dict[str, int] | None
    total_label: str
    total_first: bool
    zero_styles: list[str]
    thousands: str
    header_kind: str  # form | flat
    numbers_row: bool
    split_at: int | None
    merged_header: bool = True


@dataclass
class Signature:
    recipients: list[str]
    title: str
    name: str


@dataclass
class Doc:
    name: str
    header: Header | None
    title_lines: list[str]
    blocks: list = field(default_factory=list)
    signature: Signature | None = None
    truth: dict = field(default_factory=dict)
    habits: dict = field(default_factory=dict)
    refused: bool = False
    aux: dict = field(default_factory=dict)


def fmt_int(v: int, sep: str = ".") -> str:
    """Vietnamese thousands grouping with the given separator ('' = none)."""
    s = str(v)
    if not sep or len(s) <= 3:
        return s
    parts = []
    while s:
        parts.insert(0, s[-3:])
        s = s[:-3]
    return sep.join(parts)


def cell_text(v: int, zero_style: str, sep: str) -> str:
    return zero_style if v == 0 else fmt_int(v, sep)
