"""Official-layout documents for the checker's tests, built independently of the generator.

``build(path, **changes)`` writes a correct reference document (Nghị định
30/2020 layout, written here by hand from the decree, not from cchc's templates)
and lets a test change one thing: a margin, the body font, the date text, a
missing line… Options also lay the same document out in other correct ways
(header as tab-stopped paragraphs, spacing before instead of after, lines drawn
as shapes or "___" instead of borders).
"""

from __future__ import annotations

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

TNR = "Times New Roman"

DEFAULTS = dict(
    header="table",          # "table", "tabs", or "stacked" (wrong: one column)
    line="border",           # "border", "vml", "dml" (DrawingML), "chars", or "anchored"
                             # (floating DrawingML lines anchored in the next paragraph)
    spacing="after",         # "after" or "before"
    margins=(20, 20, 30, 15),  # top, bottom, left, right (mm)
    page=(210, 297),
    landscape=False,
    body_font=TNR,
    fonts_in="defaults",     # "defaults": docDefaults say TNR; "theme": the theme does;
                             # "untouched": python-docx's template (theme Calibri)
    parent="UBND TỈNH BẮC GIANG",
    issuing=("SỞ NỘI VỤ",),
    issuing_bold=True,
    issuing_line=True,
    issuing_line_mm=10,      # 1/3–1/2 of "SỞ NỘI VỤ" (about 24 mm at 13 pt bold)
    number="Số: 15/KH-SNV",
    cv_subject="",           # "V/v …" under the number: a công văn has no tên loại
    national="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    national_bold=True,
    national_size=12,        # 13 is allowed but does not fit the 95 mm column on one line
    motto="Độc lập - Tự do - Hạnh phúc",
    motto_line=True,
    motto_line_mm=60,        # as long as the Tiêu ngữ (about 60 mm at 14 pt bold)
    date="Bắc Giang, ngày 05 tháng 3 năm 2023",
    date_italic=True,
    type_name="KẾ HOẠCH",
    subject="Kiểm tra công tác cải cách hành chính năm 2023",
    subject_centred=True,
    body_align="both",
    indent_mm=12.7,
    body_size=14,
    headings=("I.", "1.", "2.", "a)", "b)", "c)", "d)", "đ)", "II.", "1.", "2."),
    authority="KT. GIÁM ĐỐC",
    signer_title="PHÓ GIÁM ĐỐC",
    signer_name="Nguyễn Văn An",
    name_bold=True,
    label="Nơi nhận:",
    label_italic=True,
    recipients=("- UBND tỉnh (b/c);", "- Các cơ quan, đơn vị được kiểm tra;",
                "- Lưu: VT, CCHC."),
    recipients_size=11,
    signature="table",       # "table", "tabs" or "paragraphs"
    formatting="direct",     # "direct" on each run, or "styles" (character styles)
    auto_numbering=False,    # headings numbered by Word's list numbering, not typed
    page_numbers=True,
    title_page=True,
    keep_signature=True,     # the closing paragraph kept with the signature ("keep with next")
)

_TEXT = ("Thực hiện Kế hoạch số 152/KH-UBND ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân tỉnh "
         "về cải cách hành chính nhà nước năm 2023, Sở Nội vụ xây dựng kế hoạch kiểm tra công "
         "tác cải cách hành chính tại các cơ quan, đơn vị trên địa bàn tỉnh với các nội dung "
         "sau đây, bảo đảm đúng quy định, thiết thực, hiệu quả và không gây phiền hà.")
_HEADING_TEXT = {"I.": "MỤC ĐÍCH, YÊU CẦU", "II.": "NỘI DUNG KIỂM TRA", "1.": "Mục đích",
                 "2.": "Yêu cầu"}


def build(path, **changes) -> str:
    opts = {**DEFAULTS, **changes}
    unknown = set(changes) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown options {unknown}")
    doc = docx.Document()
    doc.part._by_styles = opts["formatting"] == "styles"
    _fonts(doc, opts)
    _page(doc, opts)
    if opts["header"] == "table":
        _header_table(doc, opts)
    elif opts["header"] == "stacked":  # wrong: every line centred in one column
        _header_table(doc, opts)
        table = doc.tables[-1]
        for cell in table.rows[0].cells:
            for p in cell.paragraphs:
                table._tbl.addprevious(p._p)
        table._tbl.getparent().remove(table._tbl)
    else:
        _header_tabs(doc, opts)
    _title(doc, opts)
    _body(doc, opts)
    _signature(doc, opts)
    doc.save(str(path))
    return str(path)


# -- setup --------------------------------------------------------------------
def _fonts(doc, o) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    if o["fonts_in"] == "defaults":
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
            rfonts.set(qn(f"w:{slot}"), TNR)
    elif o["fonts_in"] == "theme":  # "minorHAnsi" in the defaults, the theme names TNR
        theme = doc.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
        blob = theme.blob.replace(b'<a:latin typeface="Calibri"', b'<a:latin typeface="' +
                                  TNR.encode() + b'"').replace(
            b'<a:latin typeface="Cambria"', b'<a:latin typeface="' + TNR.encode() + b'"')
        theme._blob = blob
    normal = doc.styles["Normal"]
    normal.font.size = Pt(o["body_size"])
    pf = normal.paragraph_format
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.0


def _page(doc, o) -> None:
    s = doc.sections[0]
    w, h = o["page"]
    s.page_width, s.page_height = Mm(w), Mm(h)
    if o["landscape"]:
        s.orientation = WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = Mm(h), Mm(w)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(v) for v in o["margins"])
    if o["title_page"]:
        s.different_first_page_header_footer = True
    if o["page_numbers"]:
        p = s.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        run.font.size = Pt(13)
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
        instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>')
        run2 = p.add_run()
        run2._r.append(instr)
        run3 = p.add_run()
        run3._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
        p.add_run("2").font.size = Pt(13)
        run4 = p.add_run()
        run4._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _para(container, text="", size=14, bold=False, italic=False, align=None, font=None):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if text and getattr(container.part, "_by_styles", False):
        # formatting through a character style based on a paragraph-independent
        # parent, so the checker must follow basedOn to find size, bold, italic, font
        p.add_run(text, style=_char_style(container.part.document, size, bold, italic, font))
    elif text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
        if font:
            run.font.name = font
    return p


def _char_style(doc, size, bold, italic, font):
    from docx.enum.style import WD_STYLE_TYPE

    name = f"Cchc {size}{' B' if bold else ''}{' I' if italic else ''}{' ' + font if font else ''}"
    if name in [s.name for s in doc.styles]:
        return doc.styles[name]
    base_name = f"Cchc base {size}"
    if base_name not in [s.name for s in doc.styles]:
        base = doc.styles.add_style(base_name, WD_STYLE_TYPE.CHARACTER)
        base.font.size = Pt(size)
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.base_style = doc.styles[base_name]
    style.font.bold, style.font.italic = bold, italic
    if font:
        style.font.name = font
    return style


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = parse_xml(f'<w:tblBorders {nsdecls("w")}>' + "".join(
        f'<w:{side} w:val="nil"/>' for side in
        ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")
    tblpr.append(borders)


def _widths(table, widths_mm) -> None:
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(width * 1440 / 25.4)))
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)


def _line(container, o, width_mm: float, box_mm: float):
    """A short rule in the chosen way: an indented empty paragraph with a bottom border, a
    VML or DrawingML shape, or a row of underscores."""
    way = o["line"]
    if way == "chars":
        return _para(container, underscores(width_mm), size=8,
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    p = _para(container, align=WD_ALIGN_PARAGRAPH.CENTER)
    if way == "border":
        side = max(0.0, (box_mm - width_mm) / 2)
        p.paragraph_format.left_indent = Mm(side)
        p.paragraph_format.right_indent = Mm(side)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
            'w:color="auto"/></w:pBdr>'))
    else:
        p.add_run()._r.append(shape(way, width_mm))
    return p


def underscores(width_mm: float) -> str:
    """A row of 8 pt underscores about ``width_mm`` long (an underscore is half an em)."""
    return "_" * max(3, round(width_mm / (0.5 * 8 * 25.4 / 72)))


def shape(way: str, width_mm: float):
    if way == "vml":
        return parse_xml(
            f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            f'<v:line from="0,0" to="{width_mm * 72 / 25.4:.1f}pt,0" strokeweight=".5pt"/>'
            "</w:pict>")
    emu = int(width_mm * 36000)
    return parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")}><wp:inline><wp:extent cx="{emu}" cy="0"/>'
        '<wp:docPr id="1" name="Line"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>")


def anchored_line(width_mm: float, left_mm: float):
    """A floating DrawingML line placed just above the paragraph it is anchored in."""
    emu = int(width_mm * 36000)
    return parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")}><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{int(left_mm * 36000)}'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>-40000</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapNone/><wp:docPr id="3" name="Line 3"/><wp:cNvGraphicFramePr/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:cNvCnPr/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
        '</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing>')


# -- header -------------------------------------------------------------------
def _header_table(doc, o) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (70, 95))
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    c = WD_ALIGN_PARAGRAPH.CENTER
    if o["parent"]:
        _para(left, o["parent"], 13, align=c)
    for line in o["issuing"]:
        _para(left, line, 13, bold=o["issuing_bold"], align=c)
    anchored = o["line"] == "anchored"
    if o["issuing_line"] and not anchored:
        _line(left, o, o["issuing_line_mm"], 70)
    number = _para(left, o["number"], 13, align=c)
    if o["issuing_line"] and anchored:
        width = o["issuing_line_mm"]
        number.add_run()._r.append(anchored_line(width, 35 - width / 2))
    if o["cv_subject"]:
        _para(left, o["cv_subject"], 12, align=c)
    for line in o["national"].split("||"):  # "||" breaks it into two paragraphs
        _para(right, line, o["national_size"], bold=o["national_bold"], align=c)
    if o["motto"]:
        _para(right, o["motto"], 14, bold=True, align=c)
    if o["motto"] and o["motto_line"] and not anchored:
        _line(right, o, o["motto_line_mm"], 95)
    date = _para(right, o["date"], 14, italic=o["date_italic"], align=c)
    if o["motto"] and o["motto_line"] and anchored:
        date.add_run()._r.append(anchored_line(o["motto_line_mm"], 47.5 - o["motto_line_mm"] / 2))


def _tab_line(doc, left: list, right: list):
    """One header line: <tab>left text<tab>right text, on centred tab stops."""
    p = doc.add_paragraph()
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(35), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(117.5), WD_TAB_ALIGNMENT.CENTER)
    for side in (left, right):
        p.add_run("\t")
        for item in side:
            if isinstance(item, tuple):
                text, size, bold, italic = item
                run = p.add_run(text)
                run.font.size, run.bold, run.italic = Pt(size), bold, italic
            else:
                p.add_run()._r.append(item)
    return p


def _header_tabs(doc, o) -> None:
    way = "vml" if o["line"] == "border" else o["line"]
    issuing = list(o["issuing"])
    national = (o["national"], o["national_size"], o["national_bold"], False)
    rows = [([(o["parent"], 13, False, False)], [national])]
    motto = [(o["motto"], 14, True, False)] if o["motto"] else []
    rows.append(([(issuing[0], 13, o["issuing_bold"], False)], motto))
    for line in issuing[1:]:
        rows.append(([(line, 13, o["issuing_bold"], False)], []))
    rule_l = [shape(way, o["issuing_line_mm"])] if o["issuing_line"] else []
    rule_r = [shape(way, o["motto_line_mm"])] if o["motto"] and o["motto_line"] else []
    if way == "chars":
        rule_l = [(underscores(o["issuing_line_mm"]), 8, False, False)] if rule_l else []
        rule_r = [(underscores(o["motto_line_mm"]), 8, False, False)] if rule_r else []
    rows.append((rule_l, rule_r))
    rows.append(([(o["number"], 13, False, False)], [(o["date"], 14, False, o["date_italic"])]))
    for left, right in rows:
        _tab_line(doc, left, right)


# -- title, body ----------------------------------------------------------------
def _title(doc, o) -> None:
    _para(doc, "")
    c = WD_ALIGN_PARAGRAPH.CENTER
    if o["type_name"]:
        _para(doc, o["type_name"], 14, bold=True, align=c)
    if o["subject"]:
        _para(doc, o["subject"], 14, bold=True, align=c if o["subject_centred"] else None)
        _line(doc, {**o, "line": "dml" if o["line"] == "chars" else o["line"]}, 40, 165)
    _para(doc, "")


def _heading_numbering(doc) -> int:
    """A three-level list: "I." upper Roman, "1." decimal, "a)" lower letters."""
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="%{i + 1}{end}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, end) in enumerate((("upperRoman", "."), ("decimal", "."),
                                        ("lowerLetter", ")"))))
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _body_para(doc, o, text: str, bold=False):
    p = _para(doc, text, o["body_size"], bold=bold, font=None if o["body_font"] == TNR
              else o["body_font"])
    pf = p.paragraph_format
    pf.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT}[
        o["body_align"]]
    pf.first_line_indent = Mm(o["indent_mm"])
    if o["spacing"] == "after":
        pf.space_after = Pt(6)
    elif o["spacing"] == "before":
        pf.space_before = Pt(6)
    return p


def _body(doc, o) -> None:
    num_id = _heading_numbering(doc) if o["auto_numbering"] else None
    for mark in o["headings"]:
        words = _HEADING_TEXT.get(mark, "Nội dung thực hiện theo kế hoạch")
        bold = mark.endswith(".")
        if num_id is None:
            _body_para(doc, o, f"{mark} {words}", bold=bold)
        else:  # Word prints the mark: I. / 1. / a) from the list's levels
            p = _body_para(doc, o, words, bold=bold)
            level = 0 if mark.rstrip(".").isalpha() and mark.endswith(".") else (
                1 if mark.endswith(".") else 2)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                "</w:numPr>"))
        _body_para(doc, o, _TEXT)
    closing = _body_para(doc, o, "Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính "
                         "năm 2023 của Sở Nội vụ; đề nghị các cơ quan, đơn vị phối hợp thực hiện.")
    gap = _para(doc, "")
    if o["keep_signature"]:
        for p in (closing, gap):
            p.paragraph_format.keep_with_next = True


# -- signature ------------------------------------------------------------------
def _signature(doc, o) -> None:
    if o["signature"] == "tabs":
        return _signature_tabs(doc, o)
    if o["signature"] == "paragraphs":
        return _signature_paragraphs(doc, o)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (75, 90))
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    _para(left, o["label"], 12, bold=True, italic=o["label_italic"])
    for line in o["recipients"]:
        _para(left, line, o["recipients_size"])
    c = WD_ALIGN_PARAGRAPH.CENTER
    if o["authority"]:
        _para(right, o["authority"], 14, bold=True, align=c)
    _para(right, o["signer_title"], 14, bold=True, align=c)
    for _ in range(3):
        _para(right, "", align=c)
    _para(right, o["signer_name"], 14, bold=o["name_bold"], align=c)


def _signer_lines(o) -> list[tuple]:
    lines = [(o["authority"], 14, True, False)] if o["authority"] else []
    lines.append((o["signer_title"], 14, True, False))
    return lines + [None, None, None, (o["signer_name"], 14, o["name_bold"], False)]


def _signature_tabs(doc, o) -> None:
    """"Nơi nhận:<tab>KT. GIÁM ĐỐC" on tab stops, the list under it on the left."""
    left = [(o["label"], 12, True, o["label_italic"])]
    left += [(line, o["recipients_size"], False, False) for line in o["recipients"]]
    right = _signer_lines(o)
    for i in range(max(len(left), len(right))):
        lt = [left[i]] if i < len(left) else []
        rt = [right[i]] if i < len(right) and right[i] else []
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Mm(122.5), WD_TAB_ALIGNMENT.CENTER)
        for item in lt:
            _run(p, item)
        if rt:
            p.add_run("\t")
            _run(p, rt[0])


def _run(p, item) -> None:
    text, size, bold, italic = item
    run = p.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic


def _signature_paragraphs(doc, o) -> None:
    """The signer's lines indented into the right half, then "Nơi nhận:" at the left."""
    for item in _signer_lines(o):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.left_indent = Mm(80)
        if item:
            _run(p, item)
    for item in [(o["label"], 12, True, o["label_italic"])] + [
            (line, o["recipients_size"], False, False) for line in o["recipients"]]:
        _run(doc.add_paragraph(), item)

