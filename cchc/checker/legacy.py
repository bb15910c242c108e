"""Old binary Word files (.doc): converted to DOCX with LibreOffice, then checked.

Drafts still arrive as .doc from older machines. LibreOffice reads their page
setup, fonts, sizes and paragraph formatting faithfully, so the converted copy
is checked and the finding lines keep the original file name. All .doc files of
one run are converted with a single soffice call.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc.core.errors import CchcError
from cchc.core.office import convert

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_legacy_doc(path: str | Path) -> bool:
    path = Path(path)
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        return fh.read(8) == OLE_MAGIC


@contextlib.contextmanager
def converted(paths: list[str]) -> Iterator[dict[str, str | CchcError]]:
    """Map each .doc among ``paths`` to a temporary DOCX (or the error converting it)."""
    docs = [p for p in paths if is_legacy_doc(p)]
    if not docs:
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="cchc-check-doc-") as tmp:
        out: dict[str, str | CchcError] = {}
        # two drafts may share a name ("a/to-trinh.doc", "b/to-trinh.doc"): such files go
        # to separate output folders, one soffice call per folder (usually just one)
        groups: list[list[str]] = []
        for doc in docs:
            stem = Path(doc).stem
            group = next((g for g in groups if stem not in {Path(d).stem for d in g}), None)
            if group is None:
                groups.append(group := [])
            group.append(doc)
        by_folder: dict[str, list[str]] = {}
        for i, group in enumerate(groups):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            by_folder[str(folder)] = group
        try:
            for folder, sources in by_folder.items():
                for source, produced in zip(sources, convert(sources, "docx", folder),
                                            strict=True):
                    out[source] = str(produced)
        except CchcError as exc:
            for doc in docs:
                out.setdefault(doc, exc)
        yield out
