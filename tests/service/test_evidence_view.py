"""The review page marks each value's evidence on the original's page image (issue 20).

A Word report has no pages until LibreOffice lays it out: the evidence's words are found
in the rendered page's text. The mark is checked against that same rendering's PDF,
cropped to the box, which must hold the value's words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pdfplumber
import pytest

from cchc.core.vn import fold
from cchc.extractors import extract_file
from cchc.generator.documents import render_report
from cchc.service import evidence_view, preview, review
from cchc.service.routers.review_pages import _all_fields

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed")


def _words(text: str) -> str:
    return " ".join(fold(text).split())


@pytest.fixture(scope="module")
def docx_case(tmp_path_factory):
    from cchc.core import office

    tmp = tmp_path_factory.mktemp("evidence")
    record = json.loads((ROOT / "cchc" / "examples" / "reports" / "so-xay-dung.json")
                        .read_text(encoding="utf-8"))
    outline = json.loads((ROOT / "cchc" / "examples" / "outline.json").read_text("utf-8"))
    path = tmp / "so-xay-dung.docx"
    path.write_bytes(render_report(record, outline))
    extracted = extract_file(path)
    data = path.read_bytes()
    pages = preview.pages(data, path.name, tmp / "cache", wait=180)
    pdf = office.to_pdf(path, tmp / "laid-out.pdf")
    return extracted, pages, pdf


def _fields(record: dict, pages) -> dict:
    view = review.layout(record)
    fields = list(_all_fields(view))
    evidence_view.annotate(fields, record["evidence"], pages)
    return {f.path: f for f in fields}


def _inside(pdf_path: Path, page: int, box: str) -> str:
    x0, y0, x1, y1 = (float(v) for v in box.split(","))
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page - 1]
        area = p.crop((max(x0 * p.width - 2, 0), max(y0 * p.height - 2, 0),
                       min(x1 * p.width + 2, p.width), min(y1 * p.height + 2, p.height)))
        return _words(area.extract_text() or "")


def test_a_word_value_is_marked_where_its_words_are_on_the_page(docx_case):
    record, pages, pdf = docx_case
    fields = _fields(record, pages)
    number = fields["$.document.number"]
    assert number.page == 1 and number.box, number
    assert _words(record["document"]["number"]) in _inside(pdf, number.page, number.box)
    assert number.source.startswith("Nguồn: trang 1, phần đầu văn bản (số, ký hiệu)")


def test_a_statistics_cell_marks_its_row(docx_case):
    record, pages, pdf = docx_case
    fields = _fields(record, pages)
    row = record["tthc_stats"]["rows"][0]
    cell = fields["$.tthc_stats.rows[0].received_total"]
    assert cell.page and cell.box
    inside = _inside(pdf, cell.page, cell.box)
    assert _words(row["field"])[:20] in inside
    x0, _y0, x1, _y1 = (float(v) for v in cell.box.split(","))
    assert x1 - x0 > 0.6  # the whole row of the table, not one cell
    assert "dòng thứ" in cell.source


def test_an_indicator_says_how_its_rate_was_read(docx_case):
    record, pages, _pdf = docx_case
    fields = _fields(record, pages)
    shown = [f for path, f in fields.items()
             if path.startswith("$.indicators.") and path.endswith(".value") and f.source]
    assert shown
    assert all(("tỷ lệ ghi trong báo cáo" in f.source) or ("tỷ lệ tính từ" in f.source)
               or record["indicators"][f.path.split(".")[2]]["value"] is None for f in shown)


def test_no_evidence_no_mark():
    fields = [review.Field("$.document.number", "Số", "12/BC")]
    evidence_view.annotate(fields, {}, preview.Pages(None, 0, [], None))
    assert fields[0].box is None and fields[0].source is None
