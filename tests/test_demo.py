"""`cchc demo` runs the whole example round and says what it wrote."""

from __future__ import annotations

import json
import re

import docx
import openpyxl

from tests.conftest import run_cli
from tests.docx_text import norm


def text_of(path) -> str:
    d = docx.Document(path)
    return norm(" ".join([p.text for p in d.paragraphs]
                         + [c.text for t in d.tables for r in t.rows for c in r.cells]))


def test_demo_runs_the_round_end_to_end(tmp_path):
    out = tmp_path / "out"
    result = run_cli("demo", out, "--no-pdf")
    assert result.returncode == 0, result.stderr
    for name in ("01-ke-hoach-kiem-tra.docx", "02-quyet-dinh-to-kiem-tra.docx",
                 "03-thong-bao-lich-kiem-tra.docx", "04-de-cuong-kiem-tra.docx",
                 "05-bieu-mau-thong-ke.xlsx",
                 "tong-hop-2023.xlsx", "tong-hop-2023.docx", "xep-hang-iso-2023.xlsx",
                 "thong-bao-ket-luan-2023-so-xay-dung.docx",
                 "thong-bao-ket-luan-2024-so-xay-dung.docx"):
        assert (out / name).exists(), name
        assert name in result.stdout
    record = json.loads((out / "ban-ghi" / "so-xay-dung.json").read_text(encoding="utf-8"))
    assert record["unit"]["name"] == "SỞ XÂY DỰNG"
    assert len(record["tthc_stats"]["rows"]) == 3
    notice = text_of(out / "thong-bao-ket-luan-2023-so-xay-dung.docx")
    assert "trả đúng hạn 1.454 hồ sơ, đạt 99,18%" in notice
    follow_up = text_of(out / "thong-bao-ket-luan-2024-so-xay-dung.docx")
    assert "KIẾN NGHỊ CỦA LẦN KIỂM TRA TRƯỚC" in follow_up
    assert "Tình trạng: đã khắc phục (Báo cáo khắc phục ngày 10/10/2023)" in follow_up
    decision = text_of(out / "02-quyet-dinh-to-kiem-tra.docx")
    assert "Điều 1. Thành lập 02 Tổ kiểm tra" in decision
    ranking = openpyxl.load_workbook(out / "xep-hang-iso-2023.xlsx")["Xếp hạng"]
    ranked = [r[1] for r in ranking.iter_rows(min_row=6, values_only=True) if r[1]]
    assert sorted(ranked) == ["Sở Tài chính", "Sở Xây dựng"]
    # the 2024 round is scored too: the summary ranks, the notice says how the score moved
    assert (out / "xep-hang-iso-2024.xlsx").exists()
    summary = text_of(out / "tong-hop-2023.docx")
    assert "VII. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THEO BỘ TIÊU CHÍ" in summary
    assert re.search(r"đạt [\d,]+/20 điểm \([\d,]+%\), xếp thứ \d/2 trong khối sở, ban, ngành, "
                     r"(tăng|giảm) [\d,]+ điểm so với năm 2023", follow_up)
    assert "điểm phần trăm so với năm 2023" in follow_up
    assert "Hạn gửi báo cáo" in text_of(out / "03-thong-bao-lich-kiem-tra.docx")
    assert "chưa gửi báo cáo tự kiểm tra" in text_of(out / "cong-van-don-doc-so-tu-phap.docx")
    visit = text_of(out / "bien-ban-kiem-tra-so-xay-dung.docx")
    assert "trả đúng hạn 1.454 hồ sơ, đạt 99,18%" in visit
    sheet = openpyxl.load_workbook(out / "05-bieu-mau-thong-ke.xlsx").active
    assert "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in str(sheet["A1"].value)
    assert "0 lỗi" in result.stdout and "chưa đạt thể thức" not in result.stdout
