"""Legacy .doc (and RTF, ODT, Word web pages) → a temporary DOCX through LibreOffice →
DOCX reader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import office, office_html
from cchc.core.errors import CchcError

from .doc_tables import restore_lost_tables
from .docx_reader import read_docx
from .model import Document


def read_doc(path: Path) -> Document:
    _need_office(path, "tài liệu Word cũ (.doc)")
    web = office_html.file_kind(path) == "word"
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
        source, infilter = path, None
        if web:  # a web page LibreOffice must be told to read as a text document
            (Path(tmp) / "in").mkdir()
            source = office_html.inert_copy(path, Path(tmp) / "in" / "page.html", str(path))
            infilter = office_html.INFILTERS["word"]
        try:
            (converted,) = office.convert([source], "docx:MS Word 2007 XML", tmp, infilter)
        except CchcError as exc:
            what = office_html.LABELS["word"] if web else "tệp .doc"
            raise CchcError(f"LibreOffice không chuyển được {what} sang DOCX (tệp hỏng "
                            f"hoặc có mật khẩu?): {exc.message}", file=str(path)) from exc
        doc = read_docx(converted, fmt="doc")
    if not web:
        restore_lost_tables(doc, path)  # a table LibreOffice's import ran together into a line
    return doc


def _need_office(path: Path, what: str) -> None:
    try:
        office.soffice_path()
    except CchcError as exc:
        raise CchcError(f"cần LibreOffice để đọc {what}: {exc.message}",
                        file=str(path)) from exc
