"""What the command line does with things that are not plain report files: FIFOs,
devices, names too long for the file system, JSON nested without end."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_cli

LONG_NAME = ("Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của Ủy ban "
             "nhân dân huyện Lục Ngạn tỉnh Bắc Giang gửi Đoàn kiểm tra cải cách hành chính "
             "của tỉnh theo Kế hoạch số 125 ngày 10 tháng 5 năm 2023 bản chính.docx")


def refused(proc, expect: str) -> None:
    text = proc.stdout + proc.stderr
    assert proc.returncode == 2, text
    assert "Traceback" not in text
    assert expect in text, text


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "ong-dan.docx"
    os.mkfifo(path)
    return path


def test_fifo_given_to_extract_is_refused_at_once(fifo):
    # Without the check this blocks until the 60 s timeout (nobody writes to the FIFO).
    refused(run_cli("extract", fifo, timeout=60), f"{fifo}: đây là ống dẫn (FIFO)")


def test_fifo_given_to_check_is_refused_at_once(fifo):
    proc = run_cli("check", fifo, timeout=60)
    assert proc.returncode == 2 and "ống dẫn (FIFO)" in proc.stdout, proc.stdout + proc.stderr


def test_fifo_given_as_template_is_refused_at_once(fifo, tmp_path):
    data = tmp_path / "d.json"
    data.write_text("{}", encoding="utf-8")
    refused(run_cli("generate", "--template", fifo, data, "-o", tmp_path / "o.docx",
                    timeout=60), "ống dẫn (FIFO)")
    assert not (tmp_path / "o.docx").exists()


def test_device_given_to_extract_is_refused():
    refused(run_cli("extract", "/dev/zero", timeout=60), "/dev/zero: đây là thiết bị")


def test_name_longer_than_the_file_system_allows(tmp_path):
    assert len(LONG_NAME) > 200 and len(LONG_NAME.encode()) > 255
    refused(run_cli("extract", tmp_path / LONG_NAME, timeout=60), "tên tệp quá dài")


@pytest.mark.parametrize("levels", [5000, 200])
def test_deeply_nested_json_is_refused(tmp_path, levels):
    path = tmp_path / "long-nhau.json"
    path.write_text('{"a": ' + "[" * levels + "]" * levels + "}", encoding="utf-8")
    refused(run_cli("validate", "report", path, timeout=60), "lồng nhau quá sâu")
