"""The drafted notice of conclusions on the conclusion page: each sentence cchc drafted
from the data (``cchc draft``), with its evidence, kept, edited or dropped by staff.

The draft is not stored: it is drafted again from the archive on every post, and the
form carries the version it was made from (a digest of every sentence and its
evidence). If the unit's report, last round's recommendations or the targets changed
since the page was opened, the sentences the staff member decided on are no longer
the ones the data gives, so the save is refused with what changed — the review page's
lost-update rule. The decisions are recorded in the audit trail when the notice is
issued, for the audit and for improving the library of wordings.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from cchc.core import jsonload, vn
from cchc.core.errors import CchcError
from cchc.core.spec import OUTLINE_TITLES
from cchc.schemas.validate import check
from cchc.scoring.figures import FIGURES

from . import forms
from .errors import ApiError

SECTIONS = (("strengths", "Ưu điểm"), ("weaknesses", "Tồn tại, hạn chế"),
            ("recommendations", "Kiến nghị"))
MAX_TARGETS_BYTES = 256 * 1024
NO_TARGETS = {"targets": []}


def parse_targets(text: str | bytes, filename: str = "chỉ tiêu") -> dict:
    """The round's targets from a JSON file or the form's hidden copy, checked against the
    targets schema (the message names the file and the JSON path)."""
    if not text or not str(text).strip():
        return NO_TARGETS
    if len(text) > MAX_TARGETS_BYTES:
        raise CchcError(f"tệp chỉ tiêu quá lớn (tối đa {MAX_TARGETS_BYTES // 1024} KB)",
                        file=filename)
    data = jsonload.loads(text, filename)
    check("targets", data, file=filename)
    return data


def make(archive, code: str, unit: str, targets: dict):
    """(the unit's archived name, the draft) as ``cchc draft`` makes it."""
    from cchc.usecases.draft import draft_for

    return draft_for(archive, code, unit, targets)


def version(draft) -> str:
    content = json.dumps(draft.as_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def sentences(draft) -> list[dict]:
    """Every drafted sentence in the notice's order, numbered for the form."""
    out = []
    for key, title in SECTIONS:
        for s in getattr(draft, key):
            words = [evidence_words(e, s.rule) for e in s.evidence]
            out.append({"i": len(out), "section": key, "title": title, "text": s.text,
                        "rule": s.rule, "evidence": words})
    return out


def _value(value, unit: str = "") -> str:
    if value is None or value == "":
        return "để trống"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return vn.format_number(value) + unit
    return vn.nfc(str(value))


def evidence_words(ev: dict, rule: str = "") -> str:
    """One piece of evidence as staff read it: which part of the record, which value (a
    rate for a target's sentence, a count of records for an overdue one), and the field."""
    field, value = str(ev.get("field") or ""), ev.get("value")
    unit = "%" if rule.startswith("target.") else ""
    if field == "tthc_stats":
        where = "bảng thống kê kết quả giải quyết TTHC của báo cáo"
        unit = unit or (" hồ sơ" if rule.startswith("overdue.") else "")
    elif field in FIGURES and field.startswith("indicators."):
        where = f"báo cáo, {FIGURES[field].label.replace(', %)', ')')}"
    elif field.startswith("sections."):
        key = field.removeprefix("sections.")
        where = f"mục {key} của Đề cương ({OUTLINE_TITLES.get(key, '')})"
    elif field.startswith("recommendation:"):
        where = f"kiến nghị của đợt trước (mã {field.split(':', 1)[1]}), trạng thái"
        value = {"open": "chưa khắc phục", "overdue": "quá hạn"}.get(value, value)
    else:
        where = f"trường {field} của báo cáo"
    return vn.nfc(f"{where[0].upper()}{where[1:]}: {_value(value, unit)} [{field}]")


def decisions(rows: list[dict], form: dict) -> list[dict]:
    """What staff did with each sentence: kept as drafted, edited, or dropped."""
    out = []
    for row in rows:
        text = vn.clean(form.get(f"draft_{row['i']}_text") or "")
        dropped = form.get(f"draft_{row['i']}_keep") == "drop" or not text
        what = "drop" if dropped else ("accept" if text == row["text"] else "edit")
        out.append({**row, "decision": what, "kept": None if dropped else text})
    return out


def check_version(draft, form: dict) -> None:
    """Refuse decisions made on sentences the data no longer gives."""
    if (form.get("draft_version") or "") == version(draft):
        return
    count = int(form["draft_count"]) if str(form.get("draft_count", "")).isdigit() else 0
    shown = [vn.clean(form.get(f"draft_{i}_orig") or "") for i in range(min(count, 500))]
    now = {r["text"] for r in sentences(draft)}
    gone = [f"không còn câu: {t}" for t in shown if t and t not in now]
    raise ApiError(412, "stale", "dự thảo đã thay đổi từ khi bạn mở trang (số liệu của đơn vị, "
                   "kiến nghị đợt trước hoặc chỉ tiêu đã khác); không lưu để khỏi dùng câu "
                   "không còn đúng. Hãy dự thảo lại rồi quyết định lại từng câu",
                   details=gone or ["các câu dự thảo đã khác"])


def apply(archive, code: str, unit: str, form: dict, findings: dict
          ) -> tuple[dict, list[dict]]:
    """(findings with the kept drafted sentences, each sentence's decision); unchanged
    findings and no decisions when the form holds no draft."""
    if not form.get("draft_version"):
        return findings, []
    draft = make(archive, code, unit, parse_targets(form.get("draft_targets") or ""))[1]
    check_version(draft, form)
    decided = decisions(sentences(draft), form)
    deadline = None
    if (form.get("draft_deadline") or "").strip():
        deadline = forms._date(form["draft_deadline"], "draft_deadline")
    return merge(findings, decided, deadline), decided


def audit_decisions(session, user: str, conclusion_id: int, decided: list[dict]) -> None:
    """One audit row per drafted sentence: the rule, the drafted text and what was kept,
    added to ``session``, the transaction that stores the notice."""
    from cchc.archive.audit import audit

    for d in decided:
        audit(session, user, f"draft.{d['decision']}", "conclusion", conclusion_id,
              {"section": d["section"], "rule": d["rule"], "drafted": d["text"],
               "kept": d["kept"]})


def merge(findings: dict, decided: list[dict], deadline: dict | None) -> dict:
    """The findings with the kept sentences first, then what staff typed themselves."""
    kept = {key: [d["kept"] for d in decided if d["section"] == key and d["kept"]]
            for key, _ in SECTIONS}
    out = dict(findings)
    out["strengths"] = kept["strengths"] + list(findings.get("strengths") or [])
    out["weaknesses"] = kept["weaknesses"] + list(findings.get("weaknesses") or [])
    recs = [{"text": t, **({"deadline": deadline} if deadline else {})}
            for t in kept["recommendations"]]
    out["recommendations"] = recs + list(findings.get("recommendations") or [])
    return out


def source_report(archive, code: str, unit: str) -> dict | None:
    """The report the draft quotes: its file, version, original's download and, when it
    came in through the upload page, its review page (the original beside its values)."""
    from sqlalchemy import select

    from cchc.archive.store import get_report, list_reports

    from .models import Draft

    try:
        rows = list_reports(archive, code, unit=unit)
    except CchcError:
        return None
    if not rows:
        return None
    rep = rows[0]
    with archive.sessions() as s:
        review = s.scalar(select(Draft.id).where(Draft.report_id == rep["id"]).limit(1))
    record = get_report(archive, rep["id"])["record"] or {}
    return {**rep, "original": f"/api/reports/{rep['id']}/original",
            "review": f"/drafts/{review}" if review else None,
            "evidence": record.get("evidence") or {}}


_FIELD = re.compile(r"\[([^\[\]]+)\]$")


def with_places(rows: list[dict], source: dict | None) -> list[dict]:
    """Each sentence's evidence with its place in the original where the extraction
    recorded one (issue 24): ``places`` runs beside ``evidence``, each None or the page
    and the link to that field on the review page (the original beside its values)."""
    evidence = (source or {}).get("evidence") or {}
    out = []
    for row in rows:
        places = []
        for words in row.get("evidence") or []:
            m = _FIELD.search(words or "")
            page = _page_of(evidence, m.group(1)) if m else None
            href = (f"{source['review']}#truong={quote('$.' + m.group(1))}"
                    if page and source.get("review") else None)
            places.append({"page": page, "href": href} if page else None)
        out.append({**row, "places": places})
    return out


def _page_of(evidence: dict, field: str) -> int | None:
    """The page the field was read on: its own evidence or its nearest ancestor's, else
    the first page of what lies under it (a table's rows)."""
    from .evidence_view import source_of

    own = source_of(evidence, field)
    if own and isinstance(own.get("page"), int):
        return own["page"]
    under = [e.get("page") for k, e in evidence.items() if k.startswith((field + ".", field + "["))
             and isinstance(e, dict) and isinstance(e.get("page"), int)]
    return min(under) if under else None
