"""Commands of the service subsystem, registered by cli.py: ``cchc serve`` and ``cchc user``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cchc.archive.audit import cli_actor
from cchc.archive.commands import db_option
from cchc.core.errors import CchcError

APP_FACTORY = "cchc.service.asgi:app"
PROTOCOL = "cchc.service.server:GuardedH11Protocol"  # timeouts and a connection cap


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe (mặc định chỉ máy này).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@db_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Số tiến trình phục vụ (nhiều tiến trình nên dùng PostgreSQL).")
@click.option("--data-dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Thư mục giữ khoá bí mật của phiên (secret.key) nếu không đặt $CCHC_SECRET.")
@click.option("--upload-limit-mb", default=20, show_default=True, type=click.IntRange(1, 1024))
@click.option("--batch-limit-mb", default=100, show_default=True, type=click.IntRange(1, 4096),
              help="Tổng dung lượng một lần tải lên nhiều tệp.")
@click.option("--secure-cookies", is_flag=True,
              help="Cookie phiên chỉ gửi qua HTTPS (khi chạy sau reverse proxy có TLS).")
@click.option("--job-workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Số việc nền chạy cùng lúc trong mỗi tiến trình phục vụ; 0 để lại cho "
                   "`cchc worker` (chỉ với PostgreSQL).")
@click.option("--office-workers", default=1, show_default=True, type=click.IntRange(0, 16),
              help="Số LibreOffice chạy thường trực để xuất PDF (mỗi tiến trình phục vụ); "
                   "0: khởi động soffice cho từng bản PDF.")
@click.option("--public-docs", is_flag=True,
              help="Cho xem /docs và /openapi.json mà không cần đăng nhập.")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ĐỊA_CHỈ",
              envvar="CCHC_TRUSTED_PROXIES", show_envvar=True,
              help="Địa chỉ IP của reverse proxy được tin tiêu đề X-Forwarded-For/-Proto "
                   "(lặp lại cho nhiều proxy). Không đặt: tiêu đề đó bị bỏ qua.")
@click.option("--uploads", "uploads_in_flight", default=4, show_default=True,
              type=click.IntRange(1, 256),
              help="Số lần tải tệp lên được nhận cùng lúc mỗi tiến trình; quá số đó trả "
                   "503 kèm Retry-After.")
@click.option("--max-connections", default=900, show_default=True,
              type=click.IntRange(16, 100_000),
              help="Số kết nối mở tối đa mỗi tiến trình; quá số đó, kết nối chờ lâu nhất "
                   "mà chưa gửi yêu cầu bị đóng để nhường chỗ.")
@click.option("--header-timeout", default=10.0, show_default=True,
              type=click.FloatRange(1, 600),
              help="Số giây để một kết nối gửi xong tiêu đề của yêu cầu.")
@click.option("--read-timeout", default=30.0, show_default=True, type=click.FloatRange(1, 3600),
              help="Số giây tối đa giữa hai lần nhận dữ liệu của phần thân yêu cầu.")
def serve(host: str, port: int, db_url: str | None, workers: int, data_dir: str,
          upload_limit_mb: int, batch_limit_mb: int, secure_cookies: bool, job_workers: int,
          office_workers: int, public_docs: bool, trusted_proxies: tuple[str, ...],
          uploads_in_flight: int, max_connections: int, header_timeout: float,
          read_timeout: float) -> None:
    """Chạy máy chủ API và trang web cho cán bộ văn phòng."""
    import uvicorn

    from cchc.archive.db import default_url, normalise_url

    from .app import load_secret
    from .db import open_service_db
    from .server import BACKLOG, raise_open_files

    # X-Forwarded-For names the client only when a configured proxy says so; uvicorn's
    # default trusts it from 127.0.0.1, where any local account can send it.
    proxies = [p for item in trusted_proxies for p in item.replace(",", " ").split()]
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
                       "CCHC_SERVE_BATCH_LIMIT": str(batch_limit_mb * 1024 * 1024),
                       "CCHC_SERVE_SECURE_COOKIES": "1" if secure_cookies else "",
                       "CCHC_SERVE_JOB_WORKERS": str(job_workers),
                       "CCHC_SERVE_OFFICE_WORKERS": str(office_workers),
                       "CCHC_SERVE_PUBLIC_DOCS": "1" if public_docs else "",
                       "CCHC_SERVE_UPLOADS": str(uploads_in_flight),
                       "CCHC_SERVE_MAX_CONNECTIONS": str(max_connections),
                       "CCHC_SERVE_HEADER_TIMEOUT": str(header_timeout),
                       "CCHC_SERVE_READ_TIMEOUT": str(read_timeout),
                       "CCHC_SECRET": load_secret(Path(data_dir))})
    raise_open_files()  # the workers inherit it; connections are capped below it
    click.echo(f"cchc: http://{host}:{port}/  (API: http://{host}:{port}/docs)", err=True)
    warning = exposure_warning(host, secure_cookies, bool(proxies))
    if warning:
        click.echo(warning, err=True)
    uvicorn.run(APP_FACTORY, host=host, port=port, workers=workers, factory=False,
                log_level="info", proxy_headers=bool(proxies),
                forwarded_allow_ips=",".join(proxies) or "", http=PROTOCOL,
                timeout_keep_alive=5, backlog=BACKLOG)


def exposure_warning(host: str, secure_cookies: bool, proxied: bool) -> str | None:
    """A warning when the server listens beyond this machine with neither TLS in front
    (a configured proxy) nor Secure cookies: passwords and sessions would cross the
    network in clear text."""
    import ipaddress

    if secure_cookies or proxied or host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a host name: it may resolve to any interface
    return (f"CẢNH BÁO: máy chủ nghe trên {host}, ra ngoài máy này, nhưng không có TLS: mật "
            "khẩu và cookie phiên đi qua mạng không mã hoá. Hãy đặt máy chủ sau một reverse "
            "proxy có TLS và chạy với --secure-cookies và --trusted-proxy ĐỊA_CHỈ_PROXY "
            "(xem README, mục An toàn).")


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


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    if not password:
        raise CchcError("mật khẩu không được để trống")
    return password


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "staff", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db_url: str | None) -> None:
    """Thêm người dùng NAME với vai trò --role."""
    from .db import open_service_db
    from .users import add_user

    password = _read_password(password_stdin)
    from . import audit

    archive = open_service_db(db_url)
    try:
        with audit.acting_as(_actor()):
            created = add_user(archive, name, password, role)
    finally:
        archive.close()
    click.echo(f"Đã thêm người dùng {created['name']} ({created['role']}).")


@user.command("list")
@db_option
def user_list(db_url: str | None) -> None:
    """Liệt kê người dùng."""
    from .db import open_service_db
    from .users import list_users

    archive = open_service_db(db_url)
    try:
        for u in list_users(archive):
            state = "" if u["active"] else "\tđã tắt"
            click.echo(f"{u['name']}\t{u['role']}{state}")
    finally:
        archive.close()


def _actor() -> str:
    """Who made a change from the command line, for the audit log."""
    return cli_actor()


def _change(db_url: str | None, action: str, name: str, change, message: str,
            **details) -> None:
    """Open the database, apply ``change(archive)``, audit it, say what was done."""
    from . import audit
    from .db import open_service_db

    archive = open_service_db(db_url)
    try:
        with audit.acting_as(_actor()):  # the change audits itself, in its transaction
            done = change(archive)
    finally:
        archive.close()
    click.echo(message.format(name=done["name"]))


@user.command("disable")
@click.argument("name")
@db_option
def user_disable(name: str, db_url: str | None) -> None:
    """Tắt tài khoản NAME: mọi phiên và mã truy cập hết hiệu lực ngay."""
    from .users import set_active
    _change(db_url, "disable", name, lambda a: set_active(a, name, False),
            "Đã tắt {name}; mọi phiên và mã truy cập đã bị thu hồi.")


@user.command("enable")
@click.argument("name")
@db_option
def user_enable(name: str, db_url: str | None) -> None:
    """Bật lại tài khoản NAME."""
    from .users import set_active
    _change(db_url, "enable", name, lambda a: set_active(a, name, True), "Đã bật lại {name}.")


@user.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "staff", "admin"]))
@db_option
def user_set_role(name: str, role: str, db_url: str | None) -> None:
    """Đổi vai trò của NAME thành ROLE."""
    from .users import set_role
    _change(db_url, "set_role", name, lambda a: set_role(a, name, role),
            f"{{name}}: vai trò mới là {role}.", role=role)


@user.command("reset-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
@db_option
def user_reset_password(name: str, password_stdin: bool, db_url: str | None) -> None:
    """Đặt mật khẩu mới cho NAME: mọi phiên và mã truy cập cũ hết hiệu lực."""
    from .users import set_password
    password = _read_password(password_stdin)
    _change(db_url, "reset_password", name, lambda a: set_password(a, name, password),
            "Đã đặt lại mật khẩu của {name}; mọi phiên và mã truy cập cũ đã bị thu hồi.")


@user.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Không hỏi lại.")
@db_option
def user_remove(name: str, yes: bool, db_url: str | None) -> None:
    """Xoá người dùng NAME (nhật ký thao tác vẫn giữ tên)."""
    from .users import remove_user
    if not yes:
        click.confirm(f"Xoá người dùng '{name}'?", abort=True)
    _change(db_url, "remove", name, lambda a: remove_user(a, name), "Đã xoá {name}.")


commands: list = [serve, worker, user]
