"""Documents written by another program: the corpus saved again by LibreOffice.

LibreOffice rewrites styles, defaults, shapes and field codes its own way, so a
pass here means the checker reads layouts it did not see being built; the broken
variants must still be flagged by their one rule. One soffice call for all files.
"""

from __future__ import annotations

import shutil

import pytest

from cchc.checker.core import check_file
from cchc.checker.fix import fix_file
from cchc.core.office import convert
from tests.checker.builder import build

CORRECT = {"reference": {}, "tabs": {"header": "tabs"}, "dml": {"line": "dml"},
           "chars": {"line": "chars"}, "before": {"spacing": "before"}}
BROKEN = {
    "arial": ({"body_font": "Arial"}, "font.family"),
    "no_motto_line": ({"motto_line": False}, "header.motto.line"),
    "no_issuing_line_tabs": ({"issuing_line": False, "header": "tabs"},
                             "header.issuing_body.line"),
    "date": ({"date": "Bắc Giang, ngày 5 tháng 1 năm 2023"}, "header.date.leading_zero"),
    "label": ({"label_italic": False}, "recipients.label"),
    "first_page_number": ({"title_page": False}, "page.numbers.first_page"),
}


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    src = tmp_path_factory.mktemp("built")
    sources = [build(src / f"{name}.docx", **opts) for name, opts in CORRECT.items()]
    sources += [build(src / f"{name}.docx", **opts) for name, (opts, _) in BROKEN.items()]
    fixed = src / "fixed.docx"
    fix_file(build(src / "to_fix.docx", body_font="Arial", margins=(15, 20, 25, 15),
                   date="Bắc Giang, ngày 5 tháng 1 năm 2023"), fixed, pad_date=True)
    sources.append(fixed)
    out = tmp_path_factory.mktemp("resaved")
    return {p.stem: p for p in convert(sources, "docx:MS Word 2007 XML", out)}


@pytest.mark.parametrize("name", sorted(CORRECT) + ["fixed"])
def test_resaved_correct_document_passes(resaved, name):
    result = check_file(resaved[name])
    assert result.failure is None
    assert [(f.rule_id, f.where, f.found) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_resaved_broken_document_keeps_its_rule(resaved, name):
    result = check_file(resaved[name])
    assert {f.rule_id for f in result.findings} == {BROKEN[name][1]}, [
        (f.rule_id, f.where, f.found) for f in result.findings]
