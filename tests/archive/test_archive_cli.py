"""The archive commands as a user runs them: messages, exit codes, files written."""

from __future__ import annotations

import json
import zipfile

import pytest
from archive_plan import PLAN
from archive_records import make_record, write_record


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "ke-hoach.json"
    path.write_text(json.dumps(PLAN, ensure_ascii=False), encoding="utf-8")
    return path


def ok(result):
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_round_create_list_show(cchc, db_url, plan_file):
    out = ok(cchc("round", "create", "2023", "--plan", plan_file, "--db", db_url))
    assert "Đã tạo đợt kiểm tra '2023' (năm 2023), 4 đơn vị" in out
    rounds = json.loads(ok(cchc("round", "list", "--json", "--db", db_url)))
    assert [(r["code"], r["units_scheduled"]) for r in rounds] == [("2023", 4)]
    shown = json.loads(ok(cchc("round", "show", "2023", "--json", "--db", db_url)))
    assert shown["units"][2] == {"unit": "UBND huyện Tân Yên", "short": "Tân Yên",
                                 "level": "huyện", "quarter": "III",
                                 "group": "UBND các huyện", "report_version": None}
    again = cchc("round", "create", "2023", "--db", db_url)
    assert again.returncode == 2 and "đợt kiểm tra '2023' đã có" in again.stderr


def test_import_batch_reports_each_file_and_goes_on(cchc, db_url, tmp_path):
    ok(cchc("round", "create", "2023", "--db", db_url))
    warning = {"code": "stats.sum_mismatch", "where": "tthc_stats.total",
               "message": "Dòng tổng không bằng tổng các dòng"}
    a = write_record(tmp_path, "a.json", make_record("SỞ XÂY DỰNG", warnings=[warning]))
    b = write_record(tmp_path, "b.json", make_record("Sở Xây dựng", seed=3))
    bad = tmp_path / "hong.json"
    bad.write_text('{"kind": "unit_report",\n  oops}', encoding="utf-8")
    result = cchc("archive", "import", "--round", "2023", a, bad, a, b, "--db", db_url)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == f"{a}: đã lưu — Sở Xây dựng, phiên bản 1"
    assert "cảnh báo [stats.sum_mismatch] tthc_stats.total: Dòng tổng" in result.stdout
    assert f"{a}: tệp này đã có trong đợt 2023 (Sở Xây dựng, phiên bản 1" in result.stdout
    assert f"{b}: đã lưu phiên bản mới — Sở Xây dựng, phiên bản 2" in result.stdout
    assert f"{bad}: JSON sai cú pháp ở dòng 2" in result.stderr
    assert "1/4 tệp không nhập được vào đợt 2023" in result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(ok(cchc("archive", "list", "--all-versions", "--json", "--db", db_url)))
    assert [(r["version"], r["current"]) for r in listed] == [(1, False), (2, True)]


def test_show_gives_back_the_original_file(cchc, db_url, tmp_path):
    ok(cchc("round", "create", "2023", "--db", db_url))
    a = write_record(tmp_path, "a.json", make_record("Sở Tư pháp"))
    ok(cchc("archive", "import", "--round", "2023", a, "--db", db_url))
    out = ok(cchc("archive", "show", "1", "--original", tmp_path / "back.json", "--db", db_url))
    assert "Báo cáo số 1 — Sở Tư pháp, đợt 2023, phiên bản 1" in out
    assert (tmp_path / "back.json").read_bytes() == a.read_bytes()


def test_export_and_import_dump_commands(cchc, db_url, tmp_path):
    source = f"sqlite:///{tmp_path / 'nguon.db'}"
    ok(cchc("round", "create", "2023", "--db", source))
    a = write_record(tmp_path, "a.json", make_record("Sở Tư pháp"))
    ok(cchc("archive", "import", "--round", "2023", a, "--db", source))
    out = ok(cchc("archive", "export", "-o", tmp_path / "kho.jsonl", "--db", source))
    assert "Đã kết xuất" in out
    ok(cchc("archive", "import-dump", tmp_path / "kho.jsonl", "--db", db_url))
    listed = json.loads(ok(cchc("archive", "list", "--json", "--db", db_url)))
    assert [(r["unit"], r["filename"]) for r in listed] == [("Sở Tư pháp", "a.json")]


def test_recommendation_commands(cchc, db_url):
    ok(cchc("round", "create", "2023", "--db", db_url))
    added = json.loads(ok(cchc("recommendations", "add", "--round", "2023", "--unit",
                              "Sở Xây dựng", "--text", "Rà soát quy trình", "--deadline",
                              "2020-01-31", "--json", "--db", db_url)))
    assert added["status"] == "overdue"
    missing = cchc("recommendations", "update", str(added["id"]), "--status", "remedied",
                  "--db", db_url)
    assert missing.returncode == 2 and "--evidence" in missing.stderr
    out = ok(cchc("recommendations", "update", str(added["id"]), "--status", "remedied",
                 "--evidence", "Quyết định 45/QĐ-SXD", "--db", db_url))
    assert "đã khắc phục" in out
    listed = json.loads(ok(cchc("recommendations", "list", "--round", "2023", "--status",
                               "open", "--json", "--db", db_url)))
    assert listed == []


def test_db_from_environment_and_clear_errors(cli, tmp_path):
    env = {"CCHC_DB": f"sqlite:///{tmp_path / 'env.db'}"}
    ok(cli("round", "create", "2025", env=env))
    assert (tmp_path / "env.db").is_file()
    missing = cli("archive", "import", "--round", "2030", tmp_path / "x.json", env=env)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    bad_url = cli("round", "list", "--db", "mysql://x/y")
    assert bad_url.returncode == 2 and "chỉ hỗ trợ SQLite và PostgreSQL" in bad_url.stderr
    no_dir = cli("round", "create", "2026", "--db",
                 f"sqlite:///{tmp_path / 'khong-co' / 'a.db'}")
    assert no_dir.returncode == 2 and "không tồn tại" in no_dir.stderr


def test_unexpected_failure_in_one_file_does_not_stop_the_batch(cchc, db_url, tmp_path,
                                                                monkeypatch):
    from cchc.usecases import intake

    def broken_extractor(incoming):
        raise ValueError("bảng hỏng")

    monkeypatch.setattr(intake, "extract", broken_extractor)
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    ok(cchc("round", "create", "2023", "--db", db_url))
    a = write_record(tmp_path, "a.json", make_record("Sở Tư pháp"))
    broken = tmp_path / "vo.docx"
    with zipfile.ZipFile(broken, "w") as zf:  # a Word file by its parts; its reader fails
        zf.writestr("word/document.xml", "<w:document/>")
    b = write_record(tmp_path, "b.json", make_record("Sở Xây dựng"))
    result = cchc("archive", "import", "--round", "2023", a, broken, b, "--db", db_url)
    assert result.returncode == 2
    assert f"{broken}: lỗi không mong đợi (đặt CCHC_DEBUG=1" in result.stderr
    assert "ValueError" not in result.stderr  # no class name, no library words (issue 22)
    listed = json.loads(ok(cchc("archive", "list", "--json", "--db", db_url)))
    assert sorted(r["filename"] for r in listed) == ["a.json", "b.json"]


def test_unreachable_postgresql_is_named_without_password(cli):
    result = cli("round", "list", "--db", "postgresql://nguoidung:bimat@127.0.0.1:1/cchc")
    assert result.returncode == 2
    assert "không mở được kho lưu trữ postgresql+psycopg://nguoidung:***@127.0.0.1:1/cchc" \
        in result.stderr
    assert "bimat" not in result.stderr


def test_conclusion_without_plan_names_the_missing_fields(cchc, db_url, tmp_path):
    ok(cchc("round", "create", "2023", "--db", db_url))
    record = write_record(tmp_path, "stp.json", make_record("Sở Tư pháp"))
    ok(cchc("archive", "import", "--round", "2023", record, "--db", db_url))
    out = tmp_path / "tb.docx"
    result = cchc("generate", "conclusion", "--round", "2023", "--unit", "Sở Tư pháp",
                  "-o", out, "--db", db_url)
    assert result.returncode != 0 and not out.exists()
    assert "'issuer'" in result.stderr and "'signer'" in result.stderr
    assert "kế hoạch của đợt 2023" in result.stderr and "--findings" in result.stderr
    assert "Traceback" not in result.stderr
