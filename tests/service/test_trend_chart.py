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


def test_indicator_and_score_trends_follow_a_merged_unit(client, tokens):
    """5.1's rate and the score by the criteria set, round by round, the merged unit's
    history taken from the unit merged into it."""
    from cchc import examples
    from cchc.usecases.score import score_round_on

    archive = client.app.state.archive
    create_round(archive, "2022", year=2022)
    old = make_record("Sở Kế hoạch và Đầu tư", seed=1, full_process=60.0,
                      rows=[stats_row(1, "Đầu tư", 50, 50, 96, 4)])
    import_record(archive, "2022", old, json.dumps(old).encode(), "2022.json")
    score_round_on(archive, "2022", examples.load("criteria-iso"))
    merge_units(archive, ["Sở Kế hoạch và Đầu tư"], "Sở Tài chính - Kế hoạch",
                date="2023-01-01")
    create_round(archive, "2023", year=2023)
    new = make_record("Sở Tài chính - Kế hoạch", seed=2, full_process=85.5,
                      rows=[stats_row(1, "Ngân sách", 50, 50, 99, 1)])
    import_record(archive, "2023", new, json.dumps(new).encode(), "2023.json")
    score_round_on(archive, "2023", examples.load("criteria-iso"))
    _login(client, "staff")
    page = client.get("/rounds/2023").text
    for name in ("trend-5.1", "trend-5.2", "trend-5.3", "trend-5.4", "trend-score"):
        assert f'src="/rounds/2023/charts/{name}.svg"' in page
    svg = client.get("/rounds/2023/charts/trend-5.1.svg").text
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Sở Tài chính - Kế hoạch: 2022: 60%; 2023: 85,5%" in desc
    # 2022: on time 96% → 2, full process 60% → 1, 4 late → 1: 4/20 = 20%;
    # 2023: 99% → 3, 85,5% → 2, 1 late → 1: 6/20 = 30%
    svg = client.get("/rounds/2023/charts/trend-score.svg").text
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Sở Tài chính - Kế hoạch: 2022: 20%; 2023: 30%" in desc
    svg = client.get("/rounds/2023/charts/trend-5.4.svg").text
    assert "chưa có số liệu" in svg
