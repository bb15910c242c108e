"""The schedule notice's "in mã mời" choice on the generate page, in Chromium: staff see
that the downloaded notice is the only copy of the codes. Screenshot under
tests/artifacts/browser/schedule-invites.png."""

from __future__ import annotations

import datetime as dt
import json

from svc_helpers import PASSWORD
from test_browser import ROOT, page, pytestmark, server, shot  # noqa: F401


def test_the_choice_says_the_notice_is_the_only_copy(server, page):  # noqa: F811
    from cchc.archive.schedule import apply_schedule
    from cchc.service import rounds

    base, app = server
    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    rounds.create(app.state.archive, "2023", plan=plan)
    apply_schedule(app.state.archive, "2023", {"visits": [
        {"unit": "Sở Xây dựng", "date": (dt.date.today() + dt.timedelta(days=30)).isoformat()}]})
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/generate?kind=schedule&round=2023")
    box = page.locator("#print-invites")
    box.scroll_into_view_if_needed()
    page.check("input[name=print_invites]")
    assert "bản duy nhất ghi mã" in box.inner_text()
    shot(page, "schedule-invites", full=False)
