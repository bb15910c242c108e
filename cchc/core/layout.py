"""The official layout of Nghị định 30/2020/NĐ-CP as data.

The template builder lays documents out from these numbers and ``cchc check``
verifies drafts against the same numbers, so the two can never disagree.
Lengths are in millimetres, font sizes in points; a range is (low, high) and the
house default is the first value the generator uses.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"
PAGE_A4_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


MARGINS = Margins(top=20, bottom=20, left=30, right=15)
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}

# Landscape pages turn the sheet; the binding edge stays on the long side's left.
LANDSCAPE_MARGINS = Margins(top=30, bottom=15, left=20, right=20)

# Text width of a portrait page with the default margins: 210 - 30 - 15.
TEXT_WIDTH_MM = PAGE_A4_MM[0] - MARGINS.left - MARGINS.right
HEADER_LEFT_MM = 70.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM


@dataclass(frozen=True)
class Element:
    """One element of the layout: the size the generator uses and the allowed range."""

    size: float
    size_range: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None
    upper: bool | None = None


ELEMENTS: dict[str, Element] = {
    "parent_body": Element(13, (12, 13), bold=False, upper=True),
    "issuing_body": Element(13, (12, 13), bold=True, upper=True),
    "number": Element(13, (13, 13), bold=False),
    "national_name": Element(12, (12, 13), bold=True, upper=True),
    "motto": Element(14, (13, 14), bold=True),
    "place_date": Element(14, (13, 14), italic=True),
    "type_name": Element(14, (13, 14), bold=True, upper=True),
    "subject": Element(14, (14, 14), bold=True),
    "body": Element(14, (13, 14)),
    "authority": Element(14, (13, 14), bold=True, upper=True),
    "signer_title": Element(14, (13, 14), bold=True, upper=True),
    "signer_name": Element(14, (13, 14), bold=True),
    "recipients_label": Element(12, (12, 12), bold=True, italic=True),
    "recipients": Element(11, (11, 11), bold=False),
    "page_number": Element(13, (13, 14)),
    "table": Element(12, (10, 14)),
    "footnote": Element(10, (10, 12)),
}

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

FIRST_LINE_INDENT_MM = 12.7
FIRST_LINE_INDENT_RANGE_MM = (10.0, 12.7)
PARAGRAPH_SPACING_PT = 6
LINE_SPACING_RANGE = (1.0, 1.5)

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

# Phụ lục III: ký hiệu of each document type.
TYPE_CODES: dict[str, str] = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC",
    "Quy định": "QyĐ", "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD",
    "Chương trình": "CTr", "Kế hoạch": "KH", "Phương án": "PA", "Đề án": "ĐA",
    "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ", "Giấy mời": "GM", "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP", "Phiếu gửi": "PG", "Phiếu chuyển": "PC", "Phiếu báo": "PB",
    "Bản sao y": "SY", "Bản trích sao": "TrS", "Bản sao lục": "SL",
}


# Legal documents (Law on Promulgation of Legal Documents) carry the same header and
# title block; their ký hiệu puts the year between number and code ("30/2020/NĐ-CP").
LEGAL_TYPE_CODES: dict[str, str] = {
    "Nghị định": "NĐ", "Thông tư": "TT", "Thông tư liên tịch": "TTLT",
}
# Laws and ordinances (Luật 80/2015): the number line reads "Luật số: 56/2010/QH12", the
# code is the issuing body's with its term (QH12: the 12th Quốc hội), and the header
# has no place-and-date line (the date the law was passed closes its text).
LAW_TYPE_CODES: dict[str, str] = {"Luật": "QH", "Bộ luật": "QH", "Pháp lệnh": "UBTVQH"}
LEGAL_TYPE_CODES.update(LAW_TYPE_CODES)
DOCUMENT_CODES: dict[str, str] = {**TYPE_CODES, **LEGAL_TYPE_CODES}


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of one line of Times text, for sizing the short rules under headings.

    Letters are measured by their base letter (diacritics do not change the
    advance width); characters outside the table count as an average letter.
    """
    import unicodedata

    from .metrics import BOLD, REGULAR

    widths = BOLD if bold else REGULAR
    total = 0.0
    for ch in text:
        base = {"Đ": "D", "đ": "d"}.get(ch) or unicodedata.normalize("NFD", ch)[0]
        total += widths.get(base, 0.5)
    return total * size_pt * 25.4 / 72


# --- Added for ``cchc check`` (the checker reads every number from here) ---

# The decree sets no separate margins for a landscape page. Two conventions are in
# use and both are accepted: the portrait ranges read on the turned page as Word
# shows them (the decree's own landscape page in Phụ lục I: top 20, left 30,
# right 15), and the sheet turned with its binding edge on top (these ranges,
# matching LANDSCAPE_MARGINS).
LANDSCAPE_MARGIN_RANGES = {"top": (30, 35), "bottom": (15, 20), "left": (20, 25), "right": (20, 25)}
# Word stores lengths in twentieths of a point; a millimetre typed in Word's
# dialog rounds, so lengths are compared with these tolerances.
PAGE_SIZE_TOLERANCE_MM = 1.0
MARGIN_TOLERANCE_MM = 0.3
INDENT_TOLERANCE_MM = 0.3
SPACING_TOLERANCE_PT = 0.5
# Lettered items: the Vietnamese alphabet without f, j, w, z; "đ)" follows "d)".
ITEM_LETTERS = "abcdđeghiklmnopqrstuvxy"
RECIPIENTS_LABEL = "Nơi nhận:"
# The last line of the recipients list: "- Lưu: VT, NC." (văn thư keeps a copy).
ARCHIVE_LINE_PREFIX = "- Lưu: VT"
# Page numbers start on page 2: the first page shows none.
PAGE_NUMBER_FROM = 2
# Length of the short rules as a share of their text's width: under the issuing
# body and the trích yếu 1/3 to 1/2, under the Tiêu ngữ as long as the text. The
# tolerance absorbs the estimate of the text's printed width.
RULE_UNDER_RATIO = {"issuing_body": (1 / 3, 1 / 2), "motto": (1.0, 1.0),
                    "subject": (1 / 3, 1 / 2)}
RULE_UNDER_TOLERANCE = 0.1
