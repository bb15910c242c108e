"""A thematic results report (plan II.7–8) → its sender and body text.

Sở Tư pháp (institutional reform, "cải cách thể chế") and Sở Tài chính (public finance,
"cải cách tài chính công") inspect their own area and send the standing office a
results report by 30/11; the round's summary quotes it in that area's section. Such a
report does not follow the outline, so it is not a unit's record: it is read through
the same readers as a unit's report (every format, scans by OCR, TCVN3/VNI text, the
same size limits), and what is kept is the sender, the document's number and date, and
the body between the title and "Nơi nhận". A paragraph is never made up: a report whose
area cannot be told from its text and is not given is refused, and a body found by
the fallback rule (no title line) is flagged ``extract.uncertain``.
"""

from __future__ import annotations

from pathlib import Path

from cchc.core.errors import CchcError
from cchc.core.vn import clean, nfc
from cchc.extractors.interpret.header import read_header
from cchc.extractors.interpret.sections import body_start
from cchc.extractors.model import Para, Table, nfc_blocks
from cchc.extractors.read.sniff import DEFAULT_MAX_PAGES, DEFAULT_MAX_UNZIPPED, Limits
from cchc.extractors.text import norm
from cchc.extractors.thematic_words import AREAS, area_of

MAX_PARAGRAPHS = 400
_END = (" noi nhan ", " noi nhan: ")


def body(blocks: list) -> tuple[list[str], bool]:
    """(the body's paragraphs, whether the title line was found): from after the title
    to "Nơi nhận:"; a table becomes one paragraph per row, its cells joined by " | "."""
    start = body_start(blocks)
    titled = any(isinstance(b, Para) and norm(b.text).startswith(" bao cao ")
                 for b in blocks[:start])
    out: list[str] = []
    for block in blocks[start:]:
        if isinstance(block, Para):
            text = clean(block.text)
            if norm(text).startswith(_END):
                break
            if text:
                out.append(text)
        elif isinstance(block, Table):
            out.extend(line for line in block.text().splitlines() if line)
        if len(out) >= MAX_PARAGRAPHS:
            break
    return out[:MAX_PARAGRAPHS], titled


def read_thematic(path, area: str | None = None, *, max_pages: int = DEFAULT_MAX_PAGES,
                  max_unzipped: int = DEFAULT_MAX_UNZIPPED, ocr_jobs: int | None = 1) -> dict:
    """The thematic report at ``path`` as a dict (kind ``thematic_report``)."""
    from cchc.extractors.record import _source

    path = Path(path)
    limits = Limits(max_pages=max_pages, max_unzipped=max_unzipped)
    return _read(path, area, limits, ocr_jobs, None, lambda doc: _source(path, doc))


def read_thematic_incoming(incoming, area: str | None = None, *,
                           max_pages: int = DEFAULT_MAX_PAGES,
                           max_unzipped: int = DEFAULT_MAX_UNZIPPED,
                           ocr_jobs: int | None = 1) -> dict:
    """``read_thematic`` for an upload the intake already identified, inflated and
    hashed (``cchc.core.incoming.Incoming``), as ``extract_incoming`` does."""
    from cchc.extractors.record import incoming_source, on_disk

    limits = Limits(max_pages=max_pages, max_unzipped=max_unzipped, inflated=True)
    with on_disk(incoming) as path:
        return _read(path, area, limits, ocr_jobs, incoming.format,
                     lambda doc: incoming_source(incoming, doc))


def _read(path: Path, area: str | None, limits: Limits, ocr_jobs: int | None,
          fmt: str | None, source_of) -> dict:
    from cchc.extractors.record import has_legacy_text, legacy_text, read_document

    if area is not None and area not in AREAS:
        raise CchcError(f"lĩnh vực '{area}' không có; chọn {', '.join(AREAS)}", file=str(path))
    doc = read_document(path, limits, ocr_jobs, fmt)
    if doc.meta.get("ocr") is None and has_legacy_text(path, doc):
        with legacy_text():
            doc = read_document(path, limits, ocr_jobs, fmt)
    blocks = nfc_blocks(doc.blocks)
    paragraphs, titled = body(blocks)
    head = " ".join(b.text for b in blocks[:body_start(blocks)] if isinstance(b, Para))
    found = area_of(head) or area_of(" ".join(paragraphs[:5]))
    warnings = list(doc.meta.get("ocr_warnings") or [])
    if area is None and found is None:
        raise CchcError("không xác định được báo cáo thuộc lĩnh vực cải cách thể chế hay tài "
                        "chính công (tiêu đề không nêu); chọn lĩnh vực khi nhập",
                        file=str(path))
    if area is not None and found is not None and found != area:
        warnings.append({"code": "thematic.area_mismatch", "where": "area",
                         "message": f"báo cáo ghi lĩnh vực “{AREAS[found]}”, được nhập vào "
                                    f"“{AREAS[area]}”"})
    if not paragraphs:
        raise CchcError("không đọc được nội dung báo cáo (tệp trống hoặc chỉ có tiêu đề)",
                        file=str(path))
    if not titled:
        warnings.append({"code": "extract.uncertain", "where": "paragraphs",
                         "message": "không thấy dòng tiêu đề “BÁO CÁO”: nội dung lấy từ sau "
                                    "phần đầu văn bản, cần xem lại"})
    header = read_header(blocks)
    return {"kind": "thematic_report", "area": area or found,
            "sender": header.get("unit"),
            "document": {"number": header.get("number"), "date": header.get("date")},
            "paragraphs": [nfc(p) for p in paragraphs],
            "source": source_of(doc), "warnings": warnings}
