"""``cchc examples DIR``: the bundled example data, copied out where a user can open it.

After ``pip install`` the example files live inside the installed package, so the
README's commands (``cchc generate plan examples/plan.json``) could not find them. This
command writes them to a folder of the user's choosing; an existing file is never
overwritten unless asked, so a user's edited copy is not lost.
"""

from __future__ import annotations

from pathlib import Path

import click

from cchc import examples
from cchc.core import outfile
from cchc.core.errors import CchcError


def example_files() -> list[Path]:
    """Every example data file, relative to the package's folder."""
    return sorted(p.relative_to(examples.HERE) for p in examples.HERE.rglob("*.json"))


def copy_examples(target: Path, overwrite: bool) -> list[Path]:
    """Copy the examples into ``target``; refuse before writing anything if one exists."""
    wanted = [(examples.HERE / rel, target / rel) for rel in example_files()]
    existing = [dst for _, dst in wanted if dst.exists()]
    if existing and not overwrite:
        raise CchcError(f"đã có {len(existing)} tệp, ví dụ '{existing[0]}'; "
                        "thêm --overwrite để ghi đè", file=str(target))
    for src, dst in wanted:
        dst.parent.mkdir(parents=True, exist_ok=True)
        outfile.write_bytes(dst, src.read_bytes())
    return [dst for _, dst in wanted]


@click.command("examples")
@click.argument("target", type=click.Path(path_type=Path),
                default="examples")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp ví dụ đã có trong thư mục.")
def examples_command(target: Path, overwrite: bool) -> None:
    """Chép dữ liệu mẫu (đợt kiểm tra Bắc Giang 2023) ra thư mục TARGET (mặc định: examples)."""
    if target.exists() and not target.is_dir():
        raise CchcError("đường dẫn đã có và không phải thư mục", file=str(target))
    written = copy_examples(target, overwrite)
    for path in written:
        click.echo(str(path))
    click.echo(f"Đã chép {len(written)} tệp dữ liệu mẫu vào {target}/")


commands: list = [examples_command]
