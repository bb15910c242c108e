"""`cchc draft` → edit → `cchc generate conclusion --findings`: the notice holds exactly
what was kept, and last year's figures give the trend."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
import pytest

from cchc import examples
from cchc.archive.db import open_archive
from cchc.archive.store import create_round, import_record
from tests.docx_text import norm

sys.path.insert(0, str(Path(__file__).resolve().parent / "archive"))
from archive_records import make_record, stats_row  # noqa: E402

TARGETS = {"source": "Kế hoạch CCHC năm 2023 của UBND tỉnh", "targets": [
    {"figure": "stats.on_time_rate", "levels": ["so"], "at_least": 98,
     "label": "Tỷ lệ hồ sơ giải quyết đúng hạn"},
    {"figure": "indicators.full_process_dvc_ratio", "levels": ["so"], "at_least": 90}]}


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cchc.db'}"
    plan = examples.load("plan")
    with open_archive(url) as archive:
        create_round(archive, "2022", year=2022)
        create_round(archive, "2023", plan=plan)
        for code, on_time, late in (("2022", 95, 5), ("2023", 99, 1)):
            rec = make_record("Sở Xây dựng", seed=int(code),
                              rows=[stats_row(1, "Xây dựng", 90, 10, on_time, late)])
            import_record(archive, code, rec, json.dumps(rec).encode(), f"{code}.json")
    return url


def test_draft_then_issue_keeps_what_staff_kept(cli, db, tmp_path):
    targets = tmp_path / "chi-tieu.json"
    targets.write_text(json.dumps(TARGETS, ensure_ascii=False), encoding="utf-8")
    drafted = tmp_path / "du-thao.json"
    proc = cli("draft", "--round", "2023", "--unit", "Sở Xây dựng", "--targets", targets,
               "--deadline", "30/9/2023", "-o", drafted, "--db", db)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(drafted.read_text(encoding="utf-8"))
    assert data["strengths"] == [
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99% (99/100 hồ sơ), vượt chỉ tiêu 98% của tỉnh, "
        "tăng 4 điểm phần trăm so với năm 2022."]
    assert ("Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 85,5%, chưa đạt chỉ tiêu 90% của "
            "tỉnh, bằng năm 2022.") in data["weaknesses"]
    assert data["draft"]["strengths"][0]["evidence"] == [{"field": "tthc_stats", "value": 99.0}]
    # staff drop the overdue weakness and edit one recommendation
    data["weaknesses"] = [w for w in data["weaknesses"] if not w.startswith("Còn 1 hồ sơ")]
    data["recommendations"][0]["text"] = "Nâng tỷ lệ dịch vụ công toàn trình lên 90%."
    drafted.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    notice = tmp_path / "tb.docx"
    proc = cli("generate", "conclusion", "--round", "2023", "--unit", "Sở Xây dựng",
               "--findings", drafted, "-o", notice, "--db", db)
    assert proc.returncode == 0, proc.stderr
    text = norm(" ".join(p.text for p in docx.Document(notice).paragraphs))
    assert "vượt chỉ tiêu 98% của tỉnh, tăng 4 điểm phần trăm so với năm 2022" in text
    assert "Nâng tỷ lệ dịch vụ công toàn trình lên 90%" in text
    assert "Còn 1 hồ sơ giải quyết quá hạn" not in text
    assert "evidence" not in text and "tthc_stats" not in text


def test_a_unit_without_report_cannot_be_drafted(cli, db, tmp_path):
    targets = tmp_path / "chi-tieu.json"
    targets.write_text(json.dumps(TARGETS, ensure_ascii=False), encoding="utf-8")
    proc = cli("draft", "--round", "2023", "--unit", "Sở Tài chính", "--targets", targets,
               "-o", tmp_path / "x.json", "--db", db)
    assert proc.returncode == 2 and "chưa có báo cáo" in proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_bad_targets_name_the_json_path(cli, db, tmp_path):
    bad = tmp_path / "chi-tieu.json"
    bad.write_text(json.dumps({"source": "KH", "targets": [
        {"figure": "stats.on_time_rate", "levels": ["tinh"], "at_least": 98}]}),
        encoding="utf-8")
    proc = cli("draft", "--round", "2023", "--unit", "Sở Xây dựng", "--targets", bad,
               "-o", tmp_path / "x.json", "--db", db)
    assert proc.returncode == 2 and str(bad) in proc.stderr
    assert "$.targets[0].levels[0]" in proc.stderr


def test_the_score_and_its_change_through_a_merger(cli, tmp_path):
    """A unit merged between rounds: its score is compared with its predecessor's."""
    from cchc.archive.mergers import merge_units
    from cchc.usecases.score import score_round_on

    url = f"sqlite:///{tmp_path / 'sap-nhap.db'}"
    with open_archive(url) as archive:
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
    targets = tmp_path / "chi-tieu.json"
    targets.write_text(json.dumps(TARGETS, ensure_ascii=False), encoding="utf-8")
    drafted = tmp_path / "du-thao.json"
    proc = cli("draft", "--round", "2023", "--unit", "Sở Tài chính - Kế hoạch", "--targets",
               targets, "-o", drafted, "--db", url)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(drafted.read_text(encoding="utf-8"))
    # 2022: 4/20 points; 2023: 6/20 (see test_trend_chart)
    assert ("Kết quả chấm điểm theo bộ tiêu chí đánh giá việc xây dựng, áp dụng, duy trì và "
            "cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 (khối sở, ban, "
            "ngành): đạt 6/20 điểm (30%), xếp thứ 1/1 trong khối sở, ban, ngành, tăng 2 điểm "
            "so với năm 2022.") in data["strengths"]
    # the rates move by percentage points: 85,5% against 60%
    assert any("tăng 25,5 điểm phần trăm so với năm 2022" in w for w in data["weaknesses"])
