"""The drafted notice on the conclusion page (issue 24): each drafted sentence shown with
its evidence, kept, edited or dropped; the issued notice holds exactly what was kept;
each decision is in the audit trail; a draft the data no longer gives is refused."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from docx import Document
from test_round_pages import login

from cchc import examples
from cchc.archive.store import create_round, import_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "archive"))
from archive_records import make_record, stats_row  # noqa: E402

UNIT = "Sở Xây dựng"
TARGETS = {"source": "Kế hoạch CCHC năm 2023 của UBND tỉnh", "targets": [
    {"figure": "stats.on_time_rate", "levels": ["so"], "at_least": 98,
     "label": "Tỷ lệ hồ sơ giải quyết đúng hạn"},
    {"figure": "indicators.full_process_dvc_ratio", "levels": ["so"], "at_least": 90}]}
STRENGTH = ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99% (99/100 hồ sơ), vượt chỉ tiêu 98% của "
            "tỉnh, tăng 4 điểm phần trăm so với năm 2022.")
OVERDUE = "Còn 1 hồ sơ giải quyết quá hạn."


def seed_rounds(archive, on_time: int = 99, late: int = 1) -> None:
    """Round 2022 and 2023 (the example plan), Sở Xây dựng's report in each."""
    create_round(archive, "2022", year=2022)
    create_round(archive, "2023", plan=examples.load("plan"))
    for code, ok, bad in (("2022", 95, 5), ("2023", on_time, late)):
        rec = make_record(UNIT, seed=int(code), rows=[stats_row(1, "Xây dựng", 90, 10, ok, bad)])
        import_record(archive, code, rec, json.dumps(rec).encode(), f"{code}.json")


@pytest.fixture
def drafted(app, client):
    seed_rounds(app.state.archive)
    csrf = login(client, "staff")
    r = client.post("/rounds/2023/conclusion/draft", data={"csrf": csrf, "unit": UNIT},
                    files={"targets": ("chi-tieu.json", json.dumps(TARGETS).encode())})
    assert r.status_code == 200, r.text[-3000:]
    return csrf, r.text


def form_of(html: str) -> dict:
    """The conclusion form's fields as the browser would post them (first radio wins)."""
    import re
    from html import unescape

    body = html.split('id="conclusion-form"')[1].split("</form>")[0]
    out: dict = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or ('type="radio"' in tag and "checked" not in tag):
            continue
        out[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', body):
        out[name] = unescape(text)
    return out


def test_each_sentence_is_shown_with_its_evidence(client, drafted):
    _csrf, page = drafted
    form = form_of(page)
    texts = [form[f"draft_{i}_text"] for i in range(int(form["draft_count"]))]
    assert STRENGTH in texts and OVERDUE in texts
    block = page.split('id="drafted"')[1].split("</fieldset>")[0]
    assert "Căn cứ: Bảng thống kê kết quả giải quyết TTHC của báo cáo: 99%" in block
    assert "Căn cứ: Bảng thống kê kết quả giải quyết TTHC của báo cáo: 1 hồ sơ" in block
    assert ("Căn cứ: Báo cáo, tỷ lệ dịch vụ công trực tuyến toàn trình (5.1): 85,5% "
            "[indicators.full_process_dvc_ratio]") in block
    assert "Căn cứ: Mục 2 của Đề cương (Cải cách thủ tục hành chính): để trống" in block
    assert "None" not in block
    source = block.split('id="draft-source">')[1].split("</p>")[0]
    assert "2023.json (bản 1)" in source
    href = source.split('href="')[1].split('"')[0]
    assert client.get(href).content.startswith(b"{")   # the original the record came from


def _decide(form: dict, drop: str, edit: str, new: str) -> dict:
    for i in range(int(form["draft_count"])):
        if form[f"draft_{i}_text"] == drop:
            form[f"draft_{i}_keep"] = "drop"
        if form[f"draft_{i}_text"] == edit:
            form[f"draft_{i}_text"] = new
    return form


def _docx_text(blob: bytes) -> str:
    doc = Document(io.BytesIO(blob))
    return " ".join(" ".join(p.text for p in doc.paragraphs).split())


def test_the_issued_notice_holds_what_was_kept_and_the_audit_says_why(app, client, drafted,
                                                                      tmp_path):
    csrf, page = drafted
    form = form_of(page)
    texts = [form[f"draft_{i}_text"] for i in range(int(form["draft_count"]))]
    rec = next(t for t in texts if t.startswith("Rà soát, làm rõ nguyên nhân"))
    edited = "Làm rõ nguyên nhân hồ sơ quá hạn, xin lỗi tổ chức, cá nhân theo quy định."
    form = _decide(form, OVERDUE, rec, edited)
    form.update(csrf=csrf, unit=UNIT, symbol="TB-UBND", date="02/6/2023",
                inspection_date="24/5/2023", team="Tổ kiểm tra số 1", draft_deadline="30/9/2023")
    r = client.post("/rounds/2023/conclusion/preview", data=form)
    assert r.status_code == 200, r.text[-3000:]
    again = form_of(r.text)   # the decisions survive the preview
    assert again[f"draft_{texts.index(OVERDUE)}_keep"] == "drop"
    assert edited in again.values()
    r = client.post("/rounds/2023/conclusion", data={**again, "csrf": csrf, "unit": UNIT},
                    follow_redirects=False)
    assert r.status_code == 303, r.text.split("<main")[1][:1500]
    listed = client.get("/api/rounds/2023/conclusions", headers={"X-CSRF-Token": csrf}).json()
    blob = client.get(listed[0]["url"]).content
    text = _docx_text(blob)
    from cchc.checker.core import check_file
    (tmp_path / "tb.docx").write_bytes(blob)
    assert [f.rule_id for f in check_file(tmp_path / "tb.docx").findings
            if f.severity == "error"] == []
    kept = [t for t in texts if t not in (OVERDUE, rec)] + [edited]
    for t in kept:
        assert t.rstrip(".") in text, t
    assert OVERDUE.rstrip(".") not in text and rec.rstrip(".") not in text
    assert "30/9/2023" in text or "30 tháng 9 năm 2023" in text or "30/09/2023" in text
    from cchc.service import audit
    log = [e for e in audit.entries(app.state.archive) if e["action"].startswith("draft.")]
    assert {e["action"] for e in log} == {"draft.accept", "draft.edit", "draft.drop"}
    assert all(e["user"] == "staff" for e in log) and len(log) == len(texts)
    edit = next(e for e in log if e["action"] == "draft.edit")["details"]
    assert edit["drafted"] == rec and edit["kept"] == edited
    drop = next(e for e in log if e["action"] == "draft.drop")["details"]
    assert drop["drafted"] == OVERDUE and drop["kept"] is None and drop["rule"]


def test_a_draft_the_data_no_longer_gives_is_refused(app, client, drafted):
    csrf, page = drafted
    form = form_of(page)
    rec = make_record(UNIT, seed=7, rows=[stats_row(1, "Xây dựng", 90, 10, 100, 0)])
    import_record(app.state.archive, "2023", rec, json.dumps(rec).encode(), "moi.json")
    form.update(csrf=csrf, unit=UNIT, symbol="TB-UBND", date="02/6/2023",
                inspection_date="24/5/2023", team="Tổ kiểm tra số 1")
    r = client.post("/rounds/2023/conclusion", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert "dự thảo đã thay đổi từ khi bạn mở trang" in r.text
    assert f"không còn câu: {OVERDUE}" in r.text
    assert client.get("/api/rounds/2023/conclusions",
                      headers={"X-CSRF-Token": csrf}).json() == []


def test_bad_targets_name_the_file_and_path(app, client):
    seed_rounds(app.state.archive)
    csrf = login(client, "staff")
    bad = {"source": "KH", "targets": [{"figure": "stats.on_time_rate", "levels": ["tinh"],
                                        "at_least": 98}]}
    r = client.post("/rounds/2023/conclusion/draft", data={"csrf": csrf, "unit": UNIT},
                    files={"targets": ("chi-tieu.json", json.dumps(bad).encode())})
    assert r.status_code == 422 and "chi-tieu.json" in r.text
    assert "targets" in r.text and 'id="drafted"' not in r.text
    r = client.post("/rounds/2023/conclusion/draft", data={"csrf": csrf, "unit": UNIT},
                    files={"targets": ("chi-tieu.json", b"\xff\xfe{")})
    assert r.status_code == 422 and "UTF-8" in r.text


def seed_with_evidence(archive) -> int:
    """The two rounds, this year's record carrying the pages its values were read on,
    and the review page it was accepted from: that page's id."""
    from cchc.service.models import Draft

    create_round(archive, "2022", year=2022)
    create_round(archive, "2023", plan=examples.load("plan"))
    for code, ok, bad in (("2022", 95, 5), ("2023", 99, 1)):
        rec = make_record(UNIT, seed=int(code), rows=[stats_row(1, "Xây dựng", 90, 10, ok, bad)])
        if code == "2023":
            rec["evidence"] = {
                "indicators.full_process_dvc_ratio": {"page": 3, "text": "85,5%",
                                                      "rule": "indicator.rate", "match": "exact"},
                "tthc_stats.rows[0]": {"page": 5, "text": "Xây dựng", "rule": "stats.row",
                                       "match": "exact"}}
        report = import_record(archive, code, rec, json.dumps(rec).encode(), f"{code}.json")
    report_id = report.report_id
    with archive.sessions() as s:
        s.add(Draft(round_code="2023", filename="2023.json", data=b"{}", record=rec,
                    status="accepted", report_id=report_id, unit_name=UNIT))
        s.commit()
        review = s.query(Draft.id).filter(Draft.report_id == report_id).scalar()
    return review


def test_evidence_names_its_page_in_the_original_and_links_the_review_field(app, client):
    """Where the extraction recorded the page a value was read on (the record's
    ``evidence``), the drafted sentence's evidence says "trang N của bản gốc" and links to
    that field on the review page; where it did not, no page is invented."""
    review = seed_with_evidence(app.state.archive)
    csrf = login(client, "staff")
    page = client.post("/rounds/2023/conclusion/draft", data={"csrf": csrf, "unit": UNIT},
                       files={"targets": ("chi-tieu.json", json.dumps(TARGETS).encode())}).text
    block = page.split('id="drafted"')[1].split("</fieldset>")[0]
    items = re.findall(r"<li>Căn cứ: (.*?)</li>", block)
    rate = [i for i in items if "[indicators.full_process_dvc_ratio]" in i]
    table = [i for i in items if i.startswith("Bảng thống kê")]
    section = [i for i in items if i.startswith("Mục 2")]
    assert rate and table and section
    link = f'href="/drafts/{review}#truong=%24.indicators.full_process_dvc_ratio"'
    assert all(link in i and "trang 3 của bản gốc" in i for i in rate), rate
    assert all("trang 5 của bản gốc" in i and "#truong=%24.tthc_stats" in i for i in table)
    assert all("của bản gốc" not in i for i in section)   # no page recorded: none shown
    assert client.get(f"/drafts/{review}").status_code == 200
