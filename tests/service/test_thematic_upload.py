"""The thematic reports (plan II.7–8) from the upload page (issue 24): stored through the
intake, listed on the page, quoted in the summary DOCX the round page downloads; a
file whose area cannot be told is refused with a Vietnamese message naming it."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from test_round_pages import login

from cchc import examples
from cchc.archive.store import create_round

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.test_thematic_reports import JUSTICE_BODY, thematic_docx  # noqa: E402


def test_staff_upload_the_institutional_report_and_the_summary_quotes_it(app, client,
                                                                          tmp_path):
    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    csrf = login(client, "staff")
    path = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                         "Kết quả kiểm tra công tác cải cách thể chế năm 2023", JUSTICE_BODY)
    blank = thematic_docx(tmp_path / "khong-ro.docx", "Sở Tài chính", "Kết quả kiểm tra",
                          ["Nội dung."])
    r = client.post("/rounds/2023/thematic", data={"csrf": csrf, "area": ""},
                    files={"file": ("khong-ro.docx", blank.read_bytes())})
    page = r.text   # the upload page, with the refusal
    assert "khong-ro.docx" in page and "chọn lĩnh vực khi nhập" in page
    r = client.post("/rounds/2023/thematic", data={"csrf": csrf, "area": ""},
                    files={"file": ("stp.docx", path.read_bytes())}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/rounds/2023/upload").text
    assert "Đã lưu báo cáo cải cách thể chế" in page
    assert "Cải cách thể chế (Sở Tư pháp): stp.docx — bản 1, 2 đoạn" in page
    assert "Cải cách tài chính công (Sở Tài chính): chưa nhận" in page
    r = client.post("/rounds/2023/thematic", data={"csrf": "sai", "area": ""},
                    files={"file": ("stp.docx", path.read_bytes())}, follow_redirects=False)
    assert r.status_code in (400, 403)
    blob = client.get("/api/rounds/2023/summary?format=docx",
                      headers={"X-CSRF-Token": csrf}).content
    text = " ".join(" ".join(p.text for p in docx.Document(io.BytesIO(blob)).paragraphs).split())
    part = text.split("V. CẢI CÁCH THỂ CHẾ")[1].split("VI. CẢI CÁCH TÀI CHÍNH CÔNG")[0]
    assert all(p in part for p in JUSTICE_BODY)


def test_viewers_cannot_upload(app, client, tmp_path):
    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    csrf = login(client, "viewer")
    path = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp", "cải cách thể chế", ["Một."])
    r = client.post("/rounds/2023/thematic", data={"csrf": csrf},
                    files={"file": ("stp.docx", path.read_bytes())}, follow_redirects=False)
    assert r.status_code == 403


def test_a_thematic_upload_goes_through_the_one_intake(app, client, tmp_path, monkeypatch):
    """Like a unit's report (test_one_intake): its bytes identified once, inflated once,
    hashed once; the archive keeps the hash the intake made."""
    import hashlib

    from sqlalchemy import select
    from test_one_intake import _counting

    from cchc.archive.models import ThematicReport

    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    csrf = login(client, "staff")
    blob = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                         "Kết quả kiểm tra công tác cải cách thể chế năm 2023",
                         JUSTICE_BODY).read_bytes()
    seen = _counting(monkeypatch, blob)
    r = client.post("/rounds/2023/thematic", data={"csrf": csrf, "area": ""},
                    files={"file": ("stp.docx", blob)}, follow_redirects=False)
    assert r.status_code == 303
    assert dict(seen) == {"identified": 1, "inflated": 1, "hashed": 1}
    with app.state.archive.sessions() as s:
        row = s.scalar(select(ThematicReport))
    assert row.sha256 == hashlib.new("sha256", blob).hexdigest()
    assert row.data["source"]["file"] == "stp.docx"
