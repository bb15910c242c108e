"""Page images (PNG, JPEG, multi-page TIFF) are read by OCR like scanned PDF pages,
from the command line and through POST /api/extract."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from cchc.core.spec import COUNT_KEYS
from cchc.extractors.tools.synthetic_scans import Degrade, degrade, render_pdf_pages
from tests.conftest import run_cli

DPI = 200


@pytest.fixture(scope="module")
def pages(report):
    """The report's two pages rendered at 200 dpi and lightly degraded, as a scanner
    would give them."""
    how = Degrade(skew=-0.8, noise=8)
    return [degrade(p, how, seed=i) for i, p in enumerate(render_pdf_pages(report["pdf"], DPI))]


@pytest.fixture(scope="module")
def original(report):
    return json.loads(run_cli("extract", report["docx"]).stdout)


def _png(page, path: Path) -> Path:
    page.save(path, format="PNG", dpi=(DPI, DPI))
    return path


def _same_header(record: dict, original: dict) -> None:
    assert record["unit"] == original["unit"]
    assert record["document"] == original["document"]
    assert record["source"]["ocr"]["used"] is True


def _same_table(record: dict, original: dict) -> None:
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "ocr.low_confidence"}
    rows = record["tthc_stats"]["rows"]
    assert len(rows) == len(original["tthc_stats"]["rows"])
    for i, (got, want) in enumerate(zip(rows, original["tthc_stats"]["rows"], strict=True)):
        for key in COUNT_KEYS:
            assert got[key] == want[key] or f"tthc_stats.rows[{i}].{key}" in flagged, (i, key)


def test_extract_png_page(pages, original, tmp_path):
    result = run_cli("extract", _png(pages[0], tmp_path / "trang-1.png"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "png"
    assert record["source"]["file"] == "trang-1.png"
    _same_header(record, original)


def test_extract_multipage_tiff(pages, original, tmp_path):
    path = tmp_path / "bao-cao-quet.tif"
    pages[0].save(path, format="TIFF", save_all=True, append_images=pages[1:],
                  compression="tiff_deflate", dpi=(DPI, DPI))
    result = run_cli("extract", path, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "tiff"
    assert record["source"]["ocr"]["pages"] == 2
    _same_header(record, original)
    _same_table(record, original)


def test_jpeg_without_resolution_is_estimated_from_the_page(pages, original, tmp_path):
    path = tmp_path / "bang.jpg"
    pages[1].save(path, format="JPEG", quality=80)  # no JFIF density
    result = run_cli("extract", path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "jpeg"
    _same_table(record, original)


def test_png_scan_uploaded_through_the_api(pages, original, tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[1] / "service"))
    from fastapi.testclient import TestClient
    from svc_helpers import close_app, login_tokens, make_app

    from cchc.service import adapters

    app = make_app(tmp_path, extractor=adapters.extract)
    app.state.settings.upload_limit_bytes = 20 * 1024 * 1024
    buf = io.BytesIO()
    pages[0].save(buf, format="PNG", dpi=(DPI, DPI))
    try:
        with TestClient(app) as client:
            tokens = login_tokens(client)
            r = client.post("/api/extract", headers=tokens["staff"],
                            files={"file": ("trang quét.png", buf.getvalue(), "image/png")})
    finally:
        close_app(app)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["filename"] == "trang quét.png"
    record = body["record"]
    assert record["source"]["format"] == "png" and record["source"]["file"] == "trang quét.png"
    _same_header(record, original)


def test_a_cameras_72_dpi_is_not_believed_and_low_resolution_pages_are_scaled_up(tmp_path):
    """A 3000-pixel photo claiming 72 dpi would be a page 42 inches wide: the page is
    taken as A4 instead. A 150 dpi page is read at 200 dpi, as PDF pages are."""
    from PIL import Image

    from cchc.extractors.ocr.images import _dpi, load_page

    photo = Image.new("L", (2480, 3508), 255)
    photo.info["dpi"] = (72, 72)
    assert abs(_dpi(photo) - 300) < 1
    honest = Image.new("L", (1654, 2339), 255)
    honest.info["dpi"] = (200, 200)
    assert _dpi(honest) == 200
    low = tmp_path / "low.png"
    Image.new("RGB", (1240, 1754), "white").save(low, dpi=(150, 150))
    rgb, dpi = load_page(low, 0)
    assert dpi == 200 and abs(rgb.shape[0] - 2339) <= 1 and abs(rgb.shape[1] - 1653) <= 1
