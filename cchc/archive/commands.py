"""Commands of the archive subsystem, registered by cli.py: round, archive,
recommendations (and summary)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cchc.core.errors import CchcError
from cchc.core.outfile import write_bytes

from . import DEFAULT_URL

# SQLAlchemy, Alembic and the schemas load only when an archive command runs, so
# `cchc --help` and the other subsystems' commands do not pay for them.


def open_archive(url, *, existing: bool = False):
    """``existing``: a command that only reads — it must not leave a new, empty SQLite
    file behind (./cchc.db) because the user mistyped --db or ran it in another folder."""
    from .audit import act_until, cli_actor
    from .db import open_archive as _open

    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # this command's changes are the login's, until it closes
        ctx.call_on_close(act_until(cli_actor()))
    if existing:
        _require_existing(url)
    return _open(url)


def _require_existing(url: str | None) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from .db import default_url, normalise_url

    parsed = make_url(normalise_url(url or default_url()))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).exists():
            raise CchcError(f"chưa có kho lưu trữ {parsed.database}: chỉ rõ kho bằng --db (hoặc "
                            "biến CCHC_DB), hoặc tạo đợt kiểm tra trước bằng cchc round create")


def _services():
    from . import dump, store
    from . import recommendations as recs

    return store, dump, recs

STATUS_TEXT = {"stored": "đã lưu", "new_version": "đã lưu phiên bản mới",
               "duplicate": "đã có, không lưu lại",
               "annex": "đã ghép làm phụ lục vào báo cáo"}


def db_option(func):
    return click.option(
        "--db", "db_url", envvar="CCHC_DB", default=DEFAULT_URL, show_default=True,
        help="Kho lưu trữ: URL SQLAlchemy (sqlite:///cchc.db, postgresql://…); "
             "mặc định lấy từ biến CCHC_DB.")(func)


def json_option(func):
    return click.option("--json", "as_json", is_flag=True,
                        help="In kết quả dạng JSON.")(func)


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console(width=max(Console().width, 120)).print(table)


# ---------------------------------------------------------------- round

@click.group("round")
def round_group() -> None:
    """Các đợt kiểm tra: tạo từ kế hoạch, xem danh sách, xem lịch kiểm tra."""


@round_group.command("create")
@click.argument("round_id")
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False),
              help="Kế hoạch kiểm tra (JSON) — lấy lịch kiểm tra các đơn vị theo quý.")
@click.option("--year", type=int, help="Năm của đợt (mặc định lấy từ kế hoạch hoặc mã đợt).")
@click.option("--title", help="Tên đợt kiểm tra.")
@db_option
@json_option
def round_create(round_id, plan_path, year, title, db_url, as_json) -> None:
    """Tạo đợt kiểm tra ROUND_ID (ví dụ 2023)."""
    from cchc.schemas.validate import load_valid

    store = _services()[0]
    plan = load_valid("plan", plan_path) if plan_path else None
    with open_archive(db_url) as archive:
        info = store.create_round(archive, round_id, plan=plan, year=year, title=title)
    if as_json:
        return print_json(info)
    click.echo(f"Đã tạo đợt kiểm tra '{info['code']}' (năm {info['year'] or '—'}), "
               f"{info['units_scheduled']} đơn vị trong lịch kiểm tra.")


@round_group.command("list")
@db_option
@json_option
def round_list(db_url, as_json) -> None:
    """Danh sách các đợt kiểm tra trong kho."""
    store = _services()[0]
    with open_archive(db_url, existing=True) as archive:
        rounds = store.list_rounds(archive)
    if as_json:
        return print_json(rounds)
    if not rounds:
        click.echo("Kho lưu trữ chưa có đợt kiểm tra nào (tạo bằng: cchc round create MÃ_ĐỢT).")
        return
    _table("Các đợt kiểm tra", ["Mã đợt", "Năm", "Tên", "Đơn vị theo lịch", "Đơn vị đã nộp"],
           [[r["code"], r["year"], r["title"], r["units_scheduled"], r["units_reported"]]
            for r in rounds])


@round_group.command("show")
@click.argument("round_id")
@db_option
@json_option
def round_show(round_id, db_url, as_json) -> None:
    """Lịch kiểm tra của đợt và báo cáo đã nộp của từng đơn vị."""
    store = _services()[0]
    with open_archive(db_url, existing=True) as archive:
        info = store.show_round(archive, round_id)
    if as_json:
        return print_json(info)
    _table(f"Đợt kiểm tra {info['code']} — {info['title'] or ''}",
           ["Quý", "Nhóm", "Đơn vị", "Cấp", "Báo cáo"],
           [[u["quarter"] or "ngoài lịch", u["group"], u["unit"], u["level"],
             f"phiên bản {u['report_version']}" if u["report_version"] else "chưa nộp"]
            for u in info["units"]])


@round_group.command("schedule")
@click.argument("round_id")
@click.argument("schedule_path", type=click.Path(dir_okay=False))
@db_option
def round_schedule(round_id, schedule_path, db_url) -> None:
    """Lưu ngày kiểm tra và hạn gửi báo cáo của từng đơn vị (dữ liệu Thông báo lịch kiểm tra)."""
    from cchc.schemas.validate import load_valid

    from .schedule import apply_schedule

    data = load_valid("schedule", schedule_path)
    with open_archive(db_url) as archive:
        n = apply_schedule(archive, round_id, data)
    click.echo(f"Đã lưu lịch kiểm tra của {n} đơn vị vào đợt {round_id}.")


@round_group.command("add-unit")
@click.argument("round_id")
@click.argument("unit")
@click.option("--visit", required=True, type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
              help="Ngày kiểm tra, dạng 05/10/2023.")
@click.option("--days", default=5, show_default=True, type=click.IntRange(0, 60),
              help="Đơn vị gửi báo cáo trước ngày kiểm tra bao nhiêu ngày.")
@db_option
def round_add_unit(round_id, unit, visit, days, db_url) -> None:
    """Kiểm tra đột xuất: thêm một đơn vị ngoài kế hoạch vào đợt, với ngày kiểm tra riêng."""
    from cchc.core.vn import short_date

    from .schedule import add_surprise

    with open_archive(db_url) as archive:
        added = add_surprise(archive, round_id, unit, visit.date(), days)
    click.echo(f"Đã thêm {added['unit']} vào đợt {round_id} (kiểm tra đột xuất ngày "
               f"{short_date(added['visit'])}, hạn gửi báo cáo {short_date(added['deadline'])}).")


@round_group.command("deadlines")
@click.argument("round_id")
@click.option("--today", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
              help="Xét tính đến ngày này (mặc định: hôm nay).")
@db_option
@json_option
def round_deadlines(round_id, today, db_url, as_json) -> None:
    """Hạn gửi báo cáo của từng đơn vị: chưa đến hạn, sắp đến hạn, đã nhận, quá hạn."""
    import datetime as dt

    from cchc.core.vn import short_date

    from .schedule import standing

    day = today.date() if today else dt.date.today()
    with open_archive(db_url, existing=True) as archive:
        rows = standing(archive, round_id, day)
    if as_json:
        return print_json([{**r, **{k: r[k].isoformat() if r[k] else None
                                     for k in ("visit", "deadline", "received")}}
                            for r in rows])
    _table(f"Hạn gửi báo cáo — đợt {round_id}, tính đến {short_date(day)}",
           ["Đơn vị", "Ngày kiểm tra", "Hạn gửi báo cáo", "Đã nhận", "Tình trạng"],
           [[r["unit"] + (" (đột xuất)" if r["surprise"] else ""),
             short_date(r["visit"]) if r["visit"] else "", short_date(r["deadline"])
             if r["deadline"] else "", short_date(r["received"]) if r["received"] else "",
             r["status_label"]] for r in rows])


AREA_OPTIONS = {"the-che": "institutions", "tai-chinh-cong": "public_finance"}
AREA_WORDS = {"institutions": "cải cách thể chế", "public_finance": "cải cách tài chính công"}


@round_group.command("thematic")
@click.option("--round", "round_id", required=True, help="Mã đợt kiểm tra.")
@click.option("--area", type=click.Choice(list(AREA_OPTIONS)), default=None,
              help="Lĩnh vực của báo cáo (mặc định: đọc từ tiêu đề báo cáo).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
def round_thematic(round_id, area, files, db_url) -> None:
    """Nhập báo cáo chuyên đề (mục II.7–8 của kế hoạch): cải cách thể chế của Sở Tư pháp,
    cải cách tài chính công của Sở Tài chính; nội dung vào báo cáo tổng hợp của đợt."""
    from .thematic import import_thematic

    failed = 0
    with open_archive(db_url, existing=True) as archive:
        for path in files:
            try:
                got = import_thematic(archive, round_id, path, AREA_OPTIONS.get(area))
            except CchcError as exc:
                failed += 1
                click.echo(f"Lỗi: {exc.render() if exc.file else f'{path}: {exc.render()}'}",
                           err=True)
                continue
            what = STATUS_TEXT.get(got["status"], got["status"])
            click.echo(f"{path}: {what} — báo cáo {AREA_WORDS[got['area']]}"
                       f"{' của ' + got['sender'] if got['sender'] else ''}, phiên bản "
                       f"{got['version']}, {got['paragraphs']} đoạn")
            for w in got["warnings"]:
                click.echo(f"  cảnh báo [{w.get('code')}] {w.get('message')}")
    if failed:
        raise CchcError(f"{failed}/{len(files)} tệp không nhập được vào đợt {round_id}")


# ---------------------------------------------------------------- archive

@click.group("archive")
def archive_group() -> None:
    """Kho lưu trữ báo cáo: nhập, xem, kết xuất và nạp lại cả kho."""


def echo_result(path: str, result) -> None:
    head = f"{path}: {STATUS_TEXT[result.status]} — {result.unit}, phiên bản {result.version}"
    if result.status == "duplicate":
        head = (f"{path}: tệp này đã có trong đợt {result.round} ({result.unit}, phiên bản "
                f"{result.version}, báo cáo số {result.report_id}); không lưu lại")
    elif result.status == "new_version":
        head += " (phiên bản trước vẫn được giữ)"
        if result.same_as_previous:
            head += "; nội dung trích xuất không khác phiên bản trước, chỉ khác tệp"
    click.echo(head)
    if result.status == "duplicate":
        return
    if result.unit_created:
        click.echo(f"  ! đơn vị mới '{result.unit}' đã được thêm vào kho")
    if not result.scheduled:
        click.echo(f"  ! đơn vị '{result.unit}' không có trong lịch kiểm tra của đợt "
                   f"{result.round}")
    for w in result.warnings:
        click.echo(f"  cảnh báo [{w.get('code')}] {w.get('where')}: {w.get('message')}")


@archive_group.command("list")
@click.option("--round", "round_id", help="Chỉ đợt này.")
@click.option("--unit", "unit_name", help="Chỉ đơn vị này.")
@click.option("--all-versions", is_flag=True, help="Cả các phiên bản cũ.")
@db_option
@json_option
def archive_list(round_id, unit_name, all_versions, db_url, as_json) -> None:
    """Danh sách báo cáo đã lưu (phiên bản hiện hành, hoặc tất cả)."""
    store = _services()[0]
    with open_archive(db_url, existing=True) as archive:
        rows = store.list_reports(archive, round_id, unit=unit_name, all_versions=all_versions)
    if as_json:
        return print_json(rows)
    _table("Báo cáo đã lưu", ["Số", "Đợt", "Đơn vị", "Phiên bản", "Tệp gốc", "Cảnh báo"],
           [[r["id"], r["round"], r["unit"],
             f"{r['version']}{'' if r['current'] else ' (cũ)'}", r["filename"], r["warnings"]]
            for r in rows])


@archive_group.command("show")
@click.argument("report_id", type=int)
@click.option("--original", "original_out", type=click.Path(dir_okay=False),
              help="Ghi lại tệp gốc, đúng từng byte, ra đường dẫn này.")
@db_option
@json_option
def archive_show(report_id, original_out, db_url, as_json) -> None:
    """Xem một báo cáo đã lưu (bản ghi, cảnh báo) và lấy lại tệp gốc."""
    store = _services()[0]
    with open_archive(db_url, existing=True) as archive:
        rep = store.get_report(archive, report_id, with_original=bool(original_out))
    if original_out:
        write_bytes(original_out, rep.pop("original"))
    if as_json:
        return print_json(rep)
    rec = rep["record"]
    doc = rec.get("document") or {}
    click.echo(f"Báo cáo số {rep['id']} — {rep['unit']}, đợt {rep['round']}, phiên bản "
               f"{rep['version']}{'' if rep['current'] else ' (đã có phiên bản mới hơn)'}")
    click.echo(f"Tệp gốc: {rep['filename']} (SHA-256 {rep['sha256']})")
    click.echo(f"Văn bản: số {doc.get('number') or '—'}, ngày {doc.get('date') or '—'}")
    click.echo(f"Mục có nội dung: {', '.join(rec.get('sections') or {}) or '—'}; "
               f"chỉ số: {len(rec.get('indicators') or {})}")
    for w in rep["warnings"]:
        click.echo(f"  cảnh báo [{w.get('code')}] {w.get('where')}: {w.get('message')}")
    if original_out:
        click.echo(f"Đã ghi tệp gốc ra {original_out}")


@archive_group.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Tệp kết xuất (JSON Lines).")
@db_option
def archive_export(output, db_url) -> None:
    """Kết xuất cả kho (mọi bảng, cả tệp gốc) để chuyển sang kho khác."""
    dump = _services()[1]
    with open_archive(db_url, existing=True) as archive:
        counts = dump.export_dump(archive, output)
    click.echo(f"Đã kết xuất {sum(counts.values())} dòng ra {output}: "
               + ", ".join(f"{k} {v}" for k, v in counts.items()))


@archive_group.command("import-dump")
@click.argument("source", type=click.Path(dir_okay=False))
@db_option
def archive_import_dump(source, db_url) -> None:
    """Nạp tệp kết xuất vào một kho trống (tất cả hoặc không gì cả)."""
    dump = _services()[1]
    if not Path(source).is_file():
        raise CchcError("không tìm thấy tệp kết xuất", file=source)
    with open_archive(db_url) as archive:
        counts = dump.import_dump(archive, source)
    click.echo(f"Đã nạp {sum(counts.values())} dòng từ {source}: "
               + ", ".join(f"{k} {v}" for k, v in counts.items()))


# ---------------------------------------------------------------- recommendations

@click.group("recommendations")
def recommendations_group() -> None:
    """Kiến nghị sau kiểm tra và việc theo dõi khắc phục."""


@recommendations_group.command("list")
@click.option("--round", "round_id", required=True, help="Mã đợt kiểm tra.")
@click.option("--status", type=click.Choice(["open", "remedied", "overdue"]),
              help="open: chưa khắc phục (kể cả quá hạn); remedied; overdue: quá hạn.")
@click.option("--unit", "unit_name", help="Chỉ đơn vị này.")
@db_option
@json_option
def recommendations_list(round_id, status, unit_name, db_url, as_json) -> None:
    """Danh sách kiến nghị của đợt và trạng thái khắc phục."""
    recs = _services()[2]
    with open_archive(db_url, existing=True) as archive:
        rows = recs.list_recommendations(archive, round_id, status=status, unit=unit_name)
    if as_json:
        return print_json(rows)
    _table(f"Kiến nghị — đợt {round_id}", ["Số", "Đơn vị", "Nội dung", "Hạn", "Trạng thái",
                                           "Bằng chứng"],
           [[r["id"], r["unit"], r["text"], r["deadline"], r["status_label"], r["evidence"]]
            for r in rows])


@recommendations_group.command("add")
@click.option("--round", "round_id", required=True, help="Mã đợt kiểm tra.")
@click.option("--unit", "unit_name", required=True, help="Đơn vị được kiến nghị.")
@click.option("--text", "text", required=True, help="Nội dung kiến nghị.")
@click.option("--deadline", help="Hạn khắc phục (YYYY-MM-DD).")
@db_option
@json_option
def recommendations_add(round_id, unit_name, text, deadline, db_url, as_json) -> None:
    """Thêm một kiến nghị cho đơn vị trong đợt."""
    recs = _services()[2]
    with open_archive(db_url) as archive:
        rows = recs.add_recommendations(archive, round_id, unit_name,
                                        [{"text": text, "deadline": deadline}])
    if as_json:
        return print_json(rows[0])
    click.echo(f"Đã thêm kiến nghị số {rows[0]['id']} cho {rows[0]['unit']}.")


@recommendations_group.command("update")
@click.argument("rec_id", type=int)
@click.option("--status", required=True, type=click.Choice(["open", "remedied"]),
              help="remedied: đã khắc phục (cần --evidence); open: mở lại.")
@click.option("--evidence", help="Bằng chứng khắc phục (văn bản, đường dẫn…).")
@db_option
@json_option
def recommendations_update(rec_id, status, evidence, db_url, as_json) -> None:
    """Cập nhật trạng thái khắc phục của kiến nghị số REC_ID."""
    recs = _services()[2]
    with open_archive(db_url) as archive:
        row = recs.update_recommendation(archive, rec_id, status=status, evidence=evidence)
    if as_json:
        return print_json(row)
    click.echo(f"Kiến nghị số {row['id']} ({row['unit']}): {row['status_label']}.")


# ---------------------------------------------------------------- units

@click.group("units")
def units_group() -> None:
    """Các đơn vị: danh sách, sáp nhập (đơn vị là dữ liệu, thay đổi theo thời gian)."""


@units_group.command("list")
@db_option
@json_option
def units_list(db_url, as_json) -> None:
    """Danh sách đơn vị trong kho, kể cả đơn vị đã sáp nhập."""
    from .mergers import list_units

    with open_archive(db_url, existing=True) as archive:
        rows = list_units(archive)
    if as_json:
        return print_json(rows)
    _table("Các đơn vị", ["Số", "Tên", "Cấp", "Trực thuộc", "Hiệu lực", "Sáp nhập vào",
                          "Tên khác"],
           [[u["id"], u["name"], u["level"], u["parent"],
             f"{u['valid_from'] or '…'} – {u['valid_to'] or '…'}"
             if u["valid_from"] or u["valid_to"] else "", u["merged_into"],
             "; ".join(u["aliases"])] for u in rows])


@units_group.command("merge")
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", required=True, help="Đơn vị sau sáp nhập (tạo mới nếu chưa có).")
@click.option("--date", help="Ngày sáp nhập có hiệu lực (YYYY-MM-DD).")
@click.option("--level", help="Cấp của đơn vị mới (xã, huyện, sở, ngành…).")
@click.option("--parent", help="Đơn vị cấp trên của đơn vị mới.")
@db_option
@json_option
def units_merge(sources, into, date, level, parent, db_url, as_json) -> None:
    """Sáp nhập các đơn vị SOURCES vào một đơn vị; kiến nghị cũ chuyển theo dõi sang."""
    from .mergers import merge_units

    with open_archive(db_url) as archive:
        result = merge_units(archive, list(sources), into, date=date, level=level,
                             parent=parent)
    if as_json:
        return print_json(result)
    click.echo(f"Đã sáp nhập {', '.join(result['merged'])} vào {result['unit']}"
               f"{' (đơn vị mới)' if result['created'] else ''}"
               f"{', từ ngày ' + result['date'] if result['date'] else ''}.")


commands: list = [round_group, archive_group, recommendations_group, units_group]
