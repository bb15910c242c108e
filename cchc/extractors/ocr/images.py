"""Page images (PNG, JPEG, TIFF, multi-page TIFF) → OCR'd pages, like a scanned PDF's.

Each image (or TIFF frame) is one page. Its resolution comes from the file
(pHYs, JFIF, TIFF tags) when that makes a sheet of paper of it; otherwise (none, or a
camera's 72 dpi on a 3000-pixel photo) it is estimated from the width of an A4 page.
Pages are then scaled into 200–300 dpi, as PDF pages are rendered: more pixels only
slow Tesseract down, fewer lose the table's small digits. Pixel counts are checked on the
header before any frame is decoded, so a decompression bomb costs nothing.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

from cchc.core.errors import CchcError
from cchc.extractors.ocr.model import OcrDocument, OcrPage
from cchc.extractors.ocr.pages import MAX_DPI, MAX_PIXELS, MIN_DPI, ocr_image, ocr_pages
from cchc.extractors.ocr.photo import A4_INCHES, flatten
from cchc.extractors.ocr.tesseract import check_tesseract

# What Pillow raises on damaged image data (found by fuzzing: a TIFF frame without
# dimensions is a TypeError, a bad tag a KeyError or struct.error).
DAMAGED = (OSError, ValueError, EOFError, SyntaxError, TypeError, KeyError, IndexError,
           struct.error, ZeroDivisionError)
FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}


def _open(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except (UnidentifiedImageError, Image.DecompressionBombError, *DAMAGED) as exc:
        raise CchcError("không mở được ảnh quét (tệp hỏng hoặc không phải ảnh)",
                        file=str(path)) from exc
    if image.format not in FORMATS:
        image.close()
        raise CchcError(f"định dạng ảnh {image.format} chưa được hỗ trợ (cần PNG, JPEG, TIFF)",
                        file=str(path))
    return image


PAPER_INCHES = (5.0, 17.0)  # A5's short side to A3's long side


def _dpi(image) -> float:
    """The page's resolution: the file's claim when it makes a sheet of paper of the
    image, else what an A4 page of this many pixels has. Cameras and many scanning
    apps write 72 dpi into a 3000-pixel photo (a page 42 inches wide); trusting that
    made every size on the page (rules, digits, line gaps) wrong by four times."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    w, h = image.size
    if 50 <= value <= 1200 and PAPER_INCHES[0] <= min(w, h) / value <= PAPER_INCHES[1] \
            and max(w, h) / value <= PAPER_INCHES[1] * 1.5:
        return value
    return max(w, h) / A4_INCHES[1] if w > h else w / A4_INCHES[0]


def frame_count(path: Path, max_pages: int) -> int:
    with _open(path) as image:
        try:
            n = getattr(image, "n_frames", 1)
        except DAMAGED as exc:
            raise CchcError("tệp ảnh bị hỏng (không đếm được số trang)",
                            file=str(path)) from exc
    if n > max_pages:
        raise CchcError(f"tệp ảnh có {n} trang, vượt giới hạn {max_pages} trang",
                        file=str(path))
    return n


def load_page(path: Path, index: int) -> tuple[np.ndarray, int]:
    """Frame ``index`` as RGB at no more than 300 dpi, and that dpi."""
    with _open(path) as image:
        try:
            image.seek(index)
            w, h = image.size
            if w * h > MAX_PIXELS:
                raise CchcError(f"trang {index + 1} của ảnh quá lớn để đọc bằng OCR "
                                f"({w}×{h} điểm ảnh)", file=str(path))
            dpi = _dpi(image)
            rgb = image.convert("RGB")
        except DAMAGED as exc:
            raise CchcError(f"trang {index + 1} của ảnh bị hỏng, không đọc được",
                            file=str(path)) from exc
    from PIL import Image

    flat, dpi, photographed = flatten(np.asarray(rgb), dpi)  # a phone photo of the page
    if photographed:
        rgb = Image.fromarray(flat)
        w, h = rgb.size
    # Read at 200–300 dpi, as PDF pages are rendered: above, Tesseract is only slower;
    # below (a 150 dpi phone photo), the small digits of the statistics table are lost.
    target = min(MAX_DPI, max(MIN_DPI, dpi))
    if abs(target - dpi) > 1:
        scale = target / dpi
        rgb = rgb.resize((max(1, round(w * scale)), max(1, round(h * scale))),
                         Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)
        dpi = target
    return np.asarray(rgb), max(1, round(dpi))


def _ocr_frame(args: tuple[str, int, str]) -> OcrPage:
    path, index, exe = args
    rgb, dpi = load_page(Path(path), index)
    return ocr_image(rgb, dpi, number=index + 1, exe=exe)


def image_format(path: Path) -> str:
    with _open(path) as image:
        return FORMATS[image.format]


def ocr_images(path: str | os.PathLike, jobs: int | None = 1,
               max_pages: int = 200) -> tuple[OcrDocument, str]:
    """Every page of an image file read by OCR, and the format's name."""
    path = Path(path)
    fmt = image_format(path)
    exe = check_tesseract()
    n = frame_count(path, max_pages)
    return ocr_pages(_ocr_frame, [(str(path), i, exe) for i in range(n)], jobs), fmt
