"""Hardening, round two (issue 22): what a red team still got through."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from svc_helpers import PASSWORD, close_app, login_tokens

from cchc import examples
from cchc.core import office, office_warm
from cchc.service import users
from cchc.service.app import create_app

# ---------------------------------------------------------------- helpers


@contextlib.contextmanager
def real_server(tmp_path: Path, *args: str, open_files: int | None = None):
    """A real ``cchc serve`` process (its own session) with an admin; yields (base, proc).
    ``open_files``: its hard limit on open files (as on a default server: 1,024)."""
    import svc_procs
    db = f"sqlite:///{tmp_path / 'svc.db'}"
    env = {**os.environ, "CCHC_SECRET": "test-secret", "CCHC_OFFICE_WARM": "0"}
    env.pop("CCHC_TRUSTED_PROXIES", None)
    svc_procs.add_admin(db, env)
    port = svc_procs.free_port()
    proc = svc_procs.Proc(["serve", "--db", db, "--port", str(port), "--data-dir",
                           str(tmp_path), "--office-workers", "0", *args], env,
                          tmp_path / "serve.log")
    limit = ["prlimit", f"--nofile={open_files}:{open_files}", "--"] if open_files else []
    with open(proc.log, "ab") as log:
        proc.popen = subprocess.Popen([*limit, svc_procs.CCHC, *proc.args], env=env,
                                      stdout=log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        svc_procs.wait_health(base, proc)
        yield base, proc
    finally:
        proc.stop()


def _example(kind: str) -> dict:
    import json
    return json.loads(examples.path(kind).read_text(encoding="utf-8"))


def _group_pids(pgid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                out.append(int(entry.name))
    return out


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _listening_tcp() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A":  # LISTEN
                inodes.add(cols[9])
    return inodes


def _listening_unix() -> dict[str, str]:
    """inode -> path of every listening unix socket with a path."""
    out = {}
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 8 and int(cols[3], 16) & 0x10000:  # __SO_ACCEPTCON
            out[cols[6]] = cols[7]
    return out


def _connect_as_nobody(path: str) -> subprocess.CompletedProcess:
    code = ("import socket, sys\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            "try:\n    s.connect(sys.argv[1])\nexcept PermissionError:\n    sys.exit(13)\n"
            "sys.exit(0)\n")
    return subprocess.run(["runuser", "-u", "nobody", "--", "/usr/bin/python3", "-c", code, path],
                          capture_output=True, text=True, timeout=60)


def _has_uno() -> bool:
    try:
        return subprocess.run([office_warm.SYSTEM_PYTHON, "-c", "import uno"],
                              capture_output=True, timeout=60).returncode == 0
    except OSError:
        return False


needs_office = pytest.mark.skipif(not shutil.which("soffice") or not _has_uno(),
                                  reason="LibreOffice và python3-uno không có trên máy này")
needs_root = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"),
                                reason="cần root để thử với tài khoản nobody")


def _assert_unreachable(pgid: int) -> None:
    pids = _group_pids(pgid)
    assert len(pids) >= 2, pids  # the worker and its soffice
    mine = set().union(*(_socket_inodes(p) for p in pids))
    assert not mine & _listening_tcp(), "the office listens on a TCP port"
    paths = [p for inode, p in _listening_unix().items() if inode in mine]
    assert paths, "LibreOffice accepts UNO on a named pipe"
    for path in paths:
        st = os.stat(path)
        assert st.st_uid == os.geteuid() and st.st_mode & 0o077 == 0, (path, oct(st.st_mode))
        res = _connect_as_nobody(path)
        assert res.returncode == 13, (path, res.returncode, res.stderr)


# ---------------------------------------------------------------- 1. warm LibreOffice

@needs_office
@needs_root
def test_warm_office_converts_and_no_other_account_can_reach_it(tmp_path, monkeypatch):
    """The service converts DOCX→PDF on its warm LibreOffice, which listens on no TCP port
    and whose UNO pipe another local account (nobody) cannot open."""
    app = create_app(f"sqlite:///{tmp_path / 'svc.db'}", secret="test-secret",
                     data_dir=tmp_path, office_workers=1)
    try:
        users.add_user(app.state.archive, "staff", PASSWORD, "staff")
        pool = office._warm_pool
        assert pool is not None and pool.ready(), pool and pool.error

        def no_cold(*a, **k):
            raise AssertionError("the cold soffice path was used")
        monkeypatch.setattr(office.subprocess, "run", no_cold)
        with TestClient(app) as client:  # its end stops the warm pool
            r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            r = client.post("/api/generate/conclusion?format=pdf", json=_example("conclusion"),
                            headers=headers)
            assert r.status_code == 200, r.text
            assert r.content.startswith(b"%PDF-")
            server = pool.servers[0]
            assert server.alive() and server.starts == 1
            monkeypatch.undo()
            _assert_unreachable(os.getpgid(server.proc.pid))
    finally:
        close_app(app)


# ---------------------------------------------------------------- 4. security headers

def test_security_headers_on_every_kind_of_response(client, tokens):
    from cchc.service.headers import CSP
    responses = {
        "page": client.get("/login"),
        "redirect": client.get("/admin/users", follow_redirects=False),
        "api": client.get("/api/health"),
        "api refused": client.get("/api/rounds"),
        "not found": client.get("/khong-co-trang-nay"),
        "static": client.get("/static/style.css"),
        "swagger asset": client.get("/static/swagger-ui/swagger-ui-bundle.js"),
        "docs": client.get("/docs", headers=tokens["viewer"]),
    }
    for what, r in responses.items():
        h = r.headers
        assert h.get("content-security-policy") == CSP, what
        assert h.get("x-frame-options") == "DENY" and h.get("x-content-type-options") == \
            "nosniff" and h.get("referrer-policy") == "same-origin", what
    assert "frame-ancestors 'none'" in CSP and "script-src 'self';" in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    docs = responses["docs"].text
    assert "cdn" not in docs.lower() and "/static/swagger-ui/swagger-ui-bundle.js" in docs


def test_no_page_template_has_inline_script():
    import re

    from cchc.service import app as app_module
    templates = Path(app_module.__file__).parent / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+=|javascript:|<style|\sstyle=", re.I)
    found = [f"{t.name}: {m.group(0)}" for t in templates.glob("*.html")
             for m in inline.finditer(t.read_text(encoding="utf-8"))]
    assert not found, found


# ---------------------------------------------------------------- 5. login throttle

def test_wrong_passwords_for_one_account_do_not_lock_out_another(client):
    """Twelve wrong passwords for staff from one address: staff is held there, and the
    admin's correct password from the same address still gets in."""
    for _ in range(12):
        r = client.post("/api/auth/token", json={"username": "staff", "password": "sai"})
        assert r.status_code in (401, 429)
    assert r.status_code == 429
    r = client.post("/api/auth/token", json={"username": "admin", "password": PASSWORD})
    assert r.status_code == 200, r.text
    r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
    assert r.status_code == 429  # the guessed account stays held from that address


def _bad_logins(base: str, n: int, forwarded: bool) -> list[int]:
    return [httpx.post(f"{base}/api/auth/token", timeout=30,
                       json={"username": "admin", "password": "sai"},
                       headers={"X-Forwarded-For": f"203.0.113.{i}"} if forwarded else {}
                       ).status_code for i in range(n)]


def test_forwarded_for_is_ignored_unless_from_a_configured_proxy(tmp_path):
    from cchc.service.throttle import FREE
    with real_server(tmp_path) as (base, _):
        codes = _bad_logins(base, FREE + 3, forwarded=True)
        assert codes[:FREE] == [401] * FREE and set(codes[FREE:]) == {429}, codes
    (tmp_path / "proxy").mkdir()
    with real_server(tmp_path / "proxy", "--trusted-proxy", "127.0.0.1") as (base, _):
        import svc_procs
        codes = _bad_logins(base, FREE + 3, forwarded=True)
        assert codes[:FREE] == [401] * FREE  # the account is held across addresses later
        log = httpx.get(f"{base}/api/audit", headers=svc_procs.token(base), timeout=30).json()
        addresses = {e["details"].get("address") for e in log if e["action"] == "login_failed"}
        assert "203.0.113.0" in addresses  # the proxy's word is taken


# ---------------------------------------------------------------- 6. slow clients


def _raise_own_open_files(n: int) -> None:
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))


def _closed_within(sock, seconds: float) -> bool:
    """True when the server closes ``sock`` within ``seconds`` (reads until EOF)."""
    import time
    deadline = time.monotonic() + seconds
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:
            return True
    return False


def test_slow_headers_and_bodies_are_cut_off(tmp_path):
    import select
    import socket
    import time
    with real_server(tmp_path, "--header-timeout", "2", "--read-timeout", "2") as (base, _):
        port = int(base.rsplit(":", 1)[1])
        silent = socket.create_connection(("127.0.0.1", port))
        partial = socket.create_connection(("127.0.0.1", port))
        partial.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        body = socket.create_connection(("127.0.0.1", port))
        body.sendall(b"POST /api/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/json\r\nContent-Length: 100\r\n\r\n{\"user")
        drip = socket.create_connection(("127.0.0.1", port))
        start = time.monotonic()
        for ch in b"GET /api/health HTTP/1.1\r\nHost: x\r\n":  # one byte every 0.25 s
            try:
                drip.send(bytes([ch]))
            except OSError:
                break
            if select.select([drip], [], [], 0.25)[0] and not drip.recv(1024):
                break  # the server closed it
        dripped = time.monotonic() - start
        assert dripped < 5, "a connection dripping its headers was kept"
        for sock in (silent, partial, body):
            assert _closed_within(sock, 6)
            sock.close()
        drip.close()
        assert httpx.get(f"{base}/api/health", timeout=5).status_code == 200


def test_idle_connections_do_not_starve_the_server(tmp_path):
    """1,100 idle connections from a client that never logs in, against a server limited
    to 1,024 open files: /api/health still answers."""
    import socket
    if not shutil.which("prlimit"):
        pytest.skip("prlimit (util-linux) is needed")
    _raise_own_open_files(1400)
    with real_server(tmp_path, open_files=1024) as (base, _):
        port = int(base.rsplit(":", 1)[1])
        idle = []
        try:
            for _ in range(1100):
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
            # A starved server cannot accept: the request fails to connect or times out.
            # How quick it answers is the bench's business, not a test's (no timing asserts).
            for _ in range(3):
                assert httpx.get(f"{base}/api/health", timeout=10).status_code == 200
        finally:
            for sock in idle:
                sock.close()


# ---------------------------------------------------------------- 7. uploads in flight

def test_uploads_in_flight_are_bounded_503_with_retry_after(tmp_path):
    import socket
    import threading
    import time

    import svc_procs
    import uvicorn
    from svc_reports import fake_extract, report_docx

    app = create_app(f"sqlite:///{tmp_path / 'svc.db'}", secret="test-secret",
                     data_dir=tmp_path, extractor=fake_extract, uploads_in_flight=2)
    users.add_user(app.state.archive, "staff", PASSWORD, "staff")
    port = svc_procs.free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    slow = []
    try:
        while not srv.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        token = httpx.post(f"{base}/api/auth/token", json={"username": "staff",
                                                          "password": PASSWORD}).json()
        auth = f"Bearer {token['access_token']}"
        for _ in range(2):  # two uploads whose bodies are still coming in
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(f"POST /api/extract HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n"
                         "Content-Type: multipart/form-data; boundary=b\r\n"
                         "Content-Length: 100000\r\n\r\n--b\r\n".encode())
            slow.append(sock)
        time.sleep(0.5)
        files = [("file", ("a.docx", report_docx("Sở Xây dựng")))]
        r = httpx.post(f"{base}/api/extract", headers={"Authorization": auth}, files=files)
        assert r.status_code == 503 and r.headers["Retry-After"] == "10", r.text
        assert r.json()["error"]["code"] == "busy" and "gửi lại sau" in r.json()["error"][
            "message"]
        assert httpx.get(f"{base}/api/health").status_code == 200  # other requests go on
        for sock in slow:
            sock.close()
        time.sleep(0.5)
        r = httpx.post(f"{base}/api/extract", headers={"Authorization": auth}, files=files,
                       timeout=60)
        assert r.status_code != 503, r.text  # the slots came back
    finally:
        for sock in slow:
            sock.close()
        srv.should_exit = True
        thread.join(10)
        close_app(app)


# ---------------------------------------------------------------- 8. listening beyond this machine

def test_listening_on_every_interface_without_tls_warns_at_start(tmp_path):
    import time
    for n, (args, warned) in enumerate([(("--host", "0.0.0.0"), True),
                                        (("--host", "0.0.0.0", "--secure-cookies"), False),
                                        (("--host", "0.0.0.0", "--trusted-proxy", "10.0.0.2"),
                                         False),
                                        ((), False)]):
        folder = tmp_path / str(n)
        folder.mkdir()
        with real_server(folder, *args):
            time.sleep(0.2)
            log = (folder / "serve.log").read_text(encoding="utf-8")
        assert ("CẢNH BÁO" in log and "--secure-cookies" in log) == warned, (args, log)


def test_secure_cookies_mark_the_session_cookie_secure(tmp_path):
    import re
    app = create_app(f"sqlite:///{tmp_path / 'svc.db'}", secret="test-secret",
                     data_dir=tmp_path, secure_cookies=True)
    users.add_user(app.state.archive, "staff", PASSWORD, "staff")
    try:
        with TestClient(app, base_url="https://testserver") as c:
            csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
            r = c.post("/login", data={"csrf": csrf, "username": "staff",
                                       "password": PASSWORD}, follow_redirects=False)
        cookie = r.headers["set-cookie"]
        assert "cchc_session=" in cookie and "secure" in cookie.lower(), cookie
    finally:
        close_app(app)


# ---------------------------------------------------------------- 9. no internals to users

def test_a_draft_with_a_ten_thousand_digit_number_names_the_file_and_field(client, tokens):
    import json
    import re

    from svc_helpers import wait_job
    from svc_reports import make_record
    h = tokens["admin"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example("plan")})
    text = json.dumps(make_record("Sở Xây dựng", 85.5, 120, "a.docx"), ensure_ascii=False)
    text = re.sub(r'"received_total": \d+', '"received_total": ' + "9" * 10_000, text, count=1)
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("so-lon.json", text.encode()))])
    (result,) = wait_job(client, h, r.json()["url"])["results"]
    message = result["error"]["message"]
    assert "so-lon.json" in message and "$.tthc_stats.rows[0].received_total" in message
    assert "10.000 chữ số" in message
    assert "ValueError" not in message and "không mong đợi" not in message


def test_disk_full_is_said_in_vietnamese_not_a_bare_500(app):
    import errno
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from cchc.service.jobs import item_error

    def full_disk():
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/cchc-upload-x")

    def full_database():
        raise OperationalError("INSERT INTO reports", {},
                               sqlite3.OperationalError("database or disk is full"))

    app.add_api_route("/api/test-disk", full_disk)
    app.add_api_route("/api/test-db", full_database)
    with TestClient(app, raise_server_exceptions=False) as c:
        login_tokens(c)
        for url in ("/api/test-disk", "/api/test-db"):
            r = c.get(url)
            assert r.status_code == 507, r.text
            assert r.json()["error"]["code"] == "disk_full"
            assert "hết dung lượng đĩa" in r.json()["error"]["message"]
            assert "/tmp" not in r.text and "OperationalError" not in r.text
    assert item_error(OSError(errno.ENOSPC, "x"))["message"].startswith("hết dung lượng đĩa")
    unexpected = item_error(ValueError("boom /tmp/x"))["message"]
    assert "ValueError" not in unexpected and "/tmp" not in unexpected


def test_the_preview_of_a_broken_doc_names_the_users_file(tmp_path, monkeypatch):
    from cchc.service import preview
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho \"Error: <class 'RuntimeError'> /tmp/cchc-prev-x\" >&2\n")
    fake.chmod(0o755)
    monkeypatch.setattr(office, "soffice_path", lambda: str(fake))
    monkeypatch.setattr(office, "_warm_pool", None)
    data = bytes.fromhex("D0CF11E0A1B11AE1") + os.urandom(2000)
    message = preview._render_to_cache(data, "bao-cao-hong.doc", tmp_path / "cache", "ab" * 32)
    assert "'bao-cao-hong.doc'" in message and "hỏng" in message, message
    assert "/tmp" not in message and "<class" not in message and "original" not in message
