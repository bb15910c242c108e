"""Bad input: a Vietnamese message naming the file and field, non-zero exit, no output."""

from __future__ import annotations

import json

import docx
import pytest

from cchc import examples, templates
from tests.conftest import run_cli


def plan_data() -> dict:
    return json.loads(examples.path("plan").read_text(encoding="utf-8"))


def assert_clean_failure(result, out_path):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Lỗi:")
    assert not out_path.exists()
    leftovers = [p for p in out_path.parent.iterdir() if p.name.startswith(f".{out_path.name}")]
    assert leftovers == []


def test_invalid_json_names_file_line_and_column(tmp_path):
    data = tmp_path / "plan.json"
    data.write_text('{"number": null,\n  "symbol": }', encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run_cli("generate", "plan", data, "-o", out)
    assert_clean_failure(result, out)
    assert str(data) in result.stderr and "dòng 2" in result.stderr


def test_every_schema_violation_is_listed_with_its_path(tmp_path):
    bad = plan_data()
    bad["number"] = "mười"
    bad["date"] = {"year": 2023, "month": 13}
    del bad["signer"]["name"]
    bad["schedule"][1]["quarter"] = "V"
    data = tmp_path / "plan.json"
    data.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run_cli("generate", "plan", data, "-o", out)
    assert_clean_failure(result, out)
    for path in ("$.number", "$.date.month", "$.signer", "$.schedule[1].quarter"):
        assert path in result.stderr, path
    assert "thiếu trường bắt buộc 'name'" in result.stderr


def test_validate_command(tmp_path):
    ok = run_cli("validate", "plan", examples.path("plan"))
    assert ok.returncode == 0 and "hợp lệ" in ok.stdout
    bad = tmp_path / "x.json"
    bad.write_text('{"rows": [{"returned": -2}]}', encoding="utf-8")
    result = run_cli("validate", "stats", bad)
    assert result.returncode != 0 and "$.rows[0].returned" in result.stderr


def test_unwritable_output_leaves_nothing(tmp_path):
    out = tmp_path / "missing-dir" / "plan.docx"
    result = run_cli("generate", "plan", examples.path("plan"), "-o", out)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "không tồn tại" in result.stderr
    assert not out.parent.exists()


def test_output_that_is_a_directory_fails_cleanly(tmp_path):
    out = tmp_path / "plan.docx"
    out.mkdir()
    result = run_cli("generate", "plan", examples.path("plan"), "-o", out)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert out.is_dir() and [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def make_template(path, *texts):
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    document.save(path)
    return path


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_missing_template(tmp_path):
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tmp_path / "nope.docx",
                     write_json(tmp_path / "d.json", {}), "-o", out)
    assert_clean_failure(result, out)
    assert "không tìm thấy tệp mẫu" in result.stderr


def test_broken_template(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"%PDF-1.4 this is not a word document")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", broken, write_json(tmp_path / "d.json", {}),
                     "-o", out)
    assert_clean_failure(result, out)
    assert "không phải tài liệu Word" in result.stderr


def test_template_syntax_error(tmp_path):
    tpl = make_template(tmp_path / "t.docx", "{{ name ")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tpl, write_json(tmp_path / "d.json", {}),
                     "-o", out)
    assert_clean_failure(result, out)
    assert "cú pháp" in result.stderr


def test_undefined_variable_is_named(tmp_path):
    tpl = make_template(tmp_path / "t.docx", "Kính gửi {{ recipient }}", "{{ unit.name }}")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tpl,
                     write_json(tmp_path / "d.json", {"unit": {"code": "SXD"}}), "-o", out)
    assert_clean_failure(result, out)
    assert "'recipient'" in result.stderr


def test_user_text_is_escaped_and_printed_as_typed(tmp_path):
    tpl = make_template(tmp_path / "t.docx", "Đơn vị: {{ name }}")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tpl,
                     write_json(tmp_path / "d.json", {"name": "R&D <b>\"Phòng\"</b>"}), "-o", out)
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "Đơn vị: R&D <b>\"Phòng\"</b>"


def test_template_cannot_reach_python_internals(tmp_path):
    tpl = make_template(tmp_path / "t.docx",
                        "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tpl, write_json(tmp_path / "d.json", {}),
                     "-o", out)
    assert_clean_failure(result, out)


def test_template_vars_lists_the_variables(tmp_path):
    tpl = make_template(tmp_path / "t.docx", "{{ a }} {{ b.c }}", "{% for x in items %}{{ x }}"
                        "{% endfor %}")
    result = run_cli("template", "vars", tpl)
    assert result.returncode == 0
    assert result.stdout.split() == ["a", "b", "items"]
    plan_vars = run_cli("template", "vars", templates.path("plan")).stdout.split()
    assert {"issuer_lines", "number_line", "place_date", "recipient_lines"} <= set(plan_vars)


@pytest.mark.parametrize("kind", ["plan", "outline"])
def test_generate_commands_write_documents(tmp_path, kind):
    out = tmp_path / f"{kind}.docx"
    result = run_cli("generate", kind, examples.path(kind), "-o", out)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert docx.Document(out).paragraphs


def test_pdf_option_without_libreoffice_says_what_to_install(tmp_path):
    out = tmp_path / "plan.docx"
    result = run_cli("generate", "plan", examples.path("plan"), "-o", out, "--pdf",
                     env={"PATH": "/nonexistent"})
    assert_clean_failure(result, out)
    assert "libreoffice" in result.stderr.lower()
