"""`cchc score`: a round's archived reports scored on a criteria set, ranked, written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc import examples
from cchc.archive.db import open_archive
from cchc.archive.store import create_round, import_record

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


def test_scores_rank_and_write_the_workbook(cli, db, tmp_path):
    scores = _scores(tmp_path, {"units": [
        {"unit": "Sở Tài chính", "self": {"1": {"points": 2, "evidence": "=HYPERLINK(\"x\")"}}}]})
    out = tmp_path / "xep-hang.xlsx"
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", scores, "-o", out, "--db", db)
    assert proc.returncode == 0, proc.stderr
    # Sở Xây dựng: on time 99% → 3, full process 85,5% → 2, 1 late → 1: 6 points;
    # Sở Tài chính: on time 96% → 2, full process 60% → 1, 4 late → 1, self-scored 2: 6.
    # Equal totals: the set's tie-break (group II: 6 against 4) puts Sở Xây dựng first.
    assert "1. Sở Xây dựng" in proc.stdout and "2. Sở Tài chính" in proc.stdout
    wb = load_workbook(out)
    ranking = [r for r in wb["Xếp hạng"].iter_rows(min_row=6, values_only=True) if r[1]]
    assert [(r[0], r[1]) for r in ranking] == [(1, "Sở Xây dựng"), (2, "Sở Tài chính")]
    assert ranking[0][5].startswith("=SUM(") and ranking[0][6].startswith("=ROUND(")
    detail = wb["Chi tiết"]
    evidence = next(c for c in detail["F"] if c.value and "HYPERLINK" in str(c.value))
    assert evidence.data_type == "s"        # a unit's text is never a live formula
    four = next(r for r in detail.iter_rows(values_only=True) if r[:2] == ("Sở Tài chính", "4"))
    assert four[6] == 2 and "= 96 (≥ 95) (tthc_stats)" in four[7]


def test_a_verified_score_without_reason_is_refused_and_nothing_written(cli, db, tmp_path):
    scores = _scores(tmp_path, {"units": [
        {"unit": "Sở Xây dựng", "self": {"1": {"points": 2}}, "verified": {"1": {"points": 0}}}]})
    out = tmp_path / "xep-hang.xlsx"
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", scores, "-o", out, "--db", db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "$.units[0].verified['1'].reason" in proc.stderr
    assert not out.exists()


def test_a_unit_the_round_lacks_is_named(cli, db, tmp_path):
    scores = _scores(tmp_path, {"units": [{"unit": "Sở Không Có", "self": {}}]})
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", scores, "-o", tmp_path / "x.xlsx", "--db", db)
    assert proc.returncode == 2 and "$.units[0].unit: không có đơn vị 'Sở Không Có'" in proc.stderr


def test_bad_criteria_json_names_file_and_path(cli, db, tmp_path):
    bad = tmp_path / "bo-tieu-chi.json"
    data = examples.load("criteria-iso")
    data["groups"][0]["criteria"][0]["max_points"] = "hai"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = cli("score", "--round", "2023", "--criteria", bad, "-o", tmp_path / "x.xlsx",
               "--db", db)
    assert proc.returncode == 2
    assert "bo-tieu-chi.json" in proc.stderr
    assert "$.groups[0].criteria[0].max_points: phải là số" in proc.stderr


def _sheet(path: Path, rows: list[tuple]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tự chấm"
    ws.append(("BẢNG TỰ CHẤM ĐIỂM ISO NĂM 2023",))
    ws.append(("Đơn vị", "Mã tiêu chí", "Nội dung", "Điểm tự chấm", "Tài liệu kiểm chứng",
               "Điểm thẩm định", "Lý do"))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_self_scores_from_an_xlsx_sheet(cli, db, tmp_path):
    sheet = _sheet(tmp_path / "tu-cham.xlsx", [
        ("Sở Tài chính", "1", "Công bố HTQLCL", 2, "QĐ số 12/QĐ-STC", 1, "Công bố chậm"),
        ("Sở Tài chính", "3.a", "Phạm vi", "1,5", "Danh mục quy trình", None, None),
        (None, None, "(dòng ghi chú)", None, None, None, None)])
    out = tmp_path / "xh.xlsx"
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", sheet, "-o", out, "--db", db)
    assert proc.returncode == 0, proc.stderr
    detail = load_workbook(out)["Chi tiết"]
    rows = {r[1]: r for r in detail.iter_rows(values_only=True) if r[0] == "Sở Tài chính"}
    assert rows["1"][4] == 2 and rows["1"][8] == 1 and rows["1"][9] == "Công bố chậm"
    assert rows["3.a"][4] == 1.5 and rows["3.a"][5] == "Danh mục quy trình"


def test_a_bad_cell_in_the_sheet_is_named_by_row(cli, db, tmp_path):
    sheet = _sheet(tmp_path / "tu-cham.xlsx", [("Sở Tài chính", "1", "x", "hai điểm", "", None,
                                                None)])
    proc = cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", sheet, "-o", tmp_path / "xh.xlsx", "--db", db)
    assert proc.returncode == 2
    assert "trang 'Tự chấm', dòng 3: 'hai điểm' không phải số điểm" in proc.stderr
