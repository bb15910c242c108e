"""Commands of the checker subsystem, registered by cli.py."""

from __future__ import annotations

import click

from cchc.errors import CchcError

from .core import check_file
from .findings import RULES
from .report import SEVERITY_VI, as_json, human


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json_", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--fix", is_flag=True,
              help="Sửa những gì sửa được một cách máy móc (lề, phông, cỡ chữ, số 0 của ngày, "
                   "đậm/nghiêng phần đầu); không đụng đến câu chữ.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Tệp .docx ghi kết quả đã sửa (dùng với --fix).")
@click.option("--rules", "list_rules", is_flag=True, help="Liệt kê các quy tắc kiểm tra.")
def check(files, as_json_, fix, output, list_rules):
    """Kiểm tra thể thức văn bản Word theo Nghị định 30/2020/NĐ-CP.

    Mỗi lỗi in một dòng: mã quy tắc, mức độ, vị trí, điều thấy và điều cần.
    Mã thoát 1 khi có lỗi, 2 khi có tệp không đọc được.
    """
    if list_rules:
        for rule_id, (severity, text) in RULES.items():
            click.echo(f"{rule_id}\t{SEVERITY_VI[severity]}\t{text}")
        return
    if not files:
        raise CchcError("cần ít nhất một tệp .docx để kiểm tra")
    if fix:
        if len(files) != 1 or not output:
            raise CchcError("--fix cần đúng một tệp vào và tệp ra -o OUT.docx")
        from .fix import fix_file
        results = [fix_file(files[0], output)]
    else:
        if output:
            raise CchcError("-o chỉ dùng cùng --fix")
        results = [check_file(f) for f in files]
    if as_json_:
        click.echo(as_json(results))
    else:
        for result in results:
            for line in human(result):
                click.echo(line)
    if any(r.failure for r in results):
        raise click.exceptions.Exit(2)
    if any(r.errors for r in results):
        raise click.exceptions.Exit(1)


commands: list = [check]
