"""The original of an upload as page images, so staff check a number beside the record.

PDF pages are rendered with pypdfium2; Word, Excel and legacy .doc go through
LibreOffice to PDF first; a scanned image is re-encoded. The PNGs are cached on disk
under the service's data directory by the file's SHA-256 (a file renders once, however
many drafts or reloads), in a folder that appears whole or not at all. Sizes are
bounded: at most ``MAX_PAGES`` pages, each at most ``WIDTH`` pixels wide. Each page's
text is kept beside its image to find the page a value came from.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from cchc.core.errors import CchcError
from cchc.core.vn import fold

log = logging.getLogger("cchc.service.preview")

MAX_PAGES = 40
MAX_LINES = 3000  # text runs kept per page for finding evidence
WIDTH = 1000
MAX_HEIGHT = 4000  # a freak page shape (a 1 × 1000 cm strip) stays a bounded image
MAX_IMAGE_PIXELS = 60_000_000
CACHE_BYTES = 500 * 1024 * 1024  # oldest originals' images go first beyond this
OFFICE_SUFFIXES = (".docx", ".doc", ".xlsx", ".xls", ".odt", ".rtf")
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


# One renderer in the background: LibreOffice and pypdfium2 are CPU-heavy.
_WARMER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cchc-preview")
_RUNNING: dict[str, Future] = {}
_LOCK = threading.Lock()
WAIT_SECONDS = 90.0


class Pages:
    """The cached page images of one file: ``count`` pages, ``texts`` folded per page."""

    def __init__(self, folder: Path | None, count: int, texts: list[str], note: str | None,
                 lines: list | None = None):
        self.folder, self.count, self.texts, self.note = folder, count, texts, note
        self.lines = lines or []

    def image(self, n: int) -> Path | None:
        if self.folder is None or not 1 <= n <= self.count:
            return None
        return self.folder / f"{n}.png"

    def find(self, *phrases: str) -> int | None:
        """The first page whose text holds one of the phrases (diacritics ignored)."""
        for phrase in phrases:
            key = " ".join(fold(phrase).split())
            if not key:
                continue
            for i, text in enumerate(self.texts, start=1):
                if key in text:
                    return i
        return None


    def locate(self, text: str, page: int | None = None) -> tuple[int, list] | None:
        """(page, box) of the text run that begins ``text`` (a value's evidence),
        diacritics ignored; on ``page`` only when the reader knew the page."""
        key = " ".join(fold(text).split())[:MATCH_CHARS]
        if len(key) < 4:
            return None
        numbers = [n for n in (range(1, len(self.lines) + 1) if page is None else [page])
                   if 1 <= n <= len(self.lines)]
        tests = (lambda run: len(run) >= min(len(key), 8) and (
                     key.startswith(run) or run.startswith(key)),
                 lambda run: key[:24] in run)  # a clause inside a longer line
        for test in tests:
            for n in numbers:
                for box, run in self.lines[n - 1]:
                    if test(run):
                        return n, box
        return None


MATCH_CHARS = 40


def _kind(data: bytes, filename: str) -> str | None:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(IMAGE_MAGIC):
        return "image"
    if Path(filename).suffix.lower() in OFFICE_SUFFIXES:
        return "office"
    return None


def _render_pdf(pdf_bytes: bytes, out: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        texts, lines = [], []
        for i in range(min(len(pdf), MAX_PAGES)):
            page = pdf[i]
            width, height = page.get_width() or 1, page.get_height() or 1
            bitmap = page.render(scale=min(WIDTH / width, MAX_HEIGHT / height, 3.0))
            bitmap.to_pil().save(out / f"{i + 1}.png", optimize=True)
            textpage = page.get_textpage()
            texts.append(" ".join(fold(textpage.get_text_range()).split()))
            lines.append(_text_lines(textpage, width, height))
            textpage.close()
            page.close()
        return texts, lines
    finally:
        pdf.close()


def _text_lines(textpage, width: float, height: float) -> list:
    """The page's runs of text with their boxes as fractions of the page (top-left
    origin), so a value's evidence is found and marked on the page image."""
    out = []
    for i in range(min(textpage.count_rects(), MAX_LINES)):
        left, bottom, right, top = textpage.get_rect(i)
        text = " ".join(fold(textpage.get_text_bounded(left, bottom, right, top)).split())
        if text:
            out.append([[round(left / width, 4), round(1 - top / height, 4),
                         round(right / width, 4), round(1 - bottom / height, 4)], text])
    return out


def _render_image(data: bytes, out: Path) -> list[str]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if img.width * img.height > MAX_IMAGE_PIXELS:
            raise CchcError(f"ảnh quét quá lớn ({img.width}×{img.height} điểm ảnh)")
        count = 0
        for frame in range(min(getattr(img, "n_frames", 1), MAX_PAGES)):
            img.seek(frame)
            page = img.convert("RGB")
            page.thumbnail((WIDTH, WIDTH * 2))
            count += 1
            page.save(out / f"{count}.png", optimize=True)
    return [""] * count, [[] for _ in range(count)]


def _office_pdf(data: bytes, filename: str) -> bytes:
    from cchc.core import office

    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="cchc-prev-") as tmp:
        source = Path(tmp) / f"original{suffix}"
        source.write_bytes(data)
        try:
            target = office.to_pdf(source, Path(tmp) / "original.pdf")
        except CchcError as exc:  # named after the user's file, not our temporary copy
            raise CchcError(f"LibreOffice không mở được '{Path(filename).name}' để dựng ảnh "
                            "các trang (tệp hỏng hoặc có mật khẩu?)") from exc
        return target.read_bytes()


def _render(data: bytes, filename: str, out: Path) -> tuple[list[str], list[list]]:
    kind = _kind(data, filename)
    if kind == "pdf":
        return _render_pdf(data, out)
    if kind == "image":
        return _render_image(data, out)
    if kind == "office":
        return _render_pdf(_office_pdf(data, filename), out)
    raise CchcError("không có bản xem trước cho loại tệp này")


def _render_to_cache(data: bytes, filename: str, cache: Path, digest: str) -> str | None:
    """Render into a private folder, then move it into place whole; the error, if any."""
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{digest[:8]}-", dir=cache))
    try:
        texts, lines = _render(data, filename, work)
        (work / "pages.json").write_text(json.dumps({"texts": texts, "lines": lines},
                                                    ensure_ascii=False), encoding="utf-8")
        try:
            os.rename(work, cache / digest)
        except OSError:  # rendered meanwhile by another process sharing the cache
            pass
        _prune(cache, keep=digest)
        return None
    except Exception as exc:  # noqa: BLE001 - a bad original must not break review
        log.warning("no preview for %s: %s", filename, exc)
        return exc.message if isinstance(exc, CchcError) else (
            "không dựng được ảnh các trang của bản gốc")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _prune(cache: Path, keep: str, limit: int = CACHE_BYTES) -> None:
    """Keep the cache under ``limit`` bytes, dropping the least recently rendered first."""
    folders = [f for f in cache.iterdir() if f.is_dir() and not f.name.startswith(".")]
    sizes = {f: sum(p.stat().st_size for p in f.iterdir()) for f in folders}
    total = sum(sizes.values())
    for folder in sorted(folders, key=lambda f: f.stat().st_mtime):
        if total <= limit:
            break
        if folder.name != keep:
            shutil.rmtree(folder, ignore_errors=True)
            total -= sizes[folder]


def _submit(data: bytes, filename: str, cache: Path, digest: str) -> Future:
    """One rendering per file at a time, queued on the single background renderer."""
    with _LOCK:
        future = _RUNNING.get(digest)
        if future is None:
            future = _WARMER.submit(_render_to_cache, data, filename, cache, digest)
            _RUNNING[digest] = future
            future.add_done_callback(lambda _f: _RUNNING.pop(digest, None))
        return future


def _read(cache: Path, digest: str) -> Pages | None:
    meta = cache / digest / "pages.json"
    if not meta.exists():
        return None
    saved = json.loads(meta.read_text(encoding="utf-8"))
    return Pages(cache / digest, len(saved["texts"]), saved["texts"], None,
                 saved.get("lines") or [])


def pages(data: bytes, filename: str, cache: Path, wait: float = WAIT_SECONDS) -> Pages:
    """The page images of an original: from the cache, else rendered (waiting at most
    ``wait`` seconds; a slower rendering goes on and the page says to reload)."""
    digest = hashlib.sha256(data).hexdigest()
    found = _read(cache, digest)
    if found is not None:
        return found
    try:
        error = _submit(data, filename, cache, digest).result(timeout=wait)
    except FutureTimeout:
        return Pages(None, 0, [], "bản gốc đang được dựng thành ảnh; tải lại trang sau "
                     "ít giây để xem")
    return _read(cache, digest) or Pages(None, 0, [], error)


def warm(data: bytes, filename: str, cache: Path) -> None:
    """Render in the background what the review page will ask for, so it opens at once."""
    digest = hashlib.sha256(data).hexdigest()
    if not (cache / digest / "pages.json").exists():
        _submit(data, filename, cache, digest)
