"""File → record: sniff, read into the document model, interpret, check, validate.

``extract_file`` is the one entry point other subsystems (archive, service) call;
it raises CchcError for anything the user can fix and never writes anything.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cchc.errors import CchcError
from cchc.spec import INDICATOR_IDS, SCHEMA_VERSION
from schemas.validate import check

from . import checks
from .header import read_header
from .indicators import find_indicators
from .investment import find_investment
from .model import Document
from .sections import body_start, section_texts, split_sections
from .sniff import DEFAULT_MAX_PAGES, DEFAULT_MAX_UNZIPPED, Limits, sniff
from .stats_table import find_stats
from .text import norm

NOT_A_REPORT = ("không tìm thấy mục nào của đề cương hay bảng thống kê: tệp không phải "
                "báo cáo theo Đề cương kiểm tra")


def read_document(path: Path, limits: Limits) -> Document:
    fmt = sniff(path, limits)
    if fmt == "docx":
        from .docx_reader import read_docx
        return read_docx(path)
    if fmt == "pdf":
        from .pdf_reader import read_pdf
        return read_pdf(path, limits)
    if fmt == "xlsx":
        from .xlsx_reader import read_xlsx
        return read_xlsx(path)
    from .doc_reader import read_doc
    return read_doc(path)


def extract_file(path, *, max_pages: int = DEFAULT_MAX_PAGES,
                 max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> dict:
    """Extract one report into a record (shared/spec/report-record.md), validated.

    ``max_pages`` caps PDF pages and ``max_unzipped`` the uncompressed bytes of a
    DOCX/XLSX; both raise CchcError when exceeded, as do unreadable files and
    files that hold no outline section and no statistics table.
    """
    path = Path(path)
    doc = read_document(path, Limits(max_pages=max_pages, max_unzipped=max_unzipped))
    record = interpret(doc, source=_source(path, doc))
    check("report", record, file=str(path))
    return record


def _source(path: Path, doc: Document) -> dict:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return {"file": path.name, "format": doc.format, "sha256": h.hexdigest()}


def interpret(doc: Document, *, source: dict) -> dict:
    blocks = doc.blocks
    header = read_header(blocks)
    spans = split_sections(blocks[body_start(blocks):])
    sections = section_texts(spans)
    stats, period = find_stats(blocks)
    if not sections and stats is None:
        raise CchcError(NOT_A_REPORT, file=source["file"])
    raw_indicators = find_indicators(spans)
    indicators, warnings = {}, []
    for ind_id in sorted(raw_indicators, key=_order):
        value, w = checks.finish_indicator(ind_id, raw_indicators[ind_id])
        indicators[ind_id] = value
        warnings.extend(w)
    warnings.extend(checks.stats_warnings(stats))
    if sections:
        warnings.extend(checks.outline_warnings(sections, indicators,
                                                is_district(header["unit"])))
    blank = doc.meta.get("pages_without_text") or []
    if blank:
        warnings.append(checks.warning(
            "source.pages_without_text", "source",
            f"Trang {', '.join(map(str, blank))} không có lớp văn bản (bản quét): nội dung các "
            f"trang này chưa được đọc, cần nhận dạng ký tự (OCR)"))
    if stats is None and sections:
        warnings.append(checks.warning(
            "stats.table_missing", "tthc_stats",
            "Không tìm thấy bảng Thống kê kết quả giải quyết thủ tục hành chính"))
    return {
        "kind": "unit_report",
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "unit": {"name": header["unit"]},
        "document": {"number": header["number"], "date": header["date"],
                     "place": header["place"]},
        "period": period,
        "sections": sections,
        "indicators": indicators,
        "investment": find_investment(spans),
        "tthc_stats": stats,
        "warnings": warnings,
    }


def _order(ind_id: str) -> int:
    return INDICATOR_IDS.index(ind_id)


_DISTRICT = (" ubnd huyen ", " ubnd thi xa ", " ubnd thanh pho ", " uy ban nhan dan huyen ",
             " uy ban nhan dan thi xa ", " uy ban nhan dan thanh pho ")


def is_district(unit: str | None) -> bool:
    """District-level units answer the district-only indicators (seed footnotes 1–3)."""
    if not unit:
        return False
    n = norm(unit)
    return n.startswith(_DISTRICT) or n.startswith((" huyen ", " thi xa ", " thanh pho "))
