"""Scans the tests make themselves, once per session: DOCX → PDF (one LibreOffice
call) → page images → degraded image-only PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from cchc.core.office import convert
from cchc.extractors.tools.synthetic_scans import (
    STANDARD,
    Degrade,
    make_report_docx,
    make_rows,
    make_scan,
)
from tests.once import once as _once
from tests.once import shared_dir as _shared_dir

# name: (dpi, plan); plan items are (page of the original PDF, degradation).
# Scans whose name starts with "plain" come from the report whose table has no
# ruling lines (columns found from positions).
SCANS = {
    "std200": (200, STANDARD),
    "plain200": (200, ((1, Degrade(skew=-1.0, noise=10, jpeg=45)),)),
    "low150": (150, (
        (1, Degrade(skew=-2.5, noise=10, jpeg=40, stamp=True)),
        (1, Degrade(skew=1.5, turn=270, noise=8, jpeg=50)),
        (0, Degrade(skew=-1.0, turn=180, noise=8, jpeg=50)),
    )),
    "hi300": (300, ((1, Degrade(skew=3.0, salt=0.003, noise=12, jpeg=40, stamp=True)),)),
}


def _build_report(folder: Path) -> dict:
    rows = make_rows(seed=7)
    docx = make_report_docx(folder / "bao-cao-so-xay-dung.docx", rows)
    plain = make_report_docx(folder / "bao-cao-khong-ke-bang.docx", rows)
    document = Document(str(plain))
    document.tables[0].style = None   # no borders at all
    document.save(str(plain))
    pdf, plain_pdf = convert([docx, plain], "pdf", folder)
    scans = {}
    for name, (dpi, plan) in SCANS.items():
        source = plain_pdf if name.startswith("plain") else pdf
        scans[name] = make_scan(source, folder / f"scan-{name}.pdf", dpi=dpi, plan=plan,
                                seed=len(name))
    return {"rows": rows, "docx": docx, "pdf": pdf, "plain_pdf": plain_pdf,
            "folder": folder, "scans": scans}


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    """The original report (rows, DOCX, LibreOffice PDF) and its scans."""
    folder = _shared_dir(tmp_path_factory) / "ocr-report"
    return _once(folder, "report", lambda: _build_report(folder))


@pytest.fixture(scope="session")
def scans(report):
    return report["scans"]


@pytest.fixture(scope="session")
def ocr_results(report, tmp_path_factory):
    from cchc.extractors.ocr.pages import ocr_pdf

    return _once(report["folder"], "ocr",
                 lambda: {name: ocr_pdf(path, jobs=2) for name, path in report["scans"].items()})
