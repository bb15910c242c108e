"""The office templates (docxtpl .docx files) the generator renders.

They are built by ``python -m cchc.templates.build`` from the layout rules in
``cchc.core.layout`` and committed, so an office can open one in Word, restyle it and
keep using it with ``cchc generate --template``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def path(name: str) -> Path:
    """The bundled template for a document kind ("plan" → templates/plan.docx)."""
    return HERE / f"{name}.docx"
