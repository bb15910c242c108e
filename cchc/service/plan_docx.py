"""Reading an inspection plan (Kế hoạch kiểm tra) back from its Word file into the form.

The plan follows Decree 30 and the seed's order: header table (issuer, number,
place and date), title and subject, then I. purposes and requirements, II. contents,
III. the schedule ("Quý II, các Sở: Xây dựng, Tài chính và UBND các huyện: Tân Yên."),
IV. the team, V. tasks, a closing sentence, and the recipients/signer table. What is
read here only fills the plan form: staff check the rows before a round is saved, so
a guess (a unit's full name from its short one) is shown, never stored silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from cchc.archive import register
from cchc.core.errors import CchcError
from cchc.core.vn import clean, fold

MAX_UNZIPPED = 50 * 1024 * 1024
ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII)\.\s+(.*)$")
NUMBERED = re.compile(r"^\d+\.\s*(.*)$")
NUMBER_LINE = re.compile(r"Số:\s*(\d*)\s*/\s*([A-ZĐ][A-ZĐa-zđ0-9-]*)")
DATE_LINE = re.compile(r"^(.*?),\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d{4})")
SCHEDULE = re.compile(r"^(?:\d+\.\s*)?Quý\s+(I|II|III|IV)\s*,\s*(.+?)\.?$")


def _document(data: bytes, filename: str):
    """The plan as python-docx reads it, once the one format table has found a Word file
    and the bounded zip reader has inflated every part under its caps (a zip's declared
    sizes are the sender's word, not a measurement)."""
    from docx import Document

    from cchc.extractors import formats

    fh = io.BytesIO(data)
    found = formats.identify(fh, filename, MAX_UNZIPPED)  # every part inflated, capped
    if found.name != "docx":
        raise CchcError(f"kế hoạch phải là tệp Word (.docx), tệp này là {found.label}; hãy "
                        f"mở bằng Word rồi lưu thành .docx", file=filename)
    try:
        return Document(fh)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CchcError("không phải tệp Word (.docx) đọc được", file=filename) from exc


def schedule_entry(line: str, known: Sequence[register.Known] = (),
                   place: str | None = None) -> dict | None:
    """One schedule sentence back into {"quarter", "groups"} (the generator's inverse);
    each short name becomes the register's unit, else the full name its group's label
    makes ("các Sở, cơ quan" + "Tư pháp" → "Sở Tư pháp"), with its level."""
    m = SCHEDULE.match(clean(line))
    if not m:
        return None
    parts = m.group(2).split(":")
    if len(parts) < 2:
        return None
    labels, items = [clean(parts[0])], []
    for middle in parts[1:-1]:
        head, sep, label = middle.rpartition(" và ")
        if not sep:
            return None
        items.append(head)
        labels.append(clean(label))
    items.append(parts[-1])
    groups = []
    for label, text in zip(labels, items):
        names = [clean(x) for x in re.split(r",\s*", text.rstrip(". ")) if clean(x)]
        groups.append({"label": label,
                       "units": [register.resolve(label, n, known, place) for n in names]})
    return {"quarter": m.group(1), "groups": groups}


def _header(doc, plan: dict) -> None:
    if not doc.tables:
        return
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    issuer = [clean(x) for x in cells[0].splitlines() if clean(x)]
    if issuer:
        plan["issuer"] = {"parent": issuer[0] if len(issuer) > 2 else None,
                          "name": issuer[1:] if len(issuer) > 2 else issuer}
    for text in cells:
        if m := NUMBER_LINE.search(text):
            plan["number"] = int(m.group(1)) if m.group(1) else None
            plan["symbol"] = m.group(2)
            plan["issuer"]["code"] = m.group(2).split("-")[-1]
        if m := DATE_LINE.search(clean(text)):
            plan["place"] = clean(m.group(1))
            plan["date"] = {"year": int(m.group(4)), "month": int(m.group(3) or 0) or None,
                            "day": int(m.group(2) or 0) or None}


def _signature(doc, plan: dict) -> None:
    if len(doc.tables) < 2:
        return
    left, right = doc.tables[-1].rows[0].cells[0].text, doc.tables[-1].rows[0].cells[-1].text
    recipients: list = []
    for raw in left.splitlines()[1:]:
        line = clean(raw)
        if line.startswith("+") and recipients:
            if isinstance(recipients[-1], str):
                recipients[-1] = {"text": recipients[-1], "items": []}
            recipients[-1]["items"].append(clean(line[1:]))
        elif line:
            recipients.append(clean(line.lstrip("-")))
    plan["recipients"] = recipients
    lines = [clean(x) for x in right.splitlines() if clean(x)]
    if len(lines) >= 2:
        plan["signer"] = {"authority": lines[0] if len(lines) > 2 else None,
                          "title": lines[-2], "name": lines[-1]}


def _body(doc, plan: dict, known: Sequence[register.Known]) -> None:
    texts = [clean(p.text) for p in doc.paragraphs]
    i = next((n for n, t in enumerate(texts) if t), len(texts))
    plan["title"] = texts[i] if i < len(texts) else "KẾ HOẠCH"
    subject, i = [], i + 1
    while i < len(texts) and texts[i]:
        subject.append(texts[i])
        i += 1
    plan["subject"] = subject
    part, sub = "preamble", None
    lists: dict[str, list] = {k: [] for k in ("preamble", "purposes", "requirements",
                                              "contents", "team", "tasks", "closing")}
    schedule = []
    for text in texts[i:]:
        if not text:
            continue
        if m := ROMAN.match(text):
            heading = fold(m.group(2))
            part = ("purposes" if "muc dich" in heading else "contents" if "noi dung" in heading
                    else "schedule" if "thoi gian" in heading or "doi tuong" in heading
                    else "team" if "thanh phan" in heading else "tasks"
                    if "to chuc" in heading else part)
            continue
        if part == "purposes" and (sub := fold(text)) in ("1. muc dich", "2. yeu cau"):
            part = "purposes" if sub.endswith("muc dich") else "requirements"
            continue
        if part == "schedule":
            entry = schedule_entry(text, known, register.locality(plan))
            if entry:
                schedule.append(entry)
            elif text.startswith("("):
                plan["schedule_note"] = text
            continue
        m = NUMBERED.match(text)
        if part in ("contents", "team", "tasks") and not m and lists[part]:
            lists["closing"].append(text)
            continue
        lists[part].append(m.group(1) if m and part in ("contents", "team", "tasks") else text)
    plan.update({k: v for k, v in lists.items() if k != "closing"})
    if lists["closing"]:
        plan["closing"] = " ".join(lists["closing"])
    plan["schedule"] = schedule


def read_plan_docx(data: bytes, filename: str,
                   known: Sequence[register.Known] = ()) -> dict:
    """The plan's fields as far as the Word file shows them (checked later by the schema);
    ``known`` is the unit register, whose names win over the ones a label makes."""
    doc = _document(data, filename)
    plan: dict = {"kind": "plan", "number": None}
    _header(doc, plan)
    _body(doc, plan, known)
    _signature(doc, plan)
    if not plan["schedule"]:
        raise CchcError("không tìm thấy lịch kiểm tra (các dòng “Quý …, …: …” trong mục "
                        "ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA); đây có phải kế hoạch kiểm tra?",
                        file=filename)
    return plan
