"""Every corpus report extracts to its hand-derived expectation, field by field."""

from __future__ import annotations

import pytest

from cchc.extractors import extract_file
from cchc.schemas.validate import errors
from tests.corpus.compare import differences
from tests.corpus.make_corpus import VARIANTS

NAMES = [f"{v.name}.{v.fmt}" for v in VARIANTS] + ["x01_stats_form.xlsx"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file_matches_expectation(corpus, name):
    path, expected = corpus[name]
    record = extract_file(path)
    assert errors("report", record) == []
    assert differences(record, expected) == []


def test_corpus_covers_every_format_and_style(corpus):
    formats = {p.suffix for p, _ in corpus.values()}
    assert formats == {".docx", ".pdf", ".doc", ".xlsx"}
    styles = {(v.header, v.numbering, v.indicators, v.stats) for v in VARIANTS}
    assert {s[1] for s in styles} >= {"arabic", "roman", "letters", "ve", "styles", "lower"}
    assert {s[2] for s in styles} == {"bullets", "prose", "counts", "table"}
    assert {s[3] for s in styles} >= {"3row", "2row", "nonum"}


def test_long_pdf_table_really_crosses_a_page(corpus):
    import pdfplumber

    path, expected = corpus["p01_table_arabic.pdf"]
    with pdfplumber.open(path) as pdf:
        pages_with_rows = [i for i, page in enumerate(pdf.pages)
                           if "sung" in (page.extract_text() or "")]  # "Lĩnh vực bổ sung N" wraps
    assert len(pages_with_rows) >= 2
    assert len(extract_file(path)["tthc_stats"]["rows"]) == len(expected["tthc_stats"]["rows"])


def test_contradictions_are_warned_not_fixed(corpus):
    path, expected = corpus["d06_lower_contradict.docx"]
    record = extract_file(path)
    row = record["tthc_stats"]["rows"][0]
    assert row["received_total"] == 125  # printed value kept
    assert row["received_online"] + row["carried_over"] + row["received_direct"] \
        + row["received_postal"] == 120
    codes = {w["code"] for w in record["warnings"]}
    assert {"stats.sum_mismatch", "stats.total_mismatch", "indicator.ratio_mismatch"} <= codes
    for w in record["warnings"]:
        assert w["message"] and w["where"]
    ratio = record["indicators"]["online_payment_ratio"]
    assert ratio == {"value": 57.5, "numerator": 40, "denominator": 80}
