"""No engineer's words on a page staff can open (issue 21, item 9).

Every HTML page route a staff member (and the admin, for the users page and its
audit log) can open is walked with a round, its plan, a pending draft, an accepted
report, an issued notice and a recommendation in the archive. What a reader sees —
the text between tags, tooltips (``title``) and placeholders, never other attribute
values or what a field holds — must carry no JSON path ("$."), no ISO date, no raw
code ("draft:12", "user:canbo") and no English sentence. The set of routes walked is
checked against the application's own routes, so a new page cannot go unwalked.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from svc_helpers import wait_job
from svc_reports import report_docx

ROOT = Path(__file__).resolve().parents[2]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
RAW_CODE = re.compile(r"\b(?:draft|user|round|report|recommendation|conclusion|document|job)"
                      r":\S")
STATUS_CODE = re.compile(r"\b(?:pending|accepted|failed|remedied|open|in_progress|done)\b")
# Words that are English and never Vietnamese, even without diacritics.
ENGLISH = re.compile(r"\b(?:the|and|is|are|with|from|this|that|not|error|invalid|required|"
                     r"expected|missing|found|field|value|none|null|true|false|show|"
                     r"message|exit|delimiter|please|file|page)\b", re.IGNORECASE)
SEEN_ATTRS = ("title", "placeholder")
# Routes that answer files or images, never a page.
NOT_PAGES = ("/rounds/{code}/charts/{name}.svg", "/drafts/{draft_id}/pages/{number}.png",
             "/drafts/{draft_id}/original", "/rounds/{code}/documents/{kind}",
             "/previews/{digest}/{number}.png", "/rounds/{code}/scores/ranking.xlsx",
             "/don-vi/bao-cao/{form_id}/van-ban",
             "/static")
# The units' own pages, walked as a unit account in test_unit_form.py.
UNIT_PAGES = {"/don-vi/nhan-ma", "/don-vi", "/don-vi/bao-cao/{form_id}"}


class _Visible(HTMLParser):
    """Text a reader sees: no script, style or field contents, tooltips kept."""

    HIDDEN = {"script", "style", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        self.parts.extend(v for k, v in attrs if k in SEEN_ATTRS and v)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.parts


def engineer_words(html: str) -> list[str]:
    bad = []
    for text in visible(html):
        for pattern in (ISO_DATE, RAW_CODE, STATUS_CODE, ENGLISH):
            if pattern.search(text):
                bad.append(text)
                break
        else:
            if "$." in text:
                bad.append(text)
    return bad


def _login(client, name: str) -> None:
    page = client.get("/login")
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": name, "password": "mat-khau-dai-1", "csrf": csrf})


@pytest.fixture
def world(client, tokens):
    """A round with a plan, an accepted report, a pending draft, a notice and an open
    recommendation; every action goes through the API, so the audit log has them all."""
    h = tokens["staff"]
    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    plan.update(number=36, date={"year": 2023, "month": 3, "day": 1})
    assert client.post("/api/rounds", headers=h, json={"code": "2023", "plan": plan}) \
        .status_code == 201
    r = client.post("/api/rounds/2023/reports", headers=h,
                    files={"file": ("so-xay-dung.docx", report_docx("Sở Xây dựng"))})
    assert r.status_code == 201, r.text
    job = client.post("/api/rounds/2023/drafts", headers=h,
                      files=[("files", ("so-tai-chinh.docx", report_docx("Sở Tài chính")))])
    draft_id = wait_job(client, h, job.json()["url"])["results"][0]["draft_id"]
    job = client.post("/api/rounds/2023/drafts", headers=h,  # a plan sent by mistake
                      files=[("files", ("ke-hoach.json", json.dumps(plan).encode()))])
    wrong = wait_job(client, h, job.json()["url"])["results"][0]
    concl = json.loads((ROOT / "cchc" / "examples" / "conclusion.json").read_text(
        encoding="utf-8"))
    findings = {k: v for k, v in concl.items() if k not in ("unit", "year", "kind")}
    r = client.post("/api/rounds/2023/conclusions", headers=h,
                    json={"unit": "Sở Xây dựng", "findings": findings})
    assert r.status_code == 201, r.text
    from cchc import examples
    from cchc.usecases.score import score_round_on
    score_round_on(client.app.state.archive, "2023", examples.load("criteria-iso"))
    return {"code": "2023", "draft_id": draft_id, "wrong": wrong}


def staff_pages(world) -> dict[str, list[str]]:
    """Route template → the addresses that open it."""
    from cchc.generator.documents import KINDS
    return {
        "/": ["/"],
        "/plan": ["/plan", "/plan?start=example", "/plan?start=copy"],
        "/rounds/{code}": ["/rounds/2023", "/rounds/khong-co"],
        "/rounds/{code}/plan": ["/rounds/2023/plan"],
        "/rounds/{code}/upload": ["/rounds/2023/upload"],
        "/rounds/{code}/scores": ["/rounds/2023/scores"],
        "/rounds/{code}/scores/unit": ["/rounds/2023/scores/unit?unit=Sở Xây dựng",
                                       "/rounds/2023/scores/unit?unit=Sở Không Có"],
        "/rounds/{code}/conclusion": ["/rounds/2023/conclusion",
                                      "/rounds/2023/conclusion?unit=Sở Xây dựng"],
        "/rounds/{code}/don-vi": ["/rounds/2023/don-vi"],
        "/drafts/{draft_id}": [f"/drafts/{world['draft_id']}"]
        + ([f"/drafts/{world['wrong']['draft_id']}"] if world["wrong"].get("draft_id") else []),
        "/generate": [f"/generate?kind={k}" for k in KINDS]
        + [f"/generate?kind={k}&round=2023" for k in ("outline", "schedule", "reminder",
                                                      "team-decision", "minutes")],
    }


def _get_paths(routes) -> set[str]:
    """GET paths, through included routers (the page routers have no prefix)."""
    out = set()
    for r in routes:
        inner = getattr(r, "original_router", None) or getattr(r, "router", None)
        if inner is not None and not hasattr(r, "path"):
            out |= _get_paths(inner.routes)
        elif "GET" in (getattr(r, "methods", None) or ()):
            out.add(r.path)
    return out


def test_every_page_route_is_walked(app, world):
    routes = _get_paths(app.routes)
    routes = {p for p in routes if not p.startswith(NOT_PAGES)
              and not p.startswith(("/api", "/docs", "/redoc", "/openapi"))}
    assert routes == set(staff_pages(world)) | {"/login", "/admin/users"} | UNIT_PAGES


def test_no_engineer_words_on_any_page(client, world):
    seen = {}
    r = client.get("/login")
    seen["/login"] = engineer_words(r.text)
    _login(client, "staff")
    for urls in staff_pages(world).values():
        for url in urls:
            r = client.get(url)
            assert r.status_code in (200, 404), (url, r.status_code)
            seen[url] = engineer_words(r.text)
    _login(client, "admin")
    seen["/admin/users"] = engineer_words(client.get("/admin/users").text)
    bad = {url: words for url, words in seen.items() if words}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_no_engineer_words_in_what_a_refused_form_says(client, world):
    """A plan without a signer, a document with broken data: the page says what is
    wrong in the form's words, never the schema's."""
    _login(client, "staff")
    csrf = client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]
    r = client.post("/plan", data={"csrf": csrf, "action": "save", "round": "2030",
                                   "year": "2030", "symbol": "KH-UBND", "place": "Bắc Giang",
                                   "quarter_0": "I", "group_0": "các Sở", "name_0": "Sở Y tế",
                                   "signer_title": "CHỦ TỊCH", "signer_name": ""})
    assert r.status_code == 422
    assert not engineer_words(r.text), engineer_words(r.text)
    r = client.post("/generate", data={"csrf": csrf, "kind": "schedule", "data": '{"a": 1'})
    page = client.get(r.headers.get("location", "/generate")) if r.status_code == 303 else r
    assert not engineer_words(page.text), engineer_words(page.text)
    r = client.post("/generate", data={"csrf": csrf, "kind": "reminder", "data": "{}"})
    assert r.status_code == 422
    assert not engineer_words(r.text), engineer_words(r.text)
    r = client.post("/rounds/2023/conclusion/preview", data={
        "csrf": csrf, "unit": "Sở Tài chính", "symbol": "TB-UBND", "date": "2023-06-02",
        "inspection_date": "2023-05-24", "team": "Tổ kiểm tra số 1"})
    assert r.status_code == 200 and 'id="notice-preview"' in r.text
    assert not engineer_words(r.text), engineer_words(r.text)


def test_the_audit_log_says_when_in_local_time_and_what_in_words(client, world):
    _login(client, "admin")
    page = client.get("/admin/users").text
    assert "Lúc (giờ Việt Nam)" in page and "UTC" not in page
    from cchc.service import audit
    at = audit.entries(client.app.state.archive, 1)[0]["at"]
    import datetime as dt
    local = (dt.datetime.fromisoformat(at) + dt.timedelta(hours=7)).strftime("%d/%m/%Y %H:%M")
    assert local in visible(page)
    for words in ("bản tải lên số", "tài khoản staff", "đợt kiểm tra 2023", "báo cáo số",
                  "thông báo kết luận số"):
        assert any(words in t for t in visible(page)), words


def test_a_downloaded_notice_has_the_tidy_file_name(client, world):
    _login(client, "staff")
    page = client.get("/rounds/2023").text
    url = page.split('class="conclusion-download" href="')[1].split('"')[0]
    r = client.get(url)
    assert r.status_code == 200
    assert 'filename="thong-bao-ket-luan-so-xay-dung.docx"' in r.headers["content-disposition"]
