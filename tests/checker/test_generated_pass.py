"""Every document cchc generates must pass its own format check with no error."""

from __future__ import annotations

import pytest

from cchc.checker.core import check_file, open_docx
from cchc.checker.locate import locate
from cchc.checker.model import DocModel
from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "cchc" / "examples"
REPORTS = sorted((EXAMPLES / "reports").glob("*.json"))
# name -> arguments of `cchc generate` (before -o)
DOCUMENTS = {
    "plan": ["plan", EXAMPLES / "plan.json"],
    "outline": ["outline", EXAMPLES / "outline.json"],
    "conclusion": ["conclusion", EXAMPLES / "conclusion.json"],
    "team-decision": ["team-decision", EXAMPLES / "team-decision.json"],
    "schedule": ["schedule", EXAMPLES / "schedule.json"],
    "minutes": ["minutes", EXAMPLES / "minutes.json", "--report", REPORTS[0]],
    "reminder": ["reminder", EXAMPLES / "reminder.json"],
    **{f"outline-filled-{r.stem}": ["outline", EXAMPLES / "outline.json", "--fill", r]
       for r in REPORTS},
    **{f"report-{r.stem}": ["report", r, "--outline", EXAMPLES / "outline.json", "--parent",
                            "UBND TỈNH BẮC GIANG"] for r in REPORTS},
    "report-no-parent": ["report", REPORTS[0], "--outline", EXAMPLES / "outline.json"],
    "report-signed": ["report", REPORTS[0], "--outline", EXAMPLES / "outline.json",
                      "--parent", "UBND TỈNH BẮC GIANG",
                      "--signer", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hùng"],
}
# stats-form writes an Excel form; from-template renders the user's own template,
# whose layout is the user's, not cchc's.
NOT_CCHC_DOCX = {"stats-form", "from-template"}


def test_every_generate_kind_is_covered():
    from cchc.generator.commands import generate

    kinds = {args[0] for args in DOCUMENTS.values()}
    assert set(generate.commands) == kinds | NOT_CCHC_DOCX


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    paths = {}
    for name, args in DOCUMENTS.items():
        target = out / f"{name}.docx"
        proc = run_cli("generate", *args, "-o", target)
        assert proc.returncode == 0, proc.stderr
        paths[name] = target
    return paths


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_document_has_no_error(generated, name):
    result = check_file(generated[name])
    assert result.failure is None
    errors = [(f.rule_id, f.where, f.found) for f in result.findings if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_document_has_no_warning_either(generated, name):
    """Not even a warning: an orphaned signature, a signature not found (issue 21, 23)."""
    result = check_file(generated[name])
    assert [(f.rule_id, f.where, f.found) for f in result.findings] == []


@pytest.mark.parametrize("name", ["plan", "conclusion", "report-signed", "team-decision"])
def test_generated_parts_are_really_located(generated, name):
    """A pass must come from checking the parts, not from failing to find them."""
    lay = locate(DocModel(open_docx(generated[name])))
    assert lay.national_name and lay.motto and lay.place_date and lay.number
    assert lay.issuing_body and lay.type_name is not None and lay.subject
    assert len(lay.body) > 10
    assert lay.recipients_label and lay.recipients and lay.signer_name and lay.signer_title
    assert lay.signer_name.text not in ("", "…")


def test_generated_outline_is_read_as_an_annex(generated):
    lay = locate(DocModel(open_docx(generated["outline"])))
    assert lay.annex and len(lay.body) > 20


def test_check_command_passes_generated(generated):
    proc = run_cli("check", *generated.values())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("đạt thể thức — 0 lỗi") == len(DOCUMENTS)
