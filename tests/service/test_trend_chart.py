"""The dashboard's trend chart: a unit's on-time rate round by round, through a merger,
said in the SVG's description for screen readers and downloadable like the others."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from test_web_pages import _login

from cchc.archive.mergers import merge_units
from cchc.archive.store import create_round, import_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "archive"))
from archive_records import make_record, stats_row  # noqa: E402


def _put(archive, code: str, unit: str, on_time: int) -> None:
    rec = make_record(unit, seed=on_time, rows=[stats_row(1, "Xây dựng", 50, 50, on_time,
                                                          100 - on_time)])
    import_record(archive, code, rec, json.dumps(rec).encode(), f"{code}-{unit}.json")


def test_trend_through_rounds_and_a_merger(client, tokens):
    archive = client.app.state.archive
    create_round(archive, "2022", year=2022)
    _put(archive, "2022", "Sở Kế hoạch và Đầu tư", 95)
    merge_units(archive, ["Sở Kế hoạch và Đầu tư"], "Sở Tài chính - Kế hoạch",
                date="2023-01-01")
    create_round(archive, "2023", year=2023)
    _put(archive, "2023", "Sở Tài chính - Kế hoạch", 99)
    _put(archive, "2023", "Sở Xây dựng", 90)
    _login(client, "staff")
    page = client.get("/rounds/2023").text
    assert 'src="/rounds/2023/charts/trend.svg"' in page
    svg = client.get("/rounds/2023/charts/trend.svg").text
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Sở Tài chính - Kế hoạch: 2022: 95%; 2023: 99%" in desc
    assert "Sở Xây dựng: 2023: 90%" in desc
    download = client.get("/rounds/2023/charts/trend.svg?download_it=true")
    assert "attachment" in download.headers["content-disposition"]
