"""Scanned tables other readers' habits produce: groups, notes, pages, faded rules.

Each test builds the OCR objects (or a drawn page) itself, so it states the rule it
checks without a scan; the end-to-end figures are in bench/accuracy.py.
"""

from __future__ import annotations

import cv2
import numpy as np

from cchc.extractors.counts import parse_count
from cchc.extractors.model import Para, Table
from cchc.extractors.ocr.model import OcrCell, OcrDocument, OcrPage, OcrTable
from cchc.extractors.ocr.prep import prepare
from cchc.extractors.ocr.reading import reading_of
from cchc.extractors.ocr.table import _header_by_words, _numbering_row, find_grids
from cchc.extractors.ocr.to_document import document_of, paragraphs
from tests.ocr.formstats import stats_of

ZEROS = ["0"] * 14


def _cell(text, conf=96.0):
    return OcrCell(text=text, conf=conf if text else None, bbox=(0, 0, 1, 1), ink=bool(text))


def _form(rows, header=True):
    head = [[_cell(f"({n})") for n in range(1, 17)]] if header else []
    return OcrTable(rows=head + [[_cell(t) for t in r] for r in rows], bbox=(0, 0, 10, 10),
                    header_rows=len(head), columns=list(range(1, 17)))


def _row(stt, field, first="5"):
    return [stt, field, first, *ZEROS[1:]]


def test_group_rows_are_not_data_rows_and_a_lone_I_is_a_group_only_before_1():
    stats, _ = stats_of(_form([
        _row("I", "Cấp huyện", "9"), _row("1", "Đất đai", "4"), _row("2", "Tư pháp", "5"),
        _row("il", "Cấp xã", "3"), _row("1", "Hộ tịch", "3")]))
    assert [(r["stt"], r["field"]) for r in stats["rows"]] == [
        (1, "Đất đai"), (2, "Tư pháp"), (1, "Hộ tịch")]
    stats, warnings = stats_of(_form([_row("I", "Đất đai"), _row("2", "Tư pháp")]))
    assert [r["stt"] for r in stats["rows"]] == [1, 2]  # "I" read for 1, and said so
    assert any(w["where"] == "tthc_stats.rows[0].stt" for w in warnings)


def test_a_note_across_the_last_row_is_not_a_data_row():
    note = ["Số liệu tính đến ngày báo cáo", "đến ngày"] + [""] * 14
    stats, _ = stats_of(_form([_row("1", "Đất đai"), note]))
    assert len(stats["rows"]) == 1
    stats, _ = stats_of(_form([_row("1", "Đất đai"), ["2", "Xây dựng"] + [""] * 14]))
    assert len(stats["rows"]) == 2  # a numbered field with no counts is still a row


def test_a_table_goes_on_to_the_next_page_but_a_page_scanned_twice_counts_once():
    first = _form([_row("I", "Cấp huyện"), _row("1", "Đất đai"), _row("2", "Tư pháp")])
    rest = _form([_row("II", "Cấp xã"), _row("1", "Hộ tịch"), _row("2", "Chứng thực")])
    stats, warnings = stats_of(first, rest)
    assert [r["field"] for r in stats["rows"]] == ["Đất đai", "Tư pháp", "Hộ tịch",
                                                    "Chứng thực"]
    again = _form([_row("I", "Cấp huyện"), _row("1", "Đất đal"), _row("2", "Tư pháp")])
    stats, warnings = stats_of(first, again)
    assert [r["field"] for r in stats["rows"]] == ["Đất đai", "Tư pháp"]
    assert any(w["code"] == "stats.repeated_table" for w in warnings)


def test_a_total_printed_first_is_the_total():
    total = ["", "Tổng cộng", "9", *ZEROS[1:]]
    stats, _ = stats_of(_form([total, _row("1", "Đất đai", "9")]))
    assert stats["total"]["received_total"] == 9 and len(stats["rows"]) == 1


def test_khong_as_the_english_model_spells_it_is_zero():
    for text in ("không", "khong", "khéng", "khdng"):
        assert parse_count(text) == (0, True)
    assert parse_count("khung hình")[1] is False


def test_numbering_row_misread_in_one_place_does_not_shift_the_columns():
    row = [_cell(t) for t in ["()", "(3)", "@)", "(4)", "(5)", "(6)", "(?)", "", "",
                              "(10)", "ũ1)", "(12)", "(13)", "(14)", "(15)", ""]]
    assert _numbering_row([row]) == (0, list(range(1, 17)))


def test_indicator_tables_on_a_scan_stay_tables_in_reading_order():
    cells = [["Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"],
             ["Tỷ lệ thanh toán trực tuyến", "172/414", "41,5"]]
    table = OcrTable(rows=[[_cell(t) for t in r] for r in cells], bbox=(0, 200, 900, 300))
    lines = [("5.1. Phát triển chính quyền số", (0, 100, 300, 130), 95.0),
             ("Kết quả các chỉ tiêu như sau:", (0, 150, 400, 180), 95.0),
             ("5.2. Về phát triển kinh tế số", (0, 350, 600, 380), 95.0)]
    page = OcrPage(number=1, lines=lines, tables=[table], words=[], mean_confidence=95.0,
                   dpi=200)
    blocks = document_of(reading_of(OcrDocument(pages=[page], mean_confidence=95.0))).blocks
    assert [type(b) for b in blocks] == [Para, Para, Table, Para]
    assert blocks[2].rows[1] == ["Tỷ lệ thanh toán trực tuyến", "172/414", "41,5"]


def test_a_heading_in_capitals_is_not_run_into_the_line_above():
    lines = [("Ban hành kế hoạch cải cách hành chính năm 2023, phân công rõ trách nhiệm",
              (100, 100, 2000, 130), 95.0),
             ("II VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH", (100, 140, 1200, 170), 95.0),
             ("và thời hạn hoàn thành.", (100, 180, 600, 210), 95.0)]
    assert [t for t, _b, _c in paragraphs(lines)] == [lines[0][0], lines[1][0], lines[2][0]]
    wrapped = [("5. VỀ XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH",
                (100, 100, 2000, 130), 95.0),
               ("QUYỀN SỐ", (100, 140, 400, 170), 95.0),
               ("Các nền tảng số dùng chung của tỉnh được khai thác hiệu quả, phục vụ",
                (100, 180, 2000, 210), 95.0)]
    assert [t for t, _b, _c in paragraphs(wrapped)] == [
        "5. VỀ XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", wrapped[2][0]]


def _drawn_grid(broken: set[int], broken_rows: set[int] = frozenset()) -> np.ndarray:
    """A 200 dpi page with a 6-column ruled table; the rules in ``broken`` (columns) and
    ``broken_rows`` are drawn as short dashes, as a faded scan leaves them."""
    page = np.full((1400, 1700), 255, np.uint8)
    xs = [100 + 250 * i for i in range(7)]
    ys = [200, 320, 420, 520, 620]
    for j, y in enumerate(ys):
        if j in broken_rows:
            for x in range(xs[0], xs[-1], 26):
                cv2.line(page, (x, y), (x + 12, y), 0, 2)
        else:
            cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for i, x in enumerate(xs):
        if i in broken:
            for y in range(ys[0], ys[-1], 26):
                cv2.line(page, (x, y), (x, y + 12), 0, 2)
        else:
            cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    for r, y in enumerate(ys[1:-1]):
        for c, x in enumerate(xs[:-1]):
            cv2.putText(page, f"{r}{c}", (x + 90, y + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    return cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)


def test_faded_column_rules_still_part_the_columns():
    (grid,) = find_grids(prepare(_drawn_grid({2, 5}), 200))
    assert len(grid.xs) == 7
    (grid,) = find_grids(prepare(_drawn_grid(set()), 200))
    assert len(grid.xs) == 7  # and text columns do not become rules
    (grid,) = find_grids(prepare(_drawn_grid({3}, broken_rows={2, 3}), 200))
    assert (len(grid.xs), len(grid.ys)) == (7, 5)


def _stt_column_page() -> np.ndarray:
    """A table whose STT column stacks "1" over "1" over "1" (a serif scan's thin "1"
    is one stroke): a thin inked column, empty only in the header."""
    page = np.full((1400, 1700), 255, np.uint8)
    xs, ys = [100 + 250 * i for i in range(7)], [200, 400] + [460 + 60 * i for i in range(8)]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    for y in ys[1:-1]:  # a thin "1"/"I" 35 px tall (12 pt) in every data row
        cv2.line(page, (225, y + 12), (225, y + 47), 0, 2)
    return cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)


def test_a_stack_of_digits_is_not_a_rule(monkeypatch):
    from cchc.extractors.ocr import prep as scan_prep

    monkeypatch.setattr(scan_prep, "orientation", lambda smooth, dpi: (0, 0.0))  # no text
    (grid,) = find_grids(prepare(_stt_column_page(), 200))
    assert len(grid.xs) == 7


def test_the_form_without_its_numbering_row_is_known_by_its_header_words():
    head = [["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số"] + ["Số hồ sơ nhận"] * 13,
            ["", "", "", "Số mới tiếp nhận trực tuyến"] + ["Trả đúng thời hạn"] * 12]
    data = [["1", "Đăng ký biến động", "1828", "1828", "-"] + ["0"] * 11]
    rows = [[_cell(t) for t in r] for r in head + data]
    assert _header_by_words(rows) == 2
    assert _header_by_words([[_cell(t) for t in r] for r in data]) == 0  # no header
    narrow = [[_cell(t) for t in r[:5]] for r in head + data]
    assert _header_by_words(narrow) == 0  # not the form's 16 columns
    blurred = [["SsTtT", "Linh", "[`", "sth"] + [""] * 12, ["", "vị, công"] + ["Téngof"] * 14]
    rows = [[_cell(t) for t in r] for r in blurred + data + data]
    assert _header_by_words(rows) == 2  # header unreadable: the shape still tells
    assert _header_by_words([[_cell(t) for t in r] for r in blurred + data]) == 0


def test_a_page_going_on_without_a_header_continues_the_table():
    from cchc.extractors.ocr.stats import find_stats_tables

    first = _form([_row("1", "Đất đai"), _row("2", "Tư pháp")])
    rest = _form([_row("3", "Xây dựng"), ["", "Tổng cộng", "15", *ZEROS[1:]]], header=False)
    pages = [OcrPage(number=n, lines=[], tables=[t], words=[], mean_confidence=90.0, dpi=200)
             for n, t in ((1, first), (2, rest))]
    tables = find_stats_tables(OcrDocument(pages=pages, mean_confidence=90.0))
    assert tables == [first, rest]
    stats, _ = stats_of(*tables)
    assert [r["field"] for r in stats["rows"]] == ["Đất đai", "Tư pháp", "Xây dựng"]
    assert stats["total"]["received_total"] == 15


def test_a_page_read_upside_down_is_read_again_the_right_way_up(monkeypatch):
    """The upright test wrongly turns a nearly empty page round; its reading comes back
    as garbage of low confidence, so the page is read turned back as well."""
    from cchc.extractors.ocr import pages as ocr
    from cchc.extractors.ocr import prep as scan_prep

    page = np.full((1600, 1200), 255, np.uint8)
    for i, text in enumerate(("TONG SO 5030 2185 2830", "Giao duc 219 112 107")):
        cv2.putText(page, text, (80, 200 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
    rgb = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    monkeypatch.setattr(scan_prep, "orientation", lambda smooth, dpi: (180, 0.0))
    read = ocr.ocr_image(rgb, 200)
    assert read.turn == 0 and read.mean_confidence >= ocr.FLIP_BELOW
    assert {"TONG", "Giao"} <= {w.text for w in read.words}


def test_a_run_on_is_judged_on_the_last_line_and_never_from_the_right_column():
    lines = [("Thực hiện Kế hoạch số 81/KH-UBND ngày 17 tháng 3 năm 2023 của Chủ tịch",
              (330, 630, 1490, 665), 95.0),
             ("chuyển đổi số năm 2023, UBND huyện báo cáo kết quả như sau:",
              (255, 675, 1290, 710), 95.0),
             ("I.Về công tác chỉ đạo, điều hành", (330, 720, 800, 755), 95.0)]
    assert len(paragraphs(lines)) == 2  # the heading does not join: line 2 is not full
    header = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", (910, 220, 1490, 260), 95.0),
              ("HUYỆN HIỆP HÒA", (420, 265, 700, 300), 95.0),
              ("Thực hiện kế hoạch của tỉnh, huyện báo cáo như sau, gồm các nội dung",
               (255, 400, 1490, 435), 95.0)]
    assert [t for t, _b, _c in paragraphs(header)][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
                                                           "HUYỆN HIỆP HÒA"]


def test_a_heading_number_a_little_lower_than_its_text_still_comes_first():
    from cchc.extractors.ocr.pages import _reading_order

    lines = [("Cải cách tổ chức bộ máy hành chính nhà nước", (452, 1082, 1136, 1116), 95.0),
             ("III.", (336, 1084, 375, 1108), 80.0),
             ("+ Rà soát chức năng, nhiệm vụ", (337, 1137, 1435, 1170), 95.0)]
    assert [t for t, _b, _c in _reading_order(lines)] == [
        "III.", "Cải cách tổ chức bộ máy hành chính nhà nước", "+ Rà soát chức năng, nhiệm vụ"]


def test_a_garbled_roman_heading_number_is_dropped_and_real_ones_stay():
    from cchc.extractors.ocr.to_document import _GARBLED_LABEL

    assert _GARBLED_LABEL.sub("", "H1. Về cải cách thủ tục hành chính") == \
        "Về cải cách thủ tục hành chính"
    for kept in ("II. Về cải cách", "1. Về cải cách", "IV. Về", "Hà Nội, ngày 5"):
        assert _GARBLED_LABEL.sub("", kept) == kept


def test_a_heading_whose_number_was_garbled_is_still_a_section():
    from cchc.extractors.interpret.sections import section_texts, split_sections
    from cchc.extractors.ocr.to_document import _para

    blocks = [_para("I. Về công tác chỉ đạo, điều hành"), _para("+ Bố trí kinh phí CCHC."),
              _para("HI. Cải cách tổ chức bộ máy hành chính nhà nước"),
              _para("+ Rà soát chức năng, nhiệm vụ của 19 phòng.")]
    assert blocks[2].numbered and blocks[2].text.startswith("Cải cách")
    texts = section_texts(split_sections(blocks))
    assert texts["3"] == "+ Rà soát chức năng, nhiệm vụ của 19 phòng."


def test_a_table_drawn_in_one_pixel_rules_is_found(monkeypatch):
    """The median filter that clears specks for the text erases one-pixel rules; the
    table is still found, from the unfiltered page."""
    from cchc.extractors.ocr import prep as scan_prep

    monkeypatch.setattr(scan_prep, "orientation", lambda smooth, dpi: (0, 0.0))
    page = np.full((1400, 1700), 250, np.uint8)
    xs, ys = [100 + 500 * i for i in range(4)], [200 + 60 * i for i in range(6)]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 90, 1)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 90, 1)
    for i in range(12):  # a page of text around it, as every report has
        cv2.putText(page, "Ket qua cac chi tieu cu the nhu sau", (100, 600 + 60 * i),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    noise = np.random.default_rng(5).normal(0, 6, page.shape)
    page = np.clip(page + noise, 0, 255).astype(np.uint8)
    (grid,) = find_grids(prepare(cv2.cvtColor(page, cv2.COLOR_GRAY2RGB), 200))
    assert (len(grid.xs), len(grid.ys)) == (4, 6)


def test_a_short_hyphen_is_a_dash_and_a_dot_is_not():
    from cchc.extractors.ocr.cells import _is_dash

    assert _is_dash((100, 100, 113, 109), 200)      # 7 × 3 px: "-" at 200 dpi
    assert not _is_dash((100, 100, 109, 109), 200)  # 3 × 3 px: a dot
    assert not _is_dash((100, 100, 113, 130), 200)  # 7 × 24 px: a "1"
