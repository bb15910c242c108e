"""The HTTP API end to end: documents, extraction, rounds, drafts, recommendations, errors."""

from __future__ import annotations

import io
import json
import sys
import types
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from svc_helpers import PASSWORD, wait_job
from svc_reports import report_docx

ROOT = Path(__file__).resolve().parents[2]
DOCX_MT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def example(name: str) -> dict:
    return json.loads((ROOT / "cchc" / "examples" / f"{name}.json").read_text(encoding="utf-8"))


def docx_text(blob: bytes) -> str:
    doc = Document(io.BytesIO(blob))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def assert_error(r, status: int, code: str, field: str | None = "any"):
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code, err
    assert err["message"] and not err["message"].isascii()  # Vietnamese, with diacritics
    if field != "any":
        assert err["field"] == field, err


def files(*items):
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


# ---------------------------------------------------------------- auth

def test_token_rejects_wrong_password_and_missing_fields(client):
    r = client.post("/api/auth/token", json={"username": "staff", "password": "sai-mat-khau"})
    assert_error(r, 401, "bad_credentials", "$.password")
    r = client.post("/api/auth/token", json={"username": "staff"})
    assert_error(r, 422, "invalid", "$.password")
    r = client.post("/api/auth/token", json={"username": "khong-co", "password": PASSWORD})
    assert_error(r, 401, "bad_credentials")


def test_no_token_and_bad_token_are_401(client):
    assert_error(client.get("/api/rounds"), 401, "unauthenticated")
    r = client.get("/api/rounds", headers={"Authorization": "Bearer khong-hop-le"})
    assert_error(r, 401, "bad_token")


def test_me_and_users(client, tokens):
    assert client.get("/api/auth/me", headers=tokens["staff"]).json()["role"] == "staff"
    r = client.post("/api/users", headers=tokens["admin"],
                    json={"name": "Nguyễn Thị Hoa", "password": "mot-mat-khau", "role": "staff"})
    assert r.status_code == 201 and r.json()["name"] == "Nguyễn Thị Hoa"
    r = client.post("/api/users", headers=tokens["admin"],
                    json={"name": "Nguyễn Thị Hoa", "password": "mot-mat-khau", "role": "staff"})
    assert_error(r, 409, "user_exists", "$.name")
    r = client.post("/api/users", headers=tokens["admin"],
                    json={"name": "x", "password": "ngan", "role": "staff"})
    assert_error(r, 422, "invalid", "$.password")
    r = client.post("/api/users", headers=tokens["admin"],
                    json={"name": "y", "password": "mot-mat-khau", "role": "chua-co"})
    assert_error(r, 422, "invalid", "$.role")
    tok = client.post("/api/auth/token", json={"username": "Nguyễn Thị Hoa",
                                               "password": "mot-mat-khau"})
    assert tok.status_code == 200 and tok.json()["role"] == "staff"
    names = [u["name"] for u in client.get("/api/users", headers=tokens["admin"]).json()]
    assert "Nguyễn Thị Hoa" in names


def test_passwords_are_stored_as_argon2_hashes(app):
    from sqlalchemy import select

    from cchc.service.models import User
    with app.state.archive.sessions() as s:
        stored = s.scalar(select(User.password_hash).where(User.name == "staff"))
    assert stored.startswith("$argon2") and PASSWORD not in stored


# ---------------------------------------------------------------- generate

def test_generate_plan_docx_reads_back(client, tokens):
    data = example("plan")
    r = client.post("/api/generate/plan", json=data, headers=tokens["staff"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX_MT
    assert "ke-hoach.docx" in r.headers["content-disposition"]
    text = docx_text(r.content)
    assert data["title"] in text and data["subject"][0] in text


def test_generate_stats_form_xlsx(client, tokens):
    data = example("stats")
    r = client.post("/api/generate/stats-form", json=data, headers=tokens["staff"])
    assert r.status_code == 200, r.text
    wb = load_workbook(io.BytesIO(r.content))
    cells = [c.value for row in wb.active.iter_rows() for c in row if c.value]
    assert any(isinstance(v, str) and "Tổng số" in v for v in cells)


def test_generate_conclusion_pdf(client, tokens):
    import pdfplumber
    data = example("conclusion")
    r = client.post("/api/generate/conclusion?format=pdf", json=data, headers=tokens["staff"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(r.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Sở Xây dựng" in text


def test_generate_errors(client, tokens):
    h = tokens["staff"]
    bad = example("plan")
    del bad["title"]
    bad["date"] = {"year": 2023, "month": 13, "day": 1}
    r = client.post("/api/generate/plan", json=bad, headers=h)
    assert_error(r, 422, "schema_invalid")
    assert r.json()["error"]["field"].startswith("$")
    assert any("$.date.month" in d for d in r.json()["error"]["details"])
    assert_error(client.post("/api/generate/stats-form?format=pdf", json=example("stats"),
                             headers=h), 422, "bad_format", "format")
    assert_error(client.post("/api/generate/memo", json={}, headers=h), 422, "invalid",
                 "$.kind")
    r = client.post("/api/generate/plan", content=b"{not json", headers={
        **h, "Content-Type": "application/json"})
    assert_error(r, 422, "invalid")
    assert_error(client.post("/api/generate/plan", json=[1, 2], headers=h), 422, "invalid")
    assert_error(client.post("/api/generate/conclusion?report_id=999",
                             json=example("conclusion"), headers=h), 404, "not_found")


# ---------------------------------------------------------------- extract and limits

def test_extract_one_report(client, tokens):
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("bc.docx", report_docx("Sở Xây dựng", "120"), DOCX_MT)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["record"]["unit"]["name"] == "Sở Xây dựng"
    assert body["record"]["indicators"]["full_process_dvc_ratio"]["value"] == 120
    assert [w["code"] for w in body["warnings"]] == ["indicator.out_of_range"]


@pytest.mark.parametrize("name,data,status,code", [
    ("a.txt", "chỉ là chữ".encode(), 415, "unsupported_type"),
    ("a.docx", b"PK\x03\x04 broken", 415, "unsupported_type"),
    ("empty.pdf", b"", 422, "empty_file"),
    ("big.pdf", b"%PDF-1.4\n" + b"0" * (256 * 1024), 413, "too_large"),
])
def test_extract_rejects_bad_uploads(client, tokens, name, data, status, code):
    r = client.post("/api/extract", headers=tokens["staff"], files={"file": (name, data)})
    assert_error(r, status, code, "file")


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_and_foreign_zip_are_refused(client, tokens):
    bomb = _zip({"word/document.xml": b"\0" * (201 * 1024 * 1024)})
    assert len(bomb) < 256 * 1024  # passes the upload limit, fails the unzipped one
    r = client.post("/api/extract", headers=tokens["staff"], files={"file": ("b.docx", bomb)})
    assert_error(r, 413, "zip_bomb", "file")
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("x.docx", _zip({"a.txt": b"x"}))})
    assert_error(r, 415, "unsupported_type")


def test_extract_without_extractors_is_503(client, tokens, app, monkeypatch):
    from cchc.service import adapters
    monkeypatch.setattr(app.state, "extractor", adapters.extract)
    import cchc
    fake = types.ModuleType("cchc.extractors")
    monkeypatch.setitem(sys.modules, "cchc.extractors", fake)
    monkeypatch.setattr(cchc, "extractors", fake, raising=False)
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("bc.docx", report_docx("Sở Y tế"))})
    assert_error(r, 503, "extractor_missing")


def test_extractor_crash_is_a_422_not_a_500(client, tokens, app, monkeypatch):
    def crash(_path):
        raise KeyError("word/styles.xml")
    monkeypatch.setattr(app.state, "extractor", crash)
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("bc.docx", report_docx("Sở Y tế"))})
    assert_error(r, 422, "extract_failed", "file")
    assert "bc.docx" in r.json()["error"]["message"]


def test_batch_extract_job_reports_progress_and_keeps_going(client, tokens):
    h = tokens["staff"]
    blank = Document()
    buf = io.BytesIO()
    blank.save(buf)
    r = client.post("/api/extract/batch", headers=h, files=files(
        ("1.docx", report_docx("Sở Y tế")), ("2.docx", buf.getvalue()),
        ("3.docx", report_docx("Sở Tài chính"))))
    assert r.status_code == 202, r.text
    job = wait_job(client, h, r.json()["url"])
    assert (job["status"], job["done"], job["total"]) == ("done_with_errors", 3, 3)
    ok = [x["record"]["unit"]["name"] for x in job["results"] if x["ok"]]
    assert ok == ["Sở Y tế", "Sở Tài chính"]
    assert not job["results"][1]["ok"]
    assert_error(client.get("/api/jobs/khong-co", headers=h), 404, "not_found")


def test_oversized_request_is_refused_before_reading(client, tokens, app):
    assert app.state.settings.upload_limit_bytes < 99999999
    r = client.post("/api/extract", headers={**tokens["staff"], "Content-Length": "99999999",
                                             "Content-Type": "application/octet-stream"},
                    content=b"x")
    assert_error(r, 413, "too_large")

    def chunks():
        yield b"x" * 10

    r = client.post("/api/extract", headers={**tokens["staff"],
                                             "Content-Type": "application/octet-stream"},
                    content=chunks())
    assert_error(r, 411, "length_required")


def test_too_many_files(client, tokens, app):
    app.state.settings.max_files = 2
    r = client.post("/api/extract/batch", headers=tokens["staff"],
                    files=files(*[(f"{i}.docx", report_docx("Sở Y tế")) for i in range(3)]))
    assert_error(r, 413, "too_many_files", "files")


# ---------------------------------------------------------------- rounds and reports

@pytest.fixture
def round_2023(client, tokens):
    plan = example("plan")
    r = client.post("/api/rounds", headers=tokens["admin"], json={"code": "2023", "plan": plan})
    assert r.status_code == 201, r.text
    return r.json()


def test_rounds_and_units(client, tokens, round_2023):
    plan_units = [u for q in example("plan")["schedule"] for g in q.get("groups", [q])
                  for u in g.get("units", [])]
    units = client.get("/api/rounds/2023/units", headers=tokens["viewer"]).json()
    assert round_2023["units_scheduled"] == len(units) >= 1
    assert len(units) == len(plan_units) or not plan_units
    assert [r["code"] for r in client.get("/api/rounds", headers=tokens["viewer"]).json()] \
        == ["2023"]
    assert_error(client.post("/api/rounds", headers=tokens["admin"], json={"code": "2023"}),
                 409, "round_exists", "$.code")
    assert_error(client.get("/api/rounds/2099", headers=tokens["viewer"]), 404, "not_found")
    assert_error(client.post("/api/rounds", headers=tokens["admin"], json={"code": ""}),
                 422, "invalid", "$.code")


def test_import_list_original_and_summary(client, tokens, round_2023):
    h = tokens["staff"]
    blob = report_docx("Sở Xây dựng", "92,5", 140)
    r = client.post("/api/rounds/2023/reports", headers=h, files={"file": ("sxd.docx", blob)})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "stored"
    again = client.post("/api/rounds/2023/reports", headers=h, files={"file": ("x.docx", blob)})
    assert again.json()["status"] == "duplicate"
    reports = client.get("/api/rounds/2023/reports", headers=tokens["viewer"]).json()
    assert [x["unit"] for x in reports] == ["Sở Xây dựng"]
    rid = reports[0]["id"]
    rec = client.get(f"/api/reports/{rid}", headers=tokens["viewer"]).json()
    assert rec["record"]["indicators"]["full_process_dvc_ratio"]["value"] == 92.5
    orig = client.get(f"/api/reports/{rid}/original", headers=tokens["viewer"])
    assert orig.content == blob and orig.headers["content-type"] == DOCX_MT
    assert_error(client.get("/api/reports/999/original", headers=tokens["viewer"]), 404,
                 "not_found")
    s = client.get("/api/rounds/2023/summary", headers=tokens["viewer"])
    wb = load_workbook(io.BytesIO(s.content))
    ws = wb["Chỉ số"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(r for r in rows if r[0] == "STT")
    col = next(i for i, v in enumerate(head) if v and "toàn trình" in v)
    (row,) = [r for r in rows if r[1] == "Sở Xây dựng"]
    assert row[col] == 92.5 and row[3] == "phiên bản 1"
    (stats,) = [r for r in wb["Thống kê TTHC"].iter_rows(values_only=True)
                if r[1] == "Sở Xây dựng"]
    assert stats[2] == 140
    docx = client.get("/api/rounds/2023/summary?format=docx", headers=tokens["viewer"])
    assert docx.headers["content-type"] == DOCX_MT and "Sở Xây dựng" in docx_text(docx.content)
    assert_error(client.get("/api/rounds/2023/summary?format=pdf", headers=tokens["viewer"]),
                 422, "invalid", "$.format")
    assert_error(client.post("/api/rounds/2099/reports", headers=h,
                             files={"file": ("a.docx", blob)}), 404, "not_found")


def test_import_json_record_and_schema_violation(client, tokens, round_2023):
    from svc_reports import make_record
    rec = make_record("Sở Tư pháp", 70.0, 10, "stp.json")
    body = json.dumps(rec, ensure_ascii=False).encode()
    r = client.post("/api/rounds/2023/reports", headers=tokens["staff"],
                    files={"file": ("stp.json", body)})
    assert r.status_code == 201 and r.json()["unit"] == "Sở Tư pháp"
    rec["indicators"]["full_process_dvc_ratio"]["value"] = "nhiều"
    r = client.post("/api/rounds/2023/reports", headers=tokens["staff"],
                    files={"file": ("stp2.json", json.dumps(rec).encode())})
    assert_error(r, 400, "rejected")
    assert any("full_process_dvc_ratio" in d for d in r.json()["error"]["details"])


def test_batch_import_job(client, tokens, round_2023):
    h = tokens["staff"]
    r = client.post("/api/rounds/2023/reports/batch", headers=h, files=files(
        ("a.docx", report_docx("Sở Y tế")), ("b.docx", report_docx("Sở Nội vụ"))))
    job = wait_job(client, h, r.json()["url"])
    assert job["status"] == "done" and {x["unit"] for x in job["results"]} == {
        "Sở Y tế", "Sở Nội vụ"}


# ---------------------------------------------------------------- drafts: review, correct, accept

def test_draft_correction_is_recorded_and_accepted(client, tokens, round_2023):
    h = tokens["staff"]
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=files(("sxd.docx", report_docx("Sở Xây dựng", "8,55"))))
    wait_job(client, h, r.json()["url"])
    (draft,) = client.get("/api/rounds/2023/drafts?status=pending", headers=h).json()
    path = "$.indicators.full_process_dvc_ratio.value"
    assert_error(client.patch(f"/api/drafts/{draft['id']}", headers=h,
                              json={"path": path, "value": "nhiều"}), 422, "bad_value")
    assert_error(client.patch(f"/api/drafts/{draft['id']}", headers=h,
                              json={"path": "$.kind", "value": "x"}), 422, "not_editable")
    assert_error(client.patch(f"/api/drafts/{draft['id']}", headers=h,
                              json={"path": "indicators", "value": "1"}), 422, "bad_path")
    r = client.patch(f"/api/drafts/{draft['id']}", headers=h, json={"path": path,
                                                                     "value": "85,5"})
    assert r.status_code == 200, r.text
    assert r.json()["corrections"][0] | {"at": None} == {
        "path": path, "old": 8.55, "new": 85.5, "user": "staff", "at": None}
    accepted = client.post(f"/api/drafts/{draft['id']}/accept", headers=h)
    assert accepted.status_code == 200, accepted.text
    stored = client.get(f"/api/reports/{accepted.json()['report_id']}", headers=h).json()
    assert stored["record"]["indicators"]["full_process_dvc_ratio"]["value"] == 85.5
    (warning,) = [w for w in stored["warnings"] if w["code"] == "manual.correction"]
    assert warning["where"] == "indicators.full_process_dvc_ratio.value"
    assert "staff" in warning["message"] and "85,5" in warning["message"]
    assert_error(client.post(f"/api/drafts/{draft['id']}/accept", headers=h), 409,
                 "not_pending")
    log = client.get("/api/audit", headers=tokens["admin"]).json()
    actions = {(e["user"], e["action"], e["object"]) for e in log}
    assert ("staff", "correct", f"draft:{draft['id']}") in actions
    assert ("staff", "import", f"report:{stored['id']}") in actions


def test_failed_draft_is_kept_with_its_reason(client, tokens, round_2023):
    h = tokens["staff"]
    buf = io.BytesIO()
    Document().save(buf)
    r = client.post("/api/rounds/2023/drafts", headers=h, files=files(("x.docx", buf.getvalue())))
    wait_job(client, h, r.json()["url"])
    (draft,) = client.get("/api/rounds/2023/drafts", headers=h).json()
    assert draft["status"] == "failed" and draft["error"]["message"]
    assert_error(client.post(f"/api/drafts/{draft['id']}/accept", headers=h), 409, "not_pending")
    assert client.delete(f"/api/drafts/{draft['id']}", headers=h).status_code == 204
    assert_error(client.get(f"/api/drafts/{draft['id']}", headers=h), 404, "not_found")


# ---------------------------------------------------------------- conclusions and recommendations

def findings_of(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("unit", "year", "kind")}


def test_conclusion_issued_opens_recommendations(client, tokens, round_2023):
    h = tokens["staff"]
    data = example("conclusion")
    body = {"unit": "Sở Xây dựng", "findings": findings_of(data)}
    r = client.post("/api/rounds/2023/conclusions", headers=h, json=body)
    assert r.status_code == 201, r.text
    doc = client.get(r.json()["url"], headers=tokens["viewer"])
    assert doc.headers["content-type"] == DOCX_MT
    text = docx_text(doc.content)
    assert "Sở Xây dựng" in text and data["weaknesses"][0] in text
    assert_error(client.post("/api/rounds/2023/conclusions", headers=h, json=body), 409,
                 "conclusion_exists", "$.unit")
    listed = client.get("/api/rounds/2023/conclusions", headers=tokens["viewer"]).json()
    assert [c["unit"] for c in listed] == ["Sở Xây dựng"]
    recs = client.get("/api/rounds/2023/recommendations?status=open", headers=h).json()
    assert [x["text"] for x in recs] == [x["text"] for x in data["recommendations"]]
    dash = client.get("/api/rounds/2023", headers=h).json()
    assert dash["conclusions_issued"] == 1 and dash["open_recommendations"] == 3
    rid = recs[0]["id"]
    assert_error(client.patch(f"/api/recommendations/{rid}", headers=h,
                              json={"status": "remedied"}), 422, "evidence_required",
                 "$.evidence")
    r = client.patch(f"/api/recommendations/{rid}", headers=h,
                     json={"status": "remedied", "evidence": "Công văn 12/SXD"})
    assert r.json()["status"] == "remedied"
    assert_error(client.patch("/api/recommendations/999", headers=h,
                              json={"status": "open"}), 404, "not_found")
    assert_error(client.patch(f"/api/recommendations/{rid}", headers=h,
                              json={"status": "overdue"}), 422, "invalid", "$.status")
    assert_error(client.post("/api/rounds/2023/conclusions", headers=h,
                             json={"unit": "", "findings": {}}), 422, "invalid", "$.unit")
    assert_error(client.post("/api/rounds/2023/conclusions", headers=h,
                             json={"unit": "Sở Y tế", "findings": {"unit": {"name": "x"}}}),
                 422, "from_archive", "$.findings.unit")
    assert_error(client.post("/api/rounds/2023/conclusions", headers=h,
                             json={"unit": "Sở Chưa Có", "findings": {}}), 404, "not_found")
    bad = findings_of(data)
    bad["recommendations"] = [{"text": ""}]
    r = client.post("/api/rounds/2023/conclusions", headers=h,
                    json={"unit": "Sở Tài chính", "findings": bad})
    assert_error(r, 422, "schema_invalid")
    assert any("recommendations[0].text" in d for d in r.json()["error"]["details"])


def test_generate_refuses_text_xml_cannot_carry(client, tokens):
    data = example("plan")
    data["signer"]["name"] = "Trần \ud800 Hùng"
    body = json.dumps(data).encode("ascii")  # "\ud800" escaped: valid JSON
    r = client.post("/api/generate/plan", content=body, headers={
        **tokens["staff"], "Content-Type": "application/json"})
    assert_error(r, 422, "schema_invalid")
    assert any(d.startswith("$.signer.name") and "U+D800" in d
               for d in r.json()["error"]["details"])
