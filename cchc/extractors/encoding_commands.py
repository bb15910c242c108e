"""`cchc convert-encoding`: a Unicode copy of a TCVN3/VNI Word file.

Registered by the lead in extractors/commands.py (``commands.append(convert_encoding)``).
"""

from __future__ import annotations

from pathlib import Path

import click

from cchc.core.errors import CchcError

from .legacy_docx import convert_docx


@click.command("convert-encoding")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp DOCX Unicode sẽ ghi ra.")
def convert_encoding(source: Path, output: Path) -> None:
    """Chuyển văn bản TCVN3 (.VnTime) hoặc VNI (VNI-Times) trong tệp DOCX sang Unicode."""
    if source.suffix.lower() != ".docx":
        raise CchcError("chỉ chuyển được tệp .docx (tệp .doc hãy mở bằng Word/LibreOffice "
                        "và lưu thành .docx trước)", file=str(source))
    if output.resolve() == source.resolve():
        raise CchcError("tệp ra phải khác tệp vào (không ghi đè bản gốc)", file=str(output))
    report = convert_docx(source, output)
    if not report.runs_converted:
        click.echo(f"{source}: không có đoạn văn bản mã TCVN3/VNI nào; đã ghi bản sao "
                   f"vào {output}")
        return
    parts = ", ".join(f"{n} đoạn {enc.upper()}" for enc, n in sorted(report.by_encoding.items()))
    fonts = ", ".join(sorted(report.fonts))
    click.echo(f"{source}: đã chuyển {parts} (phông {fonts}) sang Unicode, "
               f"Times New Roman → {output}")


commands = [convert_encoding]
