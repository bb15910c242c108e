"""Shared fixtures: running the real command line, and the repository's paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.skip_policy"]

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: str | os.PathLike | None = None, input: str | None = None,
            env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``cchc`` as a user would: a separate process, real exit code and stderr."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("CCHC_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "cchc.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, input=input,
                          env=full_env, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli

