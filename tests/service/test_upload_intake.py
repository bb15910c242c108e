"""Uploads with the real extractor: long Vietnamese names, errors that name the
user's file (never the server's temporary path), deeply nested JSON records."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from svc_helpers import close_app, login_tokens, make_app
from svc_reports import report_docx

from cchc.extractors.tools.synthetic_scans import make_report_docx, make_rows
from cchc.service import adapters

LONG = ("Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của Ủy ban nhân "
        "dân huyện Lục Ngạn tỉnh Bắc Giang gửi Đoàn kiểm tra cải cách hành chính của tỉnh "
        "theo Kế hoạch số 125 ngày 10 tháng 5 năm 2023 kèm biểu thống kê.docx")


@pytest.fixture
def real(tmp_path):
    app = make_app(tmp_path, extractor=adapters.extract)
    with TestClient(app) as client:
        yield client, login_tokens(client)
    close_app(app)


def _no_temp_path(message: str) -> None:
    assert "/tmp" not in message and "cchc-up" not in message and "upload." not in message


def test_long_vietnamese_name_is_extracted(real, tmp_path):
    client, tokens = real
    assert len(LONG) >= 215 and len(LONG.encode()) > 255
    blob = make_report_docx(tmp_path / "r.docx", make_rows(seed=3)).read_bytes()
    r = client.post("/api/extract", headers=tokens["staff"], files={"file": (LONG, blob)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["filename"].startswith("Báo cáo kết quả") and body["filename"].endswith(".docx")
    assert body["record"]["source"]["file"] == body["filename"]
    assert body["record"]["tthc_stats"]["rows"]


def test_extractor_refusal_names_the_uploaded_file(real):
    client, tokens = real
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("danh sách mua sắm.docx", report_docx("Sở Y tế"))})
    assert r.status_code == 400, r.text
    message = r.json()["error"]["message"]
    assert message.startswith("danh sách mua sắm.docx: ") and "đề cương" in message
    _no_temp_path(message)


def test_broken_part_names_the_uploaded_file(real):
    client, tokens = real
    src = zipfile.ZipFile(io.BytesIO(report_docx("Sở Y tế")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[:300] + b"<<<" + data[300:]
            out.writestr(item, data)
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("bản hỏng.docx", buf.getvalue())})
    assert r.status_code == 400, r.text
    message = r.json()["error"]["message"]
    assert message.startswith("bản hỏng.docx: ") and "tài liệu Word" in message
    _no_temp_path(message)


@pytest.mark.parametrize("levels", [5000, 500])
def test_deeply_nested_json_record_is_a_422(real, levels):
    client, tokens = real
    r = client.post("/api/rounds", headers=tokens["admin"], json={"code": "2023"})
    assert r.status_code == 201, r.text
    body = '{"kind": "unit_report", "sections": ' + "[" * levels + "]" * levels + "}"
    r = client.post("/api/rounds/2023/reports", headers=tokens["staff"],
                    files={"file": ("sau.json", body.encode())})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "bad_json" and "lồng nhau quá sâu" in error["message"]
    json.dumps(error)


@pytest.mark.parametrize("name, data, kind", [
    ("ghi chú.rtf", b"{\\rtf1\\ansi Bao cao}", "doc"),
    ("bản ghi.json", b'\xef\xbb\xbf {"kind": "unit_report"}', "json"),
    ("trang.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "png"),
    ("trang.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpeg"),
    ("trang.tif", b"II*\x00" + b"\0" * 20, "tiff"),
    # issue 20: Excel 97, and Office web pages saved under a .doc/.xls name
    ("biểu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
     + "Workbook".encode("utf-16-le"), "xls"),
    ("báo cáo.doc", b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><body>', "doc"),
    ("biểu web.xls", b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body>', "xls"),
])
def test_upload_kinds_come_from_the_one_format_table(name, data, kind):
    from starlette.datastructures import UploadFile

    from cchc.service.uploads import accept

    upload = accept(UploadFile(io.BytesIO(data), filename=name), 1 << 20, 1 << 20,
                    allow_json=True)
    assert upload.kind == kind and upload.filename == name
