"""Session material built once per test run, also across pytest-xdist workers."""

from __future__ import annotations

import fcntl
import os
import pickle
from pathlib import Path


def shared_dir(tmp_path_factory) -> Path:
    """One folder for the whole run: under pytest-xdist, the workers' common parent."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(folder: Path, name: str, build):
    """Build ``name`` once per run, whichever xdist worker asks first; the others
    wait on the lock and load the pickled result (OCR costs most of the suite)."""
    folder.mkdir(parents=True, exist_ok=True)
    result = folder / f"{name}.pickle"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if result.exists():
                return pickle.loads(result.read_bytes())
            value = build()
            result.write_bytes(pickle.dumps(value))
            return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
