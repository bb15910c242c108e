"""Unit accounts (issue 25): one-time invites, redeeming them, and what a unit may see.

A unit account (role ``donvi``) is bound to one unit of a round's schedule (the
archive's register) and sees that unit's report form for the rounds it was invited
to, nothing else. There is no mail server: staff print the invite code (in the
schedule notice, or by hand); the unit types it with a name and a password of its
own. Only the code's SHA-256 is kept, and a code works once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.archive import register, store
from cchc.archive.audit import audit
from cchc.archive.db import Archive
from cchc.archive.store import transaction
from cchc.core.errors import CchcError
from cchc.core.vn import clean

from . import users
from .errors import ApiError
from .models import User, utcnow
from .unit_models import UnitAccess, UnitInvite

UNIT_ROLE = "donvi"
INVITE_TTL = dt.timedelta(days=60)
# No 0/O, 1/I/L: a code is read off paper and typed by hand.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
GROUP = 4


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normal_code(text: str) -> str:
    """The code as typed (spaces, dashes, lower case) in its one form: ABCD-EFGH-JKMN."""
    raw = "".join(ch for ch in (text or "")[:100].upper() if ch.isalnum())
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def scheduled(archive: Archive, code: str) -> list[register.Known]:
    with archive.sessions() as s:
        return register.scheduled_units(s, store.get_round(s, code).id)


def create_invite(archive: Archive, code: str, unit: str, by: str) -> dict:
    """A new one-time code for ``unit`` (a unit of the round's schedule) in round ``code``;
    the code itself is returned once and never stored. Audited as ``by``'s "invite" in
    the invite's own transaction."""
    unit = clean(unit or "")
    names = [k.name for k in scheduled(archive, code)]
    if unit not in names:
        raise ApiError(422, "unit_not_scheduled", f"đơn vị '{unit}' không có trong lịch kiểm "
                       f"tra của đợt {code}", field="unit")
    plain = "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP))
                     for _ in range(CODE_GROUPS))
    now = utcnow()

    def work(s: Session) -> dict:
        row = UnitInvite(code_sha256=_digest(plain), unit_name=unit, round_code=code,
                         created_by=by, created_at=now, expires_at=now + INVITE_TTL)
        s.add(row)
        s.flush()
        audit(s, by, "invite", "unit", unit, {"round": code, "invite": row.id})
        return {"id": row.id, "code": plain, "unit": unit, "round": code,
                "expires_at": row.expires_at.date().isoformat()}

    return transaction(archive, work)


def invite_scheduled(archive: Archive, code: str, by: str) -> dict[str, str]:
    """One new code for each unit of the round's schedule that has no live invite (unused,
    unexpired) and no account yet, to print in the schedule notice: {unit: code}. The
    codes are returned once; only their digests are kept."""
    now = utcnow()
    with archive.sessions() as s:
        live = set(s.scalars(select(UnitInvite.unit_name).where(
            UnitInvite.round_code == code, UnitInvite.used_at.is_(None),
            UnitInvite.expires_at >= now)))
        served = set(s.scalars(select(UnitAccess.unit_name).where(
            UnitAccess.round_code == code)))
    return {k.name: create_invite(archive, code, k.name, by)["code"]
            for k in scheduled(archive, code) if k.name not in live | served}


def invites(archive: Archive, code: str) -> list[dict]:
    """The round's invites (never their codes): who for, used or not."""
    with archive.sessions() as s:
        rows = s.scalars(select(UnitInvite).where(UnitInvite.round_code == code)
                         .order_by(UnitInvite.id)).all()
        names = {u.id: u.name for u in s.scalars(select(User).where(
            User.id.in_([r.user_id for r in rows if r.user_id])))}
        return [{"id": r.id, "unit": r.unit_name, "by": r.created_by,
                 "created_at": r.created_at.isoformat(timespec="seconds"),
                 "used_at": r.used_at.isoformat(timespec="seconds") if r.used_at else None,
                 "account": names.get(r.user_id),
                 "expired": r.used_at is None and r.expires_at < utcnow()} for r in rows]


BAD_CODE = "mã mời không đúng, đã dùng hoặc đã hết hạn; hãy hỏi lại cán bộ đợt kiểm tra"


def redeem(archive: Archive, code: str, name: str, password: str) -> dict:
    """Use a code once: a new unit account ``name`` with ``password``, bound to the
    invite's unit and round, audited as the new account's "redeem" in the same
    transaction. A wrong, used or expired code changes nothing."""
    digest = _digest(normal_code(code))
    hashed = users.hash_password(password)
    name = clean(name or "")
    if not name or len(name) > 100:
        raise ApiError(422, "bad_name", "tên đăng nhập phải có từ 1 đến 100 ký tự",
                       field="username")

    def work(s: Session) -> dict:
        invite = s.scalar(select(UnitInvite).where(UnitInvite.code_sha256 == digest))
        if invite is None or invite.used_at is not None or invite.expires_at < utcnow():
            raise ApiError(422, "bad_invite", BAD_CODE, field="code")
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise ApiError(409, "user_exists", f"tên đăng nhập '{name}' đã có người dùng; "
                           "hãy chọn tên khác", field="username")
        user = User(name=name, password_hash=hashed, role=UNIT_ROLE, active=1)
        s.add(user)
        s.flush()
        s.add(UnitAccess(user_id=user.id, unit_name=invite.unit_name,
                         round_code=invite.round_code))
        invite.used_at, invite.user_id = utcnow(), user.id
        audit(s, name, "redeem", "unit", invite.unit_name, {"round": invite.round_code})
        return {"user_id": user.id, "name": name, "unit": invite.unit_name,
                "round": invite.round_code}

    return transaction(archive, work)


def access(archive: Archive, user_id: int) -> list[dict]:
    """The (unit, round) pairs a unit account may see, rounds that still exist."""
    with archive.sessions() as s:
        rows = s.scalars(select(UnitAccess).where(UnitAccess.user_id == user_id)
                         .order_by(UnitAccess.id)).all()
        out = []
        for r in rows:
            try:
                store.get_round(s, r.round_code)
            except CchcError:
                continue
            out.append({"unit": r.unit_name, "round": r.round_code})
        return out


def may_see(archive: Archive, user_id: int, code: str, unit: str) -> bool:
    return {"unit": unit, "round": code} in access(archive, user_id)


def is_district(archive: Archive, unit: str) -> bool:
    """Whether the unit reports the district-only indicators (the register's level,
    else what its name says)."""
    with archive.sessions() as s:
        known = next((k for k in register.known_units(s) if k.name == unit), None)
    level = known.level if known is not None else None
    if level is None:
        level = register.whole_level(unit)[1]
    return level == register.LEVEL_DISTRICT
