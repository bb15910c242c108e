"""Waiting for a real `cchc serve` process: the one loop the server tests share."""

from __future__ import annotations

import time
from pathlib import Path

import httpx


def wait_for_health(base: str, proc, log: Path | None = None, timeout: float = 60.0) -> None:
    """Return once ``base``/api/health answers 200; fail with the server's log if the
    process ends or the deadline passes first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        said = log.read_text(errors="replace") if log is not None and log.exists() else ""
        assert proc.poll() is None, f"cchc serve ended: {said}"
        assert time.monotonic() < deadline, f"cchc serve did not answer in {timeout} s: {said}"
        time.sleep(0.3)
