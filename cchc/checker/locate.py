"""Find the parts of an official document: header block, title, body, signature.

Drafts lay the header out in two ways: a borderless two-column table, or
paragraphs whose columns are separated by tab stops (or pushed right by an
indent). Both come out of the model as *pieces* with a column (side), so the
locator reads the left column (bodies, "Số:") and the right column (Quốc hiệu,
Tiêu ngữ, date) the same way whichever layout was used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from cchc.core import layout
from cchc.core.vn import fold

from .model import DocModel, Para, Piece
from .split import split_gap, split_national

_NATIONAL = fold(layout.NATIONAL_NAME).replace(" ", "")
_MOTTO_LETTERS = re.sub(r"[^a-z]", "", fold(layout.MOTTO))
_AUTHORITY = re.compile(r"^(tm|kt|tl|tuq|q)\s*[.:]?\s", re.IGNORECASE)
# an e-office system fills "#DATE#" in when the document is signed
DATE_WORDS = re.compile(r"ngày.*tháng.*năm|,\s*ngày\s|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|"
                        r",\s*#[A-Z_]+#", re.IGNORECASE)
# "Số: 15/KH-UBND"; a law's "Luật số: 56/2010/QH12", an ordinance's "Pháp lệnh số: …"
_NUMBER = re.compile(r"^((bộ\s+)?luật\s+|pháp\s+lệnh\s+)?số\s*[:.]?", re.IGNORECASE)
TYPE_NAMES = {fold(name): name for name in layout.DOCUMENT_CODES}
_UBND_SECOND = ("tinh ", "thanh pho ", "xa ", "phuong ", "huyen ", "quan ", "thi xa ", "dac khu ")
_HEADER_SCAN = 40
# "Nơi nhận:" alone or with its first item on the line; not "Nơi nhận hồ sơ: …" in the text
_LABEL = re.compile(r"^noi nhan\s*([:.].{0,60})?$")  # the header block sits in the first paragraphs


@dataclass
class Layout:
    header_kind: str | None = None  # "table" or "paragraphs"
    stacked: bool = False  # paragraphs in one column instead of two
    header_paras: list[Para] = field(default_factory=list)
    left: list[Piece] = field(default_factory=list)
    right: list[Piece] = field(default_factory=list)
    parent_body: list[Piece] = field(default_factory=list)
    issuing_body: list[Piece] = field(default_factory=list)
    number: Piece | None = None
    cv_subject: list[Piece] = field(default_factory=list)  # "V/v …" of a công văn
    national_name: Piece | None = None
    national_rest: list[Piece] = field(default_factory=list)  # its second line, if broken
    motto: Piece | None = None
    place_date: Piece | None = None
    annex: bool = False  # a phụ lục / đề cương: its own title block, no header or signature
    administrative: bool = True  # False: no issuing body and no "Số" (petition, form, CV)
    annex_start: Para | None = None  # first paragraph of an annex bound into the file
    title: Para | None = None  # first paragraph after the header block
    type_name: Para | None = None
    subject: list[Para] = field(default_factory=list)
    subject_gap: list[Para] = field(default_factory=list)
    subject_note: list[Para] = field(default_factory=list)  # "(Ban hành kèm theo …)"
    annexed: bool = False  # issued with another document: no number or date of its own
    body: list[Para] = field(default_factory=list)
    authority: Piece | None = None
    signer_title: list[Piece] = field(default_factory=list)
    signer_name: Piece | None = None
    recipients_label: Piece | None = None
    recipients: list[Piece] = field(default_factory=list)
    signature_paras: list[Para] = field(default_factory=list)

    def roles(self) -> dict[int, str]:
        """Element name (a key of layout.ELEMENTS) of each located piece, by id()."""
        out: dict[int, str] = {}
        for name in ("parent_body", "issuing_body", "signer_title", "recipients"):
            for piece in getattr(self, name):
                out[id(piece)] = name
        for name in ("number", "national_name", "motto", "place_date", "authority",
                     "signer_name", "recipients_label"):
            piece = getattr(self, name)
            if piece is not None:
                out[id(piece)] = name
        return out


def shows(piece: Piece) -> bool:
    return bool(piece.text) and not piece.has_line


def locate(model: DocModel) -> Layout:
    lay = Layout()
    if _is_annex(model):
        lay.annex = True
        lay.body = [p for p in model.top_level() if p.text and not is_separator(p)]
        return lay
    _header(model, lay)
    lay.administrative = _administrative(model, lay)
    lay.annex_start = _annex_start(model, lay)
    _signature(model, lay)
    _title_and_body(model, lay)
    return lay


_ANNEX_TITLES = ("phu luc", "de cuong", "danh muc", "bieu", "bang")


def is_separator(para: Para) -> bool:
    """A paragraph that only draws a line ("______", a shape): not text to judge."""
    shown = [pc for pc in para.pieces if pc.text or pc.has_line]
    return bool(shown) and all(pc.has_line for pc in shown)


def _kem_theo(para: Para) -> bool:
    return fold(para.text).lstrip("(").startswith("kem theo")


def _is_annex(model: DocModel) -> bool:
    """An annex starts with its own title and says what it accompanies ("Kèm theo …")."""
    first = next((p for p in model.paras if p.text), None)
    content = [p for p in model.top_level() if p.text][:8]
    return bool(content) and first is content[0] and fold(content[0].text).startswith(
        _ANNEX_TITLES) and any(_kem_theo(p) for p in content)


def _annex_start(model: DocModel, lay: Layout) -> Para | None:
    """The title of the first annex bound after the document ("Phụ lục I" … "(Kèm theo …)").

    Its signature, sample forms and numbering are its own, so the document's
    signature is looked for before it and the heading numbering restarts there.
    """
    header = {id(p) for p in lay.header_paras}
    top = [p for p in model.top_level() if p.text and id(p) not in header]
    for i, para in enumerate(top):
        if para.props.align != "center" or _kem_theo(para):
            continue
        if any(_kem_theo(p) for p in top[i + 1:i + 4]) and (
                fold(para.text).startswith(_ANNEX_TITLES) or para.text == para.text.upper()):
            return para
    return None


def _administrative(model: DocModel, lay: Layout) -> bool:
    """An administrative document names its issuing body or has a "Số: …/…" line."""
    if lay.national_name is not None:
        return bool(lay.number or lay.issuing_body or lay.parent_body)
    return any(_NUMBER.match(pc.text) and "/" in pc.text
               for p in model.paras[:_HEADER_SCAN] for pc in p.pieces)


# -- header -------------------------------------------------------------------
def _column(piece: Piece) -> int:
    if piece.para.col is not None:
        return min(piece.para.col, 1)
    return piece.side


def _find_national(model: DocModel) -> Piece | None:
    """The Quốc hiệu's piece among the first paragraphs, cut out of a shared line."""
    for para in model.paras[:_HEADER_SCAN]:
        if para.table is None and fold(para.text) in TYPE_NAMES:
            return None  # the title came first: there is no header block
        for piece in list(para.pieces):
            if _NATIONAL[:15] in fold(piece.text).replace(" ", ""):
                return split_national(piece, _NATIONAL[:15], _MOTTO_LETTERS)
    return None


def _header(model: DocModel, lay: Layout) -> None:
    national = _find_national(model)
    if national is None:
        return
    lay.national_name = national
    if national.para.table is not None:
        lay.header_kind = "table"
        side = _table_header(model, lay, national)
    else:
        lay.header_kind = "paragraphs"
        _paragraph_header(model, lay, national)
        side = _column
    pieces = [pc for p in lay.header_paras for pc in p.pieces]
    lay.left = [pc for pc in pieces if side(pc) == 0]
    lay.right = [pc for pc in pieces if side(pc) == 1]
    if lay.header_kind == "paragraphs" and national in lay.left:
        # no tab and no indent: a header stacked in one column; read it anyway so the
        # other rules still apply, and let header.layout report the stacking
        lay.stacked = True
        lay.right = pieces[pieces.index(national):]
        lay.left = pieces[:pieces.index(national)]
        number = next((pc for pc in lay.right if _NUMBER.match(pc.text)), None)
        if number is not None:  # "Số: …" stacked under the date or the motto
            lay.right.remove(number)
            lay.left.append(number)
    _left_column(lay)
    _right_column(lay)


def _table_header(model: DocModel, lay: Layout, national: Piece):
    """Header rows of a table: from the top to the row holding the date (at most three
    rows from the Quốc hiệu's); columns left of the Quốc hiệu's are the left column.

    A form laid out as one big table keeps its fields out of the header, and a
    "Mẫu số …" cell right of the Quốc hiệu belongs to neither column.
    """
    t, row, col = national.para.table, national.para.row, national.para.col
    end = col + national.para.span  # a Quốc hiệu cell may span columns other rows split
    cells = [p for p in model.paras if p.table == t]
    last = row
    for p in cells:
        if col <= p.col < end and row <= p.row <= row + 2 and any(
                DATE_WORDS.search(pc.text) for pc in p.pieces):
            last = p.row
            break
    lay.header_paras = [p for p in cells if p.row <= last]
    return lambda pc: 0 if pc.para.col < col else (1 if pc.para.col < end else None)


def _paragraph_header(model: DocModel, lay: Layout, national: Piece) -> None:
    top = model.top_level()
    start = top.index(national.para)
    if national.para.pieces[0] is not national and national.para.pieces[0].side == 0:
        # the Quốc hiệu typed after the body on one line: the other lines are spaced too
        for para in top[start + 1:start + 8]:
            if len(para.pieces) == 1:
                split_gap(para.pieces[0])
    end = start
    for i in range(start, min(start + 8, len(top))):
        if any(DATE_WORDS.search(pc.text) for pc in top[i].pieces if _column(pc) == 1):
            end = i
            break
    else:
        end = min(start + 4, len(top) - 1)
    first = next((i for i in range(start) if top[i].text), start)
    lay.header_paras = top[first:end + 1]


def _left_column(lay: Layout) -> None:
    shown = [pc for pc in lay.left if shows(pc)]
    number_at = next((i for i, pc in enumerate(shown) if _NUMBER.match(pc.text)), None)
    if number_at is not None:
        lay.number = shown[number_at]
        lay.cv_subject = [pc for pc in shown[number_at + 1:]]
    bodies = shown[:number_at] if number_at is not None else shown
    if len(bodies) == 2 and fold(bodies[0].text).startswith("uy ban nhan dan") and \
            fold(bodies[1].text).startswith(_UBND_SECOND):
        lay.issuing_body = bodies
    elif bodies:
        lay.parent_body, lay.issuing_body = bodies[:1], bodies[1:]
        if len(bodies) == 1:
            lay.parent_body, lay.issuing_body = [], bodies


def _right_column(lay: Layout) -> None:
    shown = [pc for pc in lay.right if shows(pc)]
    at = shown.index(lay.national_name) if lay.national_name in shown else 0
    after = shown[at + 1:]
    name = fold(lay.national_name.text).replace(" ", "")
    while after and name != _NATIONAL and _NATIONAL.startswith(
            name + fold(after[0].text).replace(" ", "")):
        # the Quốc hiệu broken over two lines: "… CHỦ NGHĨA" / "VIỆT NAM"
        lay.national_rest.append(after[0])
        name += fold(after.pop(0).text).replace(" ", "")
    if after and re.sub(r"[^a-z]", "", fold(after[0].text)) == _MOTTO_LETTERS:
        lay.motto = after[0]
    lay.place_date = next((pc for pc in after if DATE_WORDS.search(pc.text)), None)


def gap_after(pieces: list[Piece], first: Piece, stop: Piece | None) -> list[Piece]:
    """``first`` and the pieces after it in its column up to (not including) ``stop``."""
    if first not in pieces:
        return [first]
    i = pieces.index(first)
    out = [first]
    for pc in pieces[i + 1:]:
        if pc is stop or (shows(pc) and pc is not first):
            break
        out.append(pc)
    return out


# -- signature ----------------------------------------------------------------
def _signature(model: DocModel, lay: Layout) -> None:
    header = {id(p) for p in lay.header_paras}
    stop = lay.annex_start.index if lay.annex_start else len(model.paras) + 1
    rest = [p for p in model.paras if id(p) not in header and p.index < stop]
    label = None
    for para in rest:
        for pc in para.pieces:
            if _LABEL.match(fold(pc.text)):
                label = pc
    authority = None
    for para in rest:
        for pc in para.pieces:
            if _AUTHORITY.match(pc.text + " ") and len(pc.text) < 80 and \
                    not _in_data_table(model, pc):
                authority = pc
    anchor = label or authority or _signer_table(rest)
    if anchor is None:
        return
    if anchor.para.table is not None:
        zone = [p for p in model.paras if p.table == anchor.para.table]
        left = [pc for p in zone for pc in p.pieces if _column(pc) == 0]
        right = [pc for p in zone for pc in p.pieces if _column(pc) == 1]
    else:
        zone = _signature_paragraphs(model, label, authority)
        pieces = [pc for p in zone for pc in p.pieces]
        left, right = _split_recipients(pieces, label)
    lay.signature_paras = zone
    lay.recipients_label = label if label and label in left else None
    if lay.recipients_label:
        i = left.index(label)
        lay.recipients = [pc for pc in left[i + 1:] if shows(pc)]
    _signer(lay, [pc for pc in right if shows(pc)])


def _in_data_table(model: DocModel, pc: Piece) -> bool:
    """"TL. GIÁM ĐỐC" as a value in a register's "Người ký" column: a table of more than
    three rows, or a cell holding that one line, is not a signature block."""
    para = pc.para
    if para.table is None:
        return False
    cell = [q for p in model.paras if p.table == para.table and p.row == para.row
            and p.col == para.col for q in p.pieces if shows(q)]
    rows = max(p.row for p in model.paras if p.table == para.table) + 1
    return rows > 3 or len(cell) < 2


def _signer_table(rest: list[Para]) -> Piece | None:
    """A signature with no authority and no "Nơi nhận" (a law: "CHỦ TỊCH QUỐC HỘI" and the
    name; a Biên bản signed by both sides): the last table of the text when its right
    column is a title in capitals over a name, and nothing but blank lines follows it."""
    tail = [p for p in rest if p.text]
    if not tail or tail[-1].table is None:
        return None
    table = tail[-1].table
    right = [pc for p in rest if p.table == table and (p.col or 0) >= 1 for pc in p.pieces
             if shows(pc)]
    left = [pc for p in rest if p.table == table and (p.col or 0) == 0 for pc in p.pieces
            if shows(pc)]
    def signer_like(lines: list[Piece]) -> bool:
        return 2 <= len(lines) <= 6 and lines[0].shown_text() == lines[0].shown_text().upper()

    if not signer_like(right) or (left and not signer_like(left)):
        return None  # a second signer on the left ("ĐẠI DIỆN ĐƠN VỊ" in a Biên bản) is fine
    return right[0]


def _signature_paragraphs(model: DocModel, label, authority) -> list[Para]:
    top = [p for p in model.paras if p.table is None]
    anchors = [pc.para for pc in (label, authority) if pc is not None and pc.para in top]
    start = min(top.index(p) for p in anchors)
    if authority is None:  # the signer's lines may sit just above "Nơi nhận:"
        while start > 0 and _looks_signer(top[start - 1]):
            start -= 1
    end = start
    while end + 1 < len(top) and not top[end + 1].sect_break and \
            (end + 1 - start) < 25 and not _looks_title(top[end + 1]):
        end += 1
    return top[start:end + 1]


def _looks_signer(para: Para) -> bool:
    text = para.text
    return not text or (len(text) < 60 and (para.props.align in ("center", "right")
                                            or para.props.left_mm >= 60))


def _looks_title(para: Para) -> bool:
    return fold(para.text) in TYPE_NAMES or fold(para.text).startswith(("phu luc", "de cuong"))


def _split_recipients(pieces: list[Piece], label) -> tuple[list[Piece], list[Piece]]:
    """Paragraph layout: the recipients are the label and the "- …" lines after it."""
    left, right = [], []
    in_list = False
    for pc in pieces:
        if pc is label:
            left.append(pc)
            in_list = True
        elif in_list and pc.side == 0 and (pc.text.startswith(("-", "–", "+")) or (
                shows(pc) and _wrapped(left[-1]))):
            left.append(pc)
        else:
            if in_list and pc.side == 0 and shows(pc):
                in_list = False
            right.append(pc)
    return left, right


def _wrapped(item: Piece) -> bool:
    """A recipient line that does not end its item: the next line continues it."""
    text = item.text
    return text.startswith(("-", "–", "+")) and not text.endswith((";", ".", ":"))


_STAMP = re.compile(r"^(người ký|ký bởi|thời gian ký|email|cơ quan)\s*:?|\d{1,2}[./]\d{1,2}[./]"
                    r"\d{4}\s+\d{1,2}:\d{2}", re.IGNORECASE)


def _not_signer_line(pc: Piece) -> bool:
    """Lines of the signature block that are not the signer's: "(Đã ký)", "(Ký, ghi rõ họ
    tên)", and a digital-signature stamp (a table nested in the cell: "Người ký: …",
    "Thời gian ký: 05.03.2023 09:15:20 +07:00")."""
    text = pc.text
    nested = sum(1 for _ in pc.para.element.iterancestors(qn("w:tbl"))) > 1
    return nested or (text.startswith("(") and text.endswith(")")) or bool(_STAMP.match(text))


def _signer(lay: Layout, lines: list[Piece]) -> None:
    lines = [pc for pc in lines if not _not_signer_line(pc)]
    if not lines:
        return
    i = 0
    if _AUTHORITY.match(lines[0].text + " "):
        lay.authority = lines[0]
        i = 1
    upper = [pc.shown_text() == pc.shown_text().upper() for pc in lines]
    while i < len(lines) - 1 and upper[i]:
        lay.signer_title.append(lines[i])
        i += 1
    if i < len(lines):
        right_under = len(lines) > 1 and lines[-1].para.index - lines[-2].para.index <= 1
        if upper[-1] and right_under:
            lay.signer_title.append(lines[-1])  # a title; the name is left blank
        else:
            lay.signer_name = lines[-1]


# -- title and body -----------------------------------------------------------
def _subject_like(para: Para) -> bool:
    """The trích yếu: centred, or at least a short bold line right under the tên loại."""
    if para.props.align == "center":
        return True
    bold = all(pc.all("bold") for pc in para.pieces if pc.text)
    return bold and len(para.text) < 120 and not re.match(r"^([IVX]+|\d+)\.\s", para.text)

def _note(para: Para) -> bool:
    """"(Ban hành kèm theo Quyết định số …)" under a title: a note, not the trích yếu."""
    text = para.text
    return text.startswith("(") and text.rstrip(".").endswith(")")


def _ends_subject(para: Para, lay: Layout) -> bool:
    """A line that follows the trích yếu without a gap but is not part of it: the issuing
    body's name or the signer's office in capitals ("CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN NHÂN
    DÂN TỈNH") above "Căn cứ …", when the trích yếu itself is not in capitals."""
    text = para.text
    bodies = {fold(pc.text) for pc in lay.issuing_body + lay.parent_body}
    if fold(text) in bodies or fold(text).startswith("kinh gui"):
        return True  # "Kính gửi: …" centred under a report's trích yếu opens the text
    return bool(lay.subject) and text == text.upper() and not any(
        ch.isdigit() for ch in text) and any(p.text != p.text.upper() for p in lay.subject)


def _title_and_body(model: DocModel, lay: Layout) -> None:
    header = {id(p) for p in lay.header_paras}
    sign = {id(p) for p in lay.signature_paras}
    top = [p for p in model.top_level() if id(p) not in header]
    if lay.header_paras:
        last = max(p.index for p in lay.header_paras)
        top = [p for p in top if p.index > last]
    content = [p for p in top if p.text and not is_separator(p)]
    if not content:
        return
    first = content[0]
    lay.title = first
    i = top.index(first)
    if fold(first.text) in TYPE_NAMES:
        lay.type_name = first
        i += 1
        while i < len(top) and top[i].text and not is_separator(top[i]) and \
                _subject_like(top[i]) and len(lay.subject) < 4 and id(top[i]) not in sign \
                and not _note(top[i]) and not _ends_subject(top[i], lay):
            lay.subject.append(top[i])
            i += 1
            if lay.subject[-1].props.border_bottom:
                break  # the line under the trích yếu closes it
        while i < len(top) and (not top[i].text or is_separator(top[i]) or _note(top[i])):
            (lay.subject_note if top[i].text and _note(top[i]) else lay.subject_gap).append(
                top[i])
            i += 1
        lay.annexed = any(fold(p.text).lstrip("(").startswith(("ban hanh kem theo", "kem theo"))
                          for p in lay.subject_note)
    body = [p for p in top[i:] if p.text and id(p) not in sign and not is_separator(p)]
    if not lay.administrative:
        while body and _looks_signer(body[-1]):
            body.pop()  # "NGƯỜI LÀM ĐƠN / (Ký, ghi rõ họ tên) / name" closing a petition
    lay.body = body
