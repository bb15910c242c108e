"""The extraction corpus, written and converted by LibreOffice once per test session."""

from __future__ import annotations

import json

import pytest

from tests.corpus.make_corpus import build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """[(path, expected)] for every style variant; one soffice run per target format."""
    folder = tmp_path_factory.mktemp("corpus")
    return {path.name: (path, expected) for path, expected in build(folder)}


@pytest.fixture(scope="session")
def corpus_dir(corpus):
    return next(iter(corpus.values()))[0].parent


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))
