"""The demo round end to end: reports written by cchc, extracted and archived.

The example records are the truth: the archived figures must be theirs, and
every unit must land on its scheduled unit of the plan, not on a new one.
"""

from __future__ import annotations

import json

import pytest

from cchc import examples
from cchc.archive import store
from cchc.archive.db import open_archive
from cchc.archive.summary_data import round_summary

RECORDS = sorted((examples.HERE / "reports").glob("*.json"))


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory):
    from click.testing import CliRunner

    from cchc.cli import main

    folder = tmp_path_factory.mktemp("reports")
    made = []
    for record in RECORDS:
        out = folder / f"{record.stem}.docx"
        result = CliRunner().invoke(main, ["generate", "report", str(record), "--outline",
                                           str(examples.path("outline")), "-o", str(out),
                                           "--parent", "UBND TỈNH BẮC GIANG"])
        assert result.exit_code == 0, result.output
        made.append(out)
    return made


def test_generated_reports_archive_on_their_scheduled_units(cchc, db_url, report_docx):
    ok = cchc("round", "create", "2023", "--plan", examples.path("plan"), "--db", db_url)
    assert ok.returncode == 0, ok.stderr
    result = cchc("archive", "import", "--round", "2023", *report_docx, "--json",
                  "--db", db_url)
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)["imported"]
    assert [(i["status"], i["scheduled"], i["unit_created"]) for i in imported] == \
        [("stored", True, False)] * len(RECORDS)
    with open_archive(db_url) as a:
        data = round_summary(a, "2023")
        for path, item in zip(report_docx, imported, strict=True):
            back = store.get_report(a, item["report_id"], with_original=True)
            assert back["original"] == path.read_bytes()
    by_unit = {u["unit"]: u for u in data["units"]}
    for record_path, item in zip(RECORDS, imported, strict=True):
        want = json.loads(record_path.read_text(encoding="utf-8"))
        unit = by_unit[item["unit"]]
        rows = want["tthc_stats"]["rows"]
        assert unit["stats"]["received_total"] == sum(r["received_total"] for r in rows)
        for key, value in want["indicators"].items():
            if value["value"] is not None:
                assert unit["indicators"][key] == value["value"], (record_path.stem, key)
