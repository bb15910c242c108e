"""Text XML cannot carry is refused, naming the field; generated XML is never recovered.

A lone surrogate once cut a plan to 2 of its 42 paragraphs with exit 0, because
docxtpl's recovering parser dropped everything after it.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from cchc import examples, templates
from cchc.core.errors import CchcError
from cchc.generator.context import plan_context
from cchc.generator.render import CompiledTemplate
from cchc.generator.xmlcheck import verify
from cchc.schemas.text import text_problems
from tests.conftest import run_cli
from tests.generator.test_errors import assert_clean_failure

BAD = {"surrogate": "\ud800", "bell": "\x07", "form_feed": "\x0c", "nul": "\x00",
       "vertical_tab": "\x0b", "fffe": "\ufffe", "ffff": "\uffff"}


def plan() -> dict:
    return json.loads(examples.path("plan").read_text(encoding="utf-8"))


@pytest.mark.parametrize("char", sorted(BAD))
def test_each_character_is_named_with_its_path(char):
    data = {"a": [{"b": f"Sở {BAD[char]} Nội vụ"}], "ok": "tab\tand\nnewline"}
    problems = text_problems(data)
    assert len(problems) == 1 and problems[0].startswith("$.a[0].b: ")
    assert f"U+{ord(BAD[char]):04X}" in problems[0]


def test_keys_and_deep_values_are_checked():
    assert text_problems({"x\x07": 1})[0].startswith("$['x\\x07']")
    deep: list = []
    node = deep
    for _ in range(500):
        node.append([])
        node = node[0]
    assert "lồng nhau quá sâu" in text_problems(deep)[0]


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_cli_refuses_a_surrogate_in_any_field(tmp_path, command):
    data = plan()
    data["purposes"][1] = "Đánh giá \ud800 thực chất"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: valid JSON
    out = tmp_path / "plan.docx"
    args = ("validate", "plan", path) if command == "validate" else (
        "generate", "plan", path, "-o", out)
    result = run_cli(*args)
    assert_clean_failure(result, out)
    assert "$.purposes[1]" in result.stderr and "U+D800" in result.stderr


def test_generate_template_refuses_control_characters(tmp_path):
    tpl = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ a }}")
    document.save(tpl)
    data = tmp_path / "d.json"
    data.write_text(json.dumps({"a": "x\x0cy"}), encoding="utf-8")
    out = tmp_path / "o.docx"
    result = run_cli("generate", "--template", tpl, data, "-o", out)
    assert_clean_failure(result, out)
    assert "$.a" in result.stderr and "U+000C" in result.stderr


def test_renderer_fails_loudly_instead_of_recovering():
    """Data that bypassed validation: the document is refused, not cut short."""
    ctx = plan_context(plan())
    ctx["purposes"] = ["Mục đích một", "hai \x0b ba", *ctx["purposes"]]
    with pytest.raises(CchcError) as info:
        CompiledTemplate(templates.path("plan")).render(ctx)
    assert "XML hỏng" in str(info.value) and "word/document.xml" in str(info.value)


def test_verify_catches_a_document_that_lost_paragraphs():
    blob = CompiledTemplate(templates.path("plan")).render(plan_context(plan()))
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
    body = root.find(qn("w:body"))
    for p in body.findall(qn("w:p"))[2:]:  # what a recovering parser left of the plan
        body.remove(p)
    cut = etree.tostring(root)
    truncated = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(truncated, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, cut if info.filename == "word/document.xml" else src.read(info))
    assert verify(blob, blob) is blob
    with pytest.raises(CchcError) as info:
        verify(truncated.getvalue(), blob)
    assert "không đầy đủ" in str(info.value)


def test_no_recovering_parser_in_the_render_path():
    from cchc import generator

    for source in Path(generator.__file__).parent.glob("*.py"):
        assert "recover=True" not in source.read_text(encoding="utf-8"), source


def test_memo_of_parsed_parts_never_hides_a_broken_part():
    """Parts seen before are not parsed again; a changed part always is."""
    blob = CompiledTemplate(templates.path("plan")).render(plan_context(plan()))
    assert verify(blob, blob) is blob  # every part now known good
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[:-20] if info.filename == "word/styles.xml" else data)
    with pytest.raises(CchcError) as info:
        verify(broken.getvalue())
    assert "XML hỏng" in str(info.value) and "word/styles.xml" in str(info.value)
