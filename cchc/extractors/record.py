"""File → record: sniff, read into the document model, interpret, check, validate.

``extract_file`` is the one entry point other subsystems (archive, service) call;
it raises CchcError for anything the user can fix and never writes anything.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from cchc.core import safezip
from cchc.core.errors import CchcError
from cchc.core.incoming import Incoming
from cchc.core.infile import open_regular
from cchc.core.spec import INDICATOR_IDS, INDICATORS, OUTLINE_TITLES, SCHEMA_VERSION
from cchc.extractors import evidence, pictures
from cchc.extractors.interpret import checks
from cchc.extractors.interpret.cover import fill_from_letter, find_cover_letter, warning_text
from cchc.extractors.interpret.header import garbled_name, read_header
from cchc.extractors.interpret.indicators import find_indicators
from cchc.extractors.interpret.investment import find_investment
from cchc.extractors.interpret.kind import NotAReport, refusal
from cchc.extractors.interpret.sections import body_start, section_texts, split_sections
from cchc.extractors.interpret.stats_table import find_stats
from cchc.extractors.model import Document, Para, Table, nfc_blocks, reset_text_hook, set_text_hook
from cchc.extractors.read.formats import FORMATS
from cchc.extractors.read.sniff import DEFAULT_MAX_PAGES, DEFAULT_MAX_UNZIPPED, Limits, sniff_format
from cchc.extractors.text import norm
from cchc.schemas.validate import check

LETTER_FIELDS = {"number": "số", "date": "ngày"}
NOT_A_REPORT = ("không tìm thấy mục nào của đề cương hay bảng thống kê: tệp không phải "
                "báo cáo theo Đề cương kiểm tra")


def read_document(path: Path, limits: Limits, ocr_jobs: int | None = 1,
                  fmt: str | None = None) -> Document:
    """Read the file with its format's reader; ``fmt``: the format the intake found,
    else the file is identified here (formats.py)."""
    found = FORMATS[fmt] if fmt else sniff_format(path, limits)
    return found.read()(path, limits, ocr_jobs)


def extract_file(path, *, max_pages: int = DEFAULT_MAX_PAGES,
                 max_unzipped: int = DEFAULT_MAX_UNZIPPED, ocr_jobs: int | None = 1) -> dict:
    """Extract one report into a record (shared/spec/report-record.md), validated.

    ``max_pages`` caps PDF pages and ``max_unzipped`` the uncompressed bytes of a
    DOCX/XLSX; both raise CchcError when exceeded, as do unreadable files and
    files that hold no outline section and no statistics table. Scanned PDFs are
    read by OCR (``ocr_jobs`` processes); TCVN3/VNI text becomes Unicode first.
    """
    path = Path(path)
    limits = Limits(max_pages=max_pages, max_unzipped=max_unzipped)
    return _extract(path, limits, ocr_jobs, None, lambda doc: _source(path, doc))


def extract_incoming(incoming: Incoming, *, max_pages: int = DEFAULT_MAX_PAGES,
                     max_unzipped: int = DEFAULT_MAX_UNZIPPED,
                     ocr_jobs: int | None = 1) -> dict:
    """``extract_file`` for a file the intake (formats.receive, the service's upload
    check) already identified, inflated and hashed: none of it is done again."""
    limits = Limits(max_pages=max_pages, max_unzipped=max_unzipped, inflated=True)
    with on_disk(incoming) as path:
        return _extract(path, limits, ocr_jobs, incoming.format,
                        lambda doc: incoming_source(incoming, doc))


def incoming_source(incoming: Incoming, doc) -> dict:
    return {"file": incoming.name, "format": doc.format, "sha256": incoming.sha256}


@contextmanager
def on_disk(incoming: Incoming):
    """The incoming bytes as a file, written once to a private temporary directory:
    the readers open a path (LibreOffice, pdfplumber and the OCR's page rasteriser
    need one). Its path never reaches a message, which names the user's file."""
    with tempfile.TemporaryDirectory(prefix="cchc-up-") as tmp:
        path = Path(tmp) / f"upload{_disk_suffix(incoming)}"
        path.write_bytes(incoming.data)
        try:
            yield path
        except CchcError as exc:
            _rename(exc, str(path), tmp, incoming.name)
            raise


def _disk_suffix(incoming: Incoming) -> str:
    """The format's own extension: the user's name may be longer than a file name may
    be (215 Vietnamese letters are ~320 bytes), or say another member of the family."""
    return FORMATS[incoming.format].extensions[0]


def _rename(exc: CchcError, path: str, tmp: str, name: str) -> None:
    """The refusal names the user's file, not the temporary one."""
    def fix(text: str) -> str:
        return text.replace(path, name).replace(tmp, "")

    exc.message, exc.details = fix(exc.message), [fix(d) for d in exc.details]
    exc.file = name if exc.file else None
    exc.args = (exc.render(),)


def _extract(path: Path, limits: Limits, ocr_jobs: int | None, fmt: str | None,
             source_of) -> dict:
    doc = read_document(path, limits, ocr_jobs, fmt)
    encodings: set[str] = set()
    if doc.meta.get("ocr") is None and has_legacy_text(path, doc):
        with legacy_text() as encodings:
            doc = read_document(path, limits, ocr_jobs, fmt)
    source = source_of(doc)
    if encodings:
        source["encoding"] = ", ".join(sorted(encodings))
    if doc.meta.get("ocr"):
        source["ocr"] = doc.meta["ocr"]
    record = interpret(doc, source=source)
    if record["tthc_stats"] is None and doc.format in pictures.MEDIA:
        pictures.fill_stats(record, path, doc.format, ocr_jobs)  # the form pasted as a picture
    record["warnings"] = list(doc.meta.get("ocr_warnings") or []) + record["warnings"]
    check("report", record, file=str(path))  # the one validation of an extracted record
    return record


LEGACY_FONTS = re.compile(r"\.vn|vni[-_ ]", re.IGNORECASE)
FONT_PARTS = ("word/fontTable.xml", "word/styles.xml")


def has_legacy_text(path: Path, doc: Document) -> bool:
    """Evidence of TCVN3/VNI text: a legacy font in a Word file's font table, or a
    paragraph long enough to judge whose characters are all Latin-1 (Unicode
    Vietnamese has ơ, ư, ạ, ế… beyond it) and read as a legacy encoding. Guessing
    run by run instead mistakes short Unicode fragments ("toàn") for VNI."""
    from cchc.core.legacy_encoding import detect_encoding

    if doc.format == "docx":
        with open_regular(path) as fh:
            with safezip.open_zip(fh, str(path)) as zf:
                # Word lists every font the document uses in its font table; the styles
                # (a far larger part) are read only where a writer left that table out.
                names = [n for n in FONT_PARTS if n in zf.namelist()][:1]
            if any(LEGACY_FONTS.search(safezip.read_member(fh, n, str(path)).decode(
                    "utf-8", "replace")) for n in names):
                return True
    texts = [b.text for b in doc.blocks if isinstance(b, Para)]
    texts += [c for b in doc.blocks if isinstance(b, Table) for row in b.rows for c in row]
    return any(len(t) >= 12 and max(map(ord, t)) <= 0xFF and detect_encoding(t)
               for t in texts)


@contextmanager
def legacy_text():
    """Convert TCVN3/VNI runs to Unicode while reading; yields the encodings met.

    Only the calling thread (or asyncio task) sees the conversion: the hook is a
    context variable, so reports extracted on other threads meanwhile are untouched."""
    from cchc.core.legacy_encoding import decode_run_text, detect_encoding, font_encoding

    met: set[str] = set()

    def hook(text: str, font: str | None) -> str:
        if not text.strip(" -–—"):
            return text  # a dash typed in a legacy font is a dash ("–" is also TCVN3's "Ộ")
        encoding = font_encoding(font)[0] or (detect_encoding(text) if font is None else None)
        if encoding:
            met.add(encoding)
        return decode_run_text(text, font)

    token = set_text_hook(hook)
    try:
        yield met
    finally:
        reset_text_hook(token)


def _source(path: Path, doc: Document) -> dict:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return {"file": path.name, "format": doc.format, "sha256": h.hexdigest()}


def _not_a_report(blocks) -> str:
    """Why the file is refused; a thematic report (plan II.7–8) is told where it goes."""
    from cchc.extractors.thematic_words import AREAS, area_of

    title = " ".join(b.text for b in blocks[:body_start(blocks)] if isinstance(b, Para))
    area = area_of(title) if norm(title).find(" bao cao ") >= 0 else None
    if area is None:
        return NOT_A_REPORT
    return (f"tệp là báo cáo chuyên đề {AREAS[area].lower()}, không phải báo cáo theo Đề cương; "
            "nhập ở mục “Báo cáo chuyên đề” của trang tải lên (hoặc cchc round thematic)")


def interpret(doc: Document, *, source: dict) -> dict:
    blocks = doc.blocks = nfc_blocks(doc.blocks)
    evidence.number_blocks(blocks)
    found = evidence.Evidence()
    letter = find_cover_letter(blocks)
    if letter:  # the record is the report's: its header, title and body follow the letter
        blocks = blocks[letter.blocks:]
    sources: dict = {}
    header = read_header(blocks, sources)
    evidence.from_header(found, sources)
    spans = split_sections(blocks[body_start(blocks):])
    evidence.from_sections(found, spans)
    sections = section_texts(spans)
    stats_notes: list[dict] = []
    sources = {}
    stats, period = find_stats(blocks, stats_notes, sources)
    evidence.from_stats(found, sources)
    if not sections and stats is None:
        raise NotAReport(_not_a_report(blocks), file=source["file"])
    weak: set[str] = set()
    outside: set[str] = set()
    sources = {}
    raw_indicators = find_indicators(spans, weak, outside, sources)
    indicators, warnings = {}, _unit_doubt(header["unit"], doc)
    for ind_id in sorted(raw_indicators, key=_order):
        value, w = checks.finish_indicator(ind_id, raw_indicators[ind_id])
        indicators[ind_id] = value
        warnings.extend(w)
        if ind_id in weak and any(v is not None for v in value.values()):
            warnings.append(checks.warning(
                "extract.uncertain", f"indicators.{ind_id}",
                f"Chỉ tiêu \"{checks.label(ind_id)}\" được nhận ra từ cách viết khác đề "
                f"cương (khớp một phần); cần kiểm tra lại"))
        elif ind_id in outside and any(v is not None for v in value.values()):
            warnings.append(checks.warning(
                "extract.uncertain", f"indicators.{ind_id}",
                f"Chỉ tiêu \"{checks.label(ind_id)}\" được đọc ngoài mục 5 của báo cáo "
                f"(không thấy trong mục của nó); cần kiểm tra lại"))
    evidence.from_indicators(found, sources, raw_indicators, indicators, (weak, outside))
    warnings.extend(_uncertain_sections(spans, sections))
    investment = _investment(spans, found, warnings)
    reason = refusal(blocks, sections, stats, indicators,
                     unread=bool(doc.meta.get("pages_without_text")),
                     page_shapes=doc.meta.get("page_shapes"))
    if reason:
        raise NotAReport(reason, file=source["file"])
    document = {"number": header["number"], "date": header["date"], "place": header["place"]}
    if letter:
        warnings.append(checks.warning("extract.cover_letter", "document", warning_text(letter)))
        warnings.extend(checks.warning(
            "extract.uncertain", f"document.{key}",
            f"Báo cáo không có {LETTER_FIELDS[key]} riêng ở phần đầu; lấy theo câu của công "
            f"văn gửi kèm nhắc đến báo cáo; cần kiểm tra lại")
            for key in fill_from_letter(letter, document))
    warnings.extend(stats_notes)
    warnings.extend(checks.stats_warnings(stats))
    if sections:
        missing = checks.outline_warnings(sections, indicators, is_district(header["unit"]))
        warnings.extend(missing)
        if doc.meta.get("ocr"):
            warnings.extend(_unread_in_scan(missing))
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
    record = {
        "kind": "unit_report",
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "unit": {"name": header["unit"]},
        "document": document,
        "period": period,
        "sections": sections,
        "indicators": indicators,
        "investment": investment,
        "tthc_stats": stats,
        "warnings": warnings,
    }
    record["evidence"] = found.for_record(record)
    return record


def _unread_in_scan(missing: list[dict]) -> list[dict]:
    """In a scan, an outline part not found is more often a heading OCR lost than one the
    unit left out, and so are the indicators of a part not found: each is flagged for a
    person to look for on the page. (An indicator missing from a part that was read is
    most often one the unit did not answer: the outline warning says so already.)"""
    lost = {w["where"].split(".", 1)[1] for w in missing
            if w["code"] == "outline.section_missing"}
    section = {f"indicators.{i.id}": i.section for i in INDICATORS}
    return [checks.warning(
        "extract.uncertain", w["where"],
        "Không tìm thấy phần này trong bản quét; có thể do nhận dạng chữ (OCR) đọc sót, cần "
        "tìm lại trên ảnh trang của bản gốc") for w in missing
        if w["code"] == "outline.section_missing" or section.get(w["where"]) in lost]


def _unit_doubt(unit: str | None, doc: Document) -> list[dict]:
    """A scanned unit name with a mark glued to a letter ("UBNI)"): OCR guessed there."""
    glued = garbled_name(unit) if doc.meta.get("ocr") else None
    return [checks.warning(
        "ocr.low_confidence", "unit.name",
        f"tên đơn vị đọc bằng OCR có chữ lạ “{glued}”; hãy đối chiếu với bản giấy")] \
        if glued else []


def _investment(spans, found: dict, warnings: list) -> dict:
    """5.5's two amounts, their evidence, and a flag on each one read doubtfully or
    spoken of in money but not read at all."""
    broken: set[str] = set()
    unread: set[str] = set()
    sources: dict = {}
    investment = find_investment(spans, broken, sources, unread)
    evidence.from_investment(found, sources, broken)
    warnings.extend(checks.warning(
        "extract.uncertain", f"investment.{kind}",
        "Số tiền mục 5.5 chưa chắc chắn: chữ số có vẻ bị tách rời, hoặc là tổng cộng các "
        "dòng của bảng không có dòng Tổng cộng; cần đối chiếu với bản gốc")
        for kind in sorted(broken)
        if investment.get(kind) is not None)
    warnings.extend(checks.warning(
        "extract.uncertain", f"investment.{kind}",
        f"Mục 5.5 có câu nói về {INVESTMENT_WORDS[kind]} nhưng không đọc được số tiền "
        f"(chữ số bị mờ hoặc viết lạ); cần đối chiếu với bản gốc")
        for kind in sorted(unread))
    return investment


INVESTMENT_WORDS = {"budget_assigned_vnd": "dự toán được giao",
                    "spent_vnd": "kinh phí đã chi"}


def _uncertain_sections(spans, sections: dict) -> list[dict]:
    return [checks.warning(
        "extract.uncertain", f"sections.{span.key}",
        f"Đề mục \"{span.heading[:80]}\" được xếp vào mục {span.key}. "
        f"{OUTLINE_TITLES[span.key]} theo nghĩa gần đúng; cần kiểm tra lại")
        for span in spans if span.uncertain and span.key in sections]


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
