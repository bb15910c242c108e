"""One warm LibreOffice, driven over this process's stdin/stdout (run by the system Python).

Why not ``unoserver`` as a server: it listens on two TCP ports of 127.0.0.1 with no
authentication, so every local account could convert ``/any/file/of/ours`` into a PDF
it can read, or run a command through UNO. Here nothing listens on the network:

- requests come over this process's stdin and answers go to its stdout, pipes only
  the parent holds;
- LibreOffice accepts UNO on a named pipe (a unix socket ``/tmp/OSL_PIPE_<uid>_<name>``)
  with a random name, created under umask 077 (the parent sets it), so only our own
  account can connect to it.

unoserver's converter (filter detection, export) is reused; only its connection changes.
This file imports nothing from cchc: the system Python runs it with just the unoserver
package on its path. One request per line, JSON: ``{"source", "target", "fmt"}``;
answer ``{"ok": true}`` or ``{"ok": false, "error": "Type: message"}``. Ready is
announced by the line ``{"ready": true}``. EOF on stdin (the parent is gone) ends it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

START_SECONDS = 80.0


def start_office(soffice: str, profile_url: str, pipe: str) -> subprocess.Popen:
    accept = f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"
    cmd = [soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault",
           "--nologo", "--nofirststartwizard", "--norestore",
           f"-env:UserInstallation={profile_url}", accept]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=sys.stderr,
                            stderr=sys.stderr)


def connect(pipe: str, office: subprocess.Popen):
    """unoserver's converter, connected over the named pipe (retried while soffice starts)."""
    import uno
    from com.sun.star.connection import NoConnectException
    from unoserver.converter import UnoConverter

    class PipeConverter(UnoConverter):
        def __init__(self):  # unoserver's own __init__ with a pipe instead of a TCP socket
            self.local_context = uno.getComponentContext()
            self.resolver = self.local_context.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", self.local_context)
            self.context = self.resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            self.service = self.context.ServiceManager
            make = self.service.createInstanceWithContext
            self.desktop = make("com.sun.star.frame.Desktop", self.context)
            self.filter_service = make("com.sun.star.document.FilterFactory", self.context)
            self.type_service = make("com.sun.star.document.TypeDetection", self.context)
            self.temp_dir = None
            self._export_filters = None
            self._import_filters = None

    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return PipeConverter()
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def watch_parent(office: subprocess.Popen) -> None:
    """The parent died (even by kill -9): LibreOffice goes with us."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    end(office)


def end(office: subprocess.Popen) -> None:
    """Stop LibreOffice and everything it started (soffice's launcher leaves soffice.bin
    behind on SIGKILL): the whole process group, which the parent made ours, us last."""
    office.kill()
    if os.getpgid(0) == os.getpid():
        os.killpg(0, signal.SIGKILL)
    os._exit(3)


def say(answer: dict) -> None:
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def serve(conv) -> None:
    for line in sys.stdin:
        req = json.loads(line)
        try:
            # update_index=False: a cold ``soffice --convert-to`` does not rebuild tables
            # of contents either, and the two refreshes it costs are a re-layout each.
            conv.convert(req["source"], None, req["target"], req["fmt"], None, [], False,
                         None, None)
            say({"ok": True})
        except Exception as exc:  # noqa: BLE001 - the parent decides what it means
            say({"ok": False, "error": f"{type(exc).__name__}: {exc}"})


def main(soffice: str, profile_url: str, pipe: str) -> int:
    office = start_office(soffice, profile_url, pipe)
    threading.Thread(target=watch_parent, args=(office,), daemon=True).start()
    try:
        conv = connect(pipe, office)
        say({"ready": True})
        serve(conv)
    finally:
        end(office)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
