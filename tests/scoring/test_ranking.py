"""Ranking: by percentage, then the set's tie-break, then equal rank; per level."""

from __future__ import annotations

import pytest

from cchc.scoring.criteria import criteria_from
from cchc.scoring.ranking import level_of, rank, rank_by_level
from cchc.scoring.unit_score import score_unit

SET = {"name": "Bộ thử", "source": "Quyết định số 1/QĐ-UBND", "levels": ["so", "huyen"],
       "tie_break": ["group:II"],
       "groups": [
           {"id": "I", "title": "Lĩnh vực I", "criteria": [
               {"id": "1", "title": "A", "max_points": 5, "rule": {"kind": "manual"}}]},
           {"id": "II", "title": "Lĩnh vực II", "criteria": [
               {"id": "2", "title": "B", "max_points": 5, "rule": {"kind": "manual"}}]}]}


def _score(cs, unit, a, b, level="so"):
    given = {"self": {"1": {"points": a}, "2": {"points": b}}}
    return score_unit(cs, unit, level, {}, given)


def test_higher_percentage_ranks_first():
    cs = criteria_from(SET)
    ranked = rank([_score(cs, "Sở A", 2, 2), _score(cs, "Sở B", 5, 4)], cs.tie_break)
    assert [(r.score.unit, r.rank, r.score.percent) for r in ranked] == [
        ("Sở B", 1, 90.0), ("Sở A", 2, 40.0)]


def test_equal_totals_are_split_by_the_sets_tie_break():
    cs = criteria_from(SET)
    ranked = rank([_score(cs, "Sở A", 4, 2), _score(cs, "Sở B", 1, 5)], cs.tie_break)
    assert [(r.score.unit, r.rank, r.tied) for r in ranked] == [
        ("Sở B", 1, False), ("Sở A", 2, False)]


def test_what_the_tie_break_cannot_split_shares_a_rank():
    cs = criteria_from(SET)
    ranked = rank([_score(cs, "Sở A", 3, 3), _score(cs, "Sở C", 5, 5),
                   _score(cs, "Sở B", 3, 3), _score(cs, "Sở D", 1, 1)], cs.tie_break)
    assert [(r.rank, r.tied) for r in ranked] == [(1, False), (2, True), (2, True), (4, False)]


def test_a_verified_change_moves_the_ranking():
    cs = criteria_from(SET)
    a = _score(cs, "Sở A", 4, 4)
    b = _score(cs, "Sở B", 4, 3)
    assert rank([a, b], cs.tie_break)[0].score.unit == "Sở A"
    a = score_unit(cs, "Sở A", "so", {}, {
        "self": {"1": {"points": 4}, "2": {"points": 4}},
        "verified": {"2": {"points": 2, "reason": "Không có biên bản xem xét của lãnh đạo"}}})
    assert rank([a, b], cs.tie_break)[0].score.unit == "Sở B"


def test_levels_are_ranked_apart():
    cs = criteria_from(SET)
    by_level = rank_by_level([_score(cs, "Sở A", 1, 1), _score(cs, "UBND huyện X", 5, 5, "huyen"),
                              _score(cs, "Sở B", 2, 2)], cs.tie_break)
    assert {k: [r.score.unit for r in v] for k, v in by_level.items()} == {
        "so": ["Sở B", "Sở A"], "huyen": ["UBND huyện X"]}


@pytest.mark.parametrize(("level", "unit", "expected"), [
    ("sở, ngành", "Sở Xây dựng", "so"), ("cơ quan Trung ương", "Cục Thuế tỉnh Bắc Giang", "so"),
    ("huyện", "UBND huyện Tân Yên", "huyen"), (None, "UBND thành phố Bắc Giang", "huyen"),
    (None, "Ủy ban nhân dân xã Ngọc Thiện", "xa"), (None, "Sở Tài chính", "so")])
def test_level_of(level, unit, expected):
    assert level_of(level, unit) == expected
