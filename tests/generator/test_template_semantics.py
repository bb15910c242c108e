"""``cchc generate --template`` on what users really write: split tags, comments,
properties, literals, missing variables, error kinds."""

from __future__ import annotations

import io
import json

import docx
import pytest

from cchc.core.errors import CchcError
from cchc.generator.render import CompiledTemplate
from tests.conftest import run_cli
from tests.generator.test_errors import assert_clean_failure


def build(path, *paragraphs, title=None):
    """A template; a paragraph given as a tuple becomes one run per piece (split tags)."""
    document = docx.Document()
    for item in paragraphs:
        p = document.add_paragraph()
        for i, piece in enumerate((item,) if isinstance(item, str) else item):
            p.add_run(piece).bold = i % 2 == 1
    if title:
        document.core_properties.title = title
    document.save(path)
    return path


def generate(tmp_path, tpl, data):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "o.docx"
    return run_cli("generate", "--template", tpl, path, "-o", out), out


def test_split_tag_renders_and_is_listed(tmp_path):
    tpl = build(tmp_path / "t.docx", ("Kính gửi: {", "{ ten_don", "_vi }", "}"))
    result, out = generate(tmp_path, tpl, {"ten_don_vi": "Sở Y tế"})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "Kính gửi: Sở Y tế"
    assert run_cli("template", "vars", tpl).stdout.split() == ["ten_don_vi"]


def test_comments_of_every_form_disappear(tmp_path):
    tpl = build(tmp_path / "t.docx", "A{# ghi chú #}B", "{#p cả đoạn là ghi chú #}",
                ("C{", "# tách #", "}D"))
    assert [p.text for p in docx.Document(generate(tmp_path, tpl, {})[1]).paragraphs] == [
        "AB", "CD"]


def test_core_properties_render_as_plain_text(tmp_path):
    tpl = build(tmp_path / "t.docx", "x", title="Kế hoạch {{ year }} của {{ unit }}")
    result, out = generate(tmp_path, tpl, {"year": 2023, "unit": "Sở KH&ĐT"})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).core_properties.title == "Kế hoạch 2023 của Sở KH&ĐT"


def test_string_literals_are_escaped_once_and_data_stays_escaped(tmp_path):
    tpl = build(tmp_path / "t.docx", "{{ 'Sở KH&ĐT' }} / {{ '<b>' }} / {{ v }}")
    result, out = generate(tmp_path, tpl, {"v": "R&D <i>"})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "Sở KH&ĐT / <b> / R&D <i>"


def test_data_with_braces_prints_as_typed(tmp_path):
    tpl = build(tmp_path / "t.docx", "{{ v }}")
    result, out = generate(tmp_path, tpl, {"v": "{{ không phải thẻ }} {% x %}"})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "{{ không phải thẻ }} {% x %}"


def test_every_missing_variable_is_named_with_its_place(tmp_path):
    tpl = build(tmp_path / "t.docx", "Kính gửi {{ recipient }}", "{{ unit.name }}",
                "{% for u in units %}{{ u.code }}: {{ u.head }}{% endfor %}",
                "{% if missing_flag %}x{% endif %}{{ present }}")
    result, out = generate(tmp_path, tpl, {"unit": {}, "units": [{"code": "A"}],
                                           "present": 1})
    assert_clean_failure(result, out)
    for name in ("biến 'recipient'", "trường 'name'", "trường 'head'", "biến 'missing_flag'"):
        assert name in result.stderr, name
    assert "4 biến/trường" in result.stderr
    assert "«Kính gửi {{ recipient }}»" in result.stderr
    assert "biến 'present'" not in result.stderr


def test_defined_tests_and_defaults_are_not_missing(tmp_path):
    tpl = build(tmp_path / "t.docx", "{% if x is defined %}x{% endif %}{{ y|default('-') }}")
    result, out = generate(tmp_path, tpl, {})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "-"


@pytest.mark.parametrize("source, expected", [
    ("{{ x|khong_co }}", "bộ lọc 'khong_co'"),
    ("{% if false %}{{ x|khong_co }}{% endif %}", "bộ lọc 'khong_co'"),
    ("{% include 'a.docx' %}", "{% include %}"),
    ("{% import 'a' as a %}", "{% import %}"),
    ("{% extends 'a' %}", "{% extends %}"),
    ("{{ range(10**9)|list }}", "range(1000000000)"),
    ("{{ ''.__class__.__mro__ }}", "không được phép"),
    ("{{ x ", "cú pháp"),
])
def test_error_kinds(tmp_path, source, expected):
    result, out = generate(tmp_path, build(tmp_path / "t.docx", source), {"x": 1})
    assert_clean_failure(result, out)
    assert result.returncode == 2  # a template error, not "Lỗi không mong đợi" (3)
    assert expected in result.stderr


def test_raw_tag_in_the_output_is_an_error(tmp_path):
    tpl = build(tmp_path / "t.docx", "{% raw %}{{ a }}{% endraw %}")
    result, out = generate(tmp_path, tpl, {})
    assert_clean_failure(result, out)
    assert "thẻ mẫu còn nguyên" in result.stderr


def test_tags_in_a_part_that_is_not_rendered_are_refused(tmp_path):
    tpl = build(tmp_path / "t.docx", "x")
    document = docx.Document(tpl)
    document.core_properties.keywords = "ok"
    document.save(tpl)
    import zipfile
    with zipfile.ZipFile(tpl) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries["word/comments.xml"] = (
        b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:comment w:id="0"><w:p><w:r><w:t>{{ ghi_chu }}</w:t></w:r></w:p></w:comment>'
        b'</w:comments>')
    with zipfile.ZipFile(tpl, "w") as zf:
        for name, blob in entries.items():
            zf.writestr(name, blob)
    with pytest.raises(CchcError) as info:
        CompiledTemplate(tpl)
    assert "word/comments.xml" in str(info.value)


def test_escaped_braces_print_as_braces(tmp_path):
    tpl = build(tmp_path / "t.docx", "Cú pháp: {_{ ten }_} và {_% if %_}")
    result, out = generate(tmp_path, tpl, {})
    assert result.returncode == 0, result.stderr
    assert docx.Document(out).paragraphs[0].text == "Cú pháp: {{ ten }} và {% if %}"


def test_pictures_copied_by_a_loop_get_distinct_ids(tmp_path):
    from PIL import Image

    png = tmp_path / "logo.png"
    Image.new("RGB", (8, 8), "red").save(png)
    document = docx.Document()
    document.add_paragraph("{%p for u in units %}")
    document.add_paragraph("{{ u }}").add_run().add_picture(str(png))
    document.add_paragraph("{%p endfor %}")
    document.save(tmp_path / "t.docx")
    blob = CompiledTemplate(tmp_path / "t.docx").render({"units": ["A", "B", "C"]})
    body = docx.Document(io.BytesIO(blob)).element.body
    ids = [el.get("id") for el in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == 3 and len(set(ids)) == 3
