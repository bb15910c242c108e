"""``--fix`` and page numbers: one number per page, in the header, odd and even pages alike.

The fixtures are the ways Word and LibreOffice users put a page number in the
footer (a plain centred field, Word's "Page Numbers" building block in a content
control, a Word 97 frame, a text box with its VML twin, "Trang X / Y"), with and
without "different odd and even pages". The fixed files are rendered by
LibreOffice and the numbers read back from the PDF, page by page.
"""

from __future__ import annotations

import re
import zipfile
from copy import deepcopy

import docx
import pdfplumber
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from cchc.checker import pagenum
from cchc.checker.core import check_file
from cchc.checker.fix import fix_file
from cchc.core import office
from tests.checker.builder import build

W = nsdecls("w")
FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
         ' PAGE   \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
         '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
NUMPAGES = FIELD.replace("PAGE   ", "NUMPAGES ")
SHAPES = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')


def _para(inner: str, ppr: str = '<w:jc w:val="center"/>') -> str:
    return f"<w:p {W}><w:pPr>{ppr}</w:pPr>{inner}</w:p>"


def _text_box() -> list[str]:
    """A number in a floating text box: the DrawingML box and its VML fallback copy."""
    inner = _para(FIELD)
    return [
        f'<w:p {W} {SHAPES}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="540000" cy="300000"/><wp:wrapNone/><wp:docPr id="9" name="Text Box 9"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="540000" cy="300000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape style="position:absolute;width:42pt;'
        f'height:24pt;mso-position-horizontal:center"><v:textbox><w:txbxContent>{inner}'
        '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>'
        '</w:r></w:p>']


FOOTERS = {
    "plain": lambda: [_para(FIELD)],
    "building_block": lambda: [
        f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Page Numbers (Bottom of '
        f'Page)"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{_para(FIELD)}'
        '</w:sdtContent></w:sdt>', _para("")],
    "frame": lambda: [_para(FIELD, '<w:framePr w:wrap="around" w:vAnchor="text" '
                                   'w:hAnchor="margin" w:xAlign="center" w:y="1"/>'),
                      _para("", '<w:ind w:right="360"/>')],
    "text_box": _text_box,
    "page_of": lambda: [_para('<w:r><w:t xml:space="preserve">Trang </w:t></w:r>' + FIELD +
                              '<w:r><w:t xml:space="preserve"> / </w:t></w:r>' + NUMPAGES)],
    "none": lambda: [_para("")],  # no number anywhere: --fix adds it
}
LONG = ("Đoạn nội dung bổ sung số {}, viết đủ dài để văn bản kéo sang nhiều trang khi in, "
        "bảo đảm mỗi trang đều có chữ và có số trang ở phía trên.")


def _fill(part, xml: list[str]) -> None:
    for child in list(part):
        part.remove(child)
    for item in xml:
        part.append(parse_xml(item))


def _plain(ppr):
    """The closing paragraph's format without its "keep with next"."""
    ppr = deepcopy(ppr)
    for keep in ppr.findall(qn("w:keepNext")):
        ppr.remove(keep)
    return ppr


def make(path, footer: str, even: bool = False, header_too: bool = False) -> str:
    """A five-page plan whose page numbers sit in the footer (and in the header too)."""
    build(path, page_numbers=header_too)
    doc = docx.Document(path)
    section = doc.sections[0]
    _fill(section.footer._element, FOOTERS[footer]())
    if even:
        doc.settings.odd_and_even_pages_header_footer = True
        _fill(section.even_page_footer._element, FOOTERS[footer]())
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây"))
    for i in range(40):
        added = closing.insert_paragraph_before(LONG.format(i + 1))
        added._p.insert(0, _plain(closing._p.pPr))  # a body paragraph like the others
    doc.save(path)
    return str(path)


CASES = [(footer, even) for footer in FOOTERS for even in (False, True)]


def _name(footer: str, even: bool) -> str:
    return f"{footer}{'_even' if even else ''}"


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Every case fixed, and all of them rendered by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for footer, even in CASES:
        name = _name(footer, even)
        source = make(folder / f"{name}-in.docx", footer, even)
        out[name] = (source, fix_file(source, folder / f"{name}.docx"), folder / f"{name}.docx")
    if office.available():
        office.convert([target for _, _, target in out.values()], "pdf", folder)
    return out


_NUMBER_LINE = re.compile(r"^(?:Trang\s*)?(\d+)(?:\s*/\s*\d+)?$")


def printed_numbers(pdf_path) -> list[list[tuple[int, float, float]]]:
    """Per page: (number, top in mm, horizontal centre in mm) of each line that is a number."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            found = []
            for line in page.extract_text_lines():
                m = _NUMBER_LINE.match(line["text"].strip())
                if m:
                    found.append((int(m.group(1)), line["top"] * 25.4 / 72,
                                  (line["x0"] + line["x1"]) / 2 * 25.4 / 72))
            pages.append(found)
    return pages


@pytest.mark.parametrize(("footer", "even"), CASES)
def test_every_page_shows_one_number_at_the_top_as_rendered(fixed, footer, even):
    if not office.available():
        pytest.fail("LibreOffice (soffice) is needed to render the fixed file")
    _, result, target = fixed[_name(footer, even)]
    assert result.findings == []
    pages = printed_numbers(target.with_suffix(".pdf"))
    assert len(pages) >= 3  # odd and even pages after the first
    assert pages[0] == []  # page 1 shows none
    for i, numbers in enumerate(pages[1:], start=2):
        assert [n for n, _, _ in numbers] == [i], (i, numbers)
        _, top, centre = numbers[0]
        assert top < 20  # in the header, above the 20 mm top margin
        assert abs(centre - (30 + (210 - 30 - 15) / 2)) < 8  # centred over the text


@pytest.mark.parametrize(("footer", "even"), CASES)
def test_fixed_file_holds_one_field_per_page_kind(fixed, footer, even):
    _, result, target = fixed[_name(footer, even)]
    doc = docx.Document(str(target))
    shown = [s for s in pagenum.slots(doc) if s.numbered]
    assert [s.kind for s in shown] == (["default", "even"] if even else ["default"])
    assert [len(pagenum.page_fields(s.header)) for s in shown] == [1] * len(shown)
    assert [len(pagenum.page_fields(s.footer)) for s in shown] == [0] * len(shown)


@pytest.mark.parametrize("footer", sorted(set(FOOTERS) - {"none"}))
def test_check_sees_a_number_printed_twice(tmp_path, footer):
    source = make(tmp_path / "in.docx", footer, header_too=True)
    found = {f.rule_id for f in check_file(source).findings}
    assert found == {"page.numbers.duplicate"}


def test_check_sees_even_pages_without_a_number(tmp_path):
    source = build(tmp_path / "in.docx")
    doc = docx.Document(source)
    doc.settings.odd_and_even_pages_header_footer = True
    doc.save(source)
    findings = check_file(source).findings
    assert [(f.rule_id, f.where) for f in findings] == [
        ("page.numbers", "phần đầu trang (trang chẵn)")]


def test_text_of_the_body_is_byte_identical(fixed):
    for source, _, target in fixed.values():
        with zipfile.ZipFile(source) as a, zipfile.ZipFile(target) as b:
            old = re.findall(rb"<w:t[ >][^<]*</w:t>", a.read("word/document.xml"))
            new = re.findall(rb"<w:t[ >][^<]*</w:t>", b.read("word/document.xml"))
        assert old == new


def _stacked(path) -> str:
    """What --fix once wrote: the header holding the number twice, one under the other."""
    source = make(path, "plain", header_too=True)
    doc = docx.Document(source)
    header = doc.sections[0].header._element
    header.append(deepcopy(header.findall(qn("w:p"))[-1]))
    _fill(doc.sections[0].footer._element, [_para("")])
    doc.save(source)
    return source


def _even_bare(path) -> str:
    """Odd and even headers, the even one empty: even pages show no number at the top."""
    source = make(path, "plain", header_too=True)
    doc = docx.Document(source)
    doc.settings.odd_and_even_pages_header_footer = True
    _fill(doc.sections[0].footer._element, [_para("")])
    _fill(doc.sections[0].even_page_header._element, [_para("")])
    doc.save(source)
    return source


@pytest.mark.parametrize(("broken", "wrong"), [
    (_stacked, "trang 2: 2, 2"), (_even_bare, "trang 2: không có số")])
def test_rendered_check_sees_what_the_xml_check_counts(tmp_path, broken, wrong):
    from cchc.checker.rendered import verify
    if not office.available():
        pytest.fail("LibreOffice (soffice) is needed to render the file")
    (only,), note = verify(broken(tmp_path / "in.docx"))
    assert note is None and only.rule_id == "page.numbers.rendered"
    assert only.found.startswith(wrong)


def test_fix_command_prints_the_fixed_file_and_reads_its_numbers(tmp_path):
    from tests.conftest import run_cli
    source = make(tmp_path / "in.docx", "text_box", even=True)
    out = tmp_path / "out.docx"
    proc = run_cli("check", "--fix", source, "-o", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "page.numbers" not in proc.stdout
    assert "đã in thử bằng LibreOffice: 5 trang, số trang đúng ở mọi trang" in proc.stdout
    assert "đạt thể thức — 0 lỗi" in proc.stdout


@pytest.mark.parametrize("footer", sorted(set(FOOTERS) - {"none"}))
def test_fix_keeps_the_header_number_and_drops_the_footer_one(tmp_path, footer):
    source = make(tmp_path / "in.docx", footer, header_too=True)
    result = fix_file(source, tmp_path / "out.docx")
    assert result.findings == []
    (slot,) = [s for s in pagenum.slots(docx.Document(str(tmp_path / "out.docx")))
               if s.numbered]
    assert (len(pagenum.page_fields(slot.header)), len(pagenum.page_fields(slot.footer))) == (1, 0)
