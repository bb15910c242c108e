"""``cchc check --fix``: repair what can be repaired without touching the wording.

Margins, paper size (to A4, with a warning that lines reflow), fonts (runs,
styles, document defaults, theme), sizes out of range, bold/italic of the
located elements, the zero padding of the date's day and month, the body's
justification, first-line indent and spacing (``fix_body``), and page numbers
(``fix_page``). Everything else (upper case, missing lines, numbering, wording)
needs a person, so it stays a finding and is reported as left to do. Each change
is reported; the output is written atomically and checked again.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from cchc.core import layout
from cchc.core.errors import CchcError
from cchc.core.outfile import atomic_path

from . import pagenum
from .core import FileResult, check_document, open_docx
from .fix_body import fix_body
from .fix_page import fix_page_numbers, fix_paper
from .locate import locate
from .model import DocModel, is_glyph
from .resolve import A_NS, theme_part
from .rules.fonts import element_of
from .rules.header import national_fits, padded
from .rules.page import fits, margin_convention
from .rules.util import fmt, within

_FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
_DAY_MONTH = re.compile(r"(ngày\s+)(\d{1,2})(\s+tháng\s+)(\d{1,2})(\s+năm)")


def fix_file(source: str, target: str, pad_date: bool = False) -> FileResult:
    """Repair ``source`` into ``target``; the text stays byte-identical unless ``pad_date``
    (the one text change offered: the date's zero padding, "5" → "05", "04" → "4")."""
    if Path(source).resolve() == Path(target).resolve():
        raise CchcError("tệp ra phải khác tệp vào (không ghi đè bản gốc)", file=target)
    document = open_docx(source)
    changes = fix_document(document, pad_date)
    with atomic_path(target) as tmp:
        document.save(str(tmp))
    result = FileResult(str(target), changes=changes, fixed=True)
    result.findings = check_document(open_docx(target))
    return result


def fix_document(document, pad_date: bool = False) -> list[str]:
    changes: list[str] = []
    changes += _margins(document)
    changes += fix_paper(document)
    # page numbers first: a field moved from the footer then gets the font and size too
    changes += fix_page_numbers(document, DocModel(document))
    changes += _fonts(document)
    model = DocModel(document)
    lay = locate(model)
    changes += _sizes(model, lay)
    changes += _styles(model, lay)
    if pad_date:
        changes += _date(lay)
    changes += fix_body(lay)
    return changes


# -- margins --------------------------------------------------------------------
def _margins(document) -> list[str]:
    out = []
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for i, section in enumerate(document.sections):
        landscape = section.page_width > section.page_height
        current = {s: getattr(section, f"{s}_margin") for s in names}
        current = {s: (v.mm if v is not None else 0.0) for s, v in current.items()}
        ranges, house = margin_convention(current, landscape)
        for side, name in names.items():
            if not fits(current[side], ranges[side]):
                want = getattr(house, side)
                setattr(section, f"{side}_margin", Mm(want))
                out.append(f"lề {name} phần trang {i + 1}: {fmt(current[side])} → {fmt(want)} mm")
    return out


# -- fonts ----------------------------------------------------------------------
def _set_times(rfonts) -> bool:
    changed = False
    for slot in _FONT_SLOTS:
        theme = qn(f"w:{slot}Theme" if slot != "cs" else "w:cstheme")
        if rfonts.get(theme) is not None:
            del rfonts.attrib[theme]
            changed = True
        if rfonts.get(qn(f"w:{slot}")) != layout.FONT:
            rfonts.set(qn(f"w:{slot}"), layout.FONT)
            changed = True
    return changed


def _fonts(document) -> list[str]:
    out = []
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    if _set_times(_rfonts(rpr)):
        out.append(f"phông mặc định của văn bản → {layout.FONT}")
    n_styles = sum(_set_times(rf) for rf in styles.iter(qn("w:rFonts"))
                   if rf.getparent() is not rpr)
    if n_styles:
        out.append(f"phông của {n_styles} kiểu (style) → {layout.FONT}")
    parts = [document.element] + [s.header._element for s in document.sections
                                  if not s.header.is_linked_to_previous]
    parts += [s.first_page_header._element for s in document.sections
              if not s.first_page_header.is_linked_to_previous]
    n_runs = sum(_set_times(rf) for part in parts for rf in part.iter(qn("w:rFonts"))
                 if not _glyph_run(rf))
    if n_runs:
        out.append(f"phông đặt trực tiếp trên {n_runs} đoạn chữ (run) → {layout.FONT}")
    if _theme(document):
        out.append(f"phông chủ đề (theme) → {layout.FONT}")
    return out


def _glyph_run(rfonts) -> bool:
    """A check box typed in Wingdings keeps its font: in Times it would print a letter."""
    run = rfonts.getparent().getparent() if rfonts.getparent() is not None else None
    if run is None or run.tag != qn("w:r"):
        return False
    fonts = [v for slot in ("ascii", "hAnsi") if (v := rfonts.get(qn(f"w:{slot}")))]
    return is_glyph("".join(t.text or "" for t in run.findall(qn("w:t"))), fonts)


def _rfonts(rpr):
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    return rfonts


def _theme(document) -> bool:
    part = theme_part(document)
    if part is None:
        return False
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return False
    changed = False
    for kind in ("majorFont", "minorFont"):
        for latin in root.iter(f"{{{A_NS}}}{kind}"):
            el = latin.find(f"{{{A_NS}}}latin")
            if el is not None and el.get("typeface") != layout.FONT:
                el.set("typeface", layout.FONT)
                changed = True
    if changed:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)
    return changed


# -- sizes, bold, italic ------------------------------------------------------------
def _rpr(run):
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    return rpr


_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
              "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
              "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
              "w:w", "w:kern", "w:position", "w:sz", "w:szCs")


def _set(rpr, tag: str, value: str | None) -> None:
    """Set <w:tag w:val=value/> keeping the schema's child order (Word rejects others)."""
    el = rpr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        rank = _RPR_ORDER.index(tag)
        after = [c for c in rpr if c.tag in {qn(t) for t in _RPR_ORDER[:rank]}]
        if after:
            after[-1].addnext(el)
        else:
            rpr.insert(0, el)
    if value is None:
        el.attrib.pop(qn("w:val"), None)
    else:
        el.set(qn("w:val"), value)


def _sizes(model, lay) -> list[str]:
    done: dict[str, int] = {}
    for name, piece in element_of(model, lay):
        element = layout.ELEMENTS[name]
        for frag in piece.text_fragments:
            size = frag.props.size or 10.0
            if not within(size, element.size_range):
                rpr = _rpr(frag.run)
                _set(rpr, "w:sz", str(int(element.size * 2)))
                _set(rpr, "w:szCs", str(int(element.size * 2)))
                key = f"{_NAMES[name]}: {fmt(size)} → {fmt(element.size)} pt"
                done[key] = done.get(key, 0) + 1
    if lay.national_name is not None and not national_fits(lay.national_name)[0]:
        low = layout.ELEMENTS["national_name"].size_range[0]
        for frag in lay.national_name.text_fragments:
            if (frag.props.size or 10.0) > low:
                _set(_rpr(frag.run), "w:sz", str(int(low * 2)))
                _set(_rpr(frag.run), "w:szCs", str(int(low * 2)))
        done[f"Quốc hiệu: {fmt(low)} pt để nằm trên một dòng"] = len(
            lay.national_name.text_fragments)
    rng, house = layout.ELEMENTS["page_number"].size_range, layout.ELEMENTS["page_number"].size
    for p in pagenum.header_paragraphs(model.document):
        for r in p.iter(qn("w:r")):
            if r.find(qn("w:t")) is None:
                continue  # field codes print nothing
            size = model.resolver.run_props(r, p).size or 10.0
            if not within(size, rng):
                _set(_rpr(r), "w:sz", str(int(house * 2)))
                _set(_rpr(r), "w:szCs", str(int(house * 2)))
                key = f"{_NAMES['page_number']}: {fmt(size)} → {fmt(house)} pt"
                done[key] = done.get(key, 0) + 1
    return [f"cỡ chữ {key} ({n} đoạn chữ)" for key, n in done.items()]


def _styles(model, lay) -> list[str]:
    out = []
    roles = lay.roles()
    pieces = [pc for p in model.paras for pc in p.pieces if id(pc) in roles]
    if lay.type_name is not None:
        pieces += [pc for pc in lay.type_name.pieces if pc.text]
    for para in lay.subject:
        pieces += [pc for pc in para.pieces if pc.text]
    named = [(roles.get(id(pc)) or ("type_name" if lay.type_name and pc.para is lay.type_name
                                     else "subject"), pc) for pc in pieces]
    wanted: dict[int, dict[str, tuple[bool, str]]] = {}
    runs = {}
    for name, pc in named:
        element = layout.ELEMENTS[name]
        for attr, tag in (("bold", "w:b"), ("italic", "w:i")):
            want = getattr(element, attr)
            if want is None:
                continue
            for frag in pc.letter_fragments:  # a lone ":" run is judged by its words
                key = id(frag.run)
                runs[key] = frag
                previous = wanted.setdefault(key, {}).get(tag)
                if previous is not None and previous[0] != want:
                    wanted[key][tag] = (None, name)  # one run shared by two elements
                else:
                    wanted[key][tag] = (want, name)
    changed: dict[str, int] = {}
    for key, tags in wanted.items():
        frag = runs[key]
        for tag, (want, name) in tags.items():
            have = frag.props.bold if tag == "w:b" else frag.props.italic
            if want is None or have == want:
                continue
            _set(_rpr(frag.run), tag, None if want else "0")
            label = f"{_NAMES[name]}: {'đậm' if tag == 'w:b' else 'nghiêng'} " \
                    f"{'bật' if want else 'tắt'}"
            changed[label] = changed.get(label, 0) + 1
    out += [f"{label} ({n} đoạn chữ)" for label, n in changed.items()]
    return out


# -- date ------------------------------------------------------------------------------
def _date(lay) -> list[str]:
    pc = lay.place_date
    if pc is None:
        return []
    texts = []
    for frag in pc.text_fragments:
        for t in frag.run.findall(qn("w:t")):
            if all(t is not seen for seen in texts):
                texts.append(t)
    joined = "".join(t.text or "" for t in texts)
    m = _DAY_MONTH.search(joined)
    if not m:
        return []
    day, month = m.group(2), m.group(4)
    want_d, want_m = padded(day, month)
    if (want_d, want_m) == (day, month):
        return []
    # replace from the right so earlier offsets stay valid
    for start, end, new in ((m.start(4), m.end(4), want_m), (m.start(2), m.end(2), want_d)):
        _replace(texts, start, end, new)
    return [f"ngày tháng: «ngày {day} tháng {month}» → «ngày {want_d} tháng {want_m}»"]


def _replace(texts, start: int, end: int, new: str) -> None:
    """Put ``new`` in place of characters start..end spread over several w:t elements."""
    pos = 0
    placed = False
    for t in texts:
        text = t.text or ""
        lo, hi = pos, pos + len(text)
        pos = hi
        if hi <= start or lo >= end:
            continue
        a, b = max(start, lo) - lo, min(end, hi) - lo
        insert = "" if placed else new
        placed = True
        t.text = text[:a] + insert + text[b:]
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


_NAMES = {
    "parent_body": "tên cơ quan chủ quản", "issuing_body": "tên cơ quan ban hành",
    "number": "số, ký hiệu", "national_name": "Quốc hiệu", "motto": "Tiêu ngữ",
    "place_date": "địa danh, ngày tháng", "type_name": "tên loại", "subject": "trích yếu",
    "body": "nội dung", "table": "chữ trong bảng", "authority": "quyền hạn ký",
    "signer_title": "chức vụ người ký", "signer_name": "họ tên người ký",
    "recipients_label": "«Nơi nhận:»", "recipients": "danh sách nơi nhận",
    "page_number": "số trang",
}
