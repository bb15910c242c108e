"""``cchc check --fix``: the output passes and the wording is unchanged.

Text comparison: every paragraph's text (body paragraphs and table cells, in
document order, python-docx ``paragraph.text``) is joined with newlines before
and after the fix. The two must be identical except in the date line, and there
only by zero padding: the date line compared with every "0" that starts a number
removed (``re.sub(r"\\b0(\\d)", r"\\1", …)``) must be identical too.
"""

from __future__ import annotations

import re

import docx
import pytest

from cchc.checker.core import check_file
from cchc.checker.fix import fix_file
from tests.checker.builder import build
from tests.conftest import run_cli

FIXABLE = {
    "margin_left_25": {"margins": (20, 20, 25, 15)},
    "margins_all_wrong": {"margins": (10, 40, 20, 30)},
    "arial_body": {"body_font": "Arial"},
    "theme_calibri": {"fonts_in": "untouched"},
    "body_12pt": {"body_size": 12},
    "recipients_13pt": {"recipients_size": 13},
    "date_no_leading_zero": {"date": "Bắc Giang, ngày 5 tháng 1 năm 2023"},
    "date_month_03": {"date": "Bắc Giang, ngày 05 tháng 03 năm 2023"},
    "date_upright": {"date_italic": False},
    "national_not_bold": {"national_bold": False},
    "issuing_not_bold": {"issuing_bold": False},
    "name_not_bold": {"name_bold": False},
    "label_not_italic": {"label_italic": False},
    "tabs_header_date_and_bold": {"header": "tabs", "national_bold": False,
                                  "date": "Bắc Giang, ngày 7 tháng 2 năm 2023"},
    "styles_font_bold_italic": {"formatting": "styles", "body_font": "Arial",
                                "national_bold": False, "date_italic": False, "body_size": 12},
    "everything_at_once": {"margins": (15, 20, 25, 15), "body_font": "Arial", "body_size": 12,
                           "date": "Bắc Giang, ngày 5 tháng 1 năm 2023", "date_italic": False,
                           "national_bold": False, "label_italic": False, "name_bold": False},
}


def texts(path) -> list[str]:
    doc = docx.Document(str(path))
    out = []
    body = doc.element.body
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        out.append(docx.text.paragraph.Paragraph(p, doc).text)
    return out


def unpad(text: str) -> str:
    return re.sub(r"\b0(\d)", r"\1", text)


@pytest.mark.parametrize("name", sorted(FIXABLE))
def test_fix_repairs_and_keeps_the_text(tmp_path, name):
    source = build(tmp_path / "in.docx", **FIXABLE[name])
    before = check_file(source)
    assert before.errors > 0  # the variant really is broken
    result = fix_file(source, tmp_path / "out.docx")
    assert result.changes
    assert [(f.rule_id, f.where) for f in result.findings] == []
    old, new = texts(source), texts(tmp_path / "out.docx")
    assert len(old) == len(new)
    differing = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    date_changed = "date" in FIXABLE[name]
    assert len(differing) == (1 if date_changed else 0)
    for a, b in differing:
        assert "ngày" in a and unpad(a) == unpad(b)
    assert "\n".join(map(unpad, old)) == "\n".join(map(unpad, new))


def test_fix_date_digits_exactly(tmp_path):
    source = build(tmp_path / "in.docx", date="Bắc Giang, ngày 5 tháng 1 năm 2023")
    fix_file(source, tmp_path / "out.docx")
    assert "Bắc Giang, ngày 05 tháng 01 năm 2023" in texts(tmp_path / "out.docx")


def test_fix_leaves_unfixable_findings(tmp_path):
    source = build(tmp_path / "in.docx", authority="Kt. Giám đốc", body_font="Arial")
    result = fix_file(source, tmp_path / "out.docx")
    assert {f.rule_id for f in result.findings} == {"signature.authority"}


def test_fix_command_reports_changes(tmp_path):
    source = build(tmp_path / "in.docx", margins=(20, 20, 25, 15), body_font="Arial")
    out = tmp_path / "out.docx"
    proc = run_cli("check", "--fix", source, "-o", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "đã sửa — lề trái phần trang 1: 25 → 30 mm" in proc.stdout
    assert "Times New Roman" in proc.stdout
    assert "đạt thể thức — 0 lỗi" in proc.stdout
    assert out.is_file()


def test_fix_refuses_to_overwrite_source(tmp_path):
    source = build(tmp_path / "in.docx")
    proc = run_cli("check", "--fix", source, "-o", source)
    assert proc.returncode == 2
    assert "tệp ra phải khác tệp vào" in proc.stderr
