"""Many reports at once: worker processes, a progress bar, one summary table.

One bad file must never stop the batch, so each file's CchcError (or unexpected
failure) is captured as its row's error and the batch goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from cchc.core.cells import csv_row
from cchc.core.errors import CchcError, cli_message
from cchc.core.outfile import atomic_path, write_text
from cchc.extractors.interpret.kind import NotAReport
from cchc.extractors.record import extract_file


@dataclass
class Outcome:
    file: str
    output: str | None = None
    unit: str | None = None
    rows: int | None = None
    indicators: int | None = None
    warnings: int | None = None
    error: str | None = None
    status: str = "ok"  # ok, refused (not a unit report) or error


def _one(path: str, out: str, limits: dict) -> Outcome:
    try:
        record = extract_file(path, **limits)
    except NotAReport as exc:
        return Outcome(file=path, error=exc.render(), status="refused")
    except CchcError as exc:
        return Outcome(file=path, error=exc.render(), status="error")
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return Outcome(file=path, error=cli_message(exc), status="error")
    write_text(out, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    stats = record.get("tthc_stats")
    return Outcome(file=path, output=out, unit=record["unit"]["name"],
                   rows=len(stats["rows"]) if stats else 0,
                   indicators=len(record["indicators"]), warnings=len(record["warnings"]))


def output_names(files: list[Path], outdir: Path) -> list[Path]:
    """STEM.json, or STEM.EXT.json when two inputs share a stem."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    names, used = [], set()
    for f in files:
        name = f"{f.stem}.json" if stems[f.stem] == 1 else f"{f.name}.json"
        n = 2
        while name in used:
            name = f"{f.name}-{n}.json"
            n += 1
        used.add(name)
        names.append(outdir / name)
    return names


def run_batch(files: list[Path], outdir: Path, *, jobs: int = 1, limits: dict | None = None,
              progress: bool | None = None) -> list[Outcome]:
    limits = limits or {}
    outs = output_names(files, outdir)
    results: dict[int, Outcome] = {}
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(len(files)) if show else None
    try:
        if jobs <= 1:
            for i, (f, o) in enumerate(zip(files, outs, strict=True)):
                results[i] = _one(str(f), str(o), limits)
                bar and bar.advance()
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_one, str(f), str(o), limits): i
                           for i, (f, o) in enumerate(zip(files, outs, strict=True))}
                for fut in as_completed(futures):
                    i = futures[fut]
                    try:
                        results[i] = fut.result()
                    except Exception:  # noqa: BLE001 - a crashed worker is one file's error
                        results[i] = Outcome(file=str(files[i]), status="error",
                                             error="tiến trình xử lý tệp này bị dừng đột ngột "
                                             "(có thể do thiếu bộ nhớ)")
                    bar and bar.advance()
    finally:
        bar and bar.close()
    ordered = [results[i] for i in range(len(files))]
    write_summary(ordered, outdir / "summary.csv")
    return ordered


HEADERS = ("Tệp", "Kết quả", "Đơn vị", "Số dòng", "Chỉ tiêu", "Cảnh báo", "Lỗi")


def write_summary(outcomes: list[Outcome], target: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS)   # staff open it in Excel: the same words as the printed table
    for o in outcomes:  # names and messages come from the files: text, never a formula
        w.writerow(csv_row((o.file, _STATUS[o.status], o.unit, o.rows, o.indicators,
                            o.warnings, o.error)))
    with atomic_path(target) as tmp:
        tmp.write_text(buf.getvalue(), encoding="utf-8-sig")


_STATUS = {"ok": "đã trích xuất", "refused": "từ chối (không phải báo cáo)", "error": "lỗi"}


def _n(v) -> str:
    return "" if v is None else str(v)


def summary_table(outcomes: list[Outcome]):
    from rich.table import Table

    table = Table(title="Kết quả trích xuất")
    for h in HEADERS:
        table.add_column(h, overflow="fold")
    for o in outcomes:
        table.add_row(Path(o.file).name, _STATUS[o.status], o.unit or "", _n(o.rows),
                      _n(o.indicators), _n(o.warnings), (o.error or "").split("\n")[0])
    return table


class _Progress:
    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._p = Progress("[progress.description]{task.description}", BarColumn(),
                           MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
        self._p.start()
        self._task = self._p.add_task("Đang trích xuất", total=total)

    def advance(self) -> None:
        self._p.advance(self._task)

    def close(self) -> None:
        self._p.stop()
