"""Reports per second: `cchc extract` against the plain library pass over the same files.

The plain pass is the least any extractor must do: python-docx opening each DOCX
and visiting every paragraph and table cell; pdfplumber extracting the text and
the tables of every PDF page. cchc does that reading plus the interpretation and
the record's validation. Each pass runs in a fresh process so its peak memory is
its own; the cchc pass also reports its resident memory after the first tenth of
the batch and at the end, which must stay flat across a large batch.

    python bench/extract.py [N]     (default 500 reports per format)

One line per format, each ending "ratio: X.XX" (cchc time / plain pass time).
Targets: DOCX ≤ 1.50, PDF ≤ 1.30.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus.make_corpus import VARIANTS, build  # noqa: E402

SAMPLES = {"docx": [v for v in VARIANTS if v.fmt == "docx"],
           "pdf": [v for v in VARIANTS if v.fmt == "pdf"]}


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def plain_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def plain_pdf(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
            n += sum(len(t) for t in page.extract_tables())
            page.flush_cache()
    return n


def cchc_pass(path: Path) -> int:
    from cchc.extractors import extract_file

    return len(extract_file(path)["warnings"])


PASSES = {"plain-docx": plain_docx, "plain-pdf": plain_pdf, "cchc": cchc_pass}


def run_chunk(kind: str, files: list[str]) -> float:
    fn = PASSES[kind]
    start = time.perf_counter()
    for f in files:
        fn(Path(f))
    return time.perf_counter() - start


def memory() -> tuple[float, float]:
    """(peak RSS, current RSS) of this worker, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rss_mb()


def compare(fmt: str, files: list[str], chunks: int = 10) -> dict:
    """Both passes in their own long-lived worker, alternating chunk by chunk.

    Alternating spreads the noise of a shared machine evenly over the two passes;
    each worker keeps its memory for the whole batch, so growth would show.
    """
    size = max(1, len(files) // chunks)
    parts = [files[i:i + size] for i in range(0, len(files), size)]
    plain_kind = f"plain-{fmt}"
    out = {"plain": 0.0, "cchc": 0.0}
    with ProcessPoolExecutor(max_workers=1) as plain, ProcessPoolExecutor(max_workers=1) as ours:
        plain.submit(run_chunk, plain_kind, files[:1]).result()  # imports, first-use caches
        ours.submit(run_chunk, "cchc", files[:1]).result()
        for n, part in enumerate(parts):
            out["plain"] += plain.submit(run_chunk, plain_kind, part).result()
            out["cchc"] += ours.submit(run_chunk, "cchc", part).result()
            if n == 0:
                out["early_mb"] = ours.submit(memory).result()[1]
        out["plain_peak"] = plain.submit(memory).result()[0]
        out["cchc_peak"], out["end_mb"] = ours.submit(memory).result()
    out["first_chunk"] = len(parts[0])
    return out


def batch(folder: Path, fmt: str, n: int) -> list[str]:
    """n files, copies of the corpus variants of one format (distinct paths)."""
    made = [p for p, _ in build(folder / f"src-{fmt}", SAMPLES[fmt], xlsx=False)]
    out = folder / fmt
    out.mkdir()
    files = []
    for i in range(n):
        src = made[i % len(made)]
        target = out / f"{i:04d}-{src.name}"
        shutil.copyfile(src, target)
        files.append(str(target))
    return files


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        for fmt in ("docx", "pdf"):
            files = batch(Path(tmp), fmt, n)
            r = compare(fmt, files)
            ratio = r["cchc"] / r["plain"]
            print(f"{fmt}: {n} reports; plain pass {n / r['plain']:.1f} reports/s, "
                  f"peak {r['plain_peak']:.0f} MB; cchc {n / r['cchc']:.1f} reports/s, "
                  f"peak {r['cchc_peak']:.0f} MB, memory after {r['first_chunk']} reports "
                  f"{r['early_mb']:.0f} MB, after {n} {r['end_mb']:.0f} MB; "
                  f"ratio: {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
