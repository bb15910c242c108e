"""The units' report form (issue 25): built from the outline, checked by the extractor's
validator as the unit types, saved as it goes with a version, read back by the
extractor from the DOCX it downloads."""

from __future__ import annotations

import copy
import io
import re

import pytest
from docx import Document
from unit_fields import FIELDS
from unit_helpers import csrf_of, invite, redeem, round_with_plan, unit_form_id

from cchc import examples
from cchc.service import unit_forms, unit_report


def _opened(client, tokens, unit_index: int = 1):
    """A unit account with its form open: (form id, csrf, version, unit)."""
    units = round_with_plan(client, tokens)
    assert redeem(client, invite(client, "2023", units[unit_index]), "don-vi-1").status_code \
        == 200
    form_id = unit_form_id(client)
    page = client.get(f"/don-vi/bao-cao/{form_id}")
    version = int(re.search(r'data-version="(\d+)"', page.text).group(1))
    return form_id, csrf_of(page.text), version, units[unit_index], page


def _put(client, form_id, csrf, version, fields):
    return client.put(f"/api/don-vi/bao-cao/{form_id}", json={"fields": fields},
                      headers={"X-CSRF-Token": csrf, "If-Match": str(version)})


# ---------------------------------------------------------------- built from the outline

def test_the_form_follows_the_outline_data():
    outline = examples.load("outline")
    dept = unit_report.layout(outline, district=False)
    district = unit_report.layout(outline, district=True)
    keys = [p.key for p in dept]
    assert keys[:4] == ["1", "2", "3", "4"] and keys[-4:] == ["6", "7", "8", "9"]
    assert "5.2" not in keys and "5.3" not in keys            # "dành cho khối huyện"
    assert "5.2" in [p.key for p in district] and "5.3" in [p.key for p in district]
    ids = lambda parts: {i["id"] for p in parts for i in p.indicators}  # noqa: E731
    assert "commune_portal_ratio" not in ids(dept) and "commune_portal_ratio" in ids(district)
    first = next(p for p in dept if p.key == "1")
    assert first.guide[0] == outline["sections"][0]["items"][0]       # the outline's own words
    money = next(p for p in dept if p.key == "5.5").investment
    assert [m["key"] for m in money] == ["budget_assigned_vnd", "spent_vnd"]
    # a new round's outline changes the form without code
    changed = copy.deepcopy(outline)
    changed["sections"][0]["items"] = ["- Việc mới của năm sau."]
    changed["sections"].append({"key": "10", "title": "Nội dung thêm", "items": ["- Ghi rõ."]})
    parts = unit_report.layout(changed, district=False)
    assert parts[0].guide == ["- Việc mới của năm sau."] and parts[-1].key == "10"


def test_the_page_shows_sections_guides_pairs_and_the_grid(client, tokens):
    _form_id, _csrf, _v, unit, page = _opened(client, tokens)
    html = page.text
    assert unit in html and 'name="sections.1"' in html and 'name="sections.9"' in html
    assert "Việc thực hiện nội dung, nhiệm vụ được phân công" in html   # guiding text
    assert 'name="indicators.full_process_dvc_ratio.numerator"' in html
    assert 'name="indicators.full_process_dvc_ratio.denominator"' in html
    assert 'name="investment.spent_vnd"' in html
    assert 'name="sections.5.2"' not in html and "commune_portal_ratio" not in html
    assert 'rowspan="3"' in html and 'colspan="4"' in html and "Tổng số" in html  # merged header
    assert "<script>" not in html and " on" not in re.sub(r'"[^"]*"', "", html).lower().split(
        "<main", 1)[1].replace(" one", "")


# ---------------------------------------------------------------- saving and checks

def test_autosave_keeps_what_was_typed_and_warns_without_blocking(client, tokens):
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    wrong = {**FIELDS, "stats[1].received_total": "121",
             "indicators.full_process_dvc_ratio.value": "80"}
    r = _put(client, form_id, csrf, version, wrong)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["version"] == version + 1
    by_field = {w["field"]: w for w in out["warnings"]}
    assert by_field["stats[1].received_total"]["code"] == "stats.sum_mismatch"
    assert "ghi 121 nhưng (4) + (5) + (6) + (7) = 120" in \
        by_field["stats[1].received_total"]["message"]
    assert by_field["indicators.full_process_dvc_ratio.value"]["code"] == \
        "indicator.ratio_mismatch"
    assert out["rates"]["full_process_dvc_ratio"] == 80.0
    assert out["total"]["received_total"] == 129
    # a reload (another day, the browser closed) shows exactly what was typed
    page = client.get(f"/don-vi/bao-cao/{form_id}").text
    assert 'value="121"' in page and "Sở đã ban hành kế hoạch CCHC năm 2023." in page
    assert 'value="I. Lĩnh vực Xây dựng"' in page
    assert "ghi 121 nhưng" in page    # the warning comes back with the page
    fixed = {**FIELDS}
    r = _put(client, form_id, csrf, version + 1, fixed)
    codes = {w["code"] for w in r.json()["warnings"]}
    assert "stats.sum_mismatch" not in codes and "indicator.ratio_mismatch" not in codes
    assert r.json()["rates"]["full_process_dvc_ratio"] == 85.5
    page = client.get(f"/don-vi/bao-cao/{form_id}").text  # before any script runs
    assert re.search(r'data-rate-for="full_process_dvc_ratio"[^>]*>85,5%</output>', page)


def test_a_missing_section_is_shown_beside_it(client, tokens):
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    fields = {k: v for k, v in FIELDS.items() if k != "sections.3"}
    warnings = _put(client, form_id, csrf, version, fields).json()["warnings"]
    missing = [w for w in warnings if w["code"] == "outline.section_missing"]
    assert [w["field"] for w in missing] == ["sections.3"]
    assert "thiếu mục 3" in missing[0]["message"]


def test_a_second_tab_gets_the_version_check(client, tokens):
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    assert _put(client, form_id, csrf, version, {"sections.1": "Tab một"}).status_code == 200
    r = _put(client, form_id, csrf, version, {"sections.1": "Tab hai"})   # opened earlier
    assert r.status_code == 412
    error = r.json()["error"]
    assert error["code"] == "stale" and "thẻ (tab) hoặc máy khác" in error["message"]
    assert unit_forms.get(client.app.state.archive, form_id).fields == {"sections.1": "Tab một"}
    r = client.put(f"/api/don-vi/bao-cao/{form_id}", json={"fields": {}},
                   headers={"X-CSRF-Token": csrf})
    assert r.status_code == 428                      # no version at all: refused too


@pytest.mark.parametrize("fields,code", [
    ("không phải bảng", "invalid"),
    ({"sections.1": 5}, "invalid"),
    ({"sections.1": "x" * 20_001}, "too_long"),
    ({"stats[0].received_total": "-3"}, "bad_value"),
    ({"indicators.full_process_dvc_ratio.value": "150"}, "bad_value"),
    ({"document.date": "ngày mai"}, "bad_value"),
    ({"unit.name": "Sở khác"}, "invalid"),
    ({"$.record": "x"}, "invalid"),
    ({"stats[999].field": "x"}, "too_many_rows"),
])
def test_a_hostile_post_gets_the_error_shape_and_changes_nothing(client, tokens, fields, code):
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    assert _put(client, form_id, csrf, version, {"sections.1": "Giữ nguyên"}).status_code == 200
    r = _put(client, form_id, csrf, version + 1, fields)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == code and error["message"] and set(error) == {
        "code", "message", "field", "details"}
    row = unit_forms.get(client.app.state.archive, form_id)
    assert row.fields == {"sections.1": "Giữ nguyên"} and row.version == version + 1


def test_the_record_is_the_contract_and_survives_the_docx(client, tokens):
    """What the unit typed, downloaded as the `report` kind and read back by the
    extractor: every typed value comes back (the round trip of the issue)."""
    import io
    import tempfile
    from pathlib import Path

    from docx import Document

    from cchc import extractors
    from cchc.schemas.validate import errors

    form_id, csrf, version, unit, _page = _opened(client, tokens)
    assert _put(client, form_id, csrf, version, FIELDS).status_code == 200
    record, _ = unit_report.build(FIELDS, unit, district=False)
    assert errors("report", record) == []
    r = client.get(f"/don-vi/bao-cao/{form_id}/van-ban?format=docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    doc = Document(io.BytesIO(r.content))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "Trần Văn Hùng" in text and "PHÓ GIÁM ĐỐC" in text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bao-cao.docx"
        path.write_bytes(r.content)
        back = extractors.extract_file(path)
    typed = _typed_values(record)
    got = _typed_values(back)
    wrong = {k: (v, got.get(k)) for k, v in typed.items() if got.get(k) != v}
    assert not wrong, wrong
    assert len(typed) >= 50   # 51 values typed, all read back


def _typed_values(record: dict) -> dict:
    """The values a unit types, by path: header, period, sections 1-4 and 6-9 (5.x carry
    the outline's indicator lines in the document), indicators, amounts, table cells."""
    out = {f"document.{k}": v for k, v in record["document"].items()}
    out.update({f"period.{k}": v for k, v in record["period"].items()})
    out.update({f"sections.{k}": v for k, v in record["sections"].items()
                if not k.startswith("5")})
    for ind_id, value in record["indicators"].items():
        out.update({f"indicators.{ind_id}.{k}": v for k, v in value.items() if v is not None})
    out.update({f"investment.{k}": v for k, v in (record.get("investment") or {}).items()})
    for i, row in enumerate((record.get("tthc_stats") or {}).get("rows") or []):
        out.update({f"rows[{i}].{k}": v for k, v in row.items() if k != "group"})
    return out


# ---------------------------------------------------------------- the signed document

SIGNED = b"%PDF-1.4\n% ban da ky, dong dau\n%%EOF\n"


def test_submit_puts_the_typed_record_in_the_round_with_the_signed_original(client, tokens):
    form_id, csrf, version, unit, _page = _opened(client, tokens)
    assert _put(client, form_id, csrf, version, FIELDS).status_code == 200
    r = client.post(f"/don-vi/bao-cao/{form_id}/nop", data={"csrf": csrf})
    assert "hãy tải lên bản đã ký" in r.text                      # nothing signed yet
    word = io.BytesIO()
    Document().save(word)  # a real Word file: readable, but no signed scan
    r = client.post(f"/don-vi/bao-cao/{form_id}/ban-ky", data={"csrf": csrf},
                    files={"file": ("bao-cao.docx", word.getvalue())})
    assert "tệp &#39;bao-cao.docx&#39; không phải bản quét hay PDF" in r.text
    assert unit_forms.get(client.app.state.archive, form_id).signed_data is None
    r = client.post(f"/don-vi/bao-cao/{form_id}/ban-ky", data={"csrf": csrf},
                    files={"file": ("Báo cáo đã ký.pdf", SIGNED)})
    assert "Đã nhận bản đã ký: Báo cáo đã ký.pdf" in r.text
    r = client.post(f"/don-vi/bao-cao/{form_id}/nop", data={"csrf": csrf})
    assert r.status_code == 200 and f"Đã nộp báo cáo của {unit}" in r.text
    h = tokens["staff"]
    reports = client.get("/api/rounds/2023/reports", headers=h).json()
    mine = [x for x in reports if x["unit"] == unit]
    assert len(mine) == 1
    got = client.get(f"/api/reports/{mine[0]['id']}", headers=h).json()
    expected, _ = unit_report.build(FIELDS, unit, district=False, filename="Báo cáo đã ký.pdf")
    assert {k: v for k, v in got["record"].items() if k != "warnings"} == \
        {k: v for k, v in expected.items() if k != "warnings"}
    assert client.get(f"/api/reports/{mine[0]['id']}/original", headers=h).content == SIGNED
    assert got["match"]["method"] == "name"          # its own name, not a staff choice
    # the deadline standing now counts it received
    dash = client.get("/api/rounds/2023", headers=h).json()
    row = next(u for u in dash["units"] if u["unit"] == unit)
    assert row["report_id"] == mine[0]["id"] and row["deadline"]["status"] == "received"
    # and the form is closed: no more saves, no second submission
    assert _put(client, form_id, csrf, version + 1, FIELDS).status_code == 409
    client.post(f"/don-vi/bao-cao/{form_id}/nop", data={"csrf": csrf})
    assert len([x for x in client.get("/api/rounds/2023/reports", headers=h).json()
                if x["unit"] == unit]) == 1


# ---------------------------------------------------------------- an earlier Word draft

def test_the_form_reads_back_from_its_own_record():
    record, _ = unit_report.build(FIELDS, "Sở Xây dựng", district=False)
    fields, doubts = unit_report.fields_from(record)
    typed = {k: v for k, v in FIELDS.items() if not k.startswith("signer.")}
    assert {k: fields.get(k) for k in typed} == typed and doubts == {}


def test_a_word_draft_fills_the_form_and_marks_what_was_doubted(client, tokens):
    from svc_reports import report_docx

    from cchc.service.deps import extractor_of

    record, _ = unit_report.build(FIELDS, "Sở Xây dựng", district=False)
    record["warnings"] = [
        {"code": "extract.uncertain", "where": "tthc_stats.rows[1].received_total",
         "message": "ô mờ"},
        {"code": "ocr.low_confidence", "where": "indicators.full_process_dvc_ratio",
         "message": "ảnh quét khó đọc"},
        {"code": "stats.sum_mismatch", "where": "tthc_stats.rows[0].received_total",
         "message": "không phải nghi ngờ đọc"}]
    client.app.dependency_overrides[extractor_of] = lambda: (lambda _path: record)
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    r = client.post(f"/don-vi/bao-cao/{form_id}/word", data={"csrf": csrf},
                    files={"file": ("ban-nhap.docx", report_docx("Sở Xây dựng"))})
    assert "Đã điền biểu mẫu từ ban-nhap.docx; 2 ô đọc chưa chắc chắn" in r.text
    page = r.text
    assert 'value="Hoạt động xây dựng"' in page and 'value="I. Lĩnh vực Xây dựng"' in page
    cell = re.search(r'<input name="stats\[2\]\.received_total" value="8" class="([^"]*)"',
                     page)
    assert cell and cell.group(1) == "doubt"
    assert 'name="indicators.full_process_dvc_ratio.numerator" class="doubt"' in page
    assert "Đọc từ tệp Word, chưa chắc chắn" in page
    row = unit_forms.get(client.app.state.archive, form_id)
    assert row.version == version + 1 and set(row.doubts) == {
        "stats[2].received_total", "indicators.full_process_dvc_ratio.numerator"}
    changed = {**row.fields, "stats[2].received_total": "9"}
    out = _put(client, form_id, csrf, row.version, changed).json()
    doubted = [w["field"] for w in out["warnings"] if w["code"] == "extract.uncertain"]
    assert doubted == ["indicators.full_process_dvc_ratio.numerator"]  # the corrected goes
    client.app.dependency_overrides.clear()


def test_no_engineer_words_on_the_unit_pages(client, tokens):
    """The unit's pages (test_visible_words walks the staff's), with every kind of
    warning showing and an error from a refused upload."""
    from test_visible_words import UNIT_PAGES, engineer_words

    assert UNIT_PAGES == {"/don-vi/nhan-ma", "/don-vi", "/don-vi/bao-cao/{form_id}"}
    client.cookies.clear()
    bad = {"/don-vi/nhan-ma": engineer_words(client.get("/don-vi/nhan-ma").text)}
    form_id, csrf, version, _unit, _page = _opened(client, tokens)
    wrong = {**FIELDS, "stats[1].received_total": "121",
             "indicators.full_process_dvc_ratio.value": "80", "sections.3": ""}
    assert _put(client, form_id, csrf, version, wrong).status_code == 200
    bad["/don-vi"] = engineer_words(client.get("/don-vi").text)
    bad["form"] = engineer_words(client.get(f"/don-vi/bao-cao/{form_id}").text)
    r = client.post(f"/don-vi/bao-cao/{form_id}/ban-ky", data={"csrf": csrf},
                    files={"file": ("x.txt", b"chi la chu")})
    bad["refused upload"] = engineer_words(r.text)
    assert not {k: v for k, v in bad.items() if v}, bad
    r = _put(client, form_id, csrf, version + 1, {"stats[0].received_total": "-3"})
    assert r.json()["error"]["message"] == (
        "Bảng thống kê, dòng 1, cột (3): '-3' không phải số đếm (số nguyên không âm)")


def test_a_district_sees_the_district_indicators(client, tokens):
    _form_id, _csrf, _v, unit, page = _opened(client, tokens, unit_index=4)
    assert unit.startswith("UBND huyện")
    assert 'name="sections.5.2"' in page.text and 'name="sections.5.3"' in page.text
    assert 'name="indicators.commune_portal_ratio.numerator"' in page.text
    assert "khối huyện" in page.text
