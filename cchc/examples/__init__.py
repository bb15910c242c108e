"""The bundled example round (Bắc Giang 2023), used by ``cchc demo`` and the tests."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def path(name: str) -> Path:
    return HERE / f"{name}.json"


def load(name: str) -> dict:
    """The parsed example ``name`` (``"plan"``, ``"reports/so-xay-dung"``…)."""
    import json

    return json.loads(path(name).read_text(encoding="utf-8"))
