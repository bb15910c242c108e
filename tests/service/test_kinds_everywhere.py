"""One registry of document kinds drives the CLI, the API and the web page.

A kind added to ``cchc.generator.documents.KINDS`` must appear in all three without
touching them; these tests fail if any of them keeps a list of its own again.
"""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from svc_helpers import PASSWORD

from cchc import examples
from cchc.cli import main
from cchc.generator.documents import KINDS


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_a_cli_command(name):
    result = CliRunner().invoke(main, ["generate", name, "--help"])
    assert result.exit_code == 0, result.output
    assert "-o, --output" in result.output


def test_every_kind_is_an_api_path_and_a_page_choice(client, tokens):
    schema = client.get("/openapi.json").json()
    params = schema["paths"]["/api/generate/{kind}"]["post"]["parameters"]
    kind_param = next(p for p in params if p["name"] == "kind")
    assert sorted(kind_param["schema"]["enum"]) == sorted(KINDS)
    login = client.get("/login").text
    csrf = login.split('name="csrf" value="')[1].split('"')[0]
    r = client.post("/login", data={"username": "staff", "password": PASSWORD, "csrf": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/generate").text
    for kind in KINDS.values():
        assert kind.label in page


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_renders_its_example_through_the_api(client, tokens, name):
    kind = KINDS[name]
    r = client.post(f"/api/generate/{name}", json=examples.load(kind.example),
                    headers=tokens["staff"])
    assert r.status_code == 200, r.text
    assert f"{kind.filename}.{kind.formats[0]}" in r.headers["content-disposition"]
    if kind.formats[0] == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
        assert len(text) > 200
    else:
        assert load_workbook(io.BytesIO(r.content)).active.max_row > 3


def test_the_report_kind_reads_its_record():
    record = examples.load(KINDS["report"].example)
    blob = KINDS["report"].build(record)
    text = "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
    assert record["unit"]["name"].upper() in text
