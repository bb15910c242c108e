"""The smaller holes of issue 13 on the service side: private-use footnote markers in
data, deeply nested JSON, the API description behind a login, file modes, and
error messages that named temporary paths or quoted lxml."""

from __future__ import annotations

import copy
import io
import json
import os
import stat
import tempfile
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import etree
from svc_helpers import close_app, login_tokens, make_app, wait_job
from svc_reports import fake_extract

from cchc.core.errors import CchcError
from cchc.core.outfile import write_bytes
from cchc.service.app import create_app

ROOT = Path(__file__).resolve().parents[2]
OUTLINE = json.loads((ROOT / "cchc" / "examples" / "outline.json").read_text(encoding="utf-8"))


def footnotes_of(docx: bytes) -> tuple[int, list[str]]:
    """How many footnote references the body has, and the notes' texts."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        body = zf.read("word/document.xml").decode()
        notes = etree.fromstring(zf.read("word/footnotes.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = ["".join(t.text or "" for t in n.iter(f"{w}t")).strip()
             for n in notes.iter(f"{w}footnote") if n.get(f"{w}type") is None]
    return body.count("<w:footnoteReference "), texts


def test_private_use_markers_in_data_stay_text(client, tokens):
    clean = client.post("/api/generate/outline", headers=tokens["staff"], json=OUTLINE)
    assert clean.status_code == 200, clean.text
    data = copy.deepcopy(OUTLINE)
    section = data["sections"][0]
    section["title"] += " \ue000 99 \ue001"
    section["items"][0] += " \ue0001\ue001 và \ue000\ue001"
    r = client.post("/api/generate/outline", headers=tokens["staff"], json=data)
    assert r.status_code == 200, r.text
    assert footnotes_of(r.content) == footnotes_of(clean.content)  # no fake or lost note
    assert footnotes_of(clean.content)[0] > 0
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert "\ue000 99 \ue001" in zf.read("word/document.xml").decode()


def deep(n: int) -> str:
    return '{"kind": "unit_report", "x": ' + "[" * n + "]" * n + "}"


def test_deeply_nested_record_upload_is_refused_by_name(client, tokens):
    assert client.post("/api/rounds", headers=tokens["admin"],
                       json={"code": "2023"}).status_code == 201
    for n in (5000, 200):
        r = client.post("/api/rounds/2023/drafts", headers=tokens["staff"],
                        files=[("files", (f"sau-{n}.json", deep(n).encode(), "x/y"))])
        assert r.status_code == 202, r.text
        job = wait_job(client, tokens["staff"], r.json()["url"])
        result = job["results"][0]
        assert result["ok"] is False or result.get("status") == "failed", result
        text = json.dumps(result, ensure_ascii=False)
        assert f"sau-{n}.json" in text and "lồng nhau quá sâu (quá 64 tầng)" in text, text


def test_deeply_nested_json_body_is_not_a_500(client, tokens):
    for n in (5000, 900):
        r = client.post("/api/generate/plan", headers={**tokens["staff"],
                                                        "Content-Type": "application/json"},
                        content=deep(n).encode())
        assert 400 <= r.status_code < 500, r.text
        assert r.json()["error"]["message"]


def test_api_description_needs_a_login_unless_public(tmp_path, client, tokens):
    for path in ("/openapi.json", "/docs"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers=tokens["viewer"]).status_code == 200
    public = create_app(f"sqlite:///{tmp_path / 'pub.db'}", secret="x", data_dir=tmp_path,
                        extractor=fake_extract, public_docs=True)
    try:
        with TestClient(public) as c:
            assert c.get("/openapi.json").status_code == 200
            assert "swagger" in c.get("/docs").text.lower()
    finally:
        close_app(public)


def test_database_and_wal_are_private(tmp_path):
    (tmp_path / "public").mkdir()
    app = make_app(tmp_path)  # creates svc.db and writes (users) through the WAL
    try:
        for name in ("svc.db", "svc.db-wal", "svc.db-shm"):
            path = tmp_path / name
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        assert (tmp_path / "svc.db-wal").exists()
    finally:
        close_app(app)
    old = tmp_path / "public" / "svc.db"
    old.touch()
    old.chmod(0o644)
    close_app(make_app(tmp_path / "public"))
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


def test_documents_follow_the_umask(tmp_path):
    for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        old = os.umask(mask)
        try:
            write_bytes(tmp_path / f"{mask:o}.docx", b"x")
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / f"{mask:o}.docx").stat().st_mode) == mode


def lxml_failing_extractor(incoming) -> dict:
    """Fails as the readers do, on the private copy the extractor reads (its path)."""
    path = Path(tempfile.gettempdir()) / "cchc-up-x1y2" / "upload.pdf"
    try:
        etree.fromstring(b"<a><b></a>")
    except etree.XMLSyntaxError as exc:
        raise CchcError(f"không đọc được tài liệu Word (tệp hỏng?): {exc}",
                        file=str(path), details=[f"{path}: {exc}"]) from exc
    raise AssertionError("lxml accepted broken XML")


def test_refusals_name_the_upload_not_the_temporary_path(tmp_path):
    app = make_app(tmp_path, extractor=lxml_failing_extractor)
    try:
        with TestClient(app) as c:
            h = login_tokens(c)["staff"]
            r = c.post("/api/extract", headers=h,
                       files={"file": ("Báo cáo Sở Y tế.pdf", b"%PDF-1.4\n", "x/y")})
    finally:
        close_app(app)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    shown = json.dumps(err, ensure_ascii=False)
    assert "cchc-up" not in shown and "/tmp" not in shown, shown
    assert "Opening and ending tag" not in shown and "line 1" not in shown, shown
    assert err["message"] == ("Báo cáo Sở Y tế.pdf: không đọc được tài liệu Word "
                              "(tệp hỏng?)"), shown


def test_long_vietnamese_file_name_is_read(client, tokens):
    """200 characters kept of 215 are ~600 bytes in UTF-8: past a file name's limit on disk."""
    from svc_reports import report_docx
    name = ("Báo cáo kết quả thực hiện cải cách hành chính " * 5)[:210] + ".docx"
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": (name, report_docx("Sở Y tế"), "x/y")})
    assert r.status_code == 200, r.text
    assert r.json()["filename"].startswith("Báo cáo kết quả") and \
        r.json()["filename"].endswith(".docx")
    assert r.json()["record"]["unit"]["name"] == "Sở Y tế"
