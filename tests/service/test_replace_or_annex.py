"""A second file from a unit that already reported: the review page asks whether it
replaces the report or is an annex; an annex is merged, its conflicts shown."""

from __future__ import annotations

from svc_helpers import wait_job
from svc_reports import report_docx
from test_web_pages import _example_plan, _login


def _upload(client, h, name: str, blob: bytes) -> int:
    r = client.post("/api/rounds/2023/drafts", headers=h, files=[("files", (name, blob))])
    return wait_job(client, h, r.json()["url"])["results"][0]["draft_id"]


def test_the_second_file_of_a_unit_asks_replace_or_annex(client, tokens):
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example_plan()})
    first = _upload(client, h, "bao-cao.docx", report_docx("Sở Xây dựng", "85,5", 120))
    csrf = _login(client, "staff")
    page = client.get(f"/drafts/{first}").text
    assert 'id="existing-report"' not in page and 'value="accept_annex"' not in page
    client.post(f"/drafts/{first}", data={"csrf": csrf, "action": "accept"})
    second = _upload(client, h, "bo-sung.docx", report_docx("Sở Xây dựng", "90", 120))
    page = client.get(f"/drafts/{second}").text
    assert "Sở Xây dựng đã có báo cáo trong đợt (bản 1, tệp bao-cao.docx)" in page
    assert 'value="accept_annex"' in page and 'id="accept-next"' not in page
    r = client.post(f"/drafts/{second}", data={"csrf": csrf, "action": "accept_annex"})
    assert "Đã ghép tệp làm phụ lục vào báo cáo của Sở Xây dựng (bản 2)" in r.text
    assert "1 chỗ phụ lục ghi khác báo cáo" in r.text
    reports = client.get("/api/rounds/2023/reports", headers=h).json()
    current = [x for x in (reports["reports"] if isinstance(reports, dict) else reports)
               if x.get("current", True)]
    record = client.get(f"/api/reports/{current[0]['id']}", headers=h).json()["record"]
    assert record["indicators"]["full_process_dvc_ratio"]["value"] == 85.5   # the report's
    assert any(w["code"] == "annex.conflict" for w in record["warnings"])


def test_the_api_accepts_an_annex_too(client, tokens):
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example_plan()})
    first = _upload(client, h, "bao-cao.docx", report_docx("Sở Xây dựng", "85,5", 120))
    assert client.post(f"/api/drafts/{first}/accept", headers=h).json()["status"] == "stored"
    second = _upload(client, h, "bo-sung.docx", report_docx("Sở Xây dựng", "85,5", 130))
    r = client.post(f"/api/drafts/{second}/accept", headers=h, json={"annex": True})
    assert r.status_code == 200 and r.json()["status"] == "annex"
