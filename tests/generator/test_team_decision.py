"""Quyết định thành lập Tổ kiểm tra: teams from the roster, in the decree's order,
and data the schema cannot judge refused with its JSON path."""

from __future__ import annotations

import copy
import io
import json

import docx
import pytest

from cchc import examples
from cchc.core.errors import ValidationFailed
from cchc.generator.documents import KINDS
from tests.docx_text import norm

EXAMPLE = examples.load("team-decision")


def _paragraphs(data: dict) -> list[str]:
    doc = docx.Document(io.BytesIO(KINDS["team-decision"].build(data)))
    return [norm(p.text) for p in doc.paragraphs if norm(p.text)]


def test_articles_in_order_with_each_team_and_its_members():
    text = _paragraphs(EXAMPLE)
    at = {key: next(i for i, t in enumerate(text) if t.startswith(key))
          for key in ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "Căn cứ Luật",
                      "QUYẾT ĐỊNH:", "Điều 1.", "1. Tổ kiểm tra số 1", "2. Tổ kiểm tra số 2",
                      "Điều 2.", "Điều 3.")}
    assert list(at.values()) == sorted(at.values())
    assert text[at["Điều 1."]] == (
        "Điều 1. Thành lập 02 Tổ kiểm tra để thực hiện Kế hoạch số 36/KH-UBND ngày 01 "
        "tháng 3 năm 2023 của UBND tỉnh, gồm các ông (bà) có tên sau:")
    team1 = text[at["1. Tổ kiểm tra số 1"] + 1:at["2. Tổ kiểm tra số 2"]]
    assert team1 == [
        "- Nguyễn Văn Thành, Phó Giám đốc Sở Nội vụ: Tổ trưởng;",
        "- Phạm Thu Hương, Trưởng phòng Quản lý tiêu chuẩn đo lường chất lượng "
        "Sở Khoa học và Công nghệ: Thành viên;",
        "- Vũ Quang Huy, Chuyên viên Sở Tư pháp: Thành viên;",
        "- Hoàng Văn Nam, Chuyên viên phòng CCHC Sở Nội vụ: Thư ký;"]
    assert ("- Tổ kiểm tra số 2 kiểm tra: Sở Tài chính, Sở Ngoại vụ, Sở Khoa học và Công "
            "nghệ, Công an tỉnh Bắc Giang, UBND huyện Sơn Động.") in text
    assert text[at["Điều 3."]].startswith("Điều 3. Quyết định có hiệu lực kể từ ngày ký. "
                                          "Chánh Văn phòng UBND tỉnh")


def test_the_leader_comes_first_whatever_order_the_data_gives():
    data = copy.deepcopy(EXAMPLE)
    data["teams"][1]["members"].reverse()
    text = _paragraphs(data)
    i = text.index("2. Tổ kiểm tra số 2")
    assert text[i + 1].endswith("Tổ trưởng;") and text[i + 3].endswith("Thư ký;")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["teams"][0]["members"][1].update(ref="khong-co"),
     "$.teams[0].members[1].ref: không có 'khong-co' trong danh sách thành viên ($.roster)"),
    (lambda d: d["teams"][1]["members"][1].update(role="leader"),
     "$.teams[1].members: mỗi Tổ có đúng một Tổ trưởng (Tổ kiểm tra số 2 có 2)"),
    (lambda d: d["teams"][1]["units"].append("Sở Xây dựng"),
     "$.teams[1].units[5]: 'Sở Xây dựng' đã thuộc Tổ kiểm tra số 1"),
])
def test_what_the_schema_cannot_say_is_refused_with_its_path(change, expected):
    data = copy.deepcopy(EXAMPLE)
    change(data)
    with pytest.raises(ValidationFailed) as err:
        KINDS["team-decision"].build(data)
    assert err.value.details == [expected]


def test_cli_refuses_bad_data_in_vietnamese_and_writes_nothing(cli, tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["teams"][0]["members"][0]["role"] = "member"
    source = tmp_path / "qd.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "qd.docx"
    proc = cli("generate", "team-decision", source, "-o", out)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert f"{source}: dữ liệu Quyết định thành lập Tổ kiểm tra không hợp lệ" in proc.stderr
    assert "$.teams[0].members: mỗi Tổ có đúng một Tổ trưởng" in proc.stderr
    assert not out.exists()
