"""Font rules: Times New Roman everywhere text is, black, each element's size in range."""

from __future__ import annotations

from docx.oxml.ns import qn

from cchc.core import layout

from .. import pagenum
from ..model import is_glyph
from .util import fmt, grouped, span, within

_BLACK = (None, "auto", "000000")
_WORD_DEFAULT_SIZE = 10.0  # what Word uses when nothing sets a size


def check(model, lay):
    yield from _family(model)
    yield from _color(model)
    yield from _sizes(model, lay)


_FACES = ("", " bold", " italic", " bold italic")


def _is_times(name: str) -> bool:
    """Times New Roman, also named by one of its faces ("Times New Roman Bold")."""
    name = name.strip().lower()
    return any(name == layout.FONT.lower() + face for face in _FACES)


def _family(model):
    hits = []
    for para in model.paras:
        for frag in para.fragments:
            if frag.text.strip():
                bad = [f for f in frag.props.fonts if not _is_times(f)]
                if bad and not is_glyph(frag.text, bad):
                    hits.append((", ".join(bad), para.where))
    for p in pagenum.header_paragraphs(model.document):
        for r in p.iter(qn("w:r")):
            bad = [f for f in model.resolver.run_props(r, p).fonts if not _is_times(f)]
            if bad:
                hits.append((", ".join(bad), "số trang ở đầu trang"))
    yield from grouped("font.family", hits, layout.FONT,
                       "Chữ dùng phông {found}; văn bản dùng phông " + layout.FONT + ".")


def _color(model):
    hits = [(frag.props.color, para.where) for para in model.paras for frag in para.fragments
            if frag.text.strip() and (frag.props.color or None) not in _BLACK]
    yield from grouped("font.color", hits, "đen (auto)", "Chữ màu {found}; văn bản in chữ đen.")


def element_of(model, lay) -> list[tuple[str, object]]:
    """(element name, piece) for every located piece whose size the decree fixes."""
    roles = lay.roles()
    out = [(roles[id(pc)], pc) for pc in _pieces(model) if id(pc) in roles]
    body_like = [("type_name", lay.type_name)] if lay.type_name else []
    body_like += [("subject", p) for p in lay.subject]
    body_like += [("body", p) for p in lay.body if not display_title(p)]
    located = {id(p) for p in lay.header_paras + lay.signature_paras}
    tables = [("table", p) for p in model.paras if p.table is not None and id(p) not in located]
    for name, para in body_like + tables:
        out += [(name, pc) for pc in para.pieces]
    return [(name, pc) for name, pc in out if not pc.has_line]  # "_____" rules are no text


def display_title(para) -> bool:
    """A centred title set larger than the text ("HỒ SƠ KHẢO SÁT" on a cover page, "PHẦN
    THỨ NHẤT"): a title, not body text held to the body's size."""
    top = layout.ELEMENTS["body"].size_range[1]
    sizes = [f.props.size for f in para.fragments if f.text.strip()]
    return para.props.align == "center" and len(para.text) < 120 and bool(sizes) and all(
        s is not None and s > top for s in sizes)


def _pieces(model):
    return [pc for p in model.paras for pc in p.pieces]


def _sizes(model, lay):
    """One finding per element and wrong size, at its first place with a count of the
    rest: a recipients list set in 13 pt is one finding, not one per line."""
    hits: dict[str, list] = {}
    for name, piece in element_of(model, lay):
        rng = layout.ELEMENTS[name].size_range
        sizes = sorted({f.props.size or _WORD_DEFAULT_SIZE for f in piece.text_fragments})
        bad = [s for s in sizes if not within(s, rng)]
        if bad:
            hits.setdefault(name, []).append((", ".join(f"{fmt(s)} pt" for s in bad),
                                              piece.where))
    for name, found in hits.items():
        rng = layout.ELEMENTS[name].size_range
        yield from grouped(f"font.size.{name}", found, span(rng, " pt"),
                           _LABEL[name] + " cỡ {found}; cần " + span(rng, " pt") + ".")


_LABEL = {
    "parent_body": "Tên cơ quan chủ quản", "issuing_body": "Tên cơ quan ban hành",
    "number": "Số, ký hiệu", "national_name": "Quốc hiệu", "motto": "Tiêu ngữ",
    "place_date": "Địa danh, ngày tháng", "type_name": "Tên loại văn bản",
    "subject": "Trích yếu", "body": "Nội dung", "table": "Chữ trong bảng",
    "authority": "Quyền hạn người ký", "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký", "recipients_label": "«Nơi nhận:»",
    "recipients": "Danh sách nơi nhận",
}
