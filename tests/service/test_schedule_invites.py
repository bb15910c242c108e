"""The invite codes printed in the schedule notice (issue 25: a unit is invited "with a
one-time link or code, printed in the schedule notice"): one new code per scheduled unit
without a live invite, each beside its unit in the notice, each redeeming for exactly
its unit; the codes are never stored in clear."""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from unit_helpers import invite, redeem, round_with_plan

from cchc.generator.documents import render_kind
from cchc.service import rounds, unit_accounts
from cchc.service.round_docs import round_data, with_invites
from cchc.service.throttle import Throttle
from cchc.service.unit_models import UnitInvite

ADDRESS = "https://cchc.bacgiang.gov.vn/don-vi/nhan-ma"


def _scheduled_round(client, tokens) -> list[str]:
    from cchc.archive.schedule import apply_schedule

    units = round_with_plan(client, tokens)
    day = dt.date(2023, 6, 5)
    apply_schedule(client.app.state.archive, "2023", {"visits": [
        {"unit": u, "date": (day + dt.timedelta(days=i)).isoformat()}
        for i, u in enumerate(units)]})
    return units


def _printed_codes(blob: bytes) -> dict[str, str]:
    doc = Document(io.BytesIO(blob))
    out = {}
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) == 3 and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}",
                                                cells[2]):
                out[cells[1]] = cells[2]
    return out


def test_the_notice_prints_a_code_per_unit_and_each_redeems_for_its_unit(client, tokens):
    archive = client.app.state.archive
    units = _scheduled_round(client, tokens)
    already = invite(client, "2023", units[0])            # a live invite: no second one
    codes = unit_accounts.invite_scheduled(archive, "2023", "canbo")
    assert set(codes) == set(units[1:]) and len(set(codes.values())) == len(codes)
    plan = rounds.round_plan(archive, "2023")
    data = with_invites(round_data(archive, "schedule", "2023", plan, dt.date(2023, 5, 1)),
                        codes, ADDRESS)
    for visit in data["visits"]:
        visit["session"], visit["team"] = "sáng", "Tổ 1"
    blob = render_kind("schedule", data)
    text = " ".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
    assert ADDRESS in text and "mỗi mã dùng một lần" in text
    printed = _printed_codes(blob)
    assert printed == codes and already not in printed.values()
    with archive.sessions() as s:                          # digests only, never the code
        kept = [r.code_sha256 for r in s.query(UnitInvite).all()]
    assert not set(codes.values()) & set(kept)
    for i, (unit, code) in enumerate(printed.items()):
        # every attempt from one address counts, right or wrong: a fresh count per unit
        client.app.state.throttle = Throttle()
        r = redeem(client, code.lower().replace("-", " "), f"don-vi-{i}")
        assert r.status_code == 200, r.text[:500]
        home = client.get("/don-vi").text
        assert unit in home and not [u for u in units if u != unit and u in home]
        if i == 0:                                         # one time only
            assert redeem(client, code, "lan-hai").status_code == 422
    assert unit_accounts.invite_scheduled(archive, "2023", "canbo") == {}


def _page_fields(html: str) -> dict:
    from html import unescape

    body = html.split('action="/generate"')[-1].split("</form>")[0]
    out = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="checkbox"' not in tag:
            out[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', body):
        out[name] = unescape(text)
    return out


def test_staff_tick_print_invites_on_the_generate_page(client, tokens):
    from test_web_pages import _login

    units = _scheduled_round(client, tokens)
    csrf = _login(client, "staff")
    page = client.get("/generate?kind=schedule&round=2023")
    assert 'name="print_invites"' in page.text and "bản duy nhất ghi mã" in page.text
    fields = _page_fields(page.text)
    for name in [n for n in fields if n.endswith(".unit") and fields[n]]:
        row = name.removesuffix(".unit")
        fields[f"{row}.session"] = fields.get(f"{row}.session") or "sáng"
        fields[f"{row}.team"] = fields.get(f"{row}.team") or "Tổ 1"
    fields.update(csrf=csrf, print_invites="1", format="docx")
    r = client.post("/generate", data=fields)
    assert r.status_code == 200 and r.content[:2] == b"PK", r.text[:3000]
    printed = _printed_codes(r.content)
    assert set(printed) == set(units)
    text = " ".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "/don-vi/nhan-ma" in text
    client.post("/logout", data={"csrf": csrf})
    client.app.state.throttle = Throttle()
    assert redeem(client, printed[units[2]], "don-vi-2").status_code == 200
    assert units[2] in client.get("/don-vi").text
