"""One intake (issue 19 §3): over one HTTP import of one report, its bytes are
identified once, inflated under the zip caps once, hashed once, and the record is
validated once per origin; a re-sent scan is answered "duplicate" before any OCR."""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from svc_helpers import close_app, login_tokens, make_app
from svc_reports import make_record

from cchc.core import safezip
from cchc.extractors.tools.synthetic_scans import make_report_docx, make_rows
from cchc.schemas import validate
from cchc.service import adapters


@pytest.fixture
def real(tmp_path):
    app = make_app(tmp_path, extractor=adapters.extract)
    app.state.archive  # noqa: B018 - opened by make_app
    with TestClient(app) as client:
        tokens = login_tokens(client)
        r = client.post("/api/rounds", headers=tokens["admin"], json={"code": "2023"})
        assert r.status_code == 201, r.text
        yield client, tokens["staff"]
    close_app(app)


def _counting(monkeypatch, data: bytes) -> Counter:
    """Wrap the intake's steps; count only the calls on this upload's bytes."""
    from cchc.extractors.read import formats, sniff

    seen: Counter = Counter()
    real_identify, real_check = formats.identify, safezip.check
    real_sha, real_validator = hashlib.sha256, validate.validator

    def identify(fh, name, *args, **kwargs):
        seen["identified"] += 1
        return real_identify(fh, name, *args, **kwargs)

    def check(fh, name, *args, **kwargs):
        seen["inflated"] += 1
        return real_check(fh, name, *args, **kwargs)

    class Sha:
        def __init__(self, first: bytes = b"", **kwargs):
            self._h, self._bytes = real_sha(first, **kwargs), bytearray(first)

        def update(self, chunk):
            self._h.update(chunk)
            self._bytes += chunk

        def _done(self):
            if bytes(self._bytes) == data:
                seen["hashed"] += 1

        def hexdigest(self):
            self._done()
            return self._h.hexdigest()

        def digest(self):
            self._done()
            return self._h.digest()

    def validator(kind):
        if kind == "report":
            seen["validated"] += 1
        return real_validator(kind)

    monkeypatch.setattr(formats, "identify", identify)
    monkeypatch.setattr(sniff, "identify", identify)
    monkeypatch.setattr(safezip, "check", check)
    monkeypatch.setattr(hashlib, "sha256", Sha)
    monkeypatch.setattr(validate, "validator", validator)
    return seen


def test_one_http_import_identifies_inflates_hashes_validates_once(real, tmp_path,
                                                                    monkeypatch):
    client, staff = real
    blob = make_report_docx(tmp_path / "r.docx", make_rows(seed=5)).read_bytes()
    seen = _counting(monkeypatch, blob)
    r = client.post("/api/rounds/2023/reports", headers=staff,
                    files={"file": ("Báo cáo Sở Nội vụ.docx", blob)}, data={"unit": "Sở Nội vụ"})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "stored"
    assert r.json()["sha256"] == hashlib.new("sha256", blob).hexdigest()
    assert dict(seen) == {"identified": 1, "inflated": 1, "hashed": 1, "validated": 1}


def test_a_json_record_is_validated_once_by_the_archive(real, monkeypatch):
    client, staff = real
    blob = json.dumps(make_record("Sở Tư pháp", 90.0, 12, "r.json"),
                      ensure_ascii=False).encode()
    seen = _counting(monkeypatch, blob)
    r = client.post("/api/rounds/2023/reports", headers=staff,
                    files={"file": ("r.json", blob)})
    assert r.status_code == 201, r.text
    assert dict(seen) == {"hashed": 1, "validated": 1}  # JSON by content: no format sniffed


def _scan_pdf() -> bytes:
    """A PDF of one page image and no text layer: a scan, read by OCR."""
    buf = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(buf, "PDF", resolution=50)
    return buf.getvalue()


def test_a_resent_scan_is_a_duplicate_without_ocr(real, tmp_path, monkeypatch):
    from cchc.extractors.ocr import to_document
    from cchc.extractors.read.docx_reader import read_docx

    client, staff = real
    typed = make_report_docx(tmp_path / "r.docx", make_rows(seed=9))
    calls = []

    def ocr(path, *args, **kwargs):  # the OCR entry point; reads the typed twin instead
        calls.append(path)
        doc = read_docx(typed)
        doc.format = "pdf"
        return doc

    monkeypatch.setattr(to_document, "read_scanned_pdf", ocr)
    scan = _scan_pdf()
    first = client.post("/api/rounds/2023/reports", headers=staff,
                        files={"file": ("quet.pdf", scan)}, data={"unit": "Sở Y tế"})
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "stored" and len(calls) == 1
    again = client.post("/api/rounds/2023/reports", headers=staff,
                        files={"file": ("quet lai.pdf", scan)}, data={"unit": "Sở Y tế"})
    assert again.status_code == 201, again.text
    assert again.json()["status"] == "duplicate"
    assert again.json()["report_id"] == first.json()["report_id"]
    assert len(calls) == 1, "the re-sent scan was read by OCR again"


def test_the_import_is_audited_with_its_user_in_its_transaction(real, tmp_path):
    from sqlalchemy import select

    from cchc.archive.models import AuditLog

    client, staff = real
    blob = make_report_docx(tmp_path / "r.docx", make_rows(seed=2)).read_bytes()
    r = client.post("/api/rounds/2023/reports", headers=staff,
                    files={"file": ("r.docx", blob)}, data={"unit": "Sở Công Thương"})
    assert r.status_code == 201, r.text
    with client.app.state.archive.sessions() as s:
        row = s.scalar(select(AuditLog).where(AuditLog.entity == "report",
                                              AuditLog.entity_id == r.json()["report_id"]))
    assert row is not None and row.action == "import"
    assert row.actor == "staff" and row.detail["sha256"] == r.json()["sha256"]
