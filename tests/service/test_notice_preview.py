"""The conclusion notice is seen before it is issued (issue 21, item 8): its pages as
images, every value it takes from the archive, a warning for the plan's blank number;
it never gets a deadline nobody typed, needs no recommendation, and an open
recommendation is never offered as remedied by default."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from svc_reports import report_docx
from test_round_pages import login

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def round_2023(client, tokens):
    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    assert plan["number"] is None  # the example plan is not numbered yet
    h = tokens["staff"]
    assert client.post("/api/rounds", headers=h, json={"code": "2023", "plan": plan}) \
        .status_code == 201
    r = client.post("/api/rounds/2023/reports", headers=h,
                    files={"file": ("so-xay-dung.docx", report_docx("Sở Xây dựng"))})
    assert r.status_code == 201, r.text
    return {"csrf": login(client, "staff"), "unit": "Sở Xây dựng", "symbol": "TB-UBND",
            "date": "2023-06-02", "inspection_date": "2023-05-24",
            "team": "Tổ kiểm tra số 1", "area_1": "Sở đã ban hành kế hoạch đúng hạn."}


def _text(blob: bytes) -> str:
    doc = Document(io.BytesIO(blob))
    return " ".join(" ".join([p.text for p in doc.paragraphs]
                             + [c.text for t in doc.tables for r in t.rows
                                for c in r.cells]).split())


def test_the_notice_is_previewed_with_what_the_archive_gives(client, round_2023):
    page = client.get("/rounds/2023/conclusion").text
    assert 'id="preview-notice"' in page and 'id="issue-notice"' not in page
    r = client.post("/rounds/2023/conclusion/preview",
                    data={**round_2023, "recommendations": "Xử lý hồ sơ quá hạn | 31/7/2023"})
    assert r.status_code == 200, r.text[-2000:]
    assert 'id="issue-notice"' in r.text
    images = re.findall(r'src="(/previews/[0-9a-f]{64}/\d+\.png)"', r.text)
    assert images, "no page image"
    img = client.get(images[0])
    assert img.status_code == 200 and img.content.startswith(b"\x89PNG")
    listed = r.text.split('id="from-archive">')[1].split("</ul>")[0]
    assert "Căn cứ: Kế hoạch số" in listed and "Chủ tịch UBND tỉnh Bắc Giang" in listed
    assert "Người ký: KT. CHỦ TỊCH PHÓ CHỦ TỊCH Mai Sơn" in listed
    assert "Số liệu từ báo cáo của đơn vị" in listed
    assert "Kế hoạch của đợt chưa có số" in r.text
    assert "Chưa ghi hạn báo cáo kết quả khắc phục" in r.text
    assert client.get("/api/rounds/2023/conclusions",
                      headers={"X-CSRF-Token": round_2023["csrf"]}).json() == []
    assert client.get("/previews/" + "0" * 64 + "/1.png").status_code == 404
    assert client.get("/previews/..%2F..%2Fsvc.db/1.png").status_code == 404


def test_a_notice_has_no_deadline_nobody_typed_and_may_have_no_recommendation(
        client, round_2023):
    r = client.post("/rounds/2023/conclusion", data={**round_2023, "recommendations": ""},
                    follow_redirects=False)
    assert r.status_code == 303, r.text[-2000:]
    page = client.get("/rounds/2023").text
    url = page.split('class="conclusion-download" href="')[1].split('"')[0]
    text = _text(client.get(url).content)
    assert "báo cáo kết quả khắc phục về Sở Nội vụ" in text
    assert "15/12" not in text and "khắc phục trước ngày" not in text


def test_an_open_recommendation_is_not_offered_as_remedied(client, round_2023):
    r = client.post("/rounds/2023/conclusion", data={
        **round_2023, "recommendations": "Xử lý hồ sơ quá hạn | 31/7/2023",
        "report_deadline": "2023-10-15"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/rounds/2023").text
    select = page.split('name="status"')[1].split("</select>")[0]
    assert re.search(r'<option value="open" selected>', select), select
    assert 'value="remedied" selected' not in select
    url = page.split('class="conclusion-download" href="')[1].split('"')[0]
    assert "báo cáo kết quả khắc phục trước ngày 15/10/2023" in _text(client.get(url).content)
