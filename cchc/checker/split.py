"""Cut a piece of a header line where a second column starts without a tab.

Typists often line a header up with spaces ("SỞ NỘI VỤ          CỘNG HÒA XÃ HỘI …")
or put the Quốc hiệu and the Tiêu ngữ in one paragraph, so one piece holds two
elements. The header locator cuts such a piece into pieces of its own, keeping
each fragment's formatting and run so the rules and ``--fix`` still reach it.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Fragment, Piece

_GAP = re.compile(r"[ \u00a0\u2002\u2003]{3,}")


def _fold_char(ch: str) -> str:
    ch = ch.lower().replace("đ", "d")
    base = unicodedata.normalize("NFD", ch)[0] if ch else ""
    return base if base.isalnum() else ""


def find_folded(raw: str, folded_target: str) -> tuple[int, int] | None:
    """Raw character span of ``folded_target`` (letters only, no diacritics) in ``raw``."""
    letters, where = [], []
    for i, ch in enumerate(raw):
        f = _fold_char(ch)
        if f:
            letters.append(f)
            where.append(i)
    at = "".join(letters).find(folded_target)
    if at < 0:
        return None
    return where[at], where[at + len(folded_target) - 1] + 1


def cut(piece: Piece, positions: list[int], sides: list[int]) -> list[Piece]:
    """The piece cut at raw character ``positions`` into len(positions)+1 pieces."""
    bounds = [0, *positions, len(piece.raw)]
    out = [Piece(piece.para, side) for side in sides]
    pos = 0
    for frag in piece.fragments:
        lo, hi = pos, pos + len(frag.text)
        pos = hi
        for k in range(len(out)):
            a, b = max(lo, bounds[k]), min(hi, bounds[k + 1])
            if frag.is_line and lo == hi and bounds[k] <= lo < bounds[k + 1]:
                out[k].fragments.append(frag)
            elif a < b:
                out[k].fragments.append(Fragment(frag.text[a - lo:b - lo], frag.props, frag.run,
                                                 frag.is_line, frag.line_mm))
    return [pc for pc in out if pc.fragments]


def replace(piece: Piece, new: list[Piece]) -> None:
    """Put ``new`` in place of ``piece`` in its paragraph."""
    pieces = piece.para.pieces
    i = pieces.index(piece)
    pieces[i:i + 1] = new


def split_national(piece: Piece, folded_start: str, motto_letters: str) -> Piece:
    """The Quốc hiệu as a piece of its own when it shares ``piece`` with other text.

    ``folded_start`` is how the name begins (letters only, no diacritics). Text
    before it becomes a left-column piece, a Tiêu ngữ after it a piece under it.
    """
    raw = piece.raw
    span = find_folded(raw, folded_start)
    if span is None:
        return piece
    start = span[0]
    motto = find_folded(raw[start:], motto_letters)
    positions, sides = [], [1]
    if raw[:start].strip():
        positions.append(start)
        sides.insert(0, 0)
    if motto is not None and motto[0] > 0:
        positions.append(start + motto[0])
        sides.append(1)
    if not positions:
        return piece
    parts = cut(piece, positions, sides)
    replace(piece, parts)
    return next(pc for pc in parts if find_folded(pc.raw, folded_start) is not None)


def split_gap(piece: Piece) -> bool:
    """Cut a line at its first run of three or more spaces into a left and a right piece."""
    raw = piece.raw
    m = _GAP.search(raw)
    if m is None or not raw[:m.start()].strip() or not raw[m.end():].strip():
        return False
    replace(piece, cut(piece, [m.start()], [0, 1]))
    return True
