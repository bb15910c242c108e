"""The body gate: route limits and authentication before anything reads the body.

The ASGI app is called directly with a ``receive`` that records whether it was
asked for the body, so "refused without reading" is observed, not assumed.
"""

from __future__ import annotations

import asyncio

import pytest
from svc_helpers import PASSWORD

from cchc.service.limits import FRAMING, JSON_LIMIT, LOGIN_LIMIT


def call(app, method: str, path: str, headers: dict, chunks: list[bytes]) -> tuple[int, dict,
                                                                                  bytes, int]:
    """One raw ASGI request; returns status, headers, body and how many chunks were read."""
    sent: list[dict] = []
    queue = list(chunks) or [b""]
    read = 0

    async def receive():
        nonlocal read
        if read < len(queue):
            read += 1
            return {"type": "http.request", "body": queue[read - 1],
                    "more_body": read < len(queue)}
        await asyncio.sleep(3600)  # a client that never sends more

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 80),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body, read


@pytest.fixture
def started(client, app):
    """The app with its lifespan running (the client fixture), for raw ASGI calls."""
    return app


def test_unauthenticated_upload_is_refused_before_the_body(started):
    status, _, body, read = call(started, "POST", "/api/extract",
                                 {"content-type": "multipart/form-data; boundary=x",
                                  "content-length": str(200 * 1024)}, [b"x" * 1024] * 200)
    assert status == 401 and read == 0
    assert "cần đăng nhập" in body.decode()


def test_unauthenticated_json_is_refused_before_the_body(started):
    status, headers, _, read = call(started, "POST", "/api/rounds",
                                    {"content-type": "application/json",
                                     "content-length": "2"}, [b"{}"])
    assert (status, read) == (401, 0)
    assert headers["www-authenticate"] == "Bearer"


def test_login_route_has_a_small_limit(started):
    status, _, body, read = call(started, "POST", "/api/auth/token",
                                 {"content-type": "application/json",
                                  "content-length": str(40 * 1024 * 1024)}, [b"{}"])
    assert (status, read) == (413, 0)
    assert f"{LOGIN_LIMIT // 1024} KB" in body.decode()


def test_login_body_longer_than_declared_is_cut_off(started):
    """Whatever Content-Length says, counting stops the stream at the limit."""
    status, _, body, read = call(started, "POST", "/api/auth/token",
                                 {"content-type": "application/json", "content-length": "10"},
                                 [b"{" + b" " * 8 * 1024] * 100)
    assert status == 413 and read <= LOGIN_LIMIT // (8 * 1024) + 2
    assert '"too_large"' in body.decode()


def test_page_post_without_session_goes_to_login_unread(started):
    status, headers, _, read = call(started, "POST", "/rounds",
                                    {"content-type": "application/x-www-form-urlencoded",
                                     "content-length": "5"}, [b"a=b&c"])
    assert (status, headers["location"], read) == (303, "/login", 0)


def test_json_endpoint_limit_is_two_megabytes(client, tokens):
    big = b'{"code": "' + b"a" * JSON_LIMIT + b'"}'
    r = client.post("/api/rounds", headers={**tokens["admin"],
                                            "Content-Type": "application/json"}, content=big)
    assert r.status_code == 413, r.text
    assert r.json()["error"]["code"] == "too_large" and "2 MB" in r.json()["error"]["message"]


def test_upload_route_takes_its_upload_limit(client, tokens, app):
    """A single-file route admits the upload limit plus framing, not the JSON limit."""
    app.state.settings.upload_limit_bytes = limit = 3 * JSON_LIMIT
    r = client.post("/api/extract", headers=tokens["staff"],
                    files={"file": ("a.pdf", b"%PDF-1.4\n" + b"0" * (limit - 100), "x/y")})
    assert r.status_code != 413, r.text
    r = client.post("/api/extract", headers={**tokens["staff"], "Content-Length": str(
        limit + 2 * 1024 * 1024), "Content-Type": "multipart/form-data; boundary=x"},
        content=b"x")
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_streamed_overflow_on_authenticated_upload_is_413(started, client):
    token = client.post("/api/auth/token",
                        json={"username": "staff", "password": PASSWORD}).json()["access_token"]
    limit = started.state.settings.upload_limit_bytes
    head = (b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n")
    chunks = [head] + [b"y" * 64 * 1024] * (limit // (64 * 1024) + 40)
    status, _, body, read = call(started, "POST", "/api/extract",
                                 {"content-type": "multipart/form-data; boundary=x",
                                  "content-length": "100", "authorization": f"Bearer {token}"},
                                 chunks)
    assert status == 413, body
    assert read < len(chunks)  # stopped before the end of the stream


def test_batch_routes_take_the_batch_limit(started, client):
    token = client.post("/api/auth/token",
                        json={"username": "staff", "password": PASSWORD}).json()["access_token"]
    settings = started.state.settings
    settings.upload_limit_bytes, settings.batch_limit_bytes = JSON_LIMIT, 4 * JSON_LIMIT
    one, many = JSON_LIMIT + FRAMING, 4 * JSON_LIMIT + FRAMING
    for path, allowed in (("/api/extract", one), ("/api/extract/batch", many),
                          ("/api/rounds/2023/reports", one),
                          ("/api/rounds/2023/drafts", many), ("/api/rounds", JSON_LIMIT)):
        status, _, _, _ = call(started, "POST", path,
                               {"content-type": "multipart/form-data; boundary=x",
                                "content-length": str(allowed + 1),
                                "authorization": f"Bearer {token}"}, [b""])
        assert status == 413, path
        status, _, _, _ = call(started, "POST", path,
                               {"content-type": "multipart/form-data; boundary=x",
                                "content-length": str(allowed - 1),
                                "authorization": f"Bearer {token}"}, [b""])
        assert status != 413, path
