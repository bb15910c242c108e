"""Page rules: A4, orientation, margins, page numbers centred at the top from page 2."""

from __future__ import annotations

from docx.oxml.ns import qn

from cchc.core import layout

from .. import pagenum
from ..findings import finding
from ..pagefit import fits_one_page
from .util import fmt, span, within


def check(model, lay):
    for i, section in enumerate(model.sections):
        where = f"phần trang {i + 1}" if len(model.sections) > 1 else "toàn văn bản"
        yield from _size(section, where)
        yield from _orientation(model, i, section, where)
        yield from _margins(section, where)
    yield from _page_numbers(model)


def _mm(length) -> float:
    return length.mm if length is not None else 0.0


def _size(section, where):
    w, h = _mm(section.page_width), _mm(section.page_height)
    short, long_ = sorted((w, h))
    tol = layout.PAGE_SIZE_TOLERANCE_MM
    if abs(short - layout.PAGE_A4_MM[0]) > tol or abs(long_ - layout.PAGE_A4_MM[1]) > tol:
        yield finding("page.size", where, f"{fmt(w)} × {fmt(h)} mm", "A4 210 × 297 mm",
                      f"Khổ giấy {fmt(w)} × {fmt(h)} mm, không phải A4 (210 × 297 mm).")


def _orientation(model, index, section, where):
    if _mm(section.page_width) <= _mm(section.page_height):
        return
    wide = any(p.table is not None or _draws(p.element) for p in model.paras
               if p.section == index)
    if not wide:
        yield finding("page.orientation", where, "trang ngang", "trang đứng",
                      "Trang xoay ngang nhưng không chứa bảng rộng; văn bản trình bày trang đứng.")


def margin_convention(found: dict[str, float], landscape: bool):
    """(allowed ranges of each side, house margins) a section is judged by and repaired to.

    A portrait page has one convention. A landscape page may keep the portrait
    ranges as Word shows them or turn the sheet with the binding edge on top, and
    the decree's own landscape page (Phụ lục I: top 20, left 30, right 15,
    bottom 15) mixes them, so each side may follow either. A side that follows
    neither is repaired to the convention most of the sides follow, so one stray
    margin never makes the other three be "corrected".
    """
    portrait = (layout.MARGIN_RANGES, layout.MARGINS)
    if not landscape:
        return {k: [rng] for k, rng in portrait[0].items()}, portrait[1]
    turned = (layout.LANDSCAPE_MARGIN_RANGES, layout.LANDSCAPE_MARGINS)

    def misses(ranges) -> int:
        return sum(not within(found[k], ranges[k], layout.MARGIN_TOLERANCE_MM) for k in found)

    house = turned[1] if misses(turned[0]) < misses(portrait[0]) else portrait[1]
    return {k: [portrait[0][k], turned[0][k]] for k in found}, house


def fits(value: float, ranges: list[tuple[float, float]]) -> bool:
    return any(within(value, rng, layout.MARGIN_TOLERANCE_MM) for rng in ranges)


def spans(ranges: list[tuple[float, float]]) -> str:
    return " hoặc ".join(dict.fromkeys(span(rng, " mm") for rng in ranges))


def _draws(p) -> bool:
    """A paragraph holding a drawing, picture, text box or object (a diagram page)."""
    return any(el.tag in _DRAWN for el in p.iter())


_DRAWN = {qn("w:drawing"), qn("w:pict"), qn("w:object")}


def _margins(section, where):
    found = {"top": _mm(section.top_margin), "bottom": _mm(section.bottom_margin),
             "left": _mm(section.left_margin), "right": _mm(section.right_margin)}
    ranges, _ = margin_convention(found, _mm(section.page_width) > _mm(section.page_height))
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for side, value in found.items():
        if not fits(value, ranges[side]):
            want = spans(ranges[side])
            yield finding(f"page.margin.{side}", where, f"{fmt(value)} mm", want,
                          f"Lề {names[side]} {fmt(value)} mm; cần {want}.")


# -- page numbers ---------------------------------------------------------------
def one_page(model) -> bool:
    """Short enough to fit the first page: no page number is needed."""
    return fits_one_page(model)


def _page_numbers(model):
    document = model.document
    shown = [s for s in pagenum.slots(document) if s.numbered]
    counts = [(s, len(pagenum.page_fields(s.header)), len(pagenum.page_fields(s.footer)))
              for s in shown]
    where = "phần đầu trang"
    if not any(h for _, h, _ in counts):
        if any(f for _, _, f in counts):
            yield finding("page.numbers.position", "phần chân trang", "số trang ở chân trang",
                          "số trang ở giữa, phía trên",
                          "Số trang đặt ở chân trang; cần đặt giữa, phía trên (phần đầu trang).")
        elif not one_page(model):
            yield finding("page.numbers", where, "không có số trang",
                          f"số trang từ trang {layout.PAGE_NUMBER_FROM}",
                          "Văn bản nhiều trang nhưng phần đầu trang không có số trang "
                          "(trường PAGE).")
        return
    yield from _per_page_kind(counts)
    with_field = pagenum.header_paragraphs(document)
    for p in with_field:
        if model.resolver.para_props(p).align != "center":
            yield finding("page.numbers.position", where, "số trang không căn giữa",
                          "căn giữa", "Số trang phải căn giữa ở phía trên trang.")
            break
    first = model.sections[0]
    first_page_shows = first.different_first_page_header_footer is False or any(
        pagenum.page_fields(s.header) for s in pagenum.slots(document)
        if s.section == 0 and s.kind == "first")
    if first_page_shows:
        yield finding("page.numbers.first_page", where, "trang đầu có số trang",
                      "trang đầu không đánh số",
                      "Trang đầu hiện số trang; bật «trang đầu khác» (titlePg) để trang 1 "
                      "không có số.")
    sizes = {}
    for p in with_field:
        for r in p.iter(qn("w:r")):
            if r.find(qn("w:t")) is None:
                continue  # field codes show nothing
            props = model.resolver.run_props(r, p)
            if props.size is not None:
                sizes.setdefault(props.size, True)
    rng = layout.ELEMENTS["page_number"].size_range
    for size in sizes:
        if not within(size, rng):
            yield finding("font.size.page_number", where, f"{fmt(size)} pt", span(rng, " pt"),
                          f"Số trang cỡ {fmt(size)} pt; cần {span(rng, ' pt')}.")
            break


def _per_page_kind(counts):
    """Odd and even pages alike show one number, in the header: none missing, none doubled.

    Each finding is given once for all the sections it holds in.
    """
    missing, footer, doubled = {}, {}, {}
    for slot, in_header, in_footer in counts:
        kind = pagenum.KIND_VI[slot.kind]
        if not in_header:
            (footer if in_footer else missing).setdefault(kind, slot.section)
        elif in_header + in_footer > 1:
            doubled.setdefault(kind, (slot.section, in_header, in_footer))
    for kind in missing:
        yield finding("page.numbers", f"phần đầu trang ({kind})", f"{kind} không có số trang",
                      "mỗi trang một số trang ở đầu trang",
                      f"Phần đầu trang của {kind} không có số trang (trường PAGE); trang lẻ "
                      "và trang chẵn đều cần số trang.")
    for kind in footer:
        yield finding("page.numbers.position", f"phần chân trang ({kind})",
                      f"số trang {kind} ở chân trang", "số trang ở giữa, phía trên",
                      f"Số trang của {kind} đặt ở chân trang; cần đặt ở phần đầu trang.")
    for kind, (_, in_header, in_footer) in doubled.items():
        found = f"{in_header} số ở đầu trang" + (f", {in_footer} ở chân trang" if in_footer
                                                  else "")
        yield finding("page.numbers.duplicate", f"phần đầu trang ({kind})", found,
                      "một số trang", f"Mỗi {kind} in {in_header + in_footer} số trang "
                      f"({found}); chỉ in một số trang ở giữa phía trên.")
