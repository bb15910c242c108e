"""Correct documents that raised false alarms: one builder per class of office habit.

Each writes a short document of its own wording, laid out correctly, that holds
one feature real documents have and the checker once misread (a cover page's
large centred title, a Luật's "Luật số:" line, check boxes in Wingdings, clauses
quoted by an amending Thông tư, a Tiêu ngữ in the header table's second row, …).
``CASES`` maps a name to its builder; test_checker_false_alarms checks that none
of them raises a finding.
"""

from __future__ import annotations

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from tests.checker.builder import _no_borders, _widths, anchored_line, build
from tests.checker.realstyle import (
    _PROSE,
    MOTTO,
    NATIONAL,
    C,
    body,
    date,
    header,
    new,
    para,
    separator,
    signature,
    title,
)


def _long_body(doc, n=6):
    for _ in range(n):
        body(doc, _PROSE)


def cover_page(path):
    """A survey dossier: a cover page with large centred titles, then the report."""
    doc = new()
    para(doc, "SỞ NỘI VỤ TỈNH BẮC GIANG", 14, bold=True, align=C)
    for _ in range(6):
        para(doc)
    para(doc, "HỒ SƠ KHẢO SÁT", 22, bold=True, align=C)
    para(doc, "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN NĂM 2023", 16, bold=True, align=C)
    for _ in range(6):
        para(doc)
    p = para(doc, "Bắc Giang, năm 2023", 14, bold=True, align=C)
    p.runs[-1].add_break(WD_BREAK.PAGE)
    header(doc, [("UBND TỈNH BẮC GIANG", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10", ("Số: 21/BC-SNV", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Giang, ngày 05 tháng 3 năm 2023")])
    title(doc, "BÁO CÁO", ["Kết quả khảo sát mức độ hài lòng năm 2023"])
    para(doc, "PHẦN THỨ NHẤT", 16, bold=True, align=C)
    body(doc, "KẾT QUẢ KHẢO SÁT", bold_lead="I. ")
    _long_body(doc)
    signature(doc, ["- UBND tỉnh (b/c);", "- Lưu: VT, CCHC."], "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
              "Nguyễn Văn An")
    doc.save(str(path))


def self_review(path):
    """A civil servant's self-review: no issuing body, a 16 pt centred title."""
    doc = new(page_numbers=False)
    para(doc, NATIONAL[0], 13, bold=True, align=C)
    para(doc, MOTTO[0], 14, bold=True, align=C)
    separator(doc, 60)
    para(doc)
    para(doc, "BẢN TỰ KIỂM ĐIỂM", 16, bold=True, align=C)
    para(doc, "(Dùng cho cán bộ, công chức, viên chức)", 13, italic=True, align=C)
    para(doc, "Năm 2023", 14, bold=True, align=C)
    body(doc, "Họ và tên: Trần Thị Hoa; chức vụ: chuyên viên; đơn vị công tác: Phòng Cải cách "
         "hành chính, Sở Nội vụ tỉnh Bắc Giang.")
    _long_body(doc, 3)
    doc.save(str(path))


def law(path):
    """A Luật: QUỐC HỘI issues it, "Luật số: …/…/QH12", no place-and-date line."""
    doc = new()
    header(doc, [("QUỐC HỘI", 13, True, False), "rule:12",
                 ("Luật số: 56/2010/QH12", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60"])
    title(doc, "LUẬT", ["THANH TRA"], rule_mm=12)
    body(doc, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa "
         "đổi, bổ sung một số điều theo Nghị quyết số 51/2001/QH10;")
    body(doc, "Quốc hội ban hành Luật thanh tra.")
    para(doc, "Chương I", 14, bold=True, align=C)
    para(doc, "NHỮNG QUY ĐỊNH CHUNG", 14, bold=True, align=C)
    for n in (1, 2):
        body(doc, "Phạm vi điều chỉnh", bold_lead=f"Điều {n}. ")
        body(doc, "1. " + _PROSE)
        body(doc, "2. " + _PROSE)
    body(doc, "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XII, kỳ "
         "họp thứ 8 thông qua ngày 15 tháng 11 năm 2010.")
    table = doc.add_table(rows=1, cols=2)
    right = table.rows[0].cells[1]
    right._tc.remove(right.paragraphs[0]._p)
    para(right, "CHỦ TỊCH QUỐC HỘI", 14, bold=True, align=C)
    for _ in range(3):
        para(right, align=C)
    para(right, "Nguyễn Phú Trọng", 14, bold=True, align=C)
    doc.save(str(path))


def annexed_rules(path):
    """A Quy định issued with a Quyết định: no number or date of its own."""
    doc = new()
    header(doc, [("UBND TỈNH BẮC GIANG", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10"], [NATIONAL, MOTTO, "rule:60"])
    para(doc)
    para(doc, "QUY ĐỊNH", 14, bold=True, align=C)
    para(doc, "Về kiểm tra công tác cải cách hành chính", 14, bold=True, align=C)
    para(doc, "(Ban hành kèm theo Quyết định số 12/QĐ-SNV ngày 05 tháng 3 năm 2023 của Giám "
         "đốc Sở Nội vụ)", 14, italic=True, align=C)
    separator(doc, 30)
    para(doc)
    para(doc, "Chương I", 14, bold=True, align=C)
    para(doc, "QUY ĐỊNH CHUNG", 14, bold=True, align=C)
    for n in (1, 2):
        body(doc, "Phạm vi điều chỉnh", bold_lead=f"Điều {n}. ")
        body(doc, "1. " + _PROSE)
        body(doc, "2. " + _PROSE)
    body(doc, "Nơi nhận hồ sơ: Bộ phận tiếp nhận và trả kết quả của Sở Nội vụ, số 2 đường "
         "Hùng Vương, thành phố Bắc Giang.")
    doc.save(str(path))


def check_boxes(path):
    """A form's check boxes typed in Wingdings, Symbol and Cambria Math."""
    source = build(path)
    doc = docx.Document(source)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây"))
    for font, glyph in (("Wingdings", "o"), ("Symbol", "\uf0a0"), ("Cambria Math", "□")):
        p = closing.insert_paragraph_before()
        p._p.insert(0, parse_xml(closing._p.pPr.xml))
        box = p.add_run(glyph)
        box.font.name, box.font.size = font, Pt(14)
        box._r.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
                              "hAnsi", font)
        p.add_run(" Đơn vị đã niêm yết công khai đầy đủ thủ tục hành chính tại bộ phận một "
                  "cửa và trên cổng thông tin điện tử").font.size = Pt(14)
    doc.save(source)


def amending_circular(path):
    """An amending Thông tư quoting the khoản it replaces, with their own numbers."""
    doc = new()
    header(doc, [("BỘ NỘI VỤ", 13, True, False), "rule:12",
                 ("Số: 05/2023/TT-BNV", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Hà Nội, ngày 05 tháng 3 năm 2023")])
    title(doc, "THÔNG TƯ", ["Sửa đổi, bổ sung một số điều của Thông tư số 01/2011/TT-BNV"],
          rule_mm=50)
    body(doc, "Căn cứ Nghị định số 63/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ;")
    body(doc, "Sửa đổi, bổ sung một số điều của Thông tư số 01/2011/TT-BNV như sau:",
         bold_lead="Điều 1. ")
    body(doc, "1. Sửa đổi, bổ sung điểm đ và điểm e khoản 3 Điều 5 như sau:")
    body(doc, "“đ) Phông chữ tiếng Việt Times New Roman, bộ mã ký tự Unicode;")
    body(doc, "e) Cỡ chữ từ 13 đến 14, kiểu chữ đứng.”")
    body(doc, "2. Bổ sung khoản 7 vào Điều 8 như sau:")
    body(doc, "“7. Văn bản điện tử được ký số theo quy định.”")
    body(doc, "Thông tư này có hiệu lực kể từ ngày 01 tháng 5 năm 2023.", bold_lead="Điều 2. ")
    signature(doc, ["- Thủ tướng Chính phủ;", "- Lưu: VT, Vụ CCHC."], "KT. BỘ TRƯỞNG",
              "THỨ TRƯỞNG", "Trần Văn Bình")
    doc.save(str(path))


def _connector(width_mm: float, left_mm: float):
    return anchored_line(width_mm, left_mm)


def lines_anchored_elsewhere(path):
    """Lines drawn as DrawingML connectors, anchored where Word dropped them: the Tiêu
    ngữ's in the empty paragraph after the header table, the trích yếu's in the title."""
    source = build(path, line="anchored", motto_line=False)
    doc = docx.Document(source)
    table = doc.tables[0]
    after = table._tbl.getnext()
    run = parse_xml(f"<w:r {nsdecls('w')}/>")
    run.append(_connector(60, 100))
    after.append(run)
    type_name = next(p for p in doc.paragraphs if p.text == "KẾ HOẠCH")
    subject_line = next(p for p in doc.paragraphs[type_name._p.getparent().index(type_name._p):]
                        if p._p.find(".//" + qn("w:drawing")) is not None)
    run = parse_xml(f"<w:r {nsdecls('w')}/>")
    run.append(_connector(40, 62))
    type_name._p.append(run)  # anchored in the tên loại, drawn under the trích yếu
    subject_line._p.getparent().remove(subject_line._p)
    doc.save(source)


def header_two_rows(path):
    """The header table in two rows whose grids differ: bodies | Quốc hiệu (one cell over
    two grid columns), then Số | a narrow gap | Tiêu ngữ, its line and the date."""
    doc = new()
    table = doc.add_table(rows=2, cols=3)
    _no_borders(table)
    _widths(table, (70, 5, 90))
    national = table.rows[0].cells[1].merge(table.rows[0].cells[2])
    cells = [[table.rows[0].cells[0], national],
             [table.rows[1].cells[0], table.rows[1].cells[2]]]
    for row in cells:
        for cell in row:
            cell._tc.remove(cell.paragraphs[0]._p)
    para(cells[0][0], "UBND TỈNH BẮC GIANG", 13, align=C)
    para(cells[0][0], "SỞ NỘI VỤ", 13, bold=True, align=C)
    para(cells[0][1], NATIONAL[0], 12, bold=True, align=C)
    separator(cells[1][0], 10)
    para(cells[1][0], "Số: 15/KH-SNV", 13, align=C)
    para(cells[1][1], MOTTO[0], 14, bold=True, align=C)
    separator(cells[1][1], 60)
    para(cells[1][1], "Bắc Giang, ngày 05 tháng 3 năm 2023", 14, italic=True, align=C)
    title(doc, "KẾ HOẠCH", ["Kiểm tra công tác cải cách hành chính năm 2023"])
    body(doc, "MỤC ĐÍCH, YÊU CẦU", bold_lead="I. ")
    _long_body(doc)
    signature(doc, ["- UBND tỉnh (b/c);", "- Lưu: VT, CCHC."], "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
              "Nguyễn Văn An")
    doc.save(str(path))


def decree_government_line(path):
    """A Nghị định: "CHÍNH PHỦ" right under the trích yếu (its line a border), then
    "Căn cứ …"."""
    doc = new()
    header(doc, [("CHÍNH PHỦ", 13, True, False), "rule:12",
                 ("Số: 30/2020/NĐ-CP", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Hà Nội, ngày 05 tháng 3 năm 2020")])
    para(doc)
    para(doc, "NGHỊ ĐỊNH", 14, bold=True, align=C)
    p = para(doc, "Về công tác văn thư", 14, bold=True, align=C)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(73)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="auto"/></w:pBdr>'))
    p = para(doc, "CHÍNH PHỦ", 14, bold=True, align=C)
    p.paragraph_format.space_before = Pt(12)
    body(doc, "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    body(doc, "Chính phủ ban hành Nghị định về công tác văn thư.")
    body(doc, "Phạm vi điều chỉnh", bold_lead="Điều 1. ")
    body(doc, "1. " + _PROSE)
    body(doc, "Nơi nhận hồ sơ và trả kết quả là Bộ phận tiếp nhận và trả kết quả của cơ quan, "
         "theo quy định tại khoản 1 Điều này.")
    body(doc, "2. " + _PROSE)
    signature(doc, ["- Các Bộ, cơ quan ngang Bộ;", "- Lưu: VT, HC."], "TM. CHÍNH PHỦ",
              "THỦ TƯỚNG", "Nguyễn Xuân Phúc")
    doc.save(str(path))


def signer_stamp(path):
    """An e-office copy: the date left as #DATE#, a ký hiệu with the issuer's code after
    QĐ- ("QĐ-TTg"), the signer's name left blank, a signature-stamp table under it."""
    doc = new()
    header(doc, [("THỦ TƯỚNG CHÍNH PHỦ", 13, True, False), "rule:22",
                 ("Số: 12/QĐ-TTg", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Hà Nội, #DATE#")])
    title(doc, "QUYẾT ĐỊNH", ["Về việc thành lập Tổ công tác"])
    body(doc, "Thành lập Tổ công tác cải cách hành chính.", bold_lead="Điều 1. ")
    body(doc, "Quyết định này có hiệu lực kể từ ngày ký.", bold_lead="Điều 2. ")
    table = signature(doc, ["- Như Điều 2;", "- Lưu: VT, TCCV."], "KT. THỦ TƯỚNG",
                      "PHÓ THỦ TƯỚNG", "")
    right = table.rows[0].cells[1]
    stamp = right.add_table(rows=2, cols=2)
    for r, (label, value) in enumerate((("Người ký", "Văn phòng Chính phủ"),
                                        ("Thời gian ký", "05.03.2023 09:15:20 +07:00"))):
        stamp.rows[r].cells[0].text = label
        stamp.rows[r].cells[1].text = value
        for cell in stamp.rows[r].cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(11)
    right.add_paragraph()
    doc.save(str(path))


def separate_colon_runs(path):
    """Bold/italic typed on "Nơi nhận" and "Kính gửi" with the ":" in a plain run;
    addressees under "Kính gửi:" indented without dashes; a one-page công văn."""
    doc = new(page_numbers=False)
    header(doc, [("UBND TỈNH BẮC GIANG", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10", ("Số: 12/SNV-CCHC", 13, False, False),
                 ("V/v kiểm tra cải cách hành chính", 12, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Giang, ngày 05 tháng 3 năm 2023")])
    para(doc)
    p = para(doc, "Kính gửi: ", 14, align=C)
    for line in ("Ủy ban nhân dân các huyện, thành phố;", "Các sở, ban, ngành tỉnh."):
        q = para(doc, line, 14)
        q.paragraph_format.left_indent = Mm(25)
    body(doc, _PROSE)
    for n in range(1, 9):  # many short lines: more paragraphs than a page count guesses
        body(doc, f"{n}. Đơn vị số {n} báo cáo trước ngày 15.")
    body(doc, "Đề nghị các cơ quan, đơn vị phối hợp thực hiện./.")
    table = signature(doc, ["- Như trên;", "- Lưu: VT, CCHC."], "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                      "Nguyễn Văn An")
    label = table.rows[0].cells[0].paragraphs[0]
    label.runs[0].text = "Nơi nhận"
    colon = label.add_run(":")
    colon.font.size = Pt(12)
    doc.save(str(path))
    del p


def register_after_signature(path):
    """A report signed without a "Nơi nhận" list, then a register of documents whose
    "Người ký" column holds "TL. GIÁM ĐỐC": a data table, not the signature."""
    from tests.checker.realstyle import grid_table
    doc = new()
    header(doc, [("UBND TỈNH BẮC GIANG", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10", ("Số: 21/BC-SNV", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Giang, ngày 05 tháng 3 năm 2023")])
    title(doc, "BÁO CÁO", ["Kết quả rà soát văn bản năm 2023"])
    _long_body(doc, 4)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (75, 90))
    right = table.rows[0].cells[1]
    right._tc.remove(right.paragraphs[0]._p)
    for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Trần Văn Bình"):
        para(right, text, 14, bold=bool(text), align=C)
    para(doc, "DANH MỤC VĂN BẢN ĐÃ RÀ SOÁT", 14, bold=True, align=C)
    grid_table(doc, ["STT", "Số, ký hiệu", "Trích yếu", "Người ký"],
               [["1", "12/QĐ-UBND", "Về kiểm tra cải cách hành chính", "Nguyễn Văn An"],
                ["2", "15/KH-SNV", "Kế hoạch kiểm tra năm 2023", "TL. GIÁM ĐỐC"]],
               (12, 35, 80, 38))
    doc.save(str(path))


def addressed_report(path):
    """A unit's report: "Kính gửi:" centred right under the trích yếu (no line between),
    and its statistics table captioned "Biểu số 01" at the right."""
    from tests.checker.realstyle import grid_table
    doc = new()
    header(doc, [("UBND HUYỆN TÂN YÊN", 13, False, False), ("PHÒNG NỘI VỤ", 13, True, False),
                 "rule:12", ("Số: 21/BC-PNV", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Tân Yên, ngày 05 tháng 3 năm 2023")])
    para(doc)
    para(doc, "BÁO CÁO", 14, bold=True, align=C)
    para(doc, "Tự kiểm tra công tác cải cách hành chính", 14, bold=True, align=C)
    p = para(doc, "năm 2023", 14, bold=True, align=C)
    run = parse_xml(f"<w:r {nsdecls('w')}/>")
    run.append(_connector(30, 67))  # the trích yếu's line, floating under its last line
    p._p.append(run)
    para(doc, "Kính gửi: Sở Nội vụ tỉnh Bắc Giang.", 13, align=C)
    body(doc, "KẾT QUẢ THỰC HIỆN", bold_lead="I. ")
    _long_body(doc, 3)
    p = para(doc, "Biểu số 01", 13, italic=True)
    p.alignment = 2  # right
    grid_table(doc, ["STT", "Chỉ tiêu", "Kết quả"], [["1", "Hồ sơ tiếp nhận", "1.250"]],
               (15, 110, 40))
    signature(doc, ["- Như trên;", "- Lưu: VT."], "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
              "Lê Văn Cường")
    doc.save(str(path))


CASES = {
    "cover_page_titles": cover_page,
    "self_review_title": self_review,
    "law": law,
    "annexed_rules_no_number": annexed_rules,
    "check_box_symbol_fonts": check_boxes,
    "amending_circular_quotes": amending_circular,
    "lines_anchored_elsewhere": lines_anchored_elsewhere,
    "header_two_rows_motto_below": header_two_rows,
    "decree_government_line": decree_government_line,
    "e_office_signer_stamp": signer_stamp,
    "colon_runs_addressees_one_page": separate_colon_runs,
    "register_table_after_signature": register_after_signature,
    "addressed_report_table_caption": addressed_report,
}
