"""The whole round of issue 21 in Chromium at 1366×768, as staff (``canbo``), never admin.

1. make the round from a plan DOCX (written by cchc's own generator from the example
   plan: fifteen units, as the seed plan has);
2. download the outline and the statistics form from the round page;
3. upload one batch: reports whose letterheads print the unit in capitals ("SỞ TƯ
   PHÁP"), a note that is no report (.txt), a second file (the statistics sheet) from
   Sở Xây dựng, a report from a sub-office that matches no scheduled unit and one from
   a unit outside the schedule;
4. match the sub-office's report to its unit with the dropdown;
5. discard the report of the unit outside the schedule;
6. preview and issue a notice;
7. read the dashboard;
8. download the summary (XLSX and DOCX).

On the way a value of the statistics grid is corrected and the notice's recommendation
marked remedied. The numbers are asserted: fifteen units by their full names and no
other (on the pages, in the summary and in the shared unit list), one refusal in the
batch and it is no success, and the summary's own count says fifteen. After every
action (read, create, save, accept, annex, discard, issue, update) its message is
inside the window and nothing is drawn over it; on every review page the caption of
the original's page being read ("Trang 1/4") is inside its box, in the window,
uncovered. Every step's screenshot is saved as tests/artifacts/browser/whole-round-*.png
and its page checked for engineer's words.
"""

from __future__ import annotations

import copy
import io
import json
import re
import time
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select
from test_browser import ARTIFACTS, page, pytestmark, server, shot, wait_js  # noqa: F401
from test_browser_admin import login
from test_unit_matching import LETTERHEADS
from test_visible_words import engineer_words

from cchc.archive.models import Unit
from cchc.archive.units import plan_units
from cchc.generator.documents import render_kind, render_report
from cchc.service.forms import example

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1366, "height": 768}
SUB_OFFICE = "PHÒNG CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"  # of Công an tỉnh
OUTSIDE = "UBND HUYỆN LỤC NAM"  # not in the 2023 schedule: sent by mistake


def _example(name: str) -> dict:
    return json.loads((ROOT / "cchc" / "examples" / name).read_text(encoding="utf-8"))


def _plan() -> dict:
    plan = example("plan")
    plan.update(number=36, date={"year": 2023, "month": 3, "day": 1})
    return plan


def same_dash(name: str) -> str:
    """The plan prints "Lao động – Thương binh" with an en dash where its data has a
    hyphen; that is the one difference allowed (case and words must be the register's)."""
    return re.sub("[\u2013\u2014]", "-", name)


def step(pg, n: int | str, name: str, full: bool = False) -> None:
    """A screenshot of the step, and no engineer's words on the page as it stands now
    (with what its scripts wrote: the upload progress, the held draft, the annex
    question...), as test_visible_words checks of every page template."""
    shot(pg, f"whole-round-{n:02d}-{name}" if isinstance(n, int) else
         f"whole-round-{n}-{name}", full=full)
    assert engineer_words(pg.content()) == [], name


def in_viewport(pg, selector: str) -> dict:
    """The element's box, asserted to lie wholly inside the 1366×768 window."""
    box = pg.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= VIEWPORT["width"], (selector, box)
    assert box["y"] + box["height"] <= VIEWPORT["height"], (selector, box)
    return box


def uncovered(pg, selector: str) -> bool:
    """Nothing else (a sticky bar, another pane) is drawn over the element's middle."""
    return pg.locator(selector).first.evaluate("""el => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.left + r.width / 2,
                                                     r.top + r.height / 2));
    }""")


def flash_seen(pg, text: str) -> None:
    """The success message says ``text`` and is where the user looks: in the window,
    drawn over whatever the page scrolled to."""
    flash = pg.locator(".flash.ok[role=status]", has_text=text)
    assert flash.count() == 1, pg.inner_text("main")[:800]
    where = f".flash.ok[role=status]:has-text('{text}')"
    box = in_viewport(pg, where)
    assert uncovered(pg, where), box


def captions_inside(pg) -> str | None:
    """The caption ("Trang 2/4") of the page shown at the top of the original's box is
    wholly inside that box and the window: it names the page being read, not cut off."""
    if not pg.locator("#pages figcaption").count():
        return None
    pg.locator("#pages img").first.wait_for()
    wait_js(pg, "document.querySelector('#pages img').complete")
    box = pg.locator("#pages").bounding_box()
    caption = pg.evaluate("""() => {
        const box = document.getElementById('pages').getBoundingClientRect();
        const shown = [...document.querySelectorAll('#pages figure')]
            .find(f => f.getBoundingClientRect().bottom > box.top + 1);
        const c = shown.querySelector('figcaption').getBoundingClientRect();
        return {id: shown.id, text: shown.querySelector('figcaption').textContent,
                x: c.left, y: c.top, width: c.width, height: c.height};
    }""")
    assert caption["height"] > 0, caption
    assert caption["y"] >= box["y"] - 0.5 and caption["x"] >= box["x"] - 0.5, (caption, box)
    assert caption["y"] + caption["height"] <= box["y"] + box["height"] + 0.5, (caption, box)
    assert caption["x"] + caption["width"] <= box["x"] + box["width"] + 0.5, (caption, box)
    assert 0 <= caption["y"] and caption["y"] + caption["height"] <= VIEWPORT["height"], caption
    assert uncovered(pg, f"#{caption['id']} figcaption"), caption
    return caption["text"]


def reports(folder: Path, names: list[str]) -> tuple[list[Path], dict[str, str]]:
    """One report per scheduled unit (its letterhead in capitals; Công an tỉnh's sent by
    a sub-office), one from a unit outside the schedule, a note, and Sở Xây dựng's
    statistics sheet sent after its report; with each report's letterhead by file."""
    outline = _example("outline.json")
    records = [_example(f"reports/{n}.json") for n in
               ("so-xay-dung", "so-tai-chinh", "ubnd-huyen-tan-yen")]
    heads = [SUB_OFFICE if h.startswith("CÔNG AN") else h for h in LETTERHEADS] + [OUTSIDE]
    out, printed = [], {}
    for i, head in enumerate(heads):
        record = copy.deepcopy(records[i % 3])
        record["unit"]["name"] = head
        if i == 2:  # a total that its parts contradict: the review page opens at the grid
            record["tthc_stats"]["rows"][-1]["resolved_on_time"] += 5
        path = folder / f"bao-cao-{i + 1:02d}.docx"
        path.write_bytes(render_report(record, outline))
        out.append(path)
        printed[path.name] = head
    note = folder / "ghi-chu-van-thu.txt"
    note.write_text("Văn thư ghi chú: đã nhận đủ báo cáo quý II.", encoding="utf-8")
    out.insert(4, note)
    stats = _example("stats.json")
    stats["unit"]["name"] = "SỞ XÂY DỰNG"
    sheet = folder / "so-xay-dung-bieu-thong-ke.xlsx"
    sheet.write_bytes(render_kind("stats-form", stats))
    out.append(sheet)
    assert len(names) == 15 and len(out) == 18
    return out, printed


def _download(pg, selector: str) -> bytes:
    with pg.expect_download() as info:
        pg.click(selector)
    return Path(info.value.path()).read_bytes()


def make_round(pg, base: str, tmp_path: Path, names: list[str]) -> None:
    plan_docx = tmp_path / "ke-hoach-kiem-tra-2023.docx"
    plan_docx.write_bytes(render_kind("plan", _plan()))
    pg.click("#new-round-from-plan")
    pg.wait_for_url(f"{base}/plan")
    pg.click("summary:has-text('Tạo đợt từ tệp kế hoạch')")
    pg.set_input_files("#plan-upload input[type=file]", str(plan_docx))
    pg.fill("#plan-upload input[name=upload_round]", "2023")
    step(pg, 2, "plan-file-chosen")
    pg.click("#plan-upload button[type=submit]")
    pg.wait_for_selector("#plan-form")
    flash_seen(pg, "15 đơn vị trong lịch")
    shown = pg.locator("#schedule tbody input[name^=name_]").evaluate_all(
        "els => els.map(e => e.value)")
    assert [same_dash(n) for n in shown if n.strip()] == names
    step(pg, 3, "plan-read")
    pg.fill("#plan-form input[name=round_title]", "Kiểm tra CCHC, ISO, chuyển đổi số năm 2023")
    pg.click("button:has-text('Lưu kế hoạch và tạo đợt')")
    pg.wait_for_url(f"{base}/rounds/2023")
    flash_seen(pg, "Đã tạo đợt kiểm tra 2023 với 15 đơn vị trong lịch")
    assert pg.inner_text("#units-scheduled") == "15"
    step(pg, 4, "round-made")


def hand_out(pg) -> None:
    outline = Document(io.BytesIO(_download(pg, "#download-outline")))
    text = " ".join(" ".join(p.text for p in outline.paragraphs).split())
    assert "Kèm theo Kế hoạch số 36/KH-UBND ngày 01 tháng 3 năm 2023" in text
    sheet = load_workbook(io.BytesIO(_download(pg, "#download-stats-form"))).active
    assert any("THỐNG KÊ" in str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    pg.locator("#unit-documents").scroll_into_view_if_needed()
    step(pg, 5, "hand-out")


def upload_batch(pg, base: str, files: list[Path]) -> None:
    pg.click("text=Tải lên báo cáo")
    pg.wait_for_url(f"{base}/rounds/2023/upload")
    pg.set_input_files("#file-input", [str(p) for p in files])
    pg.wait_for_selector(f"#upload-files li >> nth={len(files) - 1}")
    step(pg, 6, "upload-sending")
    # when every file has its result the page reloads with the drafts listed
    pg.wait_for_selector("#pending tr.draft", timeout=600_000)
    wait_js(pg, "document.querySelector('#upload-status').textContent.includes('Lần tải "
                  "lên trước')", timeout=60)
    items = pg.locator("#upload-files li")
    assert items.count() == len(files)
    refused = pg.locator("#upload-files li.failed")
    assert refused.count() == 1, pg.inner_text("#upload-files")
    assert "ghi-chu-van-thu.txt" in refused.inner_text()
    assert "bị từ chối" in refused.inner_text()
    ok = pg.locator("#upload-files li.ok")
    assert ok.count() == len(files) - 1
    assert all("ghi-chu" not in t for t in ok.all_inner_texts())
    in_viewport(pg, "#upload-status")
    status = pg.inner_text("#upload-status")
    assert f"{len(files) - 1}/{len(files) - 1} tệp" in status and "1 tệp bị từ chối" in status
    step(pg, 7, "upload-done", full=True)


def _accept_here(pg, base: str, heads: dict[str, str], names: list[str]) -> str:
    """Act on the draft whose review page is open; returns what was done."""
    pg.wait_for_selector("#review-form")
    name = pg.inner_text("h1 small")
    captions_inside(pg)
    if pg.locator("#unit-reason").count():  # matches no scheduled unit: a person decides
        if heads.get(name) == OUTSIDE:
            step(pg, 11, "wrong-draft")
            pg.once("dialog", lambda d: d.accept())
            pg.click("#discard")
            pg.wait_for_url(f"{base}/rounds/2023/upload")
            flash_seen(pg, f"Đã bỏ tệp {name}")
            step(pg, 12, "wrong-draft-discarded")
            return "discarded"
        assert heads.get(name) == SUB_OFFICE, name
        options = pg.locator("#unit-choice option").all_inner_texts()
        assert [same_dash(o) for o in options[1:]] == names, options  # the fifteen
        pg.select_option("#unit-choice", "Công an tỉnh Bắc Giang")
        step(pg, 9, "unit-chosen")
        pg.click("#accept-next")
        flash_seen(pg, "Đã duyệt báo cáo của Công an tỉnh Bắc Giang vào kho lưu trữ")
        assert "sửa tay" not in pg.inner_text(".flash.ok")  # a choice, no value corrected
        step(pg, 10, "unit-chosen-accepted")
        return "chosen"
    if pg.locator("#existing-report").count():  # the second file of Sở Xây dựng
        assert "Sở Xây dựng đã có báo cáo trong đợt" in pg.inner_text("#existing-report")
        step(pg, 13, "second-file")
        pg.click("#accept-annex")
        flash_seen(pg, "Đã ghép tệp làm phụ lục vào báo cáo của Sở Xây dựng")
        step(pg, 14, "annex-merged")
        return "annex"
    unit = pg.inner_text("h1").replace(name, "").strip()
    if pg.locator("#stats-grid td.warn").count():  # opened at the grid's warning...
        stats_page = pg.get_attribute("section[aria-labelledby=h-stats]", "data-page")
        assert stats_page and stats_page != "1"
        wait_js(pg, "[...document.querySelectorAll('#pages img')].every(i => i.complete)")
        time.sleep(0.3)  # the last image's load handler
        step(pg, "08b", "review-at-the-grid")
        captions_inside(pg)  # ...beside the original's page that holds the grid:
        grid_page = pg.locator(f"#page-{stats_page} figcaption").bounding_box()
        box = pg.locator("#pages").bounding_box()
        assert box["y"] <= grid_page["y"] < box["y"] + box["height"] / 2, (grid_page, box)
        assert uncovered(pg, f"#page-{stats_page} figcaption")
        pg.get_by_label("Dòng 2, cột (8) Tổng số", exact=True).fill("8.325")
        pg.get_by_label("Dòng tổng số, cột (8) Tổng số", exact=True).fill("10.435")
        pg.click("button:has-text('Lưu giá trị đã sửa')")
        flash_seen(pg, "Đã lưu 2 giá trị sửa tay")
        step(pg, "08c", "grid-corrected")
    pg.click("#accept-next")
    flash_seen(pg, f"Đã duyệt báo cáo của {unit} vào kho lưu trữ")
    return "accepted"


def review_all(pg, base: str, heads: dict[str, str], names: list[str]) -> None:
    pg.click("#pending tr.draft >> nth=0 >> a.review-link")
    step(pg, 8, "first-draft")
    done = []
    while len(done) < 17:
        if "/upload" in pg.url:
            if not pg.locator("#pending tr.draft").count():
                break
            pg.click("#pending tr.draft >> nth=0 >> a.review-link")
        done.append(_accept_here(pg, base, heads, names))
    assert sorted(done) == sorted(["accepted"] * 14 + ["chosen", "discarded", "annex"]), done
    pg.wait_for_url(f"{base}/rounds/2023/upload")
    assert pg.locator("#pending tr.draft").count() == 0
    assert pg.locator("ul.failed li").count() == 0
    step(pg, 15, "all-reviewed", full=True)


def issue_notice(pg, base: str) -> None:
    pg.goto(f"{base}/rounds/2023")
    pg.click("text=Lập thông báo kết luận")
    pg.wait_for_url(f"{base}/rounds/2023/conclusion")
    pg.select_option("#unit-select", "Sở Tư pháp")
    pg.fill("input[name=date]", "02/6/2023")
    pg.fill("input[name=inspection_date]", "24/5/2023")
    pg.fill("input[name=team]", "Tổ kiểm tra số 2")
    pg.fill("textarea[name=area_1]", "Sở đã ban hành Kế hoạch CCHC năm 2023 đúng thời hạn.")
    pg.fill("textarea[name=recommendations]", "Xử lý dứt điểm hồ sơ quá hạn | 31/7/2023")
    step(pg, 16, "notice-form")
    pg.click("#preview-notice")
    pg.wait_for_selector("#notice-preview img.notice-page")
    wait_js(pg, "document.querySelector('img.notice-page').naturalWidth > 300")
    assert "Số liệu từ báo cáo của đơn vị" in pg.inner_text("#from-archive")
    pg.locator("#notice-preview").scroll_into_view_if_needed()
    step(pg, 17, "notice-preview")
    pg.click("#issue-notice")
    pg.wait_for_url(re.compile(r".*/rounds/2023(#conclusions)?$"))
    flash_seen(pg, "Đã ban hành thông báo kết luận cho Sở Tư pháp")
    step(pg, 18, "notice-issued")
    assert pg.inner_text("#conclusions-issued") == "1"
    assert pg.inner_text("#open-recommendations") == "1"
    row = pg.locator("#recommendation-table tr", has_text="Xử lý dứt điểm hồ sơ quá hạn")
    row.locator("select[name=status]").select_option("remedied")
    row.locator("input[name=evidence]").fill("Công văn số 15/STP ngày 20/7/2023")
    row.locator("button").click()
    flash_seen(pg, "Kiến nghị số 1 (Sở Tư pháp): đã khắc phục")
    step(pg, "18b", "recommendation-remedied")
    assert pg.inner_text("#open-recommendations") == "0"


def read_dashboard(pg, names: list[str]) -> None:
    assert pg.inner_text("#units-scheduled") == "15"
    assert pg.inner_text("#units-reported") == "15"
    rows = pg.locator("#units tbody tr")
    assert rows.count() == 15
    shown = [same_dash(t.strip()) for t in pg.locator("#units tbody tr td:first-child")
             .all_inner_texts()]
    assert shown == names  # by full name, none in a letterhead's capitals, none extra
    assert "chưa nhận" not in pg.inner_text("#units")
    for chart in ("on-time", "online", "progress"):
        wait_js(pg, f"document.getElementById('chart-{chart}').naturalWidth > 0")
    pg.locator("#charts").scroll_into_view_if_needed()
    step(pg, 19, "dashboard-charts")
    pg.locator("#units").scroll_into_view_if_needed()
    step(pg, 20, "dashboard-units")


def download_summary(pg, names: list[str]) -> None:
    xlsx, docx = _download(pg, "#download-summary-xlsx"), _download(pg, "#download-summary-docx")
    (ARTIFACTS / "whole-round-tong-hop.xlsx").write_bytes(xlsx)  # to render and look at
    (ARTIFACTS / "whole-round-tong-hop.docx").write_bytes(docx)
    sheet = load_workbook(io.BytesIO(xlsx))["Chỉ số"]
    listed = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True) if r[1]]
    assert [same_dash(n) for n in listed] == names  # 15 rows, the plan's units
    reported = [r for r in sheet.iter_rows(min_row=5, values_only=True)
                if isinstance(r[3], str) and r[3].startswith("phiên bản")]
    assert len(reported) == 15
    doc = Document(io.BytesIO(docx))
    text = " ".join(" ".join(p.text for p in doc.paragraphs).split())
    said = re.search(r"đã kiểm tra (\d+) cơ quan, đơn vị, địa phương; (\d+) đơn vị đã gửi", text)
    assert said, text[:600]
    assert said.groups() == ("15", "15")  # the plan's fifteen, none from a letterhead
    assert "ngoài lịch kiểm tra" not in text
    step(pg, 21, "summary-downloaded")


def test_the_whole_round_as_staff(server, page, tmp_path):  # noqa: F811
    base, app = server
    names = [same_dash(u["name"]) for _q, _l, u in plan_units(_plan())]
    files, heads = reports(tmp_path, names)
    login(page, base, "canbo")
    page.wait_for_url(f"{base}/")
    assert "canbo (cán bộ)" in page.inner_text("header")  # staff, never admin
    assert "Người dùng" not in page.inner_text("nav")
    step(page, 1, "logged-in")
    make_round(page, base, tmp_path, names)
    hand_out(page)
    upload_batch(page, base, files)
    review_all(page, base, heads, names)
    issue_notice(page, base)
    read_dashboard(page, names)
    download_summary(page, names)
    with app.state.archive.sessions() as s:  # the shared unit list: the plan's, none more
        units = [same_dash(n) for n in s.scalars(select(Unit.name).order_by(Unit.id))]
    assert units == names
