"""The statistics form (THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH).

The table is found by what its header says, not where it sits: a header row
names "Lĩnh vực" and "Tổng số", and each column is mapped to one of the sixteen
keys by the words of its header path (group + sub-header), so a 3-row header, a
2-row header and a header without the "(1) … (16)" numbering row all map the
same way. Data rows start after the header; the "Tổng số"/"Cộng" row is kept
apart.
"""

from __future__ import annotations

import re

from cchc.core.spec import COUNT_KEYS, STATS_KEYS
from cchc.core.vn import clean, parse_count, parse_date
from cchc.extractors.counts import is_nothing_word
from cchc.extractors.interpret import doubts
from cchc.extractors.model import Para, Table
from cchc.extractors.text import Tight, has, norm, stats_header_row

_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
_PURE_NUMBER = re.compile(r"^[\d.,\s]+$")
_EMPTY = re.compile(r"^[\s\-–—x×.…/]*$")


def column_key(path: str) -> str | None:
    """The key of one column from its header path (all header texts top to bottom).

    A narrow column breaks words inside syllables ("Tổ|ng số"); when the words do
    not match as written they are matched again with the spaces taken out.
    """
    n = norm(path)
    key = (_column_key(n) or _column_key(_Tight(n))
           or _column_key(n, alone=True) or _column_key(_Tight(n), alone=True))
    return key if key in STATS_KEYS else None


_Tight = Tight


def _column_key(n: str, alone: bool = False) -> str | None:
    """``alone``: a column naming only its group is the group's total (tried last, so a
    part whose words a narrow column broke is still matched as a part first)."""
    if n.replace(" ", "") in ("tt", "stt"):
        return "stt"
    if has(n, "stt") or has(n, "tt") or has(n, "so thu tu"):
        return "stt"
    if has(n, "linh vuc") or has(n, "cong viec giai quyet") or has(n, "noi dung") \
            or has(n, "ten thu tuc"):
        return "field"
    if has(n, "tra ket qua") and (has(n, "buu chinh") or has(n, "bcci") or has(n, "buu dien")):
        return "postal_results"
    if has(n, "bo sung"):
        return "supplement_requested"
    if has(n, "tra lai"):
        return "returned"
    group = ("pending" if has(n, "dang giai quyet") or has(n, "chua giai quyet") else
             "resolved" if has(n, "da giai quyet") else
             "received" if has(n, "nhan") or has(n, "tiep nhan") else None)
    # A group's own column may name only the group ("Đã giải quyết", "Đang giải quyết",
    # "Số hồ sơ nhận"): with no part named under it, it is the group's total.
    leaf = _leaf(n) or ("total" if group and alone else None)
    if group == "received" or leaf in ("received_online", "carried_over", "received_direct",
                                       "received_postal"):
        return leaf if leaf != "total" else "received_total"
    if group == "resolved":
        return {"total": "resolved_total", "on_time": "resolved_on_time",
                "late": "resolved_late"}.get(leaf)
    if group == "pending":
        return {"total": "pending_total", "not_due": "pending_not_due",
                "late": "pending_overdue"}.get(leaf)
    return None


def _leaf(n: str) -> str | None:
    if has(n, "truc tuyen"):
        return "received_online"
    if has(n, "ky truoc") or has(n, "chuyen qua") or has(n, "ton ky truoc"):
        return "carried_over"
    if has(n, "truc tiep"):
        return "received_direct"
    if has(n, "bcci") or has(n, "buu chinh") or has(n, "buu dien"):
        return "received_postal"
    if has(n, "chua den han") or has(n, "trong han"):
        return "not_due"
    if has(n, "dung han") or has(n, "dung thoi han") or has(n, "truoc han"):
        return "on_time"
    if has(n, "qua han"):
        return "late"
    if has(n, "tong so") or has(n, "tong"):
        return "total"
    return None


def _header_start(table: Table) -> int | None:
    return stats_header_row(table.rows)


_NUMBERING_TEXT = re.compile(r"^(?:\(?\d{1,2}\)?|[\s.…,;|-])+$")


def _is_numbering(row) -> bool:
    """The "(1) (2) … (16)" row: small numbers counting up across the columns, or
    written in one cell merged across the row ("1 2 3 … 16")."""
    cells = [clean(c) for i, c in enumerate(row) if clean(c) and (i == 0 or c != row[i - 1])]
    if len(cells) < 6:
        text = " ".join(dict.fromkeys(cells))
        if not _NUMBERING_TEXT.match(text) or not re.search(r"\s", text):
            return False
        cells = re.findall(r"\d{1,2}", text)
    if len(cells) < 6 or not all(_NUMBERING_CELL.match(c) for c in cells):
        return False
    nums = [int(c.strip("()")) for c in cells]
    return sum(b == a + 1 for a, b in zip(nums, nums[1:], strict=False)) >= 0.8 * (len(nums) - 1)


def _is_data(row) -> bool:
    return any(_PURE_NUMBER.match(clean(c)) for c in row[2:] if clean(c)) or bool(
        norm(" ".join(row)).startswith((" tong ", " cong ")))


def _is_group(row, first) -> bool:
    """"I | Cấp tỉnh" under the header: a numbered label with nothing in the count columns."""
    head = clean(row[0]) if row else ""
    counts_empty = all(not clean(c) or c == f for c, f in zip(row[2:], first[2:], strict=False))
    return counts_empty and (bool(re.fullmatch(r"[IVXLC]+|\d{1,3}|[A-Z]", head))
                             or not any(clean(c) for c in row[2:]))


def map_columns(table: Table, start: int) -> tuple[dict[str, int], int]:
    """Column index per key, and the index of the first row after the header."""
    end = start + 1
    while end < len(table.rows) and end - start < 5 and not _is_numbering(table.rows[end]) \
            and not _is_data(table.rows[end]) and not _is_group(table.rows[end], table.rows[start]):
        end += 1
    header = table.rows[start:end]
    numbered = None
    if end < len(table.rows) and _is_numbering(table.rows[end]):
        numbered = _form_numbering(table.rows[end])
        end += 1
    if numbered:
        return numbered, end
    cols: dict[str, int] = {}
    totals = iter(("received_total", "resolved_total", "pending_total"))
    last: str | None = None
    for j in range(table.width):
        parts: list[str] = []
        for row in header:
            t = clean(row[j]) if j < len(row) else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        path = " / ".join(parts)
        key = column_key(path) or _inherited(path, last)
        if key is None and _leaf(norm(path)) == "total":
            key = next((k for k in totals if k not in cols), None)  # "Tổng số" alone: in order
        if key == "received_postal" and key in cols:
            key = "postal_results"  # the form's second postal column: results sent by post
        if key and key not in cols:
            cols[key] = j
        last = key or last
    return cols, end


def _form_numbering(row) -> dict[str, int] | None:
    """The form's own "(1) … (16)" row names every column: used when it is complete."""
    cols: dict[str, int] = {}
    for j, cell in enumerate(row):
        m = _NUMBERING_CELL.match(clean(cell))
        if not m:
            continue
        n = int(clean(cell).strip("()"))
        if 1 <= n <= len(STATS_KEYS):
            cols.setdefault(STATS_KEYS[n - 1], j)
    return cols if len(cols) == len(STATS_KEYS) else None


_GROUP_LEAVES = {"resolved": {"on_time": "resolved_on_time", "late": "resolved_late"},
                 "pending": {"not_due": "pending_not_due", "late": "pending_overdue"}}


def _inherited(path: str, last: str | None) -> str | None:
    """A one-row header names the group once ("Tổng số đã giải quyết") and leaves it off
    its parts ("Trả đúng thời hạn", "Quá hạn"): a part belongs to the group on its left."""
    if not last:
        return None
    group = last.split("_")[0]
    return _GROUP_LEAVES.get(group, {}).get(_leaf(norm(path)) or "")


def find_stats(blocks, warnings: list | None = None,
               sources: dict | None = None) -> tuple[dict | None, dict | None]:
    """(tthc_stats, period) from the first table whose header maps enough columns.

    Tables that follow it with only blank paragraphs between — the same form repeated
    on the next page with its header, or the rows alone — continue it: Word users
    often split one long table at a page break. ``sources`` receives, for each row
    path (``tthc_stats.rows[3]``, ``tthc_stats.total``), its (table block, row index)
    and the columns' map.
    """
    period = find_period(blocks)
    for i, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        if block.columns is not None:  # the reader mapped the form's columns itself (OCR)
            cols, first = block.columns, 0
        else:
            start = _header_start(block)
            if start is None:
                continue
            cols, first = map_columns(block, start)
        if len(set(cols) & set(COUNT_KEYS)) < 6:
            continue
        raw = list(block.rows[first:])
        at = [(block, first + r) for r in range(len(raw))]
        for table, start, more in _continuations(blocks, i, block.width):
            if table.columns is not None and _scanned_again(raw, more, cols):
                if warnings is not None:
                    warnings.append(_REPEATED)
                continue
            raw.extend(more)
            at.extend((table, start + r) for r in range(len(more)))
        stats = _rows(raw, cols, at)
        origins = stats.pop("origins")
        if sources is not None:
            sources.update(origins)
            sources["columns"] = cols
        if warnings is not None:
            warnings.extend(stats.pop("unreadable"))
        else:
            stats.pop("unreadable")
        return stats, period
    return None, period


_REPEATED = {"code": "stats.repeated_table", "where": "tthc_stats",
             "message": "bảng thống kê được chụp lại lần nữa (cùng các dòng đã đọc); chỉ "
                        "lấy số liệu của lần đầu"}


def _scanned_again(seen: list[list[str]], part: list[list[str]], cols: dict[str, int]) -> bool:
    def sig(row):
        return doubts.signature(_at(row, cols.get("stt")), _at(row, cols.get("field")))
    return doubts.repeats([sig(r) for r in seen], [sig(r) for r in part])


def _at(row: list[str], j: int | None) -> str:
    return clean(row[j]) if j is not None and j < len(row) else ""


def _continuations(blocks, i: int, width: int):
    """Data rows of the tables that continue the form found at ``blocks[i]``: the next
    tables of the same width, with only blank paragraphs between; for a reader that
    mapped the form itself (OCR), its next parts, whatever their first row."""
    mapped = blocks[i].columns is not None
    for block in blocks[i + 1:]:
        if mapped:
            if isinstance(block, Table) and block.columns is not None:
                yield block, 0, block.rows
                continue
            return
        if isinstance(block, Para):
            if clean(block.text):
                return
            continue
        if block.width != width:
            return
        start = _header_start(block)
        if start is not None:
            _, first = map_columns(block, start)
            yield block, first, block.rows[first:]
        elif block.rows and (_is_data(block.rows[0]) or _is_numbering(block.rows[0])):
            yield block, 0, block.rows
        else:
            return


_ROMAN_STT = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]?$")
_ROMAN_LEAD = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]\s+\S")
_NOTE = (" ghi chu ", " luu y ", " nguon ", " don vi tinh ", " dvt ", " so lieu ")
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _rows(raw_rows: list[list[str]], cols: dict[str, int], at: list | None = None) -> dict:
    """Data rows, the total row and the cells' warnings, the same for a typed table and
    a scanned one (whose cells carry OCR's readings: ``doubts.py`` decides their numbers)."""
    rows: list[dict] = []
    total = total_at = group = None
    unreadable: list[dict] = []
    at = at or [None] * len(raw_rows)
    for n, (raw, origin) in enumerate(zip(raw_rows, at, strict=True)):
        if _is_numbering(raw) or _header_start(Table([raw])) == 0:
            continue  # a header repeated on the next page
        get = {k: clean(raw[j]) if j < len(raw) else "" for k, j in cols.items()}
        reads = _readings(origin, cols)
        label = norm(get.get("stt", "") + " " + get.get("field", ""))
        is_total = (label.startswith((" tong ", " cong "))
                    and not label.startswith((" cong viec ", " tong hop "))
                    ) or (reads is not None and doubts.is_total_label(label))
        stt = get.get("stt", "")
        following = _at(raw_rows[n + 1], cols.get("stt")) if n + 1 < len(raw_rows) else ""
        if _is_note(raw, get) or (reads is not None and not is_total and _blank(get, reads)
                                  and not _is_group_row(stt, get.get("field"), following,
                                                        True)):
            continue
        where = "tthc_stats.total" if is_total else f"tthc_stats.rows[{len(rows)}]"
        counts, notes = _counts(get, cols, reads, where)
        if is_total:
            total, total_at = counts, origin
            unreadable.extend(notes)
            continue
        field = get.get("field") or None
        if field is not None and _EMPTY.match(field):
            field = None  # "…………" left for the unit to fill
        written = any(get.get(k) and not _EMPTY.match(get[k]) for k in COUNT_KEYS) or (
            reads is not None and any(r[1] for k, r in reads.items() if k in COUNT_KEYS))
        if not written and not field:
            continue  # a blank template row
        level_only = written and _is_level(field) and not _is_roman(stt)
        if _is_group_row(stt, field, following, reads is not None) and not level_only:
            group = field or stt
            continue
        unreadable.extend(notes)
        if reads is not None and field:
            unreadable.extend(doubts.field_doubt(f"{where}.field", field, reads.get("field")))
        number = _stt(stt)
        if reads is not None:
            number, doubt = doubts.read_stt(stt, reads.get("stt"))
            if doubt:
                unreadable.append(doubts.warning(f"{where}.stt", doubt))
        row = {"stt": number, "field": field, **counts, AT_MARK: origin}
        if group:
            row = {"group": group, **row}
        rows.append({**row, LEVEL_MARK: True} if level_only else row)
    rows = _levels(rows)
    rows, unreadable = _drop_subtotals(rows, unreadable)
    origins = {f"tthc_stats.rows[{i}]": row.pop(AT_MARK) for i, row in enumerate(rows)}
    origins["tthc_stats.total"] = total_at
    return {"rows": rows, "total": total, "unreadable": unreadable,
            "origins": {k: v for k, v in origins.items() if v is not None}}


def _readings(origin, cols: dict[str, int]) -> dict | None:
    """OCR's (confidence, ink) per key for a scanned row; None for a typed one."""
    if origin is None or origin[0].readings is None:
        return None
    block, r = origin
    return {k: block.readings[(r, j)] for k, j in cols.items() if (r, j) in block.readings}


def _blank(get: dict[str, str], reads: dict) -> bool:
    """A scanned row with nothing in its count cells and no number in its STT: a note
    written across the table, or a row of the blank template; not a data row."""
    if any(get.get(k) or reads.get(k, (None, False))[1] for k in COUNT_KEYS):
        return False
    return doubts.signature(get.get("stt", ""), "")[0] is None


def _counts(get: dict[str, str], cols: dict[str, int], reads: dict | None,
            where: str) -> tuple[dict, list[dict]]:
    """Each count of a row, and a warning for each that cannot be trusted as read."""
    counts: dict = {}
    notes: list[dict] = []
    for k in COUNT_KEYS:
        if k not in cols:
            counts[k] = None
        elif reads is None:
            counts[k] = _count(get.get(k))
            if counts[k] is None:
                notes.append(_unreadable(where, k, get[k]))
        elif k in reads:
            counts[k], doubt = doubts.read_count(get.get(k, ""), reads[k])
            if doubt:
                notes.append(doubts.warning(f"{where}.{k}", doubt))
        else:
            counts[k] = None  # a column OCR did not find on this row: unknown, never 0
    return counts, notes


def _is_group_row(stt: str, field: str | None, following: str, scanned: bool) -> bool:
    if not scanned:
        return _is_group_label(stt, field)
    if doubts.roman(stt) == "I":  # a lone "I" may be a misread 1
        return doubts.is_group(stt, field, following)
    return doubts.is_group(stt, field, following) or _is_group_label(stt, field)


LEVEL_MARK = "_level"
AT_MARK = "_at"  # the row's (table block, row index) until the rows are final


def _levels(rows: list[dict]) -> list[dict]:
    """A level named alone with figures ("1 | Cấp huyện | 2.150 …") is a group row when
    rows of its own follow it ("Đất đai", "Hộ tịch"), and a data row when the next row
    is another level or the end: a district's form filled in by level has no fields."""
    out, group = [], None
    for i, row in enumerate(rows):
        if row.pop(LEVEL_MARK, False):
            following = rows[i + 1] if i + 1 < len(rows) else None
            if following is not None and not following.get(LEVEL_MARK):
                group = row["field"]
                continue
            group = None
        elif group and "group" not in row:
            row = {"group": group, **row}
        out.append(row)
    return out


def _is_sibling(parent, child) -> bool:
    """"2" after "1": the next row of the same numbering, not a part of the row above.
    "1" after "1" is a numbering that starts again under a sub-total ("1 | Lĩnh vực Đất
    đai" over "1 | Đăng ký biến động", "2 | …"): the row above may sum the rows under it."""
    return isinstance(parent, int) and isinstance(child, int) and child != 1


def _drop_subtotals(rows: list[dict], unreadable: list[dict]):
    """Group rows known only by their figures: a row whose every count is the sum of the
    two or more rows right under it, numbered otherwise ("1" over "1.1", "1.2" or "a",
    "b"), is a field's sub-total ("1 | Lĩnh vực Tư pháp"), not a data row."""
    keep: list[int] = []
    labels: dict[int, str] = {}
    i = 0
    while i < len(rows):
        end = _subtotal_end(rows, i)
        if end:
            label = rows[i].get("field") or str(rows[i].get("stt") or "")
            for j in range(i + 1, end):
                labels[j] = label
            i += 1
            continue
        keep.append(i)
        i += 1
    if len(keep) == len(rows):
        return rows, unreadable
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for old in keep:
        row = rows[old]
        if old in labels:
            row = {"group": labels[old], **{k: v for k, v in row.items() if k != "group"}}
        out.append(row)
    moved = []
    for w in unreadable:
        m = re.match(r"tthc_stats\.rows\[(\d+)\](.*)", w["where"])
        if m and int(m.group(1)) in new_index:
            w = {**w, "where": f"tthc_stats.rows[{new_index[int(m.group(1))]}]{m.group(2)}"}
        elif m:
            continue  # a cell of the sub-total row: the rows under it carry the figures
        moved.append(w)
    return out, moved


def _subtotal_end(rows: list[dict], i: int) -> int | None:
    """End (exclusive) of the rows that ``rows[i]`` sums, when it is a sub-total."""
    parent = rows[i]
    if not parent.get("received_total") or i + 2 >= len(rows) or _is_sibling(
            parent.get("stt"), rows[i + 1].get("stt")):
        return None
    sums = {k: 0 for k in COUNT_KEYS}
    for j in range(i + 1, len(rows)):
        for k in COUNT_KEYS:
            sums[k] = None if sums[k] is None or rows[j].get(k) is None else sums[k] + rows[j][k]
        if j - i >= 2 and all(parent.get(k) is not None and sums[k] == parent[k]
                              for k in COUNT_KEYS):
            return j + 1
        if any(sums[k] is not None and parent.get(k) is not None and sums[k] > parent[k]
               for k in COUNT_KEYS):
            return None
    return None


_LEVEL = re.compile(r"^ cap (?:tinh|huyen|xa|so|phuong|thi tran|thi xa|thanh pho|quan)"
                    r"(?: [a-z]+){0,2} $")


def _is_level(field: str | None) -> bool:
    return bool(field) and bool(_LEVEL.match(
        norm(re.sub(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ])[.)]\s*", "", field))))


def _is_roman(stt: str) -> bool:
    return bool(_ROMAN_STT.match(stt) or _ROMAN_LEAD.match(stt))


def _is_group_label(stt: str, field: str | None) -> bool:
    """A group row's label: a Roman or letter STT ("I", "A."), a numbered label in the
    STT cell or the field ("I. CẤP HUYỆN", often one cell merged over both), or a level
    named alone ("Cấp huyện", "Cấp xã") whatever a scan made of its STT."""
    if _ROMAN_STT.match(stt) or _ROMAN_LEAD.match(stt):
        return True
    if field and _LEVEL.match(norm(re.sub(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ])[.)]\s*", "", field))):
        return True
    return bool(not stt and field and _ROMAN_LEAD.match(field))


def _unreadable(where: str, key: str, text: str) -> dict:
    number = STATS_KEYS.index(key) + 1
    return {"code": "stats.unreadable_cell", "where": f"{where}.{key}",
            "message": f"Ô cột ({number}) ghi '{text[:40]}', không đọc được thành số: "
                       f"để trống (null), cần đối chiếu với bản gốc"}


def _is_note(raw: list[str], get: dict[str, str]) -> bool:
    """"Ghi chú: …", "(*) Số liệu tính đến …", or one text merged across the whole row."""
    label = norm(get.get("stt", "") + " " + get.get("field", ""))
    if label.startswith(_NOTE) or clean(get.get("stt", "")).startswith(("*", "(*")):
        return True
    cells = {clean(c) for c in raw if clean(c)}
    if len(cells) == 1 and len(raw) > 3 and sum(1 for c in raw if clean(c)) > 3:
        return not _PURE_NUMBER.match(next(iter(cells)))
    words = sum(1 for k in COUNT_KEYS if _WORDS.search(get.get(k, "") or "")
                and norm(get.get(k, "")) not in _ZERO_WORDS
                and not is_nothing_word(get.get(k, "")))  # "khéng": OCR's "không"
    return words >= 3


_ZERO_WORDS = (" khong ", " khong phat sinh ", " chua phat sinh ")


def _count(text: str | None) -> int | None:
    """A count cell of a data or total row: blank, a dash, "0" or "không" mean 0
    (contract v1.1); text that is no number stays null (the caller warns)."""
    if text is None or _EMPTY.match(text) or norm(text) in _ZERO_WORDS:
        return 0
    v = parse_count(text)  # "1,390" typed on an English system is 1390, never 1
    if v is None or not re.fullmatch(r"[\d.,\s]+", text):
        return None
    return int(round(v)) if v >= 0 else None


def _stt(text: str | None):
    if not text:
        return None
    return int(text) if text.isdigit() else text


_PERIOD = re.compile(r"từ\s+(?:ngày\s*)?(\d.{3,30}?)\s*đến\s+(?:ngày\s*)?(\d.{3,30}?\d{4})",
                     re.IGNORECASE)


def find_period(blocks) -> dict | None:
    for block in blocks:
        texts = [block.text] if isinstance(block, Para) else [
            c for row in block.rows[:3] for c in row]
        for text in texts:
            m = _PERIOD.search(clean(text))
            if not m:
                continue
            a, b = parse_date("ngày " + m.group(1)), parse_date("ngày " + m.group(2))
            if a is None and b is None:
                continue
            return {"from": a.isoformat() if a else None, "to": b.isoformat() if b else None}
    return None


__all__ = ["find_stats", "find_period", "column_key", "STATS_KEYS"]
