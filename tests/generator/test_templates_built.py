"""The committed templates are what ``python -m cchc.templates.build`` makes from the layout
rules: a rule changed in code but not rebuilt (or a template edited by hand) fails here."""

from __future__ import annotations

import zipfile

import pytest

from cchc import templates
from cchc.templates.build import BUILDERS


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("word/")}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_committed_template_matches_its_build(tmp_path, name):
    fresh = tmp_path / f"{name}.docx"
    BUILDERS[name](fresh)
    assert parts(fresh) == parts(templates.path(name)), \
        f"templates/{name}.docx is stale: run `make templates`"
