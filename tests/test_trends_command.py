"""`cchc trends`: a unit's figures round by round, through a merger, with the change."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cchc.archive.db import open_archive
from cchc.archive.mergers import merge_units
from cchc.archive.store import create_round, import_record

sys.path.insert(0, str(Path(__file__).resolve().parent / "archive"))
from archive_records import make_record, stats_row  # noqa: E402


def test_trend_through_a_merger(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'cchc.db'}"
    with open_archive(db) as archive:
        create_round(archive, "2022", year=2022)
        old = make_record("Sở Kế hoạch và Đầu tư", rows=[stats_row(1, "Đầu tư", 50, 50, 95, 5)])
        import_record(archive, "2022", old, json.dumps(old).encode(), "a.json")
        merge_units(archive, ["Sở Kế hoạch và Đầu tư"], "Sở Tài chính - Kế hoạch",
                    date="2023-01-01")
        create_round(archive, "2023", year=2023)
        new = make_record("Sở Tài chính - Kế hoạch", seed=1, full_process=None,
                          rows=[stats_row(1, "Tài chính", 50, 50, 99, 1)])
        import_record(archive, "2023", new, json.dumps(new).encode(), "b.json")
    proc = cli("trends", "--unit", "Sở Tài chính - Kế hoạch", "--figure", "stats.on_time_rate",
               "--figure", "indicators.full_process_dvc_ratio", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Đợt: 2022 | 2023",
        "tỷ lệ hồ sơ giải quyết đúng hạn (%): 95 | 99 (+4)",
        "tỷ lệ dịch vụ công trực tuyến toàn trình (5.1, %): 85,5 | —"]


def test_unknown_figure_and_unit_are_named(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'cchc.db'}"
    assert cli("round", "create", "2023", "--db", db).returncode == 0
    proc = cli("trends", "--unit", "Sở X", "--figure", "stats.bogus", "--db", db)
    assert proc.returncode == 2 and "không có số liệu stats.bogus" in proc.stderr
    proc = cli("trends", "--unit", "Sở X", "--db", db)
    assert proc.returncode == 2 and "không có báo cáo nào của 'Sở X'" in proc.stderr
