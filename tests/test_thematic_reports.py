"""Thematic reports on plan items II.7–8 (issue 24): Sở Tư pháp's on institutional reform
and Sở Tài chính's on public finance are imported into the round (`cchc round
thematic`), kept in the archive with their originals, and their body feeds the
summary's sections for those two areas; the summary DOCX is read back."""

from __future__ import annotations

import json
import sys  # noqa: E402,I001
from pathlib import Path

import docx
import pytest

from cchc import examples
from cchc.archive.db import open_archive
from cchc.archive.store import create_round, import_record
from tests.docx_text import norm

sys.path.insert(0, str(Path(__file__).resolve().parent / "archive"))
from archive_records import make_record  # noqa: E402

JUSTICE_BODY = ["Năm 2023, Sở Tư pháp đã kiểm tra công tác xây dựng, ban hành văn bản quy "
                "phạm pháp luật tại 12 cơ quan, đơn vị.",
                "Qua kiểm tra, 3 văn bản có sai sót về thể thức đã được kiến nghị sửa đổi."]
FINANCE_BODY = ["Sở Tài chính đã kiểm tra việc thực hiện cơ chế tự chủ tài chính tại 8 đơn "
                "vị sự nghiệp công lập."]


def thematic_docx(path: Path, sender: str, title: str, body: list[str]) -> Path:
    doc = docx.Document()
    doc.add_paragraph("UBND TỈNH BẮC GIANG")
    doc.add_paragraph(sender.upper())
    doc.add_paragraph("Số: 45/BC-STP")
    doc.add_paragraph("Bắc Giang, ngày 25 tháng 11 năm 2023")
    doc.add_paragraph("BÁO CÁO").runs[0].bold = True
    doc.add_paragraph(title).runs[0].bold = True
    for text in body:
        doc.add_paragraph(text)
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Sở Nội vụ;")
    doc.add_paragraph("GIÁM ĐỐC")
    doc.save(path)
    return path


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cchc.db'}"
    with open_archive(url) as archive:
        create_round(archive, "2023", plan=examples.load("plan"))
        rec = make_record("Sở Xây dựng")
        import_record(archive, "2023", rec, json.dumps(rec).encode(), "sxd.json")
    return url


def _summary_text(cli, db, out: Path) -> str:
    proc = cli("summary", "--round", "2023", "-o", out, "--db", db)
    assert proc.returncode == 0, proc.stderr
    return norm(" ".join(p.text for p in docx.Document(out).paragraphs))


def test_the_two_reports_feed_the_summary(cli, db, tmp_path):
    justice = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                            "Kết quả kiểm tra công tác cải cách thể chế năm 2023", JUSTICE_BODY)
    before = _summary_text(cli, db, tmp_path / "truoc.docx")
    assert "V. CẢI CÁCH THỂ CHẾ" in before
    assert "Chưa nhận được báo cáo kết quả kiểm tra của Sở Tư pháp" in before
    proc = cli("round", "thematic", "--round", "2023", justice, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "đã lưu — báo cáo cải cách thể chế của Sở Tư pháp, phiên bản 1, 2 đoạn" in proc.stdout
    text = _summary_text(cli, db, tmp_path / "tong-hop.docx")
    justice_part = text.split("V. CẢI CÁCH THỂ CHẾ")[1].split("VI. CẢI CÁCH TÀI CHÍNH CÔNG")[0]
    assert "Theo Báo cáo số 45/BC-STP ngày 25/11/2023 của Sở Tư pháp:" in justice_part
    for para in JUSTICE_BODY:
        assert norm(para) in justice_part
    assert "Nơi nhận" not in justice_part and "GIÁM ĐỐC" not in justice_part
    finance_part = text.split("VI. CẢI CÁCH TÀI CHÍNH CÔNG")[1]
    assert "Chưa nhận được báo cáo kết quả kiểm tra của Sở Tài chính" in finance_part

    finance = thematic_docx(tmp_path / "stc.docx", "Sở Tài chính",
                            "Kết quả kiểm tra năm 2023", FINANCE_BODY)  # the title names no area
    proc = cli("round", "thematic", "--round", "2023", finance, "--db", db)
    assert proc.returncode != 0 and "stc.docx" in proc.stderr and "chọn lĩnh vực" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = cli("round", "thematic", "--round", "2023", "--area", "tai-chinh-cong", finance,
               justice, "--db", db)
    assert proc.returncode == 0, proc.stderr   # justice again: a duplicate, not stored twice
    assert "đã có, không lưu lại" in proc.stdout
    text = _summary_text(cli, db, tmp_path / "tong-hop-2.docx")
    assert norm(FINANCE_BODY[0]) in text.split("VI. CẢI CÁCH TÀI CHÍNH CÔNG")[1]
    with open_archive(db) as archive:
        from cchc.archive.thematic import latest_thematic
        kept = latest_thematic(archive, "2023")
    assert kept["institutions"]["version"] == 1 and kept["public_finance"]["version"] == 1


def test_a_batch_goes_on_past_a_bad_file(cli, db, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    justice = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                            "Kết quả kiểm tra công tác cải cách thể chế năm 2023", JUSTICE_BODY)
    proc = cli("round", "thematic", "--round", "2023", bad, justice, "--db", db)
    assert proc.returncode != 0 and "hong.docx" in proc.stderr and "Traceback" not in proc.stderr
    assert "stp.docx: đã lưu" in proc.stdout


def test_a_thematic_report_sent_as_a_units_report_is_told_where_it_goes(cli, db, tmp_path):
    justice = thematic_docx(tmp_path / "stp.docx", "Sở Tư pháp",
                            "Kết quả kiểm tra công tác cải cách thể chế năm 2023", JUSTICE_BODY)
    proc = cli("archive", "import", "--round", "2023", justice, "--db", db)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "báo cáo chuyên đề cải cách thể chế" in proc.stderr
    assert "cchc round thematic" in proc.stderr
