"""``cchc trends``: a unit's figures round by round, through its mergers.

An application command: the archive gives the unit's history (``archive.history``),
the named figures of ``cchc.scoring.figures`` read each record.
"""

from __future__ import annotations

import click

from cchc.archive.commands import db_option, open_archive
from cchc.core.errors import CchcError

DEFAULT = ("stats.on_time_rate", "stats.online_ratio", "indicators.full_process_dvc_ratio",
           "indicators.online_payment_ratio", "indicators.digitized_result_ratio")


def trend_table(archive, unit: str, names: tuple[str, ...]) -> tuple[list, list[list]]:
    """(rounds, one row per figure: [label, value per round])."""
    from cchc.archive.history import unit_history
    from cchc.scoring.figures import FIGURES

    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise CchcError(f"không có số liệu {', '.join(unknown)}; có: {', '.join(sorted(FIGURES))}")
    history = unit_history(archive, unit)
    if not history:
        raise CchcError(f"không có báo cáo nào của '{unit}' trong kho lưu trữ")
    rounds = [h["round"] for h in history]
    rows = [[FIGURES[n].label, *(FIGURES[n].read(h["record"]).value for h in history)]
            for n in names]
    return rounds, rows


@click.command("trends")
@click.option("--unit", required=True, help="Đơn vị (kể cả các đơn vị đã sáp nhập vào nó).")
@click.option("--figure", "figures", multiple=True,
              help="Số liệu cần xem (nhiều lần được); mặc định: tỷ lệ đúng hạn, trực tuyến, "
                   "DVC toàn trình, thanh toán trực tuyến, số hoá.")
@db_option
def trends(unit, figures, db_url) -> None:
    """Số liệu của một đơn vị qua các đợt kiểm tra, và mức tăng, giảm so với đợt trước."""
    from cchc.core.vn import format_number

    with open_archive(db_url, existing=True) as archive:
        rounds, rows = trend_table(archive, unit, tuple(figures) or DEFAULT)
    click.echo("Đợt: " + " | ".join(rounds))
    for label, *values in rows:
        cells = []
        for i, v in enumerate(values):
            text = "—" if v is None else format_number(v)
            before = values[i - 1] if i else None
            if v is not None and before is not None and v != before:
                text += f" ({'+' if v > before else '−'}{format_number(abs(round(v - before, 2)))})"
            cells.append(text)
        click.echo(f"{label}: " + " | ".join(cells))


commands: list = [trends]
