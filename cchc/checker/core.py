"""Open one file safely, build its model once, run every rule family."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from cchc.core import office_html, safezip
from cchc.core.errors import CchcError
from cchc.core.infile import open_regular

from .findings import ERROR, WARNING, Finding
from .locate import locate
from .model import DocModel
from .rules import FAMILIES

MAX_FILE = 100 * 1024 * 1024


@dataclass
class FileResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    failure: str | None = None  # the file could not be read at all
    changes: list[str] = field(default_factory=list)  # what --fix changed
    note: str | None = None  # e.g. checked through a conversion
    fixed: bool = False  # the result of --fix: what is still found is left for a person

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def as_dict(self) -> dict:
        out = {"file": self.file, "ok": self.failure is None and self.errors == 0,
               "errors": self.errors, "warnings": self.warnings,
               "findings": [f.as_dict() for f in self.findings]}
        if self.failure:
            out["failure"] = self.failure
        if self.changes:
            out["changes"] = self.changes
        if self.fixed:
            out["left_for_person"] = sorted({f.rule_id for f in self.findings})
        if self.note:
            out["note"] = self.note
        return out


def open_docx(path: str | Path):
    """python-docx Document, or CchcError naming why the file is not a usable DOCX."""
    path = Path(path)
    if path.is_dir():
        raise CchcError("là thư mục, không phải tệp .docx", file=str(path))
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size > MAX_FILE:
            raise CchcError("tệp quá lớn để kiểm tra (trên 100 MB)", file=str(path))
        head = fh.read(office_html.HEAD)
        fh.seek(0)
        if not head.startswith(b"PK"):
            raise CchcError(_not_docx(head), file=str(path))
        infos = safezip.check(fh, str(path))
        if "word/document.xml" not in {i.filename for i in infos}:
            raise CchcError("tệp .docx hỏng hoặc không phải văn bản Word (thiếu phần "
                            "word/document.xml)", file=str(path))
        try:
            return docx.Document(fh)
        except (PackageNotFoundError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError,
                ValueError, EOFError, OSError) as exc:
            raise CchcError(f"tệp .docx hỏng hoặc không phải văn bản Word "
                            f"({type(exc).__name__})", file=str(path)) from exc


def _not_docx(head: bytes) -> str:
    """Why the bytes are no DOCX, naming what they are so the user knows how to save it.
    A Word web page is refused: it keeps the text but not the page setup, fonts and
    spacing this checker judges."""
    kind = office_html.html_kind(head)
    if kind:
        return (f"tệp là {office_html.LABELS[kind]}, không phải văn bản Word .docx hay .doc; "
                f"hãy mở bằng Word và lưu lại dưới dạng .docx (Word Document) rồi kiểm tra")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "không phải tệp Word .docx (tệp .doc cũ: hãy lưu lại dưới dạng .docx)"
    if head.lstrip().startswith(b"{\\rtf"):
        return "tệp là văn bản RTF, không phải tệp Word .docx; hãy lưu lại dưới dạng .docx"
    if b"%PDF-" in head[:1024]:
        return "tệp là PDF, không phải tệp Word .docx; thể thức chỉ kiểm tra được trên .docx"
    return "không phải tệp Word .docx"


def check_document(document) -> list[Finding]:
    model = DocModel(document)
    lay = locate(model)
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(family.check(model, lay))
    return findings


def check_file(path: str | Path) -> FileResult:
    result = FileResult(str(path))
    try:
        result.findings = check_document(open_docx(path))
    except CchcError as exc:
        result.failure = exc.message
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the batch
        if os.environ.get("CCHC_DEBUG"):
            raise
        result.failure = (f"không đọc được cấu trúc văn bản ({type(exc).__name__}: {exc}); "
                          "đặt CCHC_DEBUG=1 để xem chi tiết")
    return result
