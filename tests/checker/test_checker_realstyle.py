"""The checker on real-style documents laid out correctly the ways offices do it.

Each document of ``realstyle.CORPUS`` must pass with no finding at all; each of
``NOT_ADMINISTRATIVE`` (petition, form, CV) must get exactly one finding, the
warning that it has no administrative header block, and nothing else.
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from cchc.checker.core import check_file
from tests.checker.realstyle import CORPUS, NOT_ADMINISTRATIVE


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_real_style_documents_pass(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    CORPUS[name](path)
    result = check_file(path)
    assert result.failure is None
    assert [(f.rule_id, f.where, f.found) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(NOT_ADMINISTRATIVE))
def test_not_administrative_documents_get_one_finding(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    NOT_ADMINISTRATIVE[name](path)
    result = check_file(path)
    assert result.failure is None
    assert [(f.rule_id, f.severity) for f in result.findings] == [
        ("header.not_administrative", "warning")]


def _mutate(path, old: str, new: str, nth: int = 0) -> None:
    """Change the text of the ``nth`` run holding ``old`` (one real-looking mistake)."""
    doc = docx.Document(str(path))
    runs = [r for p in doc.element.body.iter(qn("w:p")) for r in p.iter(qn("w:t"))
            if old in (r.text or "")]
    runs[nth].text = runs[nth].text.replace(old, new, 1)
    doc.save(str(path))


# real-style document, (old text, new text, which occurrence), the one rule it must break
BROKEN_REAL = {
    "decree_khoan_skips": ("decree_chapters_articles_annexes", ("3. Cơ quan", "4. Cơ quan", 1),
                           "body.heading_numbering"),
    "decree_letter_e": ("decree_chapters_articles_annexes", ("đ) Lập", "e) Lập", 2),
                        "body.heading_numbering"),
    "annex_roman_skips": ("decree_chapters_articles_annexes", ("II. ", "III. ", 0),
                          "body.heading_numbering"),
    "wrapped_recipient_without_semicolon": ("cong_van_three_column_header",
                                            ("tỉnh;", "tỉnh", 0), "recipients.items"),
    "spaced_header_motto_without_spaces": ("notice_header_typed_with_spaces",
                                           ("Độc lập - Tự do", "Độc lập-Tự do", 0),
                                           "header.motto.text"),
    "draft_day_typed_as_5": ("draft_decision_placeholders", ("ngày …. tháng ….", "ngày 5 tháng 3",
                                                             0), "header.date.leading_zero"),
    "plan_archive_line_without_stop": ("plan_two_row_header_landscape_annex",
                                       ("Lưu: VT, CCHC.", "Lưu: VT, CCHC", 0),
                                       "recipients.last_line"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_REAL))
def test_real_errors_in_real_style_documents_are_still_found(tmp_path, name):
    base, (old, new, nth), rule = BROKEN_REAL[name]
    path = tmp_path / f"{name}.docx"
    CORPUS[base](path)
    _mutate(path, old, new, nth)
    result = check_file(path)
    assert [f.rule_id for f in result.findings] == [rule], [
        (f.rule_id, f.where, f.found) for f in result.findings]


@pytest.mark.parametrize("margins, flagged", [
    ((20, 15, 30, 15), []),            # the decree's own Phụ lục I landscape page
    ((20, 20, 30, 15), []),            # portrait ranges read on the turned page
    ((30, 15, 20, 20), []),            # the sheet turned, binding edge on top
    ((20, 15, 30, 30), ["page.margin.right"]),
    ((10, 15, 30, 15), ["page.margin.top"]),
])
def test_landscape_margins_either_convention(tmp_path, margins, flagged):
    path = tmp_path / "annex.docx"
    CORPUS["plan_two_row_header_landscape_annex"](path)
    doc = docx.Document(str(path))
    section = doc.sections[-1]
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(v) for v in margins)
    doc.save(str(path))
    assert [f.rule_id for f in check_file(path).findings] == flagged


def test_the_rest_of_a_not_administrative_document_is_judged(tmp_path):
    path = tmp_path / "petition.docx"
    NOT_ADMINISTRATIVE["petition"](path)
    doc = docx.Document(str(path))
    prose = [p for p in doc.paragraphs if p.text.startswith("Tôi làm đơn")]
    prose[0].runs[0].font.name = "Arial"
    prose[0].paragraph_format.first_line_indent = Mm(0)
    doc.save(str(path))
    assert sorted(f.rule_id for f in check_file(path).findings) == [
        "body.first_line_indent", "font.family", "header.not_administrative"]
