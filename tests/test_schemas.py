import json

import pytest

from cchc import examples
from cchc.schemas import names
from cchc.schemas.validate import errors


def test_every_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    from cchc.schemas import load
    for name in names():
        Draft202012Validator.check_schema(load(name))


def test_violations_are_listed_with_their_json_path_in_vietnamese():
    found = errors("stats", {"rows": [{"stt": 1, "received_total": -1, "bogus": 2}]})
    assert "$.rows[0].received_total: phải lớn hơn hoặc bằng 0 (đang là -1)" in found
    assert "$.rows[0]: có trường không được phép: 'bogus'" in found


def test_missing_fields_are_named():
    found = errors("plan", {"number": None})
    assert any("thiếu trường bắt buộc" in f and "'issuer'" in f for f in found)


@pytest.mark.parametrize("kind", ["plan", "outline", "stats"])
def test_examples_are_valid(kind):
    data = json.loads(examples.path(kind).read_text(encoding="utf-8"))
    assert errors(kind, data) == []
