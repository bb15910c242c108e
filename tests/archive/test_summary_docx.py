"""The round's summary report: the units' figures, a ranking and the recommendations."""

from __future__ import annotations

import json

import docx

from cchc import examples
from cchc.archive.closing import save_conclusion
from cchc.archive.store import create_round, import_record
from cchc.archive.summary_data import round_summary
from cchc.checker.core import check_file
from cchc.generator.summary_docx import default_header, ranking, write_summary_docx
from tests.docx_text import norm


def record(name: str) -> dict:
    return json.loads((examples.HERE / "reports" / f"{name}.json").read_text(encoding="utf-8"))


def cells(table) -> list[list[str]]:
    return [[norm(c.text) for c in row.cells] for row in table.rows]


def test_summary_report_tables_and_ranking(archive, tmp_path):
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    import_record(archive, "2023", record("so-xay-dung"), b"1", "sxd.docx")
    import_record(archive, "2023", record("so-tai-chinh"), b"2", "stc.docx")
    save_conclusion(archive, "2023", "Sở Xây dựng", number="86/TB-SNV", date="2023-06-02",
                    recommendations=[{"text": "Xử lý hồ sơ quá hạn.", "deadline": "2099-01-31"}])
    data = round_summary(archive, "2023")
    out = tmp_path / "tong-hop.docx"
    write_summary_docx(data, out, default_header(plan, 2023))
    document = docx.Document(out)
    stats, rank, indicators, recs = [cells(t) for t in document.tables[1:5]]
    by_unit = {row[1]: row for row in stats[1:]}
    # Sở Xây dựng: 1509 received, 1190 online (78,86%), 1466 resolved, 1454 on time (99,18%)
    assert by_unit["Sở Xây dựng"][2:7] == ["1.509", "78,86", "1.466", "99,18", "12"]
    # Sở Tài chính: 380 resolved, 379 on time (99,74%) ranks above Sở Xây dựng
    assert [row[1] for row in rank[1:]] == ["Sở Tài chính", "Sở Xây dựng"]
    assert rank[2][4] == "1"  # one open recommendation for Sở Xây dựng
    assert "Sở Tư pháp (chưa nộp báo cáo)" in by_unit
    assert {row[1]: row[2] for row in indicators[1:]}["Sở Tài chính"] == "90,00"
    assert recs[1][1:] == ["Sở Xây dựng", "Xử lý hồ sơ quá hạn.", "31/01/2099",
                           "chưa khắc phục"]
    checked = check_file(out)
    assert [f.rule_id for f in checked.findings if f.severity == "error"] == []
    text = norm(" ".join(p.text for p in document.paragraphs))
    assert "kiểm tra 15 cơ quan, đơn vị, địa phương; 2 đơn vị đã gửi báo cáo" in text


def test_ranking_shares_a_rank_on_equal_figures():
    units = [{"unit": u, "on_time_rate": r, "online_ratio": o, "recommendations": {}}
             for u, r, o in (("A", 90.0, 50.0), ("B", 95.0, 10.0), ("C", 90.0, 50.0),
                             ("D", None, None))]
    assert [(r["rank"], r["name"]) for r in ranking(units)] == [("1", "B"), ("2", "A"),
                                                                 ("2", "C")]


def test_a_scored_round_ranks_by_its_criteria_set_in_the_summary(cli, archive, tmp_path):
    """`cchc score --save`, then `cchc summary -o x.docx`: a table STT, unit, self-score,
    verified score, percentage, rank, the set and its tie-break named above it."""
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    import_record(archive, "2023", record("so-xay-dung"), b"1", "sxd.docx")
    import_record(archive, "2023", record("so-tai-chinh"), b"2", "stc.docx")
    scores = tmp_path / "diem.json"
    scores.write_text(json.dumps({"units": [
        {"unit": "Sở Xây dựng", "self": {"1": {"points": 2}, "8": {"points": 2}},
         "verified": {"8": {"points": 1, "reason": "Báo cáo chậm"}}},
        {"unit": "Sở Tài chính", "self": {"1": {"points": 2}}}]}, ensure_ascii=False),
        encoding="utf-8")
    url = archive.url
    assert cli("score", "--round", "2023", "--criteria", examples.path("criteria-iso"),
               "--scores", scores, "--save", "--db", url).returncode == 0
    out = tmp_path / "tong-hop.docx"
    proc = cli("summary", "--round", "2023", "-o", out, "--db", url)
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(out)
    table = next(cells(t) for t in document.tables if "Điểm thẩm định" in cells(t)[0])
    assert table[0] == ["STT", "Tên cơ quan, đơn vị", "Điểm tự chấm", "Điểm thẩm định",
                        "Tỷ lệ (%)", "Xếp hạng"]
    # computed 5 and 6 (see test_browser_scoring), + 2 for criterion 1, Sở Xây dựng + 1
    # verified for 8: 8 each; group II (6 against 5) puts Sở Tài chính first
    assert table[1:] == [["1", "Sở Tài chính", "2", "8", "40,00", "1"],
                         ["2", "Sở Xây dựng", "4", "8", "40,00", "2"]]
    text = norm(" ".join(p.text for p in document.paragraphs))
    assert "VII. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THEO BỘ TIÊU CHÍ" in text
    assert "bằng nhau thì theo điểm lĩnh vực II" in text
    checked = check_file(out)
    assert [f.rule_id for f in checked.findings if f.severity == "error"] == []


def test_an_unscored_round_has_no_scoring_section(archive, tmp_path):
    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    out = tmp_path / "tong-hop.docx"
    write_summary_docx(round_summary(archive, "2023"), out, default_header(plan, 2023))
    text = norm(" ".join(p.text for p in docx.Document(out).paragraphs))
    assert "KẾT QUẢ CHẤM ĐIỂM" not in text and "IV. KIẾN NGHỊ" in text


def test_laid_out_the_recommendations_table_keeps_each_date_on_one_line(archive, tmp_path):
    """Through LibreOffice, as staff print it: a deadline column too narrow broke
    "31/07/2023" into "31/07/202" and "3"; every date must come out whole."""
    import re

    import pdfplumber

    from cchc.core.office import convert

    plan = json.loads(examples.path("plan").read_text(encoding="utf-8"))
    create_round(archive, "2023", plan=plan)
    import_record(archive, "2023", record("so-xay-dung"), b"1", "sxd.docx")
    save_conclusion(archive, "2023", "Sở Xây dựng", number="86/TB-SNV", date="2023-06-02",
                    recommendations=[{"text": "Xử lý dứt điểm hồ sơ quá hạn của năm.",
                                      "deadline": "2099-12-31"},
                                     {"text": "Số hoá kết quả.", "deadline": "2099-08-31"}])
    out = tmp_path / "tong-hop.docx"
    write_summary_docx(round_summary(archive, "2023"), out, default_header(plan, 2023))
    (pdf,) = convert([out], "pdf", tmp_path)
    with pdfplumber.open(pdf) as laid_out:
        words = [w["text"] for page in laid_out.pages for w in page.extract_words()]
    assert words.count("31/12/2099") == 1 and words.count("31/08/2099") == 1
    assert not [w for w in words if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{1,3}", w)]
