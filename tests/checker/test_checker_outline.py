"""The heading sequence (checker.outline) on the numbering real documents use."""

from __future__ import annotations

from cchc.checker.outline import Outline


def skips(lines: list[str]) -> list[tuple[str, str]]:
    outline = Outline()
    return [(s.found, s.want) for line in lines for s in outline.line(line)]


def test_khoan_restart_in_every_article():
    assert skips(["Điều 1. Phạm vi", "1. Một", "2. Hai", "a) x", "b) y",
                  "Điều 2. Đối tượng", "1. Một", "2. Hai"]) == []


def test_chapter_section_part_and_sample_restart():
    lines = ["Chương I", "I. Chung", "II. Riêng", "Chương II", "I. Chung",
             "Mục 1", "1. Một", "Phần II", "I. Chung", "1. Một",
             "Mẫu 1.1 - Quyết định", "Điều 1. Nội dung", "1. Một"]
    assert skips(lines) == []


def test_a_skip_inside_an_article_is_still_found():
    assert skips(["Điều 1. Phạm vi", "1. Một", "3. Ba"]) == [("3.", "2.")]
    assert skips(["Điều 1. Phạm vi", "a) x", "b) y", "c) z", "d) t", "e) u"]) == [
        ("e)", "đ)")]


def test_several_items_on_one_line_move_the_count_on():
    assert skips(["1. Khổ giấy: A4. 2. Kiểu trình bày: dọc.", "3. Định lề trang."]) == []
    assert skips(["a) Lập hồ sơ; b) sắp xếp tài liệu.", "c) Nộp lưu."]) == []
    # an inline number that is not the next one does not count
    assert skips(["1. Khổ giấy: A4. 5. Kiểu.", "2. Định lề."]) == []


def test_sub_numbers_never_expect_zero():
    assert skips(["2.1. Một", "2.2. Hai"]) == []  # "2.1" with no "2." line above
    assert skips(["1. Mục đích", "1.1. Một", "1.3. Ba"]) == [("1.3", "1.2")]
    found = skips(["1. Mục đích", "3.1. Một"])
    assert found == [("3.1", "1.1")]
    assert all(not want.startswith("0.") for _, want in found)


def test_text_after_a_sample_goes_on_from_before_it():
    outline = Outline()
    lines = ["I. Chung", "1. Một", "2. Hai"]
    assert [s for line in lines for s in outline.line(line)] == []
    outline.aside()  # a sample form's centred title
    assert [s for line in ["1. Mẫu một", "2. Mẫu hai"] for s in outline.line(line)] == []
    assert list(outline.line("3. Ba")) == []  # back in the text the sample interrupted
    assert [(s.found, s.want) for s in outline.line("5. Năm")] == [("5.", "4.")]
