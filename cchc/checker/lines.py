"""Short rules under the issuing body, the Tiêu ngữ and the trích yếu: find and measure them.

Word users draw these lines in many ways: a bottom border on the text's own
paragraph or on an empty indented paragraph after it, a DrawingML or VML line
(inline, or floating and anchored in the next paragraph), or a row of "___".
Each way gives its length differently: a border is as wide as its paragraph
(cell or text width less the indents), a shape says its extent, characters are
measured with Times metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from cchc.core.layout import text_width_mm

from .locate import gap_after
from .model import DocModel, Para, Piece
from .resolve import TWIP_MM

_DEFAULT_CELL_MARGIN = 108.0  # twips: Word's 0.19 cm left and right cell margins


@dataclass(frozen=True)
class Rule:
    how: str  # "border", "drawing", "characters"
    length_mm: float | None  # None when the drawing does not say


def cell_room_mm(p) -> float | None:
    """Width a paragraph directly in a table cell can fill: the cell less its margins."""
    tc = p.getparent()
    if tc is None or tc.tag != qn("w:tc"):
        return None
    tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcw is None or tcw.get(qn("w:type"), "dxa") != "dxa" or not tcw.get(qn("w:w")):
        return None
    tbl = next(tc.iterancestors(qn("w:tbl")))
    margins = {"left": _DEFAULT_CELL_MARGIN, "right": _DEFAULT_CELL_MARGIN}
    for container in (tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}"),
                      tc.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}")):
        for side, alias in (("left", "start"), ("right", "end")):
            found = [] if container is None else [
                el for el in (container.find(qn(f"w:{side}")), container.find(qn(f"w:{alias}")))
                if el is not None and el.get(qn("w:w"))]
            if found:
                margins[side] = float(found[0].get(qn("w:w")))
    return (float(tcw.get(qn("w:w"))) - margins["left"] - margins["right"]) * TWIP_MM


def para_width_mm(model: DocModel, para: Para) -> float | None:
    """Width a paragraph's border spans: its cell or the text width, less its indents."""
    room = cell_room_mm(para.element) if para.table is not None else None
    if room is None and para.table is None:
        section = model.sections[min(para.section, len(model.sections) - 1)]
        if section.page_width is not None:
            room = (section.page_width - (section.left_margin or 0)
                    - (section.right_margin or 0)) / 36000
    if room is None:
        return None
    return room - para.props.left_mm - para.props.right_mm


def _drawn(piece: Piece) -> Rule | None:
    for f in piece.fragments:
        if f.is_line:
            return Rule("drawing", f.line_mm)
    return None


def rule_under(model: DocModel, pieces: list[Piece], first: Piece,
               stop: Piece | None) -> Rule | None:
    """The line under ``first`` (before ``stop`` in its column), or None."""
    if first.para.props.border_bottom:
        return Rule("border", para_width_mm(model, first.para))
    for pc in gap_after(pieces, first, stop)[1:]:
        if pc.has_line and pc.text:
            sizes = [printed_size(f.props) for f in pc.text_fragments if f.props.size]
            width = text_width_mm(pc.text, max(sizes) if sizes else 12, pc.all("bold"))
            return Rule("characters", width)
        if _drawn(pc):
            return _drawn(pc)
        if pc.para.props.border_bottom or pc.para.props.border_top:
            return Rule("border", para_width_mm(model, pc.para))
    if _drawn(first):
        return _drawn(first)
    if stop is None:
        return None
    # a floating line is often anchored in the next paragraph ("Số: …", the date)
    if _drawn(stop):
        return _drawn(stop)
    if stop.para.props.border_top and stop.para is not first.para:
        return Rule("border", para_width_mm(model, stop.para))
    return None


def printed_size(props) -> float:
    """The size a run prints at: superscript and subscript shrink to about 2/3."""
    return (props.size or 12) * (_SCRIPT_SCALE if props.script else 1.0)


_SCRIPT_SCALE = 0.65


def text_width(pieces: list[Piece]) -> float:
    """Printed width of the widest of these lines."""
    widths = []
    for pc in pieces:
        sizes = [f.props.size for f in pc.text_fragments if f.props.size]
        widths.append(text_width_mm(pc.shown_text(), max(sizes) if sizes else 12,
                                    pc.all("bold")))
    return max(widths, default=0.0)


def loose_line(model: DocModel, header_paras: list[Para], side: int) -> Rule | None:
    """A floating line Word anchored in an empty paragraph right after the header block
    (where the mouse dropped it), on the side of the column it is drawn under: its
    middle left of about 40 % of the text width is under the left column."""
    if not header_paras:
        return None
    last = max(p.index for p in header_paras)
    after = [p for p in model.paras if p.index > last and p.table is None]
    for para in after[:3]:
        if para.text:
            break
        for frag in para.fragments:
            if not frag.is_line or frag.line_x_mm is None:
                continue
            width = para_width_mm(model, para) or 165.0
            middle = frag.line_x_mm + (frag.line_mm or 0) / 2
            if (middle > 0.4 * width) == (side == 1):
                return Rule("drawing", frag.line_mm)
    return None
