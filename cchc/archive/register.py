"""The unit register: how a unit is written, at which level, and by which other names.

One place for naming. A plan's schedule lists units by their short names under a
group label ("các Sở, cơ quan: Tư pháp, Công Thương"; "UBND các huyện: Tân Yên"),
a report's letterhead prints them in capitals ("SỞ TƯ PHÁP"), with abbreviations
("SỞ NN&PTNT") or with an OCR slip. The register turns the first into full names
and levels, and matches the second to a unit of the round's schedule, saying how
sure it is, so a letterhead never becomes a unit of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.core.vn import clean, fold

from .models import RoundUnit, Unit, UnitAlias
from .units import plan_units, unit_key

LEVEL_DEPARTMENT = "sở, ngành"
LEVEL_CENTRAL = "cơ quan Trung ương"
LEVEL_DISTRICT = "huyện"
LEVEL_COMMUNE = "xã"

# First words of a name that is already whole (folded), with the level they imply.
_WHOLE = (
    (("so ", "ban ", "van phong ", "thanh tra "), LEVEL_DEPARTMENT),
    (("cuc ", "cong an ", "kho bac ", "bao hiem xa hoi ", "ngan hang ", "chi cuc ",
      "bo chi huy ", "vien kiem sat ", "toa an "), LEVEL_CENTRAL),
    (("ubnd huyen ", "ubnd thanh pho ", "ubnd thi xa ", "uy ban nhan dan huyen ",
      "uy ban nhan dan thanh pho ", "uy ban nhan dan thi xa "), LEVEL_DISTRICT),
    (("ubnd xa ", "ubnd phuong ", "ubnd thi tran ", "uy ban nhan dan xa ",
      "uy ban nhan dan phuong ", "uy ban nhan dan thi tran "), LEVEL_COMMUNE),
    (("ubnd ", "uy ban ", "dai ", "bao ", "truong "), None),
)
_DISTRICT_KINDS = ("huyen ", "thanh pho ", "thi xa ")
_COMMUNE_KINDS = ("xa ", "phuong ", "thi tran ")
# A name ending in a bare level word is missing its locality: "Cục Thuế tỉnh".
_BARE_LOCALITY = re.compile(r"\s(tỉnh|thành phố)$", re.IGNORECASE)
# Abbreviations letterheads use, spelled out (on folded text) before matching.
_SPELLED = tuple((re.compile(p), s) for p, s in (
    (r"\bnn\s*&\s*ptnt\b|\bnn\s*va\s*ptnt\b|\bnnptnt\b", "nong nghiep va phat trien nong thon"),
    (r"\bptnt\b", "phat trien nong thon"),
    (r"\bkh\s*&\s*cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bkh\s*&\s*dt\b|\bkhdt\b", "ke hoach va dau tu"),
    (r"\bld\s*-?\s*tb\s*&\s*xh\b|\bldtbxh\b", "lao dong - thuong binh va xa hoi"),
    (r"\btn\s*&\s*mt\b|\btnmt\b", "tai nguyen va moi truong"),
    (r"\bgd\s*&\s*dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\btt\s*&\s*tt\b|\btttt\b", "thong tin va truyen thong"),
    (r"\bvhtt\s*&\s*dl\b|\bvhttdl\b", "van hoa, the thao va du lich"),
    (r"\bgtvt\b", "giao thong van tai"),
))
_PUNCT = re.compile(r"[^\w\s-]")
FUZZY_AT_LEAST = 0.86   # a fuzzy match below this is no match: a person chooses
FUZZY_MARGIN = 0.06     # nor one the runner-up comes this close to
METHOD_LABELS = {"name": "trùng tên", "alias": "tên khác đã biết", "short": "tên ngắn",
                 "fuzzy": "gần đúng", "manual": "cán bộ chọn"}


@dataclass
class Known:
    """A unit as the register knows it: its name, short name, level and aliases."""

    id: int | None
    name: str
    short: str | None = None
    level: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Match:
    unit: Known
    method: str       # a key of METHOD_LABELS
    confidence: float  # 1.0 for a name or alias, the similarity for a fuzzy match

    def as_dict(self, printed: str) -> dict:
        return {"method": self.method, "confidence": round(self.confidence, 2),
                "printed": printed, "label": METHOD_LABELS[self.method]}


# ---------------------------------------------------------------- the register in the archive

def known_units(s: Session, unit_ids: Iterable[int] | None = None) -> list[Known]:
    """Units as the register knows them (all, or those of ``unit_ids``), with aliases;
    units merged into another are left out: reports go to the unit that answers."""
    q = select(Unit).where(Unit.merged_into_id.is_(None))
    if unit_ids is not None:
        q = q.where(Unit.id.in_(list(unit_ids)))
    units = s.scalars(q.order_by(Unit.id)).all()
    aliases: dict[int, list[str]] = {}
    for a in s.scalars(select(UnitAlias).where(UnitAlias.unit_id.in_([u.id for u in units]))):
        aliases.setdefault(a.unit_id, []).append(a.name)
    return [Known(u.id, u.name, u.short, u.level, aliases.get(u.id, [])) for u in units]


def scheduled_units(s: Session, round_id: int) -> list[Known]:
    """The round's scheduled units, in plan order."""
    ids = list(s.scalars(select(RoundUnit.unit_id).where(RoundUnit.round_id == round_id)
                        .order_by(RoundUnit.position)))
    by_id = {k.id: k for k in known_units(s, ids)}
    return [by_id[i] for i in ids if i in by_id]


def add_alias(s: Session, unit_id: int, name: str) -> bool:
    """Remember ``name`` as another name of the unit, unless it is its own name or
    already names a unit; True when added."""
    name = clean(name)
    key = match_key(name)
    unit = s.get(Unit, unit_id)
    if not key or unit is None or key in (match_key(unit.name), match_key(unit.short or "")):
        return False
    if s.scalar(select(UnitAlias.id).where(UnitAlias.key == key)) is not None:
        return False
    if s.scalar(select(Unit.id).where((Unit.key == unit_key(name))
                                      | (Unit.short_key == unit_key(name)))) is not None:
        return False
    s.add(UnitAlias(unit_id=unit_id, name=name, key=key))
    s.flush()
    return True


# ---------------------------------------------------------------- names from a plan

def locality(plan: dict) -> str | None:
    """The province (or city) the plan is issued in: "TỈNH BẮC GIANG" → "Bắc Giang"."""
    issuer = plan.get("issuer") or {}
    lines = [issuer.get("parent") or "", *(issuer.get("name") or [])]
    for line in lines:
        m = re.match(r"^\s*(?:tỉnh|thành phố)\s+(.+)$", clean(str(line)), re.IGNORECASE)
        if m:
            return " ".join(w.capitalize() for w in m.group(1).split())
    place = clean(str(plan.get("place") or ""))
    return place or None


def group_kind(label: str) -> str | None:
    """What a schedule group lists: "so" (departments), "district" or "commune"."""
    words = re.findall(r"\w+", fold(label))
    text = " ".join(words)
    if re.search(r"\bcac (xa|phuong|thi tran)\b|\bthi tran\b", text):
        return "commune"
    if re.search(r"\b(huyen|thanh pho|thi xa)\b", text):
        return "district"
    if "so" in words or "nganh" in words:
        return "so"
    return None


def whole_level(name: str) -> tuple[bool, str | None]:
    """(is the name already whole, the level its first words imply)."""
    key = fold(name) + " "
    for starts, level in _WHOLE:
        if key.startswith(starts):
            return True, level
    return False, None


def complete(name: str, place: str | None) -> str:
    """"Cục Thuế tỉnh" → "Cục Thuế tỉnh Bắc Giang": a bare level word gets its place."""
    if place and _BARE_LOCALITY.search(name):
        return f"{name} {place}"
    return name


def full_name(label: str, item: str, place: str | None = None) -> dict:
    """A schedule entry {name, short, level} from its group's label and its short name."""
    item = clean(item)
    whole, level = whole_level(item)
    kind = group_kind(label)
    if whole:
        name = complete(item, place)
        if level is None and kind == "so":
            level = LEVEL_DEPARTMENT
    elif kind == "so":
        name, level = f"Sở {item}", LEVEL_DEPARTMENT
    elif kind == "district":
        name = f"UBND {item}" if fold(item).startswith(_DISTRICT_KINDS) else f"UBND huyện {item}"
        level = LEVEL_DISTRICT
    elif kind == "commune":
        name = f"UBND {item}" if fold(item).startswith(_COMMUNE_KINDS) else f"UBND xã {item}"
        level = LEVEL_COMMUNE
    else:
        name = complete(item, place)
    entry = {"name": name, "short": item} if name != item else {"name": name}
    if level:
        entry["level"] = level
    return entry


def resolve(label: str, item: str, known: Iterable[Known], place: str | None = None) -> dict:
    """The register's entry for a short name in a group, else the name the label makes.

    The register wins (it writes "Sở Lao động - Thương binh và Xã hội" as the office
    does); a short name alone is taken from it only at the group's level, since
    "Tân Yên" is both a district and, elsewhere, a commune.
    """
    guess = full_name(label, item, place)
    known = list(known)
    by_name = _find(known, guess["name"])
    if by_name is None:
        short = match_key(item)
        level = guess.get("level")
        same = [k for k in known if k.short and match_key(k.short) == short
                and (level is None or k.level in (None, level))]
        by_name = same[0] if len(same) == 1 else None
    if by_name is None:
        return guess
    entry = {"name": by_name.name}
    if item != by_name.name:
        entry["short"] = item
    level = by_name.level or guess.get("level")
    if level:
        entry["level"] = level
    return entry


def plan_entries(s: Session, plan: dict):
    """(quarter, group label, entry) of a plan's schedule, where an entry given by its
    name alone ("Tư pháp" under "các Sở") becomes the register's unit or the full name
    its label makes; an entry with its short name or level is taken as written."""
    known, place = None, locality(plan)
    for quarter, label, entry in plan_units(plan):
        if set(entry) == {"name"}:
            known = known_units(s) if known is None else known
            entry = resolve(label or "", entry["name"], known, place)
        yield quarter, label, entry


def _find(known: list[Known], name: str) -> Known | None:
    key = match_key(name)
    for k in known:
        if match_key(k.name) == key or any(match_key(a) == key for a in k.aliases):
            return k
    return None


# ---------------------------------------------------------------- matching a report

def match_key(name: str) -> str:
    """unit_key with abbreviations spelled out and stray punctuation dropped."""
    key = unit_key(name)
    for pattern, spelled in _SPELLED:
        key = pattern.sub(spelled, key)
    return " ".join(_PUNCT.sub(" ", key).split())


def _distinct(key: str) -> tuple[str, str]:
    """(kind, the words that tell units of one kind apart): ("ubnd huyen", "tan yen")."""
    for starts, _level in _WHOLE:
        for s in starts:
            if key.startswith(s):
                return s.strip(), key[len(s):]
    return "", key


_LOCALITY_TAIL = re.compile(r"(^|\s)(tinh|thanh pho)(\s.*)?$")


def _trimmed(key: str) -> str:
    """A key without the province after the unit's own name: "so tu phap tinh bac
    giang" → "so tu phap", "ubnd huyen tan yen tinh bac giang" → "ubnd huyen tan yen".
    "UBND tỉnh Bắc Giang" is left whole: without its place it names nothing."""
    kind, rest = _distinct(key)
    rest = _LOCALITY_TAIL.sub("", rest).strip()
    if not rest and kind.startswith(("ubnd", "uy ban")):
        return key
    return f"{kind} {rest}".strip()


MAX_NAME = 300  # a unit's name is short; a longer one is cut before any comparison


def similarity(a: str, b: str) -> float:
    ka, kb = _distinct(match_key(a[:MAX_NAME])), _distinct(match_key(b[:MAX_NAME]))
    if ka[0] == kb[0]:
        return SequenceMatcher(None, ka[1], kb[1]).ratio()
    return 0.9 * SequenceMatcher(None, " ".join(ka), " ".join(kb)).ratio()


def match(printed: str, candidates: Iterable[Known]) -> Match | None:
    """The candidate the printed name means, by name, alias, short name or fuzzy match;
    None when none is close enough that a person need not choose."""
    candidates = list(candidates)
    printed = printed[:MAX_NAME]
    key = match_key(printed)
    if not key:
        return None
    for method, names in (("name", lambda k: [k.name]), ("alias", lambda k: k.aliases),
                          ("short", lambda k: [k.short] if k.short else [])):
        hits = [k for k in candidates if any(match_key(n) == key for n in names(k))]
        if len(hits) == 1:
            return Match(hits[0], method, 1.0 if method != "short" else 0.95)
    # "SỞ TƯ PHÁP TỈNH BẮC GIANG" for "Sở Tư pháp", "CỤC THUẾ TỈNH" for "… tỉnh Bắc Giang"
    hits = [k for k in candidates if _trimmed(match_key(k.name)) == _trimmed(key)]
    if len(hits) == 1:
        return Match(hits[0], "name", 0.95)
    scored = sorted(((max(similarity(printed, n) for n in [k.name, *k.aliases]), i)
                     for i, k in enumerate(candidates)), reverse=True)
    if not scored or scored[0][0] < FUZZY_AT_LEAST:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
        return None
    return Match(candidates[scored[0][1]], "fuzzy", scored[0][0])


# ---------------------------------------------------------------- writing a name

_PLACE_WORDS = {"huyện", "xã", "phường", "tỉnh", "phố", "trấn"}
_NAME_STARTS = {"sở", "cục", "ban", "chi", "công", "kho", "văn", "thanh"}


def tidy(name: str) -> str:
    """A letterhead's capitals written as a register would: "SỞ XÂY DỰNG" → "Sở Xây
    dựng", "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN" → "UBND huyện Tân Yên". Only for a name in
    capitals that matches nothing (so a guess, flagged by the caller); any other name
    is kept as written."""
    name = clean(name)
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    words = name.lower().split()
    key = fold(name)
    if key.startswith(("uy ban nhan dan ", "hoi dong nhan dan ")):
        words = ["UBND" if key.startswith("uy") else "HĐND", *words[4:]]
    words = [w.upper() if w in ("ubnd", "hđnd") else w for w in words]
    out, place = [], False
    for i, w in enumerate(words):
        cap = i == 0 or place or (i == 1 and words[0] in _NAME_STARTS) \
            or (i > 0 and words[i - 1] == "-")
        out.append(w if w.isupper() else w.capitalize() if cap else w)
        following = words[i + 1] if i + 1 < len(words) else ""
        place = place or (w in _PLACE_WORDS and following != "hội")
    return " ".join(out)
