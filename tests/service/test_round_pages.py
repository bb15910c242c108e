"""A round run from the web pages by the standing office's staff (issue 21): who may
make a round, what each role is offered, and where a new plan starts."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-dai-1"


def _plan() -> dict:
    return json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))


def login(client, name: str) -> str:
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf})
    return client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]


def _values(html: str) -> list[str]:
    """Every value the plan form starts with (inputs and textareas)."""
    return re.findall(r'value="([^"]*)"', html) + re.findall(r"<textarea[^>]*>([^<]*)<", html)


def test_staff_make_a_round_from_the_pages_and_the_api(client, tokens):
    csrf = login(client, "staff")
    home = client.get("/").text
    assert "Tạo đợt kiểm tra mới" in home and 'id="new-round-from-plan"' in home
    plan_page = client.get("/plan").text
    assert 'action="/plan/upload"' in plan_page and "Lưu kế hoạch và tạo đợt" in plan_page
    r = client.post("/rounds", data={"code": "2031", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/rounds/2031"
    r = client.post("/api/rounds", headers=tokens["staff"], json={"code": "2032",
                                                                   "plan": _plan()})
    assert r.status_code == 201, r.text
    r = client.post("/plan/upload", data={"csrf": csrf, "upload_round": "2033"},
                    files={"file": ("ke-hoach.json", json.dumps(_plan()).encode())})
    assert r.status_code == 200 and "cần vai trò" not in r.text
    assert 'value="2033"' in r.text


def test_a_viewer_is_offered_no_action_it_may_not_take(client, tokens):
    from svc_helpers import wait_job
    from svc_reports import report_docx
    h = tokens["staff"]
    assert client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _plan()}) \
        .status_code == 201
    job = client.post("/api/rounds/2023/drafts", headers=h,
                      files=[("files", ("a.docx", report_docx("Sở Y tế"))),
                             ("files", ("ke-hoach.json", json.dumps(_plan()).encode()))])
    wait_job(client, h, job.json()["url"])
    login(client, "viewer")
    for url in ("/rounds/2023", "/rounds/2023/upload", "/rounds/2023/conclusion", "/drafts/1",
                "/drafts/2"):
        main = client.get(url).text.split("<main", 1)[1].split("</main>", 1)[0]
        assert 'type="submit"' not in main and "<button" not in main, url
    home = client.get("/").text
    assert "Tạo đợt kiểm tra mới" not in home and 'action="/rounds"' not in home
    assert 'href="/plan"' not in home and 'href="/generate"' not in home
    page = client.get("/plan").text
    assert 'action="/plan/upload"' not in page
    assert 'value="save"' not in page and 'value="download"' not in page


def test_a_new_plan_starts_blank_and_offers_a_copy_or_the_example(client, tokens):
    login(client, "staff")
    blank = client.get("/plan").text
    assert not any("Bắc Giang" in v or "Mai Sơn" in v for v in _values(blank))
    assert 'href="/plan?start=example"' in blank
    assert 'href="/plan?start=copy"' not in blank  # no round has a plan yet
    example = client.get("/plan?start=example").text
    assert 'value="Mai Sơn"' in example and 'value="Bắc Giang"' in example

    plan = _plan()
    plan.update(number=36, date={"year": 2023, "month": 3, "day": 1})
    assert client.post("/api/rounds", headers=tokens["staff"],
                       json={"code": "2023", "plan": plan}).status_code == 201
    page = client.get("/plan").text
    assert 'href="/plan?start=copy"' in page and "Chép kế hoạch đợt 2023" in page
    copy = client.get("/plan?start=copy").text
    assert 'name="year" inputmode="numeric" required value="2024"' in copy
    assert 'name="number" inputmode="numeric" value=""' in copy  # the new plan's own
    assert 'name="day" inputmode="numeric" value=""' in copy
    assert "năm 2024" in copy and "năm 2023</textarea>" not in copy
    assert 'value="Sở Lao động - Thương binh và Xã hội"' in copy  # the schedule is kept


def _round_with_plan(client, tokens, code: str = "2024") -> dict:
    """A round whose plan differs from the bundled example in every cited field."""
    plan = _plan()
    plan.update(number=47, date={"year": 2024, "month": 2, "day": 5})
    plan["issuer"] = {**plan["issuer"], "name": ["UỶ BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]}
    plan["place"] = "Lạng Sơn"
    r = client.post("/api/rounds", headers=tokens["staff"], json={"code": code, "plan": plan})
    assert r.status_code == 201, r.text
    return plan


def _docx_text(blob: bytes) -> str:
    import io

    from docx import Document
    doc = Document(io.BytesIO(blob))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])


def test_the_round_page_hands_out_the_outline_and_form_in_one_click(client, tokens):
    import io

    from openpyxl import load_workbook
    _round_with_plan(client, tokens)
    login(client, "staff")
    page = client.get("/rounds/2024").text
    assert 'href="/rounds/2024/documents/outline"' in page
    assert 'href="/rounds/2024/documents/stats-form"' in page
    for kind in ("schedule", "reminder", "team-decision", "minutes"):
        assert f'href="/generate?kind={kind}&amp;round=2024"' in page

    r = client.get("/rounds/2024/documents/outline")
    assert r.status_code == 200 and "de-cuong-2024.docx" in r.headers["content-disposition"]
    text = _docx_text(r.content)
    assert "Kèm theo Kế hoạch số 47/KH-UBND ngày 05 tháng 02 năm 2024 của Chủ tịch UBND " \
           "tỉnh Lạng Sơn" in " ".join(text.split())

    r = client.get("/rounds/2024/documents/stats-form")
    assert r.status_code == 200 and "bieu-thong-ke-2024.xlsx" in r.headers["content-disposition"]
    cells = [str(c) for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(
        values_only=True) for c in row if c is not None]
    assert any("THỐNG KÊ KẾT QUẢ GIẢI QUYẾT" in c for c in cells)
    assert not any("Sở Xây dựng" in c or "Hoạt động xây dựng" in c for c in cells)

    schedule = client.get("/generate?kind=schedule&round=2024").text
    assert '<input name="plan.number" value="47"' in schedule   # the plan's number, in the form
    assert "Lạng Sơn" in schedule and "đợt 2024" in schedule


def test_a_round_without_a_plan_says_so_instead_of_a_document(client, tokens):
    assert client.post("/api/rounds", headers=tokens["staff"],
                       json={"code": "2025"}).status_code == 201
    login(client, "staff")
    assert "/rounds/2025/documents/outline" not in client.get("/rounds/2025").text
    r = client.get("/rounds/2025/documents/outline", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/rounds/2025/plan"
    assert "chưa có kế hoạch" in client.get("/rounds/2025/plan").text


def test_the_menu_speaks_staff_words(client):
    login(client, "staff")
    nav = client.get("/").text.split("<nav")[1].split("</nav>")[0]
    assert "Soạn văn bản theo mẫu" in nav and "JSON" not in nav


def test_a_copied_plan_moves_on_a_year_whatever_its_date_is_written_as():
    from cchc.service.forms import next_year_plan
    for date in ("2023-03-01", {"year": 2023, "month": 3}):
        new = next_year_plan({**_plan(), "number": 36, "date": date})
        assert new["date"] == {"year": 2024, "month": None, "day": None}
        assert new["number"] is None and any("năm 2024" in x for x in new["subject"])
