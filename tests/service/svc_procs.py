"""Real server and worker processes for the crash tests: start, wait, kill -9.

Each process gets its own session so ``killpg(SIGKILL)`` also takes whatever it
started (a LibreOffice, threads), the way a power cut or the OOM killer would.
"""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx

from cchc import examples

CCHC = str(Path(sys.executable).parent / "cchc")
PASSWORD = "mat-khau-dai-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reports(n: int) -> list[tuple[str, bytes]]:
    """``n`` real unit reports (the generator's own, along the outline) for distinct units.

    One is rendered; the others differ only in the unit's name, changed in the
    document's XML, so the files are cheap to make and each has its own content hash.
    """
    from cchc.generator.documents import render_report

    outline = json.loads(examples.path("outline").read_text(encoding="utf-8"))
    rep = json.loads((examples.HERE / "reports" / "so-xay-dung.json").read_text("utf-8"))
    rep = copy.deepcopy(rep)
    rep["unit"]["name"] = "Sở Thử nghiệm Zq"
    blob = render_report(rep, outline, parent="UBND TỈNH BẮC GIANG")
    out = []
    with zipfile.ZipFile(io.BytesIO(blob)) as src:
        parts = [(i, src.read(i.filename)) for i in src.infolist()]
    for k in range(n):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for info, data in parts:
                if info.filename == "word/document.xml":
                    data = data.replace(b"Zq", b"%02d" % k).replace(b"ZQ", b"%02d" % k)
                dst.writestr(info, data)
        out.append((f"bao-cao-{k:02d}.docx", buf.getvalue()))
    return out


class Proc:
    def __init__(self, args: list[str], env: dict, log: Path):
        self.args, self.env, self.log = args, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> Proc:
        with open(self.log, "ab") as fh:
            self.popen = subprocess.Popen([CCHC, *self.args], env=self.env, stdout=fh,
                                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                          start_new_session=True)
        return self

    def kill9(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(30)

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(30)
            except subprocess.TimeoutExpired:
                self.kill9()


def wait_health(base: str, proc: Proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.popen.poll() is not None:
            raise AssertionError(f"server exited: {proc.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"server did not start: {proc.log.read_text()[-2000:]}")


def add_admin(db_url: str, env: dict) -> None:
    subprocess.run([CCHC, "user", "add", "admin", "--role", "admin", "--password-stdin",
                    "--db", db_url], input=PASSWORD + "\n", text=True, env=env, check=True,
                   capture_output=True)


def token(base: str) -> dict:
    r = httpx.post(f"{base}/api/auth/token", json={"username": "admin", "password": PASSWORD},
                   timeout=30)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def poll(base: str, headers: dict, url: str, until, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    job = None
    while time.monotonic() < deadline:
        try:
            job = httpx.get(base + url, headers=headers, timeout=10).json()
        except httpx.HTTPError:
            job = None
        if job is not None and until(job):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job did not get there in {timeout} s: "
                         f"{ {k: v for k, v in (job or {}).items() if k != 'results'} }")
