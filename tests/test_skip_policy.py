"""`make test` fails on a skip it does not expect, and passes an expected one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, reason: str, strict: bool, xdist: bool = False
         ) -> subprocess.CompletedProcess:
    (tmp_path / "test_one.py").write_text(
        "import pytest\n\n"
        f"def test_skipped():\n    pytest.skip({reason!r})\n\n"
        "def test_runs():\n    assert True\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_STRICT_SKIPS": "1" if strict else "0"}
    workers = ["-n", "2"] if xdist else ["-p", "no:xdist"]
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "tests.skip_policy", *workers, "--rootdir", str(tmp_path),
                           str(tmp_path)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


def test_an_unexpected_skip_fails_the_strict_run(tmp_path):
    # with pytest-xdist, as `make test` runs: the controller sees the workers' skips
    proc = _run(tmp_path, "LibreOffice không có trên máy này", strict=True, xdist=True)
    assert proc.returncode == 1, proc.stdout
    assert "1 unexpected skip(s)" in proc.stdout
    assert "test_one.py::test_skipped: LibreOffice không có trên máy này" in proc.stdout


def test_an_expected_skip_passes_and_is_counted(tmp_path):
    proc = _run(tmp_path, "root may write into read-only folders", strict=True)
    assert proc.returncode == 0, proc.stdout
    assert "1 skipped" in proc.stdout and "unexpected" not in proc.stdout


def test_skips_are_listed_even_when_not_strict(tmp_path):
    proc = _run(tmp_path, "CCHC_TEST_PG_URL is not set", strict=False)
    assert proc.returncode == 0, proc.stdout
    assert "1  CCHC_TEST_PG_URL is not set" in proc.stdout
