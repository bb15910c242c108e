"""The warm LibreOffice (cchc.core.office_warm): reuse, restart after a crash or a hang,
and the cold path when it cannot start (issue 14)."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess

import pytest
from docx import Document

from cchc.core import office, office_warm


def _has_uno() -> bool:
    try:
        return subprocess.run([office_warm.SYSTEM_PYTHON, "-c", "import uno"],
                              capture_output=True, timeout=60).returncode == 0
    except OSError:
        return False


needs_office = pytest.mark.skipif(not shutil.which("soffice") or not _has_uno(),
                                  reason="LibreOffice và python3-uno không có trên máy này")


def docx(path, text="Báo cáo kết quả thực hiện công tác cải cách hành chính"):
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def pdf_text_ok(path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


@pytest.fixture
def pool():
    p = office_warm.WarmPool(1).start(background=False)
    assert p.error is None, p.error
    yield p
    p.close()


@needs_office
def test_one_server_serves_many_conversions(pool, tmp_path):
    server = pool.servers[0]
    pid = server.proc.pid
    for i in range(3):
        out = pool.convert(docx(tmp_path / f"{i}.docx", f"Văn bản {i}"), tmp_path / f"{i}.pdf")
        assert pdf_text_ok(out)
    assert server.proc.pid == pid and server.starts == 1 and pool.restarts == 0


@needs_office
def test_crashed_converter_is_restarted_and_request_retried(pool, tmp_path, caplog):
    server = pool.servers[0]
    os.killpg(server.proc.pid, signal.SIGKILL)  # LibreOffice and its server die
    server.proc.wait(30)
    with caplog.at_level(logging.WARNING, logger="cchc.core.office"):
        out = pool.convert(docx(tmp_path / "a.docx"), tmp_path / "a.pdf")
    assert pdf_text_ok(out)
    assert (server.starts, pool.restarts) == (2, 1)
    assert "khởi động lại và thử lại" in caplog.text


@needs_office
def test_hung_converter_is_killed_restarted_and_request_retried(pool, tmp_path, monkeypatch):
    monkeypatch.setattr(office_warm, "CALL_SECONDS", 5.0)  # a silent server is hung after 5 s
    server = pool.servers[0]
    hung = server.proc.pid
    os.killpg(hung, signal.SIGSTOP)  # alive but answering nothing
    out = pool.convert(docx(tmp_path / "b.docx"), tmp_path / "b.pdf")
    assert pdf_text_ok(out)
    assert server.proc.pid != hung and pool.restarts == 1
    with pytest.raises(ProcessLookupError):
        os.kill(hung, 0)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice không có trên máy này")
def test_cold_path_when_warm_cannot_start_and_the_log_says_so(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CCHC_UNO_PYTHON", str(tmp_path / "khong-co-python"))
    src = docx(tmp_path / "c.docx")
    with caplog.at_level(logging.WARNING, logger="cchc.core.office"):
        with office.warm(1) as pool:
            (out,) = office.convert([src], "pdf", tmp_path / "out")
    assert pool.error is not None and pdf_text_ok(out)
    assert "không dùng được LibreOffice thường trực" in caplog.text
    assert "khong-co-python" in caplog.text


@needs_office
def test_no_libreoffice_outlives_a_killed_owner(tmp_path):
    """The process holding the pool dies by kill -9: its unoserver and soffice follow."""
    import sys
    import time

    owner = subprocess.Popen([sys.executable, "-c", (
        "from cchc.core import office_warm; import time\n"
        "p = office_warm.WarmPool(1).start(background=False)\n"
        "assert p.error is None, p.error\n"
        "print(p.servers[0].proc.pid, flush=True)\n"
        "time.sleep(600)\n")], stdout=subprocess.PIPE, text=True)
    try:
        server = int(owner.stdout.readline())
        group = os.getpgid(server)
    finally:
        owner.kill()
        owner.wait(30)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _group_alive(group):
        time.sleep(0.5)
    assert not _group_alive(group), "unoserver or its soffice survived its owner"


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    # zombies count as gone: their parent (the dead owner) can no longer reap them
    out = subprocess.run(["ps", "-o", "stat=", "-g", str(group)], capture_output=True,
                         text=True).stdout.split()
    return any(not st.startswith("Z") for st in out)
