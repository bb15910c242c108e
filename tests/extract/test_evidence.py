"""Every extracted value carries its evidence (contract v1.2, issue 20): the block of the
document it was read from, its words, page and box where the reader knows them, and how it
was read. The evidence is checked against the document itself, never against itself."""

from __future__ import annotations

import copy

import pdfplumber
import pytest

from cchc.core.errors import CchcError
from cchc.core.vn import clean, fold
from cchc.extractors import extract_file
from cchc.extractors.model import Document, Para, Table, nfc_blocks
from cchc.extractors.read.sniff import Limits
from cchc.extractors.record import interpret, read_document
from cchc.schemas.validate import check

FORMATS = ("d01_table_arabic_bullets.docx", "d03_letters_counts.docx",
           "p02_paras_roman_prose.pdf", "p01_table_arabic.pdf", "w01_doc_roman.doc")


def _words(text: str) -> str:
    return " ".join(fold(clean(text)).split())


def _block_text(block, row: int | None) -> str:
    if isinstance(block, Para):
        return block.text
    rows = block.rows if row is None else [block.rows[row]]
    return " ".join(c for r in rows for c in r)


@pytest.mark.parametrize("name", FORMATS)
def test_each_value_names_the_block_whose_words_gave_it(corpus, name):
    path, _expected = corpus[name]
    record = extract_file(path)
    blocks = nfc_blocks(read_document(path, Limits()).blocks)
    evidence = record["evidence"]
    assert evidence, "no evidence at all"
    for where, entry in evidence.items():
        block = blocks[entry["block"]]
        if "text" in entry:
            said = _words(entry["text"].replace(" | ", " "))
            assert said in _words(_block_text(block, entry.get("row"))), (where, entry)
        if entry.get("row") is not None:
            assert isinstance(block, Table) and entry["row"] < len(block.rows), where


@pytest.mark.parametrize("name", FORMATS)
def test_every_value_read_has_evidence(corpus, name):
    path, _expected = corpus[name]
    record = extract_file(path)
    evidence = record["evidence"]
    for key in ("number", "date"):
        if record["document"].get(key) is not None:
            assert f"document.{key}" in evidence
    if record["unit"]["name"]:
        assert "unit.name" in evidence
    for ind_id, value in record["indicators"].items():
        if any(v is not None for v in value.values()):
            assert f"indicators.{ind_id}" in evidence, ind_id
    for i, _row in enumerate((record["tthc_stats"] or {}).get("rows") or []):
        assert f"tthc_stats.rows[{i}]" in evidence
    for key in record["sections"]:
        assert f"sections.{key}" in evidence, key


def test_a_pdf_value_box_holds_its_words_on_its_page(corpus):
    path, expected = corpus["p02_paras_roman_prose.pdf"]
    record = extract_file(path)
    checked = 0
    with pdfplumber.open(path) as pdf:
        for where in ("document.number", "document.date", "unit.name"):
            entry = record["evidence"][where]
            page = pdf.pages[entry["page"] - 1]
            x0, y0, x1, y1 = entry["box"]
            area = page.crop((x0 * page.width - 1, y0 * page.height - 1,
                              x1 * page.width + 1, y1 * page.height + 1))
            inside = _words(area.extract_text() or "")
            assert _words(entry["text"]) in inside, (where, inside)
            checked += 1
    assert checked == 3
    number = record["document"]["number"]
    assert number == expected["document"]["number"]


def test_a_rate_says_whether_it_was_printed_or_computed(corpus):
    path, _ = corpus["d03_letters_counts.docx"]  # indicators written as counts only
    record = extract_file(path)
    hows = {k: v.get("value") for k, v in record["evidence"].items()
            if k.startswith("indicators.")}
    computed = [k for k, how in hows.items() if how == "computed"]
    assert computed, hows
    for key in computed:
        ind = record["indicators"][key.split(".", 1)[1]]
        assert ind["numerator"] is not None and ind["denominator"]
    path, _ = corpus["d01_table_arabic_bullets.docx"]  # rates printed beside their blank
    printed = [k for k, v in extract_file(path)["evidence"].items() if v.get("value") == "printed"]
    assert printed


def test_a_fuzzy_reading_is_marked_fuzzy_and_flagged():
    """A heading OCR damaged and an indicator in partial wording: both read, both marked
    fuzzy in their evidence, and both flagged for a person."""
    body = "Sở đã triển khai các nhiệm vụ chuyển đổi số theo kế hoạch của tỉnh năm 2023."
    blocks = [Para("BÁO CÁO", bold=True),
              Para("5. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", bold=True), Para(body),
              Para("5.1. Phát triển chính quy số", bold=True),
              Para("Văn bản đi dưới dạng điện tử đạt 72,2%."),
              Para("Tỷ lệ thanh toán trực tuyến đạt 40%.")]
    record = interpret(Document(format="pdf", blocks=blocks),
                       source={"file": "s.pdf", "format": "pdf"})
    fuzzy = {k for k, v in record["evidence"].items() if v["match"] == "fuzzy"}
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "extract.uncertain"}
    assert {"sections.5.1", "indicators.electronic_documents_ratio"} <= fuzzy
    assert fuzzy <= flagged, fuzzy - flagged
    exact = record["evidence"]["indicators.online_payment_ratio"]
    assert exact["match"] == "exact" and exact["block"] == 5 and exact["value"] == "printed"


def test_bad_evidence_is_refused_by_the_schema_naming_the_path(corpus):
    path, _ = corpus["d01_table_arabic_bullets.docx"]
    record = extract_file(path)
    check("report", record, file="x.json")
    bad = copy.deepcopy(record)
    bad["evidence"]["document.number"]["box"] = [0.1, 0.2, 1.5, 0.3]
    with pytest.raises(CchcError) as info:
        check("report", bad, file="x.json")
    assert "evidence" in str(info.value)
