"""Build the independent corpus.

    python -m bench.independent.make [OUTDIR] [--half tuned|sealed|both] [--force]


Writes OUTDIR/<half>/<files> and OUTDIR/<half>/truth/<file>.json (contract v1.1 records, or
{"refused": true} for non-reports). Regeneration is skipped when the generator's code hash
(every .py under bench/independent) matches OUTDIR/<half>/.hash.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import random
import shutil
import sys
import time
from pathlib import Path

from . import habits as habit_plan
from .compose import Composer
from .docx_writer import write_docx
from .office import convert

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = Path("out/independent")
SEEDS = {"tuned": 20230311, "sealed": 77104519}


def code_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(HERE.rglob("*.py")) + sorted(HERE.rglob("*.json")):
        h.update(p.relative_to(HERE).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def pool_for(half: str):
    return importlib.import_module(
        "bench.independent.sealed.words" if half == "sealed" else "bench.independent.words")


def build_half(half: str, out: Path, only: set[str] | None = None) -> list[str]:
    """Generate one half into out (emptied first). Returns the file names written."""
    from . import nonreports, rl_pdf, scan, xlsx_writer

    if out.exists():
        shutil.rmtree(out)
    (out / "truth").mkdir(parents=True)
    work = out / ".work"
    work.mkdir()
    rng = random.Random(SEEDS[half])
    pool = pool_for(half)
    plan = habit_plan.plan(half, rng)
    if only:
        plan = [e for e in plan if e["fmt"] in only]
    written: list[str] = []
    to_pdf, to_doc, to_lo, scans = [], [], [], []
    for i, e in enumerate(plan):
        erng = random.Random(f"{SEEDS[half]}-{i}-{e['fmt']}")
        name = e["name"]
        if e["fmt"] == "nonreport":
            written.append(nonreports.write(e, erng, out, half))
            continue
        doc = Composer(erng, pool, e["habits"], name).build(e.get("stats_place", "end"))
        fmt = e["fmt"]
        if fmt == "xlsx":
            path = out / f"{name}.xlsx"
            xlsx_writer.write_xlsx(doc, path, erng)
        elif fmt == "pdf-rl":
            path = out / f"{name}.pdf"
            rl_pdf.write_pdf(doc, path)
        else:
            enc = {"tcvn3": "tcvn3", "vni": "vni"}.get(fmt)
            src = work / f"{name}.docx"
            write_docx(doc, src, encoding=enc)
            if fmt in ("docx", "tcvn3", "vni"):
                path = out / f"{name}.docx"
                if e.get("producer") == "libreoffice":
                    to_lo.append((src, path))
                else:
                    shutil.copy(src, path)
            elif fmt == "pdf":
                path = out / f"{name}.pdf"
                to_pdf.append((src, path))
            elif fmt == "doc":
                path = out / f"{name}.doc"
                to_doc.append((src, path))
            elif fmt == "scan":
                path = out / f"{name}.{e['scan'].get('ext', 'pdf')}"
                to_pdf.append((src, None))
                scans.append((work / f"{name}.pdf", path, e["scan"], erng))
        (out / "truth" / f"{path.name}.json").write_text(
            json.dumps(doc.truth, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "truth" / f"{path.name}.aux.json").write_text(
            json.dumps(doc.aux, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path.name)
    lo_dir = work / "lo"
    lo_dir.mkdir()
    for target, items in (("pdf", to_pdf), ("doc", to_doc), ("docx", to_lo)):
        made = convert([s for s, _ in items], target, lo_dir)
        for (_src, dst), m in zip(items, made):
            shutil.move(str(m), dst if dst else work / m.name)
    for pdf, dst, opts, erng in scans:
        scan.make_scan(pdf, dst, opts, erng)
    shutil.rmtree(work)
    return written


def ensure(outdir: Path, halves: list[str], force: bool = False) -> dict[str, Path]:
    """Build the halves unless their code hash is unchanged; return {half: folder}."""
    h = code_hash()
    res = {}
    for half in halves:
        d = outdir / half
        stamp = d / ".hash"
        if not force and stamp.exists() and stamp.read_text() == h:
            res[half] = d
            continue
        t0 = time.time()
        names = build_half(half, d)
        stamp.write_text(h)
        print(f"{half}: {len(names)} tệp trong {time.time() - t0:.0f} s → {d}", file=sys.stderr)
        res[half] = d
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", nargs="?", default=str(DEFAULT_OUT))
    ap.add_argument("--half", choices=["tuned", "sealed", "both"], default="both")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    halves = ["tuned", "sealed"] if a.half == "both" else [a.half]
    ensure(Path(a.outdir), halves, a.force)


if __name__ == "__main__":
    main()
