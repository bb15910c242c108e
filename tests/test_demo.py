"""`cchc demo` writes the whole example round and says what it wrote."""

from __future__ import annotations

import docx
import openpyxl

from tests.conftest import run_cli


def test_demo_writes_every_document(tmp_path):
    out = tmp_path / "out"
    result = run_cli("demo", out, "--no-pdf")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    for name in ("01-ke-hoach-kiem-tra.docx", "02-de-cuong-kiem-tra.docx",
                 "03-bieu-mau-thong-ke.xlsx", "05-thong-bao-ket-luan-mau.docx"):
        assert name in written
        assert name in result.stdout
    plan = docx.Document(out / "01-ke-hoach-kiem-tra.docx")
    assert any(p.text == "KẾ HOẠCH" for p in plan.paragraphs)
    sheet = openpyxl.load_workbook(out / "03-bieu-mau-thong-ke.xlsx").active
    assert "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in str(sheet["A1"].value)
