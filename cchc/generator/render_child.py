"""The render child's side of ``isolated`` (which starts it with ``python -I``).

It reads one JSON request on stdin (template path, data, time budget, memory cap,
options), caps its own address space, renders, verifies the XML, and writes one JSON
outcome on stdout. It is a fresh interpreter started through ``cchc.core.child``, not
a fork: it holds none of the caller's memory, open files or environment (CCHC_SECRET,
the database URL), so a template that escapes the sandbox finds nothing to steal.
"""

from __future__ import annotations

import base64
import json
import os
import sys


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cap_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on this system: the deadline is the only backstop
        return
    cap = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def render(request: dict) -> dict:
    """The outcome of one request (see the module); never raises for a template's fault."""
    from cchc.core.errors import CchcError

    from .render import CompiledTemplate
    from .user_filters import load_filters
    from .xmlcheck import verify

    path, memory_mb = request["path"], request["memory_mb"]
    try:
        filters = load_filters(request["filters_path"]) if request.get("filters_path") \
            else None
        _cap_memory(memory_mb)
        template = CompiledTemplate(path, filters=filters)
        blob = template.render(request["context"], seconds=request["seconds"],
                               missing_ok=request.get("missing_ok", False))
        return {"ok": True, "docx": base64.b64encode(verify(blob, file=path)).decode(),
                "missing": template.missing_found}
    except CchcError as exc:
        return {"ok": False, "message": exc.message, "file": exc.file, "details": exc.details}
    except MemoryError:
        return {"ok": False, "message": f"mẫu dùng quá nhiều bộ nhớ (hơn {memory_mb} MB)",
                "file": path, "details": []}


def main() -> int:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a user's filters module that prints cannot spoil the outcome
    request = json.loads(sys.stdin.buffer.read())
    out.write(json.dumps(render(request), ensure_ascii=True).encode())
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
