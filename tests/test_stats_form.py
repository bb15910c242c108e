"""The Excel statistics form, read back with openpyxl.

Expected layouts here are written out from the seed's table (its printed header
and "(1) … (16)" numbering), not computed from cchc.core.spec, so a wrong spec or a
wrong writer both fail.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import openpyxl
import pytest

from cchc.core.errors import CchcError
from cchc.generator.stats_form import (
    period_text,
    recalculate_with_libreoffice,
    write_stats_form,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = json.loads((ROOT / "cchc" / "examples" / "stats.json").read_text(encoding="utf-8"))

# Seed: "Số hồ sơ nhận giải quyết" over (3)…(7); "Kết quả giải quyết" over (8)…(15);
# "Tổng số" (3) and "Trong đó" over (4)…(7); "Số hồ sơ đã giải quyết" over (8)…(10),
# "Số hồ sơ đang giải quyết" over (11)…(13); STT, Lĩnh vực and the bưu chính column
# span the three header rows; Yêu cầu bổ sung and Trả lại span the lower two.
# The header sits in rows 5-7 (numbering row 8) under title, unit, period rows 1-3.
HEADER_MERGES = {"A5:A7", "B5:B7", "C5:G5", "H5:O5", "P5:P7", "C6:C7", "D6:G6",
                 "H6:J6", "K6:M6", "N6:N7", "O6:O7"}
TITLE_MERGES = {"A1:P1", "A2:P2", "A3:P3"}
COUNT_LETTERS = "CDEFGHIJKLMNOP"
INPUT_LETTERS = "DEFGIJLMNOP"  # count columns the unit types into
DERIVED = {"C": "DEFG", "H": "IJ", "K": "LM"}
KEYS = {"C": "received_total", "D": "received_online", "E": "carried_over",
        "F": "received_direct", "G": "received_postal", "H": "resolved_total",
        "I": "resolved_on_time", "J": "resolved_late", "K": "pending_total",
        "L": "pending_not_due", "M": "pending_overdue", "N": "supplement_requested",
        "O": "returned", "P": "postal_results"}


def row_formula(letter: str, r: int) -> str:
    refs = ",".join(f"{p}{r}" for p in DERIVED[letter])
    return f'=IF(COUNT({refs})=0,"",SUM({refs}))'


def total_formula(letter: str, first: int, last: int) -> str:
    rng = f"{letter}{first}:{letter}{last}"
    return f'=IF(COUNT({rng})=0,"",SUM({rng}))'


def load(path):
    return openpyxl.load_workbook(path).active


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "bieu-mau.xlsx"
    write_stats_form({"rows": []}, path)
    return load(path)


@pytest.fixture(scope="module")
def filled_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("filled") / "so-xay-dung.xlsx"
    write_stats_form(EXAMPLE, path)
    return path


@pytest.fixture(scope="module")
def filled(filled_path):
    return load(filled_path)


# ---------------------------------------------------------------- blank form

def test_blank_form_merges_are_the_seed_header(blank):
    assert {str(r) for r in blank.merged_cells.ranges} == HEADER_MERGES | TITLE_MERGES


def test_blank_form_header_texts(blank):
    assert blank["A1"].value == "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert blank["A5"].value == "STT"
    assert blank["B5"].value == "Lĩnh vực, công việc giải quyết theo cấp"
    assert blank["C5"].value == "Số hồ sơ nhận giải quyết"
    assert blank["H5"].value == "Kết quả giải quyết"
    assert blank["P5"].value == "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"
    assert blank["C6"].value == "Tổng số"
    assert blank["D6"].value == "Trong đó"
    assert blank["H6"].value == "Số hồ sơ đã giải quyết"
    assert blank["K6"].value == "Số hồ sơ đang giải quyết"
    assert blank["N6"].value == "Yêu cầu bổ sung"
    assert blank["O6"].value == "Trả lại"
    assert [blank.cell(7, c).value for c in range(4, 14)] == [
        "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
        "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
        "Chưa đến hạn", "Quá hạn"]
    assert blank["C5"].font.bold and blank["C5"].alignment.wrap_text
    assert blank["C5"].font.name == "Times New Roman"


def test_blank_form_numbering_row(blank):
    assert [blank.cell(8, c).value for c in range(1, 17)] == [f"({n})" for n in range(1, 17)]


def test_blank_form_has_two_numbered_blank_rows_then_total(blank):
    assert [blank.cell(r, 1).value for r in (9, 10)] == [1, 2]
    assert all(blank[f"{x}{r}"].value is None for r in (9, 10) for x in "B" + INPUT_LETTERS)
    assert blank["B11"].value == "Tổng số" and blank["B11"].font.bold
    assert blank.max_row == 11


def test_blank_form_period_and_unit_lines(blank):
    assert blank["A2"].value == "Đơn vị:"
    text = blank["A3"].value
    assert text.startswith("Từ ngày ") and " đến ngày " in text
    assert not any(ch.isdigit() for ch in text)


def test_blank_form_formulas(blank):
    for r in (9, 10):
        for letter in DERIVED:
            assert blank[f"{letter}{r}"].value == row_formula(letter, r)
    for letter in COUNT_LETTERS:
        assert blank[f"{letter}11"].value == total_formula(letter, 9, 10)


def test_blank_form_whole_number_validation(blank):
    (dv,) = blank.data_validations.dataValidation
    assert dv.type == "whole" and dv.operator == "greaterThanOrEqual"
    assert dv.formula1 == "0" and dv.showErrorMessage
    assert "số nguyên" in dv.error and dv.errorTitle
    assert str(dv.sqref) == "C9:P10"


def test_blank_form_freeze_and_print_setup(blank):
    assert blank.freeze_panes == "C9"
    ps = blank.page_setup
    assert ps.orientation == "landscape"
    assert int(ps.paperSize) == 9  # A4
    assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
    assert blank.sheet_properties.pageSetUpPr.fitToPage
    assert blank.print_title_rows == "$5:$8"
    m = blank.page_margins
    assert (m.top, m.bottom, m.left, m.right) == pytest.approx(
        (30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4))


def test_blank_form_widths_and_heights(blank):
    widths = {c: blank.column_dimensions[c].width for c in "ABCP"}
    assert widths["A"] < widths["C"] < widths["B"]
    header_height = sum(blank.row_dimensions[r].height for r in (5, 6, 7))
    assert header_height >= 90  # the bưu chính column wraps over five lines or so


def test_blank_form_protection(blank):
    assert blank.protection.sheet
    assert not blank.protection.password
    for ref in ("A1", "A5", "C5", "D7", "P5", "A8", "P8", "C9", "H9", "K10", "B11", "C11",
                "P11"):
        assert blank[ref].protection.locked, ref
    for ref in ["A9", "B9", "A10", "B10", "A2", "A3"] + [f"{x}{r}" for x in INPUT_LETTERS
                                                         for r in (9, 10)]:
        assert not blank[ref].protection.locked, ref


def test_borders_cover_the_whole_table(blank):
    """Every edge of every table cell, or of the merged range holding it, is a thin line."""
    merges = [r for r in blank.merged_cells.ranges if r.min_row >= 5]
    for row in blank.iter_rows(min_row=5, max_row=11, max_col=16):
        for cell in row:
            box = next((m for m in merges if cell.coordinate in m), None)
            r0, c0, r1, c1 = ((box.min_row, box.min_col, box.max_row, box.max_col) if box
                              else (cell.row, cell.column, cell.row, cell.column))
            b = cell.border
            edges = {"left": cell.column == c0, "right": cell.column == c1,
                     "top": cell.row == r0, "bottom": cell.row == r1}
            for side, outer in edges.items():
                if outer:
                    assert getattr(b, side).style == "thin", (cell.coordinate, side)
    assert blank["A1"].border.bottom.style is None


def test_blank_rows_option(tmp_path):
    path = tmp_path / "f.xlsx"
    write_stats_form({"rows": [], "blank_rows": 5}, path)
    ws = load(path)
    assert ws["B14"].value == "Tổng số" and [ws.cell(r, 1).value for r in range(9, 14)] == [
        1, 2, 3, 4, 5]
    assert str(ws.data_validations.dataValidation[0].sqref) == "C9:P13"
    assert ws["D14"].value == total_formula("D", 9, 13)


def test_zero_blank_rows_still_leaves_one_input_row(tmp_path):
    path = tmp_path / "f.xlsx"
    write_stats_form({"rows": [], "blank_rows": 0}, path)
    ws = load(path)
    assert ws["B10"].value == "Tổng số" and ws["D10"].value == total_formula("D", 9, 9)


# ---------------------------------------------------------------- filled form

def test_filled_form_values_in_their_columns(filled):
    assert filled["A2"].value == "Đơn vị: Sở Xây dựng"
    assert filled["A3"].value == ("Từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 5 "
                                  "năm 2023")
    for i, row in enumerate(EXAMPLE["rows"]):
        r = 9 + i
        assert filled[f"A{r}"].value == row["stt"]
        assert filled[f"B{r}"].value == row["field"]
        for letter in INPUT_LETTERS:
            assert filled[f"{letter}{r}"].value == row[KEYS[letter]], f"{letter}{r}"
    # one blank row (blank_rows: 1), unnumbered after data, then the total row
    assert filled["A12"].value is None and filled["B12"].value is None
    assert filled["B13"].value == "Tổng số"


def test_excel_recalculates_on_load(filled_path):
    assert openpyxl.load_workbook(filled_path).calculation.fullCalcOnLoad


def test_filled_form_derived_totals_are_formulas(filled):
    for r in (9, 10, 11, 12):
        for letter in DERIVED:
            assert filled[f"{letter}{r}"].value == row_formula(letter, r)
            assert filled[f"{letter}{r}"].comment is None
    for letter in COUNT_LETTERS:
        assert filled[f"{letter}13"].value == total_formula(letter, 9, 12)


def test_contradicting_row_keeps_its_number_with_a_comment(tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["rows"][1]["received_total"] = 50  # parts give 45
    data["rows"][2]["resolved_total"] = 31  # consistent: stays a formula
    data["rows"].append({"stt": 4, "field": "Vật liệu xây dựng", "received_total": 7})
    path = tmp_path / "f.xlsx"
    write_stats_form(data, path)
    ws = load(path)
    assert ws["C10"].value == 50
    assert "khác tổng các cột thành phần" in ws["C10"].comment.text
    assert "45" in ws["C10"].comment.text
    assert not ws["C10"].protection.locked
    assert ws["H11"].value == row_formula("H", 11)
    # only the total reported: kept, nothing to contradict it, no comment
    assert ws["C12"].value == 7 and ws["C12"].comment is None
    assert ws["H12"].value == row_formula("H", 12)


def test_total_row_given_numbers(tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["total"] = {"received_total": 200, "received_online": 999, "returned": None}
    path = tmp_path / "f.xlsx"
    write_stats_form(data, path)
    ws = load(path)
    assert ws["C13"].value == total_formula("C", 9, 12)  # 120 + 45 + 35 = 200 agrees
    assert ws["D13"].value == 999
    assert "khác tổng các dòng" in ws["D13"].comment.text and "133" in ws["D13"].comment.text
    assert ws["O13"].value == total_formula("O", 9, 12)


def test_text_is_nfc(tmp_path):
    decomposed = "Quy hoa\u0323ch"  # "ạ" as a + combining dot below
    path = tmp_path / "f.xlsx"
    write_stats_form({"rows": [{"stt": "I", "field": decomposed}],
                      "unit": {"name": "So\u031b\u0309 Xây dựng"}}, path)
    ws = load(path)
    assert ws["B9"].value == "Quy hoạch" and ws["A9"].value == "I"
    assert ws["A2"].value == "Đơn vị: Sở Xây dựng"


def test_period_text_partial_and_missing_dates():
    text = period_text({"from": {"year": 2022, "month": 12, "day": None}, "to": None})
    head, tail = text.split(" đến ")
    assert head.startswith("Từ ngày ") and head.endswith("tháng 12 năm 2022")
    assert head[len("Từ ngày "):].split(" tháng")[0].strip() == ""
    assert tail.startswith("ngày ") and not any(ch.isdigit() for ch in tail)
    assert period_text({"from": "2023-01-05", "to": "2023-02-09"}) == (
        "Từ ngày 05 tháng 01 năm 2023 đến ngày 09 tháng 02 năm 2023")


# ---------------------------------------------------------------- LibreOffice values

@pytest.fixture(scope="module")
def recalculated(filled_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("recalc") / "so-xay-dung.xlsx"
    recalculate_with_libreoffice(filled_path, out)
    return openpyxl.load_workbook(out, data_only=True).active


def test_libreoffice_values_of_the_filled_form(recalculated):
    rows = EXAMPLE["rows"]
    for i, row in enumerate(rows):
        r = 9 + i
        assert recalculated[f"C{r}"].value == row["received_total"]
        assert recalculated[f"H{r}"].value == row["resolved_total"]
        assert recalculated[f"K{r}"].value == row["pending_total"]
    for letter, key in KEYS.items():
        assert recalculated[f"{letter}13"].value == sum(row[key] for row in rows), letter
    assert recalculated["C13"].value == 200  # 120 + 45 + 35
    assert recalculated["C12"].value in (None, "")  # the blank row stays blank
    assert recalculated.protection.sheet and recalculated.merged_cells.ranges


# ---------------------------------------------------------------- errors

def test_invalid_data_lists_json_paths(tmp_path):
    bad = {"rows": [{"stt": 1, "received_total": -3, "colour": "red"}], "blank_rows": 1.5}
    target = tmp_path / "f.xlsx"
    with pytest.raises(CchcError) as info:
        write_stats_form(bad, target, source="du-lieu.json")
    text = str(info.value)
    assert text.startswith("du-lieu.json:")
    assert "$.rows[0].received_total" in text and "$.rows[0]: có trường không được phép" \
        in text and "$.blank_rows" in text
    assert not target.exists()


def test_missing_directory_is_a_clear_error(tmp_path):
    target = tmp_path / "khong-co" / "f.xlsx"
    with pytest.raises(CchcError, match="không tồn tại"):
        write_stats_form(EXAMPLE, target)
    assert not target.parent.exists()


def test_unwritable_target_leaves_nothing(tmp_path):
    target = tmp_path / "f.xlsx"
    target.mkdir()  # a directory where the file should go
    with pytest.raises(CchcError) as info:
        write_stats_form(EXAMPLE, target)
    assert "là một thư mục" in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["f.xlsx"] and target.is_dir()
    assert not any(target.iterdir())


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(CchcError):
            write_stats_form(EXAMPLE, folder / "f.xlsx")
        assert not any(folder.iterdir())
    finally:
        folder.chmod(0o700)


# ---------------------------------------------------------------- command line

def test_cli_filled_and_blank(cli, tmp_path):
    out = tmp_path / "so-xay-dung.xlsx"
    proc = cli("generate", "stats-form", ROOT / "cchc" / "examples" / "stats.json", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "đã điền" in proc.stdout
    ws = load(out)
    assert ws["B9"].value == "Hoạt động xây dựng" and ws["D9"].value == 85
    data = tmp_path / "trong.json"
    data.write_text('{"rows": [], "period": {"from": {"year": 2023}, "to": null}}',
                    encoding="utf-8")
    blank_out = tmp_path / "trong.xlsx"
    proc = cli("generate", "stats-form", data, "-o", blank_out)
    assert proc.returncode == 0, proc.stderr
    ws = load(blank_out)
    assert ws["A9"].value == 1 and ws["B9"].value is None and ws["B11"].value == "Tổng số"
    assert ws["A3"].value.split(" đến ")[0].endswith("năm 2023")


def test_cli_invalid_data(cli, tmp_path):
    data = tmp_path / "sai.json"
    data.write_text('{"rows": [{"field": "A", "returned": "ba"}]}', encoding="utf-8")
    out = tmp_path / "sai.xlsx"
    proc = cli("generate", "stats-form", data, "-o", out)
    assert proc.returncode == 2
    assert proc.stderr.startswith("Lỗi: ") and str(data) in proc.stderr
    assert "$.rows[0].returned" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_cli_rejects_non_xlsx_output(cli, tmp_path):
    out = tmp_path / "bieu-mau.xls"
    proc = cli("generate", "stats-form", ROOT / "cchc" / "examples" / "stats.json", "-o", out)
    assert proc.returncode == 2 and ".xlsx" in proc.stderr and not out.exists()


def test_cli_missing_output_folder(cli, tmp_path):
    out = tmp_path / "khong-co" / "f.xlsx"
    proc = cli("generate", "stats-form", ROOT / "cchc" / "examples" / "stats.json", "-o", out)
    assert proc.returncode == 2 and "không tồn tại" in proc.stderr
