"""Helpers of the service tests: a fresh app (SQLite in tmp, one user per role, the
stand-in extractor), tokens, waiting for jobs."""

from __future__ import annotations

import warnings

warnings.filterwarnings("ignore", message=".*httpx2.*")

from argon2 import PasswordHasher, profiles  # noqa: E402
from svc_reports import fake_extract  # noqa: E402

from cchc.service import users  # noqa: E402
from cchc.service.app import create_app  # noqa: E402

ROLES = ("viewer", "staff", "admin")
# The server's argon2 parameters cost ~0.5 s per hash on two cores; the format is the same.
users.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
PASSWORD = "mat-khau-dai-1"


def make_app(tmp_path, extractor=fake_extract):
    application = create_app(f"sqlite:///{tmp_path / 'svc.db'}", secret="test-secret",
                             upload_limit_bytes=256 * 1024, data_dir=tmp_path,
                             extractor=extractor)
    for role in ROLES:
        users.add_user(application.state.archive, role, PASSWORD, role)
    return application


def close_app(application) -> None:
    application.state.jobs.shutdown()
    application.state.archive.close()


def login_tokens(client) -> dict:
    out = {}
    for role in ROLES:
        r = client.post("/api/auth/token", json={"username": role, "password": PASSWORD})
        assert r.status_code == 200, r.text
        out[role] = {"Authorization": f"Bearer {r.json()['access_token']}"}
    return out


def wait_job(client, headers, url, timeout=30.0):
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(url, headers=headers).json()
        if job["status"] in ("done", "done_with_errors", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {job}")


def wait_stored_job(archive, job_id: str, timeout: float = 180) -> dict:
    """A job read from the service database (no HTTP) once it has ended."""
    import time

    from cchc.service import job_store

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = job_store.info(archive, job_id)
        if info["status"] in ("done", "done_with_errors", "failed"):
            return info
        time.sleep(0.1)
    raise AssertionError(job_store.info(archive, job_id))
