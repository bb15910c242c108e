"""Zip bombs are refused by the one bounded reader, with bounded memory, everywhere.

Peak memory is measured in a separate process: the CLI's through
RUSAGE_CHILDREN of a small wrapper (so no earlier child of pytest counts), the
service's as VmHWM of the probe process (service_probe.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.intake.zipbombs import honest_docx, lying_docx

LIMIT_MB = 300
WRAPPER = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], "
           "capture_output=True, text=True); print(p.returncode); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); "
           "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr)")


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {"lying": lying_docx(folder / "bao-cao-gia.docx"),
            "honest": honest_docx(folder / "bao-cao-lon.docx")}


def test_bombs_are_what_they_claim(bombs):
    import zipfile

    with zipfile.ZipFile(bombs["lying"]) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size == 1000 and bombs["lying"].stat().st_size < 1.2e6
        assert len(zf.read("word/document.xml")) == 1000  # zipfile's checks pass
    with zipfile.ZipFile(bombs["honest"]) as zf:
        assert zf.getinfo("word/document.xml").file_size == 190 * 1024 * 1024


def measured_cli(*args) -> tuple[int, int, str, str]:
    """(exit code, peak RSS in MB, stdout, stderr) of one ``cchc`` run."""
    proc = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable,
                           "-m", "cchc.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    code, peak, *rest = proc.stdout.split("\n", 2)
    return int(code), int(peak), (rest[0] if rest else ""), proc.stderr


COMMANDS = {
    "extract": lambda bomb, tmp: ("extract", bomb),
    "check": lambda bomb, tmp: ("check", bomb),
    "template": lambda bomb, tmp: ("generate", "--template", bomb, _data(tmp), "-o",
                                   tmp / "out.docx"),
}


def _data(tmp: Path) -> Path:
    path = tmp / "du-lieu.json"
    path.write_text("{}", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["lying", "honest"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_refuses_bomb_with_bounded_memory(bombs, kind, command, tmp_path):
    bomb = bombs[kind]
    code, peak, out, err = measured_cli(*COMMANDS[command](bomb, tmp_path))
    text = out + err
    assert code == 2, text
    assert "Traceback" not in text
    assert str(bomb) in text and "word/document.xml" in text, text
    assert "nghi tệp ZIP độc hại" in text, text
    assert peak < LIMIT_MB, f"peak RSS {peak} MB"
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("kind", ["lying", "honest"])
def test_service_refuses_bomb_with_bounded_memory(bombs, kind):
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("service_probe.py")),
                           str(bombs[kind]), "báo cáo.docx"], capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == 413, result
    error = result["body"]["error"]
    assert error["code"] == "zip_bomb" and "word/document.xml" in error["message"]
    assert "báo cáo.docx" in error["message"] and "/tmp" not in error["message"]
    assert result["peak_mb"] < LIMIT_MB, result
