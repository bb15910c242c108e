"""Lists that name the same things in different places agree with each other.

The record contract's indicator ids are written in the spec, in ``cchc.core.spec`` and in
``report.schema.json``'s enum; the file formats in ``FORMATS``, the schema's
``source.format`` enum, the service's upload media types and the refusal message. A name
added to one and not the others fails here, the way ``test_kinds_everywhere`` ties
``KINDS`` to the CLI, the API and the pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cchc import schemas
from cchc.core.spec import INDICATOR_IDS
from cchc.extractors.read.formats import ACCEPTED, FORMATS
from cchc.service.uploads import MEDIA

SHARED_SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "report-record.md"
REPORT_SCHEMA = json.loads((schemas.HERE / "report.schema.json").read_text(encoding="utf-8"))


def test_schema_indicator_enum_is_the_contracts_list():
    assert REPORT_SCHEMA["$defs"]["indicator_id"]["enum"] == list(INDICATOR_IDS)


def test_spec_indicator_table_is_the_contracts_list():
    if not SHARED_SPEC.exists():
        pytest.skip(f"no shared spec beside the repository ({SHARED_SPEC})")
    text = SHARED_SPEC.read_text(encoding="utf-8")
    table = text.split("## Indicators", 1)[1].split("\n## ", 1)[0]
    ids = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M)
    assert ids == list(INDICATOR_IDS)


def _source_formats() -> list[str]:
    return REPORT_SCHEMA["properties"]["source"]["properties"]["format"]["enum"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_a_record_source_format(name):
    assert name in _source_formats()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_has_a_reader(name):
    assert callable(FORMATS[name].read())


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_an_upload_media_type(name):
    assert MEDIA[name] == FORMATS[name].media_type


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_named_in_the_refusal_message(name):
    assert FORMATS[name].name.upper() in ACCEPTED


def test_every_extension_belongs_to_one_format():
    seen: dict[str, str] = {}
    for fmt in FORMATS.values():
        for ext in fmt.extensions:
            assert ext not in seen, f"{ext}: {seen.get(ext)} and {fmt.name}"
            seen[ext] = fmt.name
