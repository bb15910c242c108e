"""``cchc summary``: the round's summary as a workbook or an official report.

An application command: it reads the archive and renders through the generator,
so it sits above both.
"""

from __future__ import annotations

from pathlib import Path

import click

from cchc.archive.commands import db_option, open_archive
from cchc.core.errors import CchcError


def score_ranking(archive, code: str) -> dict | None:
    """The ranking by the criteria set the round was scored on (``cchc score --save``,
    the scoring page), or None when it was not scored."""
    from cchc.archive.scores import stored_criteria
    from cchc.generator.summary_docx import score_rows
    from cchc.usecases.score import stored_ranking

    if stored_criteria(archive, code) is None:
        return None
    cs, _data, _scores, by_level, _unscored = stored_ranking(archive, code)
    return score_rows(cs, by_level)


@click.command("summary")
@click.option("--round", "round_id", required=True, help="Mã đợt kiểm tra.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Tệp tổng hợp .xlsx.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=50.0, show_default=True,
              help="Ngưỡng (%) tô màu các chỉ số thấp hơn.")
@db_option
def summary(round_id, output, threshold, db_url) -> None:
    """Tổng hợp đợt kiểm tra: chỉ số, thống kê TTHC, kiến nghị, biểu đồ theo đơn vị.

    Đuôi .xlsx: bảng tính với biểu đồ; đuôi .docx: Báo cáo kết quả kiểm tra đúng thể thức.
    """
    suffix = Path(output).suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise CchcError(f"chưa hỗ trợ tệp tổng hợp dạng '{suffix or '(không đuôi)'}'; "
                        "dùng đuôi .xlsx hoặc .docx", file=output)
    from cchc.archive.store import get_round
    from cchc.archive.summary_data import round_summary
    from cchc.core.outfile import check_writable

    check_writable(output)
    with open_archive(db_url, existing=True) as archive:
        data = round_summary(archive, round_id)
        with archive.sessions() as s:
            plan = get_round(s, round_id).plan
        scores = score_ranking(archive, round_id) if suffix == ".docx" else None
    if suffix == ".xlsx":
        from cchc.generator.summary_xlsx import write_summary_xlsx

        write_summary_xlsx(data, output, threshold=threshold)
    else:
        from cchc.generator.summary_docx import default_header, write_summary_docx

        write_summary_docx(data, output, default_header(plan, data.get("year")), scores)
    totals = data["totals"]
    click.echo(f"Đã ghi {output}: {totals['units']} đơn vị, {totals['units_reported']} đã nộp "
               f"báo cáo, {len(data['recommendations'])} kiến nghị.")


commands: list = [summary]
