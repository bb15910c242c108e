"""The ranking workbook (xep-hang.xlsx): the units' points per level, and each
criterion's self-score, computed point, verified score and evidence.

Totals and percentages are formulas cchc writes, so a corrected point recomputes
them; every text cell (unit names, reasons, evidence) is stored as text, never as a
formula, whatever it starts with. The rank is cchc's: the tie-break the criteria set
names is more than a spreadsheet RANK can say.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.core.outfile import write_bytes
from cchc.scoring.criteria import LEVEL_LABELS, CriteriaSet
from cchc.scoring.ranking import Ranked
from cchc.scoring.unit_score import UnitScore

from .summary_xlsx import _cell, _formula, _header, _title, _widths

POINTS = "0.##"
PERCENT = "0.00"
DIFFERS = "below"   # the summary's highlight fill: a verified score unlike the self-score


def _text(ws: Worksheet, row: int, col: int, value, **style):
    return _cell(ws, row, col, value, **style)  # strings stay text (cchc.core.cells.put)


def _ranking_rows(ws: Worksheet, cs: CriteriaSet, ranked: list[Ranked], top: int) -> int:
    groups = [g["id"] for g in cs.groups]
    first, last = 3, 2 + len(groups)
    for n, item in enumerate(ranked):
        row, score = top + n, item.score
        _cell(ws, row, 1, item.rank)
        _text(ws, row, 2, score.unit)
        for col, group in enumerate(groups, start=first):
            _cell(ws, row, col, score.group_total(group), POINTS)
        span = f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"
        _formula(ws, row, last + 1, f"=SUM({span})", POINTS)
        _formula(ws, row, last + 2, f"=ROUND({get_column_letter(last + 1)}{row}/"
                                    f"{cs.max_points:g}*100,2)", PERCENT)
        notes = (["đồng hạng"] if item.tied else []) + score.missing
        _text(ws, row, last + 3, "; ".join(notes))
        ws.row_dimensions[row].height = 15 * max(1, -(-len("; ".join(notes)) // 44))
    return top + len(ranked)


def ranking_sheet(ws: Worksheet, cs: CriteriaSet, by_level: dict[str, list[Ranked]],
                  round_code: str) -> None:
    groups = cs.groups
    width = 5 + len(groups)
    _title(ws, f"XẾP HẠNG KẾT QUẢ THEO BỘ TIÊU CHÍ — ĐỢT {round_code}", width,
           f"{cs.name}. Căn cứ: {cs.source}.")
    row = 4
    for level, ranked in by_level.items():
        _text(ws, row, 1, f"Khối {LEVEL_LABELS.get(level, level)}", bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
        heads = ["Xếp hạng", "Đơn vị",
                 *(f"{g['id']}. {g['title']} ({cs.group_max(g['id']):g} điểm)" for g in groups),
                 f"Tổng điểm ({cs.max_points:g})", "Tỷ lệ (%)", "Ghi chú"]
        for col, text in enumerate(heads, start=1):
            _header(ws, row, col, text)
        ws.row_dimensions[row].height = 48
        row = _ranking_rows(ws, cs, ranked, row + 1) + 1
    _widths(ws, {1: 9, 2: 36, **{c: 16 for c in range(3, 3 + len(groups))},
                 3 + len(groups): 12, 4 + len(groups): 10, 5 + len(groups): 40})


DETAIL_WIDTHS = {1: 28, 2: 6, 3: 40, 4: 9, 5: 9, 6: 30, 7: 10, 8: 40, 9: 10, 10: 30, 11: 9}


def _height(values: tuple) -> float:
    """A row tall enough for its wrapped text: LibreOffice and Excel keep a written
    row height and do not grow it to the text of a file they did not lay out."""
    lines = max((-(-len(v) // int(DETAIL_WIDTHS[c] * 1.1)) for c, v in enumerate(values, 1)
                 if isinstance(v, str) and v), default=1)
    return 15 * max(lines, 1)


DETAIL_HEADS = ("Đơn vị", "Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm",
                "Tài liệu kiểm chứng", "Điểm tính từ báo cáo", "Số liệu dùng (trường)",
                "Điểm thẩm định", "Lý do", "Điểm đạt")


def detail_sheet(ws: Worksheet, scores: list[UnitScore]) -> None:
    _title(ws, "CHI TIẾT ĐIỂM THEO TIÊU CHÍ", len(DETAIL_HEADS),
           "Ô nền đỏ nhạt: điểm thẩm định khác điểm tự chấm.")
    for col, text in enumerate(DETAIL_HEADS, start=1):
        _header(ws, 4, col, text)
    ws.row_dimensions[4].height = 36
    row = 5
    for score in scores:
        for line in score.lines:
            fill = DIFFERS if line.differs else None
            c = line.computed
            source = f"{c.note} ({c.where})" if c and c.where else (c.note if c else "")
            values = (score.unit, line.leaf.id, line.leaf.title, line.leaf.max_points,
                      line.self_points, line.evidence, c.points if c else None, source,
                      line.verified, line.reason, line.final)
            for col, value in enumerate(values, start=1):
                _text(ws, row, col, value, fmt=POINTS if isinstance(value, float | int)
                      else None, fill=fill)
            ws.row_dimensions[row].height = _height(values)
            row += 1
    ws.freeze_panes = "C5"
    _widths(ws, DETAIL_WIDTHS)


def ranking_xlsx(cs: CriteriaSet, scores: list[UnitScore], by_level: dict[str, list[Ranked]],
                 round_code: str) -> bytes:
    wb = Workbook()
    ranking_sheet(wb.active, cs, by_level, round_code)
    wb.active.title = "Xếp hạng"
    detail_sheet(wb.create_sheet("Chi tiết"), scores)
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_ranking_xlsx(target: str | Path, *args) -> Path:
    write_bytes(target, ranking_xlsx(*args))
    return Path(target)
