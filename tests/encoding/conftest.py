"""A report written three ways (Unicode, TCVN3, VNI), through LibreOffice once."""

from __future__ import annotations

import pytest
from docx import Document

from cchc.core.office import convert
from tests.encoding.legacy_samples import tcvn3_encode, vni_encode
from tests.once import once, shared_dir

HEADER = ("UBND TỈNH BẮC GIANG", "SỞ XÂY DỰNG")
TITLE = "báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023"
BODY = (
    "Thực hiện Kế hoạch số 125/KH-UBND ngày 10 tháng 5 năm 2023 của Ủy ban nhân dân tỉnh "
    "về kiểm tra công tác cải cách hành chính, Sở Xây dựng báo cáo như sau:",
    "Tổng số hồ sơ tiếp nhận là 1.234 hồ sơ, đã giải quyết đúng hạn 1.180 hồ sơ, "
    "đạt tỷ lệ 95,6%; số hồ sơ quá hạn là 12 hồ sơ; lĩnh vực đất đai, xây dựng, tư pháp.",
    "Những khó khăn, vướng mắc: hạ tầng kỹ thuật chưa đồng bộ; kỹ năng số của người dân "
    "còn hạn chế; việc số hoá kết quả giải quyết thủ tục hành chính chưa đạt yêu cầu.",
)


def unicode_text() -> list[str]:
    return [*HEADER, TITLE.upper(), *BODY]


def write_report(path, encoding: str | None) -> None:
    """The same report; the body in a legacy font when ``encoding`` is given."""
    doc = Document()
    for line in HEADER:   # the header stays Unicode: a mixed document
        doc.add_paragraph().add_run(line).font.name = "Times New Roman"
    encode = {"tcvn3": tcvn3_encode, "vni": vni_encode, None: lambda t: t}[encoding]
    fonts = {"tcvn3": (".VnTimeH", ".VnTime"), "vni": ("VNI-Times", "VNI-Times"),
             None: ("Times New Roman", "Times New Roman")}[encoding]
    title = TITLE if encoding == "tcvn3" else TITLE.upper()   # .VnTimeH draws capitals
    doc.add_paragraph().add_run(encode(title)).font.name = fonts[0]
    for text in BODY:
        doc.add_paragraph().add_run(encode(text)).font.name = fonts[1]
    doc.save(str(path))


@pytest.fixture(scope="session")
def three_reports(tmp_path_factory):
    folder = shared_dir(tmp_path_factory) / "legacy"
    return once(folder, "reports", lambda: _build(folder))


def _build(folder):
    docx = {}
    for name in ("unicode", "tcvn3", "vni"):
        docx[name] = folder / f"{name}.docx"
        write_report(docx[name], None if name == "unicode" else name)
    pdfs = dict(zip(docx, convert(list(docx.values()), "pdf", folder / "pdf"), strict=True))
    (doc,) = convert([docx["tcvn3"]], "doc:MS Word 97", folder / "doc")
    (back,) = convert([doc], "docx", folder / "back")
    return {"docx": docx, "pdf": pdfs, "doc_roundtrip": back}
