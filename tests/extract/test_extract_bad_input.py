"""Bad input: a clear Vietnamese error naming the file, a non-zero exit, no traceback."""

from __future__ import annotations

import shutil
import zipfile

import docx
import pytest

from tests.conftest import run_cli
from tests.extract.pdfmaker import write_pdf


def fails(*args, expect: str, env=None):
    proc = run_cli("extract", *map(str, args), env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert expect in proc.stderr, proc.stderr
    return proc


def test_empty_file(tmp_path):
    (tmp_path / "rong.docx").write_bytes(b"")
    fails(tmp_path / "rong.docx", expect="tệp rỗng")


def test_missing_file(tmp_path):
    fails(tmp_path / "khong-co.docx", expect="không tìm thấy tệp")


def test_truncated_docx(corpus, tmp_path):
    src, _ = corpus["d01_table_arabic_bullets.docx"]
    data = src.read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    fails(tmp_path / "cut.docx", expect="bị hỏng hoặc bị cắt cụt")


def test_corrupt_member_in_docx(corpus, tmp_path):
    src, _ = corpus["d01_table_arabic_bullets.docx"]
    target = tmp_path / "hong.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[:2000] + b"<<<not xml" + data[2000:]
            zout.writestr(item, data)
    fails(target, expect="không đọc được tài liệu Word")


def test_docx_that_is_a_renamed_pdf(corpus, tmp_path):
    src, _ = corpus["p01_table_arabic.pdf"]
    shutil.copy(src, tmp_path / "bao-cao.docx")
    fails(tmp_path / "bao-cao.docx", expect="nội dung là PDF")


def test_unknown_content(tmp_path):
    (tmp_path / "x.docx").write_text("chỉ là văn bản thường", encoding="utf-8")
    fails(tmp_path / "x.docx", expect="không nhận ra định dạng")


def test_password_protected_docx(corpus, tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    src, _ = corpus["d01_table_arabic_bullets.docx"]
    target = tmp_path / "mat-khau.docx"
    with src.open("rb") as fin, target.open("wb") as fout:
        ooxml.OOXMLFile(fin).encrypt("secret", fout)
    fails(target, expect="bảo vệ bằng mật khẩu")


def test_password_protected_pdf(tmp_path):
    target = write_pdf(tmp_path / "mat-khau.pdf", encrypted=True)
    fails(target, expect="bảo vệ bằng mật khẩu")


def test_zip_bomb_refused_by_default(tmp_path):
    target = tmp_path / "bom.docx"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        block = b"\0" * (1 << 20)
        for i in range(4):  # each part under the 64 MB part cap, together over 100 MB
            with zf.open(f"word/media/padding{i}.bin", "w") as fh:
                for _ in range(30):
                    fh.write(block)
    assert target.stat().st_size < 2 * 1024 * 1024
    fails(target, expect="vượt giới hạn 100 MB")


def test_unzipped_limit_option(corpus, tmp_path):
    src, _ = corpus["d01_table_arabic_bullets.docx"]
    target = tmp_path / "lon.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            z.writestr(item, zin.read(item.filename))
        z.writestr("word/media/extra.bin", b"\0" * (3 << 20))
    fails(target, "--max-unzipped-mb", "1", expect="vượt giới hạn 1 MB")
    ok = run_cli("extract", str(target), timeout=120)
    assert ok.returncode == 0, ok.stderr


def test_pdf_page_limit_and_option(tmp_path):
    target = write_pdf(tmp_path / "dai.pdf", pages=250)
    fails(target, expect="250 trang, vượt giới hạn 200 trang")
    # Raised limit: the pages are read, and the file is then no report at all.
    fails(target, "--max-pages", "300", expect="không tìm thấy mục nào của đề cương")


def test_scan_without_tesseract_names_the_packages(tmp_path):
    target = write_pdf(tmp_path / "scan.pdf", pages=2, text=None)
    fails(target, env={"PATH": str(tmp_path)}, expect="tesseract-ocr")


def test_blank_scan_is_read_by_ocr_and_is_not_a_report(tmp_path):
    target = write_pdf(tmp_path / "scan.pdf", pages=2, text=None)
    fails(target, expect="không tìm thấy mục nào của đề cương hay bảng thống kê")


def test_not_a_report(tmp_path):
    d = docx.Document()
    d.add_paragraph("Danh sách mua sắm văn phòng phẩm")
    d.add_paragraph("Giấy A4: 10 gram; bút bi: 20 chiếc.")
    d.save(str(tmp_path / "mua-sam.docx"))
    fails(tmp_path / "mua-sam.docx", expect="không tìm thấy mục nào của đề cương hay bảng thống kê")


def test_doc_without_libreoffice(corpus, tmp_path):
    src, _ = corpus["w01_doc_roman.doc"]
    fails(src, env={"PATH": str(tmp_path)}, expect="cần LibreOffice")
