"""``cchc demo OUTDIR``: the whole example round from the bundled data.

It is the first thing a new user runs (``make demo``): plan, outline and forms;
three units' reports written, extracted and archived; a notice of conclusions for
each; the round's summaries; then the next round following up the first one's
recommendations; finally the format check of every document. It prints each
file it writes and carries on past a missing LibreOffice (PDFs are then skipped).
"""

from __future__ import annotations

import contextlib
import copy
import json
import shutil
from pathlib import Path

import click

from cchc import examples
from cchc.core import office

REPORTS = ("so-xay-dung", "so-tai-chinh", "ubnd-huyen-tan-yen")
SIGNERS = {"so-xay-dung": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hùng"),
           "so-tai-chinh": (None, "GIÁM ĐỐC", "Lê Thị Hoa"),
           "ubnd-huyen-tan-yen": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Tuấn")}


def load(name: str) -> dict:
    return json.loads(examples.path(name).read_text(encoding="utf-8"))


def load_report(name: str) -> dict:
    return json.loads((examples.HERE / "reports" / f"{name}.json").read_text(encoding="utf-8"))


def _say(path: Path) -> None:
    click.echo(f"  Đã tạo: {path}")


def documents(out: Path) -> list[Path]:
    from cchc.generator.documents import render_kind, write_docx
    from cchc.generator.stats_form import write_stats_form

    click.echo("1. Kế hoạch, Quyết định thành lập Tổ kiểm tra, lịch kiểm tra, đề cương, biểu mẫu")
    written = write_docx(render_kind("plan", load("plan")), out / "01-ke-hoach-kiem-tra.docx")
    written += write_docx(render_kind("team-decision", load("team-decision")),
                          out / "02-quyet-dinh-to-kiem-tra.docx")
    written += write_docx(render_kind("schedule", load("schedule")),
                          out / "03-thong-bao-lich-kiem-tra.docx")
    written += write_docx(render_kind("outline", load("outline")),
                          out / "04-de-cuong-kiem-tra.docx")
    blank = {**load("stats"), "rows": [], "total": None, "blank_rows": 10,
             "period": {"from": None, "to": None}}
    blank.pop("unit", None)
    for data, name in ((blank, "05-bieu-mau-thong-ke.xlsx"),
                       (load("stats"), "06-bieu-mau-thong-ke-da-dien.xlsx")):
        write_stats_form(data, out / name)
        written.append(out / name)
    return written


def unit_reports(out: Path) -> list[Path]:
    """What units send back: their reports along the outline (one of them as a PDF)."""
    from cchc.generator.documents import render_report, write_docx

    click.echo("2. Báo cáo của các đơn vị (theo Đề cương kiểm tra)")
    folder = out / "bao-cao-don-vi"
    folder.mkdir(exist_ok=True)
    written = []
    for name in REPORTS:
        signer = dict(zip(("authority", "title", "name"), SIGNERS[name]))
        blob = render_report(load_report(name), load("outline"), parent="UBND TỈNH BẮC GIANG",
                             signer=signer)
        written += write_docx(blob, folder / f"{name}.docx")
    return written


def extract_and_archive(out: Path, reports: list[Path], db_url: str, pdf: bool) -> list[Path]:
    from cchc.archive.db import open_archive
    from cchc.archive.store import create_round
    from cchc.extractors import extract_file
    from cchc.usecases.intake import import_report, receive_file

    click.echo("3. Trích xuất báo cáo và lưu vào kho")
    if pdf:  # one unit sends a PDF: it is read from the PDF, not from the DOCX beside it
        reports = reports[:1] + office.convert(reports[1:2], "pdf", reports[1].parent) \
            + reports[2:]
    folder = out / "ban-ghi"
    folder.mkdir(exist_ok=True)
    written = []
    for path in reports:
        record = extract_file(path)
        target = folder / f"{path.stem}.json"
        target.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(target)
        click.echo(f"  {path.name}: {record['unit']['name']}, "
                   f"{len(record['tthc_stats']['rows'] if record.get('tthc_stats') else [])} "
                   f"dòng thống kê, {len(record['warnings'])} cảnh báo")
    with open_archive(db_url) as archive:
        create_round(archive, "2023", plan=load("plan"))
        for path in reports:
            result = import_report(archive, "2023", receive_file(path))
            click.echo(f"  Lưu trữ {path.name}: {result.unit} (phiên bản {result.version})")
    return written


def conclusions(out: Path, db_url: str, code: str, findings: dict, number: int) -> list[Path]:
    """Each unit's notice: its strengths, weaknesses and recommendations drafted from
    the data (cchc draft) against the round's targets, the team's other findings kept."""
    from cchc.archive.db import open_archive
    from cchc.generator.documents import write_docx
    from cchc.usecases.conclusion import issue_conclusion
    from cchc.usecases.draft import draft_for, findings_of

    written, deadline = [], findings["recommendations"][0]["deadline"]
    with open_archive(db_url) as archive:
        for i, name in enumerate(REPORTS):
            unit = load_report(name)["unit"]["name"]
            _, drafted = draft_for(archive, code, unit, load("targets-2023"))
            found = {**findings, **findings_of(drafted, deadline), "number": number + i}
            found.pop("draft")
            blob, stored = issue_conclusion(archive, code, unit, found)
            written += write_docx(blob, out / f"thong-bao-ket-luan-{code}-{name}.docx")
            click.echo(f"  {stored['unit']}: {len(stored['recommendations'])} kiến nghị đã lưu")
    return written


def summaries(out: Path, db_url: str, code: str) -> list[Path]:
    from cchc.archive.db import open_archive
    from cchc.archive.store import get_round
    from cchc.archive.summary_data import round_summary
    from cchc.generator.summary_docx import default_header, write_summary_docx
    from cchc.generator.summary_xlsx import write_summary_xlsx
    from cchc.usecases.summary import score_ranking

    with open_archive(db_url) as archive:
        data = round_summary(archive, code)
        scores = score_ranking(archive, code)
        with archive.sessions() as s:
            plan = get_round(s, code).plan
    xlsx, docx_path = out / f"tong-hop-{code}.xlsx", out / f"tong-hop-{code}.docx"
    write_summary_xlsx(data, xlsx)
    write_summary_docx(data, docx_path, default_header(plan, data.get("year")), scores)
    return [xlsx, docx_path]


def reminders(out: Path, db_url: str) -> list[Path]:
    """Reminders to the units whose report was late on 8 September 2023."""
    import datetime as dt

    from cchc.archive.db import open_archive
    from cchc.archive.received import first_received
    from cchc.core.filenames import slug
    from cchc.generator.documents import render_kind, write_docx
    from cchc.usecases.reminders import late_units

    day = dt.date(2023, 9, 8)
    click.echo("3a. Công văn đôn đốc các đơn vị quá hạn gửi báo cáo (tính đến 08/9/2023)")
    with open_archive(db_url) as archive:
        late = late_units(load("schedule"), first_received(archive, "2023"), day)
    written = []
    for unit in late[:1]:
        blob = render_kind("reminder", {**load("reminder"), "units": [unit]})
        written += write_docx(blob, out / f"cong-van-don-doc-{slug(unit['name'])}.docx")
    return written


def minutes(out: Path) -> list[Path]:
    """The minutes of one visit, its figures quoted from the record just extracted."""
    from cchc.generator.documents import render_kind, write_docx

    click.echo("3b. Biên bản kiểm tra tại Sở Xây dựng (số liệu lấy từ báo cáo đã trích xuất)")
    record = json.loads((out / "ban-ghi" / "so-xay-dung.json").read_text(encoding="utf-8"))
    blob = render_kind("minutes", load("minutes"), report=record)
    return write_docx(blob, out / "bien-ban-kiem-tra-so-xay-dung.docx")


def ranking(out: Path, db_url: str, code: str) -> list[Path]:
    """The round scored on the example ISO set (the units' 2023 self-scores, kept the
    next year too), stored in the archive, ranked into a workbook."""
    from cchc import examples
    from cchc.usecases.score import rank_round

    click.echo(f"Chấm điểm ISO đợt {code} theo bộ tiêu chí mẫu và xếp hạng các sở")
    target = out / f"xep-hang-iso-{code}.xlsx"
    rank_round(db_url, code, examples.path("criteria-iso"), examples.path("scores-2023"),
               target, save=True)
    return [target]


def _a_year_on(record: dict) -> dict:
    """The unit's report a year later: dated 2024, its late files resolved on time and
    more services fully online, so the trends have something to show."""
    rec = copy.deepcopy(record)
    for key in ("document", "period", "sections"):
        if rec.get(key):
            rec[key] = json.loads(json.dumps(rec[key], ensure_ascii=False)
                                  .replace("2023", "2024").replace("2022", "2023"))
    for row in (rec.get("tthc_stats") or {}).get("rows") or []:
        row["resolved_on_time"] += row["resolved_late"]
        row["resolved_late"] = 0
    total = (rec.get("tthc_stats") or {}).get("total")
    if total:
        total["resolved_on_time"] += total["resolved_late"]
        total["resolved_late"] = 0
    full = (rec.get("indicators") or {}).get("full_process_dvc_ratio")
    if full and full.get("denominator"):
        full["numerator"] = min(full["denominator"],
                                full["numerator"] + round(full["denominator"] * 0.06))
        full["value"] = round(100 * full["numerator"] / full["denominator"], 2)
    return rec


def reports_2024(out: Path) -> list[Path]:
    from cchc.generator.documents import render_report, write_docx

    folder = out / "bao-cao-don-vi-2024"
    folder.mkdir(exist_ok=True)
    written = []
    for name in REPORTS:
        signer = dict(zip(("authority", "title", "name"), SIGNERS[name]))
        blob = render_report(_a_year_on(load_report(name)), load("outline"),
                             parent="UBND TỈNH BẮC GIANG", signer=signer)
        written += write_docx(blob, folder / f"{name}.docx")
    return written


def next_round(out: Path, db_url: str, reports: list[Path]) -> list[Path]:
    """2024: one recommendation of each unit was remedied; the new notices say so."""
    from cchc.archive.db import open_archive
    from cchc.archive.recommendations import list_recommendations, update_recommendation
    from cchc.archive.store import create_round
    from cchc.usecases.intake import import_report, receive_file

    click.echo("6. Đợt kiểm tra năm sau: theo dõi việc khắc phục kiến nghị")
    with open_archive(db_url) as archive:
        for rec in list_recommendations(archive, "2023"):
            if rec["seq"] == 1:
                update_recommendation(archive, rec["id"], status="remedied",
                                      evidence="Báo cáo khắc phục ngày 10/10/2023")
        create_round(archive, "2024", year=2024, title="Kiểm tra CCHC, ISO, CĐS năm 2024")
        for path in reports:
            import_report(archive, "2024", receive_file(path))
    written = reports + ranking(out, db_url, "2024")
    findings = copy.deepcopy(load("findings"))
    findings.update(date="2024-06-03", report_deadline="2024-10-15",
                    inspection={"date": "2024-05-27", "team": "Tổ kiểm tra số 1"})
    for rec in findings["recommendations"]:
        rec["deadline"] = rec["deadline"].replace("2023", "2024")
    return written + conclusions(out, db_url, "2024", findings, 41)


def check_all(paths: list[Path]) -> None:
    from cchc.checker.core import check_file
    from cchc.checker.report import summary

    click.echo("7. Kiểm tra thể thức các văn bản đã tạo (cchc check)")
    for path in paths:
        if path.suffix == ".docx":
            click.echo(f"  {summary(check_file(path))}")


@click.command("demo")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="out")
@click.option("--pdf/--no-pdf", default=None,
              help="Tạo bản PDF (mặc định: có, nếu máy có LibreOffice).")
def demo(outdir: Path, pdf: bool | None) -> None:
    """Chạy đợt kiểm tra mẫu (Bắc Giang 2023) và ghi mọi văn bản vào OUTDIR."""
    if pdf is None:
        pdf = bool(shutil.which("soffice") or shutil.which("libreoffice"))
        if not pdf:
            click.echo("Lưu ý: không có LibreOffice nên bỏ qua bản PDF "
                       "(cài gói libreoffice-writer-nogui để có PDF).")
    outdir.mkdir(parents=True, exist_ok=True)
    db = outdir / "cchc.db"
    db.unlink(missing_ok=True)  # the demo's own archive starts empty each run
    db_url = f"sqlite:///{db}"
    click.echo(f"Đợt kiểm tra mẫu: Bắc Giang 2023 → {outdir}/ (kho lưu trữ: {db})")
    written: list[Path] = []

    def step(paths: list[Path]) -> list[Path]:
        for path in paths:
            _say(path)
        written.extend(paths)
        return paths

    # one warm LibreOffice for every PDF of the run, started now so it is ready by then
    with office.warm(1) if pdf else contextlib.nullcontext():
        _run(outdir, db_url, pdf, step, written)


def _run(outdir: Path, db_url: str, pdf: bool, step, written: list[Path]) -> None:
    step(documents(outdir))
    reports = step(unit_reports(outdir))
    step(extract_and_archive(outdir, reports, db_url, pdf))
    step(reminders(outdir, db_url))
    step(minutes(outdir))
    click.echo("4. Thông báo kết luận kiểm tra (dự thảo từ số liệu của báo cáo đã lưu và chỉ tiêu)")
    step(conclusions(outdir, db_url, "2023", load("findings"), 86))
    click.echo("5. Chấm điểm theo bộ tiêu chí, xếp hạng; tổng hợp kết quả đợt kiểm tra")
    step(ranking(outdir, db_url, "2023"))
    step(summaries(outdir, db_url, "2023"))
    step(next_round(outdir, db_url, reports_2024(outdir)))
    if pdf:
        click.echo("Bản PDF (LibreOffice)")
        step(office.convert([p for p in written if p.suffix == ".docx" and p.parent == outdir],
                            "pdf", outdir))
    check_all([p for p in written if p.parent == outdir])


commands: list = [demo]
