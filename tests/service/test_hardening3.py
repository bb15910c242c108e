"""Hardening, round three (issue 22's review): the gaps left after round two."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from fastapi.routing import APIRoute

from cchc import examples
from cchc.service.json_body import JsonRoute

HUGE = "9" * 10_000


def _plan_with_huge_number() -> str:
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    plan["signer"]["name"] = 123456789
    return json.dumps(plan, ensure_ascii=False).replace("123456789", HUGE)


def _assert_names_field(error: dict, path: str, words: str) -> None:
    assert error["code"] == "invalid" and error["field"] == path, error
    message = error["message"]
    assert words in message and "10.000 chữ số" in message and "quá dài" in message, message
    assert not re.search(r"[A-Z][a-z]+Error|integer string|Exceeds|parsing the body", message)


# ---------------------------------------------------------------- 1. long numbers in JSON

def test_api_generate_body_with_a_ten_thousand_digit_number_names_the_field(client, tokens):
    r = client.post("/api/generate/plan", content=_plan_with_huge_number().encode(),
                    headers={**tokens["staff"], "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    _assert_names_field(r.json()["error"], "$.signer.name", "“signer” › “name”")


def test_api_draft_patch_with_a_ten_thousand_digit_number_names_the_field(client, tokens):
    from svc_helpers import wait_job
    from svc_reports import make_record
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023"})
    record = json.dumps(make_record("Sở Xây dựng", 85.5, 120, "a.docx"), ensure_ascii=False)
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("a.json", record.encode()))])
    (result,) = wait_job(client, h, r.json()["url"])["results"]
    body = '{"path": "$.tthc_stats.rows[0].received_total", "value": ' + HUGE + "}"
    r = client.patch(f"/api/drafts/{result['draft_id']}", content=body.encode(),
                     headers={**tokens["staff"], "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    _assert_names_field(r.json()["error"], "$.value", "“value”")
    draft = client.get(f"/api/drafts/{result['draft_id']}", headers=h).json()
    assert draft["record"]["tthc_stats"]["rows"][0]["received_total"] == 120  # untouched


def test_every_api_route_with_a_body_reads_it_through_jsonload(app):
    routes = [r for r in app.state.body_routes if isinstance(r, APIRoute)
              and r.path.startswith("/api/") and r.body_field is not None]
    assert routes and all(isinstance(r, JsonRoute) for r in routes), [
        r.path for r in routes if not isinstance(r, JsonRoute)]


def test_cli_generate_with_a_ten_thousand_digit_number_names_file_and_field(tmp_path):
    from cchc.cli import main
    data = tmp_path / "ke-hoach.json"
    data.write_text(_plan_with_huge_number(), encoding="utf-8")
    out = tmp_path / "kh.docx"
    result = CliRunner().invoke(main, ["generate", "plan", str(data), "-o", str(out)],
                                prog_name="cchc")
    assert result.exit_code != 0 and not out.exists()
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert str(data) in text and "$.signer.name" in text and "10.000 chữ số" in text, text
    assert "Traceback" not in text and "Exceeds" not in text


def test_web_generate_page_with_a_ten_thousand_digit_number_names_the_field(client, tokens):
    import html
    page = client.get("/login")
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": "staff", "password": "mat-khau-dai-1",
                                "csrf": csrf})
    csrf = client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]
    r = client.post("/generate", data={"csrf": csrf, "kind": "plan",
                                       "data": _plan_with_huge_number()})
    assert r.status_code == 422
    text = html.unescape(r.text)
    assert "“signer” › “name”: số có 10.000 chữ số, quá dài" in text
    assert "$.signer" not in text and "ValueError" not in text
