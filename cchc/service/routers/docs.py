"""The API description (/openapi.json) and its browsable page (/docs).

They list every route and field, which is fine on an office network and too much on
a public one: by default they need a login like any other page; ``cchc serve
--public-docs`` opens them.

Swagger UI (5, which reads OpenAPI 3.1) comes from the fastapi-offline package, served
by this server under /static/swagger-ui/: no CDN (offices without Internet, nothing
third-party running in a logged-in page) and no inline script, so the page keeps the
service's CSP.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import fastapi_offline
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..deps import viewer

ASSETS = "/static/swagger-ui"
SWAGGER_UI = Path(fastapi_offline.__file__).resolve().parent / "static"
PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" href="{assets}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI, *, public: bool) -> None:
    guard = [] if public else [Depends(viewer)]
    app.mount(ASSETS, StaticFiles(directory=SWAGGER_UI),
              name="swagger-ui")

    @app.get("/openapi.json", include_in_schema=False, dependencies=guard)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=guard)
    def swagger() -> HTMLResponse:
        return HTMLResponse(PAGE.format(title=escape("cchc – API"), assets=ASSETS))
