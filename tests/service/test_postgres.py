"""The same service on PostgreSQL (the shared-server setup): the main flow end to end.

PostgreSQL comes from CCHC_TEST_PG_URL (``.ci/run`` starts a server); without it
this test is skipped, never silently passed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from svc_helpers import PASSWORD, ROLES, login_tokens, wait_job
from svc_reports import fake_extract, report_docx

from cchc.service import users
from cchc.service.app import create_app
from tests.pg import PG_URL, empty_database

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not PG_URL, reason="CCHC_TEST_PG_URL is not set "
                                "(bash .ci/start-postgres starts a server)")


@pytest.fixture
def pg_client(tmp_path):
    url = empty_database("svc")
    app = create_app(url, secret="pg", data_dir=tmp_path, extractor=fake_extract)
    for role in ROLES:
        users.add_user(app.state.archive, role, PASSWORD, role)
    with TestClient(app) as c:
        yield c
    app.state.jobs.shutdown()
    app.state.archive.close()


def test_round_flow_on_postgresql(pg_client):
    c = pg_client
    t = login_tokens(c)
    plan = json.loads((ROOT / "cchc" / "examples" / "plan.json").read_text(encoding="utf-8"))
    assert c.post("/api/rounds", headers=t["admin"], json={"code": "2023", "plan": plan}) \
        .status_code == 201
    job = c.post("/api/rounds/2023/drafts", headers=t["staff"], files=[
        ("files", ("a.docx", report_docx("Sở Xây dựng", "8,55"))),
        ("files", ("b.docx", report_docx("Sở Tài chính", "90")))]).json()
    assert wait_job(c, t["staff"], job["url"])["status"] == "done"
    drafts = c.get("/api/rounds/2023/drafts", headers=t["viewer"]).json()
    sxd = next(d for d in drafts if d["unit"] == "Sở Xây dựng")
    path = "$.indicators.full_process_dvc_ratio.value"
    r = c.patch(f"/api/drafts/{sxd['id']}", headers=t["staff"], json={"path": path,
                                                                      "value": "85,5"})
    assert r.status_code == 200, r.text
    for d in drafts:
        assert c.post(f"/api/drafts/{d['id']}/accept", headers=t["staff"]).status_code == 200
    dash = c.get("/api/rounds/2023", headers=t["viewer"]).json()
    assert dash["units_reported"] == 2 and dash["pending_drafts"] == 0
    concl = json.loads((ROOT / "cchc" / "examples" / "conclusion.json").read_text(encoding="utf-8"))
    findings = {k: v for k, v in concl.items() if k not in ("unit", "year", "kind")}
    r = c.post("/api/rounds/2023/conclusions", headers=t["staff"],
               json={"unit": "Sở Xây dựng", "findings": findings})
    assert r.status_code == 201, r.text
    assert c.get(r.json()["url"], headers=t["viewer"]).content[:2] == b"PK"
    assert c.get("/api/rounds/2023", headers=t["viewer"]).json()["open_recommendations"] == 3
    log = c.get("/api/audit", headers=t["admin"]).json()
    assert {("staff", "correct"), ("staff", "import"), ("admin", "create")} <= {
        (e["user"], e["action"]) for e in log}
