"""Scores stored in the archive: `cchc score --save`, scored again from the archive,
and a verified point set on its own (the web page's path) with its audit entry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from cchc import examples
from cchc.archive.db import open_archive
from cchc.archive.models import AuditLog, RoundCriteria, ScoreLine
from cchc.archive.store import create_round, import_record
from cchc.core.errors import CchcError
from cchc.usecases.score import stored_ranking, verify_point

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "archive"))
from archive_records import make_record, stats_row  # noqa: E402


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cchc.db'}"
    with open_archive(url) as archive:
        create_round(archive, "2023", plan=examples.load("plan"))
        good = make_record("Sở Xây dựng", rows=[stats_row(1, "Xây dựng", 90, 10, 99, 1)])
        fair = make_record("Sở Tài chính", seed=1, full_process=60.0,
                           rows=[stats_row(1, "Ngân sách", 50, 50, 96, 4)])
        for rec in (good, fair):
            import_record(archive, "2023", rec, json.dumps(rec).encode(), "bao-cao.json")
    return url


def _scores(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "diem.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _order(by_level) -> list[tuple[int, str, float]]:
    return [(r.rank, r.score.unit, r.score.total) for r in by_level["so"]]


def test_saved_scores_rank_again_without_the_files(cli, db, tmp_path):
    scores = _scores(tmp_path, {"units": [{"unit": "Sở Tài chính", "self": {
        "1": {"points": 2, "evidence": "QĐ số 12/QĐ-STC"}}, "verified": {
        "1": {"points": 1, "reason": "Công bố chậm"}}}]})
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", scores, "--save", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "Đã lưu điểm của 2 đơn vị vào kho lưu trữ (1 điểm thẩm định thay đổi)" in proc.stdout
    with open_archive(db) as archive:
        with archive.sessions() as s:
            assert s.scalar(select(RoundCriteria.name)) == examples.load("criteria-iso")["name"]
            lines = {(r.leaf_id, r.unit_id): r for r in s.scalars(select(ScoreLine))}
            on_time = [r for (leaf, _), r in lines.items() if leaf == "4"]
            # the computed point keeps the figure and the record field it came from
            assert sorted((r.computed_points, r.figure_value, r.figure_field)
                          for r in on_time) == [(2, 96, "tthc_stats"), (3, 99, "tthc_stats")]
            one = next(r for (leaf, _), r in lines.items() if leaf == "1" and r.self_points)
            assert (one.self_points, one.evidence, one.verified_points, one.reason) == (
                2, "QĐ số 12/QĐ-STC", 1, "Công bố chậm")
            assert s.scalar(select(AuditLog).where(AuditLog.action == "verify_score")) \
                .detail["new"] == 1
        # no criteria file, no scores file: the stored set and points
        _cs, _data, _scores_, by_level, _ = stored_ranking(archive, "2023")
    assert _order(by_level) == [(1, "Sở Xây dựng", 6), (2, "Sở Tài chính", 5)]
    out = tmp_path / "lai.xlsx"
    proc = cli("score", "--round", "2023", "-o", out, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "2. Sở Tài chính: 5/20 điểm" in proc.stdout and out.exists()


def test_scoring_again_keeps_a_stored_verified_point(cli, db, tmp_path):
    first = _scores(tmp_path, {"units": [{"unit": "Sở Tài chính", "verified": {
        "8": {"points": 2, "reason": "Có báo cáo đúng hạn"}}}]})
    assert cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", first, "--save", "--db", db).returncode == 0
    second = _scores(tmp_path, {"units": [{"unit": "Sở Tài chính", "self": {
        "9": {"points": 1}}}]})
    proc = cli("score", "--round", "2023", "--scores", second, "--save", "--db", db)
    assert proc.returncode == 0, proc.stderr
    with open_archive(db) as archive:
        _cs, _d, scores, _by, _ = stored_ranking(archive, "2023")
    mine = next(s for s in scores if s.unit == "Sở Tài chính")
    lines = {ln.leaf.id: ln for ln in mine.lines}
    assert (lines["8"].verified, lines["8"].reason) == (2, "Có báo cáo đúng hạn")
    assert lines["9"].self_points == 1


def test_a_refused_scores_file_stores_nothing(cli, db, tmp_path):
    bad = _scores(tmp_path, {"units": [{"unit": "Sở Xây dựng", "self": {"1": {"points": 2}},
                                        "verified": {"1": {"points": 0}}}]})
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", bad, "--save", "--db", db)
    assert proc.returncode == 2 and "verified['1'].reason" in proc.stderr
    with open_archive(db) as archive:
        with archive.sessions() as s:
            assert s.scalars(select(ScoreLine)).all() == []
            assert s.scalars(select(RoundCriteria)).all() == []


def test_no_set_stored_and_none_given_is_said(cli, db, tmp_path):
    proc = cli("score", "--round", "2023", "-o", tmp_path / "x.xlsx", "--db", db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "chưa được chấm theo bộ tiêu chí nào" in proc.stderr
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--db", db)
    assert proc.returncode == 2 and "--save" in proc.stderr


def test_one_verified_point_moves_the_ranking_and_is_audited(cli, db):
    assert cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--save", "--db", db).returncode == 0
    with open_archive(db) as archive:
        assert _order(stored_ranking(archive, "2023")[3])[0][1] == "Sở Xây dựng"
        with pytest.raises(CchcError) as err:      # differs from the computed 3: a reason
            verify_point(archive, "2023", "Sở Xây dựng", "4", 1, " ", "canbo")
        assert "verified['4'].reason" in " ".join(err.value.details)
        change = verify_point(archive, "2023", "Sở Xây dựng", "4", 1,
                              "Số liệu đúng hạn chưa khớp phần mềm một cửa", "canbo")
        assert (change["old"], change["new"]) == (None, 1)
        assert _order(stored_ranking(archive, "2023")[3]) == [
            (1, "Sở Tài chính", 4), (2, "Sở Xây dựng", 4)]
        with archive.sessions() as s:
            entry = s.scalars(select(AuditLog).where(AuditLog.action == "verify_score")).one()
        assert (entry.actor, entry.entity, entry.ref) == ("canbo", "score",
                                                          "Sở Xây dựng, đợt 2023")
        assert entry.detail == {"criterion": "4", "old": None, "new": 1,
                                "reason": "Số liệu đúng hạn chưa khớp phần mềm một cửa"}
