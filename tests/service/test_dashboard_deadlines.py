"""The round's page shows each unit's report deadline and where it stands, judged on the
app's clock (fixed here), and a surprise inspection marked as such."""

from __future__ import annotations

import datetime as dt
import re

from test_web_pages import _example_plan, _login

from cchc import examples
from cchc.archive.schedule import add_surprise, apply_schedule


def _row(html: str, unit: str) -> str:
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if unit in r)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_deadlines_on_a_fixed_clock(client, tokens):
    client.post("/api/rounds", headers=tokens["admin"],
                json={"code": "2023", "plan": _example_plan()})
    archive = client.app.state.archive
    apply_schedule(archive, "2023", examples.load("schedule"))
    add_surprise(archive, "2023", "Sở Giáo dục và Đào tạo", dt.date(2023, 10, 5))
    _login(client, "staff")
    client.app.state.clock = lambda: dt.date(2023, 9, 8)
    page = client.get("/rounds/2023").text
    assert "Hạn gửi báo cáo" in page
    assert _row(page, "Sở Tư pháp").startswith("Sở Tư pháp III 07/09/2023 — quá hạn")
    assert "08/09/2023 — sắp đến hạn" in _row(page, "Sở Tài chính")
    assert "(đột xuất)" in _row(page, "Sở Giáo dục và Đào tạo")
    assert "30/09/2023 — chưa đến hạn" in _row(page, "Sở Giáo dục và Đào tạo")
    assert re.match(r"Sở Xây dựng \S+ — chưa nhận", _row(page, "Sở Xây dựng"))  # no visit
    client.app.state.clock = lambda: dt.date(2023, 9, 1)
    page = client.get("/rounds/2023").text
    assert "07/09/2023 — sắp đến hạn" in _row(page, "Sở Tư pháp")
