"""The bundled example round (Bắc Giang 2023), used by ``cchc demo`` and the tests."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def path(name: str) -> Path:
    return HERE / f"{name}.json"
