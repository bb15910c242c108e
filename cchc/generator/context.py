"""Template variables from validated data.

Templates only place text; every decision about wording (the number line with its
blank, dates with leading zeros, the schedule sentence, filled indicator blanks)
is made here, in plain Python that tests can read.
"""

from __future__ import annotations

from cchc.core import layout, vn
from cchc.core.figures import column_sums
from cchc.core.spec import COUNT_KEYS, STATS_KEYS, STATS_TITLE
from cchc.core.spec import RECOMMENDATION_STATUS_LABELS as STATUS_LABELS

from . import footnotes

NBSP = "\u00a0"
BLANK = NBSP * 10
E = layout.ELEMENTS
CELL_MARGIN_MM = 1.9


def as_lines(value) -> list[str]:
    if value is None:
        return []
    return [vn.nfc(v) for v in ([value] if isinstance(value, str) else value)]


def rule_indent(lines: list[str], size: float, box_mm: float, share: float = 0.4) -> str:
    """Indent (twips) that centres a rule ``share`` as long as the widest line."""
    widest = max((layout.text_width_mm(t, size, bold=True) for t in lines), default=0)
    rule = min(widest * share, box_mm)
    return str(round((box_mm - rule) / 2 / 25.4 * 1440))


def number_line(number: int | None, symbol: str) -> str:
    """"Số: 05/KH-UBND"; a draft leaves the number blank for the clerk."""
    return f"Số: {NBSP * 8}/{symbol}" if number is None else f"Số: {number:02d}/{symbol}"


def recipient_lines(recipients) -> list[str]:
    lines = []
    for r in recipients:
        if isinstance(r, str):
            lines.append(f"- {vn.nfc(r)}")
        else:
            lines.append(f"- {vn.nfc(r['text'])}")
            lines.extend(f"{NBSP * 4}+ {vn.nfc(i)}" for i in r["items"])
    return lines


def document_context(data: dict) -> dict:
    """Header block, title block and signature block of any official document."""
    issuer = data["issuer"]
    lines = as_lines(issuer["name"])
    subject = as_lines(data.get("subject"))
    return {
        "issuer_parent": vn.nfc(issuer.get("parent") or ""),
        "issuer_lines": lines,
        "issuer_rule_indent": rule_indent(lines, E["issuing_body"].size,
                                          layout.HEADER_LEFT_MM - 2 * CELL_MARGIN_MM),
        "number_line": number_line(data["number"], data["symbol"]),
        "place_date": vn.format_date(data["date"], vn.nfc(data["place"])),
        "subject_lines": subject,
        "subject_rule_indent": rule_indent(subject, E["subject"].size, layout.TEXT_WIDTH_MM),
        "signer": {k: vn.nfc(v) if v else "" for k, v in data["signer"].items()},
        "recipient_lines": recipient_lines(data["recipients"]),
    }


def _unit_label(unit) -> str:
    return vn.nfc(unit if isinstance(unit, str) else unit.get("short") or unit["name"])


def schedule_line(entry: dict) -> str:
    """"Quý II, các Sở: Xây dựng, Tài chính và UBND các huyện: Tân Yên, Sơn Động."."""
    groups = [f"{g['label']}: {', '.join(_unit_label(u) for u in g['units'])}"
              for g in entry["groups"]]
    return vn.nfc(f"Quý {entry['quarter']}, {' và '.join(groups)}.")


def plan_context(data: dict) -> dict:
    ctx = document_context(data)
    ctx.update(
        title=vn.nfc(data.get("title", "KẾ HOẠCH")),
        preamble=as_lines(data.get("preamble", [])),
        purposes=as_lines(data["purposes"]),
        requirements=as_lines(data["requirements"]),
        contents=as_lines(data["contents"]),
        schedule_lines=[schedule_line(s) for s in data["schedule"]],
        schedule_note=vn.nfc(data.get("schedule_note", "")),
        team=as_lines(data["team"]),
        tasks=as_lines(data["tasks"]),
        closing=vn.nfc(data.get("closing", "")),
    )
    return ctx


def indicator_text(value: dict | None) -> str:
    """A filled blank: "171/200 = 85,5" when counts are known, else "85,5"."""
    if not value or value.get("value") is None:
        return BLANK
    text = vn.format_number(value["value"])
    if value.get("numerator") is not None and value.get("denominator") is not None:
        text = f"{vn.format_number(value['numerator'])}/" \
               f"{vn.format_number(value['denominator'])} = {text}"
    return text


def investment_text(vnd: int | None, blank: str) -> str:
    return blank if vnd is None else f" {vn.format_number(vnd)} đồng"


def item_text(item, report: dict | None, notes: footnotes.Collector) -> str:
    if isinstance(item, str):
        return vn.nfc(item)
    indicators = (report or {}).get("indicators", {})
    investment = (report or {}).get("investment", {})
    out = []
    for part in item["parts"]:
        if isinstance(part, str):
            out.append(vn.nfc(part))
        elif "indicator" in part:
            filled = indicator_text(indicators.get(part["indicator"]))
            out.append(part.get("blank", BLANK) if filled == BLANK else filled)
        elif "investment" in part:
            out.append(investment_text(investment.get(part["investment"]),
                                       part.get("blank", BLANK)))
        else:
            out.append(notes.add(part["footnote"]))
    return "".join(out)


def section_context(section: dict, report, notes, *, own_text: bool = False) -> dict:
    """One outline section; ``own_text`` puts the unit's text in place of the outline's prose."""
    heading = f"{section['key']}. {vn.nfc(section['title'])}"
    if section.get("footnote"):
        heading += notes.add(section["footnote"])
    own = ((report or {}).get("sections") or {}).get(section["key"], "") if own_text else ""
    return {
        "heading": heading,
        "text": [vn.nfc(t) for t in own.split("\n") if t.strip()],
        "items": [item_text(i, report, notes) for i in section.get("items", [])
                  if not own_text or not isinstance(i, str)],
        "subsections": [section_context(s, report, notes, own_text=own_text)
                        for s in section.get("subsections", [])],
    }


def attached_line(att: dict) -> str:
    number = NBSP * 8 if att["number"] is None else f"{att['number']:02d}"
    return vn.nfc(f"(Kèm theo {att.get('type_name', 'Kế hoạch')} số {number}/{att['symbol']} "
                  f"{vn.format_date(att['date'])} của {att['by']})")


def outline_context(data: dict, report: dict | None = None) -> dict:
    """The outline; with ``report`` its blanks and table are filled from a record."""
    notes = footnotes.Collector()
    subject = as_lines(data["subject"])
    ctx = {
        "title": vn.nfc(data.get("title", "ĐỀ CƯƠNG KIỂM TRA")),
        "subject_lines": subject,
        "subject_rule_indent": rule_indent(subject, E["subject"].size, layout.TEXT_WIDTH_MM),
        "attached_line": attached_line(data["attached_to"]),
        "sections": [section_context(s, report, notes) for s in data["sections"]],
    }
    stats = data.get("stats")
    if report and report.get("tthc_stats"):
        stats = {**(stats or {}), **report["tthc_stats"], "period": report.get("period")}
    ctx["stats"] = stats_context(stats) if stats is not None else None
    ctx["footnotes"] = notes.texts
    return ctx


def _period_part(date) -> str:
    d = vn.PartialDate.from_data(date) if date else None
    if d is None:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return vn.format_date(d)


def period_line(period: dict | None) -> str:
    period = period or {}
    return f"Từ {_period_part(period.get('from'))} đến {_period_part(period.get('to'))}"


def _cell(value) -> str:
    return "" if value is None else vn.format_number(value) if isinstance(
        value, (int, float)) else vn.nfc(str(value))


def _printed_rows(rows: list[dict]) -> list[dict]:
    """The data rows as printed, each group's label ("I. Lĩnh vực Tư pháp", "Cấp xã")
    on a row of its own before the first row under it, as offices print the form: the
    record keeps the label on its rows, the document must show it or the round trip
    through `cchc extract` loses it."""
    out, group = [], None
    for r in rows:
        label = r.get("group") or None
        if label and label != group:
            out.append({"group": vn.nfc(str(label)), **{k: "" for k in STATS_KEYS}})
        group = label
        out.append({"group": "", **{k: _cell(r.get(k)) for k in STATS_KEYS}})
    return out


def stats_context(stats: dict) -> dict:
    rows = stats.get("rows") or []
    blank = stats.get("blank_rows", 0 if rows else 2)
    printed = _printed_rows(rows)
    printed += [{"group": "", **{k: (str(len(rows) + i + 1) if k == "stt" else "")
                                 for k in STATS_KEYS}} for i in range(blank)]
    total = stats.get("total")
    if total is None and rows:
        total = column_sums(rows)
    unit = (stats.get("unit") or {}).get("name")
    return {
        "title": vn.nfc(stats.get("title") or STATS_TITLE),
        "unit_line": f"Đơn vị: {vn.nfc(unit)}" if unit else "",
        "period_line": period_line(stats.get("period")),
        "rows": printed,
        "total": {k: _cell((total or {}).get(k)) for k in COUNT_KEYS},
    }


def _with_figures(results: list[dict], record: dict | None) -> list[dict]:
    """Add the unit's own figures to the areas they belong to (2: TTHC, 5: chuyển đổi số)."""
    from . import figures

    results = [dict(r, paragraphs=list(r.get("paragraphs", []))) for r in results]
    if not record:
        return results
    f = figures.key_figures(record)
    extra = {"2": ("Cải cách thủ tục hành chính", figures.tthc_sentences(f)),
             "5": ("Xây dựng và phát triển Chính quyền điện tử, chính quyền số",
                   figures.digital_sentences(record, f))}
    for key, (area, sentences) in extra.items():
        if not sentences:
            continue
        target = next((r for r in results if r.get("key") == key), None)
        if target is None:
            target = {"key": key, "area": area, "paragraphs": []}
            results.append(target)
        target["paragraphs"].extend(sentences)
    return sorted(results, key=lambda r: [int(x) for x in (r.get("key") or "99").split(".")])


def conclusion_context(data: dict, report: dict | None = None) -> dict:
    """The notice of conclusions; ``report`` is the unit's archived record."""
    ctx = document_context({**data, "subject": data.get("subject") or [
        "Kết luận kiểm tra công tác cải cách hành chính, thực hiện ISO,",
        f"chuyển đổi số năm {data['year']} tại {data['unit']['name']}"]})
    plan, insp = data["plan"], data["inspection"]
    plan_no = NBSP * 6 if plan["number"] is None else f"{plan['number']:02d}"
    unit = vn.nfc(data["unit"]["name"])
    ctx.update(
        title=vn.nfc(data.get("title", "THÔNG BÁO")),
        opening=vn.nfc(
            f"Thực hiện Kế hoạch số {plan_no}/{plan['symbol']} {vn.format_date(plan['date'])} "
            f"của {plan['by']} về kiểm tra công tác cải cách hành chính, thực hiện ISO, "
            f"chuyển đổi số năm {data['year']}, {vn.format_date(insp['date'])}, "
            f"{insp['team']} đã tiến hành kiểm tra tại {unit}. Trên cơ sở báo cáo của đơn vị "
            f"và kết quả kiểm tra thực tế, Tổ kiểm tra thông báo kết luận như sau:"),
        results=[{"heading": f"{i}. {r['area']}", "paragraphs": as_lines(r["paragraphs"])}
                 for i, r in enumerate(_with_figures(data.get("results", []), report), 1)],
        strengths=as_lines(data.get("strengths", [])),
        weaknesses=as_lines(data.get("weaknesses", [])),
        causes=as_lines(data.get("causes", [])),
        previous=[f"{vn.nfc(p['text']).rstrip('.')} – Tình trạng: {STATUS_LABELS[p['status']]}"
                  + (f" ({vn.nfc(p['evidence'])})" if p.get("evidence") else "") + "."
                  for p in data.get("previous", [])],
        recommendations=[vn.nfc(r["text"]).rstrip(".") + (
            f" (thời hạn: trước ngày {vn.short_date(r['deadline'])})." if r.get("deadline")
            else ".") for r in data["recommendations"]],
        report_line=vn.nfc(
            f"Đề nghị {unit} tổ chức thực hiện các kiến nghị trên và báo cáo kết quả khắc phục "
            + (f"trước ngày {vn.short_date(data['report_deadline'])} "
               if data.get("report_deadline") else "")  # no deadline nobody gave
            + f"về {data.get('report_to', 'Sở Nội vụ')} để tổng hợp, báo cáo UBND tỉnh./."),
    )
    return ctx


def split_number(number: str | None) -> tuple[int | None, str]:
    """"125/BC-SXD" → (125, "BC-SXD"); a missing number stays blank."""
    if not number or "/" not in number:
        return None, number or "BC"
    head, symbol = number.split("/", 1)
    return (int(head) if head.strip().isdigit() else None), symbol.strip()


def report_context(record: dict, outline: dict, *, parent: str | None = None,
                   signer: dict | None = None) -> dict:
    """A unit's self-report along the outline, from its record (for units and the demo)."""
    number, symbol = split_number(record["document"].get("number"))
    date = record["document"].get("date")
    year = int(date[:4]) if date else outline["attached_to"]["date"]["year"]
    unit = vn.nfc(record["unit"]["name"] or "")
    ctx = document_context({
        "issuer": {"parent": parent, "name": unit.upper()},
        "number": number, "symbol": symbol,
        "place": record["document"].get("place") or "",
        "date": date or {"year": year},
        "subject": ["Kết quả thực hiện công tác cải cách hành chính, thực hiện ISO,",
                    f"chuyển đổi số năm {year} (theo Đề cương kiểm tra)"],
        "signer": signer or {"authority": None, "title": "THỦ TRƯỞNG ĐƠN VỊ", "name": "…"},
        "recipients": ["Tổ kiểm tra CCHC, ISO, CĐS tỉnh;", "Lưu: VT."],
    })
    notes = footnotes.Collector()
    stats = record.get("tthc_stats")
    cited = attached_line(outline["attached_to"])[1:-1].replace("Kèm theo ", "")
    ctx.update(
        title="BÁO CÁO",
        preamble=[f"Thực hiện {cited}, đơn vị báo cáo kết quả thực hiện như sau:"],
        sections=[section_context(s, record, notes, own_text=True) for s in outline["sections"]],
        stats=stats_context({**stats, "period": record.get("period"),
                             "unit": {"name": unit}}) if stats else None,
        footnotes=notes.texts,
    )
    return ctx
