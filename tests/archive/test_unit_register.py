"""The unit register: reports land on the round's scheduled units, however the
letterhead prints the name, and a report that matches none is held, not made a unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_records import make_record
from sqlalchemy import func, select

from cchc.archive import register, store
from cchc.archive.mergers import list_units
from cchc.archive.models import Report, Unit, UnitAlias
from cchc.archive.summary_data import round_summary
from cchc.archive.units import plan_units
from cchc.core.errors import CchcError
from cchc.examples import __file__ as examples_init
from cchc.generator.summary_docx import summary_context

PLAN = json.loads((Path(examples_init).parent / "plan.json").read_text(encoding="utf-8"))
SCHEDULED = [u["name"] for _q, _l, u in plan_units(PLAN)]
# How letterheads print the fifteen units: capitals, spelled-out UBND, abbreviations,
# a short name, commas for the dash, a lost diacritic.
LETTERHEADS = [
    "SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI", "SỞ XÂY DỰNG", "SỞ TÀI CHÍNH", "CỤC THUẾ TỈNH",
    "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", "UBND HUYỆN SƠN ĐỘNG", "SỞ TƯ PHÁP", "SỞ CÔNG THƯƠNG",
    "SỞ NÔNG NGHIỆP VÀ PTNT", "SỞ NGOẠI VỤ", "SỞ KH&CN", "CÔNG AN TỈNH BẮC GIANG",
    "UỶ BAN NHÂN DÂN HUYỆN LẠNG GIANG", "UBND HUYỆN HIỆP HOÀ", "UBND HUYEN YEN THE",
]


def count(archive, model) -> int:
    with archive.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def _intro(data: dict) -> str:
    """The summary report's opening sentence (Báo cáo kết quả kiểm tra)."""
    header = {"issuer": PLAN["issuer"], "number": None, "symbol": "BC-UBND",
              "place": "Bắc Giang", "date": {"year": 2023}, "signer": PLAN["signer"],
              "recipients": []}
    return summary_context(data, header)["intro"][0]


@pytest.fixture
def round_15(archive):
    store.create_round(archive, "2023", plan=PLAN)
    return archive


def test_capitalised_letterheads_land_on_the_fifteen_scheduled_units(round_15):
    units_before = count(round_15, Unit)
    assert units_before == 15
    results = [store.import_record(round_15, "2023", make_record(name), name.encode(),
                                   f"{n}.docx") for n, name in enumerate(LETTERHEADS)]
    assert [r.unit for r in results] == SCHEDULED
    assert all(r.scheduled and not r.unit_created for r in results)
    assert count(round_15, Unit) == units_before
    data = round_summary(round_15, "2023")
    assert [u["unit"] for u in data["units"]] == SCHEDULED
    assert (data["totals"]["units"], data["totals"]["units_reported"]) == (15, 15)
    intro = _intro(data)
    assert "đã kiểm tra 15 cơ quan, đơn vị" in intro
    with round_15.sessions() as s:
        names = set(s.scalars(select(Unit.name)))
    assert not any(n.isupper() for n in names)  # no letterhead's capitals in the list


def test_the_match_and_its_confidence_are_stored(round_15):
    exact = store.import_record(round_15, "2023", make_record("SỞ TƯ PHÁP"), b"a", "a.docx")
    fuzzy = store.import_record(round_15, "2023",
                                make_record("SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI"), b"b",
                                "b.docx")
    short = store.import_record(round_15, "2023", make_record("Cục Thuế tỉnh"), b"c", "c.docx")
    assert (exact.match["method"], exact.match["confidence"]) == ("name", 1.0)
    assert fuzzy.match["method"] == "fuzzy" and 0.86 <= fuzzy.match["confidence"] < 1
    assert [w["code"] for w in fuzzy.warnings] == ["unit.uncertain"]
    assert exact.warnings == []
    assert short.match["method"] == "short" and short.unit == "Cục Thuế tỉnh Bắc Giang"
    with round_15.sessions() as s:
        stored = s.get(Report, fuzzy.report_id).unit_match
    assert stored["printed"] == "SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI"


def test_a_report_matching_no_scheduled_unit_is_held(round_15):
    before = count(round_15, Unit)
    for printed in ("UBND xã Song Vân", "SỞ Y TẾ", "UBND huyện Yên Dũng"):
        with pytest.raises(store.UnitNotScheduled, match="không khớp đơn vị nào trong lịch"):
            store.import_record(round_15, "2023", make_record(printed), printed.encode(),
                                "x.docx")
    assert count(round_15, Unit) == before and count(round_15, Report) == 0


def test_a_person_choice_is_kept_as_an_alias(round_15):
    with pytest.raises(store.UnitNotScheduled):
        store.import_record(round_15, "2023", make_record("VP SỞ TƯ PHÁP BG"), b"1", "1.docx")
    batch = store.import_record(round_15, "2023", make_record("VP SỞ TƯ PHÁP BG"), b"0",
                                "0.docx", unit_name="Sở Tư pháp")  # --unit for a batch
    assert batch.match["method"] == "manual" and count(round_15, UnitAlias) == 0
    chosen = store.import_record(round_15, "2023", make_record("VP SỞ TƯ PHÁP BG"), b"1",
                                 "1.docx", unit_name="Sở Tư pháp", learn_alias=True)
    assert (chosen.unit, chosen.match["method"]) == ("Sở Tư pháp", "manual")
    with round_15.sessions() as s:
        assert [a.name for a in s.scalars(select(UnitAlias))] == ["VP SỞ TƯ PHÁP BG"]
    listed = {u["name"]: u["aliases"] for u in list_units(round_15)}
    assert listed["Sở Tư pháp"] == ["VP SỞ TƯ PHÁP BG"]
    store.create_round(round_15, "2024", plan=PLAN)
    again = store.import_record(round_15, "2024", make_record("VP Sở Tư pháp BG"), b"2",
                                "2.docx")
    assert (again.unit, again.match["method"]) == ("Sở Tư pháp", "alias")


def test_a_chosen_unit_outside_the_schedule_is_refused(round_15):
    with pytest.raises(store.UnitNotScheduled, match="không có trong lịch kiểm tra"):
        store.import_record(round_15, "2023", make_record("SỞ Y TẾ"), b"1", "1.docx",
                            unit_name="Sở Y tế")


def test_a_plan_rewrites_a_name_kept_in_capitals(archive):
    store.create_round(archive, "2022")  # no schedule: units come from the reports
    old = store.import_record(archive, "2022", make_record("SỞ TƯ PHÁP"), b"o", "o.docx")
    assert old.unit == "Sở Tư pháp" and old.unit_created  # written as the register would
    with archive.sessions() as s:  # an archive from before the register kept capitals
        s.get(Unit, 1).name = "SỞ TƯ PHÁP"
        s.commit()
    store.create_round(archive, "2023", plan=PLAN)
    shown = store.show_round(archive, "2023")
    assert "Sở Tư pháp" in [u["unit"] for u in shown["units"]]
    assert count(archive, Unit) == 15


@pytest.mark.parametrize("label, item, name, level", [
    ("các Sở, cơ quan", "Tư pháp", "Sở Tư pháp", "sở, ngành"),
    ("các Sở, cơ quan", "Công Thương", "Sở Công Thương", "sở, ngành"),
    ("các Sở", "Cục Thuế tỉnh", "Cục Thuế tỉnh Bắc Giang", "cơ quan Trung ương"),
    ("các Sở", "Cục Thuế tỉnh Bắc Giang", "Cục Thuế tỉnh Bắc Giang", "cơ quan Trung ương"),
    ("các Sở, cơ quan", "Công an tỉnh", "Công an tỉnh Bắc Giang", "cơ quan Trung ương"),
    ("UBND các huyện", "Tân Yên", "UBND huyện Tân Yên", "huyện"),
    ("UBND các huyện, thành phố", "thành phố Bắc Giang", "UBND thành phố Bắc Giang", "huyện"),
    ("UBND các xã, thị trấn", "Song Vân", "UBND xã Song Vân", "xã"),
    ("các sở, ban, ngành", "Ban Dân tộc", "Ban Dân tộc", "sở, ngành"),
])
def test_full_name_from_the_group_label(label, item, name, level):
    entry = register.full_name(label, item, register.locality(PLAN))
    assert (entry["name"], entry.get("short", name), entry.get("level")) == (name, item, level)


def test_the_register_writes_the_name_when_it_knows_the_unit():
    known = [register.Known(1, "Sở Lao động - Thương binh và Xã hội", "Lao động - TBXH",
                            "sở, ngành"),
             register.Known(2, "UBND thị xã Việt Yên", "Việt Yên", "huyện"),
             register.Known(3, "UBND xã Tân Yên", "Tân Yên", "xã")]
    assert register.resolve("các Sở", "Lao động – Thương binh và Xã hội", known)["name"] == \
        "Sở Lao động - Thương binh và Xã hội"
    assert register.resolve("UBND các huyện", "Việt Yên", known)["name"] == \
        "UBND thị xã Việt Yên"
    # "Tân Yên" is a commune in the register, but this group lists districts.
    assert register.resolve("UBND các huyện", "Tân Yên", known)["name"] == "UBND huyện Tân Yên"


@pytest.mark.parametrize("shouted, tidy", [
    ("SỞ TƯ PHÁP", "Sở Tư pháp"),
    ("ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", "UBND huyện Tân Yên"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và xã hội"),
    ("UBND XÃ SONG VÂN", "UBND xã Song Vân"),
    ("Sở Xây dựng", "Sở Xây dựng"),
])
def test_tidy_writes_capitals_as_a_register_would(shouted, tidy):
    assert register.tidy(shouted) == tidy


def test_a_plan_listing_names_alone_schedules_full_names(archive):
    plan = json.loads(json.dumps(PLAN))
    plan["schedule"][1]["groups"][0]["units"][:2] = ["Tư pháp", {"name": "Công Thương"}]
    plan["schedule"][0]["groups"][0]["units"][3] = "Cục Thuế tỉnh"
    store.create_round(archive, "2023", plan=plan)
    shown = [(u["unit"], u["level"]) for u in store.show_round(archive, "2023")["units"]]
    assert ("Sở Tư pháp", "sở, ngành") in shown and ("Sở Công Thương", "sở, ngành") in shown
    assert ("Cục Thuế tỉnh Bắc Giang", "cơ quan Trung ương") in shown
    assert [u for u, _ in shown] == SCHEDULED


@pytest.mark.parametrize("printed, unit", [
    ("SỞ TƯ PHÁP TỈNH BẮC GIANG", "Sở Tư pháp"),
    ("CÔNG AN TỈNH", "Công an tỉnh Bắc Giang"),
    ("UBND HUYỆN TÂN YÊN TỈNH BẮC GIANG", "UBND huyện Tân Yên"),
    ("UBND TỈNH BẮC GIANG", None),
])
def test_a_provincial_body_matches_with_or_without_its_locality(printed, unit):
    known = [register.Known(i, u["name"], u.get("short"), u.get("level"))
             for i, (_q, _l, u) in enumerate(plan_units(PLAN))]
    found = register.match(printed, known)
    assert (found.unit.name if found else None) == unit


def test_a_report_kept_on_an_unscheduled_unit_is_not_one_more_unit_inspected(round_15):
    """An archive from before the register may hold a letterhead's unit ("SỞ TƯ PHÁP"
    beside "Sở Tư pháp"); the summary still counts the fifteen of the plan."""
    from cchc.archive.models import OriginalFile, Round

    with round_15.sessions() as s:
        extra = Unit(name="SỞ Y TẾ", key="so y te")
        s.add_all([extra, OriginalFile(sha256="b" * 64, size=1, data=b"x")])
        s.flush()
        rnd = s.scalar(select(Round).where(Round.code == "2023"))
        s.add(Report(round_id=rnd.id, unit_id=extra.id, version=1, sha256="b" * 64,
                     filename="y.docx", record=make_record("SỞ Y TẾ"), warnings=[]))
        s.commit()
    data = round_summary(round_15, "2023")
    assert len(data["units"]) == 16 and not data["units"][-1]["scheduled"]
    totals = data["totals"]
    assert (totals["units"], totals["units_reported"], totals["units_unscheduled"]) == (15, 0, 1)
    intro = _intro(data)
    assert "đã kiểm tra 15 cơ quan, đơn vị" in intro
    assert "ngoài ra 1 đơn vị ngoài lịch kiểm tra" in intro


def test_a_huge_printed_name_is_matched_in_bounded_time():
    import time

    known = [register.Known(i, u["name"], u.get("short"), u.get("level"))
             for i, (_q, _l, u) in enumerate(plan_units(PLAN))]
    start = time.monotonic()
    assert register.match("SỞ TƯ PHÁP " + "Ă" * 200_000, known) is None
    assert time.monotonic() - start < 2


def test_an_accepted_report_is_moved_to_its_unit_and_the_move_is_kept(round_15):
    from cchc.archive import closing
    from cchc.archive.reassign import reassign_report

    store.import_record(round_15, "2023", make_record("Sở Ngoại vụ"), b"nv", "nv.docx")
    wrong = store.import_record(round_15, "2023", make_record("SỞ NGOẠI VỤ", seed=1), b"x",
                                "x.docx")  # really the Sở Tư pháp's report
    moved = reassign_report(round_15, wrong.report_id, "SỞ TƯ PHÁP", user="canbo")
    assert (moved["from"], moved["unit"], moved["version"], moved["moved"]) == \
        ("Sở Ngoại vụ", "Sở Tư pháp", 1, True)
    back = store.get_report(round_15, wrong.report_id)
    assert (back["unit"], back["match"]["method"], back["match"]["moved_from"]) == \
        ("Sở Tư pháp", "manual", "Sở Ngoại vụ")
    rows = {u["unit"]: u["version"] for u in round_summary(round_15, "2023")["units"]}
    assert (rows["Sở Ngoại vụ"], rows["Sở Tư pháp"]) == (1, 1)
    with pytest.raises(store.UnitNotScheduled):
        reassign_report(round_15, wrong.report_id, "Sở Y tế")
    closing.save_conclusion(round_15, "2023", "Sở Tư pháp", number="5/TB-UBND")
    with pytest.raises(CchcError, match="đã ban hành thông báo kết luận cho Sở Tư pháp"):
        reassign_report(round_15, wrong.report_id, "Sở Ngoại vụ")
