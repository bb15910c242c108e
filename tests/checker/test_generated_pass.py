"""Every document cchc generates must pass its own format check with no error."""

from __future__ import annotations

import pytest

from checker.core import check_file
from tests.conftest import ROOT, run_cli

KINDS = ["plan", "outline"]  # the DOCX kinds `cchc generate` offers (stats-form is XLSX)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    paths = {}
    for kind in KINDS:
        target = out / f"{kind}.docx"
        proc = run_cli("generate", kind, ROOT / "examples" / f"{kind}.json", "-o", target)
        assert proc.returncode == 0, proc.stderr
        paths[kind] = target
    return paths


@pytest.mark.parametrize("kind", KINDS)
def test_generated_document_has_no_error(generated, kind):
    result = check_file(generated[kind])
    assert result.failure is None
    errors = [(f.rule_id, f.where, f.found) for f in result.findings if f.severity == "error"]
    assert errors == []


def test_plan_is_really_located(generated):
    """A pass must come from checking the parts, not from failing to find them."""
    from checker.core import open_docx
    from checker.locate import locate
    from checker.model import DocModel

    lay = locate(DocModel(open_docx(generated["plan"])))
    assert lay.national_name and lay.motto and lay.place_date and lay.number
    assert lay.type_name is not None and lay.subject and len(lay.body) > 10
    assert lay.recipients_label and lay.recipients and lay.signer_name


def test_check_command_passes_generated(generated):
    proc = run_cli("check", *generated.values())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("đạt thể thức — 0 lỗi") == len(KINDS)
