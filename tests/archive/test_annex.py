"""A later file from a unit that already reported can be an annex: merged field by field,
conflicts kept as warnings, never a silent replacement."""

from __future__ import annotations

import copy
import json

from archive_records import make_record

from cchc.archive.annex import merge_annex
from cchc.archive.store import create_round, get_report, import_record, list_reports
from cchc.archive.summary_data import round_summary


def _report_without_stats() -> dict:
    rec = make_record("Sở Xây dựng")
    rec["tthc_stats"] = {"rows": []}
    rec["indicators"]["online_payment_ratio"] = {"value": None, "numerator": None,
                                                 "denominator": None}
    return rec


def _stats_sheet() -> dict:
    sheet = make_record("Sở Xây dựng", seed=5)
    sheet["sections"] = {}
    sheet["indicators"] = {"online_payment_ratio": {"value": 45.2, "numerator": 113,
                                                    "denominator": 250},
                           "full_process_dvc_ratio": {"value": 80.0, "numerator": None,
                                                      "denominator": None}}
    return sheet


def test_what_the_report_lacks_comes_from_the_annex_and_conflicts_are_named():
    merged, conflicts = merge_annex(_report_without_stats(), _stats_sheet(), "thong-ke.xlsx")
    assert merged["tthc_stats"]["rows"] == _stats_sheet()["tthc_stats"]["rows"]
    assert merged["indicators"]["online_payment_ratio"]["value"] == 45.2
    assert merged["indicators"]["full_process_dvc_ratio"]["value"] == 85.5   # report wins
    assert [c["where"] for c in conflicts] == ["document.number",
                                               "indicators.full_process_dvc_ratio.value"]
    codes = [w["code"] for w in merged["warnings"]]
    assert codes.count("annex.conflict") == 2 and "annex.merged" in codes
    note = next(w for w in merged["warnings"] if w["where"] ==
                "indicators.full_process_dvc_ratio.value")
    assert note["message"] == ("Báo cáo ghi 85,5, phụ lục “thong-ke.xlsx” ghi 80; giữ số "
                               "của báo cáo, cần cán bộ quyết định")


def test_the_report_itself_is_not_changed():
    report = _report_without_stats()
    before = copy.deepcopy(report)
    merge_annex(report, _stats_sheet(), "thong-ke.xlsx")
    assert report == before


def test_importing_as_annex_keeps_the_reports_indicators_in_the_summary(archive):
    create_round(archive, "2023", year=2023)
    report, sheet = _report_without_stats(), _stats_sheet()
    import_record(archive, "2023", report, json.dumps(report).encode(), "bao-cao.docx")
    result = import_record(archive, "2023", sheet, json.dumps(sheet).encode(),
                           "thong-ke.xlsx", annex=True)
    assert result.status == "annex" and result.version == 2
    current = get_report(archive, list_reports(archive, "2023")[0]["id"])["record"]
    assert current["sections"] == report["sections"]       # the annex had none
    assert current["tthc_stats"]["rows"]
    row = round_summary(archive, "2023")["units"][0]
    assert row["indicators"]["full_process_dvc_ratio"] == 85.5
    assert row["indicators"]["online_payment_ratio"] == 45.2


def test_an_annex_from_a_unit_without_report_is_stored_as_its_report(archive):
    create_round(archive, "2023", year=2023)
    sheet = _stats_sheet()
    result = import_record(archive, "2023", sheet, json.dumps(sheet).encode(),
                           "thong-ke.xlsx", annex=True)
    assert result.status == "stored"


def test_cli_import_annex_says_what_it_did(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'cchc.db'}"
    assert cli("round", "create", "2023", "--year", "2023", "--db", db).returncode == 0
    report, sheet = tmp_path / "bao-cao.json", tmp_path / "thong-ke.json"
    report.write_text(json.dumps(_report_without_stats(), ensure_ascii=False), "utf-8")
    sheet.write_text(json.dumps(_stats_sheet(), ensure_ascii=False), "utf-8")
    assert cli("archive", "import", "--round", "2023", report, "--db", db).returncode == 0
    proc = cli("archive", "import", "--round", "2023", "--annex", sheet, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "đã ghép làm phụ lục vào báo cáo — Sở Xây dựng, phiên bản 2" in proc.stdout
    assert "cảnh báo [annex.conflict] indicators.full_process_dvc_ratio.value" in proc.stdout
