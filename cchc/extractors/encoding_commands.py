"""`cchc convert-encoding`: a Unicode copy of a TCVN3/VNI Word file.

Registered by the lead in extractors/commands.py (``commands.append(convert_encoding)``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from cchc.core.errors import CchcError
from cchc.extractors.legacy.docx_text import convert_docx
from cchc.extractors.read.doc_reader import to_docx
from cchc.extractors.read.sniff import Limits, sniff_format


@click.command("convert-encoding")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp DOCX Unicode sẽ ghi ra.")
def convert_encoding(source: Path, output: Path) -> None:
    """Chuyển văn bản TCVN3 (.VnTime) hoặc VNI (VNI-Times) trong tệp Word sang Unicode.

    Tệp .doc (Word 97–2003, RTF, ODT) được LibreOffice chuyển sang .docx trước; tệp ra
    luôn là .docx."""
    if output.resolve() == source.resolve():
        raise CchcError("tệp ra phải khác tệp vào (không ghi đè bản gốc)", file=str(output))
    fmt = sniff_format(source, Limits())
    if fmt.name not in ("docx", "doc"):
        raise CchcError(f"chỉ chuyển được tài liệu Word (.docx, .doc); tệp này là {fmt.label}",
                        file=str(source))
    if fmt.name == "doc":
        with tempfile.TemporaryDirectory(prefix="cchc-enc-") as tmp:
            report = convert_docx(to_docx(source, Path(tmp)), output)
    else:
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
