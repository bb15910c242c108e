"""The report a unit typed, downloaded as the `report` kind and read back by `cchc
extract` (issue 25's round trip, fields right: 100%) with every section filled, group
rows over the statistics rows and the total row the form adds up."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from unit_fields import FIELDS
from unit_helpers import csrf_of, invite, redeem, round_with_plan, unit_form_id

from cchc import examples, extractors
from cchc.service import unit_report

GROUPED = {
    "stats[0].kind": "group", "stats[0].field": "I. Lĩnh vực Tư pháp",
    "stats[1].field": "Chứng thực", "stats[1].received_total": "40",
    "stats[1].received_online": "30", "stats[1].received_direct": "10",
    "stats[1].resolved_total": "38", "stats[1].resolved_on_time": "37",
    "stats[1].resolved_late": "1", "stats[1].pending_total": "2",
    "stats[1].pending_not_due": "2",
    "stats[2].field": "Hộ tịch", "stats[2].received_total": "12",
    "stats[2].received_direct": "12", "stats[2].resolved_total": "12",
    "stats[2].resolved_on_time": "12",
    "stats[3].kind": "group", "stats[3].field": "II. Lĩnh vực Xây dựng",
    "stats[4].field": "Cấp giấy phép xây dựng", "stats[4].received_total": "7",
    "stats[4].carried_over": "2", "stats[4].received_direct": "5",
    "stats[4].resolved_total": "7", "stats[4].resolved_late": "7",
    "stats[5].kind": "group", "stats[5].field": "Cấp xã",
    "stats[6].field": "Đăng ký kết hôn", "stats[6].received_total": "3",
    "stats[6].received_online": "3", "stats[6].resolved_total": "3",
    "stats[6].resolved_on_time": "3",
}


def _every_section(district: bool) -> dict[str, str]:
    """A text of its own under each section and subsection the unit's form shows."""
    parts = unit_report.layout(examples.load("outline"), district)
    return {f"sections.{p.key}": f"Nội dung mục {p.key} do đơn vị tự viết."
            for p in parts if not p.heading_only}


def _read_back(client, tokens) -> tuple[dict, dict]:
    units = round_with_plan(client, tokens)
    assert redeem(client, invite(client, "2023", units[1]), "don-vi-1").status_code == 200
    form_id = unit_form_id(client)
    page = client.get(f"/don-vi/bao-cao/{form_id}")
    version = int(re.search(r'data-version="(\d+)"', page.text).group(1))
    fields = {k: v for k, v in FIELDS.items() if not k.startswith("stats[")}
    fields.update(GROUPED)
    fields.update(_every_section(district=False))
    r = client.put(f"/api/don-vi/bao-cao/{form_id}", json={"fields": fields},
                   headers={"X-CSRF-Token": csrf_of(page.text), "If-Match": str(version)})
    assert r.status_code == 200, r.text
    typed, _ = unit_report.build(fields, units[1], district=False)
    r = client.get(f"/don-vi/bao-cao/{form_id}/van-ban?format=docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bao-cao.docx"
        path.write_bytes(r.content)
        return typed, extractors.extract_file(path)


def test_group_rows_total_and_every_section_come_back_from_the_docx(client, tokens):
    typed, back = _read_back(client, tokens)
    stats = typed["tthc_stats"]
    assert [r.get("group") for r in stats["rows"]] == [
        "I. Lĩnh vực Tư pháp", "I. Lĩnh vực Tư pháp", "II. Lĩnh vực Xây dựng", "Cấp xã"]
    got = back["tthc_stats"]
    assert [{k: v for k, v in r.items() if v is not None} for r in got["rows"]] == [
        {k: v for k, v in r.items() if v is not None} for r in stats["rows"]]
    assert {k: v for k, v in got["total"].items() if v is not None} == {
        k: v for k, v in stats["total"].items() if v is not None}
    assert stats["total"]["received_total"] == 62
    wrong = {k: (v, back["sections"].get(k)) for k, v in typed["sections"].items()
             if not k.startswith("5") and back["sections"].get(k) != v}
    assert not wrong, wrong
    # 5.x print their text after the outline's indicator lines: the unit's words are kept
    for key, text in typed["sections"].items():
        assert text in (back["sections"].get(key) or ""), (key, back["sections"].get(key))
    assert back["indicators"]["full_process_dvc_ratio"]["numerator"] == 171
    assert back["investment"] == typed["investment"]
    assert not [w for w in back["warnings"] if w["code"].startswith("stats.")], back["warnings"]
