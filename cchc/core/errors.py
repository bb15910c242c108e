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


class _Kind(CchcError):
    """A refusal of a known kind, decided where the condition is known (the archive, a
    use case); the service answers it by its class (cchc/service/errors.py) instead of
    checking the condition again. ``code`` is the stable name programs read, ``field``
    the JSON path (or form field) at fault."""

    code = "rejected"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None,
                 file: str | None = None, details: list[str] | None = None):
        super().__init__(message, file=file, details=details)
        if code is not None:
            self.code = code
        self.field = field


class NotFound(_Kind):
    """What was named is not there: a round, a report, a unit (HTTP 404)."""

    code = "not_found"


class Conflict(_Kind):
    """The change collides with what is stored: a round or a notice that exists (409)."""

    code = "conflict"


class Invalid(_Kind):
    """The data given cannot be used as it is: a bad date, a record off its schema (422)."""

    code = "invalid"


class ValidationFailed(Invalid):
    """Data that does not match its schema; ``details`` lists every violation."""

    code = "schema_invalid"


UNEXPECTED = "lỗi không mong đợi; chi tiết đã ghi vào nhật ký"
DISK_FULL = "hết dung lượng đĩa; hãy giải phóng chỗ trống rồi thử lại"


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC/EDQUOT from the OS, or a database saying its disk is full (SQLite, PostgreSQL)."""
    import errno

    for err in _chain(exc):
        if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(err).lower()
        if "disk is full" in text or "no space left" in text or type(err).__name__ == "DiskFull":
            return True
    return False


def plain_message(exc: BaseException) -> str:
    """What the user reads for any failure: Vietnamese, never a class name, a temporary
    path or a library's English message (issue 22). The details go to the log."""
    if isinstance(exc, CchcError):
        return exc.message
    if is_disk_full(exc):
        return DISK_FULL
    if isinstance(exc, MemoryError):
        return "không đủ bộ nhớ để xử lý dữ liệu này"
    if isinstance(exc, RecursionError):
        return "dữ liệu lồng nhau quá sâu"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "có số quá dài (hơn 4.300 chữ số), không phải số liệu thật"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc hoặc ghi tệp"
    return UNEXPECTED


def cli_message(exc: BaseException) -> str:
    """plain_message for the command line, where there is no service log to point to."""
    message = plain_message(exc)
    return "lỗi không mong đợi (đặt CCHC_DEBUG=1 để xem chi tiết)" if message == UNEXPECTED \
        else message


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__
