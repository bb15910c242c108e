"""Security headers in a real Chromium (issue 22.4): every page works under the CSP with
no violation in the console, the API page renders from local assets, and no other site
can frame a logged-in page. Screenshots in tests/artifacts/browser/csp-*.png."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
import uvicorn
from svc_helpers import PASSWORD, ROLES, close_app, make_app
from svc_reports import report_docx
from test_browser import ARTIFACTS, CHROMIUM, FLAGS, free_port

from cchc import examples
from cchc.service import users

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="Debian chromium is needed (bash .ci/run installs it)")
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));
"""


@pytest.fixture
def server(tmp_path):
    app = make_app(tmp_path)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(10)
    close_app(app)


def _a_draft(base: str) -> int:
    h = {"Authorization": "Bearer " + httpx.post(
        f"{base}/api/auth/token", json={"username": "admin", "password": PASSWORD}
    ).json()["access_token"]}
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    httpx.post(f"{base}/api/rounds", headers=h, json={"code": "2023", "plan": plan}, timeout=30)
    r = httpx.post(f"{base}/api/rounds/2023/drafts", headers=h, timeout=30,
                   files=[("files", ("so-xay-dung.docx", report_docx("Sở Xây dựng")))])
    url = r.json()["url"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = httpx.get(base + url, headers=h).json()
        if job.get("state") in ("done", "failed") or job.get("status") in ("done", "failed"):
            return job["results"][0]["draft_id"]
        time.sleep(0.2)
    raise AssertionError(job)


def test_pages_work_under_the_csp_with_no_violation(server):
    from playwright.sync_api import sync_playwright

    base, app = server
    assert ROLES and users  # the admin account comes from make_app
    draft = _a_draft(base)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    console: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        ctx = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
        ctx.add_init_script(WATCH)
        pg = ctx.new_page()
        pg.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        pg.goto(f"{base}/login")
        pg.fill("input[name=username]", "admin")
        pg.fill("input[name=password]", PASSWORD)
        pg.click("main button[type=submit]")
        pg.wait_for_url(f"{base}/")
        violations = {}
        for path in ("/", "/rounds/2023", "/rounds/2023/upload", "/plan", "/rounds/2023/plan",
                     f"/drafts/{draft}", "/rounds/2023/conclusion", "/admin/users",
                     "/generate", "/rounds/khong-co", "/docs"):
            r = pg.goto(base + path)
            assert r.headers["content-security-policy"].startswith("default-src 'self'"), path
            if path == "/docs":
                pg.wait_for_selector(".opblock", timeout=60_000)  # Swagger UI ran
            pg.wait_for_load_state("networkidle")
            violations[path] = pg.evaluate("window.__csp")
            pg.screenshot(path=str(ARTIFACTS / f"csp{path.replace('/', '-')}.png"),
                          full_page=False)

        # the page's own scripts still run: the kind select submits its form (common.js)
        pg.goto(f"{base}/generate")
        pg.select_option("select[name=kind]", "stats-form")
        pg.wait_for_url("**kind=stats-form**")
        # and plan.js adds a row to the schedule table
        pg.goto(f"{base}/plan")
        rows = pg.locator("#schedule tbody tr").count()
        pg.click("#add-row")
        assert pg.locator("#schedule tbody tr").count() == rows + 1

        # a confirmation asked by a form's data-confirm (no inline onsubmit)
        asked = []
        pg.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
        pg.goto(f"{base}/drafts/{draft}")
        pg.click("#discard")
        assert asked and "Bỏ tệp này" in asked[0] and pg.url.endswith(f"/drafts/{draft}")

        # another site cannot frame a logged-in page
        before = list(console)
        pg.set_content(f'<iframe id="f" src="{base}/admin/users"></iframe>')
        time.sleep(1.5)
        framed = pg.frame_locator("#f").locator("text=Người dùng").count()
        ctx.close()
        browser.close()
    assert not any(violations.values()), violations
    bad = [m for m in before if "Content Security Policy" in m or "Refused to" in m]
    assert not bad, bad
    assert framed == 0 and any("frame-ancestors" in m for m in console[len(before):])
