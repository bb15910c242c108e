"""`cchc summary -o tong-hop.xlsx`: the workbook read back cell by cell, and its charts."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from xml.etree import ElementTree

import pytest
from archive_plan import PLAN
from archive_records import make_record, stats_row
from openpyxl import load_workbook

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.summary_data import round_summary
from cchc.generator.summary_xlsx import write_summary_xlsx

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
RED, GREY, GREEN = "00F8CBAD", "00D9D9D9", "00C6EFCE"


def fill_of(cell) -> str | None:
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


@pytest.fixture
def summary_round(archive):
    store.create_round(archive, "2023", plan=PLAN)
    rows = [stats_row(1, "Xây dựng", 30, 10, 36, 4), stats_row(2, "Quy hoạch", 10, 50, 45, 15)]
    store.import_record(archive, "2023", make_record("Sở Xây dựng", rows=rows), b"a", "a.docx")
    store.import_record(archive, "2023", make_record("Sở Tư pháp", full_process=30.0,
                                                     rows=[stats_row(1, "Hộ tịch", 5, 5, 9, 1)]),
                        b"b", "b.docx")
    recs.add_recommendations(archive, "2023", "Sở Xây dựng", [
        {"text": "Rà soát quy trình", "deadline": "2023-12-31"},
        {"text": "Cập nhật Cổng dịch vụ công", "deadline": "2099-01-01"}])
    recs.update_recommendation(archive, 2, status="remedied", evidence="QĐ 45/QĐ-SXD")
    return archive


def test_workbook_contents(summary_round, tmp_path):
    data = round_summary(summary_round, "2023", today=dt.date(2024, 3, 1))
    path = write_summary_xlsx(data, tmp_path / "tong-hop.xlsx", threshold=50)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Chỉ số", "Thống kê TTHC", "Kiến nghị", "Biểu đồ"]

    ind = wb["Chỉ số"]
    assert ind["E4"].value == "5.1 Số dịch vụ công trực tuyến toàn trình (%)"
    by_unit = {ind.cell(r, 2).value: r for r in range(5, ind.max_row + 1)}
    assert list(by_unit) == ["Sở Xây dựng", "Sở Lao động - Thương binh và Xã hội",
                             "UBND huyện Tân Yên", "Sở Tư pháp"]
    xd, tp, ld = by_unit["Sở Xây dựng"], by_unit["Sở Tư pháp"], by_unit[
        "Sở Lao động - Thương binh và Xã hội"]
    assert ind.cell(xd, 5).value == 85.5 and fill_of(ind.cell(xd, 5)) is None
    assert ind.cell(tp, 5).value == 30.0 and fill_of(ind.cell(tp, 5)) == RED
    assert ind.cell(ld, 4).value == "chưa nộp" and fill_of(ind.cell(ld, 2)) == GREY

    st = wb["Thống kê TTHC"]
    assert st["C4"].value == "Số hồ sơ nhận giải quyết" and "C4:G4" in st.merged_cells
    assert st["B4"].value == "Đơn vị" and st["Q4"].value == "Tỷ lệ trả đúng hạn (%)"
    assert [st.cell(7, c).value for c in (1, 3, 17, 18)] == ["(1)", "(3)", "(17)", "(18)"]
    assert st["B8"].value == "Sở Xây dựng"
    assert (st["C8"].value, st["D8"].value, st["H8"].value, st["I8"].value) == (100, 40, 100, 81)
    assert (st["Q8"].value, st["R8"].value) == (81.0, 40.0)
    assert st["B12"].value == "Tổng số" and st["C12"].value == 110 and st["I12"].value == 90
    assert st["Q12"].value == round(100 * 90 / 110, 2)

    rc = wb["Kiến nghị"]
    assert [rc.cell(4, c).value for c in (2, 3, 5)] == ["Sở Xây dựng", "Rà soát quy trình",
                                                        "quá hạn, chưa khắc phục"]
    assert rc["D4"].value == dt.datetime(2023, 12, 31) and fill_of(rc["E4"]) == RED
    assert rc["E5"].value == "đã khắc phục" and fill_of(rc["E5"]) == GREEN
    assert rc["F5"].value == "QĐ 45/QĐ-SXD"


def test_charts_read_the_rate_columns(summary_round, tmp_path):
    path = write_summary_xlsx(round_summary(summary_round, "2023"), tmp_path / "t.xlsx")
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n))
        xml = [ElementTree.fromstring(z.read(n)) for n in charts]
    assert len(xml) == 2
    for chart, column, title in zip(xml, "QR", ("đúng hạn", "trực tuyến"), strict=True):
        bar = chart.find(f".//{C}barChart")
        assert bar is not None and bar.find(f"{C}barDir").get("val") == "bar"
        series = bar.findall(f"{C}ser")
        assert len(series) == 1
        assert series[0].find(f"{C}val//{C}f").text == f"'Thống kê TTHC'!${column}$8:${column}$11"
        assert series[0].find(f"{C}cat//{C}f").text == "'Thống kê TTHC'!$B$8:$B$11"
        assert title in "".join(chart.find(f".//{C}title").itertext())


def test_summary_command(cchc, db_url, summary_round, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    result = cchc("summary", "--round", "2023", "-o", out, "--db", db_url)
    assert result.returncode == 0, result.stderr
    assert "4 đơn vị, 2 đã nộp báo cáo, 2 kiến nghị" in result.stdout
    assert load_workbook(out)["Chỉ số"]["B5"].value == "Sở Xây dựng"
    pdf = cchc("summary", "--round", "2023", "-o", tmp_path / "t.pdf", "--db", db_url)
    assert pdf.returncode == 2 and "dùng đuôi .xlsx hoặc .docx" in pdf.stderr
    assert not (tmp_path / "t.pdf").exists()
    unknown = cchc("summary", "--round", "2099", "-o", tmp_path / "x.xlsx", "--db", db_url)
    assert unknown.returncode == 2 and "chưa có đợt kiểm tra '2099'" in unknown.stderr
    assert not (tmp_path / "x.xlsx").exists()
