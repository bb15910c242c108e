"""`cchc reminders`: one công văn per late unit (or one for all), judged on a fixed day
against the schedule's deadlines and the dates reports reached the archive."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from pathlib import Path

import docx
import pytest

from cchc import examples
from cchc.archive.db import open_archive
from cchc.archive.store import create_round, import_record
from cchc.usecases.reminders import late_units
from tests.docx_text import norm

sys.path.insert(0, str(Path(__file__).resolve().parent / "archive"))
from archive_records import make_record  # noqa: E402

SCHEDULE = examples.load("schedule")


def test_late_units_on_a_fixed_day():
    received = {"sở tư pháp": dt.date(2023, 9, 6)}
    assert late_units(SCHEDULE, received, dt.date(2023, 9, 7)) == []
    assert late_units(SCHEDULE, received, dt.date(2023, 9, 8)) == [
        {"name": "Sở Công Thương", "deadline": "2023-09-07"}]
    later = late_units(SCHEDULE, received, dt.date(2023, 9, 15))
    assert [u["name"] for u in later] == ["Sở Công Thương", "Sở Tài chính", "Sở Ngoại vụ",
                                          "UBND huyện Tân Yên"]


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cchc.db'}"
    with open_archive(url) as archive:
        create_round(archive, "2023", plan=examples.load("plan"))
        rec = make_record("Sở Tư pháp")
        import_record(archive, "2023", rec, json.dumps(rec).encode(), "bao-cao.json")
    return url


def _text(path: Path) -> str:
    return norm(" ".join(p.text for p in docx.Document(path).paragraphs))


def test_one_reminder_per_late_unit(cli, db, tmp_path):
    # Sở Tư pháp's report is stored today, after the day we judge: it was late then.
    out = tmp_path / "cv"
    proc = cli("reminders", "--round", "2023", "--schedule", examples.path("schedule"),
               "--data", examples.path("reminder"), "--today", "08/9/2023", "-o", out,
               "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "cong-van-don-doc-so-cong-thuong.docx", "cong-van-don-doc-so-tu-phap.docx"]
    text = _text(out / "cong-van-don-doc-so-cong-thuong.docx")
    assert "Kính gửi: Sở Công Thương." in text
    assert "đến nay, Sở Công Thương chưa gửi báo cáo tự kiểm tra (hạn gửi: 07/9/2023)" in text
    assert "trước ngày 11/9/2023" in text


def test_a_report_already_in_counts_as_received(cli, db, tmp_path):
    today = dt.date.today().strftime("%d/%m/%Y")
    proc = cli("reminders", "--round", "2023", "--schedule", examples.path("schedule"),
               "--data", examples.path("reminder"), "--today", today, "--one",
               "-o", tmp_path / "cv", "--db", db)
    assert proc.returncode == 0, proc.stderr
    text = _text(tmp_path / "cv" / "cong-van-don-doc.docx")
    assert "các cơ quan, đơn vị sau chưa gửi báo cáo tự kiểm tra: Sở Công Thương (hạn " \
           "07/9/2023); Sở Tài chính (hạn 08/9/2023)" in text
    assert "Sở Tư pháp" not in text


def test_nothing_late_writes_nothing(cli, db, tmp_path):
    proc = cli("reminders", "--round", "2023", "--schedule", examples.path("schedule"),
               "--data", examples.path("reminder"), "--today", "01/9/2023",
               "-o", tmp_path / "cv", "--db", db)
    assert proc.returncode == 0 and "Không có đơn vị nào quá hạn" in proc.stdout
    assert not (tmp_path / "cv").exists()


def test_bad_reminder_data_names_file_and_path(cli, db, tmp_path):
    data = copy.deepcopy(examples.load("reminder"))
    data["new_deadline"] = "11/9/2023"
    bad = tmp_path / "cv.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = cli("reminders", "--round", "2023", "--schedule", examples.path("schedule"),
               "--data", bad, "--today", "08/9/2023", "-o", tmp_path / "cv", "--db", db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert str(bad) in proc.stderr and "$.new_deadline" in proc.stderr
    assert not (tmp_path / "cv").exists()


def test_the_schedule_stored_in_the_round_serves_deadlines_and_reminders(cli, db, tmp_path):
    proc = cli("round", "schedule", "2023", examples.path("schedule"), "--db", db)
    assert proc.returncode == 0 and "5 đơn vị" in proc.stdout
    proc = cli("round", "deadlines", "2023", "--today", "08/9/2023", "--json", "--db", db)
    rows = {r["unit"]: r for r in json.loads(proc.stdout)}
    assert rows["Sở Công Thương"]["status_label"] == "quá hạn"
    assert rows["Sở Tài chính"]["status_label"] == "sắp đến hạn"
    assert rows["Sở Công Thương"]["deadline"] == "2023-09-07"
    proc = cli("reminders", "--round", "2023", "--data", examples.path("reminder"),
               "--today", "08/9/2023", "--one", "-o", tmp_path / "cv", "--db", db)
    assert proc.returncode == 0, proc.stderr
    text = _text(tmp_path / "cv" / "cong-van-don-doc.docx")
    assert "Sở Tư pháp (hạn 07/9/2023); Sở Công Thương (hạn 07/9/2023)" in text
    proc = cli("round", "add-unit", "2023", "Sở Giáo dục và Đào tạo", "--visit", "05/10/2023",
               "--db", db)
    assert proc.returncode == 0 and "kiểm tra đột xuất ngày 05/10/2023" in proc.stdout
