"""A batch survives kill -9 of every process that runs it (issue 14).

50 real reports are submitted; once the first results are in, the server (and on
PostgreSQL the worker) are killed with SIGKILL, then started again. The job must
end ``done`` with all 50 reports in the round, once each: the bytes were kept
before the 202, the dead workers' leases run out, the items run again, and the
import is idempotent by content hash.
"""

from __future__ import annotations

import os

import httpx
import pytest
from sqlalchemy import create_engine, text
from svc_procs import Proc, add_admin, free_port, poll, reports, token, wait_health

from cchc.archive.db import normalise_url
from tests.pg import PG_URL, empty_database

N = 50
LEASE = "4"  # seconds: a dead worker's items come back after this (default 60)


def env_for(tmp_path) -> dict:
    return {**os.environ, "CCHC_SECRET": "crash-test", "CCHC_JOB_LEASE_SECONDS": LEASE}


def submit(base: str) -> tuple[dict, str]:
    h = token(base)
    # No plan: the fifty made-up units are not in any schedule, so a planned round
    # would hold every report for a person to choose its unit (archive.register).
    r = httpx.post(f"{base}/api/rounds", headers=h, json={"code": "2023"}, timeout=30)
    assert r.status_code == 201, r.text
    files = [("files", (name, data)) for name, data in reports(N)]
    r = httpx.post(f"{base}/api/rounds/2023/reports/batch", headers=h, files=files,
                   timeout=120)
    assert r.status_code == 202, r.text
    return h, r.json()["url"]


def finished_items(db_url: str) -> int:
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM svc_job_items "
                              "WHERE status IN ('done', 'failed')")).scalar()
    engine.dispose()
    return n


def crash_and_recover(tmp_path, db_url: str, make_procs) -> None:
    env = env_for(tmp_path)
    add_admin(db_url, env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    procs = make_procs(port, env, "1")
    for p in procs:
        p.start()
    try:
        wait_health(base, procs[0])
        h, url = submit(base)
        poll(base, h, url, lambda j: j["done"] >= 1, timeout=240)
        for p in procs:
            p.kill9()
        at_kill = finished_items(db_url)
        assert 1 <= at_kill < N, f"{at_kill} items finished before the kill: nothing to recover"

        procs = make_procs(port, env, "2")
        for p in procs:
            p.start()
        wait_health(base, procs[0])
        job = poll(base, h, url, lambda j: j["status"] not in ("queued", "running"),
                   timeout=400)
    finally:
        for p in procs:
            p.stop()
    logs = "\n".join(p.log.read_text(errors="replace")[-1500:] for p in procs)
    assert (job["status"], job["done"], job["total"]) == ("done", N, N), logs
    assert all(r["ok"] for r in job["results"])
    # every report in the archive once: no second version, no duplicate
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT unit_id, version FROM reports")).all()
    engine.dispose()
    assert len(rows) == N
    assert len({u for u, _ in rows}) == N and {v for _, v in rows} == {1}


def test_sqlite_server_alone_survives_kill9(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'crash.db'}"

    def make(port, env, run):
        return [Proc(["serve", "--db", db_url, "--port", str(port), "--data-dir",
                      str(tmp_path), "--job-workers", "2", "--office-workers", "0"],
                     env, tmp_path / f"serve{run}.log")]

    crash_and_recover(tmp_path, db_url, make)


@pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                    "(bash .ci/start-postgres starts a server)")
def test_postgres_server_and_worker_survive_kill9(tmp_path):
    db_url = empty_database("crash")

    def make(port, env, run):
        return [Proc(["serve", "--db", db_url, "--port", str(port), "--data-dir",
                      str(tmp_path), "--job-workers", "1", "--office-workers", "0"],
                     env, tmp_path / f"serve{run}.log"),
                Proc(["worker", "--db", db_url, "--concurrency", "2"], env,
                     tmp_path / f"worker{run}.log")]

    crash_and_recover(tmp_path, db_url, make)
