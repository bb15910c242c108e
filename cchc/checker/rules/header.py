"""Header block: bodies, "Số: …/…", Quốc hiệu, Tiêu ngữ with their lines, place and date."""

from __future__ import annotations

import datetime as dt
import re

from cchc.core import layout
from cchc.core.vn import fold

from ..findings import finding
from ..lines import cell_room_mm, loose_line, rule_under, text_width
from ..locate import TYPE_NAMES
from .util import fmt

_NUMBER = re.compile(
    r"^(?:(?:Bộ\s+)?Luật\s+|Pháp\s+lệnh\s+)?[Ss]ố\s*:\s*(?P<num>[^/]*?)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?(?P<sym>\S+)$")
_BLANK = re.compile(r"^[\s\u00a0.…_]*$")
# the issuer's code after the type's may mix cases: "QĐ-TTg" (Thủ tướng), "CT-BCĐ", "KH-UBND"
_ISSUER_PART = re.compile(r"^[A-ZĐ][A-ZĐa-zđ0-9]*$")
_PLACEHOLDER = re.compile(r"#[A-Z_]+#")  # filled in by an e-office system when signed
_LAW_CODES = {fold(k): v for k, v in layout.LAW_TYPE_CODES.items()}
CODES = set(layout.DOCUMENT_CODES.values())
DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>[\d\s\u00a0.…_]*?)\s*tháng\s*(?P<m>[\d\s\u00a0.…_]*?)"
    r"\s*năm\s*(?P<y>\d{4}|\d{0,3}[\s\u00a0.…_]+)\.?$")


def check(model, lay):
    if lay.annex:
        return
    if not lay.administrative:
        where = lay.national_name.where if lay.national_name else "đầu văn bản"
        yield finding("header.not_administrative", where, "không có tên cơ quan ban hành, số, "
                      "ký hiệu", "phần đầu văn bản hành chính (nếu là văn bản hành chính)",
                      "Văn bản không có phần đầu của văn bản hành chính (tên cơ quan ban hành, "
                      "số, ký hiệu): đơn, tờ khai, lý lịch… không theo thể thức Nghị định "
                      "30/2020; chỉ kiểm tra trang, phông chữ và nội dung.")
        return
    if lay.national_name is None:
        yield finding("header.national_name", "đầu văn bản", "không có Quốc hiệu",
                      layout.NATIONAL_NAME, "Không tìm thấy Quốc hiệu «"
                      + layout.NATIONAL_NAME + "» ở đầu văn bản.")
        return
    if lay.stacked:
        yield finding("header.layout", lay.national_name.where, "các dòng xếp chồng một cột",
                      "hai cột: cơ quan | Quốc hiệu",
                      "Tên cơ quan và Quốc hiệu xếp chồng trong một cột; cần hai cột ngang "
                      "nhau (bảng hai cột hoặc điểm dừng tab).")
    elif not lay.left or not lay.issuing_body:
        yield finding("header.layout", lay.national_name.where, "phần đầu không có cột trái",
                      "hai cột: cơ quan | Quốc hiệu",
                      "Không tìm thấy cột tên cơ quan bên trái Quốc hiệu (bảng hai cột hoặc "
                      "đoạn có điểm dừng tab).")
    yield from _bodies(model, lay)
    yield from _number(lay)
    yield from _national(lay)
    yield from _motto(model, lay)
    yield from _date(lay)


def _upper(piece) -> bool:
    text = piece.shown_text()
    return text == text.upper()


def _bodies(model, lay):
    for pc in lay.parent_body:
        if not _upper(pc) or pc.any("bold"):
            yield finding("header.parent_body.format", pc.where, _style(pc), "in hoa, không đậm",
                          "Tên cơ quan chủ quản phải in hoa, không đậm.")
    for pc in lay.issuing_body:
        if not _upper(pc) or not pc.all("bold"):
            yield finding("header.issuing_body.format", pc.where, _style(pc), "in hoa, đậm",
                          "Tên cơ quan ban hành phải in hoa, đậm.")
    if lay.issuing_body:
        last = lay.issuing_body[-1]
        rule = rule_under(model, lay.left, last, lay.number) or loose_line(
            model, lay.header_paras, 0)
        if rule is None:
            yield finding("header.issuing_body.line", last.where, "không có đường kẻ",
                          "đường kẻ ngang dưới tên cơ quan ban hành",
                          "Thiếu đường kẻ ngang, nét liền dưới tên cơ quan ban hành.")
        else:
            yield from line_length("header.issuing_body.line_length", "issuing_body", rule,
                                   text_width(lay.issuing_body), last.where)


def _style(pc) -> str:
    bits = ["in hoa" if _upper(pc) else "chữ thường"]
    bits.append("đậm" if pc.all("bold") else ("đậm một phần" if pc.any("bold") else "không đậm"))
    if pc.any("italic"):
        bits.append("nghiêng")
    return ", ".join(bits)


def document_code(lay) -> str | None:
    """The type code the title asks for (KẾ HOẠCH → KH); None for a công văn."""
    if lay.type_name is not None:
        return layout.DOCUMENT_CODES[TYPE_NAMES[fold(lay.type_name.text)]]
    return None


def _number(lay):
    pc = lay.number
    if pc is None:
        if lay.issuing_body and not lay.annexed:
            yield finding("header.number", lay.issuing_body[-1].where, "không có dòng số",
                          "Số: …/…", "Thiếu dòng «Số: …/…» dưới tên cơ quan ban hành.")
        return
    text = pc.text.replace("\u00a0", " ")
    m = _NUMBER.match(text)
    if not m:
        yield finding("header.number", pc.where, text, "Số: 15/KH-UBND",
                      f"Dòng số, ký hiệu «{text}» không đúng mẫu «Số: 15/KH-UBND».")
        return
    if pc.text_fragments and pc.text_fragments[0].props.italic:
        yield finding("header.number.format", pc.where, "chữ nghiêng", "chữ đứng",
                      "Chữ «Số» và số, ký hiệu trình bày chữ đứng.")
    num = m.group("num")
    if not _BLANK.match(num):
        if not num.isdigit():
            yield finding("header.number", pc.where, num, "số Ả Rập",
                          f"Số văn bản «{num}» không phải số Ả Rập.")
        elif int(num) < 10 and len(num) < 2:
            yield finding("header.number.leading_zero", pc.where, num, f"{int(num):02d}",
                          f"Số {num} nhỏ hơn 10 phải ghi «{int(num):02d}».")
    yield from _symbol(lay, pc, m.group("sym"))


def law_code(lay) -> str | None:
    """The code of a law or an ordinance ("QH"), from its tên loại; None for others."""
    return _LAW_CODES.get(fold(lay.type_name.text)) if lay.type_name is not None else None


def _symbol(lay, pc, sym: str):
    parts = sym.split("-")
    want = document_code(lay)
    law = law_code(lay)
    if law is not None:
        if not re.fullmatch(law + r"\d{1,2}", sym):
            yield finding("header.number.symbol", pc.where, sym, f"{law}<khóa>",
                          f"Ký hiệu «{sym}» không đúng: {lay.type_name.text.lower()} có ký hiệu "
                          f"«{law}» kèm khóa («{law}15»).")
        return
    if want is not None:
        ok = len(parts) >= 2 and parts[0] == want and all(
            _ISSUER_PART.match(p) for p in parts[1:])
        if not ok:
            yield finding("header.number.symbol", pc.where, sym, f"{want}-…",
                          f"Ký hiệu «{sym}» không đúng: {lay.type_name.text.lower()} có ký hiệu "
                          f"«{want}-<cơ quan ban hành>» (Phụ lục III).")
        return
    if parts[0] in CODES:
        return  # a typed document whose title the title rule reports
    if len(parts) < 2 or not all(_ISSUER_PART.match(p) for p in parts):
        yield finding("header.number.symbol", pc.where, sym, "mã loại (Phụ lục III) hoặc "
                      "«cơ quan-đơn vị soạn thảo» in hoa",
                      f"Ký hiệu «{sym}» không phải mã loại văn bản của Phụ lục III, cũng không "
                      "đúng mẫu công văn «UBND-VX».")


def _national(lay):
    pc = lay.national_name
    text = " ".join(p.text for p in [pc, *lay.national_rest])
    if fold(text).replace(" ", "") != fold(layout.NATIONAL_NAME).replace(" ", ""):
        yield finding("header.national_name", pc.where, text, layout.NATIONAL_NAME,
                      f"Quốc hiệu «{text}» sai chữ; cần «{layout.NATIONAL_NAME}».")
    one_line = not lay.national_rest
    fits, width, room = national_fits(pc)
    if not _upper(pc) or not pc.all("bold") or not one_line or not fits:
        found = _style(pc) + ("" if one_line else ", ngắt dòng")
        if not fits:
            found += f", rộng khoảng {fmt(width)} mm trong ô {fmt(room)} mm nên xuống dòng"
        yield finding("header.national_name.format", pc.where, found, "in hoa, đậm, một dòng",
                      "Quốc hiệu phải in hoa, đậm, trên một dòng.")


def national_fits(pc) -> tuple[bool, float, float | None]:
    """(fits on one line of its cell, printed width, cell room), widths in mm."""
    room = cell_room_mm(pc.para.element)
    sizes = [f.props.size for f in pc.text_fragments if f.props.size]
    width = layout.text_width_mm(pc.shown_text(), max(sizes) if sizes else 12, pc.all("bold"))
    return room is None or width <= room + layout.MARGIN_TOLERANCE_MM, width, room


def _motto(model, lay):
    pc = lay.motto
    if pc is None:
        yield finding("header.motto", lay.national_name.where, "không có Tiêu ngữ",
                      layout.MOTTO, f"Thiếu Tiêu ngữ «{layout.MOTTO}» dưới Quốc hiệu.")
        return
    if pc.text != layout.MOTTO:
        yield finding("header.motto.text", pc.where, pc.text, layout.MOTTO,
                      f"Tiêu ngữ «{pc.text}»; cần «{layout.MOTTO}» (gạch nối, có cách chữ).")
    if not pc.all("bold"):
        yield finding("header.motto.format", pc.where, _style(pc), "đậm", "Tiêu ngữ phải đậm.")
    rule = rule_under(model, lay.right, pc, lay.place_date) or loose_line(
        model, lay.header_paras, 1)
    if rule is None:
        yield finding("header.motto.line", pc.where, "không có đường kẻ",
                      "đường kẻ ngang dưới Tiêu ngữ",
                      "Thiếu đường kẻ ngang, nét liền dưới Tiêu ngữ.")
    else:
        yield from line_length("header.motto.line_length", "motto", rule, text_width([pc]),
                               pc.where)


_SHARE = {(1 / 3, 1 / 2): "1/3–1/2 độ dài dòng chữ", (1.0, 1.0): "bằng độ dài dòng chữ"}


def line_length(rule_id: str, element: str, rule, text_mm: float, where: str):
    """A warning when a measured line is clearly out of its share of the text's width."""
    if rule.length_mm is None or text_mm <= 0:
        return
    lo, hi = layout.RULE_UNDER_RATIO[element]
    tol = layout.RULE_UNDER_TOLERANCE
    ratio = rule.length_mm / text_mm
    if lo - tol <= ratio <= hi + tol:
        return
    want = _SHARE.get((lo, hi), f"{fmt(lo)}–{fmt(hi)} lần dòng chữ")
    yield finding(rule_id, where, f"{fmt(rule.length_mm)} mm (chữ khoảng {fmt(text_mm)} mm)",
                  want, f"Đường kẻ dài {fmt(rule.length_mm)} mm, dòng chữ khoảng "
                  f"{fmt(text_mm)} mm; đường kẻ cần {want}.")


def _date(lay):
    pc = lay.place_date
    if pc is None and (law_code(lay) is not None or lay.annexed):
        return  # a law is dated where it closes; an annexed text by its Quyết định
    if pc is None:
        where = lay.motto.where if lay.motto else lay.national_name.where
        yield finding("header.date", where, "không có dòng ngày tháng",
                      "Địa danh, ngày … tháng … năm …",
                      "Thiếu dòng địa danh, ngày tháng năm bên phải, dưới Tiêu ngữ.")
        return
    if not pc.all("italic"):
        yield finding("header.date.italic", pc.where, "chữ đứng", "chữ nghiêng",
                      "Địa danh, ngày tháng năm phải in nghiêng.")
    if _PLACEHOLDER.search(pc.text):
        return  # "Hà Nội, #DATE#": the system writes the date when the document is signed
    m = DATE.match(pc.text)
    if not m:
        yield finding("header.date.format", pc.where, pc.text,
                      "Địa danh, ngày 05 tháng 3 năm 2023",
                      f"«{pc.text}» không đúng mẫu «Địa danh, ngày … tháng … năm …».")
        return
    day, month, year = m.group("d"), m.group("m"), m.group("y")
    if not year.isdigit():  # a form's "năm 20…." left for the signer: any leap year
        year = "2000"
    yield from _date_values(pc, day, month, int(year))


def padded(day: str, month: str) -> tuple[str, str]:
    """What day and month should read: "5" → "05"; months 1, 2 → "01", "02"; "03" → "3"."""
    if day.isdigit():
        day = f"{int(day):02d}"
    if month.isdigit():
        month = f"{int(month):02d}" if int(month) in (1, 2) else str(int(month))
    return day, month


def _date_values(pc, day: str, month: str, year: int):
    blank_day, blank_month = _BLANK.match(day), _BLANK.match(month)
    if (blank_day or day.isdigit()) and (blank_month or month.isdigit()):
        if not blank_day and not blank_month:
            want_d, want_m = padded(day, month)
            if (want_d, want_m) != (day, month):
                yield finding("header.date.leading_zero", pc.where,
                              f"ngày {day} tháng {month}", f"ngày {want_d} tháng {want_m}",
                              f"Viết «ngày {want_d} tháng {want_m}»: ngày dưới 10 và tháng 1, 2 "
                              "thêm số 0 phía trước, các tháng khác thì không.")
            try:
                dt.date(year, int(month), int(day))
            except ValueError:
                yield finding("header.date.invalid", pc.where, f"{day}/{month}/{year}",
                              "ngày có thật", f"Ngày {day}/{month}/{year} không có thật.")
        elif not blank_month and not 1 <= int(month) <= 12:
            yield finding("header.date.invalid", pc.where, f"tháng {month}", "tháng 1–12",
                          f"Tháng {month} không có thật.")
    else:
        yield finding("header.date.format", pc.where, pc.text,
                      "ngày, tháng ghi bằng số", "Ngày, tháng phải ghi bằng chữ số.")
