"""``cchc demo OUTDIR``: the whole example round from the bundled data.

It is the first thing a new user runs (``make demo``), so it prints each file it
writes and carries on past a missing LibreOffice (the PDFs are then skipped, with
a note saying which package to install).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

import examples
from cchc import office


def load(name: str) -> dict:
    return json.loads(examples.path(name).read_text(encoding="utf-8"))


def _documents(out: Path, pdf: bool) -> list[Path]:
    from generator.documents import render_kind, write_docx
    from generator.stats_form import write_stats_form

    written: list[Path] = []
    for kind, name in (("plan", "01-ke-hoach-kiem-tra.docx"),
                       ("outline", "02-de-cuong-kiem-tra.docx")):
        written += write_docx(render_kind(kind, load(kind)), out / name)
    blank = {**load("stats"), "rows": [], "total": None, "blank_rows": 10}
    blank.pop("unit", None)
    blank["period"] = {"from": None, "to": None}
    write_stats_form(blank, out / "03-bieu-mau-thong-ke.xlsx")
    write_stats_form(load("stats"), out / "04-bieu-mau-thong-ke-da-dien.xlsx")
    written += [out / "03-bieu-mau-thong-ke.xlsx", out / "04-bieu-mau-thong-ke-da-dien.xlsx"]
    written += write_docx(render_kind("conclusion", load("conclusion")),
                          out / "05-thong-bao-ket-luan-mau.docx")
    if pdf:
        written += office.convert([p for p in written if p.suffix == ".docx"], "pdf", out)
    return sorted(written)


@click.command("demo")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="out")
@click.option("--pdf/--no-pdf", default=None,
              help="Tạo bản PDF (mặc định: có, nếu máy có LibreOffice).")
def demo(outdir: Path, pdf: bool | None) -> None:
    """Chạy đợt kiểm tra mẫu (Bắc Giang 2023) và ghi mọi văn bản vào OUTDIR."""
    if pdf is None:
        pdf = bool(shutil.which("soffice") or shutil.which("libreoffice"))
        if not pdf:
            click.echo("Lưu ý: không có LibreOffice nên bỏ qua bản PDF "
                       "(cài gói libreoffice-writer-nogui để có PDF).")
    outdir.mkdir(parents=True, exist_ok=True)
    click.echo(f"Đợt kiểm tra mẫu: Bắc Giang 2023 → {outdir}/")
    for path in _documents(outdir, pdf):
        click.echo(f"  Đã tạo: {path}")


commands: list = [demo]
