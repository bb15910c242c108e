"""Excel 97–2003 (.xls) and Excel web pages → a temporary XLSX through LibreOffice →
XLSX reader. Offices still keep the statistics form in old workbooks; LibreOffice keeps
their merged cells, values and formulas' results."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cchc.core import office, office_html
from cchc.core.errors import CchcError
from cchc.extractors.model import Document
from cchc.extractors.read.xlsx_reader import read_xlsx


def read_xls(path: Path, *, max_unzipped: int | None = None) -> Document:
    try:
        office.soffice_path()
    except CchcError as exc:
        raise CchcError(f"cần LibreOffice để đọc bảng tính Excel cũ (.xls): {exc.message}",
                        file=str(path)) from exc
    web = office_html.file_kind(path) == "excel"
    with tempfile.TemporaryDirectory(prefix="cchc-xls-") as tmp:
        source, infilter = path, None
        if web:
            (Path(tmp) / "in").mkdir()
            source = office_html.inert_copy(path, Path(tmp) / "in" / "sheet.html", str(path))
            infilter = office_html.INFILTERS["excel"]
        try:
            (converted,) = office.convert([source], "xlsx:Calc MS Excel 2007 XML", tmp,
                                          infilter)
        except CchcError as exc:
            what = office_html.LABELS["excel"] if web else "tệp .xls"
            raise CchcError(f"LibreOffice không chuyển được {what} sang XLSX (tệp hỏng "
                            f"hoặc có mật khẩu?): {exc.message}", file=str(path)) from exc
        doc = read_xlsx(converted, max_unzipped=max_unzipped)
    doc.format = "xls"
    return doc
