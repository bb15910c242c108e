"""Old .doc drafts: checked through a LibreOffice conversion, reported under their name."""

from __future__ import annotations

import shutil

import docx
import pytest

from cchc.core.office import convert
from tests.checker.builder import build
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def doc_files(tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    src = tmp_path_factory.mktemp("docx")
    sources = [build(src / "good.docx"),
               build(src / "bad.docx", body_font="Arial",
                     date="Bắc Giang, ngày 5 tháng 1 năm 2023")]
    out = tmp_path_factory.mktemp("doc")
    return {p.stem: p for p in convert(sources, "doc", out)}


def test_doc_files_are_checked_by_their_own_name(doc_files):
    good, bad = doc_files["good"], doc_files["bad"]
    assert good.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # really the old binary format
    proc = run_cli("check", good, bad)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert f"{good}: đạt thể thức — 0 lỗi, 0 cảnh báo" in out
    assert f"{bad}: [LỖI] font.family" in out
    assert f"{bad}: [LỖI] header.date.leading_zero" in out
    assert f"{bad}: chưa đạt thể thức — 2 lỗi, 0 cảnh báo" in out
    assert "bằng LibreOffice" in out


def test_fix_a_doc_writes_a_docx(doc_files, tmp_path):
    target = tmp_path / "fixed.docx"
    proc = run_cli("check", "--fix", "--pad-date", doc_files["bad"], "-o", target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    document = docx.Document(str(target))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    assert "Bắc Giang, ngày 05 tháng 01 năm 2023" in cells
