"""``signature.orphaned``: the signature block pushed alone onto the last page.

The checker estimates the pages without rendering them; the test renders the
same documents with LibreOffice and reads from the PDF on which page the
signature ("KT. GIÁM ĐỐC") and the end of the text fall. The warning must be
given exactly when they are on different pages.
"""

from __future__ import annotations

from copy import deepcopy

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from cchc.checker.core import check_file
from cchc.core import office
from tests.checker.builder import build

FILL = "Nội dung bổ sung của kế hoạch, các cơ quan phối hợp thực hiện đúng tiến độ đã đề ra."
LAST = "phối hợp thực hiện."  # the end of the builder's closing paragraph
# filler paragraphs: around the points where the signature no longer fits on page 2 and 3
COUNTS = (0, 1, 2, 18, 19, 20, 21)


def _plain(ppr):
    """The closing paragraph's format without its "keep with next"."""
    ppr = deepcopy(ppr)
    for keep in ppr.findall(qn("w:keepNext")):
        ppr.remove(keep)
    return ppr


def make(path, fillers: int, keep_next: bool = False) -> str:
    build(path, keep_signature=keep_next)
    doc = docx.Document(path)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây"))
    for _ in range(fillers):
        added = closing.insert_paragraph_before(FILL)
        added._p.insert(0, _plain(closing._p.pPr))
    doc.save(path)
    return str(path)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if not office.available():
        pytest.fail("LibreOffice (soffice) is needed to render the documents")
    folder = tmp_path_factory.mktemp("orphan")
    docs = {(n, False): make(folder / f"n{n}.docx", n) for n in COUNTS}
    docs.update({(n, True): make(folder / f"n{n}-keep.docx", n, keep_next=True)
                 for n in (1, 20)})
    office.convert(list(docs.values()), "pdf", folder)
    return docs


def pages_of(pdf_path) -> tuple[int, int]:
    """(page of the signature, page where the text ends), 1-based, as LibreOffice prints."""
    with pdfplumber.open(pdf_path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    sign = next(i for i, t in enumerate(texts) if "KT. GIÁM ĐỐC" in t)
    end = max(i for i, t in enumerate(texts) if LAST in t)
    return sign + 1, end + 1


def _warned(path) -> list[str]:
    return [f.found for f in check_file(path).findings if f.rule_id == "signature.orphaned"]


def test_warning_matches_the_rendered_pages(rendered):
    orphans = 0
    for n in COUNTS:
        path = rendered[(n, False)]
        sign, end = pages_of(path.replace(".docx", ".pdf"))
        warned = _warned(path)
        assert bool(warned) == (sign != end), (n, sign, end, warned)
        if warned:
            orphans += 1
            assert warned == [f"phần ký một mình ở trang {sign}"]
    assert orphans >= 2  # the counts do reach the orphaned layouts


@pytest.mark.parametrize("n", [1, 20])
def test_keep_with_next_carries_the_last_paragraph_over(rendered, n):
    path = rendered[(n, True)]
    sign, end = pages_of(path.replace(".docx", ".pdf"))
    assert sign == end
    assert _warned(path) == []


def test_generated_plan_keeps_its_closing_paragraph_with_the_signature(tmp_path):
    """The example plan once printed its signature alone on page 4 (issue 21)."""
    from tests.conftest import ROOT, run_cli
    target = tmp_path / "plan.docx"
    proc = run_cli("generate", "plan", ROOT / "cchc" / "examples" / "plan.json", "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert _warned(target) == []
    office.convert([target], "pdf", tmp_path)
    with pdfplumber.open(tmp_path / "plan.pdf") as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    sign = next(i for i, t in enumerate(texts) if "KT. CHỦ TỊCH" in t)
    assert "xử lý" in texts[sign]  # the closing paragraph "… để chỉ đạo, xử lý kịp thời./."
