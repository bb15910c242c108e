"""Commands of the generator subsystem, registered by cli.py."""

from __future__ import annotations

from pathlib import Path

import click

from cchc.errors import CchcError


@click.group("generate")
def generate() -> None:
    """Sinh văn bản, biểu mẫu từ dữ liệu JSON."""


@generate.command("stats-form")
@click.argument("data", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp Excel (.xlsx) sẽ tạo.")
def stats_form(data: Path, output: Path) -> None:
    """Biểu mẫu Excel THỐNG KÊ KẾT QUẢ GIẢI QUYẾT TTHC từ DATA (lược đồ stats).

    Không có dòng số liệu thì tạo biểu mẫu trống để đơn vị điền; có thì điền sẵn.
    """
    from generator.stats_form import write_stats_form
    from schemas.validate import load_valid

    if output.suffix.lower() != ".xlsx":
        raise CchcError("tệp kết quả phải có đuôi .xlsx", file=str(output))
    payload = load_valid("stats", data)
    write_stats_form(payload, output, source=str(data))
    kind = "đã điền số liệu" if payload.get("rows") else "trống"
    click.echo(f"Đã tạo biểu mẫu thống kê ({kind}): {output}")


commands: list = [generate]
