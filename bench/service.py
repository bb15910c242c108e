"""HTTP overhead of the service: extract and generate under 8 concurrent clients,
against the same work done in-process with 8 threads.

The server is a subprocess on 127.0.0.1 (loopback only) with a fresh SQLite
database; each phase is bounded by a request count and a time limit.

    python bench/service.py [REQUESTS_PER_KIND] [SECONDS_PER_PHASE]

Extraction uses the real extractors when installed, else the stand-in of
tests/service/reports.py (which reads the DOCX with python-docx); the script
says which. Last line: ``ratio: X.XX`` = in-process requests/s over HTTP
requests/s for the same work (1.00 would mean the HTTP layer costs nothing).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "service"))

CLIENTS = 8
PASSWORD = "bench-mat-khau"


def extractor():
    from cchc.service import adapters
    if adapters.available():
        return adapters.extract, "cchc.extractors.extract_file"
    from reports import fake_extract
    return fake_extract, "stand-in (tests/service/reports.py; extractors not installed)"


def sample_report(which: str) -> bytes:
    """A self-report the extractor in use can read: generated along the outline from an
    example record for the real extractors, the stand-in's small DOCX otherwise."""
    if which.startswith("extractors"):
        from cchc.generator.documents import render_report
        record = json.loads((ROOT / "cchc" / "examples" / "reports" / "so-xay-dung.json")
                            .read_text(encoding="utf-8"))
        outline = json.loads((ROOT / "cchc" / "examples" / "outline.json")
                             .read_text(encoding="utf-8"))
        return render_report(record, outline)
    from svc_reports import report_docx
    return report_docx("Sở Xây dựng", "85,5", 120)


def serve(port: int, db: str, data_dir: str) -> None:
    """Server mode (run in the subprocess)."""
    import uvicorn

    from cchc.service import users
    from cchc.service.app import create_app
    app = create_app(db, secret="bench", data_dir=data_dir, extractor=extractor()[0])
    users.add_user(app.state.archive, "bench", PASSWORD, "staff")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(work, n: int, seconds: float) -> tuple[list[float], float]:
    """Call ``work`` up to ``n`` times from CLIENTS threads, stopping at ``seconds``."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(n))
    stop = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < stop:
            with lock:
                if next(counter, None) is None:
                    return
            t0 = time.perf_counter()
            work()
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        for f in [pool.submit(client) for _ in range(CLIENTS)]:
            f.result()
    return latencies, time.perf_counter() - start


def report(label: str, latencies: list[float], wall: float) -> float:
    rate = len(latencies) / wall if wall else 0.0
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    print(f"{label:<22} {len(latencies):5d} req  {rate:8.1f} req/s  "
          f"p50 {q[49] * 1000:7.1f} ms  p95 {q[94] * 1000:7.1f} ms")
    return rate


def main() -> None:
    import httpx

    from cchc.service.adapters import extract_bytes
    from cchc.service.generate import generate

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    data = json.loads((ROOT / "cchc" / "examples" / "conclusion.json").read_text(encoding="utf-8"))
    extract_fn, which = extractor()
    blob = sample_report(which)
    print(f"extractor: {which}; {CLIENTS} clients; at most {n} requests or {seconds:.0f} s "
          "per phase")

    tmp = tempfile.mkdtemp(prefix="cchc-bench-")
    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(port),
                             f"sqlite:///{tmp}/bench.db", tmp],
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        token = httpx.post(f"{base}/api/auth/token",
                           json={"username": "bench", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        local = threading.local()

        def http_client() -> httpx.Client:
            if not hasattr(local, "c"):
                local.c = httpx.Client(base_url=base, headers=headers, timeout=60)
            return local.c

        def http_extract() -> None:
            r = http_client().post("/api/extract", files={"file": ("bc.docx", blob)})
            r.raise_for_status()

        def http_generate() -> None:
            r = http_client().post("/api/generate/conclusion", json=data)
            r.raise_for_status()

        def local_extract() -> None:
            extract_bytes(extract_fn, blob, "bc.docx")

        def local_generate() -> None:
            generate("conclusion", data)

        local_generate()
        http_generate()  # warm both template caches before timing
        totals = {"http": [0, 0.0], "in-process": [0, 0.0]}
        for kind, h, p in (("extract", http_extract, local_extract),
                           ("generate", http_generate, local_generate)):
            for mode, work in (("http", h), ("in-process", p)):
                lat, wall = run(work, n, seconds)
                report(f"{kind} {mode}", lat, wall)
                totals[mode][0] += len(lat)
                totals[mode][1] += wall
    finally:
        proc.terminate()
        proc.wait(10)
    rate = {m: c / w if w else 0.0 for m, (c, w) in totals.items()}
    print(f"overall: http {rate['http']:.1f} req/s, in-process {rate['in-process']:.1f} req/s")
    print(f"ratio: {rate['in-process'] / rate['http']:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        main()
