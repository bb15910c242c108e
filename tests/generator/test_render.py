"""The cached renderer gives the same document text as plain docxtpl."""

from __future__ import annotations

import io

import docx
from docxtpl import DocxTemplate

from cchc import templates
from cchc.generator.context import plan_context
from cchc.generator.render import CompiledTemplate, SafeEnvironment
from tests.docx_text import blocks
from tests.generator.conftest import load


def text_of(blob: bytes) -> list[str]:
    return blocks(docx.Document(io.BytesIO(blob)))


def test_compiled_template_matches_plain_docxtpl():
    ctx = plan_context(load("plan"))
    fast = CompiledTemplate(templates.path("plan")).render(ctx)
    plain = DocxTemplate(templates.path("plan"))
    plain.render(ctx, jinja_env=SafeEnvironment(), autoescape=True)
    out = io.BytesIO()
    plain.save(out)
    assert text_of(fast) == text_of(out.getvalue())
    headers = [docx.Document(io.BytesIO(b)).sections[0].header.paragraphs[0]._p.xml
               for b in (fast, out.getvalue())]
    assert "PAGE" in headers[0] and headers[0] == headers[1]


def test_one_compiled_template_renders_many_different_documents():
    template = CompiledTemplate(templates.path("plan"))
    first, second = load("plan"), load("plan")
    second["signer"]["name"] = "Nguyễn Văn An"
    a = text_of(template.render(plan_context(first)))
    b = text_of(template.render(plan_context(second)))
    assert "Mai Sơn" in a and "Mai Sơn" not in b and "Nguyễn Văn An" in b
