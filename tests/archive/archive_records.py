"""Report records built by hand for the archive tests, valid against report.schema.json.

The numbers are chosen so the derived figures are easy to check by hand:
on-time rate = resolved_on_time / resolved_total, online ratio =
received_online / received_total.
"""

from __future__ import annotations

import json
from pathlib import Path

from cchc.core.spec import COUNT_KEYS

# Every byte value, NULs and invalid UTF-8 included: what comes back must be these.
BINARY = bytes(range(256)) * 64 + b"\x00\xff\xfe"


def stats_row(stt: int, field: str, received_online: int, received_direct: int,
              on_time: int, late: int) -> dict:
    row = dict.fromkeys(COUNT_KEYS, 0)
    row.update(stt=stt, field=field, received_online=received_online,
               received_direct=received_direct,
               received_total=received_online + received_direct,
               resolved_on_time=on_time, resolved_late=late, resolved_total=on_time + late)
    return row


def make_record(unit: str, *, seed: int = 0, full_process: float | None = 85.5,
                rows: list[dict] | None = None, warnings: list[dict] | None = None) -> dict:
    rows = rows if rows is not None else [
        stats_row(1, "Hoạt động xây dựng", 80 + seed, 20, 90, 10),
        stats_row(2, "Quy hoạch", 10, 10, 19, 1),
    ]
    total = {k: sum(r[k] for r in rows) for k in COUNT_KEYS}
    return {
        "kind": "unit_report",
        "schema_version": 1,
        "source": {"file": f"bao-cao-{seed}.docx", "format": "docx"},
        "unit": {"name": unit},
        "document": {"number": f"{100 + seed}/BC-SXD", "date": "2023-05-10",
                     "place": "Bắc Giang"},
        "period": {"from": "2022-12-15", "to": "2023-05-14"},
        "sections": {"1": "Công tác chỉ đạo, điều hành.", "5.1": f"Nội dung {seed}."},
        "indicators": {
            "full_process_dvc_ratio": {"value": full_process, "numerator": None,
                                       "denominator": None},
        },
        "tthc_stats": {"rows": rows, "total": total},
        "warnings": warnings or [],
    }


def write_record(folder: Path, name: str, record: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
