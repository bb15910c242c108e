"""A statistics table the unit pasted into its Word report as a picture, read by OCR.

Offices often paste the form as a screenshot of Excel or a photo of the printed page.
Such a report has every section in text and no table in its XML. When the text gives no
statistics table, the larger pictures of the file are read like a scanned page; a form
found there fills ``tthc_stats``, always flagged: a table known only from a picture is
weak evidence (contract v1.2), however sure the OCR.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import safezip
from cchc.core.infile import open_regular
from cchc.extractors.interpret import checks

MEDIA = {"docx": "word/media/", "odt": "Pictures/"}
SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAX_PICTURES = 3  # the largest ones: logos, signatures and stamps are small
MIN_BYTES = 15_000


def pictures(path: Path, fmt: str) -> list[tuple[str, bytes]]:
    """The file's largest pictures (name, bytes), read through the bounded zip reader."""
    prefix = MEDIA.get(fmt)
    if prefix is None:
        return []
    with open_regular(path) as fh:
        with safezip.open_zip(fh, str(path)) as zf:
            infos = [i for i in zf.infolist() if i.filename.startswith(prefix)
                     and i.filename.lower().endswith(SUFFIXES) and i.file_size >= MIN_BYTES]
        infos.sort(key=lambda i: i.file_size, reverse=True)
        return [(i.filename, safezip.read_member(fh, i.filename, str(path)))
                for i in infos[:MAX_PICTURES]]


def read_picture_stats(path: Path, fmt: str, ocr_jobs: int | None = 1):
    """(name, stats, its warnings, source.ocr) from the first picture holding the form,
    read like a scanned page and interpreted like any table; else None."""
    from cchc.extractors.interpret.stats_table import find_stats
    from cchc.extractors.ocr.images import ocr_images
    from cchc.extractors.ocr.reading import reading_of
    from cchc.extractors.ocr.to_document import document_of

    for name, data in pictures(path, fmt):
        with tempfile.TemporaryDirectory(prefix="cchc-pic-") as tmp:
            image = Path(tmp) / f"picture{Path(name).suffix.lower()}"
            image.write_bytes(data)
            try:
                scanned, _fmt = ocr_images(image, jobs=ocr_jobs, max_pages=1)
            except Exception:  # noqa: BLE001 - a damaged picture is not the report's fault
                continue
        reading = reading_of(scanned)
        notes: list[dict] = []
        stats, _period = find_stats(document_of(reading).blocks, notes)
        if stats is not None:
            return name, stats, notes, reading.ocr
    return None


def fill_stats(record: dict, path: Path, fmt: str, ocr_jobs: int | None = 1) -> bool:
    """Fill a record that has no statistics table from a picture of one; True if found."""
    found = read_picture_stats(path, fmt, ocr_jobs)
    if found is None:
        return False
    name, stats, cells, ocr = found
    record["tthc_stats"] = stats
    record["source"]["ocr"] = ocr
    kept = [w for w in record["warnings"] if w["code"] != "stats.table_missing"]
    record["warnings"] = kept + [checks.warning(
        "extract.uncertain", "tthc_stats",
        f"Bảng thống kê chỉ có dưới dạng ảnh chèn trong văn bản ({Path(name).name}); số "
        f"liệu được đọc bằng nhận dạng ký tự (OCR), cần đối chiếu với bản gốc")] + cells + \
        checks.stats_warnings(stats)
    record.setdefault("evidence", {})["tthc_stats"] = {
        "text": Path(name).name, "rule": "stats.picture", "match": "fuzzy"}
    return True
