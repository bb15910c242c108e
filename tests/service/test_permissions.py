"""Each role tried against each endpoint: below the required role is 401/403, at or
above it the request gets past the gate (whatever the handler then says).

The table is checked against the OpenAPI description, so a new endpoint without a
row here fails the test instead of going untested.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from svc_reports import report_docx

ROOT = Path(__file__).resolve().parents[2]
# "donvi": a unit account (issue 25), below a viewer: every office route refuses it.
RANK = {None: -2, "donvi": -1, "viewer": 0, "staff": 1, "admin": 2}
DOCX = report_docx("Sở Y tế")


def _plan():
    return json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))


# (method, path, minimum role, request kwargs)
ENDPOINTS = [
    ("GET", "/api/auth/me", "donvi", {}),
    ("GET", "/api/users", "admin", {}),
    ("POST", "/api/users", "admin",
     {"json": {"name": "moi", "password": "mat-khau-moi", "role": "viewer"}}),
    ("GET", "/api/audit", "admin", {}),
    ("PATCH", "/api/users/{name}", "admin", {"path": {"name": "phu"}, "json": {"role": "viewer"}}),
    ("PUT", "/api/users/{name}/password", "admin",
     {"path": {"name": "phu"}, "json": {"password": "mat-khau-phu-2"}}),
    ("DELETE", "/api/users/{name}", "admin", {"path": {"name": "khong-co"}}),
    ("POST", "/api/generate/{kind}", "staff", {"path": {"kind": "plan"}, "json": _plan()}),
    ("POST", "/api/extract", "staff", {"files": {"file": ("a.docx", DOCX)}}),
    ("POST", "/api/extract/batch", "staff", {"files": [("files", ("a.docx", DOCX))]}),
    ("GET", "/api/jobs/{job_id}", "viewer", {"path": {"job_id": "khong-co"}}),
    ("GET", "/api/rounds", "viewer", {}),
    ("POST", "/api/rounds", "staff", {"json": {"code": "2024"}}),
    ("GET", "/api/rounds/{code}", "viewer", {}),
    ("GET", "/api/rounds/{code}/units", "viewer", {}),
    ("GET", "/api/rounds/{code}/reports", "viewer", {}),
    ("POST", "/api/rounds/{code}/reports", "staff", {"files": {"file": ("a.docx", DOCX)}}),
    ("POST", "/api/rounds/{code}/reports/batch", "staff",
     {"files": [("files", ("a.docx", DOCX))]}),
    ("GET", "/api/reports/{report_id}", "viewer", {}),
    ("GET", "/api/reports/{report_id}/original", "viewer", {}),
    ("PUT", "/api/reports/{report_id}/unit", "staff", {"json": {"unit": "Sở Xây dựng"}}),
    ("GET", "/api/rounds/{code}/summary", "viewer", {}),
    ("GET", "/api/rounds/{code}/conclusions", "viewer", {}),
    ("POST", "/api/rounds/{code}/conclusions", "staff",
     {"json": {"unit": "Sở Xây dựng", "findings": {}}}),
    ("GET", "/api/conclusions/{conclusion_id}", "viewer", {}),
    ("POST", "/api/rounds/{code}/drafts", "staff", {"files": [("files", ("a.docx", DOCX))]}),
    ("GET", "/api/rounds/{code}/drafts", "viewer", {}),
    ("GET", "/api/drafts/{draft_id}", "viewer", {}),
    ("PATCH", "/api/drafts/{draft_id}", "staff",
     {"json": {"path": "$.unit.name", "value": "Sở Y tế"}}),
    ("GET", "/api/drafts/{draft_id}/unit", "viewer", {}),
    ("PUT", "/api/drafts/{draft_id}/unit", "staff", {"json": {"unit": "Sở Xây dựng"}}),
    ("POST", "/api/drafts/{draft_id}/accept", "staff", {}),
    ("DELETE", "/api/drafts/{draft_id}", "staff", {"path": {"draft_id": 999}}),
    ("GET", "/api/rounds/{code}/recommendations", "viewer", {}),
    ("PATCH", "/api/recommendations/{rec_id}", "staff",
     {"json": {"status": "remedied", "evidence": "Công văn số 5"}}),
]
PUBLIC = {("GET", "/api/health"), ("POST", "/api/auth/token")}
# Any signed-in user, on their own token or password (tried in test_sessions.py; here
# they would end the shared tokens the matrix runs on).
SELF = {("DELETE", "/api/auth/token"), ("POST", "/api/auth/password")}


def test_every_endpoint_is_in_the_table(shared):
    app = shared[0].app
    documented = {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops}
    listed = {(m, p) for m, p, _, _ in ENDPOINTS}
    assert documented - PUBLIC - SELF == listed


@pytest.mark.parametrize("method,path", sorted(SELF))
def test_own_token_and_password_need_a_login(shared, method, path):
    r = shared[0].request(method, path, json={"old_password": "x", "new_password": "y" * 8})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One service for the whole matrix: each request either is refused (and must
    change nothing) or is repeated harmlessly (a second create is a 409)."""
    from fastapi.testclient import TestClient
    from svc_helpers import close_app, login_tokens, make_app
    application = make_app(tmp_path_factory.mktemp("perm"))
    with TestClient(application) as c:
        yield c, {**login_tokens(c), "donvi": _unit_token(c)}
    close_app(application)


def _unit_token(client) -> dict:
    """A unit account, made the only way there is: a staff invite, redeemed."""
    from svc_helpers import login_tokens
    from unit_helpers import invite, redeem, round_with_plan
    units = round_with_plan(client, login_tokens(client), "don-vi")
    assert redeem(client, invite(client, "don-vi", units[0]), "donvi").status_code == 200
    client.cookies.clear()
    r = client.post("/api/auth/token", json={"username": "donvi",
                                             "password": "mat-khau-don-vi-1"})
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.fixture(scope="module")
def world(shared):
    """A round with one accepted report, one pending draft and one recommendation."""
    client, tokens = shared
    h = tokens["admin"]
    assert client.post("/api/rounds", headers=h, json={"code": "2023"}).status_code == 201
    phu = {"name": "phu", "role": "staff", "password": "mat-khau-phu-1"}
    assert client.post("/api/users", headers=h, json=phu).status_code == 201
    rep = client.post("/api/rounds/2023/reports", headers=h,
                      files={"file": ("b.docx", report_docx("Sở Xây dựng"))}).json()
    from svc_helpers import wait_job
    job = client.post("/api/rounds/2023/drafts", headers=h,
                      files=[("files", ("c.docx", report_docx("Sở Tài chính")))]).json()
    draft_id = wait_job(client, h, job["url"])["results"][0]["draft_id"]
    concl = json.loads((ROOT / "cchc" / "examples" / "conclusion.json").read_text(encoding="utf-8"))
    findings = {k: v for k, v in concl.items() if k not in ("unit", "year", "kind")}
    issued = client.post("/api/rounds/2023/conclusions", headers=h,
                         json={"unit": "Sở Xây dựng", "findings": findings})
    assert issued.status_code == 201, issued.text
    rec_id = client.get("/api/rounds/2023/recommendations", headers=h).json()[0]["id"]
    return {"code": "2023", "report_id": rep["report_id"], "draft_id": draft_id,
            "rec_id": rec_id, "conclusion_id": issued.json()["id"]}


@pytest.mark.parametrize("role", [None, "donvi", "viewer", "staff", "admin"])
@pytest.mark.parametrize("method,path,minimum,kwargs", ENDPOINTS,
                         ids=[f"{m} {p}" for m, p, _, _ in ENDPOINTS])
def test_role_against_endpoint(shared, world, role, method, path, minimum, kwargs):
    client, tokens = shared
    kwargs = dict(kwargs)
    url = path.format(**{**world, **kwargs.pop("path", {})})
    headers = tokens[role] if role else {}
    r = client.request(method, url, headers=headers, **kwargs)
    if role is None:
        assert r.status_code == 401, r.text
        assert r.json()["error"]["code"] == "unauthenticated"
    elif RANK[role] < RANK[minimum]:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "forbidden"
    else:
        assert r.status_code not in (401, 403, 500), r.text
        assert r.status_code < 300 or method == "DELETE" or "{job_id}" in path \
            or r.json()["error"]["code"] in ("user_exists", "round_exists", "not_pending",
                                             "conclusion_exists"), r.text


def test_refused_writes_change_nothing(shared, world):
    client, tokens = shared
    before = client.get("/api/rounds/2023/recommendations", headers=tokens["admin"]).json()
    r = client.patch(f"/api/recommendations/{world['rec_id']}", headers=tokens["viewer"],
                     json={"status": "remedied", "evidence": "x"})
    assert r.status_code == 403
    after = client.get("/api/rounds/2023/recommendations", headers=tokens["admin"]).json()
    assert before == after
    log = client.get("/api/audit", headers=tokens["admin"]).json()
    assert not any(e["user"] == "viewer" and e["action"] == "update" for e in log)


def test_session_writes_need_the_csrf_token(client):
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    r = client.post("/login", data={"username": "admin", "password": "mat-khau-dai-1",
                                    "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/rounds").status_code == 200  # the session reads
    r = client.post("/api/rounds", json={"code": "2030"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = client.post("/api/rounds", json={"code": "2030"}, headers={"X-CSRF-Token": "sai"})
    assert r.status_code == 403
    home = client.get("/")
    token = home.text.split('name="csrf-token" content="')[1].split('"')[0]
    r = client.post("/api/rounds", json={"code": "2030"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    r = client.post("/rounds", data={"code": "2031", "csrf": "sai"}, follow_redirects=False)
    assert r.status_code == 403


def test_pages_answer_errors_as_pages(client):
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"username": "viewer", "password": "mat-khau-dai-1",
                                "csrf": csrf})
    r = client.get("/rounds/khong-co")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "không tìm thấy đợt kiểm tra" in r.text
    home = client.get("/")
    csrf = home.text.split('name="csrf-token" content="')[1].split('"')[0]
    assert "Tạo đợt kiểm tra mới" not in home.text  # the form is for staff and admins
    r = client.post("/rounds", data={"code": "2031", "csrf": csrf})
    assert r.status_code == 403 and "cán bộ" in r.text
    assert client.get("/api/rounds/khong-co").json()["error"]["code"] == "not_found"


def _login(client, name: str) -> str:
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"username": name, "password": "mat-khau-dai-1", "csrf": csrf})
    return client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]


def test_plan_form_round_trip_and_errors(client):
    import io

    from docx import Document
    csrf = _login(client, "staff")
    page = client.get("/plan?start=example")
    assert page.status_code == 200 and "Sở Xây dựng" in page.text
    form = {"csrf": csrf, "symbol": "KH-UBND", "year": "2024", "month": "2", "day": "",
            "number": "", "subject": "Kiểm tra CCHC năm 2024",
            "quarter_0": "I", "group_0": "các Sở", "name_0": "Sở Y tế",
            "quarter_1": "I", "group_1": "các Sở", "name_1": "Sở Tư pháp",
            "quarter_2": "II", "group_2": "UBND huyện", "name_2": "UBND huyện Lục Nam",
            "quarter_3": "I", "group_3": "", "name_3": "",  # a blank row of the table
            "purposes": "- Đánh giá kết quả.", "requirements": "- Khách quan.",
            "contents": "Cải cách thủ tục hành chính.", "team": "Sở Nội vụ.",
            "tasks": "Sở Nội vụ chủ trì.", "preamble": "Thực hiện Chương trình công tác.",
            "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn A",
            "issuer_name": "UỶ BAN NHÂN DÂN\nTỈNH BẮC GIANG", "issuer_code": "UBND",
            "place": "Bắc Giang", "title": "KẾ HOẠCH",
            "recipients": "Các Sở;\nVP UBND tỉnh:\n+ Lưu: VT."}
    r = client.post("/plan", data={**form, "action": "download"})
    assert r.status_code == 200, r.text[:2000]
    doc = Document(io.BytesIO(r.content))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "UBND huyện Lục Nam" in text and "tháng 02 năm 2024" in text
    assert "Lưu: VT." in text
    r = client.post("/plan", data={**form, "group_1": ""})
    assert r.status_code == 422 and "dòng 2 (Sở Tư pháp)" in r.text
    assert 'value="Sở Tư pháp"' in r.text  # what was typed is shown again
    r = client.post("/plan", data={**form, "signer_name": ""})
    assert r.status_code == 422 and "Người ký: không được để trống" in r.text
    r = client.post("/plan", data={**form, "action": "save", "round": "2024"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text  # the standing office's staff make rounds
    client.post("/logout", data={"csrf": csrf})
    csrf = _login(client, "viewer")
    assert client.post("/plan", data={**form, "csrf": csrf}).status_code == 403


def test_recommendation_updated_from_the_dashboard(client, tokens):
    import json as _json
    concl = _json.loads((ROOT / "cchc" / "examples" / "conclusion.json")
                        .read_text(encoding="utf-8"))
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _plan()})
    findings = {k: v for k, v in concl.items() if k not in ("unit", "year", "kind")}
    client.post("/api/rounds/2023/conclusions", headers=h,
                json={"unit": "Sở Xây dựng", "findings": findings})
    csrf = _login(client, "staff")
    page = client.get("/rounds/2023")
    assert concl["recommendations"][0]["text"] in page.text
    title = page.text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "Đợt 2023 — Kiểm tra cải cách hành chính"
    assert page.text.count('id="recommendation-table"') == 1
    rec_id = client.get("/api/rounds/2023/recommendations", headers=h).json()[0]["id"]
    r = client.post(f"/recommendations/{rec_id}", data={"csrf": csrf, "round": "2023",
                                                        "status": "remedied", "evidence": ""})
    assert "cần ghi bằng chứng" in r.text
    r = client.post(f"/recommendations/{rec_id}", data={"csrf": csrf, "round": "2023",
                                                        "status": "remedied",
                                                        "evidence": "Công văn 15/SXD"})
    assert "đã khắc phục" in r.text and "Công văn 15/SXD" in r.text
    row = client.get("/api/rounds/2023/recommendations", headers=h).json()[0]
    assert (row["status"], row["evidence"]) == ("remedied", "Công văn 15/SXD")
    log = client.get("/api/audit", headers=h).json()
    assert any(e["user"] == "staff" and e["object"] == f"recommendation:{rec_id}" for e in log)
