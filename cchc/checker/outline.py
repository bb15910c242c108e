"""Follow a document's heading numbers (I., 1., 1.1., a)) and say where one skips.

Real documents restart their numbering in many places: at every "Chương",
"Mục", "Phần", at every "Điều N." (its khoản count 1, 2, 3 again), at an annex
("Phụ lục", or a title followed by "(Kèm theo …)") and at a sample form printed
inside an annex ("Mẫu 1.1 - …"). A typist also puts several items on one line
("a) …; b) …"), and a later item continues from the last one on that line. Only
a number that really breaks the sequence is reported, and the number it should
have been is always one the reader can act on (never "0.1").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cchc.core import layout
from cchc.core.vn import fold

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
_ROMAN = re.compile(r"^([IVXLC]+)\.\s")
_ARABIC = re.compile(r"^(\d{1,2})\.\s")
_SUB = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s")
_LETTER = re.compile(r"^([a-zđ])\)\s")
# a part that starts its own numbering: "Chương II", "Mục 1", "Phần I", "Phụ lục 2", "Mẫu 1.1"
_RESTART = re.compile(r"^(chuong|muc|phan|phu luc|mau)\s+([ivxlc]+|\d+(\.\d+)*|[a-z])\b")
_ARTICLE = re.compile(r"^dieu\s+\d+[a-z]?\s*[.:]")
# items after the first on the same line: "…; b) …", "…. 2. Kiểu …"
_INLINE_ARABIC = re.compile(r"[.;:]\s+(\d{1,2})\.\s+(?=[^\W\d_])")
_INLINE_LETTER = re.compile(r"[.;:,]\s+([a-zđ])\)\s")


_KEEP = 5  # interrupted sequences remembered


@dataclass
class Skip:
    """A number that breaks the sequence: what was found and what should come."""

    found: str
    want: str


class Outline:
    """The counters of one numbering run: Roman, Arabic, Arabic.sub, letter."""

    def __init__(self):
        self.saved: list[tuple] = []  # the counts before each sample form, to resume after
        self.restart()

    def restart(self) -> None:
        self.roman = self.arabic = self.sub = 0
        self.sub_head: int | None = None
        self.letter = -1

    def aside(self) -> None:
        """Start counting afresh, keeping the counts to resume after (a sample, a table)."""
        if self._state() != (0, 0, 0, None, -1):
            self.saved = [*self.saved, self._state()][-_KEEP:]
        self.restart()

    def _state(self) -> tuple:
        return self.roman, self.arabic, self.sub, self.sub_head, self.letter

    def line(self, text: str) -> Iterator[Skip]:
        """Read one line; yield a Skip when its leading number breaks the sequence."""
        folded = fold(text)
        m = _RESTART.match(folded)
        if m or _ARTICLE.match(folded):
            if m and m.group(1) == "mau":
                self.aside()
            else:
                self.restart()
            return
        skips = list(self._lead(text))
        if skips and self._resumes(text):
            skips = []
        yield from skips
        self._inline(text)

    def _resumes(self, text: str) -> bool:
        """The text after a sample form goes on from the counts before it."""
        current = self._state()
        for at in range(len(self.saved) - 1, -1, -1):
            self.roman, self.arabic, self.sub, self.sub_head, self.letter = self.saved[at]
            if not list(self._lead(text)):
                del self.saved[at:]  # back in the text the sample interrupted
                return True
        self.roman, self.arabic, self.sub, self.sub_head, self.letter = current
        list(self._lead(text))
        return False

    def _lead(self, text: str) -> Iterator[Skip]:
        m = _ROMAN.match(text)
        if m and m.group(1) in ROMANS:
            want = ROMANS[self.roman] if self.roman < len(ROMANS) else None
            if want is not None and m.group(1) != want:
                yield Skip(m.group(1) + ".", want + ".")
            self.roman = ROMANS.index(m.group(1)) + 1
            self.arabic, self.sub, self.sub_head, self.letter = 0, 0, None, -1
            return
        m = _SUB.match(text)
        if m:
            yield from self._sub(int(m.group(1)), int(m.group(2)))
            return
        m = _ARABIC.match(text)
        if m:
            n = int(m.group(1))
            if n != self.arabic + 1:
                yield Skip(f"{n}.", f"{self.arabic + 1}.")
            self.arabic, self.sub, self.sub_head, self.letter = n, 0, None, -1
            return
        m = _LETTER.match(text)
        if m:
            yield from self._letter(m.group(1))

    def _sub(self, head: int, n: int) -> Iterator[Skip]:
        """"2.1.", "2.2." under "2."; a document may also number "1.1." with no "1." line."""
        if head == self.arabic or self.arabic == 0:
            want = self.sub + 1 if self.sub_head == head else 1
            if n != want:
                yield Skip(f"{head}.{n}", f"{head}.{want}")
        else:
            want = self.sub + 1 if self.sub_head == self.arabic else 1
            yield Skip(f"{head}.{n}", f"{self.arabic}.{want}")
        self.sub, self.sub_head, self.letter = n, head, -1

    def _letter(self, found: str) -> Iterator[Skip]:
        letters = layout.ITEM_LETTERS
        want = letters[self.letter + 1] if self.letter + 1 < len(letters) else None
        if want is not None and found != want:
            yield Skip(found + ")", want + ")")
        self.letter = letters.index(found) if found in letters else self.letter + 1

    def _inline(self, text: str) -> None:
        """Items after the first on the same line move the count on, if they are next."""
        hits = [(m.start(), "arabic", int(m.group(1))) for m in _INLINE_ARABIC.finditer(text)]
        hits += [(m.start(), "letter", m.group(1)) for m in _INLINE_LETTER.finditer(text)]
        letters = layout.ITEM_LETTERS
        for _, kind, value in sorted(hits, key=lambda h: h[0]):
            if kind == "arabic" and value == self.arabic + 1:
                self.arabic, self.sub, self.sub_head, self.letter = value, 0, None, -1
            elif kind == "letter" and self.letter + 1 < len(letters) and \
                    value == letters[self.letter + 1]:
                self.letter += 1
