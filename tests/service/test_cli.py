"""`cchc user add` and `cchc serve` as a user runs them (real processes, loopback only)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import ROOT, run_cli
from tests.serving import wait_for_health


def test_user_add_checks_and_stores(tmp_path):
    db = tmp_path / "cchc.db"
    r = run_cli("user", "add", "hoa", "--role", "staff", "--password-stdin", "--db", db,
                input="ngan\n")
    assert r.returncode == 2 and "ít nhất 8 ký tự" in r.stderr
    r = run_cli("user", "add", "hoa", "--role", "staff", "--password-stdin", "--db", db,
                input="mat-khau-dai-1\n")
    assert r.returncode == 0, r.stderr
    r = run_cli("user", "add", "hoa", "--role", "admin", "--password-stdin", "--db", db,
                input="mat-khau-dai-1\n")
    assert r.returncode == 2 and "đã có" in r.stderr
    r = run_cli("user", "list", "--db", db)
    assert r.stdout.split() == ["hoa", "staff"]


def test_serve_answers_on_loopback(tmp_path):
    db = tmp_path / "cchc.db"
    assert run_cli("user", "add", "an", "--role", "viewer", "--password-stdin", "--db", db,
                   input="mat-khau-dai-1\n").returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCHC_SECRET", None)
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen([sys.executable, "-m", "cchc.cli", "serve", "--port", str(port),
                             "--db", str(db), "--data-dir", str(tmp_path)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, proc, tmp_path / "serve.log")
        token = httpx.post(f"{base}/api/auth/token",
                           json={"username": "an", "password": "mat-khau-dai-1"}).json()
        r = httpx.get(f"{base}/api/rounds",
                      headers={"Authorization": f"Bearer {token['access_token']}"})
        assert r.status_code == 200 and r.json() == []
        assert httpx.get(f"{base}/api/rounds").status_code == 401
        assert (Path(tmp_path) / "secret.key").stat().st_mode & 0o077 == 0
    finally:
        proc.terminate()
        proc.wait(15)
        log.close()
