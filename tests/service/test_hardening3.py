"""Hardening, round three (issue 22's review): the gaps left after round two."""

from __future__ import annotations

import json
import re

import pytest
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


# ---------------------------------------------------------------- 3. one throttle for all workers

@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'svc.db'}"
    from tests.pg import PG_URL, empty_database
    if not PG_URL:
        pytest.skip("CCHC_TEST_PG_URL is not set (bash .ci/start-postgres starts a server)")
    return empty_database("throttle")


def test_the_login_throttle_is_shared_by_every_worker_process(tmp_path, shared_url):
    """``cchc serve --workers N`` runs N processes over one database: two apps on one
    database stand for two of them. Wrong passwords spread over both count together."""
    from fastapi.testclient import TestClient
    from svc_helpers import PASSWORD, close_app

    from cchc.service import users
    from cchc.service.app import create_app
    from cchc.service.throttle import FREE
    first, second = (create_app(shared_url, secret="test-secret", data_dir=tmp_path)
                     for _ in range(2))
    for role in ("staff", "admin"):
        users.add_user(first.state.archive, role, PASSWORD, role)
    try:
        with TestClient(first) as a, TestClient(second) as b:
            def guess(client, password="sai-mat-khau"):
                return client.post("/api/auth/token",
                                   json={"username": "staff", "password": password})
            codes = [guess(a if i % 2 else b).status_code for i in range(FREE)]
            assert codes == [401] * FREE
            assert guess(a).status_code == 429 and guess(b).status_code == 429
            assert guess(b, PASSWORD).status_code == 429  # held, even the right one
            r = b.post("/api/auth/token", json={"username": "admin", "password": PASSWORD})
            assert r.status_code == 200  # another account from the same address gets in
    finally:
        close_app(second)
        close_app(first)


def test_the_throttle_table_is_bounded(tmp_path, monkeypatch):
    from sqlalchemy import func, select

    from cchc.service import throttle
    from cchc.service.db import open_service_db
    from cchc.service.models import LoginAttempt
    monkeypatch.setattr(throttle, "MAX_KEYS", 12)
    archive = open_service_db(f"sqlite:///{tmp_path / 'svc.db'}")
    now = [1_000_000.0]
    limiter = throttle.Throttle(throttle.DatabaseCounts(archive), clock=lambda: now[0])
    try:
        for i in range(10):
            assert limiter.attempt(limiter.keys(f"u{i}", f"10.0.0.{i}")) == 0
        with archive.sessions() as s:
            assert s.scalar(select(func.count()).select_from(LoginAttempt)) == 12
            assert all(re.fullmatch(r"[0-9a-f]{64}", k)  # digests, never a typed name
                       for k in s.scalars(select(LoginAttempt.key_sha256)))
        now[0] += throttle.FORGET_AFTER + 1
        limiter.attempt(limiter.keys("late", "10.9.9.9"))
        with archive.sessions() as s:
            assert s.scalar(select(func.count()).select_from(LoginAttempt)) == 3
    finally:
        archive.close()


# ---------------------------------------------------------------- 4. HSTS over HTTPS only

def _hsts(app, base_url="http://testserver", **headers) -> list[str | None]:
    from fastapi.testclient import TestClient
    with TestClient(app, base_url=base_url) as c:
        return [c.get(path, headers=headers).headers.get("strict-transport-security")
                for path in ("/login", "/api/health", "/static/style.css", "/no-such-page")]


def test_hsts_with_secure_cookies_or_https_never_over_plain_http(tmp_path):
    from svc_helpers import close_app

    from cchc.service.app import create_app
    plain = create_app(f"sqlite:///{tmp_path / 'a.db'}", secret="s", data_dir=tmp_path)
    secure = create_app(f"sqlite:///{tmp_path / 'b.db'}", secret="s", data_dir=tmp_path,
                        secure_cookies=True)
    try:
        assert _hsts(plain) == [None] * 4  # plain http: never
        assert _hsts(plain, **{"X-Forwarded-Proto": "https"}) == [None] * 4  # no proxy trusted
        year = "max-age=31536000"
        assert _hsts(plain, base_url="https://testserver") == [year] * 4  # TLS here
        assert _hsts(secure) == [year] * 4  # the operator says a TLS proxy is in front
        assert _hsts(secure, **{"X-Forwarded-Proto": "http"}) == [None] * 4  # a proxy said not
    finally:
        close_app(plain)
        close_app(secure)
