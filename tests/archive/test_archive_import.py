"""Importing reports: one transaction each, idempotent, versioned, bytes kept."""

from __future__ import annotations

import pytest
from archive_plan import PLAN
from archive_records import BINARY, make_record
from sqlalchemy import func, select

from cchc.archive import store
from cchc.archive.models import OriginalFile, Report, Unit
from cchc.archive.units import unit_key
from cchc.core.errors import CchcError


@pytest.fixture
def round_2023(archive):
    store.create_round(archive, "2023", plan=PLAN)
    return archive


def count(archive, model) -> int:
    with archive.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_round_schedule_from_plan(round_2023):
    info = store.show_round(round_2023, "2023")
    assert info["year"] == 2023
    assert [(u["quarter"], u["unit"]) for u in info["units"]] == [
        ("II", "Sở Xây dựng"), ("II", "Sở Lao động - Thương binh và Xã hội"),
        ("III", "UBND huyện Tân Yên"), ("III", "Sở Tư pháp")]
    with pytest.raises(CchcError, match="'2023' đã có"):
        store.create_round(round_2023, "2023")


def test_same_file_twice_is_a_no_op(round_2023):
    record = make_record("Sở Xây dựng")
    first = store.import_record(round_2023, "2023", record, BINARY, "bao-cao.docx")
    again = store.import_record(round_2023, "2023", record, BINARY, "bao-cao.docx")
    assert (first.status, again.status) == ("stored", "duplicate")
    assert again.report_id == first.report_id and again.version == 1
    assert count(round_2023, Report) == 1 and count(round_2023, OriginalFile) == 1


def test_changed_report_is_a_new_version_and_old_stays_readable(round_2023):
    old = store.import_record(round_2023, "2023", make_record("Sở Xây dựng", seed=1),
                              b"version one", "v1.docx")
    new = store.import_record(round_2023, "2023", make_record("SỞ XÂY DỰNG", seed=2),
                              b"version two", "v2.docx")
    assert (new.status, new.version, new.unit) == ("new_version", 2, "Sở Xây dựng")
    old_back = store.get_report(round_2023, old.report_id, with_original=True)
    assert old_back["record"] == make_record("Sở Xây dựng", seed=1)
    assert old_back["original"] == b"version one" and not old_back["current"]
    current = store.list_reports(round_2023, "2023")
    assert [(r["id"], r["version"]) for r in current] == [(new.report_id, 2)]
    assert len(store.list_reports(round_2023, "2023", all_versions=True)) == 2


def test_resaved_file_with_same_content_is_flagged(round_2023):
    record = make_record("Sở Xây dựng")
    store.import_record(round_2023, "2023", record, b"saved once", "a.docx")
    resaved = dict(record, source={"file": "a (1).docx", "format": "docx"})
    again = store.import_record(round_2023, "2023", resaved, b"saved twice", "a (1).docx")
    assert (again.status, again.version, again.same_as_previous) == ("new_version", 2, True)
    changed = store.import_record(round_2023, "2023", make_record("Sở Xây dựng", seed=5),
                                  b"changed", "b.docx")
    assert (changed.version, changed.same_as_previous) == (3, False)


def test_original_bytes_come_back_identical(round_2023):
    result = store.import_record(round_2023, "2023", make_record("Sở Tư pháp"), BINARY,
                                 "bao-cao.pdf")
    back = store.get_report(round_2023, result.report_id, with_original=True)
    assert back["original"] == BINARY
    assert back["sha256"] == store.sha256_of(BINARY)


def test_unit_matched_by_name_short_name_and_dash(round_2023):
    before = count(round_2023, Unit)
    a = store.import_record(round_2023, "2023",
                            make_record("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"), b"a", "a.docx")
    b = store.import_record(round_2023, "2023", make_record("Tân Yên"), b"b", "b.docx")
    assert a.unit == "Sở Lao động - Thương binh và Xã hội" and a.scheduled
    assert b.unit == "UBND huyện Tân Yên" and not b.unit_created
    assert count(round_2023, Unit) == before


@pytest.mark.parametrize("written, planned", [
    ("ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", "UBND huyện Tân Yên"),
    ("Uỷ ban nhân dân TP. Bắc Giang", "UBND thành phố Bắc Giang"),
    ("SỞ LAO ĐỘNG—THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
])
def test_unit_key_spellings(written, planned):
    assert unit_key(written) == unit_key(planned)
    assert unit_key("UBND huyện Tân Yên") != unit_key("UBND huyện Yên Thế")


def test_unknown_unit_is_held_in_a_scheduled_round_and_created_in_an_open_one(round_2023):
    with pytest.raises(store.UnitNotScheduled, match="UBND xã Song Vân"):
        store.import_record(round_2023, "2023", make_record("UBND xã Song Vân"), b"x",
                            "x.docx")
    store.create_round(round_2023, "thu-nghiem")  # no plan, so no schedule to match
    result = store.import_record(round_2023, "thu-nghiem", make_record("UBND xã Song Vân"),
                                 b"x", "x.docx")
    assert result.unit_created and not result.scheduled


def test_invalid_record_names_file_and_field_and_writes_nothing(round_2023):
    bad = make_record("Sở Xây dựng")
    bad["indicators"]["full_process_dvc_ratio"]["value"] = "85%"
    with pytest.raises(CchcError) as err:
        store.import_record(round_2023, "2023", bad, b"bad", "hong.docx")
    assert "hong.docx" in err.value.render()
    assert "$.indicators.full_process_dvc_ratio.value" in err.value.render()
    assert count(round_2023, Report) == 0 and count(round_2023, OriginalFile) == 0


def test_unknown_round_is_named(archive):
    with pytest.raises(CchcError, match="chưa có đợt kiểm tra '2030'"):
        store.import_record(archive, "2030", make_record("Sở Xây dựng"), b"x", "x.docx")


def test_warnings_are_stored_with_the_report(round_2023):
    warning = {"code": "stats.sum_mismatch", "where": "tthc_stats.total",
               "message": "Dòng tổng không bằng tổng các dòng"}
    result = store.import_record(round_2023, "2023",
                                 make_record("Sở Xây dựng", warnings=[warning]), b"w", "w.docx")
    assert result.warnings == [warning]
    assert store.get_report(round_2023, result.report_id)["warnings"] == [warning]


def test_same_bytes_in_two_rounds_are_stored_once(round_2023):
    store.create_round(round_2023, "2024")
    store.import_record(round_2023, "2023", make_record("Sở Xây dựng"), BINARY, "a.docx")
    second = store.import_record(round_2023, "2024", make_record("Sở Xây dựng"), BINARY,
                                 "a.docx")
    assert second.status == "stored"
    assert count(round_2023, Report) == 2 and count(round_2023, OriginalFile) == 1
