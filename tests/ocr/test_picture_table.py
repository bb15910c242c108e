"""The statistics table pasted into the Word report as a picture (issue 20, a habit of the
third hand): the sections are text, the form is only an image. The table is read from the
picture by OCR, and flagged, since a table known only from a picture is weak evidence."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from cchc.core.spec import STATS_KEYS
from cchc.extractors import extract_file
from cchc.generator.documents import render_report

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("tesseract")),
                                reason="LibreOffice and tesseract-ocr are needed")


def _record() -> dict:
    return json.loads((ROOT / "cchc" / "examples" / "reports" / "so-xay-dung.json")
                      .read_text(encoding="utf-8"))


def _stats_page_png(docx: Path, tmp: Path) -> bytes:
    """The page holding the form, as an office's screenshot of it (200 dpi PNG)."""
    import pypdfium2 as pdfium

    from cchc.core.office import convert

    (pdf,) = convert([docx], "pdf", tmp)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage().get_text_range()
            if "THỐNG KÊ" in text.upper() and "(16)" in text:
                image = page.render(scale=200 / 72).to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG", dpi=(200, 200))
                return out.getvalue()
    finally:
        doc.close()
    raise AssertionError("no statistics page")


def _as_picture(docx: Path, png: bytes, target: Path) -> None:
    """The same report with its form table replaced by the picture of it."""
    doc = Document(str(docx))
    form = next(t for t in doc.tables if len(t.columns) >= 16)
    anchor = form._tbl.getprevious()
    form._tbl.getparent().remove(form._tbl)
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(24))
    if anchor is not None:
        anchor.addnext(paragraph._p)
    doc.save(str(target))


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("picture")
    record = _record()
    outline = json.loads((ROOT / "cchc" / "examples" / "outline.json").read_text("utf-8"))
    words = tmp / "words"
    words.mkdir()
    docx = words / "so-xay-dung.docx"
    docx.write_bytes(render_report(record, outline))
    target = tmp / "bao-cao-bang-anh.docx"
    _as_picture(docx, _stats_page_png(docx, tmp), target)
    return target, record


def test_a_form_pasted_as_a_picture_is_read_and_flagged(pasted):
    path, truth = pasted
    record = extract_file(path)
    stats = record["tthc_stats"]
    assert stats is not None, [w["message"] for w in record["warnings"]]
    rows = [{k: r.get(k) for k in STATS_KEYS[2:]} for r in stats["rows"]]
    want = [{k: r.get(k) for k in STATS_KEYS[2:]} for r in truth["tthc_stats"]["rows"]]
    right = sum(a == b for got, exp in zip(rows, want, strict=False)
                for a, b in zip(got.values(), exp.values(), strict=True))
    assert len(rows) == len(want)
    assert right >= 0.95 * len(want) * len(STATS_KEYS[2:]), (rows, want)
    flags = [w for w in record["warnings"] if w["code"] == "extract.uncertain"
             and w["where"] == "tthc_stats"]
    assert flags and "ảnh" in flags[0]["message"]
    assert record["evidence"]["tthc_stats"]["rule"] == "stats.picture"
    assert "stats.table_missing" not in {w["code"] for w in record["warnings"]}
    assert record["sections"], "the text of the report is still read"


def test_small_pictures_are_not_read(tmp_path):
    """A logo or a signature is no table: the report keeps its stats.table_missing."""
    from PIL import Image

    doc = Document()
    for text in ("SỞ XÂY DỰNG", "Số: 12/BC-SXD", "Bắc Giang, ngày 5 tháng 5 năm 2023",
                 "BÁO CÁO", "1. Công tác chỉ đạo, điều hành cải cách hành chính",
                 "Sở đã ban hành kế hoạch cải cách hành chính năm 2023."):
        doc.add_paragraph(text)
    logo = io.BytesIO()
    Image.new("RGB", (60, 60), "red").save(logo, format="PNG")
    doc.add_paragraph().add_run().add_picture(logo, width=Cm(2))
    path = tmp_path / "logo.docx"
    doc.save(str(path))
    record = extract_file(path)
    assert record["tthc_stats"] is None
    assert "stats.table_missing" in {w["code"] for w in record["warnings"]}
