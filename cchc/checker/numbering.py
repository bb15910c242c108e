"""The labels Word's automatic numbering prints ("I.", "1.", "a)"), as text.

Headings numbered by Word (w:numPr) carry no number in their text, so the
numbering rule would not see them. Worse, Word's lowerLetter format counts
a, b, c, d, e: an automatically lettered list can never have the "đ)" the decree
wants after "d)". The labels are worked out here the way Word counts them, so the
numbering rule reads them like typed ones.
"""

from __future__ import annotations

from docx.oxml.ns import qn

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    """Word's letters: a … z, then aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(), "upperLetter": lambda n: letter(n).upper(),
    "lowerLetter": letter,
}


class Numbering:
    """Counts list levels through a document, paragraph by paragraph, in reading order."""

    def __init__(self, document, resolver):
        self.resolver = resolver
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self.abstract = {}
        self.nums = {}
        if root is not None:
            for a in root.findall(qn("w:abstractNum")):
                self.abstract[a.get(qn("w:abstractNumId"))] = a
            for n in root.findall(qn("w:num")):
                self.nums[n.get(qn("w:numId"))] = n
        self.counters: dict[str, list[int | None]] = {}

    def label(self, p) -> str | None:
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id not in self.nums or num_id == "0":
            return None
        num = self.nums[num_id]
        aid_el = num.find(qn("w:abstractNumId"))
        abstract = self.abstract.get(aid_el.get(qn("w:val")) if aid_el is not None else None)
        if abstract is None:
            return None
        levels = {int(lv.get(qn("w:ilvl"), "0")): lv for lv in abstract.findall(qn("w:lvl"))}
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract.get(qn("w:abstractNumId")), [None] * 9)
        start = self._start(num, levels, ilvl)
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        return self._text(levels, counters, ilvl, num)

    def _num_pr(self, p) -> tuple[str | None, int]:
        for ppr in self.resolver.ppr_chain(p)[:-1]:
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = num_pr.find(qn("w:numId"))
                ilvl = num_pr.find(qn("w:ilvl"))
                return (num_id.get(qn("w:val")) if num_id is not None else None,
                        int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0)
        return None, 0

    def _start(self, num, levels, ilvl: int) -> int:
        for override in num.findall(qn("w:lvlOverride")):
            if int(override.get(qn("w:ilvl"), "-1")) == ilvl:
                so = override.find(qn("w:startOverride"))
                if so is not None:
                    return int(so.get(qn("w:val"), "1"))
        start = levels[ilvl].find(qn("w:start"))
        return int(start.get(qn("w:val"), "1")) if start is not None else 1

    def _text(self, levels, counters, ilvl: int, num) -> str | None:
        lvl = levels[ilvl]
        fmt_el, text_el = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText"))
        fmt = fmt_el.get(qn("w:val"), "decimal") if fmt_el is not None else "decimal"
        if fmt not in _FORMATS or text_el is None:
            return None  # bullets and exotic formats print no comparable number
        text = text_el.get(qn("w:val"), "")
        for k in range(9):
            if f"%{k + 1}" in text:
                level = levels.get(k)
                kfmt = level.find(qn("w:numFmt")) if level is not None else None
                kname = kfmt.get(qn("w:val"), "decimal") if kfmt is not None else "decimal"
                value = counters[k] if counters[k] is not None else self._start(num, levels, k)
                text = text.replace(f"%{k + 1}", _FORMATS.get(kname, str)(value))
        return text
