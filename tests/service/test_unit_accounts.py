"""Unit accounts (issue 25): invites redeemed once, and a unit account refused by every
route of the service except its own pages, and by those for any other unit's form."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from svc_reports import report_docx
from unit_helpers import csrf_of, invite, redeem, round_with_plan, unit_form_id

from cchc.core.errors import CchcError
from cchc.service import users

# The routes a unit account may use: its own pages, and what any signed-in user may.
UNIT_ROUTES = {
    ("GET", "/don-vi"), ("GET", "/don-vi/bao-cao/{form_id}"),
    ("PUT", "/api/don-vi/bao-cao/{form_id}"), ("GET", "/don-vi/bao-cao/{form_id}/van-ban"),
    ("POST", "/don-vi/bao-cao/{form_id}/ban-ky"), ("POST", "/don-vi/bao-cao/{form_id}/nop"),
    ("POST", "/don-vi/bao-cao/{form_id}/word"),
}
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/api/health"),
          ("POST", "/api/auth/token"), ("GET", "/don-vi/nhan-ma"), ("POST", "/don-vi/nhan-ma")}
SELF = {("DELETE", "/api/auth/token"), ("POST", "/api/auth/password"), ("GET", "/api/auth/me")}
VALUES = {"code": "2023", "kind": "plan", "name": "admin", "job_id": "x", "digest": "a" * 64,
          "number": "1", "action": "add", "unit": "x"}


def _routes(app):
    """The routers' routes (create_app lists them: the app wraps them in private classes)
    and the app's own (docs, health)."""
    for route in [*app.state.body_routes, *app.routes]:
        if isinstance(route, APIRoute):
            for method in route.methods - {"HEAD"}:
                yield method, route.path


def _url(path: str, ids: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), VALUES.get(m.group(1), 1))),
                  path)


@pytest.fixture
def world(client, tokens):
    units = round_with_plan(client, tokens)
    job = client.post("/api/rounds/2023/drafts", headers=tokens["admin"],
                      files=[("files", ("c.docx", report_docx("Sở Tài chính")))]).json()
    from svc_helpers import wait_job
    draft_id = wait_job(client, tokens["admin"], job["url"])["results"][0]["draft_id"]
    rep = client.post("/api/rounds/2023/reports", headers=tokens["admin"],
                      files={"file": ("b.docx", report_docx("Sở Xây dựng"))}).json()
    code_a, code_b = invite(client, "2023", units[0]), invite(client, "2023", units[1])
    assert redeem(client, code_b, "donvi-b").status_code == 200
    form_b = unit_form_id(client)
    client.cookies.clear()
    assert redeem(client, code_a, "donvi-a").status_code == 200
    form_a = unit_form_id(client)
    return {"units": units, "draft_id": draft_id, "report_id": rep["report_id"],
            "form_a": form_a, "form_b": form_b, "form_id": form_b, "rec_id": 1,
            "conclusion_id": 1}


def test_an_invite_makes_one_unit_account_once(client, tokens):
    units = round_with_plan(client, tokens)
    code = invite(client, "2023", units[1])
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    r = redeem(client, code.lower().replace("-", " "), "so-xay-dung")  # as typed off paper
    assert r.status_code == 200 and str(r.url).endswith("/don-vi")
    assert units[1] in r.text and "Nhập báo cáo" in r.text
    user = users.find_user(client.app.state.archive, "so-xay-dung")
    assert user.role == "donvi"
    r = redeem(client, code, "ke-khac")
    assert r.status_code == 422 and "mã mời không đúng, đã dùng hoặc đã hết hạn" in r.text
    assert users.find_user(client.app.state.archive, "ke-khac") is None
    r = redeem(client, "AAAA-BBBB-CCCC", "ke-khac")
    assert r.status_code == 422 and users.find_user(client.app.state.archive, "ke-khac") is None
    # the unit logs in again later with its own password
    page = client.get("/login")
    r = client.post("/login", data={"csrf": csrf_of(page.text), "username": "so-xay-dung",
                                    "password": "mat-khau-don-vi-1"})
    assert str(r.url).endswith("/don-vi")
    # staff see the invite used, never its code
    from test_web_pages import _login
    _login(client, "staff")
    page = client.get("/rounds/2023/don-vi")
    assert "đã dùng (so-xay-dung" in page.text and code not in page.text


def test_only_staff_invite_and_only_scheduled_units(client, tokens):
    from test_web_pages import _login
    round_with_plan(client, tokens)
    csrf = _login(client, "viewer")
    r = client.post("/rounds/2023/don-vi", data={"csrf": csrf, "unit": "Sở Xây dựng"})
    assert r.status_code == 403
    assert client.get("/rounds/2023/don-vi").status_code == 403
    csrf = _login(client, "staff")
    r = client.post("/rounds/2023/don-vi", data={"csrf": csrf, "unit": "Sở Không Có"})
    assert r.status_code == 422 and "không có trong lịch kiểm tra" in r.text


def test_a_unit_role_is_never_given_by_hand(client, tokens):
    r = client.post("/api/users", headers=tokens["admin"],
                    json={"name": "x", "password": "mat-khau-dai-9", "role": "donvi"})
    assert r.status_code == 422 and users.find_user(client.app.state.archive, "x") is None
    with pytest.raises(CchcError, match="mã mời"):   # the admin page and `cchc user` too
        users.add_user(client.app.state.archive, "x", "mat-khau-dai-9", "donvi")
    with pytest.raises(CchcError, match="mã mời"):
        users.set_role(client.app.state.archive, "viewer", "donvi")
    round_with_plan(client, tokens)
    assert redeem(client, invite(client, "2023", "Sở Xây dựng"), "dv").status_code == 200
    with pytest.raises(CchcError, match="tài khoản đơn vị"):   # nor a unit's made an office one
        users.set_role(client.app.state.archive, "dv", "viewer")


def test_every_other_route_refuses_a_unit_account(client, tokens, world):
    """Every route of the app (API and pages, today's and tomorrow's), tried with the
    unit's session and with its bearer token: refused unless it is the unit's own."""
    csrf = csrf_of(client.get("/don-vi").text)
    token = client.post("/api/auth/token", json={"username": "donvi-a",
                                                 "password": "mat-khau-don-vi-1"}).json()
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    tried = 0
    for method, path in sorted(set(_routes(client.app))):
        if (method, path) in UNIT_ROUTES | PUBLIC | SELF:
            continue
        url = _url(path, world)
        extra = {"files": {"file": ("a.pdf", b"%PDF-1.4\n")}, "data": {"csrf": csrf}} \
            if method != "GET" else {}
        for headers in ({"X-CSRF-Token": csrf}, bearer):
            r = client.request(method, url, headers=headers, follow_redirects=False, **extra)
            assert r.status_code in (401, 403), f"{method} {url}: {r.status_code} {r.text[:300]}"
            tried += 1
    assert tried > 80
    # the unit's data stays as it was: the draft still waits, nothing was imported
    d = client.get(f"/api/drafts/{world['draft_id']}", headers=tokens["admin"]).json()
    assert d["status"] == "pending"


def test_unit_a_cannot_reach_unit_b_by_id(client, tokens, world):
    a, b = world["form_a"], world["form_b"]
    assert a != b
    page = client.get(f"/don-vi/bao-cao/{a}")
    assert page.status_code == 200 and world["units"][0] in page.text
    csrf = csrf_of(page.text)
    for fid in (b, b + 100, 2_000_000):
        assert client.get(f"/don-vi/bao-cao/{fid}").status_code == 404
        assert client.get(f"/don-vi/bao-cao/{fid}/van-ban?format=docx").status_code == 404
        r = client.put(f"/api/don-vi/bao-cao/{fid}", headers={"X-CSRF-Token": csrf,
                                                              "If-Match": "1"},
                       json={"fields": {"sections.1": "ghi đè"}})
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        r = client.post(f"/don-vi/bao-cao/{fid}/ban-ky", data={"csrf": csrf},
                        files={"file": ("k.pdf", b"%PDF-1.4\n%%EOF\n")})
        assert r.status_code == 404
        assert client.post(f"/don-vi/bao-cao/{fid}/nop", data={"csrf": csrf}).status_code == 404
        r = client.post(f"/don-vi/bao-cao/{fid}/word", data={"csrf": csrf},
                        files={"file": ("a.docx", report_docx("Sở Xây dựng"))})
        assert r.status_code == 404
    assert world["units"][1] not in client.get("/don-vi").text
    refused = client.get("/rounds/2023")      # an office page: refused, the way home is its own
    assert refused.status_code == 403 and 'href="/don-vi">Trang đầu' in refused.text
    # B's form is untouched
    from cchc.service import unit_forms
    row = unit_forms.get(client.app.state.archive, b)
    assert row.fields == {} and row.signed_data is None and row.status == "editing"


def test_office_accounts_do_not_use_unit_pages(client, tokens, world):
    from test_web_pages import _login
    r = client.put(f"/api/don-vi/bao-cao/{world['form_a']}", headers={**tokens["admin"],
                                                                       "If-Match": "1"},
                   json={"fields": {"sections.1": "x"}})
    assert r.status_code == 403
    csrf = csrf_of(client.get(f"/don-vi/bao-cao/{world['form_a']}").text)
    r = client.put(f"/api/don-vi/bao-cao/{world['form_a']}", headers={"If-Match": "1"},
                   json={"fields": {"sections.1": "x"}})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"   # the unit's own,
    r = client.put(f"/api/don-vi/bao-cao/{world['form_a']}",             # without the token
                   headers={"If-Match": "1", "X-CSRF-Token": csrf},
                   json={"fields": {"sections.1": "x"}})
    assert r.status_code == 200
    _login(client, "admin")
    assert client.get(f"/don-vi/bao-cao/{world['form_a']}").status_code == 403
    assert client.get("/don-vi").status_code == 403


def test_guessing_codes_is_slowed_down(client, tokens):
    round_with_plan(client, tokens)
    answers = [redeem(client, f"AAAA-BBBB-CC{i:02d}", "ke-doan").status_code for i in range(12)]
    assert 429 in answers and answers[0] == 422
    assert users.find_user(client.app.state.archive, "ke-doan") is None
