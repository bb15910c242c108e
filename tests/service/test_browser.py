"""The web pages in a real headless Chromium (Debian's, driven by Playwright).

Log in, create a round, upload three reports, correct a value, accept them,
issue a conclusion and download it. Screenshots of each step are saved under
tests/artifacts/browser/ (kept out of git) for a person to look at.

The server is a real uvicorn on 127.0.0.1 with a free port and the real
extractors. The three reports are self-reports generated along the outline from
examples/reports/*.json; one of them writes a percentage that contradicts its own
counts (8,55% for 171/200), which the extractor warns about and the user corrects.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from docx import Document
from svc_helpers import PASSWORD, close_app, make_app

from cchc.archive.units import plan_units
from cchc.generator.documents import render_report

REPORTS = {"so-xay-dung": "Sở Xây dựng", "so-tai-chinh": "Sở Tài chính",
           "ubnd-huyen-tan-yen": "UBND huyện Tân Yên"}


def self_reports(folder: Path) -> list[str]:
    outline = json.loads((ROOT / "examples" / "outline.json").read_text(encoding="utf-8"))
    paths = []
    for name in REPORTS:
        record = json.loads((ROOT / "examples" / "reports" / f"{name}.json")
                            .read_text(encoding="utf-8"))
        if name == "so-xay-dung":  # a typo in the report: 8,55% where 171/200 is 85,5%
            record["indicators"]["full_process_dvc_ratio"].update(
                value=8.55, numerator=171, denominator=200)
        path = folder / f"{name}.docx"
        path.write_bytes(render_report(record, outline))
        paths.append(str(path))
    return paths

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian chromium is not installed (bash .ci/run does)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    from cchc.service.adapters import extract
    app = make_app(tmp_path, extractor=extract)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(10)
    close_app(app)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(accept_downloads=True, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        context.close()
        browser.close()


DROP_JS = """([selector, files]) => {
  const dt = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
    dt.items.add(new File([bytes], f.name, {type: f.type}));
  }
  const zone = document.querySelector(selector);
  zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true}));
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true}));
}"""


def drop_files(page, selector: str, paths: list[str]) -> None:
    """Drag and drop as the browser delivers it: a drop event carrying File objects."""
    files = [{"name": Path(p).name, "data": base64.b64encode(Path(p).read_bytes()).decode(),
              "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
             for p in paths]
    page.evaluate(DROP_JS, [selector, files])


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_round_from_login_to_downloaded_conclusion(server, page, tmp_path):
    base, app = server
    plan = (ROOT / "examples" / "plan.json").read_text(encoding="utf-8")

    page.goto(f"{base}/")
    assert page.url.endswith("/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "sai mật khẩu")
    page.click("button[type=submit]")
    assert "Sai tên đăng nhập" in page.inner_text(".flash.error")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
    shot(page, "01-rounds")

    page.fill("input[name=code]", "2023")
    page.fill("input[name=title]", "Kiểm tra CCHC năm 2023")
    page.fill("textarea[name=plan]", plan)
    page.click("button:has-text('Tạo đợt')")
    page.wait_for_url(f"{base}/rounds/2023")
    assert int(page.inner_text("#units-scheduled")) == len(list(plan_units(json.loads(plan))))
    shot(page, "02-dashboard-empty")

    paths = self_reports(tmp_path)
    page.click("text=Tải lên báo cáo")
    page.wait_for_url(f"{base}/rounds/2023/upload")
    drop_files(page, "#dropzone", paths)
    page.wait_for_selector("section.draft >> nth=2")
    assert page.locator("section.draft").count() == 3
    shot(page, "03-drafts")

    first = page.locator("section.draft", has_text="so-xay-dung.docx")
    assert "171/200 = 85,5%" in first.locator(".warnings").inner_text()
    cell = first.locator("td[data-path='$.indicators.full_process_dvc_ratio.value']")
    assert cell.inner_text() == "8.55"
    first.locator("select[name=path]").select_option("$.indicators.full_process_dvc_ratio.value")
    first.locator("input[name=value]").fill("85,5")
    first.locator("text=Sửa giá trị").click()
    page.wait_for_selector(".flash.ok")
    first = page.locator("section.draft", has_text="so-xay-dung.docx")
    assert first.locator("td[data-path='$.indicators.full_process_dvc_ratio.value']") \
        .inner_text() == "85.5"
    assert "8.55 → 85.5 (admin)" in first.locator(".corrections").inner_text()
    assert "manual.correction" in first.locator(".warnings").inner_text()
    shot(page, "04-corrected")

    for _ in REPORTS:
        page.locator("section.draft button.primary").first.click()
        page.wait_for_selector(".flash.ok")
    assert page.locator("section.draft").count() == 0
    assert page.locator("ul.accepted li").count() == 3
    assert "1 giá trị sửa tay" in page.inner_text("ul.accepted")
    shot(page, "05-accepted")

    page.goto(f"{base}/rounds/2023")
    assert page.inner_text("#units-reported") == "3"
    page.click("text=Lập thông báo kết luận")
    page.fill("input[name=unit]", "Sở Xây dựng")
    page.fill("input[name=number]", "86")
    page.fill("input[name=date]", "2023-06-02")
    page.fill("input[name=inspection_date]", "2023-05-24")
    page.fill("input[name=team]", "Tổ kiểm tra số 1 của Sở Nội vụ")
    page.fill("textarea[name=area_1]", "Sở đã ban hành Kế hoạch CCHC năm 2023 đúng thời hạn.")
    page.fill("textarea[name=weaknesses]", "Còn hồ sơ giải quyết quá hạn.")
    page.fill("textarea[name=recommendations]",
              "Xử lý dứt điểm hồ sơ quá hạn | 2023-07-31\nĐẩy mạnh số hoá hồ sơ | 2023-09-30")
    shot(page, "06-conclusion-form")
    page.click("text=Ban hành và lưu văn bản")
    page.wait_for_url(f"{base}/rounds/2023#conclusions")
    assert page.inner_text("#conclusions-issued") == "1"
    assert page.inner_text("#open-recommendations") == "2"
    shot(page, "07-dashboard-issued")

    with page.expect_download() as info:
        page.click("a.conclusion-download")
    target = tmp_path / "thong-bao.docx"
    info.value.save_as(target)
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Sở Xây dựng" in text
    assert "Sở đã ban hành Kế hoạch CCHC năm 2023 đúng thời hạn." in text
    assert "Xử lý dứt điểm hồ sơ quá hạn" in text

    with page.expect_download() as info:
        page.click("text=Tải bảng tổng hợp (XLSX)")
    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))["Chỉ số"]
    reported = [r[1] for r in ws.iter_rows(values_only=True)
                if isinstance(r[3], str) and r[3].startswith("phiên bản")]
    assert sorted(reported) == sorted(REPORTS.values())

    page.click("text=Kế hoạch kiểm tra")
    page.wait_for_url(f"{base}/plan")
    page.fill("input[name=number]", "45")
    page.fill("input[name=day]", "8")
    schedule = page.input_value("textarea[name=schedule]")
    page.fill("textarea[name=schedule]", schedule + "\nIV | các Sở | Sở Du lịch | Du lịch")
    shot(page, "08-plan-form")
    with page.expect_download() as info:
        page.click("text=Tải kế hoạch")
    target = tmp_path / "ke-hoach.docx"
    info.value.save_as(target)
    doc = Document(str(target))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Sở Du lịch" in text or "Du lịch" in text
    assert "45/KH-UBND" in text and "ngày 08 tháng 3 năm 2023" in text

