"""The checker on real-style documents laid out correctly the ways offices do it.

Each document of ``realstyle.CORPUS`` must pass with no finding at all; each of
``NOT_ADMINISTRATIVE`` (petition, form, CV) must get exactly one finding, the
warning that it has no administrative header block, and nothing else.
"""

from __future__ import annotations

import pytest

from checker.core import check_file
from tests.checker.realstyle import CORPUS, NOT_ADMINISTRATIVE


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_real_style_documents_pass(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    CORPUS[name](path)
    result = check_file(path)
    assert result.failure is None
    assert [(f.rule_id, f.where, f.found) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(NOT_ADMINISTRATIVE))
def test_not_administrative_documents_get_one_finding(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    NOT_ADMINISTRATIVE[name](path)
    result = check_file(path)
    assert result.failure is None
    assert [(f.rule_id, f.severity) for f in result.findings] == [
        ("header.not_administrative", "warning")]
