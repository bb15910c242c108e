"""LibreOffice conversions in batches (one soffice start per target format)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def convert(files: list[Path], target: str, outdir: Path, timeout: int = 600) -> list[Path]:
    """Convert files with soffice; target is 'pdf', 'doc' or 'docx' (a LibreOffice re-save).

    A private profile keeps parallel users of soffice on this machine out of each other's way.
    """
    if not files:
        return []
    filt = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97",
            "docx": "docx:MS Word 2007 XML"}[target]
    with tempfile.TemporaryDirectory(prefix="cw-lo-") as prof, \
            tempfile.TemporaryDirectory(prefix="cw-out-") as tmp:
        cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
               "--convert-to", filt, "--outdir", tmp] + [str(f) for f in files]
        subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env={**os.environ, "HOME": prof})
        out = []
        for f in files:
            src = Path(tmp) / (f.stem + "." + target)
            if not src.exists():
                raise RuntimeError(f"soffice did not convert {f.name} to {target}")
            dst = outdir / src.name
            shutil.move(str(src), dst)
            out.append(dst)
        return out
