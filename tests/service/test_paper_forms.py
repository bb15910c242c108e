"""The round's paperwork kinds on the generate page as forms, not JSON (issue 24): each
kind's form, posted as shown, makes its document; what staff type in a field or a
table reaches the DOCX; the schedule notice and the reminder start from the round's
stored dates (a fixed clock); bad input is said in the form's words."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape

import pytest
from docx import Document
from test_round_pages import login

from cchc import examples
from cchc.archive.schedule import apply_schedule
from cchc.archive.store import create_round
from cchc.service.paper_forms import FORMS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def form_of(html: str) -> dict:
    body = html.split('id="generate-form"')[1].split("</form>")[0]
    out = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            out[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', body):
        out[name] = unescape(text)
    return out


def docx_text(blob: bytes) -> str:
    doc = Document(io.BytesIO(blob))
    return " ".join(" ".join([p.text for p in doc.paragraphs]
                             + [c.text for t in doc.tables for r in t.rows
                                for c in r.cells]).split())


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_each_kind_is_a_form_and_what_is_typed_reaches_the_document(client, kind):
    csrf = login(client, "staff")
    page = client.get(f"/generate?kind={kind}").text
    assert 'name="data"' not in page and "{" not in "".join(
        re.findall(r"<textarea[^>]*>([^<]*)</textarea>", page)), "JSON in the form"
    form = form_of(page)
    first_table = next(f for f in FORMS[kind] if f.type == "table")
    rows = int(form[f"{first_table.path}.rows"])
    key = first_table.columns[0][0]
    assert form[f"{first_table.path}.{rows - 1}.{key}"] == ""   # a blank row to add one
    name = "signers.team.name" if kind == "minutes" else "signer.name"
    form.update(csrf=csrf, **{name: "Lê Văn Thử"})
    r = client.post("/generate", data=form)
    assert r.status_code == 200, re.findall(r"flash error.*?</div>", r.text, re.S)
    assert r.headers["content-type"] == DOCX
    text = docx_text(r.content)
    assert "Lê Văn Thử" in text
    example_first = form[f"{first_table.path}.0.{key}"]
    if kind != "team-decision":   # the roster's ids are not printed, its names are
        assert example_first in text


def test_a_table_row_added_in_the_form_is_printed(client):
    csrf = login(client, "staff")
    form = form_of(client.get("/generate?kind=schedule").text)
    n = int(form["visits.rows"]) - 1   # the last blank row
    form.update({"csrf": csrf, f"visits.{n}.unit": "Sở Du lịch",
                 f"visits.{n}.date": "20/9/2023", f"visits.{n}.session": "sáng",
                 f"visits.{n}.time": "8h00", f"visits.{n}.team": "Tổ kiểm tra số 2"})
    r = client.post("/generate", data=form)
    assert r.status_code == 200, re.findall(r"flash error.*?</div>", r.text, re.S)
    assert "Sở Du lịch" in docx_text(r.content)


@pytest.fixture
def dated_round(app):
    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    apply_schedule(app.state.archive, "2023", examples.load("schedule"))
    app.state.clock = lambda: dt.date(2023, 9, 10)
    return app


def test_the_reminder_starts_from_who_is_late_on_the_clock(client, dated_round):
    csrf = login(client, "staff")
    form = form_of(client.get("/generate?kind=reminder&round=2023").text)
    listed = [form[f"units.{i}.name"] for i in range(int(form["units.rows"]))
              if form.get(f"units.{i}.name")]
    # deadlines 5 days before the visits: 07/9 and 08/9 have passed on 10/9, 14/9 not
    assert set(listed[:2]) == {"Sở Tư pháp", "Sở Công Thương"}   # due 07/9, then 08/9
    assert set(listed[2:]) == {"Sở Tài chính", "Sở Ngoại vụ"}
    assert form["units.0.deadline"] == "07/9/2023" and form["units.3.deadline"] == "08/9/2023"
    assert form["new_deadline"] == ""
    form.update(csrf=csrf, new_deadline="15/9/2023")
    r = client.post("/generate", data=form)
    assert r.status_code == 200, re.findall(r"flash error.*?</div>", r.text, re.S)
    text = docx_text(r.content)
    assert all(u in text for u in listed) and "UBND huyện Tân Yên" not in text


def test_the_schedule_starts_from_the_rounds_dates_and_asks_for_what_it_lacks(
        client, dated_round):
    csrf = login(client, "staff")
    form = form_of(client.get("/generate?kind=schedule&round=2023").text)
    assert form["visits.0.unit"] == "Sở Tư pháp" and form["visits.0.date"] == "12/9/2023"
    assert form["visits.0.session"] == "" and form["report_days_before"] == "5"
    r = client.post("/generate", data={**form, "csrf": csrf})
    assert r.status_code == 422
    assert "Lịch kiểm tra từng đơn vị › Buổi" in r.text
    assert "$." not in r.text and "session" not in r.text.split("<main")[1].split("<form")[0]
    for i in range(int(form["visits.rows"])):
        if form.get(f"visits.{i}.unit"):
            form[f"visits.{i}.session"] = "sáng" if i % 2 == 0 else "chiều"  # two a day
            form[f"visits.{i}.team"] = "Tổ kiểm tra số 1"
    r = client.post("/generate", data={**form, "csrf": csrf})
    assert r.status_code == 200, re.findall(r"flash error.*?</div>", r.text, re.S)
    assert "Sở Tư pháp" in docx_text(r.content)


def test_bad_input_is_said_in_the_forms_words(client):
    csrf = login(client, "staff")
    form = form_of(client.get("/generate?kind=reminder").text)
    r = client.post("/generate", data={**form, "csrf": csrf, "new_deadline": "31/2/2023"})
    assert r.status_code == 422 and "Hạn gửi mới: ngày &#39;31/2/2023&#39; không hợp lệ" in r.text
    assert 'value="31/2/2023"' in r.text   # what was typed is kept
    form = form_of(client.get("/generate?kind=team-decision").text)
    r = client.post("/generate", data={**form, "csrf": csrf, "teams.0.members": "nv-gd trưởng"})
    assert r.status_code == 422
    assert "Các Tổ kiểm tra, dòng 1, Thành viên" in r.text and "mã: Tổ trưởng" in r.text


def test_the_minutes_of_a_rounds_visit_print_the_units_figures(app, client):
    import json
    import sys
    from pathlib import Path

    from cchc.archive.store import import_record
    from cchc.generator.paperwork import figure_lines

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "archive"))
    from archive_records import make_record

    create_round(app.state.archive, "2023", plan=examples.load("plan"))
    record = make_record("Sở Xây dựng")
    import_record(app.state.archive, "2023", record, json.dumps(record).encode(), "sxd.json")
    csrf = login(client, "staff")
    page = client.get("/generate?kind=minutes&round=2023").text
    assert 'id="minutes-from-report"' in page
    form = {**form_of(page), "csrf": csrf, "unit": "Sở Xây dựng"}
    lines = figure_lines(record)
    assert lines
    with_round = docx_text(client.post("/generate", data=form).content)
    without = docx_text(client.post("/generate", data={**form, "round": ""}).content)
    for line in lines:
        assert " ".join(line.split()) in with_round, line
        assert " ".join(line.split()) not in without


def test_a_table_grows_without_a_script_and_keeps_what_was_typed(client):
    csrf = login(client, "staff")
    form = form_of(client.get("/generate?kind=team-decision").text)
    rows = int(form["roster.rows"])
    form.update({"csrf": csrf, "action": "more_rows", "signer.name": "Lê Văn Thử"})
    r = client.post("/generate", data=form)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    again = form_of(r.text)
    assert int(again["roster.rows"]) == rows + 2 and again["signer.name"] == "Lê Văn Thử"
    assert f'name="roster.{rows + 1}.name"' in r.text
