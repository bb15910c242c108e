"""Notices of conclusions from the archive: the unit's archived figures, stored
recommendations, and the next round's follow-up of them."""

from __future__ import annotations

import json

import docx
import pytest

from cchc import examples
from cchc.archive.recommendations import list_recommendations, update_recommendation
from cchc.archive.store import create_round, import_record
from cchc.core.errors import CchcError
from cchc.usecases.conclusion import issue_conclusion
from tests.docx_text import norm

FINDINGS = {
    "issuer": {"parent": "UBND TỈNH BẮC GIANG", "name": "SỞ NỘI VỤ"},
    "number": 86, "symbol": "TB-SNV", "date": "2023-06-02", "place": "Bắc Giang",
    "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn Bình"},
    "inspection": {"date": "2023-05-24", "team": "Tổ kiểm tra số 1"},
    "weaknesses": ["Còn hồ sơ giải quyết quá hạn."],
    "recommendations": [{"text": "Xử lý dứt điểm hồ sơ quá hạn.", "deadline": "2023-07-31"},
                        {"text": "Đẩy mạnh số hoá kết quả.", "deadline": "2099-09-30"}],
    "report_deadline": "2023-10-15",
}


def record(name: str) -> dict:
    return json.loads((examples.HERE / "reports" / f"{name}.json").read_text(encoding="utf-8"))


def text_of(blob: bytes, tmp_path) -> str:
    path = tmp_path / "tb.docx"
    path.write_bytes(blob)
    d = docx.Document(path)
    return norm(" ".join([p.text for p in d.paragraphs]
                         + [c.text for t in d.tables for r in t.rows for c in r.cells]))


def test_notice_quotes_the_archived_report_and_stores_its_recommendations(archive, tmp_path):
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    rec = record("so-xay-dung")
    import_record(archive, "2023", rec, b"original bytes", "so-xay-dung.docx")
    blob, stored = issue_conclusion(archive, "2023", "so xay dung", FINDINGS)
    text = text_of(blob, tmp_path)
    # Sở Xây dựng's rows resolve 1200 + 190 + 76 = 1466 files, 1190 + 188 + 76 = 1454 on time
    rows = rec["tthc_stats"]["rows"]
    assert sum(r["resolved_total"] for r in rows) == 1466
    assert sum(r["resolved_on_time"] for r in rows) == 1454
    assert "đã giải quyết 1.466 hồ sơ, trong đó trả đúng hạn 1.454 hồ sơ, đạt 99,18%" in text
    assert "đã thực hiện chi 820.500.000 đồng, đạt 54,7% dự toán" in text
    assert "Thực hiện Kế hoạch số" in text and "của Chủ tịch UBND tỉnh Bắc Giang" in text
    assert "tại Sở Xây dựng" in text
    assert [r["text"] for r in stored["recommendations"]] == [
        "Xử lý dứt điểm hồ sơ quá hạn.", "Đẩy mạnh số hoá kết quả."]
    listed = list_recommendations(archive, "2023", unit="Sở Xây dựng")
    assert [r["status"] for r in listed] == ["overdue", "open"]


def test_next_round_notice_follows_up_the_previous_recommendations(archive, tmp_path):
    create_round(archive, "2023", year=2023)
    import_record(archive, "2023", record("so-tai-chinh"), b"a", "stc.docx")
    _, stored = issue_conclusion(archive, "2023", "Sở Tài chính", FINDINGS)
    first = stored["recommendations"][0]["id"]
    update_recommendation(archive, first, status="remedied", evidence="Công văn 12/STC")
    create_round(archive, "2024", year=2024)
    import_record(archive, "2024", record("so-tai-chinh"), b"b", "stc-2024.docx")
    blob, _ = issue_conclusion(archive, "2024", "SỞ TÀI CHÍNH",
                               {**FINDINGS, "date": "2024-06-02"})
    text = text_of(blob, tmp_path)
    assert "III. VIỆC KHẮC PHỤC TỒN TẠI, KIẾN NGHỊ CỦA LẦN KIỂM TRA TRƯỚC" in text
    assert "Xử lý dứt điểm hồ sơ quá hạn – Tình trạng: đã khắc phục (Công văn 12/STC)" in text
    assert "Đẩy mạnh số hoá kết quả – Tình trạng: chưa khắc phục" in text


def test_a_second_notice_for_the_same_unit_is_refused(archive):
    create_round(archive, "2023", year=2023)
    import_record(archive, "2023", record("so-tai-chinh"), b"a", "stc.docx")
    issue_conclusion(archive, "2023", "Sở Tài chính", FINDINGS)
    with pytest.raises(CchcError, match="đã có thông báo kết luận"):
        issue_conclusion(archive, "2023", "Sở Tài chính", FINDINGS)


def test_unknown_unit_is_named(archive):
    create_round(archive, "2023", year=2023)
    with pytest.raises(CchcError, match="Sở Không Có"):
        issue_conclusion(archive, "2023", "Sở Không Có", FINDINGS)


def test_number_may_be_left_blank_for_the_clerk(archive, tmp_path):
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    import_record(archive, "2023", record("so-xay-dung"), b"original bytes", "sxd.docx")
    blob, stored = issue_conclusion(archive, "2023", "Sở Xây dựng", {})
    assert stored["number"] is None
    assert "Số: /TB-UBND" in text_of(blob, tmp_path)


def test_missing_plan_fields_are_named_with_where_to_give_them(archive):
    create_round(archive, "2023", year=2023)  # a round without a plan, no findings file
    import_record(archive, "2023", record("so-tai-chinh"), b"a", "stc.docx")
    with pytest.raises(CchcError) as err:
        issue_conclusion(archive, "2023", "Sở Tài chính", {})
    message = str(err.value.message)
    for field in ("'issuer'", "'place'", "'signer'"):
        assert field in message
    assert "kế hoạch của đợt 2023" in message and "--findings" in message
    assert "$:" not in message
