"""Legacy .doc (and RTF, ODT) → a temporary DOCX through LibreOffice → DOCX reader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import office
from cchc.core.errors import CchcError

from .doc_tables import restore_lost_tables
from .docx_reader import read_docx
from .model import Document


def read_doc(path: Path) -> Document:
    try:
        office.soffice_path()
    except CchcError as exc:
        raise CchcError(f"cần LibreOffice để đọc tài liệu Word cũ (.doc): {exc.message}",
                        file=str(path)) from exc
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
        try:
            (converted,) = office.convert([path], "docx", tmp)
        except CchcError as exc:
            raise CchcError(f"LibreOffice không chuyển được tệp .doc sang DOCX (tệp hỏng "
                            f"hoặc có mật khẩu?): {exc.message}", file=str(path)) from exc
        doc = read_docx(converted, fmt="doc")
    restore_lost_tables(doc, path)  # a table LibreOffice's import ran together into a line
    return doc
