"""Write unit reports in many styles, each beside its expected record.

    python -m tests.corpus.make_corpus OUTDIR

Every variant renders the facts of ``truth.py`` in one style (header as a table
or as paragraphs; Roman, Arabic, letter, "Về …", Word-heading or lower-case
headings; indicators as filled bullets, prose, counts or a small table; amounts
in đồng, tỷ or triệu; statistics table with a 3-row, 2-row or unnumbered header)
and in one format. PDFs and .doc files are made from the DOCX by LibreOffice in
one soffice run per target format. ``OUTDIR/NAME.expected.json`` is derived from
the facts, never from the extractor.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from cchc.core.spec import INDICATORS
from cchc.core.vn import format_number

from .truth import (
    COUNTS,
    OUTLINE_LINES,
    PROSE,
    SECTION_BODY,
    SECTION_TITLES,
    STATS_ROWS,
    SYNONYM_TITLES,
    stats_row,
    stats_total,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
TOP = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
SUBS = ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]


@dataclass
class Variant:
    name: str
    fmt: str = "docx"  # docx | pdf | doc
    parent: str | None = "UBND TỈNH BẮC GIANG"
    unit: str = "SỞ XÂY DỰNG"
    number: str = "125/BC-SXD"
    place: str = "Bắc Giang"
    date: tuple = (10, 5, 2023)
    period: tuple | None = ((15, 12, 2022), (14, 5, 2023))
    header: str = "table"  # table | paras
    numbering: str = "arabic"  # arabic | roman | letters | ve | styles | lower
    titles: str = "outline"  # outline | synonyms
    intro: bool = True
    indicators: str = "bullets"  # bullets | prose | counts | table
    decimal: str = ","
    investment: str = "dong"  # dong | ty | trieu | none
    stats: str | None = "3row"  # 3row | 2row | nonum | None
    thousands: bool = True
    empty_zero: bool = False
    long_table: int = 0  # extra data rows to push the table over a page break
    contradict: bool = False
    district: bool = False
    blank: tuple = ("document_reuse_ratio",)
    missing: tuple = ()
    landscape: bool = True
    justify: bool = False  # justified body, 1.5 line spacing, first-line indent
    stats_at: str = "end"  # end | section2
    total_label: str = "Tổng số"
    parts: bool = False  # a "PHẦN I" heading wrapping the numbered sections
    inline_lead: bool = False  # "9. Đề xuất, kiến nghị: <text>" on one line
    blank_style: str = "dots"  # dots | khong (không phát sinh)


VARIANTS = [
    Variant("d01_table_arabic_bullets"),
    Variant("d02_paras_roman_prose", header="paras", numbering="roman", indicators="prose",
            investment="ty", stats="2row", unit="SỞ TƯ PHÁP", number="57/BC-STP",
            date=(3, 11, 2023)),
    Variant("d03_letters_counts", numbering="letters", indicators="counts", decimal=".",
            investment="trieu", stats="nonum", thousands=False, unit="BAN DÂN TỘC",
            number="08/BC-BDT"),
    Variant("d04_ve_synonyms_table", numbering="ve", titles="synonyms", indicators="table",
            intro=True, empty_zero=True, parent=None, unit="SỞ Y TẾ", number="300/BC-SYT"),
    Variant("d05_styles_district", numbering="styles", district=True, parent=None,
            unit="UBND HUYỆN YÊN DŨNG", number="211/BC-UBND", place="Yên Dũng",
            indicators="prose", missing=("7",)),
    Variant("d06_lower_contradict", numbering="lower", contradict=True, indicators="prose",
            header="paras"),
    Variant("p01_table_arabic", fmt="pdf", long_table=30),
    Variant("p02_paras_roman_prose", fmt="pdf", header="paras", numbering="roman",
            indicators="prose", investment="ty", stats="2row", unit="SỞ NỘI VỤ",
            number="99/BC-SNV"),
    Variant("p03_ve_counts", fmt="pdf", numbering="ve", indicators="counts", titles="synonyms",
            investment="trieu", stats="nonum"),
    Variant("p04_contradict_district", fmt="pdf", contradict=True, district=True, parent=None,
            unit="UBND THÀNH PHỐ BẮC GIANG", number="45/BC-UBND", indicators="table"),
    Variant("w01_doc_roman", fmt="doc", numbering="roman", indicators="prose",
            unit="SỞ CÔNG THƯƠNG", number="77/BC-SCT"),
    Variant("w02_doc_paras", fmt="doc", header="paras", numbering="letters",
            indicators="counts", stats="2row"),
    Variant("d07_tabs_auto_justified", header="tabs", numbering="auto", justify=True,
            total_label="Tổng cộng", parts=True, inline_lead=True, blank_style="khong",
            unit="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", number="88/BC-STTTT"),
    Variant("p05_justified_tabs_stats_inside", fmt="pdf", header="tabs", justify=True,
            numbering="roman", indicators="counts", investment="trieu", stats_at="section2",
            total_label="Cộng", parent="UBND HUYỆN YÊN DŨNG", unit="UBND XÃ TIẾN DŨNG",
            number="15/BC-UBND", place="Tiến Dũng"),
    Variant("p06_auto_numbering", fmt="pdf", numbering="auto", justify=True, parts=True,
            inline_lead=True, indicators="prose", blank_style="khong"),
    Variant("w03_doc_tabs_justified", fmt="doc", header="tabs", justify=True,
            numbering="ve", indicators="table", stats="nonum"),
]


# --- expected record --------------------------------------------------------------------

def pct(num: int, den: int) -> float:
    return round(num / den * 100, 1)


def indicator_ids(v: Variant) -> list[str]:
    return [i.id for i in INDICATORS if v.district or not i.district_only]


def written_counts(v: Variant, ind: str) -> tuple[int, int]:
    num, den = COUNTS[ind]
    return num, den


def mismatched(v: Variant) -> str | None:
    return "online_payment_ratio" if v.contradict else None


def written_pct(v: Variant, ind: str) -> float:
    num, den = COUNTS[ind]
    return pct(num, den) + (7.5 if ind == mismatched(v) else 0)


def expected_indicator(v: Variant, ind: str) -> dict:
    num, den = COUNTS[ind]
    if ind in v.blank:
        return {"value": None, "numerator": None, "denominator": None}
    if v.indicators == "bullets":
        return {"value": written_pct(v, ind), "numerator": None, "denominator": None}
    if v.indicators == "counts":
        return {"value": round(num / den * 100, 2), "numerator": num, "denominator": den}
    return {"value": written_pct(v, ind), "numerator": num, "denominator": den}


def data_rows(v: Variant) -> list[dict]:
    rows = [stats_row(i + 1, r) for i, r in enumerate(STATS_ROWS)]
    for k in range(v.long_table):
        rows.append(stats_row(len(rows) + 1, (f"Lĩnh vực bổ sung {k + 1}", 3, 1, 2, 0, 5, 0, 1,
                                              0, 1, 0, 2)))
    return rows


def printed_rows(v: Variant) -> tuple[list[dict], dict]:
    rows = data_rows(v)
    total = stats_total(rows)
    if v.contradict:
        rows[0]["received_total"] += 5  # its parts no longer add up
        total["resolved_late"] += 1  # the total row no longer matches the column
    return rows, total


def iso(dmy: tuple) -> str:
    d, m, y = dmy
    return f"{y:04d}-{m:02d}-{d:02d}"


def expected_record(v: Variant, filename: str) -> dict:
    rows, total = printed_rows(v)  # zeros written as empty cells read as 0 (contract v1.1)
    sections = [k for k in SECTION_TITLES if k not in v.missing]
    warnings = []
    if v.contradict:
        warnings += [{"code": "stats.sum_mismatch", "where": "tthc_stats.rows[0].received_total"},
                     {"code": "stats.total_mismatch",
                      "where": "tthc_stats.total.received_total"},
                     {"code": "stats.total_mismatch", "where": "tthc_stats.total.resolved_late"},
                     {"code": "stats.sum_mismatch", "where": "tthc_stats.total.resolved_total"},
                     {"code": "indicator.ratio_mismatch",
                      "where": "indicators.online_payment_ratio"},
                     # the one cell both its row's sum and its column's total contradict
                     {"code": "extract.uncertain",
                      "where": "tthc_stats.rows[0].received_total"}]
    for key in v.missing:
        warnings.append({"code": "outline.section_missing", "where": f"sections.{key}"})
    if v.stats is None:
        warnings.append({"code": "stats.table_missing", "where": "tthc_stats"})
    inv = {"budget_assigned_vnd": 1500000000, "spent_vnd": 820500000}
    if v.investment == "none":
        inv = {"budget_assigned_vnd": None, "spent_vnd": None}
    d, m, y = v.date
    return {
        "source": {"file": filename, "format": v.fmt},
        "unit": {"name": v.unit},
        "document": {"number": v.number, "date": f"{y:04d}-{m:02d}-{d:02d}", "place": v.place},
        "period": None if not v.period or v.stats is None else {
            "from": iso(v.period[0]), "to": iso(v.period[1])},
        "section_keys": sections,
        "section_body": {k: SECTION_BODY[k] for k in sections},
        "indicators": {i: expected_indicator(v, i) for i in indicator_ids(v)},
        "investment": inv,
        "tthc_stats": None if v.stats is None else {"rows": rows, "total": total},
        "warnings": warnings,
    }


# --- DOCX writer ------------------------------------------------------------------------

def num_text(v: Variant, value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = format_number(value)
        return text.replace(",", ".") if v.decimal == "." else text
    if v.empty_zero and value == 0:
        return ""
    return format_number(value) if v.thousands else str(value)


def set_cell(cell, text: str, bold: bool = False, size: int = 12) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            p = cell.add_paragraph()
        p.paragraph_format.first_line_indent = 0
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def write_header(d, v: Variant) -> None:
    dd, mm, yy = v.date
    date_line = f"{v.place}, ngày {dd:02d} tháng {mm} năm {yy}"
    left = ([v.parent] if v.parent else []) + [v.unit, "–––––––", f"Số: {v.number}"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "–––––––",
             date_line]
    if v.header == "tabs":
        first = [(v.parent, right[0]), (v.unit, right[1])] if v.parent else [
            (v.unit, right[0]), ("", right[1])]
        for a, b in [*first, (f"Số: {v.number}", date_line)]:
            d.add_paragraph(f"{a}\t\t{b}")
    elif v.header == "table":
        t = d.add_table(rows=1, cols=2)
        no_borders(t)
        set_cell(t.cell(0, 0), "\n".join(left[:-1]), bold=True)
        t.cell(0, 0).add_paragraph(left[-1])
        set_cell(t.cell(0, 1), "\n".join(right[:-1]), bold=True)
        t.cell(0, 1).add_paragraph(right[-1]).runs[0].italic = True
    else:
        for line in left[:-2]:
            d.add_paragraph().add_run(line).bold = True
        d.add_paragraph(left[-1])
        d.add_paragraph().add_run(right[0]).bold = True
        d.add_paragraph(right[1])
        d.add_paragraph(date_line)
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("Kết quả tự kiểm tra công tác cải cách hành chính, thực hiện ISO "
                              "và chuyển đổi số năm 2023").bold = True


def heading(d, v: Variant, key: str, index: int) -> None:
    titles = SYNONYM_TITLES if v.titles == "synonyms" else SECTION_TITLES
    title = titles[key]
    sub = "." in key
    n = v.numbering
    if n == "styles":
        d.add_heading(title, level=2 if sub else 1)
        return
    if n == "auto":
        p = d.add_paragraph(style="List Number 2" if sub else "List Number")
        p.add_run(title).bold = True
        if v.inline_lead and key == "9":
            p.add_run(": " + SECTION_BODY[key])
        return
    if n == "ve":
        p = d.add_paragraph()
        p.add_run(("Về " + title[0].lower() + title[1:]) if not sub else title).bold = True
        return
    if n == "roman":
        label = f"{index}. " if sub else f"{ROMAN[index - 1]}. "
        text = label + (title if sub else title.upper())
    elif n == "letters":
        label = f"{'abcdef'[index - 1]}) " if sub else f"{index}. "
        text = label + title
    elif n == "lower":
        text = (f"{key}. " if sub else f"{key}. ") + title.lower()
    else:
        text = f"{key}. {title}"
    p = d.add_paragraph()
    p.add_run(text).bold = n != "lower"
    if v.inline_lead and key == "9":
        p.add_run(": " + SECTION_BODY[key])


def indicator_paragraphs(d, v: Variant, ids: list[str]) -> None:
    if v.indicators == "table":
        t = d.add_table(rows=1, cols=5)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ("STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ (%)"),
                        strict=True):
            set_cell(c, h, bold=True)
        for i, ind in enumerate(ids, start=1):
            num, den = COUNTS[ind]
            blank = ind in v.blank
            cells = t.add_row().cells
            vals = (str(i), PROSE[ind], "" if blank else num_text(v, num),
                    "" if blank else num_text(v, den),
                    "" if blank else num_text(v, written_pct(v, ind)))
            for c, text in zip(cells, vals, strict=True):
                set_cell(c, text)
        return
    for ind in ids:
        num, den = COUNTS[ind]
        p = num_text(v, written_pct(v, ind))
        if ind in v.blank:
            text = (f"- {OUTLINE_LINES[ind]}: không phát sinh." if v.blank_style == "khong"
                    else f"- {OUTLINE_LINES[ind]}: ……… %")
        elif v.indicators == "bullets":
            text = f"- {OUTLINE_LINES[ind]}: {p} %"
        elif v.indicators == "counts":
            text = f"- {OUTLINE_LINES[ind].rsplit(',', 1)[0]}: {num_text(v, num)}/" \
                   f"{num_text(v, den)}."
        else:
            text = f"{PROSE[ind]} đạt {p}% ({num_text(v, num)}/{num_text(v, den)})."
        add_split_runs(d.add_paragraph(), text)


def add_split_runs(p, text: str) -> None:
    """Text cut into many runs, as Word leaves it after edits (numbers cut too)."""
    for i in range(0, len(text), 4):
        run = p.add_run(text[i:i + 4])
        run.italic = bool(i % 8)


def investment_paragraphs(d, v: Variant) -> None:
    if v.investment == "none":
        d.add_paragraph("- Tổng dự toán được giao cho chuyển đổi số năm 2023: ……")
        return
    budget, spent = {"dong": ("1.500.000.000 đồng", "820.500.000 đồng"),
                     "ty": ("1,5 tỷ đồng", "0,8205 tỷ đồng"),
                     "trieu": ("1.500 triệu đồng", "820,5 triệu đồng")}[v.investment]
    d.add_paragraph(f"- Tổng dự toán được giao cho chuyển đổi số năm 2023: {budget}.")
    d.add_paragraph(f"- Tổng kinh phí đã thực hiện chi cho chuyển đổi số đến thời điểm báo "
                    f"cáo: {spent}.")


def section_body(d, v: Variant, key: str) -> None:
    if not (v.inline_lead and key == "9"):
        d.add_paragraph(SECTION_BODY[key])
    ids = [i for i in indicator_ids(v) if i in COUNTS and
           next(x.section for x in INDICATORS if x.id == i) == key]
    if ids:
        indicator_paragraphs(d, v, ids)
    if key == "5.5":
        investment_paragraphs(d, v)
    if key == "2" and v.stats and v.stats_at == "section2":
        write_stats(d, v, landscape=False)


def write_stats(d, v: Variant, landscape: bool = True) -> None:
    if v.landscape and landscape:
        sec = d.add_section()
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    p = d.add_paragraph()
    p.add_run("THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH").bold = True
    if v.period:
        (a, b) = v.period
        d.add_paragraph(f"(Từ ngày {a[0]:02d}/{a[1]:02d}/{a[2]} đến ngày {b[0]:02d}/{b[1]:02d}/"
                        f"{b[2]})")
    rows, total = printed_rows(v)
    if v.stats == "3row":
        header = [
            ["STT", "Lĩnh vực, công việc giải quyết theo cấp"] + ["Số hồ sơ nhận giải quyết"] * 5
            + ["Kết quả giải quyết"] * 8
            + ["Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"],
            ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số"] + ["Trong đó"] * 4
            + ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3
            + ["Yêu cầu bổ sung", "Trả lại",
               "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"],
            ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số",
             "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
             "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
             "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
             "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"],
        ]
    else:
        header = [
            ["TT", "Lĩnh vực"] + ["Số hồ sơ nhận giải quyết"] * 5
            + ["Số hồ sơ đã giải quyết"] * 3 + ["Số hồ sơ đang giải quyết"] * 3
            + ["Yêu cầu bổ sung", "Trả lại", "Trả kết quả qua dịch vụ bưu chính công ích"],
            ["TT", "Lĩnh vực", "Tổng số", "Trực tuyến", "Kỳ trước chuyển qua", "Trực tiếp",
             "Qua BCCI", "Tổng số", "Đúng hạn", "Quá hạn", "Tổng số", "Chưa đến hạn",
             "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
             "Trả kết quả qua dịch vụ bưu chính công ích"],
        ]
    numbering = v.stats in ("3row", "2row")
    t = d.add_table(rows=len(header) + (1 if numbering else 0), cols=16)
    t.style = "Table Grid"
    _merge_header(t, header)
    if numbering:
        for j, c in enumerate(t.rows[len(header)].cells):
            set_cell(c, f"({j + 1})", size=10)
    keys = list(rows[0].keys())
    for r in rows:
        cells = t.add_row().cells
        for j, k in enumerate(keys):
            set_cell(cells[j], str(r[k]) if k == "stt" else (r[k] if k == "field" else
                                                              num_text(v, r[k])), size=10)
    cells = t.add_row().cells
    sec = d.sections[-1]
    usable = sec.page_width - sec.left_margin - sec.right_margin
    widths = [int(usable * 0.05), int(usable * 0.19)] + [int(usable * 0.76 / 14)] * 14
    t.autofit = False
    for col, w in zip(t.columns, widths, strict=True):
        col.width = w
    for row in t.rows:
        for c, w in zip(row.cells, widths, strict=True):
            c.width = w
    merged = cells[0].merge(cells[1])
    set_cell(merged, v.total_label, bold=True, size=10)
    for j, k in enumerate(keys[2:], start=2):
        set_cell(t.rows[-1].cells[j], num_text(v, total[k]), bold=True, size=10)


def _merge_header(t, header) -> None:
    """Write header texts, merging equal neighbours across and down like the form."""
    n_rows = len(header)
    done = set()
    for i in range(n_rows):
        for j in range(16):
            if (i, j) in done:
                continue
            text = header[i][j]
            j2 = j
            while j2 + 1 < 16 and header[i][j2 + 1] == text and (i, j2 + 1) not in done:
                j2 += 1
            i2 = i
            while i2 + 1 < n_rows and all(header[i2 + 1][k] == text for k in range(j, j2 + 1)):
                i2 += 1
            cell = t.cell(i, j)
            if (i2, j2) != (i, j):
                cell = cell.merge(t.cell(i2, j2))
            set_cell(cell, text, bold=True, size=10)
            done.update((a, b) for a in range(i, i2 + 1) for b in range(j, j2 + 1))


def write_docx(v: Variant, target: Path) -> None:
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    if v.justify:
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.line_spacing = 1.5
        fmt.first_line_indent = Cm(1)
        fmt.space_after = Pt(3)
    write_header(d, v)
    if v.intro:
        d.add_paragraph("Thực hiện Kế hoạch số 33/KH-UBND ngày 10/3/2023 của UBND tỉnh về "
                        "kiểm tra công tác cải cách hành chính năm 2023, đơn vị báo cáo như sau:")
    if v.parts:
        d.add_paragraph().add_run("PHẦN I. KẾT QUẢ THỰC HIỆN").bold = True
    top = sub = 0
    for key in SECTION_TITLES:
        if "." in key:
            sub += 1
        else:
            top += 1
        if key in v.missing:
            continue
        heading(d, v, key, sub if "." in key else top)
        section_body(d, v, key)
    if v.intro:
        d.add_paragraph("Trên đây là báo cáo kết quả tự kiểm tra của đơn vị./.")
        d.add_paragraph().add_run("Nơi nhận:").bold = True
        d.add_paragraph("- Sở Nội vụ;\n- Lưu: VT.")
    if v.stats and v.stats_at == "end":
        write_stats(d, v)
    d.save(str(target))


# --- XLSX form --------------------------------------------------------------------------

def write_xlsx(target: Path) -> dict:
    """A statistics form as a spreadsheet, totals as SUM formulas without cached values."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu thống kê"
    ws["A1"] = "UBND TỈNH BẮC GIANG"
    ws["A2"] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    ws["A4"] = "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws.merge_cells("A4:P4")
    ws["A5"] = "Từ ngày 15/12/2022 đến ngày 14/5/2023"
    ws.merge_cells("A5:P5")
    r0 = 7
    for cell in [("A", "STT", "A7:A9"), ("B", "Lĩnh vực, công việc giải quyết theo cấp", "B7:B9"),
                 ("C", "Số hồ sơ nhận giải quyết", "C7:G7"), ("H", "Kết quả giải quyết", "H7:O7"),
                 ("P", "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", "P7:P9"),
                 ("C", "Tổng số", "C8:C9"), ("D", "Trong đó", "D8:G8"),
                 ("H", "Số hồ sơ đã giải quyết", "H8:J8"),
                 ("K", "Số hồ sơ đang giải quyết", "K8:M8"),
                 ("N", "Yêu cầu bổ sung", "N8:N9"), ("O", "Trả lại", "O8:O9")]:
        col, text, rng = cell
        ws[rng.split(":")[0]] = text
        ws.merge_cells(rng)
    for col, text in zip("DEFGHIJKLM", ["Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua",
                                         "Tiếp nhận trực tiếp", "Qua dịch vụ BCCI", "Tổng số",
                                         "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
                                         "Chưa đến hạn", "Quá hạn"], strict=True):
        ws[f"{col}9"] = text
    for j in range(16):
        ws.cell(row=10, column=j + 1, value=f"({j + 1})")
    rows = [stats_row(i + 1, r) for i, r in enumerate(STATS_ROWS)]
    keys = list(rows[0])
    for i, r in enumerate(rows):
        for j, k in enumerate(keys):
            ws.cell(row=11 + i, column=j + 1, value=r[k])
    last = 11 + len(rows)
    ws.cell(row=last, column=1, value="Tổng số")
    ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=2)
    for j in range(3, 17):
        col = openpyxl.utils.get_column_letter(j)
        ws.cell(row=last, column=j, value=f"=SUM({col}11:{col}{last - 1})")
    del r0
    wb.save(str(target))
    return {
        "source": {"file": target.name, "format": "xlsx"},
        "unit": {"name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO"},
        "document": {"number": None, "date": None, "place": None},
        "period": {"from": "2022-12-15", "to": "2023-05-14"},
        "section_keys": [], "section_body": {}, "indicators": {},
        "investment": {"budget_assigned_vnd": None, "spent_vnd": None},
        "tthc_stats": {"rows": rows, "total": stats_total(rows)},
        "warnings": [],
    }


# --- build ------------------------------------------------------------------------------

def build(outdir: Path, variants: list[Variant] | None = None, *, xlsx: bool = True
          ) -> list[tuple[Path, dict]]:
    """Write every variant (converting through LibreOffice in one run per format)."""
    from cchc.core.office import convert

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stage = outdir / "_stage"
    stage.mkdir(exist_ok=True)
    variants = VARIANTS if variants is None else variants
    results = []
    pending: dict[str, list[Path]] = {"pdf": [], "doc": []}
    for v in variants:
        if v.fmt == "docx":
            target = outdir / f"{v.name}.docx"
            write_docx(v, target)
        else:
            src = stage / f"{v.name}.docx"
            write_docx(v, src)
            pending[v.fmt].append(src)
            target = outdir / f"{v.name}.{v.fmt}"
        results.append((target, expected_record(v, target.name)))
    if pending["pdf"]:
        convert(pending["pdf"], "pdf", outdir)
    if pending["doc"]:
        # LibreOffice drops python-docx tables on a direct DOCX → DOC export; via ODT
        # they survive, as they do in a real Word 97 file.
        odts = convert(pending["doc"], "odt", stage)
        convert(odts, "doc", outdir)
    if xlsx:
        target = outdir / "x01_stats_form.xlsx"
        results.append((target, write_xlsx(target)))
    shutil.rmtree(stage, ignore_errors=True)
    for path, expected in results:
        path.with_name(path.name + ".expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


def variant_dict(v: Variant) -> dict:
    return copy.deepcopy(asdict(v))


if __name__ == "__main__":
    for p, _ in build(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")):
        print(p)
