"""``cchc generate``, ``cchc validate`` and ``cchc template``: documents from data."""

from __future__ import annotations

from pathlib import Path

import click

from cchc.errors import CchcError

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


@generate.command("plan")
@click.argument("data", type=DATA)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
def plan(data: Path, output: Path, pdf: bool) -> None:
    """Kế hoạch kiểm tra theo thể thức Nghị định 30/2020 từ DATA (lược đồ plan)."""
    from cchc.schemas.validate import load_json

    from .documents import render_kind, write_docx

    _require_suffix(output, ".docx")
    _emit(write_docx(render_kind("plan", load_json(data), source=str(data)), output, pdf=pdf))


@generate.command("outline")
@click.argument("data", type=DATA)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--fill", "fill", type=DATA,
              help="Bản ghi báo cáo (lược đồ report) để điền chỉ tiêu và biểu thống kê.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
def outline(data: Path, output: Path, fill: Path | None, pdf: bool) -> None:
    """Đề cương kiểm tra kèm biểu thống kê (trang ngang) từ DATA (lược đồ outline)."""
    from cchc.schemas.validate import load_json, load_valid

    from .documents import render_kind, write_docx

    _require_suffix(output, ".docx")
    report = load_valid("report", fill) if fill else None
    blob = render_kind("outline", load_json(data), source=str(data), report=report)
    _emit(write_docx(blob, output, pdf=pdf))


@generate.command("report")
@click.argument("record", type=DATA)
@click.option("--outline", "outline_path", required=True, type=DATA,
              help="Đề cương kiểm tra (lược đồ outline) mà báo cáo đi theo.")
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--parent", help="Tên cơ quan chủ quản, ví dụ \"UBND TỈNH BẮC GIANG\".")
@click.option("--signer", nargs=3, metavar="QUYỀN CHỨC-VỤ HỌ-TÊN",
              help='Người ký, ví dụ: "KT. GIÁM ĐỐC" "PHÓ GIÁM ĐỐC" "Trần Văn Hùng".')
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
def report(record: Path, outline_path: Path, output: Path, parent: str | None,
           signer: tuple[str, str, str] | None, pdf: bool) -> None:
    """Báo cáo của đơn vị theo Đề cương kiểm tra, từ bản ghi RECORD (lược đồ report)."""
    from cchc.schemas.validate import load_json

    from .documents import render_report, write_docx

    _require_suffix(output, ".docx")
    who = dict(zip(("authority", "title", "name"), signer)) if signer else None
    blob = render_report(load_json(record), load_json(outline_path), parent=parent, signer=who,
                         source=str(record))
    _emit(write_docx(blob, output, pdf=pdf))


@generate.command("stats-form")
@click.argument("data", type=DATA)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Excel (.xlsx) sẽ tạo.")
def stats_form(data: Path, output: Path) -> None:
    """Biểu mẫu Excel THỐNG KÊ KẾT QUẢ GIẢI QUYẾT TTHC từ DATA (lược đồ stats).

    Không có dòng số liệu thì tạo biểu mẫu trống để đơn vị điền; có thì điền sẵn.
    """
    from cchc.generator.stats_form import write_stats_form
    from cchc.schemas.validate import load_valid

    _require_suffix(output, ".xlsx")
    payload = load_valid("stats", data)
    write_stats_form(payload, output, source=str(data))
    kind = "đã điền số liệu" if payload.get("rows") else "trống"
    click.echo(f"Đã tạo biểu mẫu thống kê ({kind}): {output}")


@generate.command("from-template", hidden=True)
@click.option("--template", "template", required=True, type=DATA,
              help="Mẫu docxtpl (.docx) do cơ quan tự soạn.")
@click.argument("data", type=DATA)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
def from_template(template: Path, data: Path, output: Path, pdf: bool) -> None:
    """Hiển thị một mẫu docxtpl bất kỳ với dữ liệu DATA (đối tượng JSON)."""
    from cchc.schemas.validate import load_json

    from .documents import write_docx
    from .render import CompiledTemplate

    _require_suffix(output, ".docx")
    payload = load_json(data)
    if not isinstance(payload, dict):
        raise CchcError("dữ liệu cho mẫu phải là một đối tượng JSON ({…})", file=str(data))
    _emit(write_docx(CompiledTemplate(template).render(payload), output, pdf=pdf))


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
    """Liệt kê các biến mà mẫu PATH sử dụng."""
    from .render import CompiledTemplate

    for name in sorted(CompiledTemplate(path).variables()):
        click.echo(name)


commands: list = [generate, validate, template]
