"""The red team's load, replayed against a real ``cchc serve`` process.

Without logging in: a 40 MiB body to the token route, a 15 MiB upload and a JSON
body to routes that need a login, then 32 bad logins at once, with the server's
real argon2 parameters; then another process disables the user, whose token must
stop working within a second. Throughout, /api/health must answer within half a second
(the issue's functional bound) and the server's peak resident memory (VmHWM) may
grow less than 200 MB over what it used once warm.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT, run_cli
from tests.serving import wait_for_health

MIB = 1024 * 1024
PASSWORD = "mat-khau-dai-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def raw_post(port: int, path: str, content_type: str, length: int, send: int) -> bytes:
    """POST declaring ``length`` bytes and sending up to ``send`` of them, as a client
    that keeps pushing until the server hangs up; returns the response's first bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                     f"{content_type}\r\nContent-Length: {length}\r\n\r\n".encode())
        chunk = b"{" + b" " * (MIB - 1)
        try:
            for _ in range(send // MIB):
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the server answered and closed without reading
        try:
            return sock.recv(4096)
        except ConnectionResetError:
            return b""


# Polls /api/health from its own process (the attack's threads in this one must not
# delay the measurement) until stdin closes; prints polls, slowest seconds, failures.
WATCH = """
import json, sys, threading, time, httpx
stop, slowest, polls, failures, slow = threading.Event(), 0.0, 0, [], []
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
with httpx.Client(timeout=5) as client:
    while not stop.is_set():
        started = time.monotonic()
        try:
            status = client.get(sys.argv[1] + "/api/health").status_code
            if status != 200:
                failures.append(status)
        except httpx.HTTPError as exc:
            failures.append(repr(exc))
        took = time.monotonic() - started
        slowest, polls = max(slowest, took), polls + 1
        if took > 0.25:
            slow.append((round(started, 2), round(took, 2)))
        time.sleep(0.05)
print(json.dumps({"polls": polls, "slowest": slowest, "failures": failures, "slow": slow}))
"""


def test_unauthenticated_load_is_bounded(tmp_path):
    db = tmp_path / "cchc.db"
    assert run_cli("user", "add", "an", "--role", "staff", "--password-stdin", "--db", db,
                   input=PASSWORD + "\n").returncode == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCHC_SECRET", None)
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen([sys.executable, "-m", "cchc.cli", "serve", "--port", str(port),
                             "--db", str(db), "--data-dir", str(tmp_path)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    watch = None
    try:
        wait_for_health(base, proc, tmp_path / "serve.log")
        warm = httpx.post(f"{base}/api/auth/token", timeout=30,
                          json={"username": "an", "password": PASSWORD})
        assert warm.status_code == 200  # one real argon2 hash before the baseline
        baseline = memory_kib(proc.pid)["VmRSS"]
        watch = subprocess.Popen([sys.executable, "-c", WATCH, base], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)

        phases = [("bodies", round(time.monotonic(), 2))]
        answer = raw_post(port, "/api/auth/token", "application/json", 40 * MIB, 40 * MIB)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        answer = raw_post(port, "/api/extract", "multipart/form-data; boundary=x",
                          15 * MIB, 15 * MIB)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        answer = raw_post(port, "/api/rounds", "application/json", MIB, MIB)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]

        statuses: list[int] = []
        gate = threading.Barrier(32)

        def bad_login() -> None:
            gate.wait()
            r = httpx.post(f"{base}/api/auth/token", timeout=60,
                           json={"username": "an", "password": "sai-mat-khau"})
            statuses.append(r.status_code)

        phases.append(("logins", round(time.monotonic(), 2)))
        threads = [threading.Thread(target=bad_login) for _ in range(32)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert len(statuses) == 32 and set(statuses) <= {401, 429, 503}, statuses
        assert statuses.count(401) <= 10 and statuses.count(429) >= 20, statuses  # staggered
        # Then another process disables the user: the server's token cache lets go within 1 s.
        me = {"Authorization": f"Bearer {warm.json()['access_token']}"}
        assert httpx.get(f"{base}/api/auth/me", headers=me).status_code == 200
        assert run_cli("user", "disable", "an", "--db", db).returncode == 0
        disabled_at = time.monotonic()
        while httpx.get(f"{base}/api/auth/me", headers=me).status_code == 200:
            assert time.monotonic() - disabled_at < 1.0, "token still works after 1 s"
            time.sleep(0.05)
        phases.append(("end", round(time.monotonic(), 2)))
        time.sleep(0.5)
        health = json.loads(watch.communicate("", timeout=30)[0])
        peak = memory_kib(proc.pid)["VmHWM"]
        growth_mb = (peak - baseline) / 1024
        print(f"\nprobe: baseline RSS {baseline / 1024:.0f} MB, peak {peak / 1024:.0f} MB, "
              f"growth {growth_mb:.0f} MB; health: {health['polls']} polls, slowest "
              f"{health['slowest'] * 1000:.0f} ms; logins {sorted(statuses)}; phases {phases}; "
              f"slow polls {health['slow']}; load {os.getloadavg()}")
        assert growth_mb < 200, f"RSS grew {growth_mb:.0f} MB"
        assert not health["failures"], health["failures"]
        assert health["polls"] > 10, health
        assert health["slowest"] < 0.5, f"health took {health['slowest']:.2f} s"

    finally:
        if watch is not None and watch.poll() is None:
            watch.kill()
            watch.wait()
        proc.terminate()
        proc.wait(15)
        log.close()
