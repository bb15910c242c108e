"""Reports typed in a web editor and printed to PDF by a browser (issue 20's
"Chromium-printed PDFs" class).

A browser lays the header's two table cells out independently: each column keeps its
own font size and line height, so the left column's lines ("UBND TỈNH …", the unit's
name) and the right column's ("CỘNG HÒA …", "Độc lập …", the date) interleave in the
PDF's text at different heights, and a long name wraps inside its narrow cell. The
unit's name must still be the left column's, whole: not the parent's, not joined to
the motto, not a wrapped tail.
"""

from __future__ import annotations

import shutil

import pytest

from cchc.extractors import extract_file

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LEFT_STYLES = ["font-size:13pt;line-height:1.2",
               "font-size:12pt;line-height:1.15",
               "font-size:13pt;line-height:1.3;padding:0"]
RIGHT_STYLE = "font-size:13pt;line-height:1.6;padding-top:3px"


def _html(parent: str, unit: str, left: str, margins: str, left_width: int) -> str:
    return f"""<html><head><meta charset="utf-8"><style>
body{{font-family:'Times New Roman',serif;font-size:13pt;margin:{margins}}}
table.h{{width:100%;border-collapse:collapse}} table.h td{{text-align:center;
vertical-align:top}} b{{font-weight:bold}} p{{text-align:justify;text-indent:1cm}}
</style></head><body>
<table class="h"><tr><td style="width:{left_width}%;{left}">{parent}<br><b>{unit}</b><br>
Số: 245/BC-SNN</td><td style="{RIGHT_STYLE}"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>
<b>Độc lập - Tự do - Hạnh phúc</b><br><i>Bắc Giang, ngày 12 tháng 10 năm 2023</i></td>
</tr></table>
<p style="text-align:center;text-indent:0"><b>BÁO CÁO<br>Kết quả tự kiểm tra công tác
cải cách hành chính, ISO, chuyển đổi số năm 2023</b></p>
<p><b>1. Công tác chỉ đạo, điều hành</b></p>
<p>Đơn vị đã ban hành Kế hoạch cải cách hành chính năm 2023, phân công nhiệm vụ cụ thể
cho từng phòng, ban và thường xuyên kiểm tra, đôn đốc việc thực hiện trong năm.</p>
</body></html>"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is needed to print the reports")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


CASES = [  # parent, unit, margins, left cell width (%)
    ("UBND TỈNH BẮC GIANG", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
     "1.5cm 1cm 1.5cm 1.5cm", 40),
    ("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
     "2cm 1.5cm 2cm 3cm", 40),
    ("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
     "1.5cm 1cm 1.5cm 1.5cm", 44),
    ("UBND HUYỆN LẠNG GIANG", "VĂN PHÒNG HĐND VÀ UBND HUYỆN", "2cm 1.5cm 2cm 3cm", 42),
]


@pytest.mark.parametrize("left", LEFT_STYLES)
@pytest.mark.parametrize(("parent", "unit", "margins", "width"), CASES)
def test_a_browser_printed_header_gives_the_left_columns_unit(browser, tmp_path, left,
                                                              parent, unit, margins, width):
    page = browser.new_page()
    page.set_content(_html(parent, unit, left, margins, width))
    pdf = tmp_path / "bao-cao.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    record = extract_file(pdf)
    assert record["unit"]["name"] == unit
    assert record["document"] == {"number": "245/BC-SNN", "date": "2023-10-12",
                                  "place": "Bắc Giang"}
    assert record["sections"]["1"].startswith("Đơn vị đã ban hành Kế hoạch")
