"""The one validator resolves "$ref"s once; it must judge exactly as jsonschema's
own reference resolution does (the oracle here, built only in this test)."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from cchc import examples, schemas

BASE = "https://cchc.example/schemas/"


def _oracle(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (BASE + p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
        for p in schemas.HERE.glob("*.schema.json"))
    return Draft202012Validator(schemas.load(name), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _broken(data: dict, path: list, value) -> dict:
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


RECORD = json.loads(
    (schemas.HERE.parent / "examples" / "reports" / "so-xay-dung.json").read_text("utf-8"))
CASES = {
    "report": [RECORD,
               _broken(RECORD, ["document", "date"], "2023-13-45"),
               _broken(RECORD, ["document"], KeyError),
               _broken(RECORD, ["sections", "10"], "Mục lạ"),
               _broken(RECORD, ["unit", "name"], None),
               _broken(RECORD, ["source", "format"], "odt"),
               _broken(RECORD, ["warnings"], [{"code": "Sai", "where": "x", "message": "m"}])],
    "plan": [examples.load("plan"), _broken(examples.load("plan"), ["number"], -3),
             _broken(examples.load("plan"), ["date"], {"year": "hai nghìn"})],
    "conclusion": [examples.load("conclusion"),
                   _broken(examples.load("conclusion"), ["issuer"], KeyError)],
    "outline": [examples.load("outline"), _broken(examples.load("outline"), ["title"], 7)],
}


@pytest.mark.parametrize("name,data", [(n, d) for n, ds in CASES.items() for d in ds])
def test_inlined_validator_judges_as_the_reference_resolver(name, data):
    expected = sorted(e.message for e in _oracle(name).iter_errors(data))
    got = sorted(e.message for e in schemas.validator(name).iter_errors(data))
    assert got == expected


def test_cases_include_valid_and_invalid_data():
    outcomes = {schemas.validator(n).is_valid(d) for n, ds in CASES.items() for d in ds}
    assert outcomes == {True, False}
