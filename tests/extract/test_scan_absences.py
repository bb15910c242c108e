"""A part of the outline not found in a scan is flagged for a person (issue 20: right or
flagged): in a scan it is more often a heading OCR lost than a part the unit left out.
The same absence in a typed report keeps only its outline warning."""

from __future__ import annotations

from cchc.extractors.model import Document, Para
from cchc.extractors.record import interpret

BLOCKS = [Para("SỞ XÂY DỰNG"), Para("Số: 12/BC-SXD"), Para("BÁO CÁO", bold=True),
          Para("1. Công tác chỉ đạo, điều hành cải cách hành chính", bold=True),
          Para("Sở đã ban hành kế hoạch cải cách hành chính năm 2023 đúng thời hạn."),
          Para("5. Xây dựng và phát triển chính quyền điện tử, chính quyền số", bold=True),
          Para("5.1. Phát triển chính quyền số", bold=True),
          Para("- Tỷ lệ thanh toán trực tuyến đạt 40%.")]


def _flags(meta: dict) -> set[str]:
    doc = Document(format="pdf", blocks=[Para(b.text, bold=b.bold) for b in BLOCKS], meta=meta)
    record = interpret(doc, source={"file": "s.pdf", "format": "pdf"})
    return {w["where"] for w in record["warnings"] if w["code"] == "extract.uncertain"}


def test_parts_not_found_in_a_scan_are_flagged():
    flags = _flags({"ocr": {"used": True, "pages": 2, "mean_confidence": 90.0}})
    assert {"sections.2", "sections.3", "sections.5.2"} <= flags
    assert "indicators.document_reuse_ratio" not in flags  # its part 5.1 was read
    assert "indicators.electronic_documents_ratio" not in flags
    assert "indicators.infosec_level_approved_ratio" in flags  # its part 5.4 was not


def test_the_same_absence_in_a_typed_report_is_no_doubt():
    assert not {f for f in _flags({}) if f.startswith(("sections.", "indicators."))}
