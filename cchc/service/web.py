"""What every server-rendered page shares: the templates, who is signed in, the role
check, flash messages, errors in the page's words, the CSRF-checked form post.

The page routers (routers/*.py) import these public names; none reaches into another
router's private helpers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from cchc.core import vn
from cchc.core.errors import CchcError

from . import audit_view, field_words, users
from .deps import RANK, ROLE_LABELS, ROUND_MAKER, Principal, archive_of, check_csrf, csrf_token
from .errors import ApiError

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")


def day(value) -> str:
    """An ISO date as office staff write it (31/07/2023); anything else unchanged."""
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return "" if value is None else str(value)


templates.env.filters["day"] = day
templates.env.filters["vn_number"] = vn.format_number  # "85,5" as the page's script writes it
templates.env.filters["local_time"] = audit_view.local_time
templates.env.filters["words"] = field_words.humane  # no "$." path reaches a reader


class LoginRequired(Exception):
    """Nobody is signed in: the pages answer with the login page."""


def session_user(request: Request) -> Principal:
    """Whoever is signed in, whatever their role; LoginRequired if nobody."""
    user = users.user_for_session(archive_of(request), request.session.get("sid"))
    if user is None:
        raise LoginRequired()
    return Principal(user.id, user.name, user.role, via_session=True)


def page_user(request: Request) -> Principal:
    """A signed-in person of the office (viewer or more): a unit account sees only its
    own pages (routers/unit_form.py), never these."""
    who = session_user(request)
    require(who, "viewer")
    return who


def require(who: Principal, role: str) -> None:
    if RANK[who.role] < RANK[role]:
        raise ApiError(403, "forbidden", f"cần vai trò '{ROLE_LABELS[role]}' trở lên")


def flash(request: Request, kind: str, message: str, details: list[str] | None = None) -> None:
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"],
                                {"kind": kind, "message": message,
                                 "details": list(details or [])[:20]}]


def error_text(exc: Exception, labels: dict[str, str] | None = None
                ) -> tuple[str, list[str]]:
    """What went wrong, in the page's words: no "$." path reaches a reader."""
    if isinstance(exc, ApiError):
        message, details = exc.message, exc.details
    elif isinstance(exc, CchcError):
        message = f"{exc.file}: {exc.message}" if exc.file else exc.message
        details = exc.details
    else:
        raise exc
    return (field_words.humane(message, labels),
            [field_words.humane(str(d), labels) for d in details or []])


def render(request: Request, name: str, who: Principal | None, status: int = 200,
           headers: dict | None = None, **ctx: Any) -> HTMLResponse:
    messages = request.session.pop("flash", [])
    return templates.TemplateResponse(request, name, {
        "who": who, "csrf": csrf_token(request), "messages": messages,
        "role_labels": ROLE_LABELS, "round_maker": ROUND_MAKER,
        "can": lambda role: who is not None and
        RANK[who.role] >= RANK[role], **ctx}, status_code=status, headers=headers)


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def posted(request: Request, role: str) -> tuple[Principal, dict]:
    who = session_user(request)
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    require(who, role)
    return who, {k: v for k, v in form.items() if isinstance(v, str)}
