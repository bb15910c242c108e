"""Classes of false alarm met on real documents: each correct fixture raises no finding.

The fixtures (tests/checker/falsealarms.py) are written here, one per office
habit: cover-page titles, a Luật, an annexed Quy định, check boxes in symbol
fonts, clauses quoted by an amending Thông tư, lines anchored away from their
text, a two-row header table, a "CHÍNH PHỦ" line under the trích yếu, an
e-office copy (#DATE#, QĐ-TTg, a signature stamp, the name left blank), ":" in
a run of its own, addressees without dashes, a one-page document.
"""

from __future__ import annotations

import docx
import pytest

from cchc.checker.core import check_file
from cchc.checker.fix import fix_file
from tests.checker.falsealarms import CASES

# a self-review has no issuing body or number: the one warning saying so is right
EXPECTED = {"self_review_title": {"header.not_administrative"}}


@pytest.mark.parametrize("name", sorted(CASES))
def test_correct_document_raises_no_finding(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    CASES[name](path)
    result = check_file(path)
    assert result.failure is None
    found = [(f.rule_id, f.where, f.found) for f in result.findings]
    assert {f.rule_id for f in result.findings} == EXPECTED.get(name, set()), found


def test_fix_keeps_check_boxes_in_their_symbol_font(tmp_path):
    """In Times New Roman the Wingdings "o" would print a letter o instead of a box."""
    source = tmp_path / "in.docx"
    CASES["check_box_symbol_fonts"](source)
    fix_file(source, tmp_path / "out.docx")
    doc = docx.Document(str(tmp_path / "out.docx"))
    fonts = {run.text: run.font.name for p in doc.paragraphs for run in p.runs}
    assert fonts["o"] == "Wingdings" and fonts["□"] == "Cambria Math"


def test_luat_number_line_is_read_and_its_code_checked(tmp_path):
    from tests.checker import falsealarms
    path = tmp_path / "law.docx"
    falsealarms.law(path)
    doc = docx.Document(str(path))
    cell = doc.tables[0].rows[0].cells[0]
    number = next(p for p in cell.paragraphs if p.text.startswith("Luật số"))
    number.runs[0].text = "Luật số: 56/2010/NĐ-CP"  # a Nghị định's code on a law
    doc.save(str(path))
    assert {f.rule_id for f in check_file(path).findings} == {"header.number.symbol"}


def test_a_wrong_size_in_the_recipients_list_is_one_finding(tmp_path):
    """RULES.md: findings of one kind are grouped, the first place and the count of the rest."""
    from tests.checker.builder import build
    lines = ("- UBND tỉnh (b/c);", "- Sở Tư pháp;", "- Sở Tài chính;", "- Lưu: VT, CCHC.")
    source = build(tmp_path / "in.docx", recipients_size=13, recipients=lines)
    (only,) = check_file(source).findings
    assert only.rule_id == "font.size.recipients"
    assert only.where.endswith("(và 3 chỗ khác)") and only.found == "13 pt"


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_of_a_correct_document_changes_nothing_that_shows(tmp_path, name):
    source = tmp_path / f"{name}.docx"
    CASES[name](source)
    result = fix_file(source, tmp_path / "out.docx")
    # only the fonts of styles the document never uses may change
    assert [c for c in result.changes if not c.startswith("phông")] == []
    assert {f.rule_id for f in result.findings} == EXPECTED.get(name, set())


def test_findings_on_a_tcvn3_file_quote_the_vietnamese_it_prints(tmp_path):
    """A body typed in .VnTime: the font is a finding, its text is quoted decoded."""
    from tests.checker.builder import build
    from tests.encoding.legacy_samples import tcvn3_encode
    source = build(tmp_path / "in.docx")
    doc = docx.Document(source)
    for p in doc.paragraphs:
        if p.text.startswith("Trên đây"):
            for run in p.runs:
                run.text = tcvn3_encode(run.text)
                run.font.name = ".VnTime"
    doc.save(source)
    (family,) = [f for f in check_file(source).findings if f.rule_id == "font.family"]
    assert family.found == ".VnTime"
    assert family.where == "đoạn 36 «Trên đây là Kế hoạch kiểm tra …»"


def test_numbering_outside_the_quotations_is_still_checked(tmp_path):
    path = tmp_path / "tt.docx"
    CASES["amending_circular_quotes"](path)
    doc = docx.Document(str(path))
    item = next(p for p in doc.paragraphs if p.text.startswith("2. Bổ sung khoản 7"))
    item.runs[0].text = item.runs[0].text.replace("2. ", "3. ", 1)
    doc.save(str(path))
    (only,) = check_file(path).findings
    assert (only.rule_id, only.found, only.expected) == ("body.heading_numbering", "3.", "2.")
