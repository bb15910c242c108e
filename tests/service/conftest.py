"""Fixtures of the service tests; the helpers live in svc_helpers.py (a unique module
name, so they never collide with another directory's conftest)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")  # starlette's TestClient, not ours

sys.path.insert(0, str(Path(__file__).parent))

from fastapi.testclient import TestClient  # noqa: E402
from svc_helpers import close_app, login_tokens, make_app  # noqa: E402


@pytest.fixture
def app(tmp_path):
    application = make_app(tmp_path)
    yield application
    close_app(application)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def tokens(client):
    return login_tokens(client)
