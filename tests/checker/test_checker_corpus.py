"""The checker on a corpus built here: a reference document, documents broken one rule
at a time (each must be flagged by exactly that rule), and correct documents laid out
differently from cchc's own (each must pass with no finding at all)."""

from __future__ import annotations

import pytest

from cchc.checker.core import check_file
from cchc.checker.findings import RULES
from tests.checker.builder import build

CORRECT = {
    "reference": {},
    "header_tab_stops": {"header": "tabs"},
    "header_tabs_underscores": {"header": "tabs", "line": "chars"},
    "header_tabs_drawingml": {"header": "tabs", "line": "dml"},
    "lines_vml_shapes": {"line": "vml"},
    "lines_drawingml_shapes": {"line": "dml"},
    "lines_underscores": {"line": "chars"},
    "lines_anchored_in_next_paragraph": {"line": "anchored"},
    "spacing_before": {"spacing": "before"},
    "font_from_theme": {"fonts_in": "theme"},
    "wider_margins": {"margins": (25, 25, 35, 20)},
    "one_indent_cm": {"indent_mm": 10},
    "ubnd_issuing_two_lines": {"parent": "", "issuing": ("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"),
                               "number": "Số: 152/KH-UBND", "issuing_line_mm": 18},
    "draft_blank_number_and_day": {"number": "Số:       /KH-SNV",
                                   "date": "Bắc Giang, ngày       tháng 3 năm 2023"},
    "head_signs_directly": {"authority": "", "signer_title": "GIÁM ĐỐC"},
    "signature_tab_stops": {"signature": "tabs"},
    "signature_paragraphs": {"signature": "paragraphs"},
    "formatting_by_styles": {"formatting": "styles"},
    "word_numbered_headings": {"auto_numbering": True,
                               "headings": ("I.", "1.", "a)", "b)", "c)", "d)", "2.", "II.",
                                            "1.", "2.")},
    "report_type": {"type_name": "BÁO CÁO", "number": "Số: 09/BC-SNV"},
    "cong_van": {"number": "Số: 12/SNV-CCHC", "type_name": "", "subject": "",
                 "cv_subject": "V/v kiểm tra công tác cải cách hành chính năm 2023",
                 "headings": ()},
    "cong_van_tabs": {"header": "tabs", "number": "Số: 08/UBND-VX", "type_name": "",
                      "subject": "", "headings": ()},
}

# variant -> (changes, the one rule it breaks)
BROKEN = {
    "header_stacked_one_column": ({"header": "stacked", "line": "chars"}, "header.layout"),
    "margin_left_25": ({"margins": (20, 20, 25, 15)}, "page.margin.left"),
    "margin_top_15": ({"margins": (15, 20, 30, 15)}, "page.margin.top"),
    "margin_right_25": ({"margins": (20, 20, 30, 25)}, "page.margin.right"),
    "letter_paper": ({"page": (215.9, 279.4)}, "page.size"),
    "arial_body": ({"body_font": "Arial"}, "font.family"),
    "theme_calibri": ({"fonts_in": "untouched"}, "font.family"),
    "body_12pt": ({"body_size": 12}, "font.size.body"),
    "recipients_13pt": ({"recipients_size": 13}, "font.size.recipients"),
    "date_no_leading_zero": ({"date": "Bắc Giang, ngày 5 tháng 1 năm 2023"},
                             "header.date.leading_zero"),
    "date_month_03": ({"date": "Bắc Giang, ngày 05 tháng 03 năm 2023"},
                      "header.date.leading_zero"),
    "date_impossible": ({"date": "Bắc Giang, ngày 30 tháng 02 năm 2023"}, "header.date.invalid"),
    "date_slashes": ({"date": "Bắc Giang, ngày 05/3/2023"}, "header.date.format"),
    "date_upright": ({"date_italic": False}, "header.date.italic"),
    "no_motto_line": ({"motto_line": False}, "header.motto.line"),
    "no_motto_line_tabs": ({"motto_line": False, "header": "tabs"}, "header.motto.line"),
    "no_motto_line_anchored": ({"motto_line": False, "line": "anchored"}, "header.motto.line"),
    "no_motto": ({"motto": ""}, "header.motto"),
    "motto_line_half": ({"motto_line_mm": 30}, "header.motto.line_length"),
    "issuing_line_too_long": ({"issuing_line_mm": 24}, "header.issuing_body.line_length"),
    "issuing_line_too_long_tabs": ({"issuing_line_mm": 24, "header": "tabs"},
                                   "header.issuing_body.line_length"),
    "motto_underscores_short": ({"motto_line_mm": 30, "line": "chars"},
                                "header.motto.line_length"),
    "motto_no_spaces": ({"motto": "Độc lập-Tự do-Hạnh phúc"}, "header.motto.text"),
    "national_not_bold": ({"national_bold": False}, "header.national_name.format"),
    "national_13pt_wraps": ({"national_size": 13}, "header.national_name.format"),
    "national_line_break": ({"national": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM"},
                            "header.national_name.format"),
    "national_two_paragraphs": ({"national": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA||VIỆT NAM"},
                                "header.national_name.format"),
    "national_misspelt": ({"national": "CỘNG HÒA XÃ HỘI VIỆT NAM"}, "header.national_name"),
    "issuing_not_bold": ({"issuing_bold": False}, "header.issuing_body.format"),
    "no_issuing_line": ({"issuing_line": False}, "header.issuing_body.line"),
    "no_issuing_line_tabs": ({"issuing_line": False, "header": "tabs"},
                             "header.issuing_body.line"),
    "number_5": ({"number": "Số: 5/KH-SNV"}, "header.number.leading_zero"),
    "unknown_type_code": ({"number": "Số: 15/KX-SNV"}, "header.number.symbol"),
    "code_of_other_type": ({"number": "Số: 15/BC-SNV"}, "header.number.symbol"),
    "no_type_name": ({"type_name": ""}, "title.type_name"),
    "subject_left_aligned": ({"subject_centred": False}, "title.subject.format"),
    "body_left_aligned": ({"body_align": "left"}, "body.justify"),
    "indent_5mm": ({"indent_mm": 5}, "body.first_line_indent"),
    "no_paragraph_spacing": ({"spacing": "none"}, "body.spacing"),
    "e_after_d": ({"headings": ("I.", "1.", "a)", "b)", "c)", "d)", "e)")},
                  "body.heading_numbering"),
    "word_letters_e_after_d": ({"auto_numbering": True}, "body.heading_numbering"),
    "arabic_skips": ({"headings": ("I.", "1.", "3.", "II.", "1.")}, "body.heading_numbering"),
    "authority_lower": ({"authority": "Kt. Chủ tịch", "signer_title": "PHÓ CHỦ TỊCH"},
                        "signature.authority"),
    "authority_no_dot": ({"authority": "KT GIÁM ĐỐC"}, "signature.authority"),
    "name_not_bold": ({"name_bold": False}, "signature.name_bold"),
    "name_not_bold_tabs": ({"name_bold": False, "signature": "tabs"}, "signature.name_bold"),
    "authority_lower_paragraphs": ({"authority": "Tl. Giám đốc", "signature": "paragraphs"},
                                   "signature.authority"),
    "label_not_italic_tabs": ({"label_italic": False, "signature": "tabs"},
                              "recipients.label"),
    "no_archive_line_paragraphs": ({"recipients": ("- UBND tỉnh (b/c);", "- Các đơn vị."),
                                    "signature": "paragraphs"}, "recipients.last_line"),
    "label_not_italic": ({"label_italic": False}, "recipients.label"),
    "label_not_italic_styles": ({"label_italic": False, "formatting": "styles"},
                                "recipients.label"),
    "arial_body_styles": ({"body_font": "Arial", "formatting": "styles"}, "font.family"),
    "date_upright_styles": ({"date_italic": False, "formatting": "styles"},
                            "header.date.italic"),
    "no_archive_line": ({"recipients": ("- UBND tỉnh (b/c);", "- Các đơn vị;")},
                        "recipients.last_line"),
    "no_page_numbers": ({"page_numbers": False}, "page.numbers"),
    "number_on_first_page": ({"title_page": False}, "page.numbers.first_page"),
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_correct_layouts_pass_without_findings(tmp_path, name):
    path = build(tmp_path / f"{name}.docx", **CORRECT[name])
    result = check_file(path)
    assert result.failure is None
    assert [(f.rule_id, f.where, f.found) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_rule_is_flagged_alone(tmp_path, name):
    changes, rule = BROKEN[name]
    path = build(tmp_path / f"{name}.docx", **changes)
    result = check_file(path)
    assert result.failure is None
    assert {f.rule_id for f in result.findings} == {rule}, [
        (f.rule_id, f.where, f.found) for f in result.findings]
    assert {f.severity for f in result.findings} == {RULES[rule][0]}


def test_every_broken_rule_is_documented():
    assert {rule for _, rule in BROKEN.values()} <= set(RULES)
