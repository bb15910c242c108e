"""`cchc examples DIR` copies every bundled example out, and never overwrites by surprise."""

from __future__ import annotations

import json

from cchc import examples


def test_copies_every_example_and_they_validate(cli, tmp_path):
    proc = cli("examples", "vi-du", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    bundled = sorted(p.relative_to(examples.HERE) for p in examples.HERE.rglob("*.json"))
    copied = sorted(p.relative_to(tmp_path / "vi-du") for p in (tmp_path / "vi-du").rglob("*"))
    assert [p for p in copied if p.suffix] == bundled
    for rel in bundled:
        assert (tmp_path / "vi-du" / rel).read_bytes() == (examples.HERE / rel).read_bytes()
    proc = cli("validate", "plan", "vi-du/plan.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_an_edited_copy_is_kept_unless_overwrite_is_asked(cli, tmp_path):
    assert cli("examples", cwd=tmp_path).returncode == 0
    plan = tmp_path / "examples" / "plan.json"
    plan.write_text('{"edited": true}', encoding="utf-8")
    proc = cli("examples", cwd=tmp_path)
    assert proc.returncode != 0
    assert "--overwrite" in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(plan.read_text(encoding="utf-8")) == {"edited": True}
    assert cli("examples", "--overwrite", cwd=tmp_path).returncode == 0
    assert plan.read_bytes() == (examples.HERE / "plan.json").read_bytes()


def test_a_file_in_the_way_is_refused_in_vietnamese(cli, tmp_path):
    (tmp_path / "examples").write_text("x", encoding="utf-8")
    proc = cli("examples", cwd=tmp_path)
    assert proc.returncode != 0 and "không phải thư mục" in proc.stderr
