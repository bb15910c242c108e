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
