"""Formats offices really send (issue 20, issue 23 "Inputs"): Excel 97 `.xls`, a Word 97
`.doc` named `.docx`, and Word's or Excel's web pages saved under a `.doc`/`.xls` name.
Each is read through LibreOffice into the same record as the modern file, or refused with
a Vietnamese reason that names the real format. Fixtures are made here with LibreOffice."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from cchc.core import office
from cchc.core.errors import CchcError
from cchc.extractors import extract_file
from tests.conftest import run_cli
from tests.corpus.make_corpus import write_xlsx
from tests.extract.test_extract_unseen_style import build as build_report

pytestmark = pytest.mark.skipif(not office.available(), reason="needs LibreOffice")

WORD_HEAD = ('<html xmlns:v="urn:schemas-microsoft-com:vml" '
             'xmlns:o="urn:schemas-microsoft-com:office:office" '
             'xmlns:w="urn:schemas-microsoft-com:office:word" '
             'xmlns="http://www.w3.org/TR/REC-html40">')
WORD_META = ('<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft '
             'Word 15"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View>'
             '</w:WordDocument></xml><![endif]-->')
EXCEL_HEAD = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel" '
              'xmlns="http://www.w3.org/TR/REC-html40">')


def _same_record(a: dict, b: dict) -> None:
    a, b = dict(a), dict(b)
    a.pop("source"), b.pop("source")
    assert a == b


def _as_office_page(html_path, target, head: str, meta: str = "") -> None:
    """LibreOffice's HTML export dressed as Office's "Save as Web Page" output."""
    text = html_path.read_text(encoding="utf-8")
    text = re.sub(r"<html[^>]*>", head, text, count=1)
    text = text.replace("<head>", "<head>" + meta, 1)
    target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    report = build_report(folder / "bao-cao.docx")
    form = folder / "bieu-mau.xlsx"
    write_xlsx(form)
    (doc,) = office.convert([report], "doc:MS Word 97", folder / "doc")
    (xls,) = office.convert([form], "xls:MS Excel 97", folder / "xls")
    (word_html,) = office.convert([report], "html:HTML (StarWriter)", folder / "html")
    (calc_html,) = office.convert([form], "html:HTML (StarCalc)", folder / "calc")
    web_doc, web_xls = folder / "bao-cao-web.doc", folder / "bieu-mau-web.xls"
    _as_office_page(word_html, web_doc, WORD_HEAD, WORD_META)
    _as_office_page(calc_html, web_xls, EXCEL_HEAD, '<meta name=ProgId content=Excel.Sheet>')
    misnamed = folder / "bao-cao-cu.docx"
    shutil.copyfile(doc, misnamed)
    return {"docx": report, "xlsx": form, "doc": doc, "xls": xls, "web_doc": web_doc,
            "web_xls": web_xls, "misnamed": misnamed}


def test_xls_is_read_through_libreoffice(made):
    record = extract_file(made["xls"])
    assert record["source"]["format"] == "xls"
    _same_record(record, extract_file(made["xlsx"]))
    assert len(record["tthc_stats"]["rows"]) >= 3


def test_excel_web_page_named_xls_is_read_as_the_sheet(made):
    record = extract_file(made["web_xls"])
    assert record["source"]["format"] == "xls"
    expected = extract_file(made["xlsx"])
    assert record["tthc_stats"]["rows"] == expected["tthc_stats"]["rows"]
    assert record["period"] == expected["period"]


def test_word_web_page_named_doc_is_read_as_the_report(made):
    record = extract_file(made["web_doc"])
    assert record["source"]["format"] == "doc"
    _same_record(record, extract_file(made["docx"]))


def test_old_doc_named_docx_is_extracted_like_the_doc(made):
    proc = run_cli("extract", str(made["misnamed"]))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"]["format"] == "doc"
    _same_record(record, extract_file(made["doc"]))


def test_old_doc_named_docx_is_checked_like_the_doc(made):
    (a,), (b,) = (json.loads(run_cli("check", "--json", str(made[k])).stdout)["files"]
                  for k in ("misnamed", "doc"))
    assert "failure" not in a and a["note"] == b["note"]
    assert a["findings"] == b["findings"]


def test_word_web_page_is_refused_by_check_naming_its_format(made):
    proc = run_cli("check", str(made["web_doc"]))
    assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr
    assert "Word-HTML" in proc.stdout and "không phải tệp Word .docx" not in proc.stdout


def test_plain_web_page_is_refused_naming_it(tmp_path):
    page = tmp_path / "trang.doc"
    page.write_text("<!DOCTYPE html><html><body><p>BÁO CÁO</p></body></html>",
                    encoding="utf-8")
    with pytest.raises(CchcError, match="trang web HTML"):
        extract_file(page)


def test_links_in_a_web_page_are_made_inert(tmp_path):
    from cchc.core.office_html import inert_copy

    page = tmp_path / "a.doc"
    page.write_text('<html xmlns:w="urn:schemas-microsoft-com:office:word"><body>'
                    '<img SRC="file:///etc/passwd"><iframe src = "http://x/">'
                    '<p data-src="k">Chữ</p></body></html>', encoding="utf-8")
    out = inert_copy(page, tmp_path / "b.html").read_bytes()
    assert not re.search(rb"(?i)(?<![\w-])(src|href)\s*=", out)
    assert "Chữ".encode() in out


@pytest.mark.parametrize("head", [b"<!-- x -->" * 800, b"<!--" + b"a" * 8200,
                                  b"\xef\xbb\xbf" + b" " * 8189, b"<?xml " + b"a" * 8186])
def test_sniffing_a_hostile_head_is_quick(head, tmp_path):
    """Comments without end, or nothing but comments: the web-page sniffer scans linearly."""
    import time

    from cchc.core.office_html import html_kind

    started = time.process_time()
    assert html_kind(head) is None
    page = tmp_path / "x.doc"
    page.write_bytes(head)
    with pytest.raises(CchcError, match="không nhận ra định dạng|trang web"):
        extract_file(page)
    assert time.process_time() - started < 1.0
