import datetime as dt

import pytest

from cchc.core.vn import (
    clean,
    fold,
    format_date,
    format_number,
    parse_count,
    parse_date,
    parse_number,
)


@pytest.mark.parametrize("text,value", [
    ("1.234.567", 1234567), ("85,5", 85.5), ("85.5", 85.5), ("1.500", 1500),
    ("1,5", 1.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("45,2%", 45.2),
    ("0", 0), ("", None), ("không phát sinh", None), ("—", None), (None, None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_format_number_vietnamese():
    assert format_number(1234567) == "1.234.567"
    assert format_number(85.5) == "85,5"
    assert format_number(98.5, 2) == "98,50"
    assert format_number(1_500_000_000) == "1.500.000.000"


@pytest.mark.parametrize("date,text", [
    ({"year": 2023, "month": 3, "day": 5}, "ngày 05 tháng 3 năm 2023"),
    ({"year": 2023, "month": 1, "day": 15}, "ngày 15 tháng 01 năm 2023"),
    ({"year": 2023, "month": 2, "day": 9}, "ngày 09 tháng 02 năm 2023"),
    ({"year": 2023, "month": 11, "day": 30}, "ngày 30 tháng 11 năm 2023"),
    ("2023-12-10", "ngày 10 tháng 12 năm 2023"),
    (dt.date(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),
])
def test_format_date_leading_zeros(date, text):
    assert format_date(date) == text


def test_partial_date_leaves_blanks_for_the_signer():
    text = format_date({"year": 2023, "month": 3}, "Bắc Giang")
    assert clean(text) == "Bắc Giang, ngày tháng 3 năm 2023"
    assert "ngày  " in text.replace("\u00a0", " ")


def test_parse_date():
    assert parse_date("Bắc Giang, ngày 10 tháng 5 năm 2023") == dt.date(2023, 5, 10)
    assert parse_date("ngày 31 tháng 2 năm 2023") is None
    assert parse_date("15/12/2022") == dt.date(2022, 12, 15)


def test_nfc_and_fold():
    decomposed = "Ho\u0300a"  # "Hòa" typed with a combining grave accent
    assert clean(decomposed) == "Hòa"
    assert fold("ĐỀ CƯƠNG Kiểm Tra") == "de cuong kiem tra"


@pytest.mark.parametrize("text, value", [
    ("1,390", 1390), ("1.390", 1390), ("1 390", 1390), ("1\u00a0390", 1390),
    ("1,390,000", 1390000), ("1390", 1390), ("12,5", 12.5), ("0,390", 0.39),
    ("1.390,5", 1390.5), ("1,39", 1.39)])
def test_parse_count_reads_thousands_of_either_system(text, value):
    """A count typed on an English system ("1,390") is 1390; a decimal stays a decimal."""
    assert parse_count(text) == value
