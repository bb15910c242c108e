"""Page images (PNG, JPEG, TIFF, multi-page TIFF) → OCR'd pages, like a scanned PDF's.

Each image (or TIFF frame) is one page. Its resolution comes from the file
(pHYs, JFIF, TIFF tags); without one it is estimated from the width of an A4
page. Pages above 300 dpi are scaled down to 300 dpi, as PDF pages are rendered,
because more pixels only slow Tesseract down. Pixel counts are checked on the
header before any frame is decoded, so a decompression bomb costs nothing.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

from cchc.errors import CchcError

from .ocr import MAX_DPI, MAX_PIXELS, ocr_image, ocr_pages
from .ocr_model import OcrDocument, OcrPage
from .tesseract import check_tesseract

A4_INCHES = (8.27, 11.69)
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


def _dpi(image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 50 <= value <= 1200:
        return value
    w, h = image.size
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
    if dpi > MAX_DPI:
        from PIL import Image

        scale = MAX_DPI / dpi
        rgb = rgb.resize((max(1, round(w * scale)), max(1, round(h * scale))),
                         Image.Resampling.LANCZOS)
        dpi = MAX_DPI
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
