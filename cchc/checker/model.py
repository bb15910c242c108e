"""A Word document read once into paragraphs, pieces and effective formatting.

Every rule looks at the same model, so the expensive part (resolving each run's
font through styles, defaults and theme) happens once per file. A paragraph is
split into *pieces* at line breaks and tabs, because a header laid out with tab
stops puts the left and right columns in one paragraph ("SỞ NỘI VỤ<tab>Độc
lập - Tự do - Hạnh phúc"); a piece is what one column shows on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from cchc.core.layout import text_width_mm
from cchc.core.legacy_encoding import font_encoding, to_unicode
from cchc.core.vn import clean

from .numbering import Numbering
from .resolve import ParaProps, Resolver, RunProps

V_NS = "urn:schemas-microsoft-com:vml"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_LINE_CHARS = re.compile(r"[_\-–—―‒─━=.·]{3,}")
_RIGHT_INDENT_MM = 60.0  # text starting this far right sits in the header's right column
_DEFAULT_TAB_MM = 12.7


@dataclass
class Fragment:
    text: str
    props: RunProps
    run: object  # the w:r element
    is_line: bool = False  # a drawn line (DrawingML or VML), not text
    line_mm: float | None = None  # its length, when the drawing says
    line_x_mm: float | None = None  # a floating line's left end, from its anchor's column


@dataclass
class Piece:
    """One column of one line of a paragraph."""

    para: Para
    side: int  # 0 left column, 1 right column
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "".join(f.text for f in self.fragments)

    @property
    def text(self) -> str:
        return clean(self.raw)

    @property
    def text_fragments(self) -> list[Fragment]:
        return [f for f in self.fragments if f.text.strip()]

    @property
    def has_line(self) -> bool:
        """The piece is a rule: a drawn line with no text, or a row of "___" / "–––"."""
        if not self.text:
            return any(f.is_line for f in self.fragments)
        return _LINE_CHARS.fullmatch(self.text.replace(" ", "")) is not None

    @property
    def where(self) -> str:
        """The paragraph's number and this piece's own first words (a tab line holds two)."""
        if len(self.para.pieces) == 1 or not self.text:
            return self.para.where
        return f"đoạn {self.para.index} «{first_words(self.text)}»"

    @property
    def letter_fragments(self) -> list[Fragment]:
        """The runs that show letters or digits (all text runs when none does): a ":" or
        "." typed in a run of its own does not carry the piece's bold or italic."""
        return [f for f in self.text_fragments if any(ch.isalnum() for ch in f.text)] or \
            self.text_fragments

    def all(self, attr: str) -> bool:
        frags = self.letter_fragments
        return bool(frags) and all(getattr(f.props, attr) for f in frags)

    def any(self, attr: str) -> bool:
        return any(getattr(f.props, attr) for f in self.text_fragments)

    def shown_text(self) -> str:
        """The text as printed: runs in small or all caps show upper case."""
        return clean("".join(f.text.upper() if f.props.caps else f.text for f in self.fragments))


@dataclass
class Para:
    index: int  # 1-based, in document order including table cells
    element: object
    props: ParaProps
    section: int
    table: int | None = None  # index of the top-level table holding it
    row: int | None = None
    col: int | None = None
    span: int = 1  # grid columns its cell spans
    pieces: list[Piece] = field(default_factory=list)
    sect_break: bool = False  # this paragraph ends a section
    label: str | None = None  # the number Word's automatic numbering prints before it

    @property
    def text(self) -> str:
        return clean(" ".join(p.raw for p in self.pieces))

    @property
    def fragments(self) -> list[Fragment]:
        return [f for p in self.pieces for f in p.fragments]

    @property
    def where(self) -> str:
        head = first_words(self.text)
        return f"đoạn {self.index} «{head}»" if head else f"đoạn {self.index} (trống)"


SYMBOL_FONTS = frozenset({"wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol",
                          "marlett", "cambria math", "segoe ui symbol", "ms outlook",
                          "zapfdingbats", "zapf dingbats"})


def is_glyph(text: str, fonts) -> bool:
    """A check box or bullet typed in a symbol font ("o" in Wingdings draws a box, "□" in
    Cambria Math): a glyph, not text to set in Times New Roman."""
    shown = text.strip()
    if not shown or not fonts or not all(f.strip().lower() in SYMBOL_FONTS for f in fonts):
        return False
    return len(shown) <= 2 or not any(ch.isalnum() for ch in shown)


def first_words(text: str, count: int = 7) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


class DocModel:
    """Paragraphs in reading order, with the document's sections and resolver."""

    def __init__(self, document):
        self.document = document
        self.resolver = Resolver(document)
        self.numbering = Numbering(document, self.resolver)
        self.paras: list[Para] = []
        self.tables: list = []
        self._section = 0
        body = document.element.body
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                self._add_para(child, None)
            elif child.tag == qn("w:tbl"):
                self.tables.append(child)
                self._add_table(child, len(self.tables) - 1)

    @property
    def sections(self):
        return self.document.sections

    def top_level(self) -> list[Para]:
        return [p for p in self.paras if p.table is None]

    def _add_table(self, tbl, index: int) -> None:
        for r, tr in enumerate(tbl.findall(qn("w:tr"))):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
                for block in tc.iterchildren():
                    if block.tag == qn("w:p"):
                        self._add_para(block, (index, r, col, span))
                    elif block.tag == qn("w:tbl"):
                        for p in block.iter(qn("w:p")):
                            self._add_para(p, (index, r, col, span))
                col += span

    def _add_para(self, p, cell) -> None:
        props = self.resolver.para_props(p)
        para = Para(index=len(self.paras) + 1, element=p, props=props, section=self._section)
        if cell is not None:
            para.table, para.row, para.col, para.span = cell
        para.pieces = self._pieces(para)
        para.label = self.numbering.label(p)
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            para.sect_break = True
            self._section += 1
        self.paras.append(para)

    def _pieces(self, para: Para) -> list[Piece]:
        base = 1 if para.table is None and para.props.left_mm >= _RIGHT_INDENT_MM else 0
        lines: list[list[list[Fragment]]] = [[[]]]  # line -> tab-separated segment -> runs
        for r in _runs(para.element):
            props = self.resolver.run_props(r, para.element)
            for kind, value in _run_content(r):
                if kind == "text":
                    lines[-1][-1].append(Fragment(_unicode(value, props), props, r))
                elif kind == "line":
                    lines[-1][-1].append(Fragment("", props, r, is_line=True, line_mm=value[0],
                                                  line_x_mm=value[1]))
                elif kind == "tab":
                    lines[-1].append([])
                elif kind == "break":
                    lines.append([[]])
        stops = self.resolver.tab_stops(para.element) if para.table is None else []
        pieces = []
        for segments in lines:
            if para.table is not None or len(segments) == 1:
                piece = Piece(para, base)
                for i, seg in enumerate(segments):
                    if i and seg:
                        piece.fragments.append(Fragment(" ", seg[0].props, seg[0].run))
                    piece.fragments += seg
                pieces.append(piece)
            else:
                pieces += _columns(para, base, segments, stops)
        return pieces


def _unicode(text: str, props: RunProps) -> str:
    """Text typed in a TCVN3 (.VnTime) or VNI font, as the Vietnamese it prints: the rules
    read it and the findings quote it ("Đảng bộ cơ quan", not "§¶ng bé c¬ quan").
    The font itself stays a finding (font.family)."""
    for font in props.fonts:
        encoding, upper = font_encoding(font)
        if encoding is not None:
            return to_unicode(text, encoding, upper=upper)
    return text


def _columns(para: Para, base: int, segments, stops) -> list[Piece]:
    """Split a tab-separated line into columns by where each tab lands on the ruler.

    Word moves to the next tab stop after the text so far, so the position is
    simulated with the text's approximate width; a segment starting past the
    middle of the header belongs to the right column.
    """
    left, right = Piece(para, 0), Piece(para, 1)
    pos = para.props.left_mm
    for i, seg in enumerate(segments):
        width = sum(text_width_mm(f.text, f.props.size or 12, f.props.bold) for f in seg)
        align = "left"
        if i:
            pos, align = _next_stop(stops, pos)
        target = right if base == 1 or pos >= _RIGHT_INDENT_MM else left
        if target.fragments and seg:
            target.fragments.append(Fragment(" ", seg[0].props, seg[0].run))
        target.fragments += seg
        pos += {"center": width / 2, "right": 0}.get(align, width)
    return [left, right]


def _next_stop(stops: list[tuple[float, str]], pos: float) -> tuple[float, str]:
    for at, align in stops:
        if at > pos + 0.1:
            return at, align
    step = _DEFAULT_TAB_MM
    return (int((pos + 0.1) // step) + 1) * step, "left"


def _shows(piece: Piece) -> bool:
    return any(f.is_line or f.text.strip() for f in piece.fragments)


def _runs(p):
    """The paragraph's runs, including those inside hyperlinks and fields, not text boxes."""
    for r in p.iter(qn("w:r")):
        parent = r.getparent()
        inside_box = False
        while parent is not None and parent is not p:
            if parent.tag in (qn("w:txbxContent"), qn("w:del")):
                inside_box = True
                break
            parent = parent.getparent()
        if not inside_box:
            yield r


def _run_content(r):
    for child in r.iterchildren():
        tag = child.tag
        if tag == qn("w:t"):
            yield "text", child.text or ""
        elif tag == qn("w:tab") or tag == qn("w:ptab"):
            yield "tab", None
        elif tag in (qn("w:br"), qn("w:cr")):
            if child.get(qn("w:type")) in (None, "textWrapping"):
                yield "break", None
        elif tag == qn("w:noBreakHyphen"):
            yield "text", "-"
        elif is_line_drawing(child):
            yield "line", (drawing_length_mm(child), drawing_x_mm(child))


_VML_UNITS = {"pt": 25.4 / 72, "in": 25.4, "mm": 1.0, "cm": 10.0, "pc": 25.4 / 6}


def drawing_length_mm(element) -> float | None:
    """Length of a drawn horizontal line: DrawingML extent, or VML from/to in units."""
    for el in element.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == f"{{{WP_NS}}}extent" and el.get("cx"):
            return int(el.get("cx")) / 36000
        if tag == f"{{{V_NS}}}line":
            ends = [_vml_x(el.get("from", "0,0")), _vml_x(el.get("to", "0,0"))]
            if None not in ends:
                return abs(ends[1] - ends[0])
    return None


def drawing_x_mm(element) -> float | None:
    """Where a floating DrawingML line starts, from the left of the column it is anchored in."""
    for el in element.iter(f"{{{WP_NS}}}positionH"):
        if el.get("relativeFrom") in ("column", "margin"):
            offset = el.find(f"{{{WP_NS}}}posOffset")
            if offset is not None and (offset.text or "").strip().lstrip("-").isdigit():
                return int(offset.text) / 36000
    return None


def _vml_x(point: str) -> float | None:
    m = re.match(r"\s*(-?[\d.]+)\s*(pt|in|mm|cm|pc)?", point.split(",")[0])
    if m and float(m.group(1)) == 0:
        return 0.0
    if not m or not m.group(2):
        return None  # bare numbers are in the shape's own coordinate space
    return float(m.group(1)) * _VML_UNITS[m.group(2)]


def is_line_drawing(element) -> bool:
    """A straight line drawn as a shape: DrawingML preset "line"/connector, or VML v:line."""
    for el in element.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == f"{{{V_NS}}}line":
            return True
        if tag == f"{{{A_NS}}}prstGeom" and (el.get("prst") or "").startswith(
                ("line", "straightConnector")):
            return True
    return False
