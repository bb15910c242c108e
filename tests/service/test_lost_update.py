"""Two staff open the same draft: the second one's stale save is refused with what
changed, never silently reverting the first one's correction (page and API alike)."""

from __future__ import annotations

import re

from svc_helpers import wait_job
from svc_reports import report_docx
from test_web_pages import _example_plan, _login

NUMBER = "$.document.number"


def _draft(client, tokens) -> int:
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example_plan()})
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("so-xay-dung.docx", report_docx("Sở Xây dựng")))])
    return wait_job(client, h, r.json()["url"])["results"][0]["draft_id"]


def _opened(client, draft_id: int) -> str:
    page = client.get(f"/drafts/{draft_id}").text
    return re.search(r'name="version" value="([^"]+)"', page).group(1)


def test_a_stale_page_save_is_refused_and_names_the_change(client, tokens):
    draft_id = _draft(client, tokens)
    csrf = _login(client, "staff")
    first = second = _opened(client, draft_id)           # both open the page
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "save",
                                                 "version": first, NUMBER: "77/BC-A"})
    assert "Đã lưu 1 giá trị sửa tay" in r.text
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "save",
                                                 "version": second, NUMBER: "125/BC-SXD",
                                                 "$.unit.name": "Sở Xây dựng"})
    assert "đã được người khác sửa sau khi bạn mở trang" in r.text
    assert "77/BC-A" in r.text and "$." not in re.sub(r'name="[^"]*"', "", r.text)
    record = client.get(f"/api/drafts/{draft_id}", headers=tokens["staff"]).json()["record"]
    assert record["document"]["number"] == "77/BC-A"
    fresh = _opened(client, draft_id)
    r = client.post(f"/drafts/{draft_id}", data={"csrf": csrf, "action": "save",
                                                 "version": fresh, NUMBER: "78/BC-A"})
    assert "Đã lưu 1 giá trị sửa tay" in r.text


def test_the_api_patch_takes_if_match(client, tokens):
    draft_id = _draft(client, tokens)
    h = tokens["staff"]
    etag = client.get(f"/api/drafts/{draft_id}", headers=h).headers["ETag"]
    r = client.patch(f"/api/drafts/{draft_id}", headers={**h, "If-Match": etag},
                     json={"path": NUMBER, "value": "77/BC-A"})
    assert r.status_code == 200 and r.headers["ETag"] != etag
    r = client.patch(f"/api/drafts/{draft_id}", headers={**h, "If-Match": etag},
                     json={"path": NUMBER, "value": "125/BC-SXD"})
    assert r.status_code == 412
    error = r.json()["error"]
    assert error["code"] == "stale" and any("77/BC-A" in d for d in error["details"])
    assert client.get(f"/api/drafts/{draft_id}", headers=h).json()["record"]["document"][
        "number"] == "77/BC-A"
    # without If-Match the API behaves as before (a client that reads nothing back)
    assert client.patch(f"/api/drafts/{draft_id}", headers=h,
                        json={"path": NUMBER, "value": "79/BC-A"}).status_code == 200


def test_a_huge_number_is_refused_without_echoing_it(client, tokens):
    draft_id = _draft(client, tokens)
    h = tokens["staff"]
    r = client.patch(f"/api/drafts/{draft_id}", headers=h,
                     json={"path": "$.tthc_stats.rows[0].returned", "value": "9" * 10_000})
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert len(message) < 200 and "(10000 ký tự)" in message
