"""The round's other paperwork: the decision establishing the inspection teams.

What a JSON Schema cannot say about the data — a member who is not in the roster, a
team with no leader or two, a unit inspected by two teams — is refused here with the
field's JSON path, before anything is rendered.
"""

from __future__ import annotations

from cchc.core import vn
from cchc.core.errors import ValidationFailed

from .context import as_lines, document_context

ROLE_LABELS = {"leader": "Tổ trưởng", "deputy": "Tổ phó", "member": "Thành viên",
               "secretary": "Thư ký"}
ROLE_ORDER = tuple(ROLE_LABELS)


def _unit_name(unit) -> str:
    return vn.nfc(unit if isinstance(unit, str) else unit["name"])


def team_problems(data: dict) -> list[str]:
    roster = {m["id"] for m in data["roster"]}
    problems, seen_units = [], {}
    for ti, team in enumerate(data["teams"]):
        path = f"$.teams[{ti}]"
        for mi, member in enumerate(team["members"]):
            if member["ref"] not in roster:
                problems.append(f"{path}.members[{mi}].ref: không có '{member['ref']}' "
                                "trong danh sách thành viên ($.roster)")
        leaders = sum(m["role"] == "leader" for m in team["members"])
        if leaders != 1:
            problems.append(f"{path}.members: mỗi Tổ có đúng một Tổ trưởng "
                            f"({team['name']} có {leaders})")
        for ui, unit in enumerate(team["units"]):
            name = _unit_name(unit)
            if name.casefold() in seen_units:
                problems.append(f"{path}.units[{ui}]: '{name}' đã thuộc "
                                f"{seen_units[name.casefold()]}")
            seen_units[name.casefold()] = team["name"]
    return problems


def citation(ref: dict, *, long_date: bool = False) -> str:
    """"Kế hoạch số 36/KH-UBND ngày 01/3/2023 của UBND tỉnh" (``long_date``: "ngày 01
    tháng 3 năm 2023", as a decision's articles write it); a blank number stays blank."""
    kind = ref.get("type_name", "Kế hoạch")
    number = f"{ref['number']:02d}" if ref.get("number") else "\u00a0" * 6
    issuer = f" của {vn.nfc(ref['issuer'])}" if ref.get("issuer") else ""
    date = vn.format_date(ref["date"]) if long_date else f"ngày {vn.short_date(ref['date'])}"
    return vn.nfc(f"{kind} số {number}/{ref['symbol']} {date}{issuer}")


def plan_reference(plan: dict) -> str:
    return citation(plan, long_date=True)


def member_line(person: dict, role: str) -> str:
    return vn.nfc(f"- {person['name']}, {person['title']} {person['agency']}: "
                  f"{ROLE_LABELS[role]};")


def team_context(team: dict, roster: dict) -> dict:
    members = sorted(team["members"], key=lambda m: ROLE_ORDER.index(m["role"]))
    return {"name": vn.nfc(team["name"]),
            "members": [member_line(roster[m["ref"]], m["role"]) for m in members],
            "units_line": vn.nfc(f"{team['name']} kiểm tra: "
                                 f"{', '.join(_unit_name(u) for u in team['units'])}.")}


def team_decision_context(data: dict) -> dict:
    problems = team_problems(data)
    if problems:
        raise ValidationFailed(f"dữ liệu Quyết định thành lập Tổ kiểm tra không hợp lệ "
                               f"({len(problems)} lỗi)", details=problems)
    roster = {m["id"]: m for m in data["roster"]}
    ctx = document_context(data)
    n = len(data["teams"])
    ctx.update(
        title="QUYẾT ĐỊNH",
        authority_line=vn.nfc(data["authority_line"]),
        bases=as_lines(data["bases"]),
        proposal=vn.nfc(data.get("proposal", "")),
        article1=(f"Thành lập {n:02d} Tổ kiểm tra để thực hiện {plan_reference(data['plan'])}"
                  ", gồm các ông (bà) có tên sau:"),
        teams=[team_context(t, roster) for t in data["teams"]],
        duties=as_lines(data.get("duties", [])),
        executors=vn.nfc(data["executors"]),
    )
    return ctx


# --- Thông báo lịch kiểm tra --------------------------------------------------------

SESSION_ORDER = {"sáng": 0, "cả ngày": 0, "chiều": 1}
DEFAULT_PLACE = "Trụ sở cơ quan, đơn vị"


def schedule_problems(data: dict) -> list[str]:
    """A unit visited twice, or a team in two places at once."""
    problems, units, slots = [], {}, {}
    for i, visit in enumerate(data["visits"]):
        name = _unit_name(visit["unit"]).casefold()
        if name in units:
            problems.append(f"$.visits[{i}].unit: '{_unit_name(visit['unit'])}' đã có lịch "
                            f"tại $.visits[{units[name]}]")
        units.setdefault(name, i)
        sessions = ("sáng", "chiều") if visit["session"] == "cả ngày" else (visit["session"],)
        for session in sessions:
            slot = (visit["team"].casefold(), visit["date"], session)
            if slot in slots:
                problems.append(f"$.visits[{i}].session: {visit['team']} đã kiểm tra "
                                f"{_unit_name(data['visits'][slots[slot]]['unit'])} buổi "
                                f"{session} ngày {vn.short_date(visit['date'])}")
            slots.setdefault(slot, i)
    return problems


def _mid_sentence(day_name: str) -> str:
    """"Thứ Ba" inside a phrase is "thứ Ba"; "Chủ nhật" is "chủ nhật"."""
    return day_name[0].lower() + day_name[1:]


def visit_row(visit: dict, days_before: int) -> dict:
    import datetime as dt

    from cchc.core.deadlines import report_deadline, weekday

    day = dt.date.fromisoformat(visit["date"])
    when = f"{visit.get('time', '')} {visit['session']}".strip()
    return {"unit": _unit_name(visit["unit"]),
            "when": vn.nfc(f"{when[0].upper()}{when[1:]} {_mid_sentence(weekday(day))}, "
                           f"{vn.short_date(day)}"),
            "place": vn.nfc(visit.get("place") or DEFAULT_PLACE),
            "team": vn.nfc(visit["team"]),
            "deadline": vn.short_date(report_deadline(day, days_before)),
            "content": vn.nfc(visit.get("content", ""))}


def schedule_context(data: dict) -> dict:
    problems = schedule_problems(data)
    if problems:
        raise ValidationFailed(f"dữ liệu Thông báo lịch kiểm tra không hợp lệ "
                               f"({len(problems)} lỗi)", details=problems)
    days = data.get("report_days_before", 5)
    visits = sorted(data["visits"], key=lambda v: (v["date"], SESSION_ORDER[v["session"]]))
    rows = [visit_row(v, days) for v in visits]
    ctx = document_context(data)
    ctx.update(
        title="THÔNG BÁO",
        intro=f"Thực hiện {plan_reference(data['plan'])}, lịch kiểm tra tại các cơ quan, "
              "đơn vị như sau:",
        content=vn.nfc(data["content"]),
        visits=rows,
        extras=[f"{r['unit']}: {r['content']}" for r in rows if r["content"]],
        report_line=(f"Các cơ quan, đơn vị gửi báo cáo tự kiểm tra (theo Đề cương kiểm tra) "
                     f"trước ngày kiểm tra {days:02d} ngày; hạn của từng đơn vị ghi tại cột "
                     "“Hạn gửi báo cáo”."),
        notes=as_lines(data.get("notes", [])),
        **invites_context(data, visits),
    )
    return ctx


def invites_context(data: dict, visits: list[dict]) -> dict:
    """The units' one-time codes to enter their report online (issue 25), printed once in
    the notice, each beside its unit; none asked for, no annex."""
    rows = [{"unit": _unit_name(v["unit"]), "code": v["invite_code"]}
            for v in visits if v.get("invite_code")]
    address = vn.nfc(data.get("invite_address") or "trang /don-vi/nhan-ma của hệ thống cchc")
    line = (f"Mỗi cơ quan, đơn vị nhập báo cáo trực tuyến tại {address} bằng mã mời của mình "
            "dưới đây (mỗi mã dùng một lần, đặt tên đăng nhập và mật khẩu của đơn vị):")
    return {"invites": rows, "invite_line": line if rows else ""}


# --- Biên bản kiểm tra ------------------------------------------------------------



def _person_line(person: dict) -> str:
    role = f" – {person['role']}" if person.get("role") else ""
    return vn.nfc(f"- {person['name']}, {person['title']}{role};")


def _report_document(record: dict, unit: str) -> str | None:
    doc = record.get("document") or {}
    if not doc.get("number") and not doc.get("date"):
        return None
    number = f" số {doc['number']}" if doc.get("number") else ""
    date = f" ngày {vn.short_date(doc['date'])}" if doc.get("date") else ""
    return vn.nfc(f"Báo cáo{number}{date} của {unit} về kết quả tự kiểm tra (theo Đề cương);")


def figure_lines(record: dict) -> list[str]:
    """What the unit reported, quoted from its accepted record: the statistics totals,
    every indicator of 5.1–5.4 it gave, and the 5.5 amounts."""
    from cchc.core.spec import INDICATORS

    from .context import indicator_text
    from .figures import key_figures, tthc_sentences

    figures = key_figures(record)
    lines = [f"- Thủ tục hành chính: {s[0].lower()}{s[1:]}" for s in tthc_sentences(figures)]
    given = record.get("indicators") or {}
    for ind in INDICATORS:
        item = given.get(ind.id)
        if item and item.get("value") is not None:
            lines.append(vn.nfc(f"- {ind.section} {ind.label}: {indicator_text(item)}%;"))
    if figures["budget"] is not None or figures["spent"] is not None:
        lines.append(f"- Kinh phí chuyển đổi số (5.5): dự toán được giao "
                     f"{vn.format_number(figures['budget'] or 0)} đồng, đã chi "
                     f"{vn.format_number(figures['spent'] or 0)} đồng.")
    return lines


def minutes_context(data: dict, report: dict | None = None) -> dict:
    import datetime as dt

    unit = vn.nfc(data["unit"])
    visit = dt.date.fromisoformat(data["date"])
    head = {**data, "date": data["date"], "number": data.get("number"),
            "signer": data["signers"]["team"], "recipients": []}
    ctx = document_context(head)
    time = data.get("time", "").replace("h", " giờ ") + " phút" if data.get("time") else "……"
    plan = f" theo {plan_reference(data['plan'])}" if data.get("plan") else ""
    documents = [_report_document(report, unit)] if report else []
    ctx.update(
        title="BIÊN BẢN",
        unit=unit,
        opening=vn.nfc(f"Hôm nay, vào hồi {time}, {vn.format_date(visit)}, tại "
                       f"{data.get('venue') or 'trụ sở ' + unit}, Tổ kiểm tra tiến hành kiểm "
                       f"tra tại {unit}{plan}."),
        team_lines=[_person_line(p) for p in data["team_members"]],
        unit_lines=[_person_line(p) for p in data["unit_members"]],
        documents=[d for d in documents if d] + as_lines(data.get("documents", [])),
        figures=figure_lines(report) if report else [],
        blank_lines=[""] * data.get("note_lines", 8),   # dotted lines of the template
        signers={k: {"title": vn.nfc(v["title"]), "name": vn.nfc(v.get("name") or "")}
                 for k, v in data["signers"].items()},
    )
    return ctx


# --- Công văn đôn đốc ---------------------------------------------------------------

def _late_text(units: list[dict]) -> str:
    if len(units) == 1:
        u = units[0]
        return (f"đến nay, {u['name']} chưa gửi báo cáo tự kiểm tra (hạn gửi: "
                f"{vn.short_date(u['deadline'])})")
    listed = "; ".join(f"{u['name']} (hạn {vn.short_date(u['deadline'])})" for u in units)
    return f"đến nay, các cơ quan, đơn vị sau chưa gửi báo cáo tự kiểm tra: {listed}"


def reminder_context(data: dict) -> dict:
    units = [{"name": vn.nfc(u["name"]), "deadline": u["deadline"]} for u in data["units"]]
    ctx = document_context({**data, "recipients": ["Như trên;", *data["recipients"]]})
    refs = [citation(data["plan"])] + ([citation(data["schedule"])] if data.get("schedule")
                                       else [])
    who = (f"Thủ trưởng {units[0]['name']}" if len(units) == 1
           else "Thủ trưởng các cơ quan, đơn vị nêu trên")
    by = (f" trước ngày {vn.short_date(data['new_deadline'])}" if data.get("new_deadline")
          else "")
    paragraphs = [
        f"Thực hiện {' và '.join(refs)}; {_late_text(units)}.",
        f"Để bảo đảm tiến độ kiểm tra, đề nghị {who} khẩn trương hoàn thành, gửi báo cáo "
        f"tự kiểm tra theo Đề cương kèm theo Kế hoạch{by}, đồng thời gửi bản điện tử để "
        "tổng hợp.",
    ]
    if data.get("contact"):
        paragraphs.append(f"Đầu mối liên hệ: {data['contact']}")
    ctx.update(addressees=[u["name"] for u in units],
               paragraphs=[vn.nfc(p) for p in paragraphs])
    return ctx
