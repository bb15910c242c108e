"""Tone marks the Vietnamese OCR model confuses, put right only inside field phrases."""

from __future__ import annotations

import pytest

from cchc.extractors.ocr.lexicon import fix_tones


@pytest.mark.parametrize("read, meant", [
    ("Tống dự toán được giao cho chuyến đối số: 1,3 tỷ đông.",
     "Tổng dự toán được giao cho chuyển đổi số: 1,3 tỷ đồng."),
    ("Phối hợp triến khai các giải pháp thúc đấy thanh toán",
     "Phối hợp triển khai các giải pháp thúc đẩy thanh toán"),
    ("kiến nghị của tố chức, cá nhân", "kiến nghị của tổ chức, cá nhân"),
    ("TỐNG SỐ", "TỔNG SỐ"),
    ("thuộc thầm quyên", "thuộc thẩm quyền"),
])
def test_field_phrases_get_their_tone_marks_back(read, meant):
    assert fix_tones(read) == meant


@pytest.mark.parametrize("text", [
    "Chuyến đi Hà Nội của đoàn",       # a real word outside the field's phrases
    "Ông Tống Văn Hải",                 # a name
    "chuyển đổi số",                    # already right
    "1.234 hồ sơ; 85,5 %",
])
def test_words_outside_field_phrases_stay_as_read(text):
    assert fix_tones(text) == text


def test_old_and_new_tone_placement_are_both_kept_as_printed():
    """"ỦY BAN" and "UỶ BAN" are the same word spelled in two right styles: the lexicon
    knowing one of them must not rewrite the other that the page printed."""
    assert fix_tones("ỦY BAN NHÂN DÂN HUYỆN SƠN ĐỘNG") == "ỦY BAN NHÂN DÂN HUYỆN SƠN ĐỘNG"
    assert fix_tones("UỶ BAN NHÂN DÂN") == "UỶ BAN NHÂN DÂN"
    assert fix_tones("Tống số hồ sơ") == "Tổng số hồ sơ"  # a tone misread is still fixed


@pytest.mark.parametrize(("read", "meant"), [
    # the words units use for what went wrong, read with a wrong tone
    ("Đường truyền chưa ốn định.", "Đường truyền chưa ổn định."),
    ("rà soát, khắc phục 14 lỗ hống bảo mật trên máy tỉnh",
     "rà soát, khắc phục 14 lỗ hổng bảo mật trên máy tính"),
    ("Ban chí đạo cải cách hành chính tỉnh", "Ban chỉ đạo cải cách hành chính tỉnh"),
])
def test_report_vocabulary_is_put_right(read, meant):
    assert fix_tones(read) == meant
