"""Helpers of the units' side tests: a round with a schedule, invites, unit logins."""

from __future__ import annotations

import re

from test_web_pages import _example_plan, _login


def csrf_of(html: str) -> str:
    return html.split('name="csrf-token" content="')[1].split('"')[0]


def round_with_plan(client, tokens, code: str = "2023") -> list[str]:
    """A round from the example plan; its scheduled units."""
    r = client.post("/api/rounds", headers=tokens["admin"],
                    json={"code": code, "plan": _example_plan()})
    assert r.status_code == 201, r.text
    units = client.get(f"/api/rounds/{code}/units", headers=tokens["admin"]).json()
    return [u["unit"] if isinstance(u, dict) else u for u in units]


def invite(client, code: str, unit: str) -> str:
    """Staff make an invite on the round's page; the code shown once."""
    csrf = _login(client, "staff")
    page = client.post(f"/rounds/{code}/don-vi", data={"csrf": csrf, "unit": unit})
    assert page.status_code == 200, page.text[:3000]
    found = re.search(r'id="invite-code">([A-Z0-9-]+)<', page.text)
    assert found, page.text[:3000]
    client.post("/logout", data={"csrf": csrf})
    return found.group(1)


def redeem(client, code: str, name: str, password: str = "mat-khau-don-vi-1"):
    client.cookies.clear()
    page = client.get("/don-vi/nhan-ma")
    return client.post("/don-vi/nhan-ma", data={"csrf": csrf_of(page.text), "code": code,
                                                "username": name, "password": password,
                                                "password2": password})


def unit_form_id(client) -> int:
    home = client.get("/don-vi")
    assert home.status_code == 200, home.text[:2000]
    return int(re.search(r'href="/don-vi/bao-cao/(\d+)"', home.text).group(1))
