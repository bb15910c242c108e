"""Nothing is lost: an import killed midway leaves no trace and can be retried; two
importers at once store every file exactly once."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from archive_records import make_record, write_record
from sqlalchemy import func, select, text

from cchc.archive import store
from cchc.archive.db import open_archive
from cchc.archive.migrations import HEAD
from cchc.archive.models import AuditLog, OriginalFile, Report, Unit

WORKER = Path(__file__).with_name("import_worker.py")


def counts(archive) -> dict:
    with archive.sessions() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Report, OriginalFile, Unit, AuditLog)}


def start_worker(url, go, files, **env):
    return subprocess.Popen([sys.executable, str(WORKER), url, "2023", str(go), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})


def release(go: Path, workers: list) -> None:
    """Start the workers' imports together, once every one is ready."""
    deadline = time.monotonic() + 120
    while len(list(go.parent.glob(go.name + ".ready.*"))) < len(workers):
        assert time.monotonic() < deadline and all(w.poll() is None for w in workers)
        time.sleep(0.01)
    go.touch()


def test_exception_after_partial_writes_rolls_back(archive, monkeypatch):
    store.create_round(archive, "2023")  # no schedule: the report's unit is created
    before = counts(archive)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(store, "record_change", broken_audit)  # the import's audit row
    with pytest.raises(RuntimeError):
        store.import_record(archive, "2023", make_record("UBND xã Mới"), b"x" * 10_000, "x.docx")
    assert counts(archive) == before  # not the report, not the bytes, not the new unit
    monkeypatch.undo()
    result = store.import_record(archive, "2023", make_record("UBND xã Mới"), b"x" * 10_000,
                                 "x.docx")
    assert (result.status, result.version) == ("stored", 1)


def test_import_killed_midway_leaves_archive_consistent(archive, db_url, tmp_path):
    store.create_round(archive, "2023")  # no schedule: the report's unit is created
    path = write_record(tmp_path, "xa-moi.json", make_record("UBND xã Mới", seed=7))
    before = counts(archive)
    go = tmp_path / "go"
    go.touch()
    proc = start_worker(db_url, go, [path], CCHC_TEST_KILL_AFTER_WRITE="1")
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    with archive.sessions() as s:  # what the killed process wrote is gone
        assert s.scalar(select(Unit).where(Unit.name == "UBND xã Mới")) is None
    assert counts(archive) == before
    retry = start_worker(db_url, go, [path])
    out, err = retry.communicate(timeout=120)
    assert retry.returncode == 0, err
    assert json.loads(out)["status"] == "stored"
    report = store.list_reports(archive, "2023")[0]
    assert store.get_report(archive, report["id"], with_original=True)["original"] \
        == path.read_bytes()


def test_two_concurrent_importers_lose_nothing(archive, db_url, tmp_path):
    store.create_round(archive, "2023")  # no schedule: units are created under the race
    units = [f"UBND xã Thử {i}" for i in range(6)] + ["SỞ XÂY DỰNG", "Sở Tư pháp"]
    first = [write_record(tmp_path, f"a{i}.json", make_record(u, seed=i))
             for i, u in enumerate(units)]
    second = [write_record(tmp_path, f"b{i}.json", make_record(u, seed=100 + i))
              for i, u in enumerate(units)]
    go = tmp_path / "go"
    # Overlapping work: both import every first version; each also brings new versions.
    workers = [start_worker(db_url, go, first + second[:5]),
               start_worker(db_url, go, first[2:] + first[:2] + second[3:])]
    release(go, workers)
    results = []
    for proc in workers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]
    assert not [r for r in results if "error" in r]
    stored = [r for r in results if r["status"] != "duplicate"]
    assert sorted(Path(r["file"]).name for r in stored) == sorted(
        p.name for p in first + second)  # each distinct file stored exactly once
    reports = store.list_reports(archive, "2023", all_versions=True)
    assert len(reports) == 2 * len(units)
    versions = collections.defaultdict(list)
    for r in reports:
        versions[r["unit"]].append(r["version"])
    assert len(versions) == len(units)
    assert all(sorted(v) == [1, 2] for v in versions.values())
    assert counts(archive)["original_files"] == 2 * len(units)
    with archive.sessions() as s:  # no unit created twice under a race
        keys = s.scalars(select(Unit.key)).all()
    assert len(keys) == len(set(keys))


OPEN_SCRIPT = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from cchc.archive.db import open_archive
go = Path(sys.argv[2])
Path(f"{{go}}.ready.{{sys.argv[3]}}").touch()
while not go.exists():
    time.sleep(0.005)
open_archive(sys.argv[1]).close()
"""


def test_processes_opening_a_new_archive_at_once_migrate_it_once(db_url, tmp_path):
    """The first open creates the tables; others at the same moment wait and reuse them."""
    go = tmp_path / "go"
    script = OPEN_SCRIPT.format(root=str(WORKER.parents[2]))
    workers = [subprocess.Popen([sys.executable, "-c", script, db_url, str(go), str(n)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(3)]
    release(go, workers)
    for proc in workers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with open_archive(db_url) as archive:
        with archive.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars() \
                .all() == [HEAD]
        store.create_round(archive, "2023")
