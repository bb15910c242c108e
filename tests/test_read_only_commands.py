"""Commands that only read the archive never leave an empty ./cchc.db behind."""

from __future__ import annotations

import pytest

from cchc import examples

READ_ONLY = [["round", "list"], ["round", "show", "2023"], ["round", "deadlines", "2023"],
             ["archive", "list"], ["archive", "show", "1"], ["units", "list"],
             ["recommendations", "list", "--round", "2023"],
             ["summary", "--round", "2023", "-o", "tong-hop.xlsx"],
             ["trends", "--unit", "Sở Xây dựng"]]


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_a_read_only_command_in_an_empty_folder_says_so_and_creates_nothing(cli, tmp_path, args):
    proc = cli(*args, cwd=tmp_path, env={"CCHC_DB": ""})
    assert proc.returncode == 2, proc.stdout
    assert "chưa có kho lưu trữ cchc.db" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_after_round_create_the_same_commands_read_it(cli, tmp_path):
    assert cli("round", "create", "2023", "--plan", examples.path("plan"),
               cwd=tmp_path, env={"CCHC_DB": ""}).returncode == 0
    proc = cli("round", "list", cwd=tmp_path, env={"CCHC_DB": ""})
    assert proc.returncode == 0 and "2023" in proc.stdout


def test_the_summary_workbook_prints_one_page_wide(tmp_path):
    from openpyxl import load_workbook

    from cchc.archive.db import open_archive
    from cchc.archive.store import create_round
    from cchc.archive.summary_data import round_summary
    from cchc.generator.summary_xlsx import write_summary_xlsx

    with open_archive(f"sqlite:///{tmp_path / 'k.db'}") as archive:
        create_round(archive, "2023", plan=examples.load("plan"))
        data = round_summary(archive, "2023")
    write_summary_xlsx(data, tmp_path / "t.xlsx")
    for ws in load_workbook(tmp_path / "t.xlsx").worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
