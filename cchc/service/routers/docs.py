"""The API description (/openapi.json) and its browsable page (/docs).

They list every route and field, which is fine on an office network and too much on
a public one: by default they need a login like any other page; ``cchc serve
--public-docs`` opens them.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from ..deps import viewer


def install(app: FastAPI, *, public: bool) -> None:
    guard = [] if public else [Depends(viewer)]

    @app.get("/openapi.json", include_in_schema=False, dependencies=guard)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=guard)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="cchc – API")
