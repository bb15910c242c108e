"""A round as the office runs it on the web: plan DOCX → round of fifteen units, reports
whose letterheads print the names in capitals, one non-report in the batch; the units
and the summary's count stay the plan's, and a report matching no unit waits for a
person to choose it."""

from __future__ import annotations

import io
import re

from docx import Document
from sqlalchemy import func, select
from svc_helpers import wait_job
from svc_reports import report_docx
from test_web_pages import _login, _plan_form

from cchc.archive.mergers import list_units
from cchc.archive.models import Unit
from cchc.archive.units import plan_units
from cchc.generator.documents import render_kind
from cchc.service import audit
from cchc.service.forms import example
from cchc.service.plan_docx import read_plan_docx

LETTERHEADS = [
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "SỞ XÂY DỰNG", "SỞ TÀI CHÍNH",
    "CỤC THUẾ TỈNH BẮC GIANG", "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", "UBND HUYỆN SƠN ĐỘNG",
    "SỞ TƯ PHÁP", "SỞ CÔNG THƯƠNG", "SỞ NÔNG NGHIỆP VÀ PTNT", "SỞ NGOẠI VỤ",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CÔNG AN TỈNH BẮC GIANG", "UBND HUYỆN LẠNG GIANG",
    "UBND HUYỆN HIỆP HÒA", "UBND HUYỆN YÊN THẾ",
]


def _round_from_plan_docx(client, csrf: str) -> list[str]:
    """The round made the way staff make it: the plan's Word file read into the form
    (/plan/upload), then the form saved."""
    blob = render_kind("plan", example("plan"))
    r = client.post("/plan/upload", data={"csrf": csrf, "upload_round": "2023"},
                    files={"file": ("ke-hoach.docx", blob)})
    assert r.status_code == 200 and "15 đơn vị trong lịch" in r.text
    plan = read_plan_docx(blob, "ke-hoach.docx")
    r = client.post("/plan", data=_plan_form(plan, csrf, action="save", round="2023"))
    assert r.status_code == 200 and 'id="units-scheduled">15<' in r.text, r.text[:500]
    return [u["name"] for _q, _l, u in plan_units(plan)]


def _units(app) -> list[str]:
    with app.state.archive.sessions() as s:
        return list(s.scalars(select(Unit.name).order_by(Unit.id)))


def _summary_text(client, headers) -> str:
    r = client.get("/api/rounds/2023/summary?format=docx", headers=headers)
    assert r.status_code == 200
    return "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)


def test_plan_docx_round_with_capitalised_letterheads_counts_fifteen(app, client, tokens):
    csrf = _login(client, "admin")
    names = _round_from_plan_docx(client, csrf)
    assert "Sở Tư pháp" in names and "Cục Thuế tỉnh Bắc Giang" in names
    h = tokens["staff"]
    files = [("files", (f"bao-cao-{i}.docx", report_docx(u))) for i, u in
             enumerate(LETTERHEADS)]
    files.insert(3, ("files", ("ghi-chu.txt", "Ghi chú của văn thư".encode())))
    r = client.post("/api/rounds/2023/drafts", headers=h, files=files)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["total"] == 15
    assert [(x["index"], x["filename"]) for x in body["refused"]] == [(3, "ghi-chu.txt")]
    assert "ghi-chu.txt" in body["refused"][0]["error"]["message"]
    job = wait_job(client, h, body["url"])
    assert [x["seq"] for x in job["results"]] == list(range(15))
    assert [x["unit"] for x in job["results"]] == names  # the register's names, not capitals
    for result in job["results"]:
        r = client.post(f"/api/drafts/{result['draft_id']}/accept", headers=h)
        assert r.status_code == 200, r.text
    assert _units(app) == names  # no extra unit, none in a letterhead's capitals
    dashboard = client.get("/api/rounds/2023", headers=h).json()
    assert [u["unit"] for u in dashboard["units"]] == names
    assert all(u["report_version"] == 1 for u in dashboard["units"])
    assert "đã kiểm tra 15 cơ quan, đơn vị" in _summary_text(client, h)


def _one_draft(client, headers, unit: str) -> int:
    r = client.post("/api/rounds/2023/drafts", headers=headers,
                    files=[("files", ("bao-cao.docx", report_docx(unit)))])
    return wait_job(client, headers, r.json()["url"])["results"][0]["draft_id"]


def test_review_shows_the_match_and_a_person_chooses_an_unmatched_unit(app, client, tokens):
    csrf = _login(client, "admin")
    names = _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    matched = _one_draft(client, h, "SỞ TƯ PHÁP")
    page = client.get(f"/drafts/{matched}").text
    assert re.search(r'<option value="Sở Tư pháp" selected>', page)
    assert "Khớp trùng tên, độ tin cậy 100%" in page and "báo cáo ghi “SỞ TƯ PHÁP”" in page
    assert page.count("<option ") == 15

    held = _one_draft(client, h, "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")
    page = client.get(f"/drafts/{held}").text
    assert "— chọn đơn vị —" in page
    assert "không khớp đơn vị nào trong lịch kiểm tra của đợt 2023" in page
    r = client.post(f"/api/drafts/{held}/accept", headers=h)
    assert r.status_code == 422 and "không khớp đơn vị nào trong lịch" in r.text
    assert client.get("/rounds/2023/upload").text.count("chưa khớp đơn vị trong lịch") == 1
    r = client.post(f"/drafts/{held}", data={"csrf": csrf, "action": "accept",
                                              "unit_choice": "Sở Nông nghiệp và Phát triển "
                                                             "Nông thôn"})
    assert r.status_code == 200
    report = client.get("/api/rounds/2023/reports", headers=h).json()
    assert [x["unit"] for x in report] == ["Sở Nông nghiệp và Phát triển Nông thôn"]
    assert _units(app) == names
    entry = audit.entries(app.state.archive)
    assert any(e["action"] == "assign" and e["object"] == f"draft:{held}" for e in entry)
    aliases = {u["name"]: u["aliases"] for u in list_units(app.state.archive)}
    assert aliases["Sở Nông nghiệp và Phát triển Nông thôn"] == [
        "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"]  # the next such report matches by itself


def test_a_choice_outside_the_schedule_is_refused(client, tokens):
    csrf = _login(client, "admin")
    _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    draft = _one_draft(client, h, "SỞ Y TẾ")
    r = client.put(f"/api/drafts/{draft}/unit", headers=h, json={"unit": "Sở Y tế"})
    assert r.status_code == 422 and "không có trong lịch kiểm tra" in r.text
    r = client.put(f"/api/drafts/{draft}/unit", headers=h, json={"unit": "SỞ NGOẠI VỤ"})
    assert r.status_code == 200 and r.json()["unit"] == "Sở Ngoại vụ"


def test_http_import_holds_a_report_of_no_scheduled_unit(app, client, tokens):
    csrf = _login(client, "admin")
    names = _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    r = client.post("/api/rounds/2023/reports", headers=h,
                    files={"file": ("y-te.docx", report_docx("SỞ Y TẾ"))})
    assert r.status_code == 202, r.text
    held = r.json()
    assert held["status"] == "held" and "cần cán bộ chọn đơn vị" in held["reason"]
    assert client.get(f"/api/drafts/{held['draft_id']}", headers=h).json()["status"] == \
        "pending"
    r = client.post("/api/rounds/2023/reports", headers=h,
                    files={"file": ("tp.docx", report_docx("SỞ TƯ PHÁP"))})
    assert r.status_code == 201 and r.json()["unit"] == "Sở Tư pháp"
    assert r.json()["match"]["method"] == "name"
    with app.state.archive.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == len(names)


def test_a_pending_draft_is_discarded_and_the_audit_log_keeps_it(app, client, tokens):
    csrf = _login(client, "admin")
    _round_from_plan_docx(client, csrf)
    draft = _one_draft(client, tokens["staff"], "SỞ TƯ PHÁP")
    page = client.get("/rounds/2023/upload").text
    assert f'action="/drafts/{draft}/discard"' in page
    r = client.post(f"/drafts/{draft}/discard", data={"csrf": csrf})
    assert r.status_code == 200 and "Đã bỏ tệp bao-cao.docx" in r.text
    assert client.get(f"/api/drafts/{draft}", headers=tokens["staff"]).status_code == 404
    gone = [e for e in audit.entries(app.state.archive) if e["action"] == "discard"]
    assert gone[0]["object"] == f"draft:{draft}"
    assert gone[0]["details"]["filename"] == "bao-cao.docx"
    assert gone[0]["details"]["status"] == "pending"


def test_batch_import_refuses_a_txt_alone_and_holds_an_unmatched_report(app, client, tokens):
    csrf = _login(client, "admin")
    names = _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    files = [("files", ("ghi-chu.txt", b"khong phai bao cao")),
             ("files", ("tp.docx", report_docx("SỞ TƯ PHÁP"))),
             ("files", ("y-te.docx", report_docx("SỞ Y TẾ")))]
    r = client.post("/api/rounds/2023/reports/batch", headers=h, files=files)
    assert r.status_code == 202, r.text
    assert [x["filename"] for x in r.json()["refused"]] == ["ghi-chu.txt"]
    job = wait_job(client, h, r.json()["url"])
    stored, held = job["results"]
    assert (stored["status"], stored["unit"]) == ("stored", "Sở Tư pháp")
    assert held["status"] == "held" and "SỞ Y TẾ" in held["reason"]
    assert client.get(f"/api/drafts/{held['draft_id']}", headers=h).json()["status"] == \
        "pending"
    assert _units(app) == names
    only_txt = client.post("/api/rounds/2023/reports/batch", headers=h,
                           files=[("files", ("ghi-chu.txt", b"khong phai bao cao"))])
    assert only_txt.status_code == 415 and "ghi-chu.txt" in only_txt.text


def test_a_plan_json_uploaded_by_mistake_is_listed_to_discard(client, tokens):
    import json as _json

    csrf = _login(client, "admin")
    _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    blob = _json.dumps(example("plan"), ensure_ascii=False).encode()
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("ke-hoach.json", blob))])
    result = wait_job(client, h, r.json()["url"])["results"][0]
    assert result["status"] == "failed"
    assert "là kế hoạch kiểm tra, không phải báo cáo của đơn vị" in result["error"]["message"]
    page = client.get("/rounds/2023/upload").text
    assert "Không trích xuất được (1)" in page
    r = client.post(f"/drafts/{result['draft_id']}/discard", data={"csrf": csrf})
    assert "Đã bỏ tệp ke-hoach.json" in r.text


def test_an_accepted_report_is_moved_from_its_review_page(app, client, tokens):
    csrf = _login(client, "admin")
    _round_from_plan_docx(client, csrf)
    h = tokens["staff"]
    draft = _one_draft(client, h, "SỞ NGOẠI VỤ")
    report_id = client.post(f"/api/drafts/{draft}/accept", headers=h).json()["report_id"]
    page = client.get(f"/drafts/{draft}").text
    assert 'id="reassign"' in page and f'action="/reports/{report_id}/unit"' in page
    r = client.post(f"/reports/{report_id}/unit",
                    data={"csrf": csrf, "draft": str(draft), "unit_choice": "Sở Tư pháp"})
    assert r.status_code == 200 and "Đã chuyển báo cáo từ Sở Ngoại vụ sang Sở Tư pháp" in r.text
    assert client.get(f"/api/reports/{report_id}", headers=h).json()["unit"] == "Sở Tư pháp"
    assert re.search(r'<option value="Sở Tư pháp" selected>', r.text)
    r = client.put(f"/api/reports/{report_id}/unit", headers=h, json={"unit": "Sở Y tế"})
    assert r.status_code == 422 and "không có trong lịch kiểm tra" in r.text
    r = client.put(f"/api/reports/{report_id}/unit", headers=h, json={"unit": "Sở Xây dựng"})
    assert r.status_code == 200 and r.json()["moved"] and r.json()["from"] == "Sở Tư pháp"
    assert any(e["action"] == "reassign" for e in audit.entries(app.state.archive))
