"""Security headers on every response, whatever produced it (a page, the API, an error,
a static file, the gate's own refusals).

- Content-Security-Policy: scripts and styles from this server only (the pages have no
  inline script, ``cchc/service/static/`` holds them all), no plugins, no <base>, forms
  post only here, and ``frame-ancestors 'none'``: another site cannot frame a logged-in
  page (with its CSRF token) to trick a click;
- X-Frame-Options DENY for browsers that predate frame-ancestors;
- X-Content-Type-Options nosniff: an uploaded original shown back is never run as HTML
  or script because a browser guessed its type;
- Referrer-Policy same-origin: a link out does not carry our URLs (round codes, ids).
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
_NAMES = {name for name, _ in HEADERS}


class SecurityHeaders:
    """Pure ASGI middleware: adds HEADERS to every HTTP response start (replacing any)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": kept + HEADERS}
            await send(message)

        return await self.app(scope, receive, send_with_headers)
