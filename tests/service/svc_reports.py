"""Small returned reports as real DOCX files, and a stand-in extractor that reads them.

The stand-in reads the file with python-docx (it does not guess from the name), so
the service's upload path is exercised end to end; the real extractors are used
where installed (see test_browser.py).
"""

from __future__ import annotations

import io

from docx import Document

from cchc.core.vn import parse_number

COUNT_KEYS = ("received_total", "received_online", "carried_over", "received_direct",
              "received_postal", "resolved_total", "resolved_on_time", "resolved_late",
              "pending_total", "pending_not_due", "pending_overdue", "supplement_requested",
              "returned", "postal_results")


def report_docx(unit: str, ratio: str = "85,5", received: int = 120) -> bytes:
    doc = Document()
    doc.add_paragraph(unit.upper())
    doc.add_paragraph(f"Đơn vị: {unit}")
    doc.add_paragraph("BÁO CÁO Kết quả thực hiện công tác cải cách hành chính năm 2023")
    doc.add_paragraph(f"Tỷ lệ DVC trực tuyến toàn trình: {ratio}%")
    doc.add_paragraph(f"Số hồ sơ tiếp nhận: {received}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_record(unit: str, ratio: float | None, received: int, filename: str) -> dict:
    row = dict.fromkeys(COUNT_KEYS, 0)
    row.update(stt=1, field="Hoạt động xây dựng", received_total=received,
               received_direct=received, resolved_total=received, resolved_on_time=received)
    total = {k: row[k] for k in COUNT_KEYS}
    warnings = []
    if ratio is not None and ratio > 100:
        warnings.append({"code": "indicator.out_of_range",
                         "where": "indicators.full_process_dvc_ratio",
                         "message": f"tỷ lệ {ratio} vượt 100%"})
    return {"kind": "unit_report", "schema_version": 1,
            "source": {"file": filename, "format": "docx"},
            "unit": {"name": unit},
            "document": {"number": "12/BC-UBND", "date": "2023-05-10", "place": "Bắc Giang"},
            "period": {"from": "2022-12-15", "to": "2023-05-14"},
            "sections": {"1": "Công tác chỉ đạo, điều hành."},
            "indicators": {"full_process_dvc_ratio": {"value": ratio, "numerator": None,
                                                      "denominator": None}},
            "tthc_stats": {"rows": [row], "total": total},
            "warnings": warnings}


def fake_extract(incoming) -> dict:
    """The service's extractor stood in: an ``Incoming`` (name, bytes, format, sha256)."""
    lines = [p.text for p in Document(io.BytesIO(incoming.data)).paragraphs]
    unit = next(x.split(":", 1)[1].strip() for x in lines if x.startswith("Đơn vị:"))
    ratio = next(parse_number(x.split(":", 1)[1].strip(" %")) for x in lines
                 if x.startswith("Tỷ lệ"))
    received = next(int(x.split(":", 1)[1]) for x in lines if x.startswith("Số hồ sơ"))
    return make_record(unit, ratio, received, incoming.name)
