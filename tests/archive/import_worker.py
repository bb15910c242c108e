"""A separate importer process for the concurrency and crash tests.

usage: python import_worker.py URL ROUND GO_FILE FILE...
Writes GO_FILE.ready.PID when ready, waits until GO_FILE exists (so two workers
start together), imports the files
and prints one JSON line per file: {"file", "status", "version"} or {"file", "error"}.
With CCHC_TEST_KILL_AFTER_WRITE=1 the process kills itself with SIGKILL in the
middle of its first import, after the report and the original bytes are written
but before the transaction commits.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cchc.archive import store  # noqa: E402
from cchc.archive.db import open_archive  # noqa: E402
from cchc.core.errors import CchcError  # noqa: E402
from cchc.schemas import validator  # noqa: E402
from cchc.usecases import intake  # noqa: E402


def kill_mid_import() -> None:
    real = store.record_change  # the import's audit row, written in its transaction

    def record_change(session, actor, action, entity, entity_id, **detail):
        if action == "import":
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(session, actor, action, entity, entity_id, **detail)

    store.record_change = record_change


def main(url: str, round_code: str, go: str, *files: str) -> None:
    if os.environ.get("CCHC_TEST_KILL_AFTER_WRITE"):
        kill_mid_import()
    archive = open_archive(url)
    validator("report")  # compile the schema before the start line, not during the race
    Path(f"{go}.ready.{os.getpid()}").touch()
    deadline = time.monotonic() + 60
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    for path in files:
        try:
            result = intake.import_report(archive, round_code, intake.receive_file(path))
            print(json.dumps({"file": path, "status": result.status,
                              "version": result.version, "unit": result.unit}), flush=True)
        except CchcError as exc:
            print(json.dumps({"file": path, "error": exc.render()}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
