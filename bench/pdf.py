"""PDF latency through the API: a warm LibreOffice against a cold soffice per request.

    python bench/pdf.py [REQUESTS] [KIND]

Two apps over the same fresh SQLite database, called in-process (TestClient): one
with ``office_workers=0`` (cold: soffice started for each PDF, as before issue 14),
one with ``office_workers=1`` (warm: one unoserver kept running; its start is not
counted: it happens before the first request, in the background, as in
``cchc serve``). Each does REQUESTS ``POST /api/generate/KIND?format=pdf`` in turn.
Last line: ``ratio: X.XX`` = cold median over warm median.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "service"))


def timed_requests(office_workers: int, kind: str, n: int, tmp: Path) -> list[float]:
    from fastapi.testclient import TestClient
    from svc_helpers import PASSWORD, close_app

    from cchc.core import office
    from cchc.service import users
    from cchc.service.app import create_app

    data = json.loads((ROOT / "cchc" / "examples" / f"{kind}.json").read_text(encoding="utf-8"))
    app = create_app(f"sqlite:///{tmp / f'bench{office_workers}.db'}", secret="bench",
                     data_dir=tmp, office_workers=office_workers)
    users.add_user(app.state.archive, "staff", PASSWORD, "staff")
    try:
        with TestClient(app) as c:
            r = c.post("/api/auth/token", json={"username": "staff", "password": PASSWORD})
            h = {"Authorization": f"Bearer {r.json()['access_token']}"}
            if office_workers and office._warm_pool is not None:
                started = time.perf_counter()
                office._warm_pool.ready()
                print(f"  warm start (not counted): {time.perf_counter() - started:.2f} s")
            if office_workers:  # the same request without LibreOffice: what rendering costs
                docx = [_timed(c, f"/api/generate/{kind}?format=docx", h, data, b"PK")
                        for _ in range(n)]
                print(f"  of which DOCX rendering (format=docx): median "
                      f"{statistics.median(docx):.3f} s")
            return [_timed(c, f"/api/generate/{kind}?format=pdf", h, data, b"%PDF-")
                    for _ in range(n)]
    finally:
        close_app(app)


def _timed(client, url: str, headers: dict, data: dict, magic: bytes) -> float:
    started = time.perf_counter()
    r = client.post(url, headers=headers, json=data)
    took = time.perf_counter() - started
    assert r.status_code == 200 and r.content.startswith(magic), r.text[:300]
    return took


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    kind = sys.argv[2] if len(sys.argv) > 2 else "plan"
    with tempfile.TemporaryDirectory(prefix="cchc-bench-pdf-") as tmp:
        results = {}
        for label, workers in (("cold", 0), ("warm", 1)):
            print(f"{label}: {n} × POST /api/generate/{kind}?format=pdf")
            times = timed_requests(workers, kind, n, Path(tmp))
            results[label] = statistics.median(times)
            print(f"  median {results[label]:.3f} s, min {min(times):.3f} s, "
                  f"max {max(times):.3f} s")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"ratio: {results['cold'] / results['warm']:.2f}")


if __name__ == "__main__":
    main()
