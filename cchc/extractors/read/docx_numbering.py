"""What Word shows in front of an automatically numbered paragraph.

python-docx exposes ``numPr`` but does not compute list labels, so a heading that
Word numbers itself ("I.", "1.", "a)") has no number in its text, and a bullet of a
"List Bullet" style looks just like a numbered item. This module reads
``numbering.xml`` (w:num → w:abstractNum → w:lvl with start, numFmt, lvlText) and
keeps Word's counters while the body is walked in order:

- counters belong to the abstract list, so list instances (w:num) that share one
  continue each other unless a ``startOverride`` restarts them;
- numbering a level resets the deeper levels of the same list;
- ``lvlText`` "%1.%2." is filled with each level's counter in that level's format.

A bullet (numFmt "bullet", or "none") has no label: it is not numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Word's list definitions and the running counters of one document."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → lvls
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root) -> Numbering:
        """From the ``w:numbering`` element (None gives an empty definition)."""
        n = cls()
        if root is None:
            return n
        for ab in root.iterchildren(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            n.levels[aid] = {int(lv.get(W + "ilvl", "0")): _level(lv)
                             for lv in ab.iterchildren(W + "lvl")}
        for num in root.iterchildren(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            n.abstract_of[nid] = ref.get(W + "val")
            for ov in num.iterchildren(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                ilvl = int(ov.get(W + "ilvl", "0"))
                if so is not None:
                    n.overrides.setdefault(nid, {})[ilvl] = _int(so.get(W + "val"), 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:  # a whole level redefined for this instance
                    n.levels.setdefault(f"{nid}!", dict(n.levels.get(n.abstract_of[nid], {})))
                    n.levels[f"{nid}!"][ilvl] = _level(lvl)
                    n.abstract_of[nid] = f"{nid}!"
        return n

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """The label Word shows for the next paragraph of this list; None for a bullet,
        for numId 0 (numbering removed) and for a list the document does not define."""
        if not num_id or num_id == "0" or num_id not in self.abstract_of:
            return None
        aid = self.abstract_of[num_id]
        levels = self.levels.get(aid, {})
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counts = self.counters.setdefault(aid, [None] * MAX_LEVELS)
        override = self.overrides.get(num_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, start in override.items():  # a restarted instance: its own count
                counts[k] = start - 1
        counts[ilvl] = (counts[ilvl] if counts[ilvl] is not None else lvl.start - 1) + 1
        for k in range(ilvl + 1, MAX_LEVELS):
            counts[k] = None
        if lvl.fmt in ("bullet", "none"):
            return None
        text = lvl.text
        for k in range(ilvl, -1, -1):
            token = f"%{k + 1}"
            if token in text:
                other = levels.get(k, Level())
                value = counts[k] if counts[k] is not None else other.start
                text = text.replace(token, format_value(value, other.fmt))
        return text.strip() or None


def _level(lv) -> Level:
    start = lv.find(W + "start")
    fmt = lv.find(W + "numFmt")
    text = lv.find(W + "lvlText")
    return Level(start=_int(start.get(W + "val") if start is not None else None, 1),
                 fmt=fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                 text=text.get(W + "val", "") if text is not None else "")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_value(value: int, fmt: str) -> str:
    """A counter written in a numFmt: decimal, upperRoman, lowerLetter, …"""
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        out = []
        for n, s in _ROMAN:
            while value >= n:
                out.append(s)
                value -= n
        roman = "".join(out)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
