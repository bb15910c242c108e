"""Every change is audited in its own transaction (issue 19 §5), for the changes that
used to be audited afterwards in a second one: scoring a round on a criteria set, a
unit's scoring sheet, an invite and its redeeming, a unit's signed file and Word
draft, each drafted sentence's decision with its notice, a batch extraction's job;
and for those that used to write no audit row at all: a unit's form made on its first
visit and each autosave of it, a self-score saved on the scoring page, `cchc score
--save`, a batch import's and a batch of drafts' job.

Each is checked twice through its real route: a normal call writes exactly one row
(one per decision) naming its user, and when the database refuses that row the change
is gone too (both or neither). A kill -9 between the change and its audit row leaves
both or neither (the child process posts through the real app)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from svc_reports import make_record, report_docx
from test_web_pages import _example_plan, _login
from unit_helpers import invite, redeem, round_with_plan, unit_form_id

from cchc.archive.models import AuditLog, Conclusion, RoundCriteria, ScoreLine
from cchc.archive.store import create_round, import_record
from cchc.service.models import Job, JobItem, User
from cchc.service.unit_models import UnitForm, UnitInvite
from tests.pg import PG_URL, empty_database

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuditDown(RuntimeError):
    """The database refused the audit row."""


def _flat(values) -> list:
    if isinstance(values, dict):
        values = list(values.values())
    if isinstance(values, (list, tuple)):
        return [v for item in values for v in _flat(item)]
    return [values]


def _is_audit_of(statement: str, parameters, action: str) -> bool:
    return statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG") \
        and action in _flat(parameters)


@contextmanager
def audit_fails(archive, action: str):
    """The database refuses every audit row of ``action`` written inside the block."""
    def before(conn, cursor, statement, parameters, context, executemany):
        if _is_audit_of(statement, parameters, action):
            raise AuditDown(action)

    event.listen(archive.engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(archive.engine, "before_cursor_execute", before)


def rows(archive, action: str) -> list[tuple]:
    """(actor, entity, entity_id, ref, detail) of each audit row of ``action``."""
    with archive.sessions() as s:
        return [(r.actor, r.entity, r.entity_id, r.ref, r.detail) for r in s.scalars(
            select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id))]


def count(archive, model, *where) -> int:
    with archive.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _refused(client, action: str, post):
    """``post()`` with the audit row of ``action`` refused: the request fails."""
    with audit_fails(client.app.state.archive, action), pytest.raises(AuditDown):
        post()


# ---------------------------------------------------------------- scoring

def _scored_round(archive) -> None:
    create_round(archive, "2023", plan=_example_plan())
    for unit, received in (("Sở Xây dựng", 120), ("Sở Tài chính", 80)):
        rec = make_record(unit, 85.5, received, "bao-cao.docx")
        import_record(archive, "2023", rec, json.dumps(rec).encode(), "bao-cao.docx")


def test_scoring_on_a_set_is_audited_with_the_scores_or_not_at_all(client, app):
    archive = app.state.archive
    _scored_round(archive)
    csrf = _login(client, "staff")
    post = lambda: client.post("/rounds/2023/scores/criteria",  # noqa: E731
                               data={"csrf": csrf, "source": "example"})
    _refused(client, "score_criteria", post)
    assert count(archive, RoundCriteria) == 0 and count(archive, ScoreLine) == 0
    assert rows(archive, "score_criteria") == []
    assert "Đã chấm 2 đơn vị" in post().text
    [(actor, entity, entity_id, ref, detail)] = rows(archive, "score_criteria")
    assert (actor, entity, ref) == ("staff", "round", "2023") and entity_id is not None
    assert detail == {"criteria": _criteria_name(archive), "units": 2}
    assert count(archive, ScoreLine) > 0


def _criteria_name(archive) -> str:
    with archive.sessions() as s:
        return s.scalar(select(RoundCriteria.name))


def test_a_units_sheet_is_audited_with_its_points_or_not_at_all(client, app):
    from test_scoring_pages import _sheet

    archive = app.state.archive
    _scored_round(archive)
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    sheet = _sheet([("1", "Công bố", 2, "QĐ số 12/QĐ-STC"), ("3.a", "Phạm vi", "1,5", "")])
    post = lambda: client.post(  # noqa: E731
        "/rounds/2023/scores/unit/sheet", data={"csrf": csrf, "unit": "Sở Tài chính"},
        files={"file": ("tu-cham-stc.xlsx", sheet, XLSX)})
    self_points = lambda: count(archive, ScoreLine,  # noqa: E731
                                ScoreLine.self_points.is_not(None))
    _refused(client, "score_sheet", post)
    assert self_points() == 0 and rows(archive, "score_sheet") == []
    assert "Đã nhập 2 điểm tự chấm của Sở Tài chính" in post().text
    assert self_points() == 2
    assert rows(archive, "score_sheet") == [
        ("staff", "score", None, "Sở Tài chính, đợt 2023", {"points": 2})]


def _self_form(csrf: str, points: dict[str, tuple]) -> dict:
    form = {"csrf": csrf, "unit": "Sở Tài chính"}
    for leaf_id, (got, evidence) in points.items():
        form[f"self.{leaf_id}"], form[f"evidence.{leaf_id}"] = got, evidence
    return form


def test_a_self_score_saved_on_the_scoring_page_is_audited_with_it_or_not_at_all(
        client, app):
    archive = app.state.archive
    _scored_round(archive)
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    form = _self_form(csrf, {"1": ("2", "QĐ số 12/QĐ-STC"), "3.a": ("1,5", "")})
    post = lambda: client.post("/rounds/2023/scores/unit", data=form)  # noqa: E731
    self_points = lambda: count(archive, ScoreLine,  # noqa: E731
                                ScoreLine.self_points.is_not(None))
    _refused(client, "score_self", post)
    assert self_points() == 0 and rows(archive, "score_self") == []
    assert "Đã lưu điểm của Sở Tài chính" in post().text
    assert self_points() == 2
    assert rows(archive, "score_self") == [
        ("staff", "score", None, "Sở Tài chính, đợt 2023", {"points": ["1", "3.a"]})]
    post()                         # the same points again: nothing changed, no row
    form["evidence.3.a"] = "Biên bản kiểm tra"
    post()                         # one criterion's evidence changed
    assert [d for *_, d in rows(archive, "score_self")] == [{"points": ["1", "3.a"]},
                                                            {"points": ["3.a"]}]


def _cli_archive(tmp_path) -> str:
    from cchc.archive.db import open_archive

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_archive(url) as archive:
        _scored_round(archive)
    return url


@contextmanager
def any_audit_fails(action: str):
    """``audit_fails`` on every engine (a command opens its own)."""
    from sqlalchemy.engine import Engine

    def before(conn, cursor, statement, parameters, context, executemany):
        if _is_audit_of(statement, parameters, action):
            raise AuditDown(action)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def test_cchc_score_save_is_audited_as_the_login_with_the_scores_or_not_at_all(tmp_path):
    from click.testing import CliRunner

    from cchc import examples
    from cchc.archive.audit import cli_actor
    from cchc.archive.db import open_archive
    from cchc.cli import main

    url = _cli_archive(tmp_path)
    scores = tmp_path / "diem.json"
    scores.write_text(json.dumps({"units": [{"unit": "Sở Tài chính", "verified": {
        "1": {"points": 1, "reason": "Công bố chậm"}}}]}, ensure_ascii=False), "utf-8")
    args = ["score", "--round", "2023", "--criteria", str(examples.path("criteria-iso")),
            "--scores", str(scores), "--save", "--db", url]
    with any_audit_fails("score_save"):
        refused = CliRunner().invoke(main, args)
    assert refused.exit_code != 0 and "Đã lưu điểm" not in refused.output
    with open_archive(url) as archive:
        assert count(archive, RoundCriteria) == 0 and count(archive, ScoreLine) == 0
        assert rows(archive, "score_save") == [] and rows(archive, "verify_score") == []
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "Đã lưu điểm của 2 đơn vị vào kho lưu trữ" in done.output
    with open_archive(url) as archive:
        [(actor, entity, entity_id, ref, detail)] = rows(archive, "score_save")
        assert (actor, entity, ref) == (cli_actor(), "round", "2023") and entity_id
        assert detail == {"criteria": examples.load("criteria-iso")["name"], "units": 2,
                          "scores": "diem.json"}
        assert count(archive, ScoreLine) > 0
        # the verified point it changed is the login's too, not nobody's
        assert [r[0] for r in rows(archive, "verify_score")] == [cli_actor()]


# ---------------------------------------------------------------- units' side

def test_an_invite_is_audited_with_it_or_not_at_all(client, tokens, app):
    archive = app.state.archive
    units = round_with_plan(client, tokens)
    csrf = _login(client, "staff")
    post = lambda: client.post("/rounds/2023/don-vi",  # noqa: E731
                               data={"csrf": csrf, "unit": units[1]})
    _refused(client, "invite", post)
    assert count(archive, UnitInvite) == 0 and rows(archive, "invite") == []
    assert 'id="invite-code"' in post().text
    [(actor, entity, entity_id, ref, detail)] = rows(archive, "invite")
    with archive.sessions() as s:
        made = s.scalars(select(UnitInvite)).one()
    assert (actor, entity, entity_id, ref) == ("staff", "unit", None, units[1])
    assert detail == {"round": "2023", "invite": made.id}


def test_redeeming_is_audited_with_the_new_account_or_not_at_all(client, tokens, app):
    archive = app.state.archive
    units = round_with_plan(client, tokens)
    code = invite(client, "2023", units[1])
    _refused(client, "redeem", lambda: redeem(client, code, "so-xay-dung"))
    assert count(archive, User, User.name == "so-xay-dung") == 0
    assert count(archive, UnitInvite, UnitInvite.used_at.is_not(None)) == 0
    assert rows(archive, "redeem") == []
    assert redeem(client, code, "so-xay-dung").status_code == 200
    assert count(archive, User, User.name == "so-xay-dung") == 1
    assert rows(archive, "redeem") == [("so-xay-dung", "unit", None, units[1],
                                        {"round": "2023"})]


def _unit_form(client, tokens) -> tuple[int, str]:
    from test_unit_form import _opened

    form_id, csrf, _version, _unit, _page = _opened(client, tokens)
    return form_id, csrf


def test_a_signed_file_is_audited_with_it_or_not_at_all(client, tokens, app):
    from test_unit_form import SIGNED

    archive = app.state.archive
    form_id, csrf = _unit_form(client, tokens)
    post = lambda: client.post(f"/don-vi/bao-cao/{form_id}/ban-ky",  # noqa: E731
                               data={"csrf": csrf}, files={"file": ("Bản ký.pdf", SIGNED)})
    _refused(client, "upload", post)
    with archive.sessions() as s:
        assert s.get(UnitForm, form_id).signed_data is None
    assert rows(archive, "upload") == []
    assert "Đã nhận bản đã ký: Bản ký.pdf" in post().text
    with archive.sessions() as s:
        assert s.get(UnitForm, form_id).signed_data == SIGNED
    assert rows(archive, "upload") == [("don-vi-1", "unit_form", form_id, None,
                                        {"filename": "Bản ký.pdf"})]


def test_a_word_draft_is_audited_with_the_form_it_fills_or_not_at_all(client, tokens, app):
    from unit_fields import FIELDS

    from cchc.service import unit_report
    from cchc.service.deps import extractor_of

    archive = app.state.archive
    record, _ = unit_report.build(FIELDS, "Sở Xây dựng", district=False)
    record["warnings"] = [{"code": "extract.uncertain", "message": "ô mờ",
                           "where": "tthc_stats.rows[1].received_total"}]
    app.dependency_overrides[extractor_of] = lambda: (lambda _path: record)
    try:
        form_id, csrf = _unit_form(client, tokens)
        with archive.sessions() as s:
            before = s.get(UnitForm, form_id)
        post = lambda: client.post(  # noqa: E731
            f"/don-vi/bao-cao/{form_id}/word", data={"csrf": csrf},
            files={"file": ("ban-nhap.docx", report_docx("Sở Xây dựng"))})
        _refused(client, "import_word", post)
        with archive.sessions() as s:
            after = s.get(UnitForm, form_id)
        assert (after.version, after.fields, after.doubts) == (before.version, before.fields,
                                                               before.doubts)
        assert rows(archive, "import_word") == []
        assert "Đã điền biểu mẫu từ ban-nhap.docx" in post().text
        with archive.sessions() as s:
            assert s.get(UnitForm, form_id).version == before.version + 1
        assert rows(archive, "import_word") == [
            ("don-vi-1", "unit_form", form_id, None, {"filename": "ban-nhap.docx",
                                                      "doubts": 1})]
    finally:
        app.dependency_overrides.clear()


def test_a_units_form_made_on_its_first_visit_is_audited_with_it_or_not_at_all(
        client, tokens, app):
    archive = app.state.archive
    units = round_with_plan(client, tokens)
    code = invite(client, "2023", units[1])
    # redeeming leads the new account to its home page, the form's first visit
    _refused(client, "open", lambda: redeem(client, code, "don-vi-1"))
    assert count(archive, User, User.name == "don-vi-1") == 1
    assert count(archive, UnitForm) == 0 and rows(archive, "open") == []
    form_id = unit_form_id(client)
    unit_form_id(client)               # a second visit finds the form: no new row
    assert count(archive, UnitForm) == 1
    assert rows(archive, "open") == [("don-vi-1", "unit_form", form_id, None,
                                      {"round": "2023", "unit": units[1]})]


def test_an_autosave_is_audited_with_its_version_and_field_names_or_not_at_all(
        client, tokens, app):
    from test_unit_form import _opened, _put

    archive = app.state.archive
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    secret = "Nội dung riêng của đơn vị, không chép vào nhật ký"
    fields = {"sections.1": secret, "sections.2": "Mục hai"}
    _refused(client, "save", lambda: _put(client, form_id, csrf, version, fields))
    with archive.sessions() as s:
        kept = s.get(UnitForm, form_id)
        assert (kept.version, kept.fields) == (version, {})
    assert rows(archive, "save") == []
    assert _put(client, form_id, csrf, version, fields).json()["version"] == version + 1
    assert _put(client, form_id, csrf, version + 1, fields).status_code == 200  # unchanged
    assert _put(client, form_id, csrf, version, {"sections.1": "cũ"}).status_code == 412
    assert _put(client, form_id, csrf, version + 1,
                {"sections.2": "Mục hai"}).json()["version"] == version + 2
    logged = rows(archive, "save")
    assert logged == [
        ("don-vi-1", "unit_form", form_id, None,
         {"version": version + 1, "changed": 2, "fields": ["sections.1", "sections.2"]}),
        ("don-vi-1", "unit_form", form_id, None,
         {"version": version + 2, "changed": 1, "fields": ["sections.1"]})]
    assert secret not in json.dumps(logged, ensure_ascii=False)


# ---------------------------------------------------------------- the drafted notice

def test_each_drafted_sentence_is_audited_with_its_notice_or_none_is(client, app):
    from test_notice_draft import OVERDUE, TARGETS, UNIT, form_of, seed_rounds

    archive = app.state.archive
    seed_rounds(archive)
    csrf = _login(client, "staff")
    page = client.post("/rounds/2023/conclusion/draft", data={"csrf": csrf, "unit": UNIT},
                       files={"targets": ("chi-tieu.json", json.dumps(TARGETS).encode())})
    assert page.status_code == 200, page.text[-3000:]
    form = form_of(page.text)
    sentences = int(form["draft_count"])
    for i in range(sentences):
        if form[f"draft_{i}_text"] == OVERDUE:
            form[f"draft_{i}_keep"] = "drop"
    form.update(csrf=csrf, unit=UNIT, symbol="TB-UBND", date="02/6/2023",
                inspection_date="24/5/2023", team="Tổ kiểm tra số 1")
    post = lambda: client.post("/rounds/2023/conclusion", data=form,  # noqa: E731
                               follow_redirects=False)
    decisions = lambda: [r for a in ("draft.accept", "draft.edit", "draft.drop")  # noqa: E731
                         for r in rows(archive, a)]
    _refused(client, "draft.drop", post)
    assert count(archive, Conclusion) == 0 and decisions() == []
    assert [r for r in rows(archive, "create") if r[1] == "conclusion"] == []
    r = post()
    assert r.status_code == 303, r.text[-2000:]
    with archive.sessions() as s:
        conclusion_id = s.scalars(select(Conclusion.id)).one()
    logged = decisions()
    assert len(logged) == sentences and sentences >= 2
    assert {(actor, entity, entity_id) for actor, entity, entity_id, _ref, _d in logged} \
        == {("staff", "conclusion", conclusion_id)}
    dropped = [d for *_, d in rows(archive, "draft.drop")]
    assert [d["drafted"] for d in dropped] == [OVERDUE] and dropped[0]["kept"] is None


# ---------------------------------------------------------------- a batch extraction

def test_a_batch_extraction_is_audited_with_its_job_or_not_at_all(client, tokens, app):
    archive = app.state.archive
    files = [("files", (f"{i}.docx", report_docx("Sở Y tế"))) for i in (1, 2)]
    post = lambda: client.post("/api/extract/batch", headers=tokens["staff"],  # noqa: E731
                               files=files)
    _refused(client, "extract_batch", post)
    assert count(archive, Job) == 0 and count(archive, JobItem) == 0
    assert rows(archive, "extract_batch") == []
    r = post()
    assert r.status_code == 202, r.text
    assert rows(archive, "extract_batch") == [("staff", "job", None, r.json()["job_id"],
                                               {"files": ["1.docx", "2.docx"]})]


BATCHES = {"import": ("/api/rounds/2023/reports/batch", "import_batch", {"round": "2023"}),
           "drafts": ("/api/rounds/2023/drafts", "drafts_batch", {"round": "2023"}),
           "extract": ("/api/extract/batch", "extract_batch", {})}


def _batch_audited(client, tokens, app, kind: str) -> None:
    """A batch job of ``kind`` posted: refused with its audit row, then once with it."""
    path, action, params = BATCHES[kind]
    archive = app.state.archive
    create_round(archive, "2023")
    files = [("files", (f"{i}.docx", report_docx("Sở Y tế"))) for i in (1, 2)]
    post = lambda: client.post(path, headers=tokens["staff"], files=files)  # noqa: E731
    _refused(client, action, post)
    assert count(archive, Job) == 0 and count(archive, JobItem) == 0
    assert rows(archive, action) == []
    r = post()
    assert r.status_code == 202, r.text
    assert count(archive, Job, Job.kind == kind) == 1
    assert rows(archive, action) == [("staff", "job", None, r.json()["job_id"],
                                      {"files": ["1.docx", "2.docx"], **params})]


@pytest.mark.parametrize("kind", ["import", "drafts"])
def test_a_batch_of_reports_is_audited_with_its_job_or_not_at_all(client, tokens, app,
                                                                   kind):
    _batch_audited(client, tokens, app, kind)


def test_every_action_audited_here_has_a_vietnamese_label():
    from cchc.service.routers.admin import ACTION_LABELS

    actions = ("score_criteria", "score_sheet", "score_self", "score_save", "invite",
               "redeem", "open", "save", "upload", "import_word", "draft.accept",
               "draft.edit", "draft.drop", "extract_batch", "import_batch", "drafts_batch")
    assert [a for a in actions if a not in ACTION_LABELS] == []


# ---------------------------------------------------------------- killed in between

# The child posts one change through the real app; with "kill" it SIGKILLs itself the
# moment that change's audit row is sent: after the change, before the audit is kept.
CHILD = """
import os, signal, sys
sys.path.insert(0, sys.argv[5])
from sqlalchemy import event
from fastapi.testclient import TestClient
from svc_helpers import PASSWORD
from cchc.service.app import create_app

url, data_dir, scenario, mode = sys.argv[1:5]
app = create_app(url, secret="test-secret", data_dir=data_dir, job_workers=0)
action = {"invite": "invite", "criteria": "score_criteria", "batch": "extract_batch",
          "import": "import_batch"}[scenario]

def before(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG") \\
            and action in repr(parameters):
        os.kill(os.getpid(), signal.SIGKILL)

with TestClient(app) as client:
    page = client.get("/login")
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": "staff", "password": PASSWORD, "csrf": csrf})
    csrf = client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]
    if mode == "kill":
        event.listen(app.state.archive.engine, "before_cursor_execute", before)
    if scenario == "invite":
        r = client.post("/rounds/2023/don-vi", data={"csrf": csrf, "unit": sys.argv[6]})
    elif scenario == "criteria":
        r = client.post("/rounds/2023/scores/criteria", data={"csrf": csrf,
                                                              "source": "example"})
    else:
        token = client.post("/api/auth/token", json={"username": "staff",
                                                     "password": PASSWORD}).json()
        path = "/api/extract/batch" if scenario == "batch" else "/api/rounds/2023/reports/batch"
        r = client.post(path, headers={"Authorization": "Bearer " + token["access_token"]},
                        files=[("files", ("1.docx", sys.stdin.buffer.read()))])
    assert r.status_code in (200, 202), r.text[-2000:]
print("done")
"""

KILLED = {"invite": ("invite", UnitInvite), "criteria": ("score_criteria", RoundCriteria),
          "batch": ("extract_batch", Job), "import": ("import_batch", Job)}


def _child(app, tmp_path, scenario: str, mode: str, *extra: str, stdin: bytes = b""):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    url = app.state.archive.engine.url.render_as_string(hide_password=False)
    return subprocess.run([sys.executable, "-c", CHILD, url, str(tmp_path), scenario, mode,
                           str(HERE), *extra], env=env, input=stdin, capture_output=True,
                          timeout=180)


def _killed_in_between(client, tokens, app, tmp_path, scenario: str) -> None:
    archive = app.state.archive
    extra, stdin = (), b""
    if scenario == "invite":
        extra = (round_with_plan(client, tokens)[1],)
    elif scenario == "criteria":
        _scored_round(archive)
    else:
        stdin = report_docx("Sở Y tế")
        if scenario == "import":
            create_round(archive, "2023")
    action, model = KILLED[scenario]
    killed = _child(app, tmp_path, scenario, "kill", *extra, stdin=stdin)
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    assert (count(archive, model), len(rows(archive, action))) == (0, 0)
    done = _child(app, tmp_path, scenario, "run", *extra, stdin=stdin)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert (count(archive, model), len(rows(archive, action))) == (1, 1)
    assert rows(archive, action)[0][0] == "staff"


@pytest.mark.parametrize("scenario", sorted(KILLED))
def test_a_kill_between_a_change_and_its_audit_keeps_both_or_neither(client, tokens, app,
                                                                    tmp_path, scenario):
    _killed_in_between(client, tokens, app, tmp_path, scenario)


@pytest.fixture
def pg_app(tmp_path):
    from fastapi.testclient import TestClient
    from svc_helpers import PASSWORD, ROLES, close_app, login_tokens
    from svc_reports import fake_extract

    from cchc.service import users
    from cchc.service.app import create_app

    application = create_app(empty_database("audit_tx"), secret="test-secret",
                             upload_limit_bytes=256 * 1024, data_dir=tmp_path,
                             extractor=fake_extract)
    for role in ROLES:
        users.add_user(application.state.archive, role, PASSWORD, role)
    try:
        with TestClient(application) as c:
            yield application, c, login_tokens(c)
    finally:
        close_app(application)


@pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                    "(bash .ci/start-postgres starts a server)")
@pytest.mark.parametrize("scenario", ["criteria", "invite"])
def test_a_kill_between_a_change_and_its_audit_keeps_both_or_neither_on_postgres(
        pg_app, tmp_path, scenario):
    application, c, tokens = pg_app
    _killed_in_between(c, tokens, application, tmp_path, scenario)


@pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                    "(bash .ci/start-postgres starts a server)")
@pytest.mark.parametrize("kind", sorted(BATCHES))
def test_a_batch_job_on_postgres_is_audited_with_it_or_not_at_all(pg_app, kind):
    """PostgreSQL queues jobs through procrastinate (queue.QueueRunner), not threads."""
    application, c, tokens = pg_app
    _batch_audited(c, tokens, application, kind)
