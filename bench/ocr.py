"""Scanned pages per minute: cchc's OCR extraction vs plain sequential Tesseract.

Usage: python bench/ocr.py [--pages N] [--dpi D] [--jobs J]

Makes a report, scans it (skew, noise, JPEG, a stamp, a page turned 90°), then
times (1) cchc: the whole OCR path of extraction on all cores (page preparation,
Tesseract, table rebuild, number re-reading, mapping to the 16 columns), and
(2) plain `tesseract page.png - -l vie` one page after another on the same page
images, with OMP_THREAD_LIMIT=1 and with Tesseract's default threading; the faster
of the two is the baseline. The last line is ``ratio: X.XX`` (cchc / plain).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.core.office import convert  # noqa: E402
from cchc.extractors.interpret.stats_table import find_stats  # noqa: E402
from cchc.extractors.ocr.pages import default_jobs, ocr_pdf  # noqa: E402
from cchc.extractors.ocr.stats import find_stats_tables, form_tables  # noqa: E402
from cchc.extractors.tools.synthetic_scans import (  # noqa: E402
    STANDARD,
    make_report_docx,
    make_rows,
    make_scan,
    render_pdf_pages,
)


def make_pages(folder: Path, pages: int, dpi: int) -> tuple[Path, list[Path]]:
    docx = make_report_docx(folder / "report.docx", make_rows(seed=7))
    (pdf,) = convert([docx], "pdf", folder)
    plan = [STANDARD[i % len(STANDARD)] for i in range(pages)]
    scan = make_scan(pdf, folder / "scan.pdf", dpi=dpi, plan=plan)
    pngs = []
    for i, image in enumerate(render_pdf_pages(scan, dpi)):
        path = folder / f"page{i:03d}.png"
        image.save(path, dpi=(dpi, dpi))
        pngs.append(path)
    return scan, pngs


def cpu_seconds() -> float:
    """CPU used so far by this process and its waited-for descendants."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def time_cchc(scan: Path, jobs: int) -> float:
    start = time.perf_counter()
    document = ocr_pdf(scan, jobs=jobs)
    find_stats(form_tables(find_stats_tables(document)), [])
    return time.perf_counter() - start


def time_plain(pngs: list[Path], one_thread: bool) -> float:
    env = dict(os.environ)
    if one_thread:
        env["OMP_THREAD_LIMIT"] = "1"
    else:
        env.pop("OMP_THREAD_LIMIT", None)
    start = time.perf_counter()
    for png in pngs:
        subprocess.run(["tesseract", str(png), "-", "-l", "vie"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-ocr-") as tmp:
        scan, pngs = make_pages(Path(tmp), args.pages, args.dpi)
        n = len(pngs)
        print(f"pages: {n} scanned at {args.dpi} dpi; cores: {args.jobs}")
        load = os.getloadavg()[0]
        if load > 0.5:
            print(f"note: load average {load:.1f} before the run; other work on this "
                  "machine slows the parallel pass most")
        cpu0 = cpu_seconds()
        cchc_s = time_cchc(scan, args.jobs)
        cpu1 = cpu_seconds()
        single_s = time_plain(pngs, one_thread=True)
        cpu2 = cpu_seconds()
        default_s = time_plain(pngs, one_thread=False)
    per_min = {"cchc": n * 60 / cchc_s, "plain_omp1": n * 60 / single_s,
               "plain_default": n * 60 / default_s}
    print(f"cchc extract (all cores):              {per_min['cchc']:6.1f} pages/min "
          f"({cchc_s:.1f} s)")
    print(f"tesseract -l vie, OMP_THREAD_LIMIT=1:  {per_min['plain_omp1']:6.1f} pages/min "
          f"({single_s:.1f} s)")
    print(f"tesseract -l vie, default threads:     {per_min['plain_default']:6.1f} pages/min "
          f"({default_s:.1f} s)")
    cchc_cpu, plain_cpu = (cpu1 - cpu0) / n, (cpu2 - cpu1) / n
    print(f"CPU per page: cchc {cchc_cpu:.2f} s, plain (OMP_THREAD_LIMIT=1) {plain_cpu:.2f} s; "
          f"on {args.jobs} idle cores cchc would reach about "
          f"{args.jobs * plain_cpu / cchc_cpu:.2f}x")
    best_plain = max(per_min["plain_omp1"], per_min["plain_default"])
    print(f"ratio: {per_min['cchc'] / best_plain:.2f}")


if __name__ == "__main__":
    main()
