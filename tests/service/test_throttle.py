"""Login backoff (429 + Retry-After), the bound on concurrent hashing (503), and
failed logins in the audit log."""

from __future__ import annotations

import re
import threading

import pytest
from fastapi.testclient import TestClient
from svc_helpers import PASSWORD

from cchc.service import hashing
from cchc.service.throttle import ADDRESS_FREE, FREE, MAX_DELAY, USER_FREE, Throttle


def bad_login(client, name="staff"):
    return client.post("/api/auth/token", json={"username": name, "password": "sai-mat-khau"})


def test_backoff_after_free_attempts_even_for_the_right_password(client, tokens):
    for _ in range(FREE):
        assert bad_login(client).status_code == 401
    r = bad_login(client)
    assert r.status_code == 429 and r.headers["Retry-After"] == "1"
    assert r.json()["error"]["code"] == "too_many_attempts"
    assert "thử lại sau 1 giây" in r.json()["error"]["message"]
    r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
    assert r.status_code == 429
    log = client.get("/api/audit", headers=tokens["admin"]).json()
    failed = [e for e in log if e["action"] == "login_failed"]
    assert len(failed) == FREE  # the refused ones checked no password
    assert failed[0]["object"] == "user:staff" and failed[0]["details"]["via"] == "token"
    assert failed[0]["details"]["address"] == "testclient"


def test_login_page_is_throttled_too(app):
    with TestClient(app) as browser:
        for i in range(ADDRESS_FREE + 1):
            page = browser.get("/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            r = browser.post("/login", data={"csrf": csrf, "username": f"u{i}",
                                             "password": "sai-mat-khau"})
        assert r.status_code == 429 and "Retry-After" in r.headers  # per address
        assert "Đăng nhập sai quá nhiều lần" in r.text


def test_backoff_doubles_and_expires():
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    keys = Throttle.keys("a", "x")
    assert all(throttle.attempt(keys) == 0 for _ in range(FREE))
    assert throttle.attempt(keys) == 1
    now[0] += 1.0
    assert throttle.attempt(keys) == 0  # the sixth
    assert throttle.attempt(keys) == 2  # the account from this address is held
    assert throttle.attempt(Throttle.keys("a", "y")) == 0  # not yet from elsewhere
    assert throttle.attempt(Throttle.keys("b", "x")) == 0  # nor another account here
    now[0] += 2.0
    assert throttle.attempt(keys) == 0
    for _ in range(30):
        now[0] += MAX_DELAY
        assert throttle.attempt(keys) == 0
    assert throttle.attempt(keys) == MAX_DELAY
    throttle.succeeded("a", "x")
    assert throttle.attempt(Throttle.keys("a", "z")) == 0


def test_an_account_is_held_across_addresses_and_an_address_across_accounts():
    throttle = Throttle(clock=lambda: 1000.0)
    assert all(throttle.attempt(Throttle.keys("a", f"10.0.0.{i}")) == 0
               for i in range(USER_FREE))
    assert throttle.attempt(Throttle.keys("a", "10.0.9.9")) == 1  # a fresh address
    assert all(throttle.attempt(Throttle.keys(f"u{i}", "x")) == 0 for i in range(ADDRESS_FREE))
    assert throttle.attempt(Throttle.keys("fresh", "x")) == 1  # a fresh name


def test_parallel_guesses_are_counted_before_they_finish(client, app):
    """Attempts are counted when they start: 16 at once cannot all reach a hash. (The
    clock stands still, so no backoff runs out however slowly the threads start.)"""
    app.state.throttle = Throttle(clock=lambda: 1000.0)
    results = []
    start = threading.Barrier(16)

    def guess():
        start.wait()
        results.append(bad_login(client).status_code)

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [401] * FREE + [429] * (16 - FREE)


def test_too_many_waiting_hashes_is_503(client, monkeypatch):
    monkeypatch.setattr(hashing, "MAX_WAITING", 0)
    release = threading.Event()
    holder = threading.Thread(target=lambda: hashing.run(release.wait, 10))
    holder.start()
    try:
        while hashing._waiting < hashing.SLOTS:
            threading.Event().wait(0.01)
        r = client.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
    finally:
        release.set()
        holder.join()
    assert r.status_code == 503 and r.headers["Retry-After"] == str(hashing.Busy.retry_after)
    assert r.json()["error"]["code"] == "busy"


def test_hashing_slots_are_bounded(monkeypatch):
    """SLOTS hashes at once, MAX_WAITING more queue; the next caller is refused at once,
    and a queued one that waits past WAIT_SECONDS is refused too."""
    release = threading.Event()
    monkeypatch.setattr(hashing, "MAX_WAITING", 1)
    holders = [threading.Thread(target=lambda: hashing.run(release.wait, 10))
               for _ in range(hashing.SLOTS)]
    for t in holders:
        t.start()
    try:
        while hashing._waiting < hashing.SLOTS:
            threading.Event().wait(0.01)
        monkeypatch.setattr(hashing, "WAIT_SECONDS", 0.2)
        with pytest.raises(hashing.Busy):  # queued, then timed out
            hashing.run(lambda: None)
        assert hashing._waiting == hashing.SLOTS  # the timed-out one left the queue
        monkeypatch.setattr(hashing, "MAX_WAITING", 0)
        with pytest.raises(hashing.Busy):  # refused without queueing
            hashing.run(lambda: None)
    finally:
        release.set()
        for t in holders:
            t.join()
    assert hashing.run(lambda: 7) == 7


def test_hashing_threads_give_way(monkeypatch):
    import os
    nice = hashing.run(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    assert nice >= min(hashing.NICE, 19)
