"""Scoring in Chromium as staff (issue 26): the round's set chosen, one unit scored,
one verified point changed with its reason (refused without one), the ranking seen to
change. Screenshots in tests/artifacts/browser/scoring-*.png."""

from __future__ import annotations

import json

from test_browser import page, pytestmark, server, shot  # noqa: F401 - fixtures, skip marker
from test_browser_admin import login

from cchc import examples
from cchc.archive.store import create_round, import_record


def _archive_two_reports(app) -> None:
    archive = app.state.archive
    create_round(archive, "2023", plan=examples.load("plan"))
    for name in ("so-xay-dung", "so-tai-chinh"):
        rec = examples.load(f"reports/{name}")
        import_record(archive, "2023", rec, json.dumps(rec).encode(), f"{name}.docx")


def _ranking(pg) -> list[str]:
    return [t.strip() for t in pg.locator("#ranking-so tbody th a").all_inner_texts()]


def test_staff_score_a_unit_change_a_verified_point_and_see_the_ranking(server, page):  # noqa: F811
    base, app = server
    _archive_two_reports(app)
    login(page, base, "canbo")
    page.goto(f"{base}/rounds/2023")
    page.click("#scores-link")
    page.wait_for_url(f"{base}/rounds/2023/scores")
    page.click("#use-example")
    page.wait_for_selector("#ranking-so")
    # computed from the reports: Sở Tài chính 6 (one late file: 1 point), Sở Xây dựng 5
    assert _ranking(page) == ["Sở Tài chính", "Sở Xây dựng"]
    shot(page, "scoring-ranking-computed", full=False)

    page.click("#ranking-so >> text=Sở Xây dựng")
    page.wait_for_selector("#score-form")
    assert "Lấy từ: bảng thống kê kết quả giải quyết TTHC" in page.inner_text("#line-4")
    page.fill("input[name='self.1']", "2")
    page.fill("input[name='evidence.1']", "Quyết định số 45/QĐ-SXD ngày 20/02/2023")
    page.fill("input[name='verified.1']", "2")
    page.click("#save-scores")
    page.wait_for_selector(".flash.ok")
    assert page.inner_text("#unit-total") == "7/20"
    page.click("nav.crumbs >> text=Chấm điểm và xếp hạng")
    assert _ranking(page) == ["Sở Xây dựng", "Sở Tài chính"]

    page.click("#ranking-so >> text=Sở Xây dựng")
    page.fill("input[name='verified.1']", "0,5")
    # highlighted as typed, its empty reason marked, before the server refuses it
    assert "differs" in (page.get_attribute("#line-1", "class") or "")
    assert page.get_attribute("input[name='reason.1']", "aria-invalid") == "true"
    shot(page, "scoring-unit-typed", full=False)
    page.click("#save-scores")
    error = page.inner_text(".flash.error")
    assert "Tiêu chí 1, lý do: điểm thẩm định 0,5 khác điểm 2 mà không nêu lý do" in error
    assert page.inner_text("#unit-total") == "7/20"           # nothing stored
    page.fill("input[name='verified.1']", "0,5")
    page.fill("input[name='reason.1']", "Quyết định công bố chậm 2 tháng so với kế hoạch")
    page.click("#save-scores")
    page.wait_for_selector(".flash.ok")
    assert page.inner_text("#unit-total") == "5,5/20"
    assert "differs" in (page.get_attribute("#line-1", "class") or "")
    assert "khác điểm tự chấm 2" in page.inner_text("#line-1")
    page.locator("#line-1").scroll_into_view_if_needed()
    shot(page, "scoring-unit-verified", full=False)
    page.click("nav.crumbs >> text=Chấm điểm và xếp hạng")
    assert _ranking(page) == ["Sở Tài chính", "Sở Xây dựng"]
    assert "1 điểm thẩm định khác điểm tự chấm" in page.inner_text("#ranking-so")
    shot(page, "scoring-ranking-changed", full=False)
