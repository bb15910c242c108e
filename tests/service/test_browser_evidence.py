"""The evidence of a value, in Chromium (issue 20): focusing a field on the review page
says where and how the value was read, and marks its place on the original's page image
(screenshots in tests/artifacts/browser/)."""

from __future__ import annotations

import json

from test_browser import ROOT, page, pytestmark, server, shot, wait_js  # noqa: F401
from test_browser_admin import login

from cchc.archive import store
from cchc.generator.documents import render_report


def _report(tmp_path):
    record = json.loads((ROOT / "cchc" / "examples" / "reports" / "so-xay-dung.json")
                        .read_text(encoding="utf-8"))
    outline = json.loads((ROOT / "cchc" / "examples" / "outline.json").read_text("utf-8"))
    path = tmp_path / "so-xay-dung.docx"
    path.write_bytes(render_report(record, outline))
    return path, record


def _mark_inside_its_page(pg, n: str) -> dict:
    mark = pg.locator(f"#page-{n} .evidence-mark").bounding_box()
    img = pg.locator(f"#page-{n} img").bounding_box()
    assert mark and img
    assert img["x"] - 5 <= mark["x"] and mark["x"] + mark["width"] <= img["x"] + img["width"] + 5
    assert img["y"] - 5 <= mark["y"] and mark["y"] + mark["height"] <= img["y"] + img["height"] + 5
    return mark


def test_a_field_shows_where_its_value_was_read(server, page, tmp_path):  # noqa: F811
    base, app = server
    store.create_round(app.state.archive, "2023")
    path, record = _report(tmp_path)
    login(page, base, "canbo")
    page.goto(f"{base}/rounds/2023/upload")
    page.set_input_files("#file-input", [str(path)])
    page.wait_for_selector("#pending tr.draft", timeout=300_000)
    page.click("#pending tr.draft a.review-link")
    page.wait_for_selector("#review-form")
    wait_js(page, "document.querySelector('.original-pane img').naturalWidth > 300")

    number = page.get_by_label("Số, ký hiệu", exact=True)
    number.focus()
    note = page.inner_text("#evidence-note")
    assert note.startswith("Nguồn: trang 1") and record["document"]["number"] in note
    _mark_inside_its_page(page, number.get_attribute("data-page"))
    shot(page, "evidence-number", full=False)

    cell = page.get_by_label("Dòng 1, cột (3) Tổng số", exact=True)
    cell.focus()
    assert "bảng thống kê" in page.inner_text("#evidence-note")
    n = cell.get_attribute("data-page")
    mark = _mark_inside_its_page(page, n)
    pane = page.locator("#pages").bounding_box()
    assert pane["y"] <= mark["y"] <= pane["y"] + pane["height"], "the mark is scrolled into view"
    assert page.locator(".evidence-mark:not([hidden])").count() == 1  # one mark at a time
    shot(page, "evidence-stats-row", full=False)
