"""Indicators of outline 5.1–5.4 and the investment figures of 5.5, read by meaning.

A value may be the outline's bullet with its blank filled ("… đạt tỷ lệ: 85,5 %"),
prose ("đạt 45,2% (113/250 hồ sơ)"), only the counts ("171/200", "171 trên tổng
số 200"), or a row of a small table. Text is cut into clauses (one bullet may
carry three rates), each clause is matched to an indicator by keyword phrases
from the outline's wording, then its percentage and counts are read.
"""

from __future__ import annotations

import re

from cchc.core.spec import INDICATORS
from cchc.core.vn import clean, parse_count, parse_number
from cchc.extractors.model import Para, Table
from cchc.extractors.text import norm, score

PHRASES: dict[str, tuple[tuple[str, float], ...]] = {
    "dvc_online_generating_ratio": (("phat sinh ho so", 5), ("dich vu cong truc tuyen", 1)),
    "records_fully_online_ratio": (("hoan toan", 3), ("xu ly hoan toan", 2),
                                   ("hoan toan truc tuyen", 2),
                                   ("hoan toan duoi dang truc tuyen", 1),
                                   ("xu ly truc tuyen", 4), ("giai quyet truc tuyen", 4),
                                   ("ho so truc tuyen", 4),
                                   # records handled online end to end are records, not
                                   # the services offered "toàn trình"
                                   ("ho so xu ly truc tuyen toan trinh", 6),
                                   ("ho so duoc xu ly truc tuyen toan trinh", 6),
                                   ("ho so giai quyet truc tuyen toan trinh", 6)),
    "full_process_dvc_ratio": (("toan trinh", 5), ("du dieu kien", 4)),
    "online_payment_ratio": (("thanh toan truc tuyen", 5), ("thanh toan", 3)),
    "electronic_result_ratio": (("cap ket qua dien tu", 5), ("ket qua dien tu", 4),
                                ("tthc dien tu", 3), ("cap ket qua", 2)),
    "digitized_result_ratio": (("so hoa ket qua", 5), ("tthc so hoa", 3),
                               ("thu tuc hanh chinh so hoa", 3), ("duoc so hoa", 2),
                               ("so hoa ho so", 2), ("so hoa", 1),
                               ("ket qua giai quyet thu tuc hanh chinh", 1)),
    "document_reuse_ratio": (("su dung lai", 5), ("tai su dung", 5)),
    "electronic_documents_ratio": (("van ban trao doi", 4), ("van ban di den", 3),
                                   ("van ban di", 2), ("ky so", 1), ("gui nhan", 2),
                                   ("duoi dang dien tu", 2), ("cqnn", 1),
                                   ("van ban dien tu", 4)),
    "online_work_records_ratio": (("ho so cong viec", 5), ("moi truong mang", 2)),
    "reporting_system_ratio": (("he thong thong tin bao cao", 5), ("chi tieu tong hop", 3),
                               ("he thong bao cao", 4),
                               ("bao cao dinh ky", 2)),
    "digital_inspection_ratio": (("kiem tra hanh chinh", 5), ("moi truong so", 2),
                                 ("hoat dong kiem tra", 4), ("kiem tra", 2)),
    "commune_portal_ratio": (("cong ttdt", 3), ("cong thong tin dien tu", 3),
                             ("cong thanh phan", 3), ("xa phuong thi tran", 2),
                             ("cap xa", 1), ("xa thi tran", 2), ("ttdt thanh phan", 2),
                             ("cong thong tin dien tu thanh phan", 2),
                             ("trang thong tin dien tu", 3), ("so xa", 1)),
    "digital_skills_training_ratio": (("ky nang so", 5), ("tap huan", 2), ("pho cap", 2),
                                      ("tap huan ve chuyen doi so", 2)),
    "ecommerce_retail_share": (("ban le", 5), ("ty trong thuong mai dien tu", 3)),
    "e_invoice_ratio": (("hoa don dien tu", 5), ("thue dien tu", 3)),
    "ocop_ecommerce_ratio": (("ocop", 5), ("san thuong mai dien tu", 3)),
    "smartphone_ratio": (("dien thoai thong minh", 5), ("smartphone", 5)),
    "fiber_household_ratio": (("cap quang", 5), ("ho gia dinh", 2), ("bang rong", 2),
                              ("bang rong co dinh", 3)),
    "eid_adult_ratio": (("dinh danh dien tu", 5), ("dan so truong thanh", 3),
                        ("danh tinh so", 4)),
    "infosec_level_approved_ratio": (("phe duyet cap do", 5), ("cap do an toan", 4),
                                     ("hoan thanh phe duyet", 3), ("de xuat cap do", 4)),
    "infosec_compliant_ratio": (("dap ung yeu cau", 5), ("bao ve an toan thong tin", 4),
                                ("theo cap do", 1), ("phuong an bao dam an toan", 4)),
}
THRESHOLD = 4.0
_SECTIONS = {i.id: i.section for i in INDICATORS}

# "85,5%", and in words: "đạt 95 phần trăm"
# A scan may part the decimal from its digit ("88, 1%"): one digit then the sign.
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+|,\s\d(?=\s*%))?)\s*(?:%|phần\s+trăm\b)",
                      re.IGNORECASE)
# A count: "1.267", "1267" or with a space between thousands ("130 090", "2 827"), the
# last only where every group after the first has three digits and no rate follows.
_COUNT = (r"(?:[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d%]|[.,]\d|\s*%)"
          r"|[1-9]\d{0,2}(?:,\d{3})+(?![\d%]|[.,]\d)|\d[\d.]*)")
_RATIO = re.compile(rf"(?<![\d/.,])({_COUNT})\s*/\s*({_COUNT})(?![\d/]|\s*/|[.,]\d)")
# "39 giao dịch … trên (tổng số) 95", "… trong (tổng) số 95": the words between may name
# the whole indicator ("cuộc kiểm tra hành chính được thực hiện thông qua môi trường số").
_ON_TOTAL = re.compile(rf"(?<![\d/.,])({_COUNT})\s+[^\d%/;]{{0,120}}?"
                       rf"\b(?:trên\s+(?:tổng\s+số\s+)?|trong\s+(?:tổng\s+)?số\s+)"
                       rf"({_COUNT})", re.IGNORECASE)
_BLANK = re.compile(r"(?:…|\.{3,}|_{3,}|không phát sinh|chưa phát sinh|\s%|^\s*%|:\s*$)",
                    re.IGNORECASE)
_NULL_WORDS = re.compile(r"không phát sinh|chưa phát sinh|^\s*[-–—]\s*$", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"(?:[;:]|[,.](?=\s))\s+(?=(?:t[ỷỉ]|T[ỷỉ]|TỶ|TỈ)\s+l[ệ]|[Ss]ố\s)"
                         r"|(?P<sentence>(?<=[.;])\s+)(?=[-–+•]\s|[A-ZĐÀ-Ỹ])")


def clauses(text: str) -> list[str]:
    """A bullet like "tỷ lệ A đạt 50%, tỷ lệ B đạt 40%" → one clause per rate."""
    out = []
    for para in text.split("\n"):
        start = 0
        for m in _CLAUSE_CUT.finditer(para):
            if m.group("sentence") and not _opens_sentence(para[m.end():m.end() + 1]):
                continue  # "À-Ỹ" also holds small letters ("đ", "ơ"): "…:. đã thực hiện"
            out.append(para[start:m.start()])
            start = m.end()
        out.append(para[start:])
    return [c for c in (clean(x) for x in out) if c]


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char in "-–+•"


SURE = 5.0  # below this the clause was recognised from partial wording: flagged


def match(clause: str) -> str | None:
    return match_scored(clause)[0]


def match_scored(clause: str) -> tuple[str | None, float]:
    """(indicator, score) for the best match above the threshold, else (None, score)."""
    n = norm(clause)
    best, best_score = None, 0.0
    for ind, phrases in PHRASES.items():
        s = score(n, phrases)
        if s > best_score:
            best, best_score = ind, s
    return (best if best_score >= THRESHOLD else None), best_score


def read_value(text: str) -> dict | None:
    """{"value", "numerator", "denominator"} from a clause; None when it says nothing."""
    pct = None
    m = _PERCENT.search(text)
    if m:
        pct = parse_number(m.group(1))
    num = den = None
    r = _RATIO.search(_strip_refs(text)) or _ON_TOTAL.search(text)
    if r:
        num, den = parse_count(r.group(1)), parse_count(r.group(2))
        if not isinstance(num, int) or not isinstance(den, int):
            num = den = None
    if pct is None and num is None:
        if _BLANK.search(text) or _NULL_WORDS.search(text):
            return {"value": None, "numerator": None, "denominator": None}
        return None
    return {"value": float(pct) if pct is not None else None, "numerator": num,
            "denominator": den}


_REFS = re.compile(r"\b\d+/\d{4}/[A-ZĐ\-]+|\b\d+/[A-ZĐ][A-ZĐ\-]*|\b\d{1,2}/\d{1,2}/\d{4}\b|"
                   r"\b\d+-[A-Z]+/[A-Z]+")


def _strip_refs(text: str) -> str:
    """Document numbers (45/2020/NĐ-CP) and dates (11/6/2021) are not counts."""
    return _REFS.sub(" ", text)


def _in_part5(key: str | None) -> bool:
    return key is not None and (key == "5" or key.startswith("5."))


def find_indicators(spans, uncertain: set | None = None,
                    outside: set | None = None, sources: dict | None = None) -> dict[str, dict]:
    """Indicators found, preferring the one written in its own outline section.

    ``uncertain`` collects the indicators recognised only from partial wording;
    ``outside`` those read outside part 5 although the report has one (a sentence of
    section 7 on "số hóa kết quả giải quyết TTHC" is seldom the 5.1 rate); ``sources``
    receives each one's (block, text read, table row or None)."""
    found: dict[str, tuple[int, dict]] = {}
    weak: dict[str, bool] = {}
    where: dict[str, str | None] = {}
    origin: dict[str, tuple] = {}
    for span in spans:
        for text, value, source in _candidates(span):
            ind, strength = match_scored(text)
            if ind is None:
                continue
            value = value if value is not None else read_value(text)
            if value is None:
                continue
            rank = 0 if span.key == _SECTIONS[ind] else (1 if span.key else 2)
            empty = all(v is None for v in value.values())
            rank = rank * 2 + empty  # a written figure wins over a blank row of a table
            if ind not in found or rank < found[ind][0]:
                found[ind] = (rank, value)
                weak[ind] = strength < SURE
                where[ind] = span.key
                origin[ind] = (*source, text) if source[0] is not None \
                    else (span.head, source[1], text)
    if sources is not None:
        sources.update(origin)
    if uncertain is not None:
        uncertain.update(k for k, w in weak.items() if w)
    if outside is not None and any(_in_part5(s.key) for s in spans):
        outside.update(k for k, key in where.items() if not _in_part5(key))
    return {k: v for k, (_, v) in found.items()}


def _candidates(span):
    """(clause, value read from a table or None, (block, table row or None))."""
    if span.lead:
        for c in clauses(span.lead):
            yield c, None, (span.head, None)
    for block in span.blocks:
        if isinstance(block, Para):
            for c in clauses(block.text):
                yield c, None, (block, None)
        elif isinstance(block, Table):
            for text, value, row in _table_candidates(block):
                yield text, value, (block, row)


_COL_PCT = ("ty le", "ti le", "%")
_COL_RATIO = ("so luong tong so", "tu so mau so", "so luong", "ket qua")
_COL_NUM = ("tu so", "so dat", "so luong dat", "da thuc hien", "so thuc hien")
_COL_DEN = ("mau so", "tong so")


def _columns(head: list[str]) -> dict[str, int]:
    """Value columns of a small indicator table by their header words.

    "Số lượng/Tổng số" or "Kết quả (số lượng/tổng số)" holds both counts ("109/462");
    "Tử số" and "Mẫu số" one each; "Tỷ lệ (%)" the rate.
    """
    cols: dict[str, int] = {}
    for j, h in enumerate(head):
        if "ratio" not in cols and "/" in h and any(k in norm(h) for k in
                                                    (" so luong ", " tong so ", " tu so ")):
            cols["ratio"] = j
        elif "pct" not in cols and (any(f" {k} " in norm(h) for k in _COL_PCT) or "%" in h):
            cols["pct"] = j
        elif "num" not in cols and any(f" {k} " in norm(h) for k in _COL_NUM):
            cols["num"] = j
        elif "den" not in cols and any(f" {k} " in norm(h) for k in _COL_DEN):
            cols["den"] = j
        elif "ratio" not in cols and any(f" {k} " in norm(h) for k in _COL_RATIO[2:]):
            cols["ratio"] = j
    return cols


# A cell of counts ("1.184/1.544") or of a rate ("46,88"), with the specks a scan leaves
# around them ("_ 46,88", "TS. — 66,30").
_RATIO_CELL = re.compile(r"^[\W_]*\d[\d.,]*\s*/\s*\d[\d.,]*[\W_]*$")
_PCT_CELL = re.compile(r"^[\W_]*(?:[A-Za-z]{1,3}[\W_]+)?\d{1,3}(?:[.,]\d{1,2})?\s*%?[\W_]*$")


def _columns_by_content(rows: list[list[str]]) -> dict[str, int]:
    """Value columns of a headerless indicator table by what they hold: counts written
    "a/b" in one column, a rate ("46,88") in a later one. Both must be clear in most
    rows, so a table of other things yields no columns (its rows are then read as text)."""
    cols: dict[str, int] = {}
    width = max((len(r) for r in rows), default=0)
    for j in range(1, width):
        cells = [clean(r[j]) for r in rows if j < len(r) and clean(r[j])]
        if len(cells) < 2:
            continue
        if "ratio" not in cols and sum(bool(_RATIO_CELL.match(c)) for c in cells) \
                >= 0.6 * len(cells):
            cols["ratio"] = j
        elif "ratio" in cols and sum(bool(_PCT_CELL.match(c)) for c in cells) \
                >= 0.6 * len(cells):
            cols["pct"] = j
    return cols if "ratio" in cols and "pct" in cols else {}


def _table_candidates(table: Table):
    """Rows of a small indicator table: the label, and the value its columns give."""
    if table.width > 8 or not table.rows:
        return
    head = table.rows[0]
    is_head = not any(_RATIO_CELL.match(clean(c)) for c in head)  # a header holds no counts
    cols = _columns(head) if is_head else {}
    body = table.rows[1:] if cols else table.rows
    if not cols:  # no header row (a scan's top rule lost, a table split over pages)
        cols = _columns_by_content(body)
        body = table.rows
    values = set(cols.values())
    skip = len(table.rows) - len(body)
    for r, row in enumerate(body, start=skip):
        label = " ".join(dict.fromkeys(c for j, c in enumerate(row) if c and j not in values))
        if not cols:
            yield " ".join(dict.fromkeys(c for c in row if c)), None, r
            continue
        value = {"value": None, "numerator": None, "denominator": None}
        written = False
        ratio = _text(row, cols.get("ratio"))
        if ratio:
            written = True
            got = read_value(ratio) if re.search(r"\d", ratio) else None
            if got:
                value.update({k: v for k, v in got.items() if v is not None})
        pct_text = _text(row, cols.get("pct"))
        if pct_text:
            written = True
            pct = parse_number(pct_text.replace("%", ""))
            if pct is not None and value["value"] is None:
                value["value"] = float(pct)
        num, den = _cell(row, cols.get("num")), _cell(row, cols.get("den"))
        value["numerator"] = num if num is not None else value["numerator"]
        value["denominator"] = den if den is not None else value["denominator"]
        if not written and all(v is None for v in value.values()):
            if not any(_text(row, j) for j in values):
                written = True  # the unit left the row blank: the indicator, unanswered
        if written or any(v is not None for v in value.values()):
            yield label, value, r


def _text(row, j) -> str:
    return clean(row[j]) if j is not None and j < len(row) else ""


def _cell(row, j):
    if j is None or j >= len(row):
        return None
    v = parse_count(row[j])
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None
