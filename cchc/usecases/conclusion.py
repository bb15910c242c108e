"""A notice of conclusions assembled from the archive.

The archive knows the round (its plan), the unit's latest report and last
round's recommendations; the inspection team supplies only its findings. The
notice is rendered, then stored with its recommendations in one transaction, so
the next round can follow them up.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import click

from cchc.core.errors import CchcError
from cchc.core.vn import clean
from cchc.generator.commands import DATA, OUT, _emit, _require_suffix

FROM_ARCHIVE = ("unit", "year", "plan", "previous")


def load_findings(path: str | Path | None) -> dict:
    """Findings as JSON or YAML (.yaml/.yml); the office writes whichever it prefers."""
    if path is None:
        return {}
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CchcError("không tìm thấy tệp", file=str(path)) from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" ở dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
            raise CchcError(f"YAML không hợp lệ{where}", file=str(path)) from exc
    else:
        from cchc.schemas.validate import load_json

        data = load_json(path)
    data = _plain(data)
    if not isinstance(data, dict):
        raise CchcError("kết quả kiểm tra phải là một đối tượng (các trường: issuer, number, "
                        "signer, recommendations, …)", file=str(path))
    data.pop("draft", None)  # a drafted file's evidence (cchc draft), not part of the notice
    taken = [k for k in FROM_ARCHIVE if k in data and k != "plan"]
    if taken:
        raise CchcError(f"các trường {', '.join(taken)} lấy từ kho lưu trữ, không ghi trong "
                        "tệp kết quả kiểm tra", file=str(path))
    return data


def _plain(value):
    """YAML reads 2023-07-31 as a date; the schemas speak ISO strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def plan_by(plan: dict) -> str:
    """"Chủ tịch UBND tỉnh Bắc Giang" from the plan's issuer lines."""
    name = plan.get("issuer", {}).get("name") or []
    lines = [name] if isinstance(name, str) else list(name)
    place = clean(lines[-1]).title() if lines else ""
    place = place[:1].lower() + place[1:]
    return f"Chủ tịch UBND {place}".strip()


def _previous(archive, code: str, unit: str) -> list[dict]:
    from cchc.archive.recommendations import previous_round_follow_up

    return [{"text": r["text"], "status": r["status"], "round": r["round"],
             **({"evidence": r["evidence"]} if r.get("evidence") else {})}
            for r in previous_round_follow_up(archive, code, unit)]


def _round_plan(archive, code: str) -> tuple[dict, int | None]:
    from cchc.archive.store import get_round

    with archive.sessions() as s:
        rnd = get_round(s, code)
        return dict(rnd.plan or {}), rnd.year


def latest_record(archive, code: str, unit: str) -> tuple[str, dict | None]:
    """The unit's name as archived and its latest report record (None before it reports)."""
    from cchc.archive.store import get_report, list_reports

    rows = list_reports(archive, code, unit=unit)
    if not rows:
        from cchc.archive.store import get_round
        from cchc.archive.units import find_unit

        with archive.sessions() as s:
            get_round(s, code)
            found = find_unit(s, unit)
            if found is None:
                raise CchcError(f"không có đơn vị '{unit}' trong kho lưu trữ")
            return found.name, None
    return rows[0]["unit"], get_report(archive, rows[0]["id"])["record"]


def conclusion_data(archive, code: str, unit: str, findings: dict) -> tuple[dict, dict | None]:
    """Conclusion data (schema ``conclusion``) and the record its figures come from."""
    plan, year = _round_plan(archive, code)
    name, record = latest_record(archive, code, unit)
    today = dt.date.today()
    data = {
        "issuer": plan.get("issuer"), "symbol": "TB-UBND", "place": plan.get("place"),
        "signer": plan.get("signer"), "recipients": [f"{name};", "Lưu: VT."],
        "date": {"year": today.year, "month": today.month, "day": today.day},
        "number": None, "inspection": {"date": {"year": year or today.year},
                                       "team": "Tổ kiểm tra"},
        "recommendations": [],  # no report_deadline unless the findings give one
        **findings,
        "kind": "conclusion", "year": year or today.year, "unit": {"name": name},
        "previous": _previous(archive, code, name),
    }
    data["plan"] = findings.get("plan") or {
        "number": plan.get("number"), "symbol": plan.get("symbol", "KH-UBND"),
        "date": plan.get("date", {"year": year or today.year}), "by": plan_by(plan)}
    data = {k: v for k, v in data.items() if v is not None or k == "number"}
    _require_fields(data, code)
    return data, record


# Fields a notice needs that only the round's plan or the findings can give.
FROM_PLAN = {"issuer": "cơ quan ban hành", "place": "địa danh", "signer": "người ký"}


def _require_fields(data: dict, code: str) -> None:
    """Name each missing field and where to give it, before the schema's bare '$: thiếu'."""
    missing = [f"'{k}' ({label})" for k, label in FROM_PLAN.items() if not data.get(k)]
    if missing:
        raise CchcError(f"thông báo kết luận thiếu {', '.join(missing)}: ghi trong kế hoạch "
                        f"của đợt {code} (trang “Kế hoạch” của đợt trên web, hoặc cchc round "
                        f"create {code} --plan KE-HOACH.json) hoặc trong tệp kết quả kiểm tra "
                        "(--findings)")


def issue_conclusion(archive, code: str, unit: str, findings: dict, *,
                     actor: str | None = None, then: Callable | None = None) -> tuple[bytes, dict]:
    """The issue use case (the CLI, the API and the round's page): render the notice and
    store it with its recommendations and its audit row (who issued it) in one
    transaction, with ``then(session, stored)``'s rows (``save_conclusion``); returns
    (docx, stored)."""
    from cchc.archive.closing import save_conclusion
    from cchc.generator.documents import render_kind

    data, record = conclusion_data(archive, code, unit, findings)
    blob = render_kind("conclusion", data, source=f"đợt {code}, đơn vị {unit}", report=record)
    number = None if data.get("number") is None else f"{data['number']:02d}/{data['symbol']}"
    date = data["date"]
    when = date if isinstance(date, str) else (
        dt.date(date["year"], date["month"], date["day"]).isoformat()
        if date.get("month") and date.get("day") else None)
    stored = save_conclusion(archive, code, data["unit"]["name"], number=number, date=when,
                             data=json.loads(json.dumps(data, default=str)), docx=blob,
                             recommendations=[{"text": r["text"], "deadline": _iso(
                                 r.get("deadline"))} for r in data["recommendations"]],
                             actor=actor, then=then)
    return blob, stored


def _iso(date) -> str | None:
    if date is None or isinstance(date, str):
        return date
    if date.get("month") and date.get("day"):
        return dt.date(date["year"], date["month"], date["day"]).isoformat()
    return None


# ------------------------------------------------------------ the command

@click.command("conclusion")
@click.argument("data", type=DATA, required=False)
@click.option("-o", "--output", required=True, type=OUT, help="Tệp Word (.docx) sẽ tạo.")
@click.option("--round", "round_id", help="Đợt kiểm tra trong kho lưu trữ.")
@click.option("--unit", help="Đơn vị được kiểm tra (không phân biệt hoa thường, dấu).")
@click.option("--findings", type=DATA, help="Kết quả kiểm tra của Tổ (JSON hoặc YAML).")
@click.option("--db", "db_url", envvar="CCHC_DB", help="Kho lưu trữ (URL SQLAlchemy).")
@click.option("--report", "report", type=DATA,
              help="Bản ghi báo cáo của đơn vị (lược đồ report) để trích số liệu.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF qua LibreOffice.")
def conclusion(data: Path | None, output: Path, round_id: str | None, unit: str | None,
               findings: Path | None, db_url: str | None, report: Path | None,
               pdf: bool) -> None:
    """Thông báo kết luận kiểm tra.

    \b
    Từ kho lưu trữ: cchc generate conclusion --round R --unit U --findings F.yaml -o TB.docx
    (số liệu lấy từ báo cáo đã lưu của đơn vị, kiến nghị được lưu để đợt sau theo dõi).
    Từ dữ liệu:     cchc generate conclusion DATA.json -o TB.docx [--report BAO-CAO.json]
    """
    from cchc.generator.documents import render_kind, write_docx
    from cchc.schemas.validate import load_json, load_valid

    _require_suffix(output, ".docx")
    if round_id or unit:
        if not (round_id and unit) or data:
            raise CchcError("dùng --round cùng --unit (không kèm DATA), hoặc chỉ DATA")
        from cchc.archive.db import open_archive
        from cchc.core.outfile import check_writable

        check_writable(output)  # refuse an unwritable output before storing anything
        with open_archive(db_url) as archive:
            blob, stored = issue_conclusion(archive, round_id, unit, load_findings(findings))
        _emit(write_docx(blob, output, pdf=pdf))
        click.echo(f"Đã lưu thông báo và {len(stored['recommendations'])} kiến nghị của "
                   f"{stored['unit']} vào đợt {stored['round']}.")
        return
    if data is None:
        raise CchcError("thiếu DATA (tệp dữ liệu thông báo) hoặc --round/--unit")
    record = load_valid("report", report) if report else None
    blob = render_kind("conclusion", load_json(data), source=str(data), report=record)
    _emit(write_docx(blob, output, pdf=pdf))
