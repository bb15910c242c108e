"""`cchc extract` as a user runs it: one file to stdout, a batch to a folder."""

from __future__ import annotations

import csv
import json
import shutil

from tests.conftest import run_cli
from tests.corpus.compare import differences


def test_single_file_prints_utf8_json(corpus):
    path, expected = corpus["d02_paras_roman_prose.docx"]
    proc = run_cli("extract", str(path), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "SỞ TƯ PHÁP" in proc.stdout  # not ASCII-escaped
    assert "\\u" not in proc.stdout
    assert differences(json.loads(proc.stdout), expected) == []


def test_batch_in_parallel_survives_a_bad_file(corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    names = ["d01_table_arabic_bullets.docx", "p03_ve_counts.pdf", "x01_stats_form.xlsx"]
    for name in names:
        shutil.copy(corpus[name][0], inputs / name)
    (inputs / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    files = [str(inputs / n) for n in [names[0], "hong.docx", *names[1:]]]
    proc = run_cli("extract", *files, "-o", str(out), "--jobs", "2", timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "hong.docx" in proc.stderr
    for name in names:
        record = json.loads((out / (name.rsplit(".", 1)[0] + ".json")).read_text("utf-8"))
        assert differences(record, corpus[name][1]) == []
    assert not (out / "hong.json").exists()
    with (out / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Tệp"] for r in rows] == files
    by_file = {r["Tệp"].rsplit("/", 1)[1]: r for r in rows}
    assert by_file["hong.docx"]["Lỗi"] and by_file["hong.docx"]["Kết quả"] == "lỗi"
    assert by_file["d01_table_arabic_bullets.docx"] == {
        **by_file["d01_table_arabic_bullets.docx"], "Kết quả": "đã trích xuất",
        "Đơn vị": "SỞ XÂY DỰNG", "Số dòng": "3", "Chỉ tiêu": "14", "Cảnh báo": "0", "Lỗi": ""}
    assert by_file["x01_stats_form.xlsx"]["Số dòng"] == "3"
    assert "SỞ XÂY DỰNG" in proc.stdout  # the summary table


def test_batch_names_outputs_apart_when_stems_collide(corpus, tmp_path):
    a = corpus["d01_table_arabic_bullets.docx"][0]
    b = tmp_path / "d01_table_arabic_bullets.pdf"
    shutil.copy(corpus["p01_table_arabic.pdf"][0], b)
    out = tmp_path / "out"
    proc = run_cli("extract", str(a), str(b), "-o", str(out), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.glob("*.json")) == [
        "d01_table_arabic_bullets.docx.json", "d01_table_arabic_bullets.pdf.json"]


def test_many_files_need_an_output_folder(corpus):
    a = corpus["d01_table_arabic_bullets.docx"][0]
    proc = run_cli("extract", str(a), str(a), timeout=60)
    assert proc.returncode == 2
    assert "-o" in proc.stderr


def test_a_folder_stands_for_its_reports(corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("d03_letters_counts.docx", "x01_stats_form.xlsx"):
        shutil.copy(corpus[name][0], inputs / name)
    (inputs / "ghi-chu.txt").write_text("không phải báo cáo", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("extract", str(inputs), "-o", str(out), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.glob("*.json")) == ["d03_letters_counts.json",
                                                          "x01_stats_form.json"]
    empty = tmp_path / "rong"
    empty.mkdir()
    proc = run_cli("extract", str(empty), "-o", str(out), timeout=60)
    assert proc.returncode == 2 and "không có tệp báo cáo" in proc.stderr
