"""The header block: issuing body, "Số: …", "<place>, ngày … tháng … năm …".

The official header is two columns — issuing body and number on the left, the
national motto and the dated place on the right — written either as a borderless
table or as plain paragraphs (or, in a PDF, lines whose columns were split by
position). All three become one list of lines here, read column by column.
"""

from __future__ import annotations

import re

from cchc.core.vn import clean, parse_date
from cchc.extractors.model import Para, Table
from cchc.extractors.text import is_upper, norm

_NUMBER = re.compile(r"^S[ốô]\s*(?:hiệu)?\s*[:.]?\s*(\S.*)$", re.IGNORECASE)
# "Số" as OCR reads it under a stamp or through a broken line ("§ã:", "S6:", "Sã"):
# only a number of the official shape after it ("309/BC-UBND") makes it the number.
_NUMBER_OCR = re.compile(r"^[\W_]{0,5}\S{1,3}\s*[:.;]\s*(\d{1,5}\s*/\s*[A-ZĐ][A-ZĐ0-9.\-]*)")
_DATE = re.compile(r"^(.*?)[,\s]*\bng[àa]y\b", re.IGNORECASE)
_UNIT_LABEL = re.compile(r"^(?:tên\s+)?(?:cơ quan|đơn vị)(?:\s+báo cáo)?\s*:\s*(.+)$",
                         re.IGNORECASE)
_PARENT = (" ubnd ", " uy ban nhan dan ", " bo ", " tinh uy ", " huyen uy ", " thanh uy ",
           " hdnd ", " so ", " ban chi dao ")
# A rule under the name: dashes, or one character repeated (a legacy font's dash
# decoded as a letter: "ỌỌỌỌỌỌỌ").
_SEPARATOR = re.compile(r"^(?:[\s\-–—_=*.…]+|(\S)\1{4,})$")
HEADER_ZONE = 16
# "CÔNG VĂN ĐẾN / Số: … / Ngày: … / Chuyển: …" stamped on the received copy.
_STAMP = re.compile(r" cong van den | van ban den |^ den so |^ den ngay ")
_STAMP_FIELDS = (" so ", " ngay ", " chuyen ", " luu ", " nguoi nhan ", " den ", " gio ")
_ORG_WORDS = (" so ", " ubnd ", " uy ban ", " ban ", " phong ", " van phong ", " trung tam ",
              " chi cuc ", " cuc ", " benh vien ", " truong ", " cong an ", " thanh tra ",
              " dai ", " huyen ", " thanh pho ", " thi xa ", " xa ", " phuong ", " thi tran ")
_MOTTO = " cong hoa xa hoi chu nghia viet nam "  # its wrapped tail is no unit name


def header_lines(blocks, origins: list | None = None) -> list[str]:
    """Lines of the blocks before the report's title, left column before right.

    A form whose title comes first ("THỐNG KÊ …", then "Đơn vị: …") still names
    its unit below the title: those lines are kept, marked with a leading "\x00".
    ``origins`` receives each line's block, for the record's evidence.
    """
    out: list[str] = []
    for block in blocks[:HEADER_ZONE]:
        before = len(out)
        _block_lines(block, out)
        if out and out[-1] == _STOP:
            out.pop()
            break
        if origins is not None:
            origins.extend([block] * (len(out) - before))
    return out


_STOP = "\x01"


def _block_lines(block, out: list[str]) -> None:
    if isinstance(block, Para):
        if _is_title(block.text):
            out.append(_STOP if out else "\x00")
            return
        out.extend(_split_columns(block.text))
    elif isinstance(block, Table):
        if block.width > 3 or len(block.rows) > 4:
            out.append(_STOP)
            return
        for j in range(block.width):
            seen = None
            for row in block.rows:
                cell = row[j] if j < len(row) else ""
                if cell and cell != seen:
                    out.extend(_split_columns(cell))
                seen = cell


# OCR joins the two header columns into one line when they sit close: the motto in the
# middle of a line, or a number run on after the unit, parts them again.
_MOTTO_INSIDE = re.compile(r"\s*[—–-]?\s*C[ỘOÔ]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+"
                           r"NGH[ĨI]A(?:\s+VI[ỆE]T\s+NAM)?\s*", re.IGNORECASE)
_NUMBER_INSIDE = re.compile(r"\s(?=\S{1,3}\s*[:.;]\s*\d{1,5}\s*/\s*[A-ZĐ])")


def _split_columns(text: str) -> list[str]:
    """Lines, and the two header columns typed on one line with tabs or many spaces
    (or joined by OCR: split at the motto and before a run-on number)."""
    out = []
    for line in text.split("\n"):
        for part in re.split(r"\t+|\s{3,}", line):
            if _MOTTO_INSIDE.search(part) and not _MOTTO_INSIDE.match(part):
                pieces = [x for x in _MOTTO_INSIDE.split(part)]
            else:
                pieces = [part]
            for piece in pieces:
                out.extend(p for p in (clean(x) for x in _NUMBER_INSIDE.split(piece)) if p)
    return out


def _is_title(text: str) -> bool:
    n = norm(text)
    return (n.startswith((" bao cao ", " de cuong ", " thong ke ", " bieu mau ", " ke hoach "))
            and len(n) < 60 and is_upper(text))


def read_header(blocks, sources: dict | None = None) -> dict:
    """unit, number, date and place; ``sources`` receives each found's (block, line)."""
    origins: list = []
    lines = header_lines(blocks, origins)
    found: dict[str, tuple] = {}
    number = date = place = None
    unit_lines: list[str] = []
    loose: list[str] = []  # "Sở Xây dựng" typed in ordinary case: used when nothing else
    unit_done = False
    after_title = False
    stamp = 0
    for i, line in enumerate(lines):
        if line == "\x00":
            after_title = True
            continue
        n = norm(line)
        if _STAMP.search(n):
            stamp = 4  # a received-stamp: its own number and date are not the report's
            continue
        if stamp and n.startswith(_STAMP_FIELDS):
            stamp -= 1
            continue
        stamp = 0
        if after_title:
            m = _UNIT_LABEL.match(line)
            if m and not unit_lines:
                unit_lines, unit_done = [clean(m.group(1))], True
                found["unit"] = (origins[i], line)
            continue
        if n.startswith((" cong hoa ", " doc lap ", " tu do ")) or _MOTTO.endswith(n):
            continue
        if unit_lines and (n.startswith(" thong ke ") or _is_title(line)):
            break
        if _SEPARATOR.match(line):
            unit_done = unit_done or bool(unit_lines)
            continue
        m = _NUMBER.match(line) or _NUMBER_OCR.match(line)
        if m and number is None and re.search(r"\d.*[/-]|[/-].*\d", m.group(1)):
            number = _clean_number(m.group(1))
            found["number"] = (origins[i], line)
            unit_done = unit_done or bool(unit_lines)
            continue
        m = _DATE.match(line)
        if m and date is None and not parse_date(line) and i + 1 < len(lines):
            joined = line + " " + lines[i + 1]  # "…, ngày 10 tháng 5 năm" / "2023"
            if parse_date(joined) or (" thang " in norm(joined) and " nam " in norm(joined)):
                line, n = joined, norm(joined)
        if m and date is None and not n.startswith((" tu ngay ", " ky bao cao ")) \
                and (parse_date(line) or (" thang " in n and " nam " in n)):
            parsed = parse_date(line)
            date = parsed.isoformat() if parsed else None  # "ngày    tháng 5": left blank
            place = _place(m.group(1)) or place
            found["date"] = found["place"] = (origins[i], line)
            continue
        m = _UNIT_LABEL.match(line)
        if m:
            unit_lines, unit_done = [clean(m.group(1))], True
            found["unit"] = (origins[i], line)
            continue
        if not unit_done and len(line) < 90:
            if is_upper(line):
                if len(unit_lines) < 2:
                    found[f"unit{len(unit_lines)}"] = (origins[i], line)
                unit_lines.append(line)
            elif n.startswith(_ORG_WORDS):
                found.setdefault("loose", (origins[i], line))
                loose.append(line)
    unit = _unit_name(unit_lines or loose)
    first, second = found.pop("unit0", None), found.pop("unit1", None)
    if "unit" not in found:
        parent = len(unit_lines) >= 2 and _is_parent(unit_lines[0])
        found["unit"] = (second if parent else first) or found.get("loose")
    found.pop("loose", None)
    if found["unit"] is None:
        del found["unit"]
    if sources is not None:
        sources.update(found)
    return {"unit": unit, "number": number, "date": date, "place": place}


def _place(text: str) -> str | None:
    """The place before "ngày", without a stray mark OCR put in front ("l Ngọc Thiện":
    the edge of a stamp), which no place name starts with."""
    place = re.sub(r"^(?:[^\w\s]+|[a-zđ])\s+", "", clean(text).strip(" ,"))
    return place.strip(" ,") or None


def _clean_number(text: str) -> str | None:
    text = re.sub(r"\s*([/-])\s*", r"\1", clean(text)).split(" ")[0].strip(" .,;")
    return text if re.search(r"\d", text) else None


def _is_parent(line: str) -> bool:
    """"UBND TỈNH BẮC GIANG" is a parent; "ỦY BAN NHÂN DÂN" alone starts the unit's name."""
    n = norm(line)
    for prefix in _PARENT:
        if n.startswith(prefix):
            return len(n) > len(prefix) + 1
    # "ỦY BAN" misread by OCR ("JY BẠN NHÂN DÂN TỈNH …"), or "UBND" ("ĐBND", "UBNI)" after
    # a mark a stamp left): the level and a name after it still say it
    return bool(re.match(r" \S{1,3} ban nhan dan (tinh|huyen|thanh pho|quan|thi xa) \S", n)
                or re.match(_UBND_OCR, n))


_UBND_OCR = re.compile(r" (?:\W+ )?(?:\wbnd|ub\wd|ubn\w{1,2}) "
                       r"(tinh|huyen|thanh pho|quan|thi xa) \S")


def _unit_name(lines: list[str]) -> str | None:
    if not lines:
        return None
    if len(lines) >= 2 and _is_parent(lines[0]):
        lines = lines[1 + _parent_tail(lines):]
    return clean(" ".join(lines)) or None


def _parent_tail(lines: list[str]) -> int:
    """1 when the parent wrapped onto a second line ("ỦY BAN NHÂN DÂN TỈNH BẮC" /
    "GIANG") in a narrow column: a word or two that name no body, with the unit's
    own name after them."""
    if len(lines) < 3:
        return 0
    tail = norm(lines[1])
    return int(len(tail.split()) <= 2 and not tail.startswith(_ORG_WORDS)
               and norm(lines[2]).startswith(_ORG_WORDS))


# A mark glued to a letter ("UBNI)" for "UBND", "NG*C"), outside a pair of brackets: no
# unit's name is written so; OCR makes it of a letter it could not read.
_GLUED_MARK = re.compile(r"(?<=[^\W\d_])[)\]}|*;<>]|[(\[{|*;<>](?=[^\W\d_])")


def garbled_name(name: str | None) -> str | None:
    """The word of ``name`` where OCR left a mark glued to a letter, or None."""
    if not name:
        return None
    bare = re.sub(r"\([^()]*\)", " ", name)  # "Sở Nội vụ (Ban Thi đua)" is fine
    m = _GLUED_MARK.search(bare)
    if m is None:
        return None
    start = bare.rfind(" ", 0, m.start()) + 1
    end = bare.find(" ", m.end())
    return bare[start:end if end >= 0 else None]

