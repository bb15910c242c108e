"""Internal details never reach users (issue 22.9): no temporary path, no class name, no
English library message; a Vietnamese message naming the file and the field instead."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cchc import examples
from cchc.core import jsonload, office
from cchc.core.errors import DISK_FULL, UNEXPECTED, CchcError, plain_message

CCHC = str(Path(sys.executable).parent / "cchc")
LEAKS = re.compile(r"/tmp/|<class|Error\b|Exception|Traceback|limit \(|sys\.set_int|"
                   r"site-packages|Resource limit")


def _assert_clean(text: str) -> None:
    assert not LEAKS.search(text), text


def test_json_with_a_ten_thousand_digit_number_names_the_file_and_field():
    text = '{"unit": {"name": "Sở A"}, "rows": [{"received": %s}]}' % ("9" * 10_000)
    with pytest.raises(CchcError) as err:
        jsonload.loads(text, "bao-cao.json")
    assert err.value.file == "bao-cao.json"
    assert err.value.message.startswith("$.rows[0].received: số có 10.000 chữ số")
    _assert_clean(err.value.render())
    assert jsonload.loads('{"n": 123456789012, "x": 1.5}') == {"n": 123456789012, "x": 1.5}


def test_json_with_a_twenty_megabyte_string_names_the_field():
    with pytest.raises(CchcError) as err:
        jsonload.loads(json.dumps({"title": "A" * 20_000_000}), "ke-hoach.json")
    assert err.value.message.startswith("$.title: chuỗi dài 20.000.000 ký tự")


@pytest.mark.parametrize("exc, expected", [
    (OSError(errno.ENOSPC, "No space left on device"), DISK_FULL),
    (sqlite3.OperationalError("database or disk is full"), DISK_FULL),
    (ValueError("Exceeds the limit (4300 digits) for integer string conversion"),
     "có số quá dài (hơn 4.300 chữ số), không phải số liệu thật"),
    (RuntimeError("<class 'RuntimeError'>: /tmp/x/original.doc"), UNEXPECTED),
    (MemoryError(), "không đủ bộ nhớ để xử lý dữ liệu này"),
])
def test_plain_message_is_vietnamese_and_hides_internals(exc, expected):
    assert plain_message(exc) == expected
    _assert_clean(plain_message(exc))


def test_disk_full_is_found_behind_a_wrapper():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("write failed") from inner
    except RuntimeError as outer:
        assert plain_message(outer) == DISK_FULL


def test_a_broken_doc_is_named_without_temporary_paths_or_libreoffice_words(tmp_path,
                                                                           monkeypatch):
    """Cold path: soffice converts nothing and says why in its own words (paths, English)."""
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho \"Error: source file could not be loaded "
                    f"{tmp_path}/x/original.doc\" >&2\n")
    fake.chmod(0o755)
    monkeypatch.setattr(office, "soffice_path", lambda: str(fake))
    broken = tmp_path / "bao-cao-hong.doc"
    broken.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + os.urandom(2000))
    with pytest.raises(CchcError) as err:
        office.convert([broken], "pdf", tmp_path / "out")
    assert "bao-cao-hong.doc" in err.value.message and "hỏng" in err.value.message
    assert str(tmp_path) not in err.value.render()
    _assert_clean(err.value.render())


def test_the_warm_converters_refusal_is_named_without_its_words(tmp_path):
    """Warm path: the worker's answer (a class name, a temporary path) stays in the log."""
    from cchc.core import office_warm

    class Refusing:
        def alive(self):
            return True

        def convert(self, source, target, fmt):
            raise RuntimeError("<class 'RuntimeError'>: Could not load /tmp/cchc-x/original.doc")

    pool = office_warm.WarmPool(1)
    pool.started.set()
    pool.idle.put(Refusing())
    try:
        with pytest.raises(CchcError) as err:
            pool.convert(tmp_path / "bao-cao-hong.doc", tmp_path / "a.pdf")
    finally:
        shutil.rmtree(pool.workdir, ignore_errors=True)
    assert "bao-cao-hong.doc" in err.value.message
    _assert_clean(err.value.render())


def _cli(*args, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DEBUG"}
    return subprocess.run([CCHC, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def test_cli_says_which_field_is_too_long_without_python_or_install_paths(tmp_path):
    plan = examples.path("plan").read_text(encoding="utf-8")
    (tmp_path / "so.json").write_text(plan.replace("{", '{"x": %s, ' % ("9" * 10_000), 1),
                                      encoding="utf-8")
    data = json.loads(plan)
    data["title"] = "A" * 20_000_000
    (tmp_path / "tieu-de.json").write_text(json.dumps(data), encoding="utf-8")
    for name, field in (("so.json", "$.x: số có 10.000 chữ số"),
                        ("tieu-de.json", "$.title: chuỗi dài 20.000.000 ký tự")):
        res = _cli("generate", "plan", name, "-o", "out.docx", cwd=tmp_path)
        assert res.returncode != 0 and f"{name}: {field}" in res.stderr, res.stderr
        _assert_clean(res.stderr)
        assert "templates/plan.docx" not in res.stderr
        assert not (tmp_path / "out.docx").exists()
    assert shutil.which(CCHC) or Path(CCHC).exists()
