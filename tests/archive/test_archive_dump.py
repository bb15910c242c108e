"""export → import-dump moves a whole archive between SQLite and PostgreSQL without loss."""

from __future__ import annotations

import datetime as dt

import pytest
from archive_plan import PLAN
from archive_records import BINARY, make_record

from cchc.archive import dump, store
from cchc.archive import recommendations as recs
from cchc.archive.db import open_archive
from cchc.archive.mergers import merge_units
from cchc.archive.models import Conclusion, Inspection, Unit
from cchc.core.errors import CchcError


def populate(archive) -> None:
    """Every table gets rows, with bytes, dates, nested JSON, Vietnamese text, NULLs."""
    store.create_round(archive, "2023", plan=PLAN)
    store.create_round(archive, "2024")
    store.import_record(archive, "2023", make_record("Sở Xây dựng", seed=1), BINARY, "v1.pdf")
    store.import_record(archive, "2023", make_record("Sở Xây dựng", seed=2), b"v2", "v2.docx")
    store.import_record(archive, "2024", make_record("Sở Tư pháp", full_process=None),
                        BINARY, "tp.pdf")
    with archive.sessions() as s, s.begin():
        parent = s.query(Unit).filter_by(name="UBND huyện Tân Yên").one()
        s.add(Unit(name="UBND xã Cao Xá", key="ubnd xa cao xa", level="xã",
                   parent_id=parent.id, valid_from=dt.date(2025, 7, 1)))
        s.add(Inspection(round_id=1, unit_id=1, date=dt.date(2023, 6, 5),
                         team=["Nguyễn Văn A", "Trần Thị B"], findings={"tồn tại": ["Chậm"]}))
        s.add(Conclusion(round_id=1, unit_id=1, number="12/TB-UBND", date=dt.date(2023, 7, 1),
                         data={"kết luận": "Đạt"}, docx=b"PK\x03\x04" + BINARY))
    rec = recs.add_recommendations(archive, "2023", "Sở Xây dựng", [
        {"text": "Rà soát quy trình nội bộ", "deadline": "2023-09-30"},
        {"text": "Cập nhật Cổng dịch vụ công", "deadline": None}], conclusion_id=1)
    recs.update_recommendation(archive, rec[0]["id"], status="remedied",
                               evidence="Quyết định số 45/QĐ-SXD")
    merge_units(archive, ["UBND xã Cao Xá"], "UBND xã Tân Yên Mới", date="2025-07-01")


def test_round_trip_through_another_database_is_lossless(db_url, tmp_path):
    with open_archive(f"sqlite:///{tmp_path / 'source.db'}") as source:
        populate(source)
        dump.export_dump(source, tmp_path / "one.jsonl")
    with open_archive(db_url) as middle:  # SQLite → (SQLite | PostgreSQL)
        counts = dump.import_dump(middle, tmp_path / "one.jsonl")
        dump.export_dump(middle, tmp_path / "two.jsonl")
        report = store.get_report(middle, 1, with_original=True)
        assert report["original"] == BINARY
        # ids keep going after the loaded ones (PostgreSQL sequences were moved on)
        new = store.import_record(middle, "2024", make_record("Sở Xây dựng"), b"n", "n.docx")
        assert new.report_id == counts["reports"] + 1
    with open_archive(f"sqlite:///{tmp_path / 'back.db'}") as back:  # … → SQLite
        dump.import_dump(back, tmp_path / "two.jsonl")
        dump.export_dump(back, tmp_path / "three.jsonl")
    one = (tmp_path / "one.jsonl").read_bytes()
    assert counts["original_files"] == 2 and counts["conclusions"] == 1
    assert (tmp_path / "two.jsonl").read_bytes() == one
    assert (tmp_path / "three.jsonl").read_bytes() == one


def test_dump_refuses_a_non_empty_target(archive, tmp_path):
    populate(archive)
    dump.export_dump(archive, tmp_path / "d.jsonl")
    with pytest.raises(CchcError, match="đã có dữ liệu"):
        dump.import_dump(archive, tmp_path / "d.jsonl")


def test_truncated_dump_loads_nothing(db_url, tmp_path):
    with open_archive(f"sqlite:///{tmp_path / 'source.db'}") as source:
        populate(source)
        dump.export_dump(source, tmp_path / "d.jsonl")
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "cut.jsonl").write_text("".join(lines[:-3]), encoding="utf-8")
    with open_archive(db_url) as target:
        with pytest.raises(CchcError, match="cắt cụt"):
            dump.import_dump(target, tmp_path / "cut.jsonl")
        assert store.list_rounds(target) == []
