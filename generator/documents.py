"""Document kinds: which schema validates the data, which template and context render it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cchc import office, templates
from cchc.outfile import write_bytes
from cchc.schemas.validate import check

from . import context, footnotes
from .render import CompiledTemplate


@dataclass(frozen=True)
class Kind:
    schema: str
    template: str
    build_context: Callable[..., dict]


KINDS: dict[str, Kind] = {
    "plan": Kind("plan", "plan", context.plan_context),
    "outline": Kind("outline", "outline", context.outline_context),
    "conclusion": Kind("conclusion", "conclusion", context.conclusion_context),
}

_compiled: dict[Path, CompiledTemplate] = {}


def compiled(path: Path) -> CompiledTemplate:
    """One CompiledTemplate per template file for the life of the process."""
    path = Path(path).resolve()
    if path not in _compiled:
        _compiled[path] = CompiledTemplate(path)
    return _compiled[path]


def render_kind(kind: str, data: dict, *, source: str | None = None,
                report: dict | None = None) -> bytes:
    """Validate ``data`` as ``kind`` and return the rendered .docx bytes."""
    spec = KINDS[kind]
    check(spec.schema, data, file=source)
    if report is not None:
        check("report", report)
    ctx = spec.build_context(data, report) if report is not None else spec.build_context(data)
    blob = compiled(templates.path(spec.template)).render(ctx)
    return footnotes.apply(blob, ctx.get("footnotes", []))


def write_docx(blob: bytes, target: str | Path, *, pdf: bool = False) -> list[Path]:
    """Write the document (and its PDF beside it); returns what was written."""
    target = Path(target)
    if pdf:
        office.soffice_path()  # fail before writing anything when LibreOffice is missing
    write_bytes(target, blob)
    written = [target]
    if pdf:
        written.append(office.to_pdf(target, target.with_suffix(".pdf")))
    return written


def render_report(record: dict, outline: dict, *, parent: str | None = None,
                  signer: dict | None = None, source: str | None = None) -> bytes:
    """A unit's self-report along the outline, from its record (validated first)."""
    check("report", record, file=source)
    check("outline", outline)
    ctx = context.report_context(record, outline, parent=parent, signer=signer)
    blob = compiled(templates.path("report")).render(ctx)
    return footnotes.apply(blob, ctx["footnotes"])
