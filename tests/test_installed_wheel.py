"""What a user installs: the wheel, in a fresh venv outside the checkout.

The rest of the suite runs against the editable install, which finds modules in the
source tree; only this test would notice a package missing from the wheel, a data
file left out, or a generic top-level name leaking into site-packages. The layer
contract is checked here too, on the installed tree, where every subpackage sits
under ``cchc/`` as import-linter expects.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.once import once, shared_dir
from tests.serving import wait_for_health

REPO = Path(__file__).resolve().parent.parent


def _run(cmd, cwd, timeout=600, check=True, env=None):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _tracked_copy(target: Path) -> Path:
    """The checkout's tracked files only, as a clone has them: a build/ folder left by an
    earlier build (a package since renamed) must not slip into the wheel."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _build(folder: Path) -> str:
    """Wheel → fresh venv (with its dependencies, as `pip install` gives a user)."""
    wheels, venv = folder / "wheels", folder / "venv"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels,
          _tracked_copy(folder / "source")], folder)
    (wheel,) = wheels.glob("cchc-*.whl")
    _run([sys.executable, "-m", "venv", venv], folder)
    _run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel,
          "import-linter>=2.13,<3"], folder)
    return str(venv)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    folder = shared_dir(tmp_path_factory) / "installed-wheel"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(once(folder, "venv", lambda: _build(folder)))


@pytest.fixture
def outside(tmp_path) -> Path:
    """A working folder with no checkout in sight, and no PYTHONPATH pointing back."""
    return tmp_path


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CCHC_DB")}
    env["HOME"] = env.get("HOME", "/tmp")
    return env


def _cchc(venv: Path, *args, cwd: Path, timeout=600, check=True):
    return _run([venv / "bin" / "cchc", *args], cwd, timeout=timeout, check=check, env=_env())


def test_only_cchc_is_added_to_site_packages(venv):
    site = next((venv / "lib").glob("python*/site-packages"))
    ours = json.loads(_run([venv / "bin" / "python", "-c",
                            "import json, importlib.metadata as m; "
                            "d = m.distribution('cchc'); "
                            "print(json.dumps(sorted({f.parts[0] for f in d.files})))"],
                           site).stdout)
    assert [p for p in ours if not p.endswith(".dist-info") and p != ".."] == ["cchc"]
    assert (site / "cchc" / "extractors" / "__init__.py").is_file()
    for generic in ("archive", "service", "templates", "schemas", "generator", "extractors",
                    "checker", "examples", "commands", "usecases", "cli.py"):
        assert not (site / generic).exists(), generic


def test_help_and_module_files_come_from_the_wheel(venv, outside):
    assert "generate" in _cchc(venv, "--help", cwd=outside).stdout
    where = _run([venv / "bin" / "python", "-c",
                  "import cchc.extractors, cchc.service.app; print(cchc.extractors.__file__)"],
                 outside, env=_env()).stdout
    assert str(venv) in where and str(REPO) not in where


def test_layer_contract_holds_on_the_installed_tree(venv, outside):
    result = _run([venv / "bin" / "lint-imports", REPO / "pyproject.toml"], outside,
                  check=False, env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    contracts = pyproject.count("[[tool.importlinter.contracts]]")
    assert f"{contracts} kept, 0 broken" in result.stdout


def test_demo_then_extract_a_generated_report(venv, outside):
    out = outside / "out"
    _cchc(venv, "demo", out, cwd=outside, timeout=900)
    report = out / "bao-cao-don-vi" / "so-xay-dung.docx"
    record = json.loads(_cchc(venv, "extract", report, cwd=outside).stdout)
    assert record["kind"] == "unit_report" and record["unit"]["name"]
    assert record["tthc_stats"]["rows"], "the generated report's statistics table is read"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_health(venv, outside):
    port = _free_port()
    proc = subprocess.Popen([venv / "bin" / "cchc", "serve", "--port", str(port), "--db",
                             f"sqlite:///{outside / 'cchc.db'}", "--data-dir", outside],
                            cwd=outside, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_for_health(f"http://127.0.0.1:{port}", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        proc.stdout.close()


def test_the_readmes_examples_work_after_install(venv, outside):
    """README: `cchc examples` copies the data out, then its commands find the files."""
    _cchc(venv, "examples", cwd=outside)
    _cchc(venv, "validate", "plan", "examples/plan.json", cwd=outside)
    _cchc(venv, "generate", "stats-form", "examples/stats.json", "-o", "bieu-mau.xlsx",
          cwd=outside)
    assert (outside / "bieu-mau.xlsx").stat().st_size > 0
