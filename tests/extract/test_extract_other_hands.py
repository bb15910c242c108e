"""Reports written by other hands (issue 11): Word's own numbering, bullets in list
styles, text-box headers, wrapped outlines, paraphrased indicators, non-reports, and
legacy decoding that stays on its own thread (issue 10)."""

from __future__ import annotations

import copy
import json
from concurrent.futures import ThreadPoolExecutor

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from cchc.extractors import extract_file
from cchc.extractors.interpret.indicators import match
from cchc.extractors.interpret.kind import NotAReport
from cchc.extractors.interpret.sections import section_texts, split_sections
from cchc.extractors.model import Para
from cchc.extractors.read.docx_numbering import Numbering, format_value
from tests.encoding.legacy_samples import tcvn3_encode

BODY = "Đơn vị đã ban hành kế hoạch và triển khai đầy đủ các nhiệm vụ được giao trong kỳ."


def _numbering_xml(abstracts: dict[int, list[tuple[str, str, int]]], nums: dict[int, int]):
    """numbering.xml: abstractNum id → [(numFmt, lvlText, start) per level]; num → abstract."""
    parts = [f"<w:numbering {nsdecls('w')}>"]
    for aid, levels in abstracts.items():
        parts.append(f'<w:abstractNum w:abstractNumId="{aid}">')
        for ilvl, (fmt, text, start) in enumerate(levels):
            parts.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
                         f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>')
        parts.append("</w:abstractNum>")
    for nid, aid in nums.items():
        parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>')
    parts.append("</w:numbering>")
    return parse_xml("".join(parts))


def _set_numbering(d, root) -> None:
    part = d.part.numbering_part
    for child in list(part.element):
        part.element.remove(child)
    for child in root:
        part.element.append(copy.deepcopy(child))


def _numbered(d, text: str, num_id: int, ilvl: int = 0, bold: bool = False):
    p = d.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def test_numbering_resolver_counts_like_word():
    root = _numbering_xml({1: [("upperRoman", "%1.", 1), ("decimal", "%2.", 1),
                               ("lowerLetter", "%2.%3)", 1)],
                           2: [("bullet", "•", 1)]}, {5: 1, 6: 1, 7: 2})
    n = Numbering.parse(root)
    got = [n.label("5", 0), n.label("5", 1), n.label("5", 1), n.label("5", 2),
           n.label("7", 0), n.label("6", 0), n.label("5", 1)]
    # numId 6 shares abstract list 1 with 5: it continues (III.), and a new top item
    # restarts the levels under it.
    assert got == ["I.", "1.", "2.", "2.a)", None, "II.", "1."]
    assert n.label("0", 0) is None and n.label("99", 0) is None
    assert [format_value(v, "upperRoman") for v in (4, 9, 14)] == ["IV", "IX", "XIV"]


def _outline_with_word_numbering(path):
    d = docx.Document()
    _set_numbering(d, _numbering_xml({1: [("upperRoman", "%1.", 1)], 2: [("bullet", "-", 1)]},
                                     {1: 1, 2: 2}))
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    _numbered(d, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 1, bold=True)
    for text in ("Ban hành kế hoạch cải cách hành chính năm 2023 đúng thời hạn.",
                 "Kiện toàn bộ phận tham mưu, phân công công chức theo dõi từng nhiệm vụ."):
        _numbered(d, text, 2)  # bullets through numPr: not numbered items
    _numbered(d, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 1, bold=True)
    _numbered(d, "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết.", 2)
    _numbered(d, "ĐỀ XUẤT, KIẾN NGHỊ", 1, bold=True)
    _numbered(d, "Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ cho bộ phận một cửa.", 2)
    d.save(str(path))
    return path


def test_word_numbered_headings_and_bullets(tmp_path):
    r = extract_file(_outline_with_word_numbering(tmp_path / "auto.docx"))
    assert list(r["sections"]) == ["1", "2", "9"]
    assert r["sections"]["1"].count("\n") == 1 and "Kiện toàn" in r["sections"]["1"]
    assert r["sections"]["9"].startswith("Đề nghị tỉnh")


def _text_box_header(d, lines: list[str]) -> None:
    """A DrawingML text box with its VML fallback, as Word writes it: two copies."""
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    xml = (
        f'<w:p {nsdecls("w", "wp", "a")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2900000" cy="1000000"/><wp:wrapNone/><wp:docPr id="9" name="Box"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="Box" style="width:200pt;height:80pt">'
        f"<v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>")
    d.element.body.insert(0, parse_xml(xml))


def test_header_in_a_text_box_is_read_once(tmp_path):
    d = docx.Document()
    d.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    d.add_paragraph("Lục Ngạn, ngày 12 tháng 5 năm 2023")
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("1. Công tác chỉ đạo, điều hành").bold = True
    d.add_paragraph(BODY)
    d.add_paragraph().add_run("2. Cải cách thủ tục hành chính").bold = True
    d.add_paragraph(BODY)
    _text_box_header(d, ["UBND HUYỆN LỤC NGẠN", "PHÒNG NỘI VỤ", "Số: 31/BC-PNV"])
    path = tmp_path / "box.docx"
    d.save(str(path))
    r = extract_file(path)
    assert r["unit"]["name"] == "PHÒNG NỘI VỤ"
    assert r["document"] == {"number": "31/BC-PNV", "date": "2023-05-12", "place": "Lục Ngạn"}


def test_outline_wrapped_under_the_reports_own_parts():
    blocks = [Para("I. KẾT QUẢ THỰC HIỆN", bold=True),
              Para("1. Công tác chỉ đạo, điều hành", bold=True), Para(BODY),
              Para("2. Cải cách thủ tục hành chính", bold=True), Para(BODY),
              # the unit left out 6 and renumbered: its "6." is the outline's 7
              Para("6. Kiểm tra việc khắc phục tồn tại của đợt kiểm tra trước", bold=True),
              Para(BODY),
              Para("II. ĐÁNH GIÁ CHUNG", bold=True), Para(BODY),
              Para("III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True), Para(BODY)]
    assert list(section_texts(split_sections(blocks))) == ["1", "2", "7", "8", "9"]


@pytest.mark.parametrize("text, want", [
    ("Tỷ lệ hoạt động kiểm tra thực hiện qua môi trường số", "digital_inspection_ratio"),
    ("Tỷ lệ CBCCVC được tập huấn, phổ cập kỹ năng số cơ bản", "digital_skills_training_ratio"),
    ("DVC trực tuyến toàn trình/tổng số DVC đủ điều kiện", "full_process_dvc_ratio"),
    ("Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", "records_fully_online_ratio"),
    ("Số UBND xã, thị trấn xây dựng Cổng TTĐT thành phần", "commune_portal_ratio"),
])
def test_paraphrased_indicator_names(text, want):
    assert match(text) == want


def test_indicator_table_with_count_pairs(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("1. Công tác chỉ đạo, điều hành").bold = True
    d.add_paragraph(BODY)
    d.add_paragraph().add_run("5.1. Phát triển chính quyền số").bold = True
    rows = [("Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"),
            ("Tỷ lệ thanh toán trực tuyến", "109/462", ""),
            ("Tỷ lệ hồ sơ cấp kết quả điện tử", "1.196/1.222", "97,87"),
            ("Tỷ lệ văn bản điện tử gửi, nhận", "-", "72,2"),
            ("Tỷ lệ hoạt động kiểm tra thực hiện qua môi trường số", "-", "-")]
    t = d.add_table(rows=len(rows), cols=3)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    path = tmp_path / "ind.docx"
    d.save(str(path))
    ind = extract_file(path)["indicators"]
    assert ind["online_payment_ratio"] == {"value": 23.59, "numerator": 109, "denominator": 462}
    assert ind["electronic_result_ratio"] == {"value": 97.87, "numerator": 1196,
                                              "denominator": 1222}
    assert ind["electronic_documents_ratio"] == {"value": 72.2, "numerator": None,
                                                 "denominator": None}
    assert all(v is None for v in ind.get("digital_inspection_ratio", {}).values())


def _doc(path, title: str, heading: str, body: str, number: str = "Số: 12/QĐ-UBND"):
    d = docx.Document()
    d.add_paragraph("UBND HUYỆN YÊN THẾ")
    d.add_paragraph(number)
    d.add_paragraph().add_run(title).bold = True
    d.add_paragraph().add_run(heading).bold = True
    d.add_paragraph(body)
    d.save(str(path))
    return path


@pytest.mark.parametrize("title, heading, why", [
    ("QUYẾT ĐỊNH", "Điều 1. Công tác chỉ đạo, điều hành cải cách hành chính", "quyết định"),
    ("KẾ HOẠCH", "1. Công tác chỉ đạo, điều hành", "kế hoạch"),
    ("BIÊN BẢN", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "biên bản"),
    ("HỢP ĐỒNG", "Điều 2. Đề xuất, kiến nghị của các bên", "hợp đồng"),
    ("ĐƠN ĐỀ NGHỊ", "Về cải cách thủ tục hành chính", "đơn"),
])
def test_documents_of_another_kind_are_refused(tmp_path, title, heading, why):
    path = _doc(tmp_path / "x.docx", title, heading, BODY)
    with pytest.raises(NotAReport) as err:
        extract_file(path)
    assert why in err.value.message


def test_empty_outline_template_is_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    for heading in ("1. Công tác chỉ đạo, điều hành", "2. Cải cách thủ tục hành chính",
                    "8. Đánh giá ưu điểm, tồn tại, hạn chế", "9. Đề xuất, kiến nghị"):
        d.add_paragraph().add_run(heading).bold = True
        d.add_paragraph("…………………………………………………………")
    d.add_paragraph("- Tổng dự toán được giao cho chuyển đổi số năm 2023: …………… đồng")
    path = tmp_path / "mau.docx"
    d.save(str(path))
    with pytest.raises(NotAReport) as err:
        extract_file(path)
    assert "để trống" in err.value.message


def test_a_short_report_is_still_a_report(tmp_path):
    path = _doc(tmp_path / "r.docx", "BÁO CÁO", "1. Công tác chỉ đạo, điều hành", BODY,
                number="Số: 12/BC-UBND")
    assert extract_file(path)["sections"]["1"] == BODY


def _tcvn3_report(path):
    d = docx.Document()
    for text, bold in (("UBND HUYÖN", False), ("BÁO CÁO", True),
                       ("1. Công tác chỉ đạo, điều hành", True), (BODY, False)):
        run = d.add_paragraph().add_run(tcvn3_encode(text) if text != "UBND HUYÖN" else text)
        run.bold = bold
        run.font.name = ".VnTime"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), ".VnTime")
    d.save(str(path))
    return path


def test_legacy_decoding_stays_on_its_own_thread(tmp_path):
    legacy = _tcvn3_report(tmp_path / "tcvn3.docx")
    plain = _doc(tmp_path / "unicode.docx", "BÁO CÁO", "1. Công tác chỉ đạo, điều hành",
                 "Đơn vị ưu tiên số hóa hồ sơ; tỷ lệ đạt 95% (ông, bà, ưu điểm).",
                 number="Số: 12/BC-UBND")
    want = {p: json.dumps(extract_file(p)["sections"], ensure_ascii=False)
            for p in (legacy, plain)}
    assert json.loads(want[legacy])["1"] == BODY
    assert "ưu tiên số hóa" in json.loads(want[plain])["1"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [(p, pool.submit(extract_file, p)) for _ in range(12) for p in (legacy, plain)]
        for p, job in jobs:
            record = job.result()
            assert json.dumps(record["sections"], ensure_ascii=False) == want[p]
            assert ("encoding" in record["source"]) == (p == legacy)


def test_near_heading_and_partial_indicator_are_flagged():
    from cchc.extractors.model import Document
    from cchc.extractors.record import interpret

    blocks = [Para("BÁO CÁO", bold=True),
              Para("5. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", bold=True), Para(BODY),
              Para("5.1. Phát triển chính quy số", bold=True),  # OCR lost "ền"
              Para("Văn bản đi dưới dạng điện tử đạt 72,2%."),  # partial wording
              Para("Tỷ lệ thanh toán trực tuyến đạt 40%.")]
    record = interpret(Document(format="pdf", blocks=blocks), source={"file": "s.pdf",
                                                                      "format": "pdf"})
    assert "5.1" in record["sections"]
    flagged = {w["where"] for w in record["warnings"] if w["code"] == "extract.uncertain"}
    assert flagged == {"sections.5.1", "indicators.electronic_documents_ratio"}
