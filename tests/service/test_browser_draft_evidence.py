"""A drafted sentence's evidence on the conclusion page, in Chromium (issue 24): where
the record says which page of the original a value was read on, the evidence says
"trang N của bản gốc" and its link opens the review page with that field focused.
Screenshots under tests/artifacts/browser/draft-evidence-*.png."""

from __future__ import annotations

from svc_helpers import PASSWORD
from test_browser import page, pytestmark, server, shot, wait_js  # noqa: F401
from test_notice_draft import UNIT, seed_with_evidence


def test_the_evidence_links_to_its_field_beside_the_original(server, page):  # noqa: F811
    base, app = server
    seed_with_evidence(app.state.archive)
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/rounds/2023/conclusion")
    page.select_option("#draft-unit", UNIT)
    page.click("#draft-notice")
    page.wait_for_selector("#drafted")
    link = page.locator("#drafted a.evidence-page", has_text="trang 5 của bản gốc").first
    link.scroll_into_view_if_needed()
    shot(page, "draft-evidence-1-conclusion", full=False)
    link.click()
    page.wait_for_url("**/drafts/*#truong=*")
    wait_js(page, "document.activeElement && (document.activeElement.name || '')"
                  ".indexOf('$.tthc_stats.rows[0]') === 0")
    shot(page, "draft-evidence-2-review", full=False)
