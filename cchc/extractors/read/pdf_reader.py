"""PDF with a text layer → document model, with positions.

Lines are rebuilt from words; a wide horizontal gap splits a line into segments,
which is how the two columns of the official header ("UBND TỈNH …" beside
"CỘNG HÒA …") come apart again. Wrapped body lines are joined into paragraphs
when the previous line reaches the right margin. Tables come from pdfplumber's
ruling lines, their merged cells resolved from cell boxes, and a table that runs
on at the top of the next page is joined to the one that ended the previous page.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from cchc.core.errors import CchcError
from cchc.extractors.model import Document, Para, Table, fix_text, hook_active
from cchc.extractors.read.sniff import Limits

INDENT_MAX = 54.0  # points (1.9 cm): the deepest first-line indent of a paragraph
SEGMENT_GAP = 28.0  # points; wider than any justified word gap, narrower than header columns
# Bullets, also Word's symbol-font ones that PDF printers keep in the private use area
# ("\uf0b7" for Symbol's dot, "\uf0a7" Wingdings' square, "\uf0d8" its arrow).
_BULLET = re.compile(r"^\s*(?:[-–•+*●▪◦·○■□➢►✓\uf020-\uf0ff]|\(?[0-9IVXivx]{1,4}[.)]|[a-zđ]\))\s")

OCR_MESSAGE = "Tệp PDF không có lớp văn bản (bản quét): cần nhận dạng ký tự (OCR)"


class NeedsOCR(CchcError):
    """Raised for pages without a text layer; the OCR reader plugs in here."""


def read_pdf(path: Path, limits: Limits) -> Document:
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types, wrapped or not
        if _encrypted(path, exc):
            raise CchcError(PASSWORD_MESSAGE, file=str(path)) from exc
        raise CchcError(f"tệp PDF bị hỏng, không đọc được ({_describe(exc)})",
                        file=str(path)) from exc
    try:
        return _read(pdf, path, limits)
    except CchcError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken page must not become a traceback
        if _encrypted(path, exc):
            raise CchcError(PASSWORD_MESSAGE, file=str(path)) from exc
        raise CchcError(f"tệp PDF bị hỏng, không đọc được ({_describe(exc)})",
                        file=str(path)) from exc
    finally:
        _close(pdf)


def _close(pdf) -> None:
    """pdfplumber's close() walks the pages again: on a broken page tree it raises the
    same error once more, which must not replace the message already raised."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


PASSWORD_MESSAGE = "tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại"


def _encrypted(path: Path, exc: BaseException) -> bool:
    seen = exc
    for _ in range(5):
        if seen is None:
            break
        if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)) or any(
                isinstance(a, (PDFPasswordIncorrect, PDFEncryptionError)) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 65536))
        return b"/Encrypt" in fh.read()


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    text = str(inner or exc).strip()
    name = type(inner or exc).__name__
    return f"{name}: {text[:120]}" if text else name


def _read(pdf, path: Path, limits: Limits) -> Document:
    n = len(pdf.pages)
    if n > limits.max_pages:
        raise CchcError(f"tệp PDF có {n} trang, vượt giới hạn {limits.max_pages} trang; "
                        f"dùng --max-pages để nới giới hạn", file=str(path))
    doc = Document(format="pdf", meta={"pages": n, "pages_without_text": [], "page_shapes": []})
    pages: list[list] = []
    for i, page in enumerate(pdf.pages):
        blocks = _page_blocks(page)
        if blocks is None:
            doc.meta["pages_without_text"].append(i + 1)
            blocks = []
        _place(blocks, i + 1, float(page.width), float(page.height))
        pages.append(blocks)
        doc.meta["page_shapes"].append((float(page.width), float(page.height),
                                        _word_count(blocks)))
        page.flush_cache()
    if n and len(doc.meta["pages_without_text"]) == n:
        raise NeedsOCR(OCR_MESSAGE, file=str(path))
    doc.blocks = _join_pages(pages)
    return doc


def _word_count(blocks) -> int:
    """Words on a page, table cells included: how much a page says (kind.py tells a
    slide deck, a few words on landscape pages, from a report by it)."""
    return sum(len(b.text.split()) if isinstance(b, Para)
               else sum(len(c.split()) for row in b.rows for c in row) for b in blocks)


def _page_blocks(page) -> list | None:
    if not page.chars:
        return None
    layouts = [_TableLayout(t) for t in page.find_tables()]
    layouts = [t for t in layouts if t.ok]
    words = page.extract_words(extra_attrs=["fontname"], x_tolerance=1.5, y_tolerance=3)
    free = []
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        for t in layouts:
            if t.add(w, cx, cy):
                break
        else:
            free.append(w)
    items: list[tuple[float, object]] = [(t.top, Table(t.grid(), box=tuple(t.box)))
                                         for t in layouts]
    items.extend((seg["top"], seg) for seg in _segments(_lines(free)))
    items.sort(key=lambda it: it[0])
    right = max((s["x1"] for _, s in items if isinstance(s, dict)), default=page.width)
    return _paragraphs(items, right)


class _TableLayout:
    """A ruled table's grid, merged cells resolved from the cell boxes pdfplumber found.

    Words are placed in cells by their centres (one bisection per word) instead
    of ``Table.extract()``, which filters every character of the page for every
    cell and dominates the cost of large statistics tables.
    """

    def __init__(self, table):
        rows = table.rows
        self.top = table.bbox[1]
        self.box = table.bbox
        self.ncols = max((len(r.cells) for r in rows), default=0)
        self.ok = bool(rows) and self.ncols > 0
        col_x: list[float | None] = [None] * self.ncols
        for row in rows:
            for j, cell in enumerate(row.cells):
                if cell is not None and col_x[j] is None:
                    col_x[j] = cell[0]
        for j in range(self.ncols):  # a column no cell starts in: just after its neighbour
            if col_x[j] is None:
                col_x[j] = (col_x[j - 1] + 0.01) if j else self.box[0]
        self.col_x = col_x
        self.row_y = [r.bbox[1] for r in rows]
        self.cover: dict[tuple[int, int], tuple[int, int]] = {}
        for i, row in enumerate(rows):
            for j, cell in enumerate(row.cells):
                if cell is None:
                    continue
                x1, bottom = cell[2], cell[3]
                cols = [k for k in range(j, self.ncols) if col_x[k] < x1 - 1] or [j]
                rws = [m for m in range(i, len(self.row_y)) if self.row_y[m] < bottom - 1] or [i]
                for m in rws:
                    for k in cols:
                        self.cover.setdefault((m, k), (i, j))
        self.words: dict[tuple[int, int], list[dict]] = {}

    def add(self, w: dict, cx: float, cy: float) -> bool:
        x0, top, x1, bottom = self.box
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            return False
        i = max(0, bisect.bisect_right(self.row_y, cy) - 1)
        j = max(0, bisect.bisect_right(self.col_x, cx) - 1)
        pos = self.cover.get((i, j))
        if pos is not None:
            self.words.setdefault(pos, []).append(w)
        return True

    def grid(self) -> list[list[str]]:
        texts = {pos: _cell_text(ws) for pos, ws in self.words.items()}
        return [[texts.get(self.cover.get((i, j)), "") for j in range(self.ncols)]
                for i in range(len(self.row_y))]


def _cell_text(words: list[dict]) -> str:
    return "\n".join(_join(line) for line in _lines(words))


def _lines(words) -> list[list[dict]]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _segments(lines):
    """Split a line at gaps far wider than its other gaps (columns, not justification).

    Justified lines ending in a manual break are stretched with uniformly wide gaps;
    the two header columns leave one gap much wider than the rest.
    """
    for line in lines:
        gaps = sorted(b["x0"] - a["x1"] for a, b in zip(line, line[1:], strict=False))
        usual = gaps[len(gaps) // 2] if gaps else 0
        limit = max(SEGMENT_GAP, 3 * usual)
        seg = [line[0]]
        for w in line[1:]:
            if w["x0"] - seg[-1]["x1"] > limit:
                yield _segment(seg, len(line))
                seg = []
            seg.append(w)
        yield _segment(seg, len(line))


def _join(words) -> str:
    """Words of one line; pieces split only by a change of font touch and stay one word."""
    out = []
    prev = None
    for w in words:
        t = fix_text(w["text"], w.get("fontname")) if hook_active() else w["text"]
        if prev is not None and w["x0"] - prev["x1"] > 0.6:
            out.append(" ")
        out.append(t)
        prev = w
    return "".join(out)


def _first_word_end(words) -> float:
    end = words[0]["x1"]
    for w in words[1:]:
        if w["x0"] - end > 0.6:
            break
        end = w["x1"]
    return end


def _segment(words, line_words: int) -> dict:
    bold_chars = sum(len(w["text"]) for w in words if _is_bold(w.get("fontname", "")))
    total = sum(len(w["text"]) for w in words)
    return {"text": _join(words), "x0": words[0]["x0"], "x1": words[-1]["x1"],
            "top": words[0]["top"], "bottom": max(w["bottom"] for w in words),
            "bold": total > 0 and bold_chars >= 0.8 * total,
            "first_w": _first_word_end(words) - words[0]["x0"],
            "hang_x": words[1]["x0"] if len(words) > 1 and _BULLET.match(
                words[0]["text"] + " ") else None,
            "alone": len(words) == line_words}


def _is_bold(font: str) -> bool:
    f = font.lower()
    return "bold" in f or "black" in f or "heavy" in f or f.endswith(",b")


def _line_gap(items) -> float:
    """The usual gap between lines of one paragraph: the most common gap on the page."""
    lines = [s for _, s in items if isinstance(s, dict) and s["alone"]]
    gaps = [round(b["top"] - a["bottom"]) for a, b in zip(lines, lines[1:], strict=False)
            if 0 <= b["top"] - a["bottom"] < 40]
    return max(set(gaps), key=gaps.count) if gaps else 4.0


def _paragraphs(items, right: float) -> list:
    """Join a line to the previous one when its first word could not fit on that one.

    A line that starts further in than any first-line indent is the header's right
    column ("CỘNG HÒA …" reaching the margin): a browser's print lays the columns'
    lines at different heights, so the left column's next line comes after it and is
    no wrapped tail."""
    blocks: list = []
    prev: dict | None = None
    left = min((s["x0"] for _, s in items if isinstance(s, dict) and s["alone"]), default=0)
    max_gap = _line_gap(items) + 2.5
    hang_x = None  # where wrapped lines of a numbered/bulleted paragraph start
    for _, it in items:
        if isinstance(it, Table):
            blocks.append(it)
            prev = None
            continue
        joinable = (prev is not None and it["alone"] and prev["alone"]
                    and prev["x0"] - it["x0"] <= INDENT_MAX  # not the header's right column
                    and right - prev["x1"] < it["first_w"] + 12
                    and (it["x0"] <= left + 6 or (hang_x is not None
                                                  and abs(it["x0"] - hang_x) < 4))
                    and it["top"] - prev["bottom"] <= max_gap
                    and prev["bold"] == it["bold"] and not _BULLET.match(it["text"]))
        box = (it["x0"], it["top"], it["x1"], it["bottom"])
        if joinable:
            para = blocks[-1]
            para.text = para.text.rstrip() + " " + it["text"]
            para.box = _union(para.box, box)
        else:
            blocks.append(Para(text=it["text"], bold=it["bold"], box=box))
            hang_x = it["hang_x"]
        prev = it
    return blocks


def _union(a: tuple | None, b: tuple) -> tuple:
    return b if a is None else (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                                max(a[3], b[3]))


def _place(blocks: list, number: int, width: float, height: float) -> None:
    """Each block's page, and its box as fractions of the page: the evidence a reviewer
    is shown on the page image, whatever size that image is drawn at."""
    for block in blocks:
        block.page = number
        if block.box is not None and width > 0 and height > 0:
            x0, y0, x1, y1 = block.box
            block.box = tuple(round(min(max(v, 0.0), 1.0), 4)
                              for v in (x0 / width, y0 / height, x1 / width, y1 / height))


def _continues(last: list[str], first: list[str]) -> bool:
    """A row the page break cut in two: the rest has text only where the start had some."""
    if not first or first[0].strip() or not any(c.strip() for c in first):
        return False
    return all(a.strip() for a, b in zip(last, first, strict=False) if b.strip())


def _join_pages(pages: list[list]) -> list:
    """A table ending one page and a table of equal width starting the next are one."""
    out: list = []
    for blocks in pages:
        if (blocks and out and isinstance(blocks[0], Table) and isinstance(out[-1], Table)
                and blocks[0].width == out[-1].width):
            rows = blocks[0].rows
            if rows and _continues(out[-1].rows[-1], rows[0]):
                out[-1].rows[-1] = [f"{a}\n{b}" if b and b != a else a
                                    for a, b in zip(out[-1].rows[-1], rows[0], strict=False)]
                rows = rows[1:]
            out[-1].rows.extend(rows)
            out.extend(blocks[1:])
        else:
            out.extend(blocks)
    return out
