"""Title (tên loại, trích yếu) and body: justification, indent, spacing, heading numbering."""

from __future__ import annotations

import re

from cchc.core import layout
from cchc.core.vn import fold

from ..findings import finding
from ..lines import Rule, rule_under, text_width
from ..locate import DATE_WORDS, TYPE_NAMES
from ..outline import Outline
from .header import CODES, line_length
from .util import fmt, grouped, span, within

_SHORT = 60  # a shorter paragraph fits on one line: its alignment does not show


def check(model, lay):
    yield from _title(model, lay)
    body = judged_body(lay)
    yield from _justify(body)
    yield from _indent(body)
    yield from _spacing(body)
    yield from _line_spacing(body)
    yield from _numbering(lay)


def _is_title_line(para) -> bool:
    """Centred lines in the body are annex titles ("ĐỀ CƯƠNG", "Kèm theo …"), not prose."""
    return para.props.align == "center"


def _symbol_code(lay) -> str | None:
    if lay.number is None:
        return None
    m = re.search(r"/(?:\d{4}/)?([^/\s-]+)-", lay.number.text)
    return m.group(1) if m and m.group(1) in CODES else None


def _title(model, lay):
    if not lay.administrative:
        return  # a petition's or a form's title is its own
    code = _symbol_code(lay)
    if lay.type_name is None:
        if code is not None:
            name = next(k for k, v in layout.DOCUMENT_CODES.items() if v == code)
            where = lay.title.where if lay.title else "sau phần đầu văn bản"
            found = lay.title.text if lay.title else "không có"
            yield finding("title.type_name", where, found, name.upper(),
                          f"Ký hiệu {code} là {name.lower()} nhưng không có tên loại "
                          f"«{name.upper()}» dưới phần đầu văn bản.")
        elif lay.title is not None and lay.title.props.align == "center" and \
                lay.title.text.upper() == lay.title.text and not lay.cv_subject:
            yield finding("title.type_name", lay.title.where, lay.title.text,
                          "tên loại của Phụ lục III",
                          f"«{lay.title.text}» không phải tên loại văn bản của Phụ lục III.")
        return
    t = lay.type_name  # a title that disagrees with the symbol: header.number.symbol
    shown = " ".join(pc.shown_text() for pc in t.pieces)
    bold = all(pc.all("bold") for pc in t.pieces if pc.text)
    if t.props.align != "center" or shown != shown.upper() or not bold:
        yield finding("title.type_name.format", t.where, _align_style(t), "căn giữa, in hoa, đậm",
                      "Tên loại văn bản phải căn giữa, in hoa, đậm.")
    yield from _subject(model, lay)


def _align_style(para) -> str:
    names = {"center": "căn giữa", "left": "căn trái", "right": "căn phải", "both": "căn đều"}
    bold = all(p.all("bold") for p in para.pieces if p.text)
    return f"{names.get(para.props.align, para.props.align)}, {'đậm' if bold else 'không đậm'}"


def _subject(model, lay):
    if not lay.subject:
        yield finding("title.subject", lay.type_name.where, "không có trích yếu",
                      "trích yếu căn giữa, đậm dưới tên loại",
                      "Thiếu trích yếu nội dung (căn giữa, đậm) ngay dưới tên loại.")
        return
    for para in lay.subject:
        if para.props.align != "center" or not all(p.all("bold") for p in para.pieces if p.text):
            yield finding("title.subject.format", para.where, _align_style(para), "căn giữa, đậm",
                          "Trích yếu phải căn giữa, chữ đậm.")
    last = lay.subject[-1]
    pieces = [pc for p in [last, *lay.subject_gap] for pc in p.pieces]
    rule = rule_under(model, pieces, last.pieces[-1], None) or _floating_in_title(lay)
    if rule is None:
        yield finding("title.subject.line", last.where, "không có đường kẻ",
                      "đường kẻ ngang dưới trích yếu",
                      "Nên có đường kẻ ngang, nét liền dưới trích yếu.")
    else:
        yield from line_length("title.subject.line_length", "subject", rule,
                               text_width([pc for p in lay.subject for pc in p.pieces]),
                               last.where)


def _floating_in_title(lay):
    """A floating line anchored in the tên loại or an upper line of the trích yếu."""
    for para in [lay.type_name, *lay.subject]:
        for frag in para.fragments:
            if frag.is_line:
                return Rule("drawing", frag.line_mm)
    return None


def judged_body(lay) -> list:
    """The body paragraphs the prose rules judge.

    Not prose: centred part titles, the "Kính gửi:" line and the "- …;" addressees
    under it, a form's fill-in lines ("Họ và tên: ……", "Nơi cư trú:") and the
    captions of sample forms ("Mẫu 1.1 - …"), lines
    pushed far right (a petition's signer, "Người làm đơn"), and in a document
    that is not an administrative one its place-and-date line.
    """
    out, addressees, closed = [], False, False
    for p in lay.body:
        folded = fold(p.text)
        addressees = folded.startswith("kinh gui") or (addressees and not closed and
                                                       _addressee(p))
        closed = addressees and p.text.endswith(".")  # "- Sở Tư pháp." ends the list
        if addressees or _is_title_line(p) or _form_line(p) or _pushed_right(p) or (
                not lay.administrative and DATE_WORDS.search(p.text)):
            continue
        out.append(p)
    return out


def _addressee(para) -> bool:
    """A line of the list under "Kính gửi:": "- Sở Tư pháp;", or a short line ending with
    ";" or "." typed without a dash ("Ủy ban nhân dân các huyện, thành phố;")."""
    text = para.text
    return text.startswith(("-", "–", "+")) or (len(text) < 100 and text.endswith((";", ".")))


_LEADERS = re.compile(r"[.…_]")


def _form_line(para) -> bool:
    """A fill-in line or a caption: mostly dot leaders, a short label ending with ":",
    a short line of tab-separated blanks ("Căn cứ<tab>;"), a sample's caption
    ("Mẫu 1.2 - Quyết định …")."""
    text = para.text
    if len(_LEADERS.findall(text)) >= 0.3 * len(text):
        return True
    if len(para.pieces) > 1 and len(text) < _SHORT:
        return True
    if re.match(r"^mau(\s+\d|\s+van ban\b)", fold(text)):
        return True
    return text.endswith(":") and len(text.split()) <= 6


def _pushed_right(para) -> bool:
    """A short line at the right: a petition's signer, a table's caption ("Biểu số 01")."""
    return len(para.text) < _SHORT and (para.props.align == "right" or max(
        para.props.left_mm, para.props.first_line_mm) >= 40)


def misaligned(body) -> list:
    """Prose not justified; a heading in capitals may keep its own alignment."""
    return [p for p in body if len(p.text) >= _SHORT and p.props.align != "both"
            and p.text != p.text.upper()]


def _justify(body):
    hits = [(_align_name(p.props.align), p.where) for p in misaligned(body)]
    yield from grouped("body.justify", hits, "căn đều hai bên",
                       "Đoạn nội dung {found}; cần căn đều hai bên.")


def _align_name(align: str) -> str:
    return {"left": "căn trái", "right": "căn phải", "center": "căn giữa"}.get(align, align)


def badly_indented(body) -> list:
    rng, tol = layout.FIRST_LINE_INDENT_RANGE_MM, layout.INDENT_TOLERANCE_MM
    return [p for p in body if not within(p.props.first_line_mm, rng, tol)]


def _indent(body):
    rng = layout.FIRST_LINE_INDENT_RANGE_MM
    hits = [(f"{fmt(p.props.first_line_mm)} mm", p.where) for p in badly_indented(body)]
    yield from grouped("body.first_line_indent", hits, span(rng, " mm"),
                       "Thụt đầu dòng {found}; cần " + span(rng, " mm") + ".")


def tight_pairs(body) -> list[tuple]:
    """(previous, next, gap in pt) of neighbouring paragraphs spaced less than 6 pt."""
    need = layout.PARAGRAPH_SPACING_PT - layout.SPACING_TOLERANCE_PT
    out = []
    for prev, nxt in zip(body, body[1:], strict=False):
        if prev.index + 1 != nxt.index:
            continue  # a table or an empty paragraph between them
        same_style = prev.props.style_id == nxt.props.style_id
        after = 0 if prev.props.contextual and same_style else prev.props.after_pt
        before = 0 if nxt.props.contextual and same_style else nxt.props.before_pt
        if after + before < need:
            out.append((prev, nxt, after + before))
    return out


def _spacing(body):
    hits = [(f"{fmt(gap)} pt", nxt.where) for _, nxt, gap in tight_pairs(body)]
    yield from grouped("body.spacing", hits, f"≥ {layout.PARAGRAPH_SPACING_PT} pt",
                       "Khoảng cách giữa hai đoạn {found}; cần tối thiểu "
                       f"{layout.PARAGRAPH_SPACING_PT} pt.")


def bad_line_spacing(body) -> list[tuple]:
    """(paragraph, how it is shown) of paragraphs spaced outside single to 1.5 lines."""
    lo, hi = layout.LINE_SPACING_RANGE
    out = []
    for p in body:
        line, rule = p.props.line, p.props.line_rule
        if line is None:
            continue
        if rule == "auto":
            ok, shown = within(line, (lo, hi)), f"{fmt(line)} dòng"
        else:  # exact or at least, in points: compare with the text size
            sizes = [f.props.size for f in p.fragments if f.props.size]
            size = max(sizes) if sizes else layout.ELEMENTS["body"].size
            # a single line of Times is about 1.15 × the font size
            ok, shown = (rule == "atLeast" and line <= size * hi * 1.15) or \
                within(line, (size * lo, size * hi * 1.15), 0.5), f"{fmt(line)} pt"
        if not ok:
            out.append((p, shown))
    return out


def _line_spacing(body):
    lo, hi = layout.LINE_SPACING_RANGE
    hits = [(shown, p.where) for p, shown in bad_line_spacing(body)]
    yield from grouped("body.line_spacing", hits, f"{fmt(lo)}–{fmt(hi)} dòng",
                       "Giãn dòng {found}; cần từ dòng đơn đến 1,5 dòng.")


def _numbering(lay):
    """Each line of the body through one Outline; annexes and centred part titles restart it.

    A petition's or a form's numbered lists are its own: only an administrative
    document is held to the decree's heading sequence.
    """
    if not lay.administrative:
        return
    outline = Outline()
    quoting = 0  # paragraphs left in an open quotation
    for p in lay.body:
        opens, closes = _quote_marks(p.text)
        if quoting or opens:
            # a clause quoted by an amending text carries the amended numbers; a quotation
            # never closed stops counting as one after _QUOTE_MAX paragraphs
            quoting = 0 if closes else (quoting or _QUOTE_MAX) - 1
            continue
        if p is lay.annex_start:
            outline.restart()  # an annex starts its own numbering
            continue
        if _is_title_line(p) and (fold(p.text) in TYPE_NAMES or p.text == p.text.upper()):
            outline.aside()  # a centred title: a sample's own numbering, then back
            continue
        lines = [pc.text for pc in p.pieces if pc.text] or [p.text]
        if p.label:
            lines[0] = f"{p.label} {lines[0]}"
        for text in lines:
            for skip in outline.line(text):
                yield _numbering_finding(p, skip.found, skip.want)


_OPEN_QUOTES = ("“", '"', "„", "«")
_QUOTE_MAX = 30
_CLOSE = re.compile(r"[”\"»]\s*[.;,]?\s*(/\.)?$")


def _quote_marks(text: str) -> tuple[bool, bool]:
    """(the paragraph opens a quotation, the quotation ends in it): "“3. …" … "….”"."""
    return text.startswith(_OPEN_QUOTES), bool(_CLOSE.search(text))


def _numbering_finding(p, found: str, want: str):
    auto = " (số tự động của Word, không gõ được «đ)»: hãy gõ số bằng tay)" if p.label else ""
    return finding("body.heading_numbering", p.where, found + (" tự động" if p.label else ""),
                   want, f"Đề mục đánh số «{found}» không liên tục; cần «{want}» "
                   f"(I, II… rồi 1, 2… rồi a), b)…, «đ)» sau «d)»){auto}.")
