"""Commands of the service subsystem, registered by cli.py: ``cchc serve`` and ``cchc user``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cchc.errors import CchcError

APP_FACTORY = "cchc.service.asgi:app"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe (mặc định chỉ máy này).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", "db_url", default=None,
              help="Tệp SQLite hoặc postgresql://… (mặc định $CCHC_DB hoặc cchc.db).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Số tiến trình phục vụ (nhiều tiến trình nên dùng PostgreSQL).")
@click.option("--data-dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Thư mục giữ khoá bí mật của phiên (secret.key) nếu không đặt $CCHC_SECRET.")
@click.option("--upload-limit-mb", default=20, show_default=True, type=click.IntRange(1, 1024))
@click.option("--secure-cookies", is_flag=True,
              help="Cookie phiên chỉ gửi qua HTTPS (khi chạy sau reverse proxy có TLS).")
@click.option("--job-workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Số việc nền chạy cùng lúc trong mỗi tiến trình phục vụ; 0 để lại cho "
                   "`cchc worker` (chỉ với PostgreSQL).")
@click.option("--office-workers", default=1, show_default=True, type=click.IntRange(0, 16),
              help="Số LibreOffice chạy thường trực để xuất PDF (mỗi tiến trình phục vụ); "
                   "0: khởi động soffice cho từng bản PDF.")
def serve(host: str, port: int, db_url: str | None, workers: int, data_dir: str,
          upload_limit_mb: int, secure_cookies: bool, job_workers: int,
          office_workers: int) -> None:
    """Chạy máy chủ API và trang web cho cán bộ văn phòng."""
    import uvicorn

    from cchc.archive.db import default_url, normalise_url

    from .app import load_secret
    from .db import open_service_db

    url = normalise_url(db_url or default_url())
    if workers > 1 and url.startswith("sqlite"):
        click.echo("Chú ý: nhiều tiến trình trên SQLite sẽ phải chờ nhau khi ghi; "
                   "máy chủ dùng chung nên dùng PostgreSQL.", err=True)
    if job_workers == 0 and url.startswith("sqlite"):
        raise CchcError("--job-workers 0 chỉ dùng với PostgreSQL (khi có `cchc worker`); "
                        "với SQLite việc nền chạy ngay trong máy chủ")
    open_service_db(url).close()  # migrate once, before the workers start
    os.environ.update({"CCHC_SERVE_DB": url, "CCHC_SERVE_DATA_DIR": str(Path(data_dir)),
                       "CCHC_SERVE_UPLOAD_LIMIT": str(upload_limit_mb * 1024 * 1024),
                       "CCHC_SERVE_SECURE_COOKIES": "1" if secure_cookies else "",
                       "CCHC_SERVE_JOB_WORKERS": str(job_workers),
                       "CCHC_SERVE_OFFICE_WORKERS": str(office_workers),
                       "CCHC_SECRET": load_secret(Path(data_dir))})
    click.echo(f"cchc: http://{host}:{port}/  (API: http://{host}:{port}/docs)", err=True)
    uvicorn.run(APP_FACTORY, host=host, port=port, workers=workers, factory=False,
                log_level="info")


@click.command("worker")
@click.option("--db", "db_url", default=None,
              help="postgresql://… dùng chung với `cchc serve` (mặc định $CCHC_DB).")
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Số tệp xử lý cùng lúc trong tiến trình này.")
def worker(db_url: str | None, concurrency: int) -> None:
    """Chạy việc nền (trích xuất, nhập báo cáo) từ hàng đợi trong PostgreSQL.

    Chạy bao nhiêu tiến trình, trên bao nhiêu máy cũng được, miễn cùng một cơ sở
    dữ liệu; mỗi tệp của một việc là một mục trong hàng đợi nên các tệp được chia
    cho mọi tiến trình đang rảnh. Dừng bằng Ctrl+C (SIGINT) hoặc SIGTERM.
    """
    import asyncio
    import logging

    from cchc.archive.db import default_url, normalise_url

    from . import adapters
    from .db import open_service_db
    from .job_work import Runtime
    from .queue import QueueWorker

    url = normalise_url(db_url or default_url())
    if not url.startswith("postgresql"):
        raise CchcError("`cchc worker` cần PostgreSQL (--db postgresql://…); với SQLite, "
                        "`cchc serve` tự chạy việc nền")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    archive = open_service_db(url)
    shown = archive.engine.url.render_as_string(hide_password=True)
    click.echo(f"cchc worker: {concurrency} tệp cùng lúc, hàng đợi trong {shown}", err=True)
    try:
        asyncio.run(QueueWorker(Runtime(archive, adapters.extract), concurrency).main(
            signals=True))
    finally:
        archive.close()


@click.group("user")
def user() -> None:
    """Quản lý người dùng của máy chủ (vai trò: viewer, staff, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "staff", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
@click.option("--db", "db_url", default=None, help="Cơ sở dữ liệu (như cchc serve).")
def user_add(name: str, role: str, password_stdin: bool, db_url: str | None) -> None:
    """Thêm người dùng NAME với vai trò --role."""
    from .db import open_service_db
    from .users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    if not password:
        raise CchcError("mật khẩu không được để trống")
    archive = open_service_db(db_url)
    try:
        created = add_user(archive, name, password, role)
    finally:
        archive.close()
    click.echo(f"Đã thêm người dùng {created['name']} ({created['role']}).")


@user.command("list")
@click.option("--db", "db_url", default=None)
def user_list(db_url: str | None) -> None:
    """Liệt kê người dùng."""
    from .db import open_service_db
    from .users import list_users

    archive = open_service_db(db_url)
    try:
        for u in list_users(archive):
            click.echo(f"{u['name']}\t{u['role']}")
    finally:
        archive.close()


commands: list = [serve, worker, user]
