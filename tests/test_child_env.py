"""Children get a minimal environment (issue 22.2): LibreOffice, Tesseract and the UNO
Python parse untrusted uploads and must not find the service's secret or database URL."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import numpy as np
import pytest

from cchc.core import child, office, office_warm
from cchc.core.errors import CchcError
from cchc.extractors.ocr import tesseract

SECRET = "bi-mat-cua-dich-vu-7f3a"
DB = "postgresql://cchc:mat-khau-csdl-91@db.example/cchc"
CCHC = Path(child.__file__).resolve().parents[1]


@pytest.fixture
def secrets_in_env(monkeypatch):
    monkeypatch.setenv("CCHC_SECRET", SECRET)
    monkeypatch.setenv("CCHC_DB", DB)
    monkeypatch.setenv("CCHC_SERVE_DB", DB)
    monkeypatch.setenv("DATABASE_URL", DB)


def _spy(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in program that saves its environment (as the kernel shows it) and fails."""
    dump = tmp_path / "environ"
    prog = tmp_path / "spy"
    prog.write_text(f"#!/bin/sh\ncat /proc/$$/environ > {dump}\nexit 1\n")
    prog.chmod(0o755)
    return prog, dump


def _assert_minimal(raw: bytes) -> dict:
    env = dict(item.split("=", 1) for item in raw.decode().split("\0") if "=" in item)
    assert SECRET not in raw.decode() and "mat-khau-csdl" not in raw.decode(), env
    assert not [k for k in env if k.startswith("CCHC_")], env
    inherited = {k for k, v in env.items() if os.environ.get(k) == v and k not in child.KEEP}
    assert not inherited - {"PWD", "SHLVL", "_"}, inherited
    home = os.stat(env["HOME"])
    assert env["HOME"] != os.environ.get("HOME") and stat.S_IMODE(home.st_mode) == 0o700
    return env


def test_tesseract_gets_a_minimal_environment(tmp_path, secrets_in_env):
    prog, dump = _spy(tmp_path)
    with pytest.raises(CchcError):
        tesseract.run_tesseract(np.zeros((8, 8), np.uint8), 300, exe=str(prog))
    env = _assert_minimal(dump.read_bytes())
    assert env["OMP_THREAD_LIMIT"] == "1"


def test_cold_soffice_gets_a_minimal_environment(tmp_path, secrets_in_env, monkeypatch):
    prog, dump = _spy(tmp_path)
    monkeypatch.setattr(office, "soffice_path", lambda: str(prog))
    (tmp_path / "a.docx").write_bytes(b"PK")
    with pytest.raises(CchcError):
        office.convert([tmp_path / "a.docx"], "pdf", tmp_path / "out")
    _assert_minimal(dump.read_bytes())


@pytest.mark.skipif(not office.available(), reason="LibreOffice không có trên máy này")
def test_warm_office_processes_get_a_minimal_environment(secrets_in_env):
    pool = office_warm.WarmPool(1).start(background=False)
    try:
        if pool.error is not None:
            pytest.skip(f"LibreOffice thường trực không chạy được: {pool.error}")
        group = os.getpgid(pool.servers[0].proc.pid)
        pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                and _pgid(p) == group]
        assert len(pids) >= 2  # the worker and its soffice
        seen = 0
        for pid in pids:
            try:
                raw = Path(f"/proc/{pid}/environ").read_bytes()
            except OSError:  # soffice's launcher script, gone after starting soffice.bin
                continue
            _assert_minimal(raw)
            seen += 1
        assert seen >= 2
    finally:
        pool.close()


def _pgid(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def test_every_program_is_started_through_the_one_helper():
    """No subprocess.run / Popen / os.system outside cchc/core/child.py (the UNO worker runs
    under the system Python, without cchc, and inherits the minimal environment)."""
    spawn = re.compile(r"subprocess\.(run|Popen|call|check_call|check_output)\(|os\.system\(|"
                       r"os\.exec|os\.spawn|create_subprocess_")
    allowed = {CCHC / "core" / "child.py", CCHC / "core" / "uno_worker.py"}
    found = [f"{p.relative_to(CCHC)}:{n}" for p in CCHC.rglob("*.py") if p not in allowed
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if spawn.search(line)]
    assert not found, found
