"""Background-job throughput on PostgreSQL: 1 against 2 ``cchc worker`` processes.

    python bench/jobs.py --kind docx|pdf|scan [--n N] [--pages P] [--workers 1,2]

Needs CCHC_TEST_PG_URL (``eval "$(bash .ci/start-postgres)"``). For each worker
count: a fresh database, ``cchc serve --job-workers 0`` (it only queues) and that
many ``cchc worker --concurrency 1`` processes; N files go to ``/api/extract/batch``
and the time from the 202 to the job's end gives files/s (and pages/s for scans).
Files: real reports along the outline (docx), the same as PDF (pdf), or scans of
P pages each with skew, noise and a stamp (scan). Last line: ``ratio: X.XX`` =
throughput with the most workers over throughput with one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "service"))

from svc_procs import Proc, add_admin, free_port, poll, reports, token, wait_health  # noqa: E402

from cchc.archive.db import normalise_url  # noqa: E402


def files_for(kind: str, n: int, pages: int, tmp: Path) -> list[tuple[str, bytes]]:
    docs = reports(n if kind != "scan" else 1)
    if kind == "docx":
        return docs
    from cchc.core import office
    folder = tmp / "src"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, data in docs:
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    with office.warm(1):
        pdfs = office.convert(paths, "pdf", folder)
    if kind == "pdf":
        return [(p.name, p.read_bytes()) for p in pdfs]
    from cchc.extractors.tools.synthetic_scans import STANDARD, make_scan
    out = []
    for k in range(n):  # each scan its own noise seed: distinct bytes
        plan = [STANDARD[(i + k) % len(STANDARD)] for i in range(pages)]
        scan = make_scan(pdfs[0], folder / f"scan{k}.pdf", dpi=200, plan=plan)
        out.append((f"scan{k:02d}.pdf", Path(scan).read_bytes()))
    return out


def fresh(url: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def run(url: str, files: list, workers: int, tmp: Path) -> float:
    fresh(url)
    env = {**os.environ, "CCHC_SECRET": "bench"}
    add_admin(url, env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    procs = [Proc(["serve", "--db", url, "--port", str(port), "--data-dir", str(tmp),
                   "--job-workers", "0", "--office-workers", "0", "--upload-limit-mb", "50"],
                  env, tmp / "serve.log")]
    procs += [Proc(["worker", "--db", url, "--concurrency", "1"], env, tmp / f"w{i}.log")
              for i in range(workers)]
    try:
        for p in procs:
            p.start()
        wait_health(base, procs[0])
        time.sleep(3)  # the workers connect and listen
        h = token(base)
        r = httpx.post(f"{base}/api/extract/batch", headers=h, timeout=300,
                       files=[("files", f) for f in files])
        assert r.status_code == 202, r.text
        started = time.perf_counter()
        job = poll(base, h, r.json()["url"], lambda j: j["status"] not in ("queued", "running"),
                   timeout=7200)
        took = time.perf_counter() - started
        bad = [x for x in job["results"] if not x["ok"]]
        assert not bad, bad[:2]
        spread = Counter(p["worker"] for x in job["results"] for p in x.get("ocr_pages", []))
        if spread:  # a scan's pages as queue tasks: who read how many
            print(f"  pages read per worker: {sorted(spread.values(), reverse=True)}")
        return took
    finally:
        for p in procs:
            p.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=("docx", "pdf", "scan"), default="docx")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    url = os.environ.get("CCHC_TEST_PG_URL")
    if not url:
        sys.exit("CCHC_TEST_PG_URL is not set (eval \"$(bash .ci/start-postgres)\")")
    rates = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-jobs-") as tmp:
        files = files_for(args.kind, args.n, args.pages, Path(tmp))
        for w in [int(x) for x in args.workers.split(",")]:
            took = run(url, files, w, Path(tmp))
            rates[w] = len(files) / took
            extra = (f", {rates[w] * args.pages * 60:.1f} pages/min"
                     if args.kind == "scan" else "")
            print(f"{args.kind}: {w} worker(s): {len(files)} files in {took:.1f} s = "
                  f"{rates[w] * 60:.1f} files/min{extra}  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    print(f"ratio: {rates[max(rates)] / rates[min(rates)]:.2f}")


if __name__ == "__main__":
    main()
