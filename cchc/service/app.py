"""The application factory: one FastAPI app over one database URL."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from cchc.core import office

from . import adapters, errors
from .db import open_service_db
from .deps import Settings, authenticated
from .headers import SecurityHeaders
from .job_work import Runtime
from .jobs import EmbeddedRunner
from .limits import Gate
from .routers import (
    admin,
    auth,
    docs,
    drafts,
    extract,
    generate,
    pages,
    plan_pages,
    recommendations,
    review_pages,
    rounds,
    scoring_pages,
    thematic_pages,
    unit_form,
)
from .throttle import DatabaseCounts, Throttle

HERE = Path(__file__).resolve().parent
DESCRIPTION = ("API của cchc: sinh văn bản đúng thể thức, trích xuất báo cáo của đơn vị, "
               "nhập vào đợt kiểm tra, theo dõi kiến nghị. Lỗi trả về dạng "
               '`{"error": {"code", "message", "field", "details"}}`.')


def load_secret(data_dir: Path) -> str:
    """CCHC_SECRET, else a key generated once into the data directory (mode 0600)."""
    if os.environ.get("CCHC_SECRET"):
        return os.environ["CCHC_SECRET"]
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def start_jobs(runtime: Runtime, workers: int):
    """SQLite: threads in this process; PostgreSQL: procrastinate (see service/queue.py)."""
    if runtime.archive.dialect == "postgresql":
        from .queue import QueueRunner
        return QueueRunner(runtime, workers)
    return EmbeddedRunner(runtime, workers)


def create_app(db_url: str | None = None, *, secret: str | None = None,
               upload_limit_bytes: int = 20 * 1024 * 1024, data_dir: str | Path = ".",
               extractor: Callable | None = None, job_workers: int = 2,
               secure_cookies: bool = False, public_docs: bool = False,
               batch_limit_bytes: int = 100 * 1024 * 1024, office_workers: int = 0,
               uploads_in_flight: int = 4) -> FastAPI:
    data_dir = Path(data_dir)
    settings = Settings(upload_limit_bytes=upload_limit_bytes, data_dir=data_dir,
                        job_workers=job_workers, public_docs=public_docs,
                        batch_limit_bytes=max(batch_limit_bytes, upload_limit_bytes),
                        uploads_in_flight=max(1, uploads_in_flight))
    archive = open_service_db(db_url)
    jobs = start_jobs(Runtime(archive, extractor or adapters.extract), job_workers)
    # PDFs from a warm LibreOffice (started now, in the background); 0: cold soffice per PDF
    warm = office.start_warm(office_workers) if office_workers and office.available() else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        jobs.shutdown()
        if warm is not None:
            office.stop_warm(warm)
        archive.close()

    app = FastAPI(title="cchc", version="1", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.archive, app.state.settings, app.state.jobs = archive, settings, jobs
    app.state.extractor = extractor or adapters.extract
    app.state.throttle = Throttle(DatabaseCounts(archive))  # shared by every worker
    app.state.clock = dt.date.today   # the day deadlines are judged on (tests fix it)
    # The gate is added first so it runs inside the session middleware (it reads the
    # session) and before anything that reads the body.
    app.add_middleware(Gate, authenticate=authenticated)
    app.add_middleware(SessionMiddleware, secret_key=secret or load_secret(data_dir),
                       session_cookie="cchc_session", same_site="strict",
                       https_only=secure_cookies, max_age=12 * 3600)
    # outermost: on every response, refusals too
    app.add_middleware(SecurityHeaders, secure_cookies=secure_cookies)
    errors.install(app)
    api = [m.router for m in (auth, generate, extract, rounds, drafts, recommendations)]
    web = [m.router for m in (pages, review_pages, plan_pages, scoring_pages, thematic_pages,
                              admin, unit_form)]
    for router in api:
        app.include_router(router)
    docs.install(app, public=public_docs)
    for router in web:
        app.include_router(router)
    app.state.body_routes = [r for router in api + web for r in router.routes
                             if isinstance(r, APIRoute)]
    pages.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/health", tags=["health"], summary="Máy chủ còn chạy")
    async def health() -> dict:  # on the event loop: answers even with every thread busy
        return {"status": "ok", "extractor": adapters.available() or extractor is not None}

    return app
