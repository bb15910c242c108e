"""Render a Doc as an Excel report: sections as text cells, tables as cell ranges.

Offices that answer in Excel put the header in the first rows (left and right columns),
each paragraph in its own row, small indicator tables in the middle of the sections, and
the statistics form either below or on its own sheet.
"""

from __future__ import annotations

import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .model import STAT_KEYS, Doc, Heading, IndTable, Para, Signature, StatsTable, cell_text

HEAD = ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số",
        "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
        "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
        "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
        "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]


def write_xlsx(doc: Doc, path, rng: random.Random):
    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice(["Báo cáo", "BC", "Sheet1"])
    own_sheet = rng.random() < 0.5
    row = 1
    h = doc.header
    left = ([h.parent] if h.parent else []) + h.unit_lines + [h.number_text]
    right = list(h.motto) + [h.place_date]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            ws.cell(row, 1, left[i]).font = Font(bold=0 < i < len(left) - 1)
        if i < len(right):
            ws.cell(row, 5, right[i]).font = Font(bold=i < 2, italic=i == 2)
        row += 1
    row += 1
    for line in doc.title_lines:
        ws.cell(row, 1, line).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
        row += 1
    stats = None
    for b in doc.blocks:
        if isinstance(b, Heading):
            label = b.label or ""
            ws.cell(row, 1, f"{label} {b.title}".strip()).font = Font(bold=True)
            row += 1
        elif isinstance(b, Para):
            prefix = "- " if b.bullet == "list" else (f"{b.bullet} " if b.bullet else "")
            ws.cell(row, 1, prefix + b.text).alignment = Alignment(wrap_text=False)
            row += 1
        elif isinstance(b, IndTable):
            for j, s in enumerate(b.header):
                ws.cell(row, 1 + j, s).font = Font(bold=True)
            row += 1
            for r in b.rows:
                for j, s in enumerate(r):
                    ws.cell(row, 1 + j, s or None)
                row += 1
        elif isinstance(b, Signature):
            row += 1
            ws.cell(row, 1, "Nơi nhận:").font = Font(bold=True, italic=True)
            for k, t in enumerate(b.title.split("\n")):
                ws.cell(row + k, 6, t).font = Font(bold=True)
            for k, t in enumerate(b.recipients[1:]):
                ws.cell(row + 1 + k, 1, t)
            ws.cell(row + 5, 6, b.name).font = Font(bold=True)
            row += 7
        elif isinstance(b, StatsTable):
            stats = b
            if not own_sheet:
                row = write_stats(ws, b, row + 1)
    if stats is not None and own_sheet:
        write_stats(wb.create_sheet(rng.choice(["Biểu thống kê", "TTHC", "Phụ lục"])), stats, 1)
    wb.save(path)


def write_stats(ws, st: StatsTable, row: int) -> int:
    ws.cell(row, 1, st.title).font = Font(bold=True)
    ws.cell(row + 1, 1, st.period_line).font = Font(italic=True)
    row += 2
    if st.header_kind == "flat":
        for j, s in enumerate(HEAD):
            ws.cell(row, 1 + j, s).font = Font(bold=True)
        row += 1
    else:
        ws.cell(row, 1, "STT")
        ws.cell(row, 2, HEAD[1])
        ws.cell(row, 3, "Số hồ sơ nhận giải quyết")
        ws.cell(row, 8, "Kết quả giải quyết")
        ws.cell(row, 16, HEAD[15])
        ws.cell(row + 1, 3, "Tổng số")
        ws.cell(row + 1, 4, "Trong đó")
        ws.cell(row + 1, 8, "Số hồ sơ đã giải quyết")
        ws.cell(row + 1, 11, "Số hồ sơ đang giải quyết")
        ws.cell(row + 1, 14, "Yêu cầu bổ sung")
        ws.cell(row + 1, 15, "Trả lại")
        for j in range(3, 13):
            ws.cell(row + 2, 1 + j, HEAD[j])
        for c in (1, 2, 16):
            ws.merge_cells(start_row=row, start_column=c, end_row=row + 2, end_column=c)
        for c in (3, 14, 15):
            ws.merge_cells(start_row=row + 1, start_column=c, end_row=row + 2, end_column=c)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
        ws.merge_cells(start_row=row, start_column=8, end_row=row, end_column=15)
        ws.merge_cells(start_row=row + 1, start_column=4, end_row=row + 1, end_column=7)
        ws.merge_cells(start_row=row + 1, start_column=8, end_row=row + 1, end_column=10)
        ws.merge_cells(start_row=row + 1, start_column=11, end_row=row + 1, end_column=13)
        row += 3
    if st.numbers_row:
        for j in range(16):
            ws.cell(row, 1 + j, f"({j + 1})")
        row += 1
    body = [r for r in st.rows if r.kind != "note"]
    seq = [("row", r) for r in body]
    if st.total is not None:
        seq = [("total", st.total)] + seq if st.total_first else seq + [("total", st.total)]
    numeric = st.thousands == "" and st.zero_styles in (["0"], [""])
    for kind, r in seq:
        if kind == "total":
            ws.cell(row, 2, st.total_label).font = Font(bold=True)
            vals = r
        else:
            stt = int(r.stt) if r.stt.isdigit() else r.stt
            ws.cell(row, 1, stt)
            ws.cell(row, 2, r.label).font = Font(bold=r.kind == "group")
            vals = r.values
        for j, k in enumerate(STAT_KEYS):
            v = vals[k]
            if numeric:
                ws.cell(row, 3 + j, v if v or st.zero_styles == ["0"] else None)
            else:
                t = cell_text(v, st.zero_styles[j % len(st.zero_styles)], st.thousands)
                ws.cell(row, 3 + j, t or None)
        row += 1
    for r in st.rows:
        if r.kind == "note":
            ws.cell(row, 1, r.label).font = Font(italic=True)
            row += 1
    return row + 1
