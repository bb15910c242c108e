"""A phone photo of each page (issue 20, a habit of the third hand): the page on a desk,
slanted, with a shadow across it, saved as JPEG with a camera's 72 dpi. The page is cut
out and made flat before OCR, so the header's two columns stay apart and the table is read;
a scanned page (no desk around it) is left as it is."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cchc.core.spec import COUNT_KEYS
from cchc.extractors.ocr.photo import flatten, page_corners
from cchc.extractors.tools.synthetic_scans import Degrade, degrade, render_pdf_pages
from tests.conftest import run_cli

PHOTO = Degrade(photo=0.06, noise=6, jpeg=70)


@pytest.fixture(scope="module")
def photos(report, tmp_path_factory):
    folder = tmp_path_factory.mktemp("photos")
    paths = []
    for i, page in enumerate(render_pdf_pages(report["pdf"], 200)):
        path = folder / f"anh-chup-trang-{i + 1}.jpg"
        degrade(page, PHOTO, seed=11 + i).save(path, format="JPEG", quality=80, dpi=(72, 72))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def original(report):
    return json.loads(run_cli("extract", report["docx"]).stdout)


def _extract(path) -> dict:
    result = run_cli("extract", path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_photographed_header_keeps_its_two_columns_apart(photos, original):
    record = _extract(photos[0])
    assert record["unit"] == original["unit"]
    assert record["document"] == original["document"]


def test_a_photographed_table_is_read_cell_by_cell(photos, original):
    record = _extract(photos[1])
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "ocr.low_confidence"}
    rows = record["tthc_stats"]["rows"]
    want = original["tthc_stats"]["rows"]
    assert len(rows) == len(want)
    wrong = [(i, k) for i, (got, exp) in enumerate(zip(rows, want, strict=True))
             for k in COUNT_KEYS if got[k] != exp[k] and f"tthc_stats.rows[{i}].{k}" not in flagged]
    assert not wrong, wrong


def test_the_page_is_found_on_the_desk(report):
    page = render_pdf_pages(report["pdf"], 100)[0]
    photo = np.asarray(degrade(page, Degrade(photo=0.05), seed=3))
    corners = page_corners(np.ascontiguousarray(photo[:, :, 0]))
    assert corners is not None
    flat, dpi, was_photo = flatten(photo, 72)
    assert was_photo and 90 <= dpi <= 110  # an A4 page as wide as the page came out
    h, w = flat.shape[:2]
    assert 1.3 < h / w < 1.5  # portrait A4 again, not the desk's shape


def test_a_scan_is_left_as_it_is(report):
    page = np.asarray(degrade(render_pdf_pages(report["pdf"], 100)[1],
                              Degrade(skew=1.5, noise=8), seed=2))
    flat, dpi, was_photo = flatten(page, 100)
    assert not was_photo and flat is page and dpi == 100
