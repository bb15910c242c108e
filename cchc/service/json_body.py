"""JSON request bodies read by cchc's one JSON loader, so a bad body names its field.

FastAPI parses a JSON body with ``json.loads`` and turns anything but a syntax error
into a bare 400 "There was an error parsing the body": a 10,000-digit number (Python
refuses it) reached the user as "yêu cầu không hợp lệ" with no field (issue 22). The
API's routes use ``JsonRoute``, which parses the body first with
``cchc.core.jsonload`` (bounded digits, string length and nesting) and hands FastAPI
the parsed value. A refusal is a 422 ``invalid`` (the code of FastAPI's own refusals
of a body) whose ``field`` is the JSON path and whose message says the field in the
words the pages use (``field_words``).
"""

from __future__ import annotations

import email.message

from fastapi import Request
from fastapi.routing import APIRoute

from cchc.core import jsonload
from cchc.core.errors import CchcError

from . import field_words
from .errors import ApiError, field_of

WHAT = "dữ liệu JSON gửi lên"


def is_json(content_type: str | None) -> bool:
    """The content types FastAPI parses as JSON (application/json, application/*+json)."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json"))


def refusal(exc: CchcError) -> ApiError:
    """jsonload's refusal ("$.a.b: …") as the API says it: the path in ``field``, the
    field's plain name in the message."""
    field = field_of([exc.message])
    return ApiError(422, "invalid", f"{WHAT}: {field_words.humane(exc.message)}",
                    field=field, details=[exc.message])


class JsonRoute(APIRoute):
    """An APIRoute whose JSON body goes through ``jsonload`` (see the module)."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def parse_then_handle(request: Request):
            if is_json(request.headers.get("content-type")):
                raw = await request.body()
                if raw:
                    try:
                        request._json = jsonload.loads(raw)  # what Request.json() returns
                    except CchcError as exc:
                        raise refusal(exc) from exc
            return await handler(request)

        return parse_then_handle
