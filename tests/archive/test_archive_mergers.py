"""Units merge (as communes did in 2025); the new unit answers for the old ones'
recommendations, and nothing of the old units is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.mergers import list_units, merge_units
from cchc.core.errors import CchcError

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def merged(archive):
    store.create_round(archive, "2024", year=2024)
    recs.add_recommendations(archive, "2024", "UBND xã Song Vân", [
        {"text": "Niêm yết thủ tục hành chính", "deadline": "2025-03-31"}])
    recs.add_recommendations(archive, "2024", "UBND xã Ngọc Châu", [
        {"text": "Số hoá kết quả giải quyết", "deadline": "2026-06-30"}])
    recs.add_recommendations(archive, "2024", "UBND xã Khác", [{"text": "Không liên quan"}])
    result = merge_units(archive, ["UBND xã Song Vân", "UBND XÃ NGỌC CHÂU"],
                         "UBND xã Tân Yên", date="2025-07-01", level="xã")
    store.create_round(archive, "2025", year=2025)
    return archive, result


def test_new_unit_follows_up_predecessors(merged):
    archive, result = merged
    assert result == {"unit": "UBND xã Tân Yên", "created": True, "date": "2025-07-01",
                      "merged": ["UBND xã Song Vân", "UBND xã Ngọc Châu"]}
    follow = recs.previous_round_follow_up(archive, "2025", "UBND xã Tân Yên", today=TODAY)
    assert [(r["unit"], r["text"], r["status"]) for r in follow] == [
        ("UBND xã Ngọc Châu", "Số hoá kết quả giải quyết", "open"),
        ("UBND xã Song Vân", "Niêm yết thủ tục hành chính", "overdue")]
    # the old units keep their own history
    old = recs.previous_round_follow_up(archive, "2025", "UBND xã Song Vân", today=TODAY)
    assert [r["text"] for r in old] == ["Niêm yết thủ tục hành chính"]


def test_units_list_shows_the_merger(merged):
    archive, _ = merged
    rows = {u["name"]: u for u in list_units(archive)}
    assert rows["UBND xã Song Vân"]["merged_into"] == "UBND xã Tân Yên"
    assert rows["UBND xã Song Vân"]["valid_to"] == "2025-07-01"
    assert rows["UBND xã Tân Yên"]["valid_from"] == "2025-07-01"
    assert rows["UBND xã Khác"]["merged_into"] is None


def test_bad_mergers_are_refused(merged):
    archive, _ = merged
    with pytest.raises(CchcError, match="đã được sáp nhập vào 'UBND xã Tân Yên'"):
        merge_units(archive, ["UBND xã Song Vân"], "UBND xã Khác")
    with pytest.raises(CchcError, match="không có đơn vị 'UBND xã Không Có'"):
        merge_units(archive, ["UBND xã Không Có"], "UBND xã Tân Yên")
    with pytest.raises(CchcError, match="vào chính nó"):
        merge_units(archive, ["UBND xã Khác"], "UBND XÃ KHÁC")
    with pytest.raises(CchcError, match="trước đó"):  # no cycles
        merge_units(archive, ["UBND xã Tân Yên"], "UBND xã Ngọc Châu")


def test_units_commands(cchc, db_url):
    assert cchc("round", "create", "2024", "--db", db_url).returncode == 0
    assert cchc("recommendations", "add", "--round", "2024", "--unit", "UBND xã A", "--text",
                "X", "--db", db_url).returncode == 0
    out = cchc("units", "merge", "UBND xã A", "--into", "UBND xã B", "--date", "2025-07-01",
               "--db", db_url)
    assert out.returncode == 0, out.stderr
    assert "Đã sáp nhập UBND xã A vào UBND xã B (đơn vị mới), từ ngày 2025-07-01." in out.stdout
    bad = cchc("units", "merge", "UBND xã A", "--into", "UBND xã C", "--db", db_url)
    assert bad.returncode == 2 and "đã được sáp nhập" in bad.stderr
