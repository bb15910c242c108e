"""A unit's history across rounds follows its mergers, so trends compare like with like."""

from __future__ import annotations

import json

from archive_records import make_record

from cchc.archive.history import record_before, unit_history
from cchc.archive.mergers import merge_units
from cchc.archive.store import create_round, import_record


def _put(archive, code: str, unit: str, seed: int) -> None:
    rec = make_record(unit, seed=seed)
    import_record(archive, code, rec, json.dumps(rec).encode(), f"{code}-{seed}.json")


def test_history_of_a_merged_unit_reaches_its_predecessors(archive):
    create_round(archive, "2022", year=2022)
    _put(archive, "2022", "Sở Kế hoạch và Đầu tư", 1)
    merge_units(archive, ["Sở Kế hoạch và Đầu tư"], "Sở Tài chính - Kế hoạch",
                date="2023-01-01")
    create_round(archive, "2023", year=2023)
    _put(archive, "2023", "Sở Tài chính - Kế hoạch", 2)
    history = unit_history(archive, "Sở Tài chính - Kế hoạch")
    assert [(h["round"], h["year"]) for h in history] == [("2022", 2022), ("2023", 2023)]
    assert history[0]["record"]["document"]["number"] == "101/BC-SXD"
    before, year = record_before(archive, "2023", "Sở Tài chính - Kế hoạch")
    assert year == 2022 and before["document"]["number"] == "101/BC-SXD"


def test_nothing_before_the_first_round(archive):
    create_round(archive, "2023", year=2023)
    _put(archive, "2023", "Sở Xây dựng", 3)
    assert record_before(archive, "2023", "Sở Xây dựng") == (None, None)
    assert unit_history(archive, "Sở Không Có") == []
