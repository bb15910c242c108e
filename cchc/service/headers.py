"""Security headers on every response, whatever produced it (a page, the API, an error,
a static file, the gate's own refusals).

- Content-Security-Policy: scripts and styles from this server only (the pages have no
  inline script, ``cchc/service/static/`` holds them all), no plugins, no <base>, forms
  post only here, and ``frame-ancestors 'none'``: another site cannot frame a logged-in
  page (with its CSRF token) to trick a click;
- X-Frame-Options DENY for browsers that predate frame-ancestors;
- X-Content-Type-Options nosniff: an uploaded original shown back is never run as HTML
  or script because a browser guessed its type;
- Referrer-Policy same-origin: a link out does not carry our URLs (round codes, ids);
- Strict-Transport-Security (a year) when the browser reached us over HTTPS, so it never
  tries plain http again (a network attacker cannot strip TLS from the next visit).
  HTTPS means: the request's scheme is https (TLS here, or a ``--trusted-proxy`` that
  said ``X-Forwarded-Proto: https``), or ``--secure-cookies`` is set (the operator says
  a TLS proxy is in front) and no proxy said ``X-Forwarded-Proto: http``. Never on a
  plain http server: a browser ignores it there anyway (RFC 6797), and sending it would
  only claim a TLS that is not there.
"""

from __future__ import annotations

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")
_NAMES = {name for name, _ in HEADERS} | {HSTS[0]}


def over_https(scope, secure_cookies: bool) -> bool:
    """Whether the browser sent this request over HTTPS (see the module)."""
    if scope.get("scheme") in ("https", "wss"):
        return True
    said = {v.split(b",")[-1].strip().lower() for k, v in scope.get("headers", [])
            if k == b"x-forwarded-proto"}
    return secure_cookies and b"http" not in said


class SecurityHeaders:
    """Pure ASGI middleware: adds HEADERS (and HSTS over HTTPS) to every HTTP response
    start, replacing any the app set."""

    def __init__(self, app, secure_cookies: bool = False):
        self.app, self.secure_cookies = app, secure_cookies

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        added = HEADERS + [HSTS] if over_https(scope, self.secure_cookies) else HEADERS

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": kept + added}
            await send(message)

        return await self.app(scope, receive, send_with_headers)
