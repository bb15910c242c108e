"""One error type the command line knows how to print.

Everything a user can cause (bad JSON, a schema violation, a broken template, an
unreadable report) is raised as ``CchcError`` with a Vietnamese message that names
the file and the field or line, so the CLI can print it without a traceback.
"""

from __future__ import annotations


class CchcError(Exception):
    """A failure the user can act on; ``str()`` is the Vietnamese message."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, details: list[str] | None = None):
        self.message = message
        self.file = file
        self.details = list(details or [])
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.file}: {self.message}" if self.file else self.message
        return "\n".join([head, *(f"  - {d}" for d in self.details)])


class ValidationFailed(CchcError):
    """Data that does not match its schema; ``details`` lists every violation."""
