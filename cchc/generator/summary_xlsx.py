"""The round summary workbook (tong-hop.xlsx), from archive.summary_data.round_summary.

Cells hold numbers, not text, so the office can sort, filter and recompute; the
Vietnamese look (1.234, 85,50) comes from the reader's locale and the number
formats. Charts read the statistics sheet's rate columns, so a corrected figure
moves the bar too.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.core.cells import put, put_formula
from cchc.core.outfile import write_bytes
from cchc.core.spec import COUNT_KEYS, INDICATORS, STATS_HEADER, STATS_HEADER_ROWS

INDICATOR_BY_ID = {i.id: i for i in INDICATORS}
FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {"below": "F8CBAD",  # below the threshold
         "missing": "D9D9D9",  # no report
         "overdue": "F8CBAD", "remedied": "C6EFCE"}
BELOW, MISSING = "below", "missing"
PERCENT = "0.00"
COUNT = "#,##0"
DATE = "DD/MM/YYYY"

SHEET_INDICATORS = "Chỉ số"
SHEET_STATS = "Thống kê TTHC"
SHEET_RECS = "Kiến nghị"
SHEET_CHARTS = "Biểu đồ"
MAX_CHART_CM = 400.0
RATE_HEADERS = ("Tỷ lệ trả đúng hạn (%)", "Tỷ lệ tiếp nhận trực tuyến (%)")


def _title(ws: Worksheet, text: str, width: int, note: str | None = None) -> None:
    put(ws, 1, 1, text).font = Font(name=FONT, bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    if note:
        put(ws, 2, 1, note).font = Font(name=FONT, italic=True)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 1))


def _header(ws: Worksheet, row: int, col: int, text: str) -> None:
    cell = put(ws, row, col, text)
    cell.font = Font(name=FONT, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BOX


def _style(wb: Workbook, fmt: str | None, fill: str | None, bold: bool) -> str:
    """One named style per look: setting a cell's font, border, fill and format one
    by one costs openpyxl a style lookup each, too slow for a thousand units."""
    name = f"cchc {fmt or 'General'} {fill or 'plain'}{' bold' if bold else ''}"
    if name not in wb.named_styles:
        style = NamedStyle(name=name, font=Font(name=FONT, bold=bold), border=BOX,
                           number_format=fmt or "General",
                           alignment=Alignment(vertical="top", wrap_text=fmt is None))
        if fill:
            style.fill = PatternFill("solid", fgColor=FILLS[fill])
        wb.add_named_style(style)
    return name


def _cell(ws: Worksheet, row: int, col: int, value, fmt: str | None = None,
          fill: str | None = None, bold: bool = False):
    ws.cell(row, col).style = _style(ws.parent, fmt, fill, bold)
    return put(ws, row, col, value)  # after the style, which would reset the quote prefix


def _formula(ws: Worksheet, row: int, col: int, formula: str, fmt: str | None = None,
             fill: str | None = None, bold: bool = False):
    """A formula cchc writes itself (a sum, a reference), styled like _cell."""
    ws.cell(row, col).style = _style(ws.parent, fmt, fill, bold)
    return put_formula(ws, row, col, formula)


def _widths(ws: Worksheet, widths: dict[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def indicators_sheet(ws: Worksheet, data: dict, threshold: float) -> None:
    ids = data["indicator_ids"]
    _title(ws, f"TỔNG HỢP CÁC CHỈ SỐ — ĐỢT KIỂM TRA {data['round']}", 4 + len(ids),
           f"Ô nền đỏ nhạt: giá trị dưới {threshold:g}%; dòng nền xám: đơn vị chưa nộp "
           "báo cáo.")
    for col, text in enumerate(("STT", "Đơn vị", "Quý", "Báo cáo"), start=1):
        _header(ws, 4, col, text)
    for col, ind_id in enumerate(ids, start=5):
        ind = INDICATOR_BY_ID[ind_id]
        _header(ws, 4, col, f"{ind.section} {ind.label} (%)")
    for n, unit in enumerate(data["units"], start=1):
        row = 4 + n
        fill = None if unit["reported"] else MISSING
        _cell(ws, row, 1, n, fill=fill)
        _cell(ws, row, 2, unit["unit"], fill=fill)
        _cell(ws, row, 3, unit["quarter"], fill=fill)
        _cell(ws, row, 4, f"phiên bản {unit['version']}" if unit["reported"]
              else "chưa nộp", fill=fill)
        for col, ind_id in enumerate(ids, start=5):
            value = unit["indicators"].get(ind_id)
            below = value is not None and value < threshold
            _cell(ws, row, col, value, PERCENT, BELOW if below else fill)
    ws.freeze_panes = "C5"
    _widths(ws, {1: 6, 2: 40, 3: 6, 4: 13, **{c: 16 for c in range(5, 5 + len(ids))}})
    ws.row_dimensions[4].height = 90


def stats_sheet(ws: Worksheet, data: dict) -> int:
    """Returns the last data row (the charts read the rate columns up to it)."""
    rate_col = len(COUNT_KEYS) + 3
    _title(ws, f"THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ĐỢT {data['round']}",
           rate_col + 1)
    top = 3
    for h in STATS_HEADER:
        text = "Đơn vị" if (h.row, h.col) == (1, 2) else h.text
        _header(ws, top + h.row, h.col, text)
        if h.rowspan > 1 or h.colspan > 1:
            ws.merge_cells(start_row=top + h.row, start_column=h.col,
                           end_row=top + h.row + h.rowspan - 1,
                           end_column=h.col + h.colspan - 1)
    for offset, text in enumerate(RATE_HEADERS):
        _header(ws, top + 1, rate_col + offset, text)
        ws.merge_cells(start_row=top + 1, start_column=rate_col + offset,
                       end_row=top + 3, end_column=rate_col + offset)
        _header(ws, top + 4, rate_col + offset, f"({rate_col + offset})")
    row = top + STATS_HEADER_ROWS
    for n, unit in enumerate(data["units"], start=1):
        row += 1
        fill = None if unit["stats"] else MISSING
        _cell(ws, row, 1, n, fill=fill)
        _cell(ws, row, 2, unit["unit"], fill=fill)
        for col, key in enumerate(COUNT_KEYS, start=3):
            _cell(ws, row, col, unit["stats"][key] if unit["stats"] else None, COUNT, fill)
        _cell(ws, row, rate_col, unit["on_time_rate"], PERCENT, fill)
        _cell(ws, row, rate_col + 1, unit["online_ratio"], PERCENT, fill)
    last = row
    totals = data["totals"]
    row += 1
    _cell(ws, row, 1, None)
    _cell(ws, row, 2, "Tổng số", bold=True)
    for col, key in enumerate(COUNT_KEYS, start=3):
        _cell(ws, row, col, totals["stats"][key], COUNT, bold=True)
    _cell(ws, row, rate_col, totals["on_time_rate"], PERCENT, bold=True)
    _cell(ws, row, rate_col + 1, totals["online_ratio"], PERCENT, bold=True)
    ws.freeze_panes = ws.cell(top + STATS_HEADER_ROWS + 1, 3)
    _widths(ws, {1: 6, 2: 40, **{c: 11 for c in range(3, rate_col + 2)}})
    return last


def recommendations_sheet(ws: Worksheet, data: dict) -> None:
    _title(ws, f"KIẾN NGHỊ VÀ TÌNH HÌNH KHẮC PHỤC — ĐỢT {data['round']}", 6)
    for col, text in enumerate(("STT", "Đơn vị", "Nội dung kiến nghị", "Hạn khắc phục",
                                "Trạng thái", "Bằng chứng khắc phục"), start=1):
        _header(ws, 3, col, text)
    for n, rec in enumerate(data["recommendations"], start=1):
        row = 3 + n
        _cell(ws, row, 1, n)
        _cell(ws, row, 2, rec["unit"])
        _cell(ws, row, 3, rec["text"])
        _cell(ws, row, 4, rec["deadline"], DATE)
        _cell(ws, row, 5, rec["status_label"], fill=rec["status"] if rec["status"] in FILLS
              else None)
        _cell(ws, row, 6, rec["evidence"])
    ws.freeze_panes = "A4"
    _widths(ws, {1: 6, 2: 35, 3: 60, 4: 14, 5: 16, 6: 40})


def charts_sheet(ws: Worksheet, stats: Worksheet, first: int, last: int) -> None:
    rate_col = len(COUNT_KEYS) + 3
    put(ws, 1, 1, "BIỂU ĐỒ THEO ĐƠN VỊ").font = Font(name=FONT, bold=True, size=14)
    if last < first:
        put(ws, 2, 1, "Chưa có đơn vị nào trong đợt.")
        return
    names = Reference(stats, min_col=2, min_row=first, max_row=last)
    units = last - first + 1
    # one readable bar per unit, up to the largest chart office suites draw well
    height = min(MAX_CHART_CM, max(8.0, 1.0 + 0.75 * units))
    for n, (offset, title) in enumerate(((0, "Tỷ lệ trả hồ sơ đúng hạn (%)"),
                                         (1, "Tỷ lệ tiếp nhận hồ sơ trực tuyến (%)"))):
        chart = BarChart()
        chart.type = "bar"  # horizontal: long unit names stay readable
        chart.title = title
        chart.y_axis.title = "%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.legend = None
        chart.gapWidth = 40
        if height < MAX_CHART_CM:
            chart.x_axis.tickLblSkip = 1  # every unit's name, not every other one
        chart.x_axis.scaling.orientation = "maxMin"  # units top-down, as in the table
        chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told otherwise
        chart.y_axis.delete = False
        values = Reference(stats, min_col=rate_col + offset, min_row=first, max_row=last)
        chart.add_data(values, titles_from_data=False)
        chart.set_categories(names)
        chart.height, chart.width = height, 18
        ws.add_chart(chart, f"{'A' if n == 0 else 'L'}3")


def summary_xlsx(data: dict, *, threshold: float = 50.0) -> bytes:
    """The four sheets as .xlsx bytes; ``threshold`` (percent) marks indicator values
    below it. Bytes, so the service can answer with them and the CLI write them."""
    wb = Workbook()
    indicators_sheet(wb.active, data, threshold)
    wb.active.title = SHEET_INDICATORS
    stats = wb.create_sheet(SHEET_STATS)
    last = stats_sheet(stats, data)
    recommendations_sheet(wb.create_sheet(SHEET_RECS), data)
    charts_sheet(wb.create_sheet(SHEET_CHARTS), stats, 3 + STATS_HEADER_ROWS + 1, last)
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1    # read only when fitToPage is set, so both are
        ws.page_setup.fitToHeight = 0   # (as many pages tall as it takes)
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_summary_xlsx(data: dict, target: str | Path, *, threshold: float = 50.0) -> Path:
    write_bytes(target, summary_xlsx(data, threshold=threshold))
    return Path(target)
