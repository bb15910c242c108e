"""Sessions and tokens that can be taken back; the admin's changes to users (API,
page, CLI), each ending access where it should and each audited."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from svc_helpers import PASSWORD

from cchc.service import audit, users
from cchc.service.db import open_service_db
from tests.conftest import run_cli


def page_login(client, name: str, password: str = PASSWORD):
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"csrf": csrf, "username": name, "password": password},
                       follow_redirects=False)


def csrf_of(client, url: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)


def actions(client, tokens) -> list[tuple]:
    return [(e["user"], e["action"], e["object"])
            for e in client.get("/api/audit", headers=tokens["admin"]).json()]


def test_replayed_cookie_after_logout_is_refused(app, tokens):
    with TestClient(app) as browser:
        assert page_login(browser, "staff").status_code == 303
        cookie = browser.cookies.get("cchc_session")
        assert browser.get("/api/auth/me").json()["name"] == "staff"
        r = browser.post("/logout", data={"csrf": csrf_of(browser)}, follow_redirects=False)
        assert r.headers["location"] == "/login"
    with TestClient(app) as thief:
        thief.cookies.set("cchc_session", cookie)
        assert thief.get("/api/auth/me").status_code == 401
        assert thief.get("/", follow_redirects=False).headers["location"] == "/login"
        r = thief.patch("/api/recommendations/1", json={"status": "remedied"},
                        headers={"X-CSRF-Token": "x"})
        assert r.status_code == 401


def test_disabling_ends_tokens_and_sessions_at_once(app, client, tokens):
    with TestClient(app) as browser:
        page_login(browser, "staff")
        assert client.get("/api/auth/me", headers=tokens["staff"]).status_code == 200
        r = client.patch("/api/users/staff", json={"active": False}, headers=tokens["admin"])
        assert r.status_code == 200 and r.json()["active"] is False
        assert client.get("/api/auth/me", headers=tokens["staff"]).status_code == 401
        assert browser.get("/api/auth/me").status_code == 401
    r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
    assert r.status_code == 401
    client.patch("/api/users/staff", json={"active": True}, headers=tokens["admin"])
    assert client.get("/api/auth/me", headers=tokens["staff"]).status_code == 401  # still gone
    r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
    assert r.status_code == 200
    assert ("admin", "disable", "user:staff") in actions(client, tokens)
    assert ("admin", "enable", "user:staff") in actions(client, tokens)


def test_token_cache_cannot_outlive_a_second(app):
    """Other worker processes only see a revocation when their cache entry expires."""
    assert users.TOKEN_CACHE_SECONDS < 1.0


def test_revoking_own_token(client, tokens):
    assert client.delete("/api/auth/token", headers=tokens["viewer"]).status_code == 204
    assert client.get("/api/auth/me", headers=tokens["viewer"]).status_code == 401


def test_password_change_ends_every_session_and_token(app, client, tokens):
    with TestClient(app) as browser:
        page_login(browser, "viewer")
        r = client.post("/api/auth/password", headers=tokens["viewer"],
                        json={"old_password": "sai-mat-khau", "new_password": "moi-dai-12345"})
        assert r.status_code == 401
        r = client.post("/api/auth/password", headers=tokens["viewer"],
                        json={"old_password": PASSWORD, "new_password": "moi-dai-12345"})
        assert r.status_code == 204, r.text
        assert client.get("/api/auth/me", headers=tokens["viewer"]).status_code == 401
        assert browser.get("/api/auth/me").status_code == 401
    assert client.post("/api/auth/token", json={"username": "viewer", "password":
                                                "moi-dai-12345"}).status_code == 200


def test_admin_api_role_reset_remove(client, tokens):
    h = tokens["admin"]
    r = client.patch("/api/users/viewer", json={"role": "staff"}, headers=h)
    assert r.json()["role"] == "staff"
    assert client.get("/api/auth/me", headers=tokens["viewer"]).json()["role"] == "staff"
    assert client.put("/api/users/viewer/password", json={"password": "ngan"},
                      headers=h).status_code == 422
    assert client.put("/api/users/viewer/password", json={"password": "dat-lai-123456"},
                      headers=h).status_code == 204
    assert client.get("/api/auth/me", headers=tokens["viewer"]).status_code == 401
    assert client.delete("/api/users/viewer", headers=h).status_code == 204
    r = client.delete("/api/users/viewer", headers=h)
    assert r.status_code == 404 and "viewer" in r.json()["error"]["message"]
    assert client.patch("/api/users/staff", json={"active": False},
                        headers=tokens["staff"]).status_code == 403
    log = actions(client, tokens)
    for action in ("set_role", "reset_password", "remove"):
        assert ("admin", action, "user:viewer") in log


def test_last_admin_cannot_lock_everyone_out(client, tokens):
    for change in ({"active": False}, {"role": "staff"}):
        r = client.patch("/api/users/admin", json=change, headers=tokens["admin"])
        assert r.status_code == 400 and "quản trị viên cuối cùng" in r.json()["error"]["message"]
    r = client.delete("/api/users/admin", headers=tokens["admin"])
    assert r.status_code == 400
    assert client.get("/api/auth/me", headers=tokens["admin"]).status_code == 200


def test_admin_page(app, client, tokens):
    with TestClient(app) as browser:
        page_login(browser, "staff")
        assert browser.get("/admin/users").status_code == 403
    with TestClient(app) as browser:
        page_login(browser, "admin")
        page = browser.get("/admin/users")
        assert page.status_code == 200 and "Đặt lại mật khẩu" in page.text
        r = browser.post("/admin/users/disable", data={"name": "staff", "csrf": "sai"},
                         follow_redirects=False)
        assert r.status_code == 403
        assert client.get("/api/auth/me", headers=tokens["staff"]).status_code == 200
        csrf = csrf_of(browser, "/admin/users")
        r = browser.post("/admin/users/disable", data={"name": "staff", "csrf": csrf})
        assert r.status_code == 200 and "staff: đã tắt" in r.text
        assert client.get("/api/auth/me", headers=tokens["staff"]).status_code == 401
        r = browser.post("/admin/users/remove", data={"name": "viewer", "confirm": "khac",
                                                      "csrf": csrf})
        assert "gõ lại tên 'viewer'" in html.unescape(r.text)
        r = browser.post("/admin/users/add", data={"name": "Lan", "password": "mat-khau-lan-1",
                                                   "role": "viewer", "csrf": csrf})
        assert "Đã thêm người dùng Lan" in r.text
    log = actions(client, tokens)
    assert ("admin", "disable", "user:staff") in log and ("admin", "create", "user:Lan") in log


def cli_in_process(*args: str, input: str | None = None):
    """``cchc`` in this process (the tests' cheap argon2): exit code, stdout, stderr."""
    from click.testing import CliRunner

    from cchc.cli import main
    r = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return r.exit_code, r.stdout, r.stderr


def test_cli_user_commands(tmp_path):
    db = tmp_path / "cchc.db"
    archive = open_service_db(f"sqlite:///{db}")
    try:
        users.add_user(archive, "an", PASSWORD, "admin")
        users.add_user(archive, "binh", PASSWORD, "staff")
    finally:
        archive.close()
    r = run_cli("user", "disable", "binh", "--db", db)  # once as a real process
    assert r.returncode == 0 and "Đã tắt binh" in r.stdout
    code, out, _ = cli_in_process("user", "list", "--db", db)
    assert out.split() == ["an", "admin", "binh", "staff", "đã", "tắt"]
    assert cli_in_process("user", "enable", "binh", "--db", db)[0] == 0
    assert cli_in_process("user", "set-role", "binh", "viewer", "--db", db)[0] == 0
    code, _, err = cli_in_process("user", "reset-password", "binh", "--password-stdin",
                                  "--db", db, input="ngan\n")
    assert code == 2 and "ít nhất 8 ký tự" in err
    assert cli_in_process("user", "reset-password", "binh", "--password-stdin", "--db", db,
                          input="mat-khau-moi-1\n")[0] == 0
    code, _, err = cli_in_process("user", "remove", "khong-co", "--yes", "--db", db)
    assert code == 2 and "không có người dùng 'khong-co'" in err
    code, _, err = cli_in_process("user", "disable", "an", "--db", db)
    assert code == 2 and "quản trị viên cuối cùng" in err
    assert cli_in_process("user", "remove", "binh", "--yes", "--db", db)[0] == 0
    assert cli_in_process("user", "list", "--db", db)[1].split() == ["an", "admin"]
    archive = open_service_db(f"sqlite:///{db}")
    try:
        logged = audit.entries(archive)[::-1]
    finally:
        archive.close()
    # the two accounts made above, in-process with no one acting, are the system's
    assert [(e["user"], e["object"]) for e in logged[:2]] == [(None, "user:an"),
                                                             (None, "user:binh")]
    done = [(e["action"], e["object"]) for e in logged[2:]]
    who = {e["user"] for e in logged[2:]}
    assert done == [("disable", "user:binh"), ("enable", "user:binh"),
                          ("set_role", "user:binh"), ("reset_password", "user:binh"),
                          ("remove", "user:binh")]
    assert all(w.startswith("cli") for w in who)
