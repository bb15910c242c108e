"""Tesseract as a subprocess: find it, check its languages, read one image's words.

Runs with an argument list (no shell) and OMP_THREAD_LIMIT=1: Tesseract's own
threading is several times slower than one thread per page on small machines, so
pages are spread over processes by the caller instead.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np

from cchc.core import child
from cchc.core.errors import CchcError
from cchc.extractors.ocr.model import OcrWord

LANG = "vie"
DIGITS_LANG = "eng"   # reads lone table numbers better than vie ("22" stays "22")
PACKAGES = "tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng"
TIMEOUT_SECONDS = 120


def tesseract_path() -> str:
    """The tesseract binary, with the Vietnamese model; a clear error otherwise."""
    exe = shutil.which("tesseract")
    if not exe:
        raise CchcError("không tìm thấy Tesseract để đọc bản scan; hãy cài các gói Debian "
                        f"{PACKAGES} (apt-get install -y {PACKAGES})")
    return exe


def check_tesseract() -> str:
    exe = tesseract_path()
    try:
        langs = child.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CchcError(f"không chạy được Tesseract ({exc})") from exc
    have = set((langs.stdout + langs.stderr).split())
    for lang, package in ((LANG, "tesseract-ocr-vie"), (DIGITS_LANG, "tesseract-ocr-eng")):
        if lang not in have:
            raise CchcError(f"Tesseract chưa có dữ liệu ngôn ngữ '{lang}'; hãy cài gói Debian "
                            f"{package} (apt-get install -y {package})")
    return exe


def run_tesseract(image: np.ndarray, dpi: int, exe: str | None = None,
                  psm: int = 3, config: dict[str, str] | None = None,
                  lang: str = LANG) -> list[OcrWord]:
    """Words of a grayscale/binary image, from Tesseract's TSV output."""
    import cv2

    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise CchcError("không mã hoá được ảnh trang để đưa vào Tesseract")
    cmd = [exe or tesseract_path(), "stdin", "stdout", "-l", lang, "--psm", str(psm),
           "--dpi", str(dpi)]
    for key, value in (config or {}).items():
        cmd += ["-c", f"{key}={value}"]
    cmd.append("tsv")
    try:
        proc = child.run(cmd, input=png.tobytes(), capture_output=True,
                         timeout=TIMEOUT_SECONDS, extra_env={"OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired as exc:
        raise CchcError(f"Tesseract không đọc xong một trang sau {TIMEOUT_SECONDS} giây"
                        ) from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-300:]
        if "Failed loading language" in detail:
            raise CchcError("Tesseract chưa có dữ liệu tiếng Việt; hãy cài gói Debian "
                            "tesseract-ocr-vie")
        raise CchcError(f"Tesseract báo lỗi: {detail}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    import unicodedata

    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cols[11].strip())
        conf = float(cols[10])
        if not text or conf < 0:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(OcrWord(text, (left, top, left + width, top + height), conf,
                             (int(cols[2]), int(cols[3]), int(cols[4]))))
    return words
