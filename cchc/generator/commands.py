"""``cchc generate``, ``cchc validate`` and ``cchc template``: documents from data."""

from __future__ import annotations

from pathlib import Path

import click

from cchc.core.errors import CchcError

OUT = click.Path(dir_okay=False, path_type=Path)
DATA = click.Path(dir_okay=False, path_type=Path)


def _require_suffix(path: Path, suffix: str) -> None:
    if path.suffix.lower() != suffix:
        raise CchcError(f"tệp kết quả phải có đuôi {suffix}", file=str(path))


class GenerateGroup(click.Group):
    """``cchc generate --template MY.docx DATA.json -o OUT.docx`` needs no subcommand name."""

    def parse_args(self, ctx, args):
        if any(a == "--template" or a.startswith("--template=") for a in args) and (
                not args or args[0] not in self.commands):
            args = ["from-template", *args]
        return super().parse_args(ctx, args)


@click.group("generate", cls=GenerateGroup)
def generate() -> None:
    """Sinh văn bản, biểu mẫu từ dữ liệu JSON.

    \b
    cchc generate plan DATA.json -o ke-hoach.docx [--pdf]
    cchc generate outline DATA.json -o de-cuong.docx [--fill BAO-CAO.json]
    cchc generate stats-form DATA.json -o bieu-mau.xlsx
    cchc generate --template MAU.docx DATA.json -o KET-QUA.docx
    """


def _emit(written: list[Path]) -> None:
    for path in written:
        click.echo(f"Đã tạo: {path}")


def _kind_command(kind) -> click.Command:
    """``cchc generate KIND DATA -o OUT`` for one entry of the registry of kinds."""
    suffix = f".{kind.formats[0]}"
    params = [click.Argument([kind.data_name.lower()], type=DATA),
              click.Option(["-o", "--output"], required=True, type=OUT,
                           help=f"Tệp {suffix} sẽ tạo.")]
    for item in kind.inputs:
        params.append(click.Option([item.flag, item.name], type=DATA if item.schema else str,
                                   nargs=item.nargs, required=item.required,
                                   metavar=item.metavar, help=item.help))
    if "pdf" in kind.formats:
        params.append(click.Option(["--pdf"], is_flag=True,
                                   help="Tạo thêm bản PDF qua LibreOffice."))

    def run(output: Path, pdf: bool = False, **given) -> None:
        from cchc.schemas.validate import load_json

        from .documents import render_kind, write_docx

        _require_suffix(output, suffix)
        data = given.pop(kind.data_name.lower())
        inputs = {item.name: _input(item, given.get(item.name)) for item in kind.inputs}
        payload = load_json(data)
        blob = render_kind(kind.name, payload, source=str(data), **inputs)
        _emit(write_docx(blob, output, pdf=pdf))
        if kind.note:
            click.echo(f"({kind.note(payload)})")

    return click.Command(kind.name, callback=run, params=params, help=kind.summary)


def _input(item, value):
    """A JSON input is read from its file; a plain value (or none) passes through."""
    if item.schema is None or value is None:
        return value or None
    from cchc.schemas.validate import load_json

    return load_json(value)


def _register_kinds() -> None:
    from .documents import KINDS

    for kind in KINDS.values():
        generate.add_command(_kind_command(kind))


_register_kinds()


@generate.command("from-template", hidden=True)
@click.option("--template", "template", required=True, type=DATA,
              help="Mẫu docxtpl (.docx) do cơ quan tự soạn.")
@click.argument("data", type=DATA)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
@click.option("--filters", "filters_path", type=DATA,
              help="Tệp Python của bạn định nghĩa các bộ lọc Jinja mà mẫu dùng.")
@click.option("--missing", type=click.Choice(["refuse", "blank"]), default="refuse",
              show_default=True,
              help="Biến thiếu trong dữ liệu: refuse = báo lỗi; blank = để trống và cảnh báo.")
def from_template(template: Path, data: Path, output: Path, pdf: bool,
                  filters_path: Path | None, missing: str) -> None:
    """Hiển thị một mẫu docxtpl bất kỳ với dữ liệu DATA (đối tượng JSON)."""
    from cchc.schemas.validate import check_text, load_json

    from .documents import write_docx
    from .isolated import render_isolated

    _require_suffix(output, ".docx")
    payload = load_json(data)
    if not isinstance(payload, dict):
        raise CchcError("dữ liệu cho mẫu phải là một đối tượng JSON ({…})", file=str(data))
    check_text(payload, file=str(data))
    warnings: list[str] = []
    blob = render_isolated(template, payload, filters_path=filters_path,
                           missing_ok=missing == "blank", warnings=warnings)
    for line in warnings:
        click.echo(f"Cảnh báo: để trống {line}", err=True)
    _emit(write_docx(blob, output, pdf=pdf))


@click.command("validate")
@click.argument("kind")
@click.argument("data", type=DATA)
def validate(kind: str, data: Path) -> None:
    """Kiểm tra DATA theo lược đồ KIND (plan, outline, stats, report, …)."""
    from cchc.schemas.validate import check, load_json

    check(kind, load_json(data), file=str(data))
    click.echo(f"{data}: hợp lệ theo lược đồ '{kind}'.")


@click.group("template")
def template() -> None:
    """Làm việc với mẫu văn bản docxtpl."""


@template.command("vars")
@click.argument("path", type=DATA)
def template_vars(path: Path) -> None:
    """Liệt kê các biến mà mẫu PATH sử dụng (kể cả khi mẫu dùng bộ lọc cchc chưa biết)."""
    from .render import CompiledTemplate

    for name in sorted(CompiledTemplate(path, compile_parts=False).variables()):
        click.echo(name)


commands: list = [generate, validate, template]
