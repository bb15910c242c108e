"""Real-style documents for the checker: laid out correctly, the many ways offices do it.

Each builder writes a document of its own wording (not a copy of anyone's) that
reproduces one layout feature met in public Vietnamese documents: a decree with
Chương/Mục/Điều numbering and annexes holding sample forms, form-style headers
(three-column tables, two header rows, the Quốc hiệu in the left cell of a form),
a header typed with spaces, wrapped "Nơi nhận" items, underscore separators,
"…." placeholders, a landscape annex with the decree's own margins, and
documents that are not administrative documents at all (petition, form, CV).
``CORPUS`` maps a name to its builder; each is checked by test_checker_realstyle.
"""

from __future__ import annotations

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from cchc.core.layout import text_width_mm
from tests.checker.builder import DEFAULTS, _fonts, _no_borders, _page, _widths, underscores

C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

_PROSE = ("Cơ quan, tổ chức có trách nhiệm tổ chức thực hiện đầy đủ, kịp thời các nội dung "
          "được giao, bảo đảm đúng quy định của pháp luật, công khai, minh bạch và tiết kiệm; "
          "định kỳ báo cáo kết quả thực hiện về cơ quan chủ trì để tổng hợp.")


def new(margins=(20, 20, 30, 15), page_numbers=True):
    doc = docx.Document()
    opts = {**DEFAULTS, "margins": margins, "page_numbers": page_numbers}
    _fonts(doc, opts)
    _page(doc, opts)
    return doc


def para(container, text="", size=14, bold=False, italic=False, align=None):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return p


def body(container, text, bold_lead="", size=14):
    """A body paragraph: justified, 1.27 cm first-line indent, 6 pt after."""
    p = container.add_paragraph()
    p.alignment = J
    pf = p.paragraph_format
    pf.first_line_indent, pf.space_after = Mm(12.7), Pt(6)
    if bold_lead:
        run = p.add_run(bold_lead)
        run.font.size, run.bold = Pt(size), True
    run = p.add_run(text)
    run.font.size = Pt(size)
    return p


def separator(container, width_mm=30):
    """A centred row of underscores, the way a typist draws a short rule."""
    return para(container, underscores(width_mm), size=8, align=C)


def cell_pars(cell):
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def header(doc, left, right, widths=(70, 95), cols=None, rows_split=False):
    """A borderless header table. ``left``/``right``: lists of (text, size, bold, italic)
    or "rule:<mm>". ``cols`` puts the right column in another column of a wider table;
    ``rows_split`` puts "Số" and the date in a second row, as many offices do."""
    ncols = len(widths)
    nrows = 2 if rows_split else 1
    table = doc.add_table(rows=nrows, cols=ncols)
    _no_borders(table)
    _widths(table, widths)
    right_col = cols if cols is not None else ncols - 1
    for row in table.rows:
        for cell in row.cells:
            cell_pars(cell)
            cell.add_paragraph()  # a cell must hold a paragraph; filled ones drop it
    split = lambda items: (items[:-1], items[-1:]) if rows_split else (items, [])  # noqa: E731
    for col, items in ((0, left), (right_col, right)):
        top, bottom = split(items)
        for r, group in enumerate((top, bottom)):
            if not group:
                continue
            cell = table.rows[r].cells[col]
            cell_pars(cell)
            for item in group:
                _item(cell, item)
    return table


def _item(cell, item):
    if isinstance(item, str) and item.startswith("rule:"):
        separator(cell, float(item[5:]))
        return
    text, size, bold, italic = item
    p = para(cell, "", align=C)
    for k, line in enumerate(text.split("\n")):
        if k:
            p.add_run().add_break()
        run = p.add_run(line)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic


NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False)
MOTTO = ("Độc lập - Tự do - Hạnh phúc", 14, True, False)


def date(text):
    return (text, 14, False, True)


def title(doc, name, subject_lines, rule_mm=30):
    para(doc)
    para(doc, name, 14, bold=True, align=C)
    for line in subject_lines:
        para(doc, line, 14, bold=True, align=C)
    separator(doc, rule_mm)
    para(doc)


def signature(doc, recipients, authority, title_, name, widths=(75, 90)):
    """Signature table; a recipient given as a tuple wraps: the tail on its own line
    (a line break when the tuple says "br", else its own paragraph)."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, widths)
    left, right = (cell_pars(c) for c in table.rows[0].cells)
    para(left, "Nơi nhận:", 12, bold=True, italic=True)
    for item in recipients:
        if isinstance(item, tuple):
            how, head, tail = item
            p = para(left, head, 11)
            if how == "br":
                p.runs[-1].add_break()
                p.add_run(tail).font.size = Pt(11)
            else:
                para(left, tail, 11)
        else:
            para(left, item, 11)
    for line in (authority, title_):
        if line:
            para(right, line, 14, bold=True, align=C)
    for _ in range(3):
        para(right, align=C)
    para(right, name, 14, bold=True, align=C)
    return table


def new_section(doc, landscape=False, margins=(20, 20, 30, 15)):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(margins[0]), Mm(margins[1])
    section.left_margin, section.right_margin = Mm(margins[2]), Mm(margins[3])
    return section


def grid_table(doc, head, rows, widths, size=12):
    """A bordered data table (a statistics form, an annex list)."""
    table = doc.add_table(rows=1 + len(rows), cols=len(head))
    table.style = doc.styles["Table Grid"]
    _widths(table, widths)
    for r, values in enumerate([head, *rows]):
        for cell, value in zip(table.rows[r].cells, values, strict=True):
            cell_pars(cell)
            para(cell, value, size, bold=(r == 0), align=C if r == 0 else None)
    return table


# -- documents ------------------------------------------------------------------------
def decree(path):
    """A decree: Chương/Mục/Điều numbering, khoản and điểm restarting in each Điều,
    wrapped recipients, then two annexes: a text annex with Phần I/II and an embedded
    sample form (its own header table, Điều items and "Nơi nhận"), and a landscape
    statistics annex with the decree's margins (top 20, left 30, right 15)."""
    doc = new()
    header(doc, [("CHÍNH PHỦ", 13, True, False), "rule:12", ("Số: 30/2026/NĐ-CP", 13, False,
                                                               False)],
           [NATIONAL, MOTTO, "rule:60", date("Hà Nội, ngày 05 tháng 3 năm 2026")])
    title(doc, "NGHỊ ĐỊNH", ["Về công tác lưu trữ điện tử tại cơ quan nhà nước"])
    for line in ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
                 "Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;",
                 "Theo đề nghị của Bộ trưởng Bộ Nội vụ;",
                 "Chính phủ ban hành Nghị định về công tác lưu trữ điện tử."):
        body(doc, line)
    articles = 0
    for chapter, chapter_title, sections in (
            ("Chương I", "QUY ĐỊNH CHUNG", [(None, 2)]),
            ("Chương II", "LƯU TRỮ TÀI LIỆU ĐIỆN TỬ", [("Mục 1", 2), ("Mục 2", 2)]),
            ("Chương III", "ĐIỀU KHOẢN THI HÀNH", [(None, 1)])):
        para(doc, chapter, 14, bold=True, align=C)
        para(doc, chapter_title, 14, bold=True, align=C)
        for section, count in sections:
            if section:
                para(doc, section, 14, bold=True, align=C)
                para(doc, "QUẢN LÝ HỒ SƠ ĐIỆN TỬ", 14, bold=True, align=C)
            for _ in range(count):
                articles += 1
                body(doc, "Phạm vi và đối tượng áp dụng", bold_lead=f"Điều {articles}. ")
                body(doc, "1. " + _PROSE)
                body(doc, "2. Cơ quan, tổ chức thực hiện các việc sau:")
                for letter in "abcdđ":
                    body(doc, f"{letter}) Lập hồ sơ, sắp xếp tài liệu điện tử đúng quy định;")
                body(doc, "3. " + _PROSE)
    signature(doc, [
        "- Ban Bí thư Trung ương Đảng;",
        "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
        ("br", "- HĐND, UBND các tỉnh, thành phố trực thuộc", "trung ương;"),
        ("para", "- Văn phòng Trung ương và các Ban của", "Đảng;"),
        "- Lưu: VT, TCCV (2b)."], "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Nguyễn Văn Bình")
    # annex I: text, Phần I/II, an embedded sample form
    new_section(doc)
    para(doc, "Phụ lục I", 14, bold=True, align=C)
    para(doc, "MẪU TRÌNH BÀY HỒ SƠ LƯU TRỮ ĐIỆN TỬ", 14, bold=True, align=C)
    para(doc, "(Kèm theo Nghị định số 30/2026/NĐ-CP ngày 05 tháng 3 năm 2026 của Chính phủ)",
         14, italic=True, align=C)
    separator(doc, 30)
    for part in ("Phần I", "Phần II"):
        para(doc, part, 14, bold=True, align=C)
        para(doc, "QUY ĐỊNH VỀ TRÌNH BÀY", 14, bold=True, align=C)
        for roman in ("I.", "II."):
            body(doc, "QUY ĐỊNH CHUNG", bold_lead=f"{roman} ")
            body(doc, "1. Khổ giấy: khổ A4 (210 mm x 297 mm). 2. Kiểu trình bày: theo chiều "
                 "dài của khổ A4; bảng, biểu có thể trình bày theo chiều rộng.")
            body(doc, "3. Định lề trang: cách mép trên và mép dưới 20 - 25 mm, cách mép trái "
                 "30 - 35 mm, cách mép phải 15 - 20 mm.")
            body(doc, "a) Số trang được đánh bằng chữ số Ả Rập; b) không hiển thị số trang "
                 "thứ nhất của văn bản.")
            body(doc, "c) Cỡ chữ từ 13 đến 14, kiểu chữ đứng, canh giữa trong phần lề trên.")
    para(doc, "Mẫu 1.1 - Quyết định (cá biệt)", 14, bold=True, align=C)
    sample_form(doc)
    body(doc, "4. " + _PROSE)
    # annex II: landscape statistics form with the decree's own landscape margins
    new_section(doc, landscape=True, margins=(20, 20, 30, 15))
    para(doc, "Phụ lục II", 14, bold=True, align=C)
    para(doc, "BIỂU THỐNG KÊ TÀI LIỆU LƯU TRỮ ĐIỆN TỬ", 14, bold=True, align=C)
    para(doc, "(Kèm theo Nghị định số 30/2026/NĐ-CP ngày 05 tháng 3 năm 2026 của Chính phủ)",
         14, italic=True, align=C)
    separator(doc, 30)
    grid_table(doc, ["STT", "Tên cơ quan, tổ chức", "Số hồ sơ", "Số tài liệu", "Dung lượng (GB)",
                     "Ghi chú"],
               [[str(i), f"Cơ quan thứ {i}", "120", "2.450", "15,5", ""] for i in range(1, 6)],
               (15, 90, 30, 30, 35, 52))
    doc.save(str(path))


def sample_form(doc):
    """A sample form inside an annex, as Phụ lục III of a decree shows it: placeholders,
    numbered notes, its own header, Điều items and recipients."""
    header(doc, [("TÊN CQ, TC CHỦ QUẢN (1)", 12, False, False),
                 ("TÊN CƠ QUAN, TỔ CHỨC (2)", 12, True, False), "rule:15",
                 ("Số: …./QĐ-….(3)", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("….(4)…., ngày …. tháng …. năm 20….")])
    para(doc, "QUYẾT ĐỊNH", 14, bold=True, align=C)
    para(doc, "Về việc …………….(5)…………….", 14, bold=True, align=C)
    separator(doc, 20)
    para(doc, "THẨM QUYỀN BAN HÀNH (6)", 14, bold=True, align=C)
    body(doc, "Căn cứ …………………………………………………………………………………………….;")
    para(doc, "QUYẾT ĐỊNH:", 14, bold=True, align=C)
    for n in (1, 2, 3):
        body(doc, "……………………………(7)……………………………………………………………….", bold_lead=f"Điều {n}. ")
        body(doc, "1. ………………………………………………………………………………………………….")
        body(doc, "2. ………………………………………………………………………………………………….")
    signature(doc, ["- Như Điều 3;", "- ……..;", "- Lưu: VT, …. (8)."],
              "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "", "Họ và tên")
    body(doc, "Ghi chú:")
    for n, text in enumerate(("Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có).",
                              "Tên cơ quan, tổ chức ban hành quyết định."), start=1):
        body(doc, f"({n}) {text}")


def plan_with_annex(path):
    """A plan whose header is a 2 × 2 table (bodies | Quốc hiệu above, Số | date below),
    with several lettered items on one line, then a landscape annex with the sheet-turned
    margins."""
    doc = new()
    header(doc, [("UBND TỈNH BẮC NINH", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10", ("Số: 07/KH-SNV", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Ninh, ngày 09 tháng 01 năm 2026")],
           rows_split=True)
    title(doc, "KẾ HOẠCH", ["Kiểm tra công tác cải cách hành chính năm 2026"])
    body(doc, _PROSE)
    body(doc, "MỤC ĐÍCH, YÊU CẦU", bold_lead="I. ")
    body(doc, "1. Mục đích")
    body(doc, "a) Đánh giá kết quả thực hiện; b) Phát hiện hạn chế, vướng mắc để khắc phục.")
    body(doc, "c) Biểu dương đơn vị làm tốt, chấn chỉnh đơn vị làm chưa tốt.")
    body(doc, "2. Yêu cầu")
    body(doc, "2.1. Kiểm tra đúng nội dung, đúng thời gian.")
    body(doc, "2.2. Không gây phiền hà cho cơ quan, đơn vị được kiểm tra.")
    body(doc, "NỘI DUNG KIỂM TRA", bold_lead="II. ")
    body(doc, "1. Công tác chỉ đạo, điều hành. 2. Cải cách thể chế.")
    body(doc, "3. Cải cách thủ tục hành chính.")
    body(doc, "Kế hoạch này thay thế Kế hoạch số 152/KH-SNV ngày 30 tháng 12 năm 2025.")
    signature(doc, ["- UBND tỉnh (b/c);", "- Các cơ quan, đơn vị được kiểm tra;",
                    "- Lưu: VT, CCHC."], "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Hoa")
    new_section(doc, landscape=True, margins=(30, 15, 20, 20))
    para(doc, "PHỤ LỤC", 14, bold=True, align=C)
    para(doc, "LỊCH KIỂM TRA CÁC ĐƠN VỊ", 14, bold=True, align=C)
    para(doc, "(Kèm theo Kế hoạch số 07/KH-SNV ngày 09 tháng 01 năm 2026 của Sở Nội vụ)",
         14, italic=True, align=C)
    separator(doc, 30)
    grid_table(doc, ["STT", "Đơn vị", "Thời gian", "Thành phần đoàn", "Ghi chú"],
               [[str(i), f"Phòng Nội vụ số {i}", f"Tháng {i + 2}/2026", "Đoàn số 1", ""]
                for i in range(1, 6)], (15, 90, 40, 70, 42))
    doc.save(str(path))


def three_column_header(path):
    """A công văn whose header table has three columns: bodies, a narrow gap, Quốc hiệu;
    a recipient item continued on its own paragraph; underscores under the header."""
    doc = new()
    header(doc, [("UBND TỈNH BẮC NINH", 13, False, False), ("SỞ NỘI VỤ", 13, True, False),
                 "rule:10", ("Số: 125/SNV-CCHC", 13, False, False),
                 ("V/v hướng dẫn kiểm tra cải cách hành chính năm 2026", 12, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Ninh, ngày 15 tháng 3 năm 2026")],
           widths=(68, 5, 92))
    para(doc)
    para(doc, "Kính gửi: Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.", 14, align=C)
    para(doc)
    for _ in range(4):
        body(doc, _PROSE)
    signature(doc, ["- Như trên;", ("para", "- Ủy ban nhân dân các xã, phường trên địa bàn",
                                    "tỉnh;"), "- Lưu: VT, CCHC."],
              "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Cường")
    doc.save(str(path))


def spaces_header(path):
    """A header typed in paragraphs with runs of spaces between the columns: the Quốc
    hiệu shares its paragraph with the issuing body (a short one-page notice)."""
    doc = new(page_numbers=False)
    lines = [("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", False, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True,
              False),
             ("TRƯỜNG TIỂU HỌC KIM CHÂN", True, "Độc lập - Tự do - Hạnh phúc", True, False),
             (underscores(28), False, underscores(55), False, False),
             ("Số: 18/TB-THKC", False, "Kim Chân, ngày 20 tháng 4 năm 2026", False, True)]
    for left, lbold, right, rbold, ritalic in lines:
        p = doc.add_paragraph()
        lsize = 8 if "_" in left else 12
        # spaces up to about 70 mm, where the right column starts (a space is 1/4 em)
        room = 70 - text_width_mm(left, lsize, lbold) - (4 if "_" in left else 0)
        gap = " " * max(3, round(room / (0.25 * 12 * 25.4 / 72)))
        rsize = 14 if ritalic else (12 if right.isupper() else 13)
        lsize = 13 if left.startswith("Số") else lsize
        for text, bold, italic, size in ((left, lbold, False, lsize), (gap, False, False, 12),
                                         (right, rbold, ritalic, rsize)):
            run = p.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size if "_" not in text else 8), bold, \
                italic
    title(doc, "THÔNG BÁO", ["Lịch họp phụ huynh học sinh học kỳ II"])
    body(doc, "Nhà trường thông báo lịch họp phụ huynh học sinh vào 08 giờ ngày 25 tháng 4 "
         "năm 2026 tại các phòng học; đề nghị phụ huynh dự họp đầy đủ, đúng giờ.")
    signature(doc, ["- Phụ huynh học sinh;", "- Lưu: VT."], "", "HIỆU TRƯỞNG", "Phạm Thị Lan")
    doc.save(str(path))


def draft_decision(path):
    """A draft decision: number and day left as "…." placeholders, Điều numbering, the
    authority line above "QUYẾT ĐỊNH:", an annex list with its own numbering."""
    doc = new()
    header(doc, [("ỦY BAN NHÂN DÂN", 13, True, False), ("TỈNH BẮC NINH", 13, True, False),
                 "rule:18", ("Số: …./QĐ-UBND", 13, False, False)],
           [NATIONAL, MOTTO, "rule:60", date("Bắc Ninh, ngày …. tháng …. năm 2026")])
    title(doc, "QUYẾT ĐỊNH", ["Ban hành Quy chế làm việc của Tổ kiểm tra",
                              "cải cách hành chính tỉnh"])
    para(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH", 14, bold=True, align=C)
    body(doc, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    body(doc, "Theo đề nghị của Giám đốc Sở Nội vụ.")
    para(doc, "QUYẾT ĐỊNH:", 14, bold=True, align=C)
    body(doc, "Ban hành kèm theo Quyết định này Quy chế làm việc của Tổ kiểm tra.",
         bold_lead="Điều 1. ")
    body(doc, "Quyết định này có hiệu lực kể từ ngày ký.", bold_lead="Điều 2. ")
    body(doc, "1. Tổ kiểm tra làm việc theo chế độ tập thể.")
    body(doc, "2. Tổ trưởng chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh.")
    body(doc, "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và các thành viên "
         "Tổ kiểm tra chịu trách nhiệm thi hành Quyết định này./.", bold_lead="Điều 3. ")
    signature(doc, ["- Như Điều 3;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, NC."],
              "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Minh")
    new_section(doc)
    para(doc, "QUY CHẾ", 14, bold=True, align=C)
    para(doc, "Làm việc của Tổ kiểm tra cải cách hành chính tỉnh", 14, bold=True, align=C)
    para(doc, "(Kèm theo Quyết định số …./QĐ-UBND ngày …. tháng …. năm 2026 của Chủ tịch "
         "Ủy ban nhân dân tỉnh)", 14, italic=True, align=C)
    separator(doc, 30)
    body(doc, "Nguyên tắc làm việc", bold_lead="Điều 1. ")
    body(doc, "1. " + _PROSE)
    body(doc, "2. " + _PROSE)
    body(doc, "Nhiệm vụ", bold_lead="Điều 2. ")
    body(doc, "1. " + _PROSE)
    doc.save(str(path))


# -- not administrative documents -----------------------------------------------------
def _top_national(doc, date_text=None):
    para(doc, NATIONAL[0], 13, bold=True, align=C)
    para(doc, MOTTO[0], 14, bold=True, align=C)
    separator(doc, 60)
    if date_text:
        p = para(doc, date_text, 14, italic=True)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def petition(path):
    """A citizen's petition: Quốc hiệu centred on top, no issuing body, no number."""
    doc = new(page_numbers=False)
    _top_national(doc, "….., ngày …. tháng …. năm 20….")
    para(doc)
    para(doc, "ĐƠN ĐỀ NGHỊ", 14, bold=True, align=C)
    para(doc, "Về việc cấp lại giấy xác nhận thông tin cư trú", 14, bold=True, align=C)
    para(doc)
    para(doc, "Kính gửi: Ủy ban nhân dân phường Kinh Bắc.", 14, align=C)
    for line in ("Họ và tên tôi là: Nguyễn Thị Mai, sinh ngày 12 tháng 8 năm 1990, số định "
                 "danh cá nhân 027190001234.",
                 "Nơi cư trú: số 15 đường Ngô Gia Tự, phường Kinh Bắc, tỉnh Bắc Ninh; điện "
                 "thoại liên hệ: ……………………….",
                 "Tôi làm đơn này đề nghị Ủy ban nhân dân phường xem xét, cấp lại giấy xác nhận "
                 "thông tin cư trú do bản cũ bị thất lạc.",
                 "Tôi xin cam đoan những nội dung trên là đúng sự thật và chịu trách nhiệm "
                 "trước pháp luật về lời khai của mình."):
        body(doc, line)
    for text, bold, italic in (("NGƯỜI LÀM ĐƠN", True, False),
                               ("(Ký và ghi rõ họ tên)", False, True), ("", False, False),
                               ("", False, False), ("Nguyễn Thị Mai", True, False)):
        p = para(doc, text, 14, bold=bold, italic=italic, align=C)
        p.paragraph_format.left_indent = Mm(85)
    doc.save(str(path))


def registration_form(path):
    """A civil-registration form: the whole form one table, the Quốc hiệu in its left
    cell and "Mẫu số" in the right cell, fields with dot leaders."""
    doc = new(page_numbers=False)
    table = doc.add_table(rows=8, cols=2)
    _no_borders(table)
    _widths(table, (125, 40))
    for row in table.rows[1:]:
        row.cells[0].merge(row.cells[1])
    left, right = (cell_pars(c) for c in table.rows[0].cells)
    _item(left, NATIONAL)
    _item(left, MOTTO)
    separator(left, 60)
    _item(right, ("Mẫu số 01/TK-KS", 12, False, True))
    _item(cell_pars(table.rows[1].cells[0]), ("TỜ KHAI ĐĂNG KÝ KHAI SINH", 14, True, False))
    fields = ("Kính gửi: Ủy ban nhân dân xã ……………………………………………",
              "Họ, chữ đệm, tên người yêu cầu: ……………………………………….",
              "Nơi cư trú: ……………………………………………………………………",
              "Quan hệ với người được khai sinh: ……………………………………",
              "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
              "Họ, chữ đệm, tên: ………………………… Giới tính: …………")
    for r, text in enumerate(fields, start=2):
        p = para(cell_pars(table.rows[r].cells[0]), text, 13)
        p.paragraph_format.space_after = Pt(6)
    para(doc)
    p = para(doc, "Làm tại: …………, ngày …. tháng …. năm 20….", 14, italic=True, align=C)
    p.paragraph_format.left_indent = Mm(80)
    p = para(doc, "NGƯỜI YÊU CẦU", 14, bold=True, align=C)
    p.paragraph_format.left_indent = Mm(80)
    doc.save(str(path))


def cv(path):
    """A CV form (sơ yếu lý lịch): Quốc hiệu and motto in one paragraph with a line
    break, a photo box and the fields in a table, a page break before the second page."""
    doc = new()
    p = para(doc, "", align=C)
    run = p.add_run(NATIONAL[0])
    run.font.size, run.bold = Pt(13), True
    run.add_break()
    run = p.add_run(MOTTO[0])
    run.font.size, run.bold = Pt(14), True
    separator(doc, 60)
    para(doc)
    para(doc, "SƠ YẾU LÝ LỊCH", 14, bold=True, align=C)
    para(doc)
    table = doc.add_table(rows=6, cols=2)
    table.style = doc.styles["Table Grid"]
    _widths(table, (45, 120))
    labels = ("Họ và tên", "Ngày sinh", "Nơi sinh", "Quê quán", "Nơi ở hiện nay", "Điện thoại")
    values = ("Trần Văn Nam", "02/09/1995", "Bắc Ninh", "Từ Sơn, Bắc Ninh", "……………………………",
              "……………………")
    for row, label, value in zip(table.rows, labels, values, strict=True):
        for cell, text in zip(row.cells, (label, value), strict=True):
            cell_pars(cell)
            para(cell, text, 13)
    para(doc)
    para(doc, "QUÁ TRÌNH HỌC TẬP, CÔNG TÁC", 14, bold=True, align=C)
    for _ in range(3):
        body(doc, "Từ năm 2013 đến năm 2017: học đại học chuyên ngành quản lý nhà nước tại "
             "Học viện Hành chính Quốc gia; từ năm 2017 đến nay: công tác tại cơ quan nhà "
             "nước, làm công tác văn thư, lưu trữ.")
    doc.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    body(doc, "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu sai tôi xin hoàn toàn "
         "chịu trách nhiệm trước pháp luật.")
    for _ in range(12):
        body(doc, "Khen thưởng, kỷ luật: không; quan hệ gia đình: bố, mẹ, vợ và các con đều "
             "sinh sống tại địa phương, chấp hành tốt chủ trương của Đảng, pháp luật.")
    p = para(doc, "Bắc Ninh, ngày 10 tháng 5 năm 2026", 14, italic=True, align=C)
    p.paragraph_format.left_indent = Mm(80)
    p = para(doc, "NGƯỜI KHAI", 14, bold=True, align=C)
    p.paragraph_format.left_indent = Mm(80)
    doc.save(str(path))


CORPUS = {
    "decree_chapters_articles_annexes": decree,
    "plan_two_row_header_landscape_annex": plan_with_annex,
    "cong_van_three_column_header": three_column_header,
    "notice_header_typed_with_spaces": spaces_header,
    "draft_decision_placeholders": draft_decision,
}
NOT_ADMINISTRATIVE = {
    "petition": petition,
    "registration_form": registration_form,
    "cv": cv,
}
