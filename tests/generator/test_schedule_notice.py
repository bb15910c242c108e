"""Thông báo lịch kiểm tra: visits in time order with each unit's report deadline,
and clashes the schema cannot see refused with their JSON path."""

from __future__ import annotations

import copy
import io

import docx
import pytest

from cchc import examples
from cchc.core.errors import ValidationFailed
from cchc.generator.documents import KINDS
from tests.docx_text import norm

EXAMPLE = examples.load("schedule")


def _table(data: dict) -> list[list[str]]:
    doc = docx.Document(io.BytesIO(KINDS["schedule"].build(data)))
    table = next(t for t in doc.tables if "Hạn gửi báo cáo" in t.rows[0].cells[-1].text)
    return [[norm(c.text) for c in row.cells] for row in table.rows[1:]]


def test_rows_in_time_order_with_deadlines_five_days_before():
    data = copy.deepcopy(EXAMPLE)
    data["visits"].reverse()
    rows = _table(data)
    assert [r[1] for r in rows] == ["Sở Tư pháp", "Sở Công Thương", "Sở Tài chính",
                                    "Sở Ngoại vụ", "UBND huyện Tân Yên"]
    assert rows[0] == ["1", "Sở Tư pháp", "8h00 sáng thứ Ba, 12/9/2023",
                       "Trụ sở cơ quan, đơn vị", "Tổ kiểm tra số 1", "07/9/2023"]
    assert rows[4][2:] == ["8h00 cả ngày thứ Ba, 19/9/2023", "Hội trường UBND huyện Tân Yên",
                           "Tổ kiểm tra số 1", "14/9/2023"]


def test_days_before_the_visit_come_from_the_data():
    data = copy.deepcopy(EXAMPLE)
    data["report_days_before"] = 10
    assert _table(data)[0][5] == "02/9/2023"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["visits"][1].update(unit="Sở Tư pháp"),
     "$.visits[1].unit: 'Sở Tư pháp' đã có lịch tại $.visits[0]"),
    (lambda d: d["visits"][1].update(session="sáng"),
     "$.visits[1].session: Tổ kiểm tra số 1 đã kiểm tra Sở Tư pháp buổi sáng ngày 12/9/2023"),
])
def test_clashes_are_refused_with_their_path(change, expected):
    data = copy.deepcopy(EXAMPLE)
    change(data)
    with pytest.raises(ValidationFailed) as err:
        KINDS["schedule"].build(data)
    assert err.value.details == [expected]


def test_a_day_long_visit_holds_both_sessions():
    data = copy.deepcopy(EXAMPLE)
    data["visits"].append({"unit": "Sở Xây dựng", "date": "2023-09-19", "session": "chiều",
                           "team": "Tổ kiểm tra số 1"})
    with pytest.raises(ValidationFailed) as err:
        KINDS["schedule"].build(data)
    assert "buổi chiều ngày 19/9/2023" in err.value.details[0]
