"""Commands of the checker subsystem, registered by cli.py."""

from __future__ import annotations

import click

from cchc.core.errors import CchcError
from cchc.core.pipes import quiet_stdout

from .core import FileResult, check_file
from .findings import RULES
from .legacy import converted
from .report import SEVERITY_VI, as_json, human


@click.command("check")
@click.argument("files", nargs=-1, metavar="TỆP.docx...")
@click.option("--json", "as_json_", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--fix", is_flag=True,
              help="Sửa những gì sửa được một cách máy móc (lề, phông, cỡ chữ, số trang, "
                   "đậm/nghiêng phần đầu); không đụng đến câu chữ.")
@click.option("--pad-date", is_flag=True,
              help="Cùng --fix: sửa cả chữ số ngày, tháng trong dòng địa danh, ngày tháng "
                   "(«ngày 5» → «ngày 05», «tháng 04» → «tháng 4»). Đây là thay đổi duy nhất "
                   "vào chữ của văn bản; không có tùy chọn này thì chữ giữ nguyên từng byte "
                   "và lỗi được liệt kê để người sửa.")
@click.option("--no-render", is_flag=True,
              help="Cùng --fix: không in thử tệp đã sửa bằng LibreOffice (mặc định có in thử "
                   "để đọc lại số trang của từng trang).")
@click.option("-o", "--output", metavar="RA.docx",
              help="Tệp .docx ghi kết quả đã sửa (dùng với --fix).")
@click.option("--rules", "list_rules", is_flag=True, help="Liệt kê các quy tắc kiểm tra.")
def check(files, as_json_, fix, pad_date, no_render, output, list_rules):
    """Kiểm tra thể thức văn bản Word theo Nghị định 30/2020/NĐ-CP.

    \b
    cchc check VAN-BAN.docx DU-THAO.doc ...
    cchc check --json VAN-BAN.docx
    cchc check --fix VAO.docx -o RA.docx

    Mỗi lỗi in một dòng: mã quy tắc, mức độ, vị trí, điều thấy và điều cần.
    Tệp .doc cũ được chuyển sang .docx bằng LibreOffice rồi kiểm tra.
    Mã thoát 1 khi có lỗi, 2 khi có tệp không đọc được.
    """
    if list_rules:
        for rule_id, (severity, text) in RULES.items():
            click.echo(f"{rule_id}\t{SEVERITY_VI[severity]}\t{text}")
        return
    if not files:
        raise CchcError("cần ít nhất một tệp .docx để kiểm tra")
    if fix and (len(files) != 1 or not output):
        raise CchcError("--fix cần đúng một tệp vào và tệp ra -o OUT.docx")
    if output and not fix:
        raise CchcError("-o chỉ dùng cùng --fix")
    if (pad_date or no_render) and not fix:
        raise CchcError("--pad-date và --no-render chỉ dùng cùng --fix")
    with converted(list(files)) as docs:
        if fix:
            from .fix import fix_file
            source = _docx_for(files[0], docs)
            results = [fix_file(source, output, pad_date)]
            if not no_render:
                _render_check(results[0])
        else:
            results = [_check_one(f, docs) for f in files]
    try:
        if as_json_:
            click.echo(as_json(results))
        else:
            for result in results:
                for line in human(result):
                    click.echo(line)
    except BrokenPipeError:  # `cchc check … | head -1`: the reader has what it wanted
        quiet_stdout()
    if any(r.failure for r in results):
        raise click.exceptions.Exit(2)
    if any(r.errors for r in results):
        raise click.exceptions.Exit(1)


def _render_check(result: FileResult) -> None:
    """The fixed file printed by LibreOffice: its page numbers read back page by page."""
    from .rendered import verify

    findings, note = verify(result.file)
    result.findings += findings
    if note:
        result.note = note


def _docx_for(path: str, docs: dict) -> str:
    found = docs.get(path, path)
    if isinstance(found, CchcError):
        raise CchcError(f"không chuyển được tệp .doc sang .docx: {found.message}", file=path)
    return found


def _check_one(path: str, docs: dict):
    """Check a file; a .doc through its converted copy, reported under its own name."""
    if path not in docs:
        return check_file(path)
    try:
        result = check_file(_docx_for(path, docs))
    except CchcError as exc:
        result = FileResult(path, failure=exc.message)
        return result
    result.file = path
    result.note = "tệp .doc cũ, kiểm tra trên bản chuyển sang .docx bằng LibreOffice"
    return result


commands: list = [check]
