"""Run by test_zip_bombs.py in its own process: upload one file to POST /api/extract
of a fresh service (real extractor, real upload limit) and print the status, the
error code and the process's peak RSS (VmHWM) as JSON."""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def main(path: str, name: str) -> None:
    from argon2 import PasswordHasher, profiles
    from fastapi.testclient import TestClient

    from cchc.service import users
    from cchc.service.app import create_app

    users.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{tmp}/svc.db", secret="probe-secret",
                         upload_limit_bytes=20 * 1024 * 1024, data_dir=Path(tmp))
        users.add_user(app.state.archive, "staff", "mat-khau-dai-1", "staff")
        with TestClient(app) as client:
            token = client.post("/api/auth/token", json={"username": "staff",
                                                         "password": "mat-khau-dai-1"})
            headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
            before = peak_mb()
            with open(path, "rb") as fh:
                r = client.post("/api/extract", headers=headers, files={"file": (name, fh)})
        app.state.jobs.shutdown()
        app.state.archive.close()
    body = r.json()
    print(json.dumps({"status": r.status_code, "body": body, "before_mb": before,
                      "peak_mb": peak_mb()}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
