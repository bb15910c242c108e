"""A unit fills in its report online, in Chromium (issue 25): staff invite it, it sets
its password with the code, types part of the form with a wrong sum and sees the
warning beside the grid, corrects it, comes back in a new browser and finds its draft,
meets the version check from a second tab, downloads the DOCX and the PDF, uploads the
signed PDF and submits; staff see it received on time, and the record is what was typed.
Screenshots under tests/artifacts/browser/unit-*.png.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from docx import Document
from svc_helpers import PASSWORD
from test_browser import ROOT, page, pytestmark, server, shot, wait_js  # noqa: F401

UNIT = "Sở Xây dựng"
UNIT_PASSWORD = "mat-khau-so-xd-1"


def _round(app) -> None:
    """Round 2023 from the example plan, its visit to the unit a month from today."""
    from cchc.archive.schedule import apply_schedule
    from cchc.service import rounds

    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    rounds.create(app.state.archive, "2023", plan=plan)
    visit = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    apply_schedule(app.state.archive, "2023", {"visits": [{"unit": UNIT, "date": visit}]})


def _staff_invites(pg, base: str) -> str:
    pg.goto(f"{base}/login")
    pg.fill("input[name=username]", "canbo")
    pg.fill("input[name=password]", PASSWORD)
    pg.keyboard.press("Enter")
    pg.wait_for_url(f"{base}/")
    pg.goto(f"{base}/rounds/2023")
    pg.click("text=Mời đơn vị nhập báo cáo trực tuyến")
    pg.select_option("select[name=unit]", UNIT)
    pg.click("button:has-text('Tạo mã mời')")
    code = pg.inner_text("#invite-code").strip()
    shot(pg, "unit-01-invite")
    return code


def _saved(pg, after: int) -> int:
    """Wait for the autosave that follows version ``after``; the new version."""
    wait_js(pg, f"Number(document.getElementById('unit-form').dataset.version) > {after}",
            timeout=30)
    wait_js(pg, "document.getElementById('save-status').textContent.includes('Đã lưu')",
            timeout=30)
    return int(pg.get_attribute("#unit-form", "data-version"))


def _version(pg) -> int:
    return int(pg.get_attribute("#unit-form", "data-version"))


def test_a_unit_fills_in_signs_and_submits(server, page, tmp_path):  # noqa: F811
    base, app = server
    page.set_default_timeout(30_000)
    _round(app)
    code = _staff_invites(page, base)
    browser = page.context.browser

    # the unit, in its own browser, with the code from the printed notice
    ctx = browser.new_context(accept_downloads=True, locale="vi-VN",
                              viewport={"width": 1366, "height": 768})
    unit = ctx.new_page()
    unit.set_default_timeout(60_000)
    unit.goto(f"{base}/don-vi/nhan-ma")
    unit.fill("input[name=code]", code.lower())
    unit.fill("input[name=username]", "so-xay-dung")
    unit.fill("input[name=password]", UNIT_PASSWORD)
    unit.fill("input[name=password2]", UNIT_PASSWORD)
    unit.click("button:has-text('Tạo tài khoản')")
    assert unit.url.endswith("/don-vi") and UNIT in unit.inner_text("main")
    assert "Các đợt kiểm tra" not in unit.inner_text("header")
    shot(unit, "unit-02-home")
    unit.click("text=Nhập báo cáo")
    v = _version(unit)
    unit.fill("textarea[name='sections.1']", "Sở đã ban hành Kế hoạch CCHC năm 2023.")
    unit.fill("input[name='indicators.full_process_dvc_ratio.numerator']", "171")
    unit.fill("input[name='indicators.full_process_dvc_ratio.denominator']", "200")
    assert unit.inner_text("output[data-rate-for=full_process_dvc_ratio]") == "85,5%"
    for key, value in (("field", "Hoạt động xây dựng"), ("received_total", "121"),
                       ("received_online", "100"), ("carried_over", "5"),
                       ("received_direct", "15")):
        unit.fill(f"input[name='stats[0].{key}']", value)
    v = _saved(unit, v)
    assert "ghi 121 nhưng (4) + (5) + (6) + (7) = 120" in unit.inner_text("#stats-checks")
    assert "warn" in unit.get_attribute("input[name='stats[0].received_total']", "class")
    assert "thiếu mục 2" in unit.inner_text("[data-check='sections.2']")
    unit.locator("#uf-grid").scroll_into_view_if_needed()
    shot(unit, "unit-03-wrong-sum", full=False)
    unit.fill("input[name='stats[0].received_total']", "120")
    v = _saved(unit, v)
    assert "ghi 121" not in unit.inner_text("#stats-checks")
    assert unit.inner_text("output[data-total=received_total]") == "120"
    ctx.close()   # the browser is closed mid-way

    # another day, a new browser: log in, the draft is there
    ctx = browser.new_context(accept_downloads=True, locale="vi-VN",
                              viewport={"width": 1366, "height": 768})
    unit = ctx.new_page()
    unit.set_default_timeout(60_000)
    unit.goto(f"{base}/login")
    unit.fill("input[name=username]", "so-xay-dung")
    unit.fill("input[name=password]", UNIT_PASSWORD)
    unit.keyboard.press("Enter")
    unit.wait_for_url(f"{base}/don-vi")
    unit.click("text=Nhập báo cáo")
    assert unit.input_value("textarea[name='sections.1']") == \
        "Sở đã ban hành Kế hoạch CCHC năm 2023."
    assert unit.input_value("input[name='stats[0].received_total']") == "120"
    assert unit.inner_text("output[data-rate-for=full_process_dvc_ratio]") == "85,5%"
    shot(unit, "unit-04-reloaded")

    # a second tab opened at the same version: the first save wins, the second is told
    other = ctx.new_page()
    other.goto(unit.url)
    v = _version(unit)
    unit.fill("textarea[name='sections.9']", "Đề nghị tỉnh hỗ trợ kinh phí.")
    v = _saved(unit, v)
    other.fill("textarea[name='sections.8']", "Ưu điểm.")
    wait_js(other, "document.getElementById('save-status').textContent.includes('Không lưu')",
            timeout=30)
    assert "thẻ (tab) hoặc máy khác" in other.inner_text("#save-status")
    shot(other, "unit-05-second-tab", full=False)
    other.close()

    # the signed document: DOCX and PDF in official format, the signed PDF back
    unit.fill("input[name='signer.title']", "GIÁM ĐỐC")
    unit.fill("input[name='signer.name']", "Nguyễn Văn Bình")
    v = _saved(unit, v)
    with unit.expect_download() as got:
        unit.click("text=Tải DOCX")
    docx = Document(io.BytesIO(open(got.value.path(), "rb").read()))
    text = "\n".join([p.text for p in docx.paragraphs]
                     + [c.text for t in docx.tables for row in t.rows for c in row.cells])
    assert "Sở đã ban hành Kế hoạch CCHC năm 2023." in text and "Nguyễn Văn Bình" in text
    with unit.expect_download() as got:
        unit.click("text=Tải PDF")
    signed = tmp_path / "bao-cao-da-ky.pdf"
    got.value.save_as(signed)
    assert signed.read_bytes()[:5] == b"%PDF-"
    unit.set_input_files("#signed-file", str(signed))
    unit.click("button:has-text('Tải lên bản đã ký')")
    assert "Đã nhận bản đã ký: bao-cao-da-ky.pdf" in unit.inner_text(".flash.ok")
    shot(unit, "unit-06-signed", full=False)
    unit.on("dialog", lambda d: d.accept())
    unit.click("button:has-text('Nộp báo cáo')")
    assert f"Đã nộp báo cáo của {UNIT}" in unit.inner_text(".flash.ok")
    assert "đã nộp" in unit.inner_text("main")
    shot(unit, "unit-07-submitted")
    ctx.close()

    # staff: received on time, the record is what was typed, the original the signed PDF
    page.goto(f"{base}/rounds/2023")
    row = page.locator("#units tr", has_text=UNIT).first.inner_text()
    assert "đã nhận" in row
    shot(page, "unit-08-staff-received")
    from cchc.archive import store
    rep = store.list_reports(app.state.archive, "2023", unit=UNIT)[0]
    full = store.get_report(app.state.archive, rep["id"], with_original=True)
    record = full["record"]
    assert record["sections"]["1"] == "Sở đã ban hành Kế hoạch CCHC năm 2023."
    assert record["sections"]["9"] == "Đề nghị tỉnh hỗ trợ kinh phí."
    assert "8" not in record["sections"]          # the stale tab's text was never saved
    assert record["indicators"]["full_process_dvc_ratio"] == {
        "value": 85.5, "numerator": 171, "denominator": 200}
    assert record["tthc_stats"]["rows"][0]["received_total"] == 120
    assert full["filename"] == "bao-cao-da-ky.pdf"


def test_the_form_on_a_phone_and_by_keyboard(server, page):  # noqa: F811
    """Readable at phone width (no sideways page, the grid scrolls in its own box); a
    row is added and filled with the keyboard alone, and saved."""
    from cchc.service import unit_accounts

    base, app = server
    page.set_default_timeout(30_000)
    _round(app)
    made = unit_accounts.create_invite(app.state.archive, "2023", UNIT, "canbo")
    unit_accounts.redeem(app.state.archive, made["code"], "so-xd", UNIT_PASSWORD)
    browser = page.context.browser
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True)
    phone = ctx.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{base}/login")
    phone.fill("input[name=username]", "so-xd")
    phone.fill("input[name=password]", UNIT_PASSWORD)
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{base}/don-vi")
    phone.click("text=Nhập báo cáo")
    width = phone.evaluate("document.documentElement.scrollWidth")
    wide = phone.evaluate("""[...document.querySelectorAll('main *')].filter(
        e => e.getBoundingClientRect().right > 400).slice(0, 3).map(e => e.tagName + '.' +
        e.className + ' ' + e.getBoundingClientRect().right)""")
    assert width <= 400, (width, wide)     # the page itself does not scroll sideways
    shot(phone, "unit-09-phone", full=False)
    phone.locator("#uf-grid").scroll_into_view_if_needed()
    shot(phone, "unit-10-phone-grid", full=False)
    ctx.close()

    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    kb = ctx.new_page()
    kb.set_default_timeout(30_000)
    kb.goto(f"{base}/login")
    kb.fill("input[name=username]", "so-xd")
    kb.fill("input[name=password]", UNIT_PASSWORD)
    kb.keyboard.press("Enter")
    kb.wait_for_url(f"{base}/don-vi")
    kb.click("text=Nhập báo cáo")
    v = _version(kb)
    kb.focus("button[data-add-row=data]")
    kb.keyboard.press("Enter")                     # a fourth row, its first cell focused
    assert kb.evaluate("document.activeElement.name") == "stats[3].stt"
    kb.keyboard.press("Tab")
    kb.keyboard.type("Đất đai")
    kb.keyboard.press("Tab")
    kb.keyboard.type("7")
    _saved(kb, v)
    assert kb.inner_text("output[data-total=received_total]") == "7"
    kb.reload()
    assert kb.input_value("input[name='stats[3].field']") == "Đất đai"
    ctx.close()
