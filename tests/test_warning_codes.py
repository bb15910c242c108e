"""Every warning code cchc writes into a record is in the one registry, with a label."""

from __future__ import annotations

import re
from pathlib import Path

from cchc.core.warning_codes import DOUBTFUL, WARNING_CODES, label

CCHC = Path(__file__).resolve().parents[1] / "cchc"
WRITTEN = (re.compile(r'warning\(\s*"([a-z]+\.[a-z_]+)"'),
           re.compile(r'"code":\s*"([a-z]+\.[a-z_]+)"'))


def _written() -> dict[str, str]:
    found = {}
    for path in CCHC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in WRITTEN:
            for code in pattern.findall(text):
                found.setdefault(code, str(path.relative_to(CCHC)))
    return found


def test_the_source_writes_codes_and_the_scan_finds_them():
    found = _written()
    assert {"extract.uncertain", "stats.sum_mismatch", "annex.conflict",
            "manual.correction"} <= set(found)


def test_every_written_code_is_registered():
    missing = {c: where for c, where in _written().items() if c not in WARNING_CODES}
    assert missing == {}


def test_labels_are_vietnamese_and_doubtful_codes_registered():
    assert label("stats.sum_mismatch") == "Tổng không khớp" and label("x.y") == "Cảnh báo"
    assert set(DOUBTFUL) <= set(WARNING_CODES)
