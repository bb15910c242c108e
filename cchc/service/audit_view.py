"""The audit log as office staff read it: local time, and each object said in words.

The log stores UTC and compact references ("draft:12", "user:canbo") so programs can
query it; the users page shows "08/12/2026 06:37" (giờ Việt Nam) and "bản tải lên
số 12", "tài khoản canbo".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

try:
    LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
except ZoneInfoNotFoundError:  # no tz database: Việt Nam has kept UTC+7 since 1975
    LOCAL = dt.timezone(dt.timedelta(hours=7))

# What each kind of object is; "{}" takes the reference's id or name.
OBJECTS = {
    "user": "tài khoản {}", "round": "đợt kiểm tra {}", "report": "báo cáo số {}",
    "draft": "bản tải lên số {}", "conclusion": "thông báo kết luận số {}",
    "recommendation": "kiến nghị số {}", "file": "tệp {}", "job": "lượt xử lý tệp {}",
    "score": "điểm của {}",
    "thematic": "báo cáo chuyên đề số {}", "thematic_report": "báo cáo chuyên đề số {}",
    "inspection": "cuộc kiểm tra số {}", "unit": "đơn vị {}",
    "unit_form": "phiếu báo cáo số {}",
}


def local_time(iso: str) -> str:
    """A stored UTC time (naive means UTC) as dd/mm/yyyy hh:mm in Việt Nam."""
    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")


def object_text(obj: str, kind_labels: dict[str, str]) -> str:
    """ "draft:12" → "bản tải lên số 12"; "document:plan" → "văn bản: Kế hoạch kiểm tra"."""
    kind, sep, ref = (obj or "").partition(":")
    if not sep:
        return obj or "—"
    if kind == "document":
        return f"văn bản: {kind_labels.get(ref, ref)}"
    return OBJECTS[kind].format(ref) if kind in OBJECTS else obj
