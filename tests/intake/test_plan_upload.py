"""A plan uploaded to make a round goes through the one format table and the bounded zip
reader (issue 19): a zip that lies about its sizes is refused by what it inflates to,
with bounded memory, and a file of another format is refused by what it is."""

from __future__ import annotations

import resource

import pytest
from zipbombs import lying_docx

from cchc.core.errors import CchcError
from cchc.service.plan_docx import read_plan_docx

MiB = 1024 * 1024


def test_a_plan_whose_zip_lies_about_its_size_is_refused(tmp_path):
    bomb = lying_docx(tmp_path / "ke-hoach.docx", real=300 * MiB, claimed=1000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CchcError) as info:
        read_plan_docx(bomb.read_bytes(), "ke-hoach.docx")
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    message = str(info.value)
    assert "ke-hoach.docx" in message and "word/document.xml" in message, message
    assert grown < 120, f"peak RSS grew {grown:.0f} MB"  # never inflated whole


def test_a_pdf_plan_is_refused_by_its_format(tmp_path):
    with pytest.raises(CchcError) as info:
        read_plan_docx(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n", "ke-hoach.docx")
    assert "PDF" in str(info.value) and ".docx" in str(info.value)
