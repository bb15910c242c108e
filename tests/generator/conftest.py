"""Generate every example document once, and convert them to PDF in one LibreOffice run."""

from __future__ import annotations

import json
import shutil

import pytest

from cchc import examples
from cchc.core import office
from cchc.generator.documents import render_kind, write_docx
from cchc.generator.stats_form import write_stats_form

FILLED_REPORT = {
    "kind": "unit_report", "schema_version": 1,
    "source": {"file": "bao-cao-so-xay-dung.docx", "format": "docx"},
    "unit": {"name": "Sở Xây dựng"},
    "document": {"number": "125/BC-SXD", "date": "2023-05-10", "place": "Bắc Giang"},
    "period": {"from": "2022-12-15", "to": "2023-05-14"},
    "sections": {},
    "indicators": {
        "full_process_dvc_ratio": {"value": 85.5, "numerator": 171, "denominator": 200},
        "online_payment_ratio": {"value": 45.2, "numerator": None, "denominator": None},
    },
    "investment": {"budget_assigned_vnd": 1_500_000_000, "spent_vnd": 820_500_000},
    "tthc_stats": {"rows": [
        {"stt": 1, "field": "Hoạt động xây dựng", "received_total": 1234,
         "received_online": 1000, "carried_over": 34, "received_direct": 200,
         "received_postal": 0, "resolved_total": 1200, "resolved_on_time": 1190,
         "resolved_late": 10, "pending_total": 34, "pending_not_due": 30,
         "pending_overdue": 4, "supplement_requested": 5, "returned": 1,
         "postal_results": 12}], "total": None},
    "warnings": [],
}


def load(name: str) -> dict:
    return json.loads(examples.path(name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """Paths of the generated example documents: plan, outline, filled outline, stats form."""
    out = tmp_path_factory.mktemp("generated")
    paths = {
        "plan": out / "plan.docx",
        "outline": out / "outline.docx",
        "outline_filled": out / "outline_filled.docx",
        "conclusion": out / "conclusion.docx",
    }
    write_docx(render_kind("plan", load("plan")), paths["plan"])
    write_docx(render_kind("outline", load("outline")), paths["outline"])
    write_docx(render_kind("outline", load("outline"), report=FILLED_REPORT),
               paths["outline_filled"])
    write_docx(render_kind("conclusion", load("conclusion"), report=FILLED_REPORT),
               paths["conclusion"])
    paths["stats_form"] = out / "stats.xlsx"
    write_stats_form(load("stats"), paths["stats_form"])
    return paths


@pytest.fixture(scope="session")
def pdfs(generated, tmp_path_factory):
    """The DOCX documents converted to PDF with one soffice call."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    out = tmp_path_factory.mktemp("pdf")
    docs = {k: v for k, v in generated.items() if v.suffix == ".docx"}
    converted = office.convert(list(docs.values()), "pdf", out)
    return dict(zip(docs, converted))
