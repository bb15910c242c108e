"""Reports the project scans itself: a DOCX with a statistics table, and degraded scans.

Tests and bench/ocr.py need scanned reports whose true content is known. They are
made here: a report DOCX (python-docx, the form's merged 4-row header, landscape
table page), converted to PDF by LibreOffice, rendered to images and degraded the
way office scanners degrade them (skew, noise, JPEG, a page turned 90°, a red stamp).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from cchc.core.spec import COUNT_KEYS, STATS_HEADER, STATS_SUMS, STATS_TITLE, TOTAL_LABEL
from cchc.core.vn import format_number

FIELDS = ("Hoạt động xây dựng", "Quy hoạch - Kiến trúc", "Nhà ở và công sở",
          "Kinh doanh bất động sản", "Vật liệu xây dựng", "Hạ tầng kỹ thuật",
          "Giám định chất lượng")
PARAGRAPHS = (
    "Thực hiện Kế hoạch số 125/KH-UBND ngày 10 tháng 5 năm 2023 của Ủy ban nhân dân "
    "tỉnh về kiểm tra công tác cải cách hành chính năm 2023, Sở Xây dựng báo cáo kết "
    "quả thực hiện như sau:",
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "Sở đã ban hành kế hoạch cải cách hành chính năm 2023, phân công nhiệm vụ cụ thể "
    "cho từng phòng, đơn vị; tổ chức tuyên truyền, phổ biến đến toàn thể công chức, "
    "viên chức và người lao động.",
    "II. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
    "Kết quả giải quyết thủ tục hành chính trong kỳ được thống kê tại biểu kèm theo.",
)


def make_rows(seed: int = 7, count: int = len(FIELDS)) -> list[dict]:
    """Consistent table rows (sums hold) with numbers of one to four digits."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        scale = rng.choice((9, 60, 400, 2500))
        row = {"stt": i + 1, "field": FIELDS[i % len(FIELDS)]}
        parts = STATS_SUMS["received_total"]
        for key in parts:
            row[key] = rng.randint(0, scale)
        row["received_total"] = sum(row[k] for k in parts)
        resolved = rng.randint(0, row["received_total"])
        row["resolved_late"] = rng.randint(0, resolved // 5)
        row["resolved_on_time"] = resolved - row["resolved_late"]
        row["resolved_total"] = resolved
        pending = row["received_total"] - resolved
        row["pending_overdue"] = rng.randint(0, pending // 4)
        row["pending_not_due"] = pending - row["pending_overdue"]
        row["pending_total"] = pending
        row["supplement_requested"] = rng.randint(0, scale // 10)
        row["returned"] = rng.randint(0, scale // 20)
        row["postal_results"] = rng.randint(0, row["received_postal"])
        rows.append(row)
    return rows


def totals(rows: list[dict]) -> dict:
    return {k: sum(r[k] for r in rows) for k in COUNT_KEYS}


def _para(doc, text, *, bold=False, size=13, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    p = doc.add_paragraph()
    p.alignment = align
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    return p


def _cell_text(cell, text, *, bold=False, size=10):
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _stats_table(doc, rows: list[dict]) -> None:
    total = totals(rows)
    table = doc.add_table(rows=4 + len(rows) + 1, cols=16)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(1.0), Cm(4.6)] + [Cm(1.5)] * 13 + [Cm(2.2)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for h in STATS_HEADER:
        cell = table.cell(h.row - 1, h.col - 1)
        if h.rowspan > 1 or h.colspan > 1:
            cell = cell.merge(table.cell(h.row - 2 + h.rowspan, h.col - 2 + h.colspan))
        _cell_text(cell, h.text, bold=h.row < 4, size=9 if h.row < 4 else 10)
    keys = ("stt", "field", *COUNT_KEYS)
    for i, data in enumerate(rows):
        for j, key in enumerate(keys):
            value = data[key]
            _cell_text(table.cell(4 + i, j), value if key == "field" else format_number(value))
    last = 4 + len(rows)
    merged = table.cell(last, 0).merge(table.cell(last, 1))
    _cell_text(merged, TOTAL_LABEL, bold=True)
    for j, key in enumerate(COUNT_KEYS, start=2):
        _cell_text(table.cell(last, j), format_number(total[key]), bold=True)


def make_report_docx(path: str | Path, rows: list[dict]) -> Path:
    """A unit report: header, a few paragraphs, then the table on a landscape page."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "UBND TỈNH BẮC GIANG", size=13, align=center)
    _para(doc, "SỞ XÂY DỰNG", bold=True, align=center)
    _para(doc, "Số: 125/BC-SXD", align=center)
    _para(doc, "Bắc Giang, ngày 10 tháng 5 năm 2023", align=center)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=center)
    _para(doc, "Kết quả thực hiện công tác cải cách hành chính năm 2023", bold=True,
          align=center)
    for text in PARAGRAPHS:
        _para(doc, text, bold=text.isupper())
    landscape = doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21)
    landscape.left_margin = landscape.right_margin = Cm(1.5)
    _para(doc, STATS_TITLE, bold=True, align=center)
    _para(doc, "(Từ ngày 15/12/2022 đến ngày 14/5/2023)", align=center)
    _stats_table(doc, rows)
    doc.save(str(path))
    return Path(path)


@dataclass(frozen=True)
class Degrade:
    """How to damage one rendered page."""

    skew: float = 0.0          # degrees, counter-clockwise
    turn: int = 0              # 0, 90, 180, 270 (counter-clockwise)
    noise: float = 0.0         # gaussian sigma on 0–255
    salt: float = 0.0          # fraction of pixels flipped to black/white
    jpeg: int | None = None    # JPEG quality
    stamp: bool = False        # semi-transparent red circle over the text
    photo: float = 0.0         # a phone photo: the page on a desk, seen at this slant


def render_pdf_pages(pdf: str | Path, dpi: int) -> list:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def degrade(image, how: Degrade, seed: int = 0):
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    img = image.convert("RGB")
    if how.stamp:
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        w, h = img.size
        r = int(min(w, h) * 0.09)
        cx, cy = int(w * 0.62), int(h * 0.55)
        for k in range(4):
            draw.ellipse((cx - r + k * 9, cy - r + k * 9, cx + r - k * 9, cy + r - k * 9),
                         outline=(220, 30, 30, 150), width=5)
        draw.text((cx - r // 2, cy - 10), "DA KY", fill=(220, 30, 30, 150))
        img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    if how.skew:
        img = img.rotate(how.skew, resample=Image.BICUBIC, expand=True, fillcolor="white")
    if how.turn:
        img = img.rotate(how.turn, expand=True)
    if how.photo:
        img = photographed(img, how.photo, rng)
    arr = np.asarray(img).astype(np.float32)
    if how.noise:
        arr += rng.normal(0, how.noise, arr.shape[:2])[..., None]
    if how.salt:
        mask = rng.random(arr.shape[:2])
        arr[mask < how.salt / 2] = 0
        arr[mask > 1 - how.salt / 2] = 255
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if how.jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=how.jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def photographed(img, slant: float, rng):
    """The page as a phone sees it on a desk: a dark margin around it, its corners pulled
    in by up to ``slant`` of its size (perspective), lit unevenly from one side."""
    import cv2
    import numpy as np
    from PIL import Image

    page = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = page.shape[:2]
    margin = int(0.08 * max(w, h))
    out_w, out_h = w + 2 * margin, h + 2 * margin
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    pull = rng.uniform(0.3, 1.0, size=(4, 2)) * slant * np.array([w, h])
    signs = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    dst = np.float32(src + margin + pull * signs)
    matrix = cv2.getPerspectiveTransform(src, dst)
    desk = np.full((out_h, out_w, 3), (70, 62, 55), np.float32)
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), borderValue=(70, 62, 55))
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (out_w, out_h)) > 0.5
    desk[inside] = warped[inside]
    light = np.linspace(1.0, 0.62, out_w, dtype=np.float32)[None, :, None]  # a shadow
    return Image.fromarray(np.clip(desk * light, 0, 255).astype(np.uint8))


def write_image_pdf(images: list, path: str | Path, dpi: int) -> Path:
    """An image-only PDF, like a scanner makes (no text layer)."""
    first, *rest = images
    first.save(str(path), "PDF", resolution=dpi, save_all=True, append_images=rest)
    return Path(path)


# The standard scan set: text page (skew, stamp), table page (skew, noise, JPEG, stamp),
# and the same table page turned 90° with salt noise.
STANDARD = (
    (0, Degrade(skew=2.0, noise=12, jpeg=40, stamp=True)),
    (1, Degrade(skew=-1.5, noise=14, jpeg=40, stamp=True)),
    (1, Degrade(skew=1.0, turn=90, salt=0.002, noise=8, jpeg=45)),
)


def make_scan(pdf: str | Path, out: str | Path, dpi: int = 200,
              plan=STANDARD, seed: int = 1) -> Path:
    pages = render_pdf_pages(pdf, dpi)
    images = [degrade(pages[i], how, seed=seed + n) for n, (i, how) in enumerate(plan)]
    return write_image_pdf(images, out, dpi)
