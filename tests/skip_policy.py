"""Skips are visible, and unexpected ones fail the run (a pytest plugin).

A skipped test is a test that did not run. The run prints each skip's reason with a
count; with ``CCHC_STRICT_SKIPS=1`` (set by ``.ci/test``, so by ``make test`` and CI) any
skip whose reason is not listed in ``tests/expected_skips.txt`` fails the run, so a
missing tool or server cannot hide as a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

EXPECTED_SKIPS = Path(__file__).resolve().parent / "expected_skips.txt"
_skips: list[tuple[str, str]] = []


def _strict() -> bool:
    return os.environ.get("CCHC_STRICT_SKIPS") == "1"


def _expected_reasons() -> list[str]:
    lines = EXPECTED_SKIPS.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _unexpected() -> list[tuple[str, str]]:
    allowed = _expected_reasons()
    return [(node, why) for node, why in _skips if not any(a in why for a in allowed)]


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skips.append((report.nodeid, _skip_reason(report)))


def pytest_terminal_summary(terminalreporter):
    if not _skips:
        return
    counts: dict[str, int] = {}
    for _, why in _skips:
        counts[why] = counts.get(why, 0) + 1
    terminalreporter.section(f"{len(_skips)} skipped")
    for why, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(f"{n:4d}  {why}")
    unexpected = _unexpected()
    if unexpected and _strict():
        terminalreporter.write_line(
            f"{len(unexpected)} unexpected skip(s), not in tests/expected_skips.txt:", red=True)
        for node, why in unexpected:
            terminalreporter.write_line(f"  {node}: {why}", red=True)


def pytest_sessionfinish(session, exitstatus):
    # Under pytest-xdist the controller sees every worker's reports and decides; a
    # worker (it has ``workerinput``) leaves its own status alone.
    if hasattr(session.config, "workerinput"):
        return
    if _strict() and exitstatus == 0 and _unexpected():
        session.exitstatus = 1
