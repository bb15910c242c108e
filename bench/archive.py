"""Archive speed: records imported per second (SQLite, and PostgreSQL when a URL is
given), and the time of a 1,000-unit round summary. Target: the summary of 1,000
units in under 10 s on SQLite; the last line is ``ratio: summary seconds / 10``.

usage: python bench/archive.py [--records 1000] [--pg postgresql://…]
       (PostgreSQL also from CCHC_BENCH_PG_URL or CCHC_TEST_PG_URL; give a scratch
       database: the bench adds a round named bench-… to it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.archive import store  # noqa: E402
from cchc.archive.db import open_archive  # noqa: E402
from cchc.archive.models import Recommendation, Unit  # noqa: E402
from cchc.archive.summary_data import round_summary  # noqa: E402
from cchc.core.spec import COUNT_KEYS, INDICATOR_IDS  # noqa: E402

TARGET_SECONDS = 10.0


def synthetic_record(i: int) -> dict:
    """A report as the extractor gives it: every indicator, ten statistics rows."""
    rows = []
    for r in range(10):
        row = dict.fromkeys(COUNT_KEYS, 0)
        online, direct, late = 20 + (i + r) % 50, 10 + r, (i * 7 + r) % 9
        row.update(stt=r + 1, field=f"Lĩnh vực {r + 1}", received_online=online,
                   received_direct=direct, received_total=online + direct,
                   resolved_total=online + direct - 2, resolved_late=late,
                   resolved_on_time=online + direct - 2 - late, pending_total=2,
                   pending_not_due=2)
        rows.append(row)
    return {
        "kind": "unit_report", "schema_version": 1,
        "source": {"file": f"bao-cao-{i}.docx", "format": "docx"},
        "unit": {"name": f"UBND xã Thử nghiệm {i:04d}"},
        "document": {"number": f"{i}/BC-UBND", "date": "2023-05-10", "place": "Bắc Giang"},
        "period": {"from": "2022-12-15", "to": "2023-05-14"},
        "sections": {k: f"Nội dung mục {k} của đơn vị {i}. " * 20 for k in ("1", "2", "5.1")},
        "indicators": {k: {"value": float((i + n) % 101), "numerator": None,
                           "denominator": None} for n, k in enumerate(INDICATOR_IDS)},
        "tthc_stats": {"rows": rows, "total": None},
        "warnings": [],
    }


def bench_import(url: str, count: int) -> tuple[float, str]:
    code = f"bench-{uuid.uuid4().hex[:8]}"
    records = [synthetic_record(i) for i in range(count)]
    with open_archive(url) as archive:
        store.create_round(archive, code)
        start = time.perf_counter()
        for i, record in enumerate(records):
            original = json.dumps(record, ensure_ascii=False).encode() + code.encode()
            result = store.import_record(archive, code, record, original, f"bao-cao-{i}.json")
            assert result.status == "stored", result
        seconds = time.perf_counter() - start
        add_recommendations(archive, code)
    return count / seconds, code


def add_recommendations(archive, code: str) -> None:
    """Two recommendations per unit, in one transaction (not what is being timed)."""
    with archive.sessions() as s, s.begin():
        rnd = store.get_round(s, code)
        ids = s.scalars(Unit.__table__.select().with_only_columns(Unit.id)
                        .where(Unit.name.like("UBND xã Thử nghiệm %"))).all()
        s.add_all(Recommendation(round_id=rnd.id, unit_id=uid, seq=n + 1, text=f"Kiến nghị {n}",
                                 deadline=dt.date(2023, 12, 31) if n else None)
                  for uid in ids for n in range(2))


def bench_summary(url: str, code: str) -> tuple[float, float]:
    """Seconds for the aggregation alone, and for aggregation plus the XLSX."""
    with open_archive(url) as archive:
        start = time.perf_counter()
        data = round_summary(archive, code)
        aggregated = time.perf_counter() - start
        write_outputs(data)
        return aggregated, time.perf_counter() - start


def write_outputs(data: dict) -> None:
    """The XLSX summary too, once the generator has it."""
    try:
        from cchc.generator.summary_xlsx import write_summary_xlsx
    except ImportError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        write_summary_xlsx(data, Path(tmp) / "tong-hop.xlsx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get("CCHC_BENCH_PG_URL")
                        or os.environ.get("CCHC_TEST_PG_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        rate, code = bench_import(sqlite_url, args.records)
        print(f"sqlite: {rate:.1f} records/s imported ({args.records} records, "
              "one transaction each)")
        aggregated, sqlite_summary = bench_summary(sqlite_url, code)
        print(f"sqlite: summary of {args.records} units in {sqlite_summary:.2f} s "
              f"(aggregation {aggregated:.2f} s, the rest the XLSX)")
    if args.pg:
        rate, code = bench_import(args.pg, args.records)
        print(f"postgresql: {rate:.1f} records/s imported")
        aggregated, total = bench_summary(args.pg, code)
        print(f"postgresql: summary of {args.records} units in {total:.2f} s "
              f"(aggregation {aggregated:.2f} s)")
    else:
        print("postgresql: skipped (no --pg URL, CCHC_BENCH_PG_URL or CCHC_TEST_PG_URL)")
    print(f"ratio: {sqlite_summary / TARGET_SECONDS:.2f}")


if __name__ == "__main__":
    main()
