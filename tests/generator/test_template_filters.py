"""Vietnamese filters built in, a user's own filters (--filters), `template vars` with
unknown filters, and --missing blank: what real applications' templates need."""

from __future__ import annotations

import json

import docx
import jinja2
import pytest
from docxtpl import DocxTemplate

from cchc.generator.filters import (
    integer_words,
    lower,
    money_words,
    number,
    number_words,
    roman,
    upper,
)


@pytest.mark.parametrize(("n", "words"), [
    (0, "không"), (5, "năm"), (10, "mười"), (15, "mười lăm"), (21, "hai mươi mốt"),
    (24, "hai mươi tư"), (25, "hai mươi lăm"), (55, "năm mươi lăm"), (101, "một trăm linh một"),
    (110, "một trăm mười"), (1005, "một nghìn không trăm linh năm"),
    (1015, "một nghìn không trăm mười lăm"), (20_000, "hai mươi nghìn"),
    (1_200_000_000, "một tỷ hai trăm triệu"),
    (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
    (1_000_000_001, "một tỷ không trăm linh một"), (10 ** 12, "một nghìn tỷ")])
def test_integers_in_words(n, words):
    assert integer_words(n) == words


def test_money_and_decimals_in_words():
    assert money_words(1_200_000_000) == "Một tỷ hai trăm triệu đồng chẵn"
    assert money_words("3.300.000.000") == "Ba tỷ ba trăm triệu đồng chẵn"
    assert money_words(1005) == "Một nghìn không trăm linh năm đồng"
    assert number_words(85.5) == "tám mươi lăm phẩy năm"
    assert number_words("85,05") == "tám mươi lăm phẩy không năm"
    with pytest.raises(ValueError, match="số đồng nguyên"):
        money_words(10.5)


def test_numbers_roman_and_case():
    assert number(1234567) == "1.234.567" and number("1.234,5") == "1.234,5"
    assert roman(4) == "IV" and roman(2023) == "MMXXIII"
    assert upper("Sở Tư pháp đường") == "SỞ TƯ PHÁP ĐƯỜNG"
    assert lower("ỦY BAN NHÂN DÂN") == "ủy ban nhân dân"


# --- a bank's template with its own filters ------------------------------------------

FILTERS_PY = '''
import datetime as dt

def format_currency(value):
    return f"{value:,.0f}".replace(",", ".") + " VNĐ"

def num2words(value, lang="vi"):
    return "một trăm triệu" if value == 100_000_000 else str(value)

def dateformat(value, fmt="%d/%m/%Y"):
    return dt.date.fromisoformat(value).strftime(fmt)

def to_roman(value):
    return {1: "I", 2: "II", 3: "III", 4: "IV"}[value]
'''
LINES = ["Điều {{ dieu|to_roman }}. Số tiền vay: {{ so_tien|format_currency }}",
         "Bằng chữ: {{ so_tien|num2words(lang='vi') }} đồng",
         "Ngày ký: {{ ngay|dateformat('%d/%m/%Y') }}; bên vay: {{ ben_vay|vn_upper }}"]
DATA = {"dieu": 4, "so_tien": 100_000_000, "ngay": "2023-06-05", "ben_vay": "Nguyễn Văn An"}


@pytest.fixture
def bank(tmp_path):
    template = tmp_path / "hop-dong.docx"
    doc = docx.Document()
    for line in LINES:
        doc.add_paragraph(line)
    doc.save(template)
    filters = tmp_path / "bo_loc.py"
    filters.write_text(FILTERS_PY, encoding="utf-8")
    data = tmp_path / "du-lieu.json"
    data.write_text(json.dumps(DATA, ensure_ascii=False), encoding="utf-8")
    return template, filters, data


def _texts(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def test_user_filters_render_like_docxtpl_with_the_same_filters(cli, bank, tmp_path):
    template, filters, data = bank
    out = tmp_path / "ket-qua.docx"
    proc = cli("generate", "--template", template, data, "--filters", filters, "-o", out)
    assert proc.returncode == 0, proc.stderr
    namespace: dict = {}
    exec(FILTERS_PY, namespace)  # noqa: S102 - the test's own filters, as the app has them
    env = jinja2.Environment()
    env.filters.update({k: namespace[k] for k in ("format_currency", "num2words",
                                                  "dateformat", "to_roman")})
    env.filters["vn_upper"] = upper
    plain = DocxTemplate(template)
    plain.render(DATA, jinja_env=env)
    plain.save(tmp_path / "docxtpl.docx")
    assert _texts(out) == _texts(tmp_path / "docxtpl.docx")
    assert _texts(out)[0] == "Điều IV. Số tiền vay: 100.000.000 VNĐ"


def test_without_the_filters_the_refusal_names_the_filter(cli, bank, tmp_path):
    template, _filters, data = bank
    proc = cli("generate", "--template", template, data, "-o", tmp_path / "x.docx")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "to_roman" in proc.stderr or "format_currency" in proc.stderr
    assert not (tmp_path / "x.docx").exists()


def test_template_vars_lists_variables_despite_unknown_filters(cli, bank):
    template, _filters, _data = bank
    proc = cli("template", "vars", template)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["ben_vay", "dieu", "ngay", "so_tien"]


def test_missing_values_refused_by_default_blank_when_asked(cli, bank, tmp_path):
    template, filters, _data = bank
    partial = tmp_path / "thieu.json"
    partial.write_text(json.dumps({k: v for k, v in DATA.items() if k != "ben_vay"}),
                       encoding="utf-8")
    out = tmp_path / "ket-qua.docx"
    proc = cli("generate", "--template", template, partial, "--filters", filters, "-o", out)
    assert proc.returncode != 0 and "biến 'ben_vay'" in proc.stderr and not out.exists()
    proc = cli("generate", "--template", template, partial, "--filters", filters,
               "--missing", "blank", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "Cảnh báo: để trống biến 'ben_vay'" in proc.stderr
    assert _texts(out)[2] == "Ngày ký: 05/06/2023; bên vay: "


def test_a_broken_filters_file_is_named_with_its_line(cli, bank, tmp_path):
    template, _filters, data = bank
    broken = tmp_path / "hong.py"
    broken.write_text("def f(:\n", encoding="utf-8")
    proc = cli("generate", "--template", template, data, "--filters", broken,
               "-o", tmp_path / "x.docx")
    assert proc.returncode != 0 and f"{broken}: lỗi cú pháp Python ở dòng 1" in proc.stderr


def test_listing_variables_does_not_make_unknown_filters_renderable(bank):
    from cchc.generator.render import CompiledTemplate

    template, _filters, _data = bank
    listed = CompiledTemplate(template, compile_parts=False)
    assert "so_tien" in listed.variables()
    assert "to_roman" not in listed.env.filters
