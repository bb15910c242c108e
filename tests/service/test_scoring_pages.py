"""The scoring pages without a browser: a set chosen, one unit scored, a verified point
changed with its reason (refused without one), the ranking moved, the audit written.
(test_browser_scoring.py drives them in Chromium.)"""

from __future__ import annotations

import html
import json
import re
from io import BytesIO
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from svc_reports import make_record
from test_web_pages import _example_plan, _login, _main

from cchc.archive.store import create_round, import_record
from cchc.service import audit


@pytest.fixture
def scored_round(app):
    archive = app.state.archive
    create_round(archive, "2023", plan=_example_plan())
    for unit, received in (("Sở Xây dựng", 120), ("Sở Tài chính", 80)):
        rec = make_record(unit, 85.5, received, "bao-cao.docx")
        import_record(archive, "2023", rec, json.dumps(rec).encode(), "bao-cao.docx")
    return archive


def _ranking(client) -> list[tuple[str, str]]:
    html = client.get("/rounds/2023/scores").text
    table = html.split('id="ranking-so"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td class="rank">(\d+).*?<a href="[^"]*">([^<]+)</a>', table, re.S)


def _unit_form(client, unit: str) -> dict:
    html = client.get(f"/rounds/2023/scores/unit?unit={quote(unit)}").text
    form = html.split('id="score-form"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))


def test_staff_choose_the_set_score_a_unit_and_move_the_ranking(client, scored_round):
    csrf = _login(client, "staff")
    assert "chưa được chấm theo bộ tiêu chí nào" in _main(client.get("/rounds/2023/scores").text)
    r = client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    assert r.status_code == 200 and "Đã chấm 2 đơn vị" in r.text
    # equal computed points; the tie-break (group II, criterion 4) cannot split them
    assert [rank for rank, _ in _ranking(client)] == ["1", "1"]
    page = _main(client.get(f"/rounds/2023/scores/unit?unit={quote('Sở Tài chính')}").text)
    assert "tỷ lệ hồ sơ giải quyết đúng hạn (%) = 100" in page
    assert "Lấy từ: bảng thống kê kết quả giải quyết TTHC" in page

    form = _unit_form(client, "Sở Tài chính")
    form.update({"self.1": "2", "evidence.1": "Quyết định số 12/QĐ-STC", "verified.1": "1"})
    r = client.post("/rounds/2023/scores/unit", data=form)
    assert "Tiêu chí 1, lý do: điểm thẩm định 1 khác điểm 2 mà không nêu lý do" in r.text
    assert "$." not in _main(r.text)
    assert _unit_form(client, "Sở Tài chính")["self.1"] == ""      # nothing stored

    form["self.1"], form["verified.1"] = "2", "2"
    client.post("/rounds/2023/scores/unit", data=form)
    assert _ranking(client) == [("1", "Sở Tài chính"), ("2", "Sở Xây dựng")]

    form["version"] = _unit_form(client, "Sở Tài chính")["version"]   # the page reloaded
    form.update({"verified.1": "0", "reason.1": "Quyết định công bố chậm 2 tháng"})
    r = client.post("/rounds/2023/scores/unit", data=form)
    assert "1 điểm thẩm định thay đổi" in r.text
    row = r.text.split('id="line-1"', 1)[1].split("</tr>", 1)[0]
    assert re.search(r'<tr id="line-1"[^>]*class="differs"', r.text)
    assert "khác điểm tự chấm 2" in row
    assert [rank for rank, _ in _ranking(client)] == ["1", "1"]       # tied again
    logged = [e for e in audit.entries(scored_round) if e["action"] == "verify_score"]
    assert logged[0]["user"] == "staff" and logged[0]["details"] == {
        "criterion": "1", "old": 2, "new": 0, "reason": "Quyết định công bố chậm 2 tháng"}
    xlsx = client.get("/rounds/2023/scores/ranking.xlsx")
    assert "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(BytesIO(xlsx.content))["Xếp hạng"]
    assert {r[1] for r in sheet.iter_rows(min_row=6, values_only=True) if r[1]} == {
        "Sở Tài chính", "Sở Xây dựng"}
    _login(client, "admin")
    log = _main(client.get("/admin/users").text)
    assert "đổi điểm thẩm định" in log and "điểm của Sở Tài chính, đợt 2023" in log
    assert "chấm theo bộ tiêu chí" in log and "verify_score" not in log


def test_a_save_from_a_stale_page_is_refused_and_keeps_the_other_save(client, scored_round):
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    mine, theirs = _unit_form(client, "Sở Xây dựng"), _unit_form(client, "Sở Xây dựng")
    theirs.update({"self.8": "2", "verified.8": "1", "reason.8": "Báo cáo gửi chậm"})
    assert "Đã lưu điểm" in client.post("/rounds/2023/scores/unit", data=theirs).text
    mine.update({"self.9": "2"})
    r = client.post("/rounds/2023/scores/unit", data=mine)
    assert "vừa được người khác lưu sau khi bạn mở trang" in _main(r.text)
    now = _unit_form(client, "Sở Xây dựng")
    assert (now["verified.8"], now["reason.8"], now["self.9"]) == ("1", "Báo cáo gửi chậm", "")


def test_viewers_read_but_cannot_score_and_a_post_needs_its_token(client, scored_round):
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    csrf = _login(client, "viewer")
    page = client.get(f"/rounds/2023/scores/unit?unit={quote('Sở Xây dựng')}").text
    assert "readonly" in page and 'id="save-scores"' not in page
    r = client.post("/rounds/2023/scores/unit", data={"csrf": csrf, "unit": "Sở Xây dựng",
                                                      "self.1": "2"})
    assert r.status_code == 403
    _login(client, "staff")
    r = client.post("/rounds/2023/scores/unit", data={"unit": "Sở Xây dựng", "self.1": "2"})
    assert r.status_code in (400, 403)


def test_a_bad_criteria_file_is_named_and_nothing_is_stored(client, scored_round):
    csrf = _login(client, "staff")
    bad = json.dumps({"name": "Bộ lỗi", "groups": []}).encode()
    r = client.post("/rounds/2023/scores/criteria", data={"csrf": csrf},
                    files={"file": ("bo-tieu-chi.json", bad, "application/json")})
    text = _main(r.text)
    assert "bo-tieu-chi.json" in text and "$." not in text
    assert "chưa được chấm theo bộ tiêu chí nào" in text


def test_a_computed_point_links_to_its_place_beside_the_original(client, tokens):
    """An accepted upload: the point read from the statistics table links to that table
    on the review page, where the original is shown beside it."""
    from svc_helpers import wait_job
    from svc_reports import report_docx

    h = tokens["staff"]
    client.post("/api/rounds", headers=h, json={"code": "2023", "plan": _example_plan()})
    r = client.post("/api/rounds/2023/drafts", headers=h,
                    files=[("files", ("so-xay-dung.docx", report_docx("Sở Xây dựng")))])
    draft_id = wait_job(client, h, r.json()["url"])["results"][0]["draft_id"]
    assert client.post(f"/api/drafts/{draft_id}/accept", headers=h).status_code == 200
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    html = client.get(f"/rounds/2023/scores/unit?unit={quote('Sở Xây dựng')}").text
    row = html.split('id="line-4"', 1)[1].split("</tr>", 1)[0]
    assert f'href="/drafts/{draft_id}#h-stats"' in row
    review = client.get(f"/drafts/{draft_id}").text
    assert 'id="h-stats"' in review
    full = html.split('id="line-5"', 1)[1].split("</tr>", 1)[0]
    anchor = re.search(rf'href="/drafts/{draft_id}#(h-s\d+)"', full).group(1)
    section = review.split(f'id="{anchor}"', 1)[1].split("</h2>", 1)[0]
    assert section.startswith(">5.1.")        # the indicator's own outline section


def _sheet(rows: list[tuple], header=("Mã tiêu chí", "Nội dung", "Điểm tự chấm",
                                      "Tài liệu kiểm chứng")) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tự chấm"
    ws.append(("BẢNG TỰ CHẤM ĐIỂM NĂM 2023",))
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_self_scores_imported_from_the_units_sheet(client, scored_round):
    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    form = _unit_form(client, "Sở Tài chính")
    form.update({"verified.8": "1", "self.8": "2", "reason.8": "Báo cáo chậm"})
    client.post("/rounds/2023/scores/unit", data=form)
    version = _unit_form(client, "Sở Tài chính")["version"]
    sheet = _sheet([("1", "Công bố", 2, "QĐ số 12/QĐ-STC"), ("3.a", "Phạm vi", "1,5", "")])
    r = client.post("/rounds/2023/scores/unit/sheet",
                    data={"csrf": csrf, "unit": "Sở Tài chính", "version": version},
                    files={"file": ("tu-cham-stc.xlsx", sheet, XLSX)})
    assert "Đã nhập 2 điểm tự chấm của Sở Tài chính từ bảng tính" in r.text
    now = _unit_form(client, "Sở Tài chính")
    assert (now["self.1"], now["evidence.1"], now["self.3.a"]) == ("2", "QĐ số 12/QĐ-STC", "1,5")
    assert (now["self.8"], now["verified.8"]) == ("2", "1")   # the sheet's silence keeps them

    bad = _sheet([("1", "Công bố", "hai", "")])
    r = client.post("/rounds/2023/scores/unit/sheet",
                    data={"csrf": csrf, "unit": "Sở Tài chính", "version": now["version"]},
                    files={"file": ("tu-cham-stc.xlsx", bad, XLSX)})
    text = html.unescape(_main(r.text))
    assert "tu-cham-stc.xlsx" in text and "dòng 3: 'hai' không phải số điểm" in text
    assert "/tmp" not in text
    other = _sheet([("Sở Xây dựng", "1", 2)], header=("Đơn vị", "Mã tiêu chí", "Điểm tự chấm"))
    r = client.post("/rounds/2023/scores/unit/sheet",
                    data={"csrf": csrf, "unit": "Sở Tài chính", "version": now["version"]},
                    files={"file": ("nham.xlsx", other, XLSX)})
    assert "nêu điểm của đơn vị khác (Sở Xây dựng)" in _main(r.text)
    assert _unit_form(client, "Sở Tài chính")["version"] == now["version"]  # nothing stored


def test_the_summary_docx_served_ranks_a_scored_round(client, tokens, scored_round):
    import docx

    csrf = _login(client, "staff")
    client.post("/rounds/2023/scores/criteria", data={"csrf": csrf, "source": "example"})
    r = client.get("/api/rounds/2023/summary?format=docx", headers=tokens["viewer"])
    assert r.status_code == 200
    tables = docx.Document(BytesIO(r.content)).tables
    ranking = next(t for t in tables
                   if "Điểm thẩm định" in " ".join(c.text for c in t.rows[0].cells))
    assert {row.cells[1].text for row in ranking.rows[1:]} == {"Sở Tài chính", "Sở Xây dựng"}
