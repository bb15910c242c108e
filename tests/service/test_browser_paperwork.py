"""The round's paperwork in Chromium as staff (issue 24): the reminder made from the
round's stored dates on the generate page's form (no JSON), and a thematic report
uploaded on the upload page (screenshots in tests/artifacts/browser/)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from test_browser import page, pytestmark, server, shot  # noqa: F401 - fixtures, skip marker
from test_browser_admin import login
from test_thematic_upload import JUSTICE_BODY, thematic_docx

from cchc import examples
from cchc.archive.schedule import apply_schedule
from cchc.archive.store import create_round


def test_staff_make_the_reminder_from_the_round_and_file_a_thematic_report(
        server, page, tmp_path):  # noqa: F811
    base, app = server
    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    apply_schedule(app.state.archive, "2023", examples.load("schedule"))
    app.state.clock = lambda: dt.date(2023, 9, 10)
    login(page, base, "canbo")
    page.goto(f"{base}/rounds/2023")
    page.click("a[href='/generate?kind=reminder&round=2023']")
    page.wait_for_selector("#generate-form")
    assert page.locator("#generate-form textarea[name=data]").count() == 0
    assert page.input_value("input[name='units.0.deadline']") == "07/9/2023"
    page.fill("input[name=new_deadline]", "15/9/2023")
    page.fill("input[name='signer.name']", "Lê Văn Thử")
    shot(page, "paperwork-reminder-form")
    with page.expect_download() as info:
        page.click("#generate-submit")
    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = " ".join(" ".join([p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for r in t.rows for c in r.cells]).split())
    assert "Sở Tư pháp" in text and "Lê Văn Thử" in text and "15/9/2023" in text

    page.goto(f"{base}/rounds/2023/upload")
    path = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                         "Kết quả kiểm tra công tác cải cách thể chế năm 2023", JUSTICE_BODY)
    page.set_input_files("#thematic-file", str(path))
    page.click("#thematic-upload")
    page.wait_for_selector(".flash.ok")
    assert "Cải cách thể chế (Sở Tư pháp): stp.docx — bản 1" in page.inner_text("ul.thematic")
    shot(page, "paperwork-thematic-uploaded")
    page.goto(f"{base}/generate?kind=team-decision&round=2023")
    assert page.locator("#table-teams textarea").count() > 0   # members and units, per line
    shot(page, "paperwork-team-decision-form")
