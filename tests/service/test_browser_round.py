"""The round page in Chromium as a staff member (issue 21): a new plan starts blank,
the example and last round's plan are choices, and the outline and the statistics
form come from the round page in one click (screenshots in tests/artifacts/browser/)."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook
from test_browser import page, pytestmark, server, shot  # noqa: F401 - fixtures, skip marker
from test_browser_admin import login


def _download(pg, selector: str) -> bytes:
    with pg.expect_download() as info:
        pg.click(selector)
    return open(info.value.path(), "rb").read()


def test_staff_start_a_plan_and_hand_out_the_outline(server, page):  # noqa: F811
    base, _app = server
    login(page, base, "canbo")
    page.click("#new-round-from-plan")
    page.wait_for_url(f"{base}/plan")
    assert page.input_value("input[name=signer_name]") == ""  # blank, not Bắc Giang 2023
    assert page.locator("#start-copy").count() == 0
    shot(page, "round-plan-blank", full=False)
    page.click("#start-example")
    page.wait_for_url(f"{base}/plan?start=example")
    page.fill("#plan-form input[name=round]", "2023")
    page.fill("input[name=number]", "36")
    page.fill("input[name=day]", "1")
    page.click("button:has-text('Lưu kế hoạch và tạo đợt')")
    page.wait_for_url(f"{base}/rounds/2023")
    shot(page, "round-documents", full=False)

    outline = Document(io.BytesIO(_download(page, "#download-outline")))
    text = " ".join(" ".join(p.text for p in outline.paragraphs).split())
    assert "Kèm theo Kế hoạch số 36/KH-UBND ngày 01 tháng 3 năm 2023" in text
    sheet = load_workbook(io.BytesIO(_download(page, "#download-stats-form"))).active
    assert any("THỐNG KÊ" in str(c) for row in sheet.iter_rows(values_only=True) for c in row)

    page.click("nav >> text=Kế hoạch kiểm tra")
    page.click("#start-copy")
    page.wait_for_url(f"{base}/plan?start=copy")
    assert page.input_value("input[name=year]") == "2024"
    assert page.input_value("input[name=number]") == ""
    shot(page, "round-plan-copied", full=False)
    page.click("button:has-text('Đăng xuất')")
    login(page, base, "admin")
    page.goto(f"{base}/admin/users")
    log = page.inner_text("main")
    assert "Lúc (giờ Việt Nam)" in log and "đợt kiểm tra 2023" in log and "round:" not in log
    shot(page, "round-audit-log")
