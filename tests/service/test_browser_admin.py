"""The admin's users page in Chromium: the menu leads there, a user is disabled with
the page's own form, and that user's open session ends (screenshot in
tests/artifacts/browser/)."""

from __future__ import annotations

from playwright.sync_api import Browser
from svc_helpers import PASSWORD
from test_browser import page, pytestmark, server, shot  # noqa: F401 - fixtures, skip marker


def login(pg, base: str, name: str) -> None:
    pg.goto(f"{base}/login")
    pg.fill("input[name=username]", name)
    pg.fill("input[name=password]", PASSWORD)
    pg.click("button[type=submit]")


def test_admin_disables_a_user_from_the_page(server, page):  # noqa: F811
    from cchc.service import users
    base, app = server
    users.add_user(app.state.archive, "staff", PASSWORD, "staff")
    browser: Browser = page.context.browser
    staff_context = browser.new_context()
    staff = staff_context.new_page()
    login(staff, base, "staff")
    assert "Người dùng" not in staff.inner_text("nav")  # the menu entry is for admins

    login(page, base, "admin")
    page.click("nav >> text=Người dùng")
    assert page.url.endswith("/admin/users")
    row = page.locator("tr", has_text="staff").first
    row.locator("button", has_text="Tắt").click()
    assert "staff: đã tắt" in page.inner_text(".flash.ok")
    assert "đã tắt" in page.locator("tr", has_text="staff").first.inner_text()
    shot(page, "admin-users")

    staff.goto(f"{base}/")
    assert staff.url.endswith("/login")  # the open session ended with the account
    staff_context.close()
