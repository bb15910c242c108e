"""``cchc reminders``: a reminder for every unit whose report is late, in one go.

An application command: the schedule notice's data gives each unit's deadline
(``cchc.core.deadlines``), the archive says whose report arrived and when, and the
generator writes the công văn, one per unit or one addressed to them all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cchc.archive.commands import db_option, open_archive
from cchc.core.errors import CchcError


def late_units(schedule: dict, received: dict[str, dt.date], today: dt.date) -> list[dict]:
    """The scheduled units whose deadline has passed with no report, in visit order."""
    from cchc.core.deadlines import report_deadline, status

    days = schedule.get("report_days_before", 5)
    late = []
    for visit in sorted(schedule["visits"], key=lambda v: v["date"]):
        name = visit["unit"] if isinstance(visit["unit"], str) else visit["unit"]["name"]
        deadline = report_deadline(dt.date.fromisoformat(visit["date"]), days)
        if status(deadline, received.get(name.casefold()), today) == "late":
            late.append({"name": name, "deadline": deadline.isoformat()})
    return late


def _documents(base: dict, late: list[dict], one: bool) -> list[tuple[str, dict]]:
    from cchc.core.filenames import slug

    if one:
        return [("cong-van-don-doc.docx", {**base, "units": late})]
    return [(f"cong-van-don-doc-{slug(u['name'])}.docx", {**base, "units": [u]}) for u in late]


@click.command("reminders")
@click.option("--round", "code", required=True, help="Mã đợt kiểm tra.")
@click.option("--schedule", "schedule_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Dữ liệu Thông báo lịch kiểm tra (lược đồ schedule); mặc định: lịch đã lưu "
                   "vào đợt (cchc round schedule).")
@click.option("--data", "data_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Dữ liệu công văn (lược đồ reminder; danh sách đơn vị được điền tự động).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
              help="Xét hạn tính đến ngày này (mặc định: hôm nay), dạng 08/9/2023.")
@click.option("--one", is_flag=True, help="Một công văn gửi chung các đơn vị (mặc định: mỗi "
              "đơn vị một công văn).")
@click.option("-o", "--output", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help="Thư mục ghi công văn.")
@db_option
def reminders(code, schedule_path, data_path, today, one, outdir, db_url) -> None:
    """Công văn đôn đốc các đơn vị quá hạn gửi báo cáo tự kiểm tra."""
    from cchc.archive.received import first_received
    from cchc.core.vn import short_date
    from cchc.generator.documents import render_kind, write_docx
    from cchc.schemas.validate import load_json, load_valid

    schedule = load_valid("schedule", schedule_path) if schedule_path else None
    base = load_json(data_path)
    if not isinstance(base, dict):
        raise CchcError("dữ liệu công văn phải là một đối tượng JSON ({…})", file=str(data_path))
    day = today.date() if today else dt.date.today()
    with open_archive(db_url, existing=True) as archive:
        if schedule is not None:
            late = late_units(schedule, first_received(archive, code), day)
        else:
            from cchc.archive.schedule import standing

            late = [{"name": r["unit"], "deadline": r["deadline"].isoformat()}
                    for r in standing(archive, code, day) if r["status"] == "late"]
    if not late:
        click.echo(f"Không có đơn vị nào quá hạn gửi báo cáo tính đến {short_date(day)}.")
        return
    blobs = [(name, render_kind("reminder", data, source=str(data_path)))
             for name, data in _documents(base, late, one)]
    outdir.mkdir(parents=True, exist_ok=True)
    for name, blob in blobs:
        for path in write_docx(blob, outdir / name):
            click.echo(f"Đã tạo: {path}")
    click.echo(f"{len(late)} đơn vị quá hạn tính đến {short_date(day)}: "
               + ", ".join(f"{u['name']} (hạn {short_date(u['deadline'])})" for u in late))


commands: list = [reminders]
