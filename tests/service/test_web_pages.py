"""The office pages without a browser: review along the outline, plans saved as rounds,
conclusions with the number left blank, charts. (test_browser.py drives them in Chromium.)"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from docx import Document
from svc_helpers import wait_job
from svc_reports import report_docx

from cchc.service import forms

ROOT = Path(__file__).resolve().parents[2]


def _login(client, name: str) -> str:
    page = client.get("/login")
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": name, "password": "mat-khau-dai-1", "csrf": csrf})
    return client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]


def _plan_form(plan: dict, csrf: str, **extra) -> dict:
    values = forms.plan_form_values(plan)
    form = {k: str(v) for k, v in values.items() if k != "rows"}
    for i, row in enumerate(values["rows"]):
        form.update({f"{k}_{i}": v for k, v in row.items()})
    return {**form, "csrf": csrf, **extra}


def _example_plan() -> dict:
    return json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))


def _main(html: str) -> str:
    """What a reader sees in <main>: text without tags and attributes (tooltips excluded)."""
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]*>", " ", body.split(">", 1)[1])


def test_plan_form_values_round_trip_the_example_plan():
    plan = _example_plan()
    form = _plan_form(plan, "x")
    back = forms.plan_from_form(form)
    for key in ("schedule", "recipients", "issuer", "signer", "place", "subject", "tasks"):
        assert back[key] == plan[key], key


def test_round_created_from_the_plan_form_then_edited_until_numbered(client):
    csrf = _login(client, "admin")
    plan = _example_plan()
    r = client.post("/plan", data=_plan_form(plan, csrf, action="save", round="2023",
                                             round_title="Kiểm tra 2023"))
    assert r.status_code == 200 and str(r.url).endswith("/rounds/2023")
    assert 'id="units-scheduled">15<' in r.text
    form = _plan_form(plan, csrf, action="save", round="2023")
    form.update(quarter_15="IV", group_15="các Sở", name_15="Sở Du lịch", short_15="Du lịch")
    r = client.post("/plan", data=form)
    assert 'id="units-scheduled">16<' in r.text
    assert "Sở Du lịch" in client.get("/rounds/2023/plan").text
    client.post("/plan", data={**form, "number": "45"})  # issued: the clerk numbered it
    page = client.get("/rounds/2023/plan")
    assert "đã ban hành" in page.text and "Lưu kế hoạch</button>" not in page.text
    r = client.post("/plan", data={**form, "number": "45", "name_15": ""})
    assert r.status_code == 409 and "không sửa được nữa" in r.text
    assert 'id="units-scheduled">16<' in client.get("/rounds/2023").text


def test_round_needs_a_code_and_a_whole_plan(client):
    csrf = _login(client, "admin")
    r = client.post("/plan", data=_plan_form(_example_plan(), csrf, action="save"))
    assert r.status_code == 422 and "cần ghi mã đợt" in r.text
    form = _plan_form(_example_plan(), csrf, action="save", round="2023")
    form["name_0"] = "Sở Xây dựng"  # twice in the schedule now
    r = client.post("/plan", data=form)
    assert r.status_code in (409, 422) and "Sở Xây dựng" in r.text
    assert "2023" not in client.get("/").text.split("<tbody>")[1].split("</tbody>")[0]


def test_plan_read_from_its_word_file_and_from_json(client):
    from cchc.generator.documents import render_kind

    csrf = _login(client, "admin")
    plan = _example_plan()
    blob = render_kind("plan", plan)
    r = client.post("/plan/upload", data={"csrf": csrf, "upload_round": "2023"},
                    files={"file": ("ke-hoach.docx", blob)})
    assert r.status_code == 200 and "15 đơn vị trong lịch" in r.text
    assert 'value="Sở Xây dựng"' in r.text and 'value="UBND huyện Tân Yên"' in r.text
    assert 'name="signer_name" required value="Mai Sơn"' in r.text
    r = client.post("/plan/upload", data={"csrf": csrf},
                    files={"file": ("ke-hoach.json", json.dumps(plan).encode())})
    assert r.status_code == 200 and "15 đơn vị trong lịch" in r.text
    r = client.post("/plan/upload", data={"csrf": csrf},
                    files={"file": ("ke-hoach.docx", report_docx("Sở Y tế"))})
    assert r.status_code == 422 and "không tìm thấy lịch kiểm tra" in r.text


def _draft(client, tokens, csrf_unused=None) -> int:
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example_plan()})
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("so-xay-dung.docx", report_docx("Sở Xây dựng", "185")))])
    job = wait_job(client, h, r.json()["url"])
    return job["results"][0]["draft_id"]


def test_review_page_reads_like_the_outline_and_corrects_in_place(client, tokens):
    draft_id = _draft(client, tokens)
    csrf = _login(client, "staff")
    page = client.get(f"/drafts/{draft_id}")
    assert page.status_code == 200
    seen = _main(page.text)
    assert "$." not in seen and "tthc_stats" not in seen
    assert "Phát triển chính quyền số" in seen and "Số dịch vụ công trực tuyến toàn trình" in seen
    assert "Lĩnh vực, công việc giải quyết theo cấp" in seen and 'colspan="8"' in page.text
    assert "tỷ lệ 185 vượt 100%" in seen  # the warning stands beside the value
    assert re.search(r'class="val warn"\s+name="\$\.indicators\.full_process_dvc_ratio\.value"',
                     page.text)
    assert 'class="original-pane"' in page.text
    r = client.post(f"/drafts/{draft_id}", data={
        "csrf": csrf, "action": "save",
        "$.indicators.full_process_dvc_ratio.value": "85,5",
        "$.tthc_stats.rows[0].returned": "3", "$.unit.name": "Sở Xây dựng"})
    assert "Đã lưu 2 giá trị sửa tay" in r.text
    record = client.get(f"/api/drafts/{draft_id}", headers=tokens["staff"]).json()["record"]
    assert record["indicators"]["full_process_dvc_ratio"]["value"] == 85.5
    assert record["tthc_stats"]["rows"][0]["returned"] == 3
    fixes = [w for w in record["warnings"] if w["code"] == "manual.correction"]
    assert {w["where"] for w in fixes} == {"indicators.full_process_dvc_ratio.value",
                                           "tthc_stats.rows[0].returned"}
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "save",
                                                 "$.tthc_stats.rows[0].returned": "ba"})
    assert "không phải số hợp lệ" in r.text
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "accept"})
    assert str(r.url).endswith("/rounds/2023/upload") and "Đã duyệt báo cáo" in r.text


def test_conclusion_offers_the_rounds_units_and_leaves_the_number_blank(client, tokens):
    draft_id = _draft(client, tokens)
    csrf = _login(client, "staff")
    client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "accept"})
    page = client.get("/rounds/2023/conclusion")
    conclusion_form = page.text.split('id="unit-select"')[1].split("</select>")[0]
    options = re.findall(r"<option value=\"([^\"]+)\"[^>]*>([^<]*)</option>", conclusion_form)
    names = [n for n, _ in options]
    assert len(names) == 15 and "Sở Xây dựng" in names and "UBND huyện Tân Yên" in names
    assert "báo cáo đã duyệt" in dict(options)["Sở Xây dựng"]
    assert "chưa có báo cáo" in dict(options)["Sở Tài chính"]
    r = client.post("/rounds/2023/conclusion", data={
        "csrf": csrf, "unit": "Sở Xây dựng", "number": "", "symbol": "TB-UBND",
        "date": "2023-06-02", "inspection_date": "2023-05-24", "team": "Tổ 1",
        "recommendations": "Xử lý hồ sơ quá hạn | 2023-07-31"})
    assert r.status_code == 200 and "Đã ban hành thông báo kết luận" in r.text
    url = re.search(r'class="conclusion-download" href="([^"]+)"', r.text).group(1)
    doc = Document(io.BytesIO(client.get(url, headers=tokens["staff"]).content))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert re.search(r"Số:\s+/TB-UBND", text)


def test_charts_are_svg_with_the_units(client, tokens):
    _draft(client, tokens)
    _login(client, "viewer")
    for name in ("on-time", "online", "progress", "recommendations"):
        r = client.get(f"/rounds/2023/charts/{name}.svg")
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        assert r.text.startswith("<svg") and "<title" in r.text
    assert "Sở Xây dựng" in client.get("/rounds/2023/charts/on-time.svg").text
    r = client.get("/rounds/2023/charts/progress.svg?download_it=true")
    assert "attachment" in r.headers["content-disposition"]
    assert "0/15" in r.text  # nothing accepted yet: the draft is not a report
    assert client.get("/rounds/2023/charts/khac.svg").status_code == 404


def test_review_dates_are_written_the_vietnamese_way_and_kept_iso(client, tokens):
    draft_id = _draft(client, tokens)
    csrf = _login(client, "staff")
    assert 'value="10/05/2023"' in client.get(f"/drafts/{draft_id}").text
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "save",
                                                 "$.document.date": "10/05/2023",
                                                 "$.period.to": "15/5/2023"})
    assert "Đã lưu 1 giá trị sửa tay" in r.text
    record = client.get(f"/api/drafts/{draft_id}", headers=tokens["staff"]).json()["record"]
    assert (record["document"]["date"], record["period"]["to"]) == ("2023-05-10", "2023-05-15")
