"""Scanned PDF pages → words, lines and table grids, through Tesseract.

Tesseract runs as a subprocess (argument list, no shell) with OMP_THREAD_LIMIT=1:
its own threading is several times slower than one thread per page on small
machines, so pages are spread over processes instead (``jobs``).

The result is format-neutral and documented on :class:`ocr_model.OcrDocument`; the
statistics table is mapped to the record's 16 columns by :mod:`extractors.ocr_table`.
Coordinates are pixels of the prepared page (upright and levelled) at ``dpi``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import numpy as np

from cchc.core.errors import CchcError
from cchc.extractors.ocr.cells import (
    mask_slots,
    read_field_cells,
    read_remaining_cells,
    read_slots,
    retry_doubtful,
    sheet_slots,
)
from cchc.extractors.ocr.model import BBox, OcrCell, OcrDocument, OcrPage, OcrTable, OcrWord
from cchc.extractors.ocr.prep import PreparedPage, prepare
from cchc.extractors.ocr.table import (
    find_grids,
    find_tables,
    form_shaped,
    positions_grid,
    table_from_positions,
)
from cchc.extractors.ocr.tesseract import (
    DIGITS_LANG,
    LANG,
    PACKAGES,
    check_tesseract,
    parse_tsv,
    run_tesseract,
    tesseract_path,
)

MAX_PAGES = 300
MAX_PIXELS = 60_000_000     # one rendered page; a 300 dpi A3 is 17 MP
MIN_DPI, MAX_DPI, DEFAULT_DPI = 200, 300, 300

def _inside(bbox: BBox, box: BBox) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def is_text_table(table: OcrTable) -> bool:
    """A ruled grid that holds a table of text: at least two rows with two filled cells.

    A frame around one block of text (a boxed note, a stamp's border) has one column
    of text and stays lines of text.
    """
    filled_rows = sum(1 for row in table.rows if sum(1 for c in row if c.text.strip()) >= 2)
    return len(table.rows) >= 2 and filled_rows >= 2


COLUMN_GAP = 3.0  # a gap this many line heights wide parts two header columns
# A heading's number ("II.", "5.", "a)"), also as OCR garbles Roman numerals ("H1.", "HI.").
_LABEL = re.compile(r"^(?:[IVXLC]{1,5}|[IVXHl1|]{1,4}[.,)]|\d{1,2}(?:[.,]\d{1,2})*|[a-zđ])"
                    r"[.,)]?$")


def _lines(words: list[OcrWord]) -> list[tuple[str, BBox, float]]:
    """Tesseract's lines, each cut where a gap far wider than a word gap parts two
    columns (the issuing body beside the national motto on one scanned line)."""
    groups: dict[tuple, list[OcrWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    lines = []
    for ws in groups.values():
        ws.sort(key=lambda w: w.bbox[0])
        heights = sorted(w.bbox[3] - w.bbox[1] for w in ws)
        limit = COLUMN_GAP * max(heights[len(heights) // 2], 1)
        part = [ws[0]]
        for w in ws[1:]:
            if w.bbox[0] - part[-1].bbox[2] > limit and not _LABEL.match(
                    " ".join(x.text for x in part)):  # "5." tabbed off its heading stays
                lines.append(_line(part))
                part = []
            part.append(w)
        lines.append(_line(part))
    return _reading_order(lines)


def _reading_order(lines: list[tuple[str, BBox, float]]) -> list[tuple[str, BBox, float]]:
    """Top to bottom, and left to right within one row: a heading's number two pixels
    lower than its text ("HI." beside "Cải cách tổ chức …") still comes first."""
    lines = sorted(lines, key=lambda ln: (ln[1][1], ln[1][0]))
    rows: list[list[tuple[str, BBox, float]]] = []
    for line in lines:
        top, bottom = line[1][1], line[1][3]
        if rows:
            r_top = min(ln[1][1] for ln in rows[-1])
            r_bottom = max(ln[1][3] for ln in rows[-1])
            overlap = min(bottom, r_bottom) - max(top, r_top)
            if overlap > 0.5 * min(bottom - top, r_bottom - r_top):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln[1][0])]


def _line(ws: list[OcrWord]) -> tuple[str, BBox, float]:
    box = (min(w.bbox[0] for w in ws), min(w.bbox[1] for w in ws),
           max(w.bbox[2] for w in ws), max(w.bbox[3] for w in ws))
    conf = sum(w.conf for w in ws) / len(ws)
    return " ".join(w.text for w in ws), box, round(conf, 1)


FLIP_BELOW = 75.0  # mean confidence under which the page is read upside down as well


def ocr_image(rgb: np.ndarray, dpi: int, number: int = 1, exe: str | None = None) -> OcrPage:
    """Prepare one page image, read it, rebuild its tables.

    A nearly empty page (the last rows of a table) gives the upright test little text
    to go by, and one read upside down comes back as confident-looking garbage of low
    mean confidence ("0E8Z" for 2830). Such a page is read turned half round as well,
    and the reading with the higher confidence is kept.
    """
    exe = exe or tesseract_path()
    page = _read_page(prepare(rgb, dpi), number, exe)
    if page.mean_confidence < FLIP_BELOW:
        flipped = _read_page(prepare(rgb, dpi, turn=(page.turn + 180) % 360), number, exe)
        if flipped.mean_confidence > page.mean_confidence:
            return flipped
    return page


def _read_page(prepared: PreparedPage, number: int, exe: str) -> OcrPage:
    dpi = prepared.dpi
    grids = find_grids(prepared)
    page_image = prepared.text.copy()
    presets = []
    for grid in grids:
        slots = sheet_slots(grid)
        presets.append(read_slots(prepared, grid, slots, exe))
        mask_slots(page_image, grid, slots)
    words = run_tesseract(page_image, dpi, exe)
    tables = find_tables(prepared, words, grids, presets)
    if not tables and (found := positions_grid(prepared, words)) is not None:
        grid, columns = found
        slots = [(r, c) for r, c in sheet_slots(grid, all_rows=True)
                 if r > 0 and columns[c] != 2]
        tables.append(table_from_positions(prepared, grid, columns, words,
                                           read_slots(prepared, grid, slots, exe)))
    for table, grid, done in zip(tables, grids, presets, strict=False):  # ruled grids
        if form_shaped(table):
            read_remaining_cells(prepared, grid, table, done, exe)
    for table in tables:
        if form_shaped(table):
            retry_doubtful(prepared, table, exe)
            read_field_cells(prepared, table, exe, words)
    # The form's grid and every other real table (an indicator table: rows and columns
    # of text) keep their words as cells; any other frame found on the page (a stamp,
    # the rules of a header) is read as lines of text.
    kept = [t for t in tables if form_shaped(t) or is_text_table(t)]
    outside = [w for w in words if not any(_inside(w.bbox, t.bbox) for t in kept)]
    # Every reading counts once: page words, plus the table cells read on the sheet.
    confs = [w.conf for w in words] + [
        cell.conf for table in tables for row in table.rows for cell in row
        if cell.conf is not None and not any(_inside(w.bbox, cell.bbox) for w in words)]
    mean = sum(confs) / len(confs) if confs else 0.0
    return OcrPage(number=number, lines=_lines(outside), tables=tables, words=words,
                   mean_confidence=round(mean, 1), dpi=dpi, turn=prepared.turn,
                   skew=round(prepared.skew, 2), readings=len(confs),
                   size=(int(prepared.text.shape[1]), int(prepared.text.shape[0])))


# --- PDF pages -----------------------------------------------------------------

def _open_pdf(path: str | os.PathLike):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CchcError("không mở được tệp PDF (tệp hỏng hoặc có mật khẩu?)",
                        file=str(path)) from exc


def pages_without_text(path: str | os.PathLike) -> list[int]:
    """0-based indexes of the pages that have no text layer (scanned pages)."""
    document = _open_pdf(path)
    try:
        if len(document) > MAX_PAGES:
            raise CchcError(f"tệp PDF có {len(document)} trang, quá giới hạn {MAX_PAGES} "
                            "trang", file=str(path))
        result = []
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            if textpage.count_chars() == 0:
                result.append(i)
            textpage.close()
            page.close()
        return result
    finally:
        document.close()


def _render_dpi(page) -> int:
    """Render at the scan's own resolution (within 200–300 dpi), else at 300 dpi.

    Upsampling a 200 dpi scan to 300 dpi only makes Tesseract slower, and going
    below 200 dpi loses the small digits of a statistics table.
    """
    import pypdfium2.raw as pdfium_c

    best = 0.0
    try:
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            px_w, _px_h = obj.get_px_size()
            left, _b, right, _t = obj.get_bounds()
            if right - left > page.get_width() * 0.5:
                best = max(best, px_w / ((right - left) / 72))
    except Exception:  # noqa: BLE001 - a page we cannot inspect renders at the default
        best = 0.0
    if not best:
        return DEFAULT_DPI
    return int(min(MAX_DPI, max(MIN_DPI, round(best))))


def render_page(path: str | os.PathLike, index: int) -> tuple[np.ndarray, int]:
    document = _open_pdf(path)
    try:
        page = document[index]
        dpi = _render_dpi(page)
        w, h = page.get_size()
        if (w * dpi / 72) * (h * dpi / 72) > MAX_PIXELS:
            raise CchcError(f"trang {index + 1} quá lớn để đọc bằng OCR", file=str(path))
        bitmap = page.render(scale=dpi / 72, grayscale=False)
        rgb = np.array(bitmap.to_numpy()[:, :, :3][:, :, ::-1])  # BGR(x) → RGB
        bitmap.close()
        page.close()
        return rgb, dpi
    finally:
        document.close()


def _ocr_pdf_page(args: tuple[str, int, str]) -> OcrPage:
    path, index, exe = args
    rgb, dpi = render_page(path, index)
    return ocr_image(rgb, dpi, number=index + 1, exe=exe)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def ocr_pdf(path: str | os.PathLike, jobs: int | None = None,
            pages: list[int] | None = None) -> OcrDocument:
    """OCR the given 0-based pages (default: every page without a text layer).

    Pages are spread over ``jobs`` processes (default: all cores); each runs one
    single-threaded Tesseract at a time.
    """
    path = Path(path)
    if not path.is_file():
        raise CchcError("không tìm thấy tệp", file=str(path))
    exe = check_tesseract()
    if pages is None:
        pages = pages_without_text(path)
    return ocr_pages(_ocr_pdf_page, [(str(path), i, exe) for i in pages], jobs)


# Who reads the pages of a scan: unset, this process's own pool (``jobs``); the job
# service sets a runner that hands them to its queue, so any worker on any machine
# reads them, and returns their OcrPages in task order. It is called with the page
# reader (a module-level function of this package) and its tasks, each a
# ``(path, 0-based page index, tesseract)`` tuple, and may raise CchcError.
PageRunner = Callable[[Callable[[tuple], OcrPage], list], list[OcrPage]]
PAGE_RUNNER: ContextVar[PageRunner | None] = ContextVar("cchc_ocr_page_runner", default=None)


@contextmanager
def page_runner(runner: PageRunner) -> Iterator[None]:
    """Read the pages of every scan opened inside this block through ``runner``."""
    token = PAGE_RUNNER.set(runner)
    try:
        yield
    finally:
        PAGE_RUNNER.reset(token)


def ocr_pages(read_page, tasks: list, jobs: int | None) -> OcrDocument:
    """Run ``read_page`` on every task, through the installed page runner or spread
    over ``jobs`` processes (default: all cores), and weigh the pages' confidences by
    how many words each read."""
    runner = PAGE_RUNNER.get()
    if runner is not None:
        results = runner(read_page, tasks)
    else:
        results = local_pages(read_page, tasks, jobs)
    readings = sum(p.readings for p in results)
    mean = sum(p.mean_confidence * p.readings for p in results) / readings if readings else 0.0
    return OcrDocument(pages=results, mean_confidence=round(mean, 1))


def local_pages(read_page, tasks: list, jobs: int | None) -> list[OcrPage]:
    jobs = max(1, min(jobs or default_jobs(), len(tasks) or 1))
    if jobs == 1:
        return [read_page(t) for t in tasks]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(read_page, tasks))


__all__ = ["BBox", "DIGITS_LANG", "LANG", "PACKAGES", "OcrCell", "OcrDocument", "OcrPage",
           "OcrTable", "OcrWord", "check_tesseract", "default_jobs", "is_text_table", "ocr_image",
           "ocr_pages", "ocr_pdf", "page_runner", "pages_without_text", "parse_tsv",
           "render_page", "run_tesseract", "tesseract_path"]
