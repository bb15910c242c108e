"""Legacy .doc (and RTF, ODT, Word web pages) → a temporary DOCX through LibreOffice →
DOCX reader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import office, office_html
from cchc.core.errors import CchcError
from cchc.extractors.legacy.doc_tables import restore_lost_tables
from cchc.extractors.model import Document
from cchc.extractors.read.docx_reader import read_docx


def read_doc(path: Path) -> Document:
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
        doc = read_docx(to_docx(path, Path(tmp)), fmt="doc")
    if office_html.file_kind(path) is None:
        restore_lost_tables(doc, path)  # a table LibreOffice's import ran together into a line
    return doc


def to_docx(path: Path, folder: Path) -> Path:
    """The DOCX LibreOffice makes of ``path`` (Word 97, RTF, ODT or a Word web page), written
    in ``folder``; CchcError naming the file when LibreOffice is missing or fails."""
    try:
        office.soffice_path()
    except CchcError as exc:
        raise CchcError(f"cần LibreOffice để đọc tài liệu Word cũ (.doc): {exc.message}",
                        file=str(path)) from exc
    web = office_html.file_kind(path) == "word"
    source, infilter = path, None
    if web:  # a web page LibreOffice must be told to read as a text document
        (folder / "in").mkdir()
        source = office_html.inert_copy(path, folder / "in" / "page.html", str(path))
        infilter = office_html.INFILTERS["word"]
    try:
        (converted,) = office.convert([source], "docx:MS Word 2007 XML", folder, infilter)
    except CchcError as exc:
        what = office_html.LABELS["word"] if web else "tệp .doc"
        raise CchcError(f"LibreOffice không chuyển được {what} sang DOCX (tệp hỏng "
                        f"hoặc có mật khẩu?): {exc.message}", file=str(path)) from exc
    return converted
