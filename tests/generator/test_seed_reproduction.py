"""The example data reproduces the seed: the real 2023 Bắc Giang plan and its outline."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.docx_text import blocks, in_order, norm

# The reference document, kept with the tests so they never skip; the brief's copy
# beside the repository (../shared) must be the same file.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed-2023-bac-giang.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_85dccd92ca46d14c.txt"
RULE = re.compile(r"^[–\-_ ]+$")
FOOTNOTE = re.compile(r"^\d Chỉ tiêu này dành cho khối huyện báo cáo$")
# The header block is a two-column table: its lines are read by column, not in the
# seed's line order, so they are checked as a set.
HEADER_LINES = 8


def test_fixture_is_the_shared_seed():
    if not SHARED_SEED.exists():
        pytest.skip(f"no shared seed beside the repository ({SHARED_SEED})")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def seed_lines() -> list[str]:
    lines = [norm(x) for x in SEED.read_text(encoding="utf-8").splitlines()]
    return [x for x in lines if x and not RULE.match(x)]


def split_seed():
    lines = seed_lines()
    plan_end = lines.index("Mai Sơn") + 1
    outline_end = lines.index("9. Đề xuất, kiến nghị") + 1
    return lines[:plan_end], lines[plan_end:outline_end], lines[outline_end:]


def doc_text(path) -> str:
    return norm(" ".join(blocks(docx.Document(path))))


def test_plan_reproduces_the_seed_paragraphs_in_order(generated):
    plan, _, _ = split_seed()
    text = doc_text(generated["plan"])
    header, body = plan[:HEADER_LINES], plan[HEADER_LINES:]
    assert [h for h in header if h not in text] == []
    missing = in_order(body, text)
    assert len(missing) <= 0.02 * len(body), missing
    assert len(body) > 100  # the comparison really covers the whole plan


def test_outline_reproduces_the_seed_in_order(generated):
    _, outline, _ = split_seed()
    text = doc_text(generated["outline"])
    body = [x for x in outline if not FOOTNOTE.match(x)]
    missing = in_order(body, text)
    assert len(missing) <= 0.02 * len(body), missing
    assert len(body) > 150


def test_outline_footnotes_are_real_footnotes_on_the_district_only_indicators(generated):
    document = docx.Document(generated["outline"])
    rels = [r for r in document.part.rels.values() if r.reltype.endswith("/footnotes")]
    assert len(rels) == 1
    notes = etree.fromstring(rels[0].target_part.blob)
    texts = [norm("".join(t.text or "" for t in n.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
        for n in notes if n.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") is None]
    assert texts == ["Chỉ tiêu này dành cho khối huyện báo cáo"] * 3
    text = doc_text(generated["outline"])
    assert "đạt tỉ lệ1:" in text
    assert "5.2. Phát triển kinh tế số2" in text
    assert "5.3. Phát triển xã hội số3" in text


SEED_TABLE_HEADER = [
    "STT", "Lĩnh vực, công việc giải quyết theo cấp", "Số hồ sơ nhận giải quyết",
    "Kết quả giải quyết", "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích",
    "Tổng số", "Trong đó", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết",
    "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
    "Qua dịch vụ BCCI", "Trả đúng thời hạn", "Trả quá hạn", "Chưa đến hạn", "Quá hạn",
    "Yêu cầu bổ sung", "Trả lại",
]


def test_outline_statistics_table_has_the_seed_title_period_and_header(generated):
    _, _, table_lines = split_seed()
    text = doc_text(generated["outline"])
    assert table_lines[0] == "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert table_lines[0] in text
    assert table_lines[1] in text  # "Từ ngày tháng năm đến ngày tháng"
    table = docx.Document(generated["outline"]).tables[-1]
    cells = {norm(c.text) for row in table.rows[:3] for c in row.cells}
    assert [h for h in SEED_TABLE_HEADER if h not in cells] == []
    assert [norm(c.text) for c in table.rows[3].cells] == [f"({n})" for n in range(1, 17)]
    # the seed's blank form: rows "1" and "2", then "Tổng số"
    assert [norm(r.cells[0].text) for r in table.rows[4:]] == ["1", "2", "Tổng số"]
