"""``cchc check`` as a user runs it: output lines, JSON, exit codes, bad files."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import zipfile

from cchc.checker import core
from cchc.checker.findings import RULES
from tests.checker.builder import build
from tests.conftest import ROOT, run_cli


def test_clean_file_exits_zero_with_summary(tmp_path):
    good = build(tmp_path / "good.docx")
    proc = run_cli("check", good)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{good}: đạt thể thức — 0 lỗi, 0 cảnh báo"


def test_error_line_names_rule_place_found_and_wanted(tmp_path):
    bad = build(tmp_path / "bad.docx", date="Bắc Giang, ngày 5 tháng 1 năm 2023")
    proc = run_cli("check", bad)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}: [LỖI] header.date.leading_zero — đoạn ")
    assert "«Bắc Giang, ngày 5 tháng 1 năm …»" in lines[0]
    assert "thấy: ngày 5 tháng 1; cần: ngày 05 tháng 01" in lines[0]
    assert lines[1] == f"{bad}: chưa đạt thể thức — 1 lỗi, 0 cảnh báo"


def test_json_output(tmp_path):
    good = build(tmp_path / "good.docx")
    bad = build(tmp_path / "bad.docx", margins=(20, 20, 25, 15))
    proc = run_cli("check", "--json", good, bad)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    files = {f["file"]: f for f in data["files"]}
    assert files[good]["ok"] is True and files[good]["findings"] == []
    finding = files[bad]["findings"][0]
    assert files[bad]["ok"] is False and files[bad]["errors"] == 1
    assert finding == {"rule_id": "page.margin.left", "severity": "error",
                       "where": "toàn văn bản", "found": "25 mm", "expected": "30–35 mm",
                       "message_vi": "Lề trái 25 mm; cần 30–35 mm."}


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    good = build(tmp_path / "good.docx")
    text = tmp_path / "notes.docx"
    text.write_text("không phải Word", encoding="utf-8")
    old_doc = tmp_path / "old.docx"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/document.xml", "<w:document")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    proc = run_cli("check", text, old_doc, broken, good, tmp_path / "missing.docx", folder)
    assert proc.returncode == 2
    out = proc.stdout
    assert f"{text}: không kiểm tra được — không phải tệp Word .docx" in out
    assert f"{old_doc}: không kiểm tra được — không chuyển được tệp .doc sang .docx" in out
    assert f"{broken}: không kiểm tra được — tệp .docx hỏng" in out
    assert f"{good}: đạt thể thức — 0 lỗi, 0 cảnh báo" in out
    assert f"{tmp_path / 'missing.docx'}: không kiểm tra được — không tìm thấy tệp" in out
    assert f"{folder}: không kiểm tra được — là thư mục, không phải tệp .docx" in out
    assert "Traceback" not in proc.stderr


def test_zip_bomb_is_refused(tmp_path):
    from tests.intake.zipbombs import lying_docx

    bomb = lying_docx(tmp_path / "bom.docx", real=64 * 1024 * 1024)
    result = core.check_file(bomb)
    assert result.failure and "word/document.xml" in result.failure
    assert "nghi tệp ZIP độc hại" in result.failure


def test_usage_errors(tmp_path):
    proc = run_cli("check")
    assert proc.returncode == 2 and "cần ít nhất một tệp" in proc.stderr
    good = build(tmp_path / "good.docx")
    proc = run_cli("check", good, "-o", tmp_path / "x.docx")
    assert proc.returncode == 2 and "-o chỉ dùng cùng --fix" in proc.stderr
    proc = run_cli("check", "--fix", good)
    assert proc.returncode == 2 and "--fix cần đúng một tệp vào" in proc.stderr


def test_rules_are_listed_and_documented():
    proc = run_cli("check", "--rules")
    assert proc.returncode == 0
    listed = [line.split("\t")[0] for line in proc.stdout.splitlines()]
    assert listed == list(RULES)
    doc = (ROOT / "cchc" / "checker" / "RULES.md").read_text(encoding="utf-8")
    missing = [rule for rule in RULES if f"`{rule}`" not in doc]
    assert missing == []


def test_unexpected_failure_in_one_file_does_not_stop_the_batch(tmp_path, monkeypatch):
    good = build(tmp_path / "good.docx")
    calls = []

    def flaky(document):
        calls.append(1)
        if len(calls) == 1:
            raise AttributeError("boom")
        return []

    monkeypatch.setattr(core, "check_document", flaky)
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    first, second = core.check_file(good), core.check_file(good)
    assert "AttributeError: boom" in first.failure
    assert second.failure is None and second.findings == []


def test_fix_json_lists_changes_and_remaining_findings(tmp_path):
    source = build(tmp_path / "in.docx", body_font="Arial", authority="Kt. Giám đốc")
    out = tmp_path / "out.docx"
    proc = run_cli("check", "--fix", "--json", source, "-o", out)
    assert proc.returncode == 1  # the authority's case is wording: not repaired
    (entry,) = json.loads(proc.stdout)["files"]
    assert entry["file"] == str(out)
    assert any("Times New Roman" in change for change in entry["changes"])
    assert [f["rule_id"] for f in entry["findings"]] == ["signature.authority"]


def _cli_command():
    return [sys.executable, "-m", "cchc.cli"]


def _env():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCHC_DEBUG", None)
    return env


def test_reader_closing_the_pipe_ends_quietly(tmp_path):
    """The reader closes its end before anything is written: every write meets a closed
    pipe, the command ends with its usual exit code and no message."""
    bad = build(tmp_path / "bad.docx", margins=(20, 20, 25, 15))
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "wb") as out:
        proc = subprocess.run([*_cli_command(), "check", bad, bad], stdout=out,
                              stderr=subprocess.PIPE, text=True, env=_env(), timeout=300)
    assert proc.stderr == ""
    assert proc.returncode == 1  # an error was found, as without the pipe


def test_check_piped_into_head(tmp_path):
    bad = build(tmp_path / "bad.docx", margins=(20, 20, 25, 15), body_font="Arial")
    cmd = " ".join(shlex.quote(str(a)) for a in [*_cli_command(), "check", *[bad] * 20])
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd} | head -1; "
                           "echo \"rc=${PIPESTATUS[0]}\""], capture_output=True, text=True,
                          env=_env(), timeout=300)
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{bad}: [LỖI] page.margin.left")
    assert lines[-1] == "rc=1"
    assert proc.stderr == ""
