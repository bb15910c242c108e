"""Effective formatting of a run or paragraph, as Word would show it.

A draft rarely sets its font on every run: the font usually comes from the
paragraph style, its ``basedOn`` parents, the document defaults or the theme.
Checking only direct formatting would pass an Arial document whose Normal style
says Arial, and fail a correct one that sets Times New Roman once in the
defaults, so every property is looked up along the same chain Word uses:
run → character style → paragraph style (and parents) → table style →
document defaults, with theme font names resolved through the theme part.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from cchc.core.docx_styles import StyleSheet

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
TWIP_MM = 25.4 / 1440
_FALSE = {"0", "false", "off", "none"}


def on(element) -> bool | None:
    """A toggle like <w:b/>, <w:b w:val="0"/>: None when the element is absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in _FALSE


def twips(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RunProps:
    fonts: tuple[str, ...]  # the fonts Latin text is drawn in (ascii and hAnsi slots)
    size: float | None  # points
    bold: bool
    italic: bool
    caps: bool
    color: str | None
    script: bool = False  # superscript or subscript: Word prints it about 2/3 the size


@dataclass(frozen=True)
class ParaProps:
    align: str  # left, center, right, both
    first_line_mm: float  # negative for a hanging indent
    left_mm: float
    right_mm: float
    before_pt: float
    after_pt: float
    line: float | None  # a multiple for "auto", points otherwise
    line_rule: str
    contextual: bool
    style_id: str | None
    border_bottom: bool
    border_top: bool


class Resolver:
    """Built once per document; answers effective properties for any run or paragraph."""

    def __init__(self, document):
        self.document = document
        sheet = StyleSheet.of(document)
        self.style_chain = sheet.chain
        self.styles, self.default_style = sheet.styles, sheet.default_style
        self.rpr_default, self.ppr_default = sheet.rpr_default, sheet.ppr_default
        self.theme = theme_fonts(document)

    def para_style_id(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if ps is not None:
            return ps.get(qn("w:val"))
        return self.default_style.get("paragraph")

    def _table_style(self, p):
        tbl = next((a for a in p.iterancestors(qn("w:tbl"))), None)
        if tbl is None:
            return None
        ts = _path(tbl, "w:tblPr", "w:tblStyle")
        return ts.get(qn("w:val")) if ts is not None else self.default_style.get("table")

    def rpr_chain(self, r, p) -> list:
        chain = [r.find(qn("w:rPr"))]
        rstyle = _path(r, "w:rPr", "w:rStyle")
        if rstyle is not None:
            chain += [s.find(qn("w:rPr")) for s in self.style_chain(rstyle.get(qn("w:val")))]
        chain += [s.find(qn("w:rPr")) for s in self.style_chain(self.para_style_id(p))]
        chain += [s.find(qn("w:rPr")) for s in self.style_chain(self._table_style(p))]
        chain.append(self.rpr_default)
        return [c for c in chain if c is not None]

    def ppr_chain(self, p) -> list:
        chain = [p.find(qn("w:pPr"))]
        chain += [s.find(qn("w:pPr")) for s in self.style_chain(self.para_style_id(p))]
        chain += [s.find(qn("w:pPr")) for s in self.style_chain(self._table_style(p))]
        chain.append(self.ppr_default)
        return [c for c in chain if c is not None]

    # -- runs ---------------------------------------------------------------
    def font_slot(self, chain: list, slot: str) -> str:
        """The font of one rFonts slot ("ascii", "hAnsi"); a theme name wins over a plain one."""
        for rpr in chain:
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is None:
                continue
            theme = rfonts.get(qn(f"w:{slot}Theme"))
            if theme:
                return self.theme.get(theme, f"(phông chủ đề {theme})")
            name = rfonts.get(qn(f"w:{slot}"))
            if name:
                return name
        return "(phông mặc định của Word)"

    def run_props(self, r, p) -> RunProps:
        chain = self.rpr_chain(r, p)

        def first(tag):
            for rpr in chain:
                el = rpr.find(qn(tag))
                if el is not None:
                    return el
            return None

        sz = first("w:sz")
        size = twips(sz.get(qn("w:val"))) / 2 if sz is not None and sz.get(qn("w:val")) else None
        color = first("w:color")
        fonts = tuple(dict.fromkeys(self.font_slot(chain, s) for s in ("ascii", "hAnsi")))
        return RunProps(fonts=fonts, size=size, bold=bool(on(first("w:b"))),
                        italic=bool(on(first("w:i"))), caps=bool(on(first("w:caps"))),
                        color=color.get(qn("w:val")) if color is not None else None,
                        script=_script(first("w:vertAlign")))

    # -- paragraphs ---------------------------------------------------------
    def tab_stops(self, p) -> list[tuple[float, str]]:
        """Custom tab stops (mm from the margin, alignment), styles and direct merged."""
        return _tab_stops(self.ppr_chain(p))

    def para_props(self, p) -> ParaProps:
        chain = self.ppr_chain(p)

        def attr(tag, name, default=None, need=None):
            for ppr in chain:
                el = ppr.find(qn(tag))
                if el is not None and el.get(qn(name)) is not None:
                    if need is None or any(el.get(qn(n)) is not None for n in need):
                        return el.get(qn(name))
            return default

        jc = attr("w:jc", "w:val", "left")
        jc = {"start": "left", "end": "right", "distribute": "both"}.get(jc, jc)
        first = hanging = None
        for ppr in chain:
            ind = ppr.find(qn("w:ind"))
            if ind is not None and (ind.get(qn("w:firstLine")) or ind.get(qn("w:hanging"))):
                first, hanging = twips(ind.get(qn("w:firstLine"))), twips(ind.get(qn("w:hanging")))
                break
        first_mm = -(hanging or 0) * TWIP_MM if hanging else (first or 0) * TWIP_MM
        left = twips(attr("w:ind", "w:left") or attr("w:ind", "w:start")) or 0
        right = twips(attr("w:ind", "w:right") or attr("w:ind", "w:end")) or 0
        line = twips(attr("w:spacing", "w:line"))
        rule = attr("w:spacing", "w:lineRule", "auto")
        if line is not None:
            line = line / 240 if rule == "auto" else line / 20
        with_border = [ppr for ppr in chain if ppr.find(qn("w:pBdr")) is not None][:1]
        border = {side: any(_has_border(ppr, side) for ppr in with_border)
                  for side in ("bottom", "top")}
        ctx = [ppr.find(qn("w:contextualSpacing")) for ppr in chain]
        contextual = bool(next((on(c) for c in ctx if c is not None), False))
        return ParaProps(align=jc, first_line_mm=first_mm, left_mm=left * TWIP_MM,
                         right_mm=right * TWIP_MM,
                         before_pt=(twips(attr("w:spacing", "w:before")) or 0) / 20,
                         after_pt=(twips(attr("w:spacing", "w:after")) or 0) / 20,
                         line=line, line_rule=rule, contextual=contextual,
                         style_id=self.para_style_id(p), border_bottom=border["bottom"],
                         border_top=border["top"])


def _tab_stops(chain) -> list[tuple[float, str]]:
    stops: dict[int, str] = {}
    for ppr in reversed(chain):
        tabs = ppr.find(qn("w:tabs"))
        for tab in tabs.findall(qn("w:tab")) if tabs is not None else ():
            at = int(twips(tab.get(qn("w:pos"))) or 0)
            if tab.get(qn("w:val")) == "clear":
                stops.pop(at, None)
            else:
                stops[at] = tab.get(qn("w:val"), "left")
    return [(at * TWIP_MM, val) for at, val in sorted(stops.items())]


def _has_border(ppr, side: str) -> bool:
    el = _path(ppr, "w:pBdr", f"w:{side}")
    return el is not None and el.get(qn("w:val"), "nil") not in ("nil", "none")


def _script(el) -> bool:
    return el is not None and el.get(qn("w:val")) in ("superscript", "subscript")


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE


def _path(element, *tags):
    for tag in tags:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def theme_part(document):
    try:
        return document.part.part_related_by(RT.THEME)
    except (KeyError, ValueError):
        return None


def theme_fonts(document) -> dict[str, str]:
    """Map "minorHAnsi", "majorAscii"… to the typeface the theme names."""
    part = theme_part(document)
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return {}
    fonts = {}
    for kind in ("major", "minor"):
        scheme = root.find(f".//{{{A_NS}}}{kind}Font")
        if scheme is None:
            continue
        latin, ea, cs = (scheme.find(f"{{{A_NS}}}{t}") for t in ("latin", "ea", "cs"))
        for slot, el in (("Ascii", latin), ("HAnsi", latin), ("EastAsia", ea), ("Bidi", cs)):
            if el is not None and el.get("typeface"):
                fonts[f"{kind}{slot}"] = el.get("typeface")
    return fonts
