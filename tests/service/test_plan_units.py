"""Reading a plan's schedule back gives every unit by its full name and level.

The schedule lists short names under a group label ("Quý III, các Sở, cơ quan: Tư
pháp, Công Thương, …, Công an tỉnh và UBND các huyện: …"); the round is made of full
names, so "Tư pháp" must come back as "Sở Tư pháp" and "Cục Thuế tỉnh" as "Cục Thuế
tỉnh Bắc Giang", whether the label says "các Sở" or "các Sở, cơ quan".
"""

from __future__ import annotations

import copy

import pytest

from cchc.archive import register
from cchc.archive.units import plan_units, unit_key
from cchc.generator.documents import render_kind
from cchc.service.forms import example
from cchc.service.plan_docx import read_plan_docx, schedule_entry

# The schedule as the 2023 Bắc Giang plan words it (our own transcription of the two
# sentences, one paragraph each as in the Word file).
WORDING = [
    "1. Quý II, các Sở: Lao động – Thương binh và Xã hội, Xây dựng, Tài chính, Cục Thuế "
    "tỉnh và UBND các huyện: Tân Yên, Sơn Động.",
    "2. Quý III, các Sở, cơ quan: Tư pháp, Công Thương, Nông nghiệp và Phát triển Nông "
    "thôn, Ngoại vụ, Khoa học và Công nghệ, Công an tỉnh và UBND các huyện: Lạng Giang, "
    "Hiệp Hòa, Yên Thế.",
]


def _planned() -> list[dict]:
    return [u for _q, _l, u in plan_units(example("plan"))]


def _read(entries) -> list[dict]:
    return [u for e in entries for g in e["groups"] for u in g["units"]]


def _same(read: list[dict], planned: list[dict]) -> None:
    assert len(read) == len(planned) == 15
    for got, want in zip(read, planned):
        assert unit_key(got["name"]) == unit_key(want["name"]), (got, want)
        assert got.get("level") == want["level"], (got, want)
        assert unit_key(got["short"]) == unit_key(want["short"])


def test_the_seed_wording_gives_all_fifteen_units_by_full_name():
    entries = [schedule_entry(line, place="Bắc Giang") for line in WORDING]
    read = _read(entries)
    _same(read, _planned())
    names = [u["name"] for u in read]
    assert "Sở Tư pháp" in names and "Sở Công Thương" in names
    assert "Cục Thuế tỉnh Bắc Giang" in names and "Công an tỉnh Bắc Giang" in names


def test_a_generated_plan_docx_reads_back_with_all_fifteen_units():
    plan = example("plan")
    back = read_plan_docx(render_kind("plan", plan), "ke-hoach.docx")
    _same(_read(back["schedule"]), _planned())


def test_a_full_name_in_the_list_is_never_cut():
    plan = example("plan")
    units = plan["schedule"][0]["groups"][0]["units"]
    units[3] = {"name": "Cục Thuế tỉnh Bắc Giang", "short": "Cục Thuế tỉnh Bắc Giang",
                "level": "cơ quan Trung ương"}
    back = read_plan_docx(render_kind("plan", plan), "ke-hoach.docx")
    assert _read(back["schedule"])[3]["name"] == "Cục Thuế tỉnh Bắc Giang"


def test_the_register_writes_the_names_it_knows():
    """A unit the register knows is taken as the register writes it (the hyphen of
    "Lao động - Thương binh", a town that is a thị xã), not as the label would."""
    plan = copy.deepcopy(example("plan"))
    plan["schedule"][0]["groups"][1]["units"][0] = {"name": "UBND thị xã Việt Yên",
                                                    "short": "Việt Yên", "level": "huyện"}
    known = [register.Known(1, "Sở Lao động - Thương binh và Xã hội", None, "sở, ngành"),
             register.Known(2, "UBND thị xã Việt Yên", "Việt Yên", "huyện")]
    read = _read(read_plan_docx(render_kind("plan", plan), "ke-hoach.docx", known)["schedule"])
    assert read[0]["name"] == "Sở Lao động - Thương binh và Xã hội"
    assert read[4]["name"] == "UBND thị xã Việt Yên"


@pytest.mark.parametrize("line, name", [
    ("Quý I, các sở, ban, ngành: Nội vụ.", "Sở Nội vụ"),
    ("Quý IV, UBND các xã, thị trấn: Song Vân, thị trấn Cao Thượng.", "UBND xã Song Vân"),
    ("Quý IV, UBND các huyện, thành phố: thành phố Bắc Giang.", "UBND thành phố Bắc Giang"),
])
def test_other_group_labels(line, name):
    assert _read([schedule_entry(line, place="Bắc Giang")])[0]["name"] == name
