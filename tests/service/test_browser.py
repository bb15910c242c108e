"""A whole round through the web pages in a real headless Chromium (Debian's, via Playwright).

A staff member at 1366×768 logs in, makes the plan in the form (no JSON anywhere),
creates the round from it, uploads three reports (a DOCX, a PDF printed from Word, a
scan), reviews them beside their originals, corrects one cell of the statistics grid
and a percentage, accepts with the keyboard, drafts a conclusion picking the unit with
the number left blank, marks a recommendation remedied and downloads the summary.
Screenshots of each step are saved under tests/artifacts/browser/ (kept out of git).

The server is a real uvicorn on 127.0.0.1 with a free port and the real extractors.
The reports are self-reports generated along the outline from examples/reports/*.json;
the DOCX one writes a percentage that contradicts its own counts (8,55% for 171/200),
which the extractor warns about and the reviewer corrects.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
import uvicorn
from docx import Document
from svc_helpers import PASSWORD, close_app

from cchc.archive.units import plan_units
from cchc.generator.documents import render_report

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]
NEEDS = [CHROMIUM, shutil.which("soffice") or "/usr/bin/soffice",
         shutil.which("tesseract") or "/usr/bin/tesseract"]

pytestmark = pytest.mark.skipif(not all(Path(p).exists() for p in NEEDS),
                                reason="Debian chromium, libreoffice and tesseract-ocr are "
                                       "needed (bash .ci/run installs them)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _record(name: str) -> dict:
    return json.loads((ROOT / "cchc" / "examples" / "reports" / f"{name}.json").read_text(
        encoding="utf-8"))


def three_reports(folder: Path) -> list[Path]:
    """so-xay-dung.docx (with the 8,55% typo), so-tai-chinh.pdf (Word printed to PDF)
    and ubnd-huyen-tan-yen.pdf (that report printed, then scanned: pages as images)."""
    from cchc.core.office import convert
    from cchc.extractors.tools.synthetic_scans import Degrade, make_scan

    outline = json.loads((ROOT / "cchc" / "examples" / "outline.json").read_text(encoding="utf-8"))
    typo = _record("so-xay-dung")
    typo["indicators"]["full_process_dvc_ratio"].update(value=8.55, numerator=171,
                                                        denominator=200)
    docx = folder / "so-xay-dung.docx"
    docx.write_bytes(render_report(typo, outline))
    words = folder / "words"
    words.mkdir()
    for name in ("so-tai-chinh", "ubnd-huyen-tan-yen"):
        (words / f"{name}.docx").write_bytes(render_report(_record(name), outline))
    pdf, to_scan = convert([words / "so-tai-chinh.docx", words / "ubnd-huyen-tan-yen.docx"],
                           "pdf", folder)
    import pypdfium2 as pdfium
    pages = len(pdfium.PdfDocument(str(to_scan)))
    scan = make_scan(to_scan, folder / "scan-ubnd-huyen-tan-yen.pdf", dpi=200, seed=3,
                     plan=tuple((i, Degrade(skew=0.8, noise=6, jpeg=60)) for i in range(pages)))
    to_scan.unlink()
    return [docx, pdf, scan]


@pytest.fixture
def server(tmp_path):
    from cchc.service import users
    from cchc.service.adapters import extract
    from cchc.service.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'svc.db'}", secret="test-secret",
                     data_dir=tmp_path, extractor=extract)  # default upload limit: scans fit
    users.add_user(app.state.archive, "canbo", PASSWORD, "staff")  # the round: staff, never admin
    users.add_user(app.state.archive, "admin", PASSWORD, "admin")  # the users page
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
                                      viewport={"width": 1366, "height": 768})
        pg = context.new_page()
        pg.set_default_timeout(120_000)  # LibreOffice and OCR on a busy two-core machine
        yield pg
        context.close()
        browser.close()


def wait_js(page, expression: str, timeout: float = 120.0) -> None:
    """Poll ``expression`` from here: Playwright's wait_for_function polls with eval inside
    the page, which the pages' CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        time.sleep(0.1)


def shot(page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def visible_text(page) -> str:
    return page.inner_text("main")


def log_in(page, base: str) -> None:
    page.goto(f"{base}/")
    assert page.url.endswith("/login")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "sai mật khẩu")
    page.click("main button[type=submit]")
    assert "Sai tên đăng nhập" in page.inner_text(".flash.error")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    shot(page, "01-rounds")


def plan_in_the_form(page, base: str) -> int:
    """The plan from the form, one unit added to the schedule table by keyboard."""
    page.click("#new-round-from-plan")
    page.wait_for_url(f"{base}/plan")
    page.click("#start-example")  # a new plan starts blank; the example is one choice
    page.wait_for_url(f"{base}/plan?start=example")
    assert page.locator("textarea").evaluate_all(
        "els => els.filter(e => /^\\s*[\\[{]/.test(e.value)).length") == 0, "JSON in the form"
    page.fill("#plan-form input[name=round]", "2023")
    page.fill("input[name=round_title]", "Kiểm tra CCHC năm 2023")
    page.fill("input[name=day]", "8")
    rows = page.locator("#schedule tbody tr").count()
    filled = page.locator("#schedule tbody input[name^=name_]").evaluate_all(
        "els => els.filter(e => e.value.trim()).length")
    page.focus("#add-row")
    page.keyboard.press("Enter")
    assert page.locator("#schedule tbody tr").count() == rows + 1
    page.keyboard.type("Sở Du lịch")  # the new row's unit name has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("Du lịch")
    page.select_option(f"select[name=quarter_{rows}]", "IV")
    page.fill(f"input[name=group_{rows}]", "các Sở")
    page.fill("input[name=signer_name]", "Mai Sơn")
    shot(page, "02-plan-form")
    page.click("button:has-text('Lưu kế hoạch và tạo đợt')")
    page.wait_for_url(f"{base}/rounds/2023")
    return filled + 1


def upload_three(page, base: str, paths: list[Path]) -> None:
    page.click("text=Tải lên báo cáo")
    page.wait_for_url(f"{base}/rounds/2023/upload")
    page.set_input_files("#file-input", [str(p) for p in paths])
    page.wait_for_selector("#upload-files li >> nth=2")
    wait_js(page, "document.querySelector('#upload-status').textContent"
                           ".includes('Đã xử lý')")
    page.reload()  # the progress comes back after a reload
    page.wait_for_selector("#upload-files li >> nth=2")
    shot(page, "04-upload-progress")
    page.wait_for_selector("#pending tr.draft >> nth=2", timeout=300_000)
    assert page.locator("#pending tr.draft").count() == 3
    shot(page, "05-drafts")


def review_docx(page, base: str) -> None:
    """No raw paths, the original beside the record, a grid cell and a percentage fixed."""
    page.click("#pending tr.draft:has-text('so-xay-dung.docx') a.review-link")
    page.wait_for_selector("#review-form")
    text = visible_text(page)
    assert "$." not in text and "tthc_stats" not in text
    assert "Phát triển chính quyền số" in text and "Thống kê kết quả giải quyết" in text
    pane = page.locator(".original-pane img")
    assert pane.count() >= 2
    pane.first.wait_for()
    wait_js(page, "document.querySelector('.original-pane img').naturalWidth > 300")
    box_record = page.locator("#review-form").bounding_box()
    box_original = page.locator(".original-pane").bounding_box()
    assert box_original["x"] >= box_record["x"] + box_record["width"] - 1  # beside, not below
    ratio = page.get_by_label("Số dịch vụ công trực tuyến toàn trình: Tỷ lệ (%)")
    assert ratio.input_value() == "8,55"
    assert "warn" in ratio.get_attribute("class")
    assert "171/200 = 85,5%" in text
    shot(page, "06-review-docx", full=False)
    ratio.fill("85,5")
    cell = page.get_by_label("Dòng 1, cột (6) Tiếp nhận trực tiếp")
    before = cell.input_value()
    cell.focus()
    wait_js(page, "document.getElementById('pages').scrollTop > 0")  # stats page
    cell.fill(str(int(before.replace(".", "")) + 1))
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") \
        == "Dòng 2, cột (6) Tiếp nhận trực tiếp"
    shot(page, "07-grid-edited", full=False)
    page.click("button:has-text('Lưu giá trị đã sửa')")
    page.wait_for_selector(".flash.ok")
    assert "Đã lưu 2 giá trị sửa tay" in page.inner_text(".flash.ok")
    corrections = page.inner_text("ul.corrections")
    assert "8,55 → 85,5" in corrections
    assert "Dòng 1, cột (6) Tiếp nhận trực tiếp" in corrections
    assert "fixed" in page.get_by_label("Dòng 1, cột (6) Tiếp nhận trực tiếp") \
        .get_attribute("class")
    assert "fixed" in ratio.get_attribute("class")  # the hand correction settles the warning
    assert "$." not in visible_text(page)
    shot(page, "08-corrected")


def accept_all(page, base: str) -> None:
    """Ctrl+Enter accepts and opens the next draft; the scan's unit name is checked."""
    page.get_by_label("Đơn vị", exact=True).focus()
    page.keyboard.press("Control+Enter")
    for _ in range(2):
        page.wait_for_selector(".flash.ok")
        page.wait_for_selector("#review-form")
        if "scan-" in page.inner_text("h1"):
            assert "$." not in visible_text(page)
            shot(page, "09-review-scan", full=False)
            page.get_by_label("Đơn vị", exact=True).fill("UBND huyện Tân Yên")
        page.get_by_label("Đơn vị", exact=True).focus()
        page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{base}/rounds/2023/upload")
    assert page.locator("#pending tr.draft").count() == 0
    assert page.locator("ul.accepted li").count() == 3
    shot(page, "10-accepted")


def conclusion(page, base: str, scheduled: int) -> None:
    page.goto(f"{base}/rounds/2023")
    assert page.inner_text("#units-reported") == "3"
    page.click("text=Lập thông báo kết luận")
    options = page.locator("#unit-select option").all_inner_texts()
    assert len(options) == scheduled + 1  # the prompt, then the round's units
    assert any(o.startswith("Sở Xây dựng") and "báo cáo đã duyệt" in o for o in options)
    assert any(o.startswith("Sở Du lịch") and "chưa có báo cáo" in o for o in options)
    page.select_option("#unit-select", "Sở Xây dựng")
    page.fill("input[name=date]", "02/6/2023")  # as staff write dates
    page.fill("input[name=inspection_date]", "24/5/2023")
    page.fill("input[name=team]", "Tổ kiểm tra số 1 của Sở Nội vụ")
    page.fill("textarea[name=area_1]", "Sở đã ban hành Kế hoạch CCHC năm 2023 đúng thời hạn.")
    page.fill("textarea[name=weaknesses]", "Còn hồ sơ giải quyết quá hạn.")
    page.fill("textarea[name=recommendations]",
              "Xử lý dứt điểm hồ sơ quá hạn | 31/7/2023\nĐẩy mạnh số hoá hồ sơ | 30/9/2023")
    assert page.input_value("input[name=number]") == ""
    shot(page, "11-conclusion-form")
    page.click("#preview-notice")  # the notice as it will print, before it is issued
    page.wait_for_selector("#notice-preview img.notice-page")
    page.wait_for_function("document.querySelector('img.notice-page').naturalWidth > 300")
    assert "Số liệu từ báo cáo của đơn vị" in page.inner_text("#from-archive")
    shot(page, "11b-conclusion-preview")
    page.click("#issue-notice")
    page.wait_for_url(f"{base}/rounds/2023#conclusions")
    assert page.inner_text("#conclusions-issued") == "1"
    assert page.inner_text("#open-recommendations") == "2"


def downloaded(page, click: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(click)
    info.value.save_as(target)
    return target


def test_a_whole_round_as_a_staff_member(server, page, tmp_path):
    base, _app = server
    paths = three_reports(tmp_path)
    log_in(page, base)
    scheduled = plan_in_the_form(page, base)
    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    assert scheduled == len(list(plan_units(plan))) + 1
    assert int(page.inner_text("#units-scheduled")) == scheduled
    shot(page, "03-dashboard-empty")
    upload_three(page, base, paths)
    review_docx(page, base)
    accept_all(page, base)
    conclusion(page, base, scheduled)

    doc = Document(str(downloaded(page, "a.conclusion-download", tmp_path / "tb.docx")))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert re.search(r"Số:\s+/TB-UBND", text), "the number is left blank for the clerk"
    assert "Sở đã ban hành Kế hoạch CCHC năm 2023 đúng thời hạn." in text

    row = page.locator("#recommendation-table tr", has_text="Xử lý dứt điểm hồ sơ quá hạn")
    row.locator("select[name=status]").select_option("remedied")
    row.locator("input[name=evidence]").fill("Công văn 15/SXD ngày 20/7/2023")
    row.locator("button").click()
    page.wait_for_selector(".flash.ok")
    assert "đã khắc phục" in page.locator("#recommendation-table tr",
                                          has_text="Xử lý dứt điểm").inner_text()
    assert page.inner_text("#open-recommendations") == "1"
    for chart in ("on-time", "online", "progress", "recommendations"):
        wait_js(page, f"document.getElementById('chart-{chart}').naturalWidth > 0")
    shot(page, "12-dashboard-charts")
    svg = downloaded(page, "a.chart-download >> nth=0", tmp_path / "chart.svg").read_text(
        encoding="utf-8")
    assert "<svg" in svg and "Sở Xây dựng" in svg

    xlsx = downloaded(page, "text=Tải bảng tổng hợp (XLSX)", tmp_path / "tong-hop.xlsx")
    with zipfile.ZipFile(xlsx) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(xlsx.read_bytes()))["Chỉ số"]
    reported = [r[1] for r in ws.iter_rows(values_only=True)
                if isinstance(r[3], str) and r[3].startswith("phiên bản")]
    assert sorted(reported) == sorted(["Sở Xây dựng", "Sở Tài chính", "UBND huyện Tân Yên"])
