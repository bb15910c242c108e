"""Build the bundled templates: ``python -m cchc.templates.build`` (or ``make templates``).

The .docx files are committed so offices can restyle them in Word; this script
is their source, so a layout rule changed in ``cchc.core.layout`` reaches every template.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.shared import Mm

from cchc.core import layout
from cchc.core.spec import STATS_HEADER, STATS_HEADER_ROWS, STATS_KEYS

from . import HERE, blocks, ooxml

E = layout.ELEMENTS


def build_plan(target: Path) -> None:
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.loop(doc, "text in preamble", "{{ text }}")
    blocks.body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    blocks.body(doc, "1. Mục đích", bold=True)
    blocks.loop(doc, "text in purposes", "{{ text }}")
    blocks.body(doc, "2. Yêu cầu", bold=True)
    blocks.loop(doc, "text in requirements", "{{ text }}")
    blocks.body(doc, "II. NỘI DUNG KIỂM TRA", bold=True)
    blocks.loop(doc, "text in contents", "{{ loop.index }}. {{ text }}")
    blocks.body(doc, "III. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", bold=True)
    blocks.loop(doc, "text in schedule_lines", "{{ loop.index }}. {{ text }}")
    ooxml.paragraph(doc, "{%p if schedule_note %}")
    blocks.body(doc, "{{ schedule_note }}", italic=True)
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.body(doc, "IV. THÀNH PHẦN TỔ KIỂM TRA", bold=True)
    blocks.loop(doc, "text in team", "{{ loop.index }}. {{ text }}")
    blocks.body(doc, "V. TỔ CHỨC THỰC HIỆN", bold=True)
    blocks.loop(doc, "text in tasks", "{{ loop.index }}. {{ text }}")
    ooxml.paragraph(doc, "{%p if closing %}")
    blocks.body(doc, "{{ closing }}", keep_next=True)  # kept on the signature's page
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def build_outline(target: Path) -> None:
    doc = blocks.new_document()
    blocks.title_block(doc, extra_line="{{ attached_line }}")
    outline_sections(doc, with_text=False)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    ooxml.paragraph(doc, "{%p if stats %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    ooxml.setup_section(section, landscape=True)
    section.different_first_page_header_footer = False
    stats_table(doc)
    ooxml.paragraph(doc, "{%p endif %}")
    doc.save(target)


STATS_WIDTHS_MM = [12.0, 41.0] + [14.57] * 14


def stats_table(doc) -> None:
    """The form's table: merged 3-row header, numbering row, data rows, total row."""
    size = E["table"].size
    ooxml.paragraph(doc, "{{ stats.title }}", align="center", size=14, bold=True)
    ooxml.paragraph(doc, "{%p if stats.unit_line %}")
    ooxml.paragraph(doc, "{{ stats.unit_line }}", align="center", size=13, bold=True)
    ooxml.paragraph(doc, "{%p endif %}")
    ooxml.paragraph(doc, "{{ stats.period_line }}", align="center", size=13, italic=True,
                    after=6)
    table = ooxml.borderless_table(doc, STATS_WIDTHS_MM)
    ooxml.set_borders(table._tbl, "single")
    for _ in range(STATS_HEADER_ROWS - 1 + 8):
        table.add_row()
    rows = table.rows
    for cell in STATS_HEADER:
        top = rows[cell.row - 1].cells[cell.col - 1]
        bottom = rows[cell.row - 2 + cell.rowspan].cells[cell.col - 2 + cell.colspan]
        merged = top.merge(bottom) if (cell.rowspan, cell.colspan) != (1, 1) else top
        p = merged.paragraphs[0]
        p.alignment = ooxml.ALIGN["center"]
        ooxml.add_run(p, cell.text, size=size - 1 if cell.row == 1 else size - 2,
                      bold=cell.row < 4, italic=cell.row == 4)
        ooxml.cell_valign(merged)
    for row in rows[:STATS_HEADER_ROWS]:
        ooxml.repeat_as_header(row)
    loop_open, if_group, group, if_else, data, if_end, loop_close, total = \
        rows[STATS_HEADER_ROWS:]
    ooxml.add_run(loop_open.cells[0].paragraphs[0], "{%tr for row in stats.rows %}")
    ooxml.add_run(if_group.cells[0].paragraphs[0], "{%tr if row.group %}")
    _group_row(group, size)
    ooxml.add_run(if_else.cells[0].paragraphs[0], "{%tr else %}")
    ooxml.add_run(if_end.cells[0].paragraphs[0], "{%tr endif %}")
    for key, cell in zip(STATS_KEYS, data.cells):
        p = cell.paragraphs[0]
        p.alignment = ooxml.ALIGN["left" if key == "field" else "center"]
        ooxml.add_run(p, f"{{{{ row.{key} }}}}", size=size)
    ooxml.add_run(loop_close.cells[0].paragraphs[0], "{%tr endfor %}")
    label = total.cells[0].merge(total.cells[1])
    label.paragraphs[0].alignment = ooxml.ALIGN["center"]
    ooxml.add_run(label.paragraphs[0], "Tổng số", size=size, bold=True)
    for key, cell in zip(STATS_KEYS[2:], total.cells[2:]):
        cell.paragraphs[0].alignment = ooxml.ALIGN["center"]
        ooxml.add_run(cell.paragraphs[0], f"{{{{ stats.total.{key} }}}}", size=size, bold=True)
    for row in (group, data, total):
        row.height = Mm(7)


def _group_row(row, size: float) -> None:
    """A group's label ("I. Lĩnh vực Tư pháp") in one bold cell over STT and field, as
    offices print it, and the counts' cells merged blank: the extractor reads such a row
    as the group of the rows under it, never as a data row."""
    label = row.cells[0].merge(row.cells[1])
    ooxml.add_run(label.paragraphs[0], "{{ row.group }}", size=size, bold=True)
    row.cells[2].merge(row.cells[len(STATS_KEYS) - 1])


def outline_sections(doc, *, with_text: bool) -> None:
    """The outline's numbered sections; a report puts the unit's own text under each."""
    ooxml.paragraph(doc, "{%p for s in sections %}")
    blocks.body(doc, "{{ s.heading }}", bold=True)
    if with_text:
        blocks.loop(doc, "text in s.text", "{{ text }}")
    blocks.loop(doc, "item in s['items']", "{{ item }}")
    ooxml.paragraph(doc, "{%p for sub in s.subsections %}")
    blocks.body(doc, "{{ sub.heading }}", bold=True)
    if with_text:
        blocks.loop(doc, "text in sub.text", "{{ text }}")
    blocks.loop(doc, "item in sub['items']", "{{ item }}")
    ooxml.paragraph(doc, "{%p endfor %}")
    ooxml.paragraph(doc, "{%p endfor %}")


def build_report(target: Path) -> None:
    """A unit's self-report written along the outline, with its statistics table."""
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.loop(doc, "text in preamble", "{{ text }}")
    outline_sections(doc, with_text=True)
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    ooxml.paragraph(doc, "{%p if stats %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    ooxml.setup_section(section, landscape=True)
    section.different_first_page_header_footer = False
    stats_table(doc)
    ooxml.paragraph(doc, "{%p endif %}")
    doc.save(target)


def build_conclusion(target: Path) -> None:
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.body(doc, "{{ opening }}")
    blocks.body(doc, "I. KẾT QUẢ KIỂM TRA", bold=True)
    ooxml.paragraph(doc, "{%p for r in results %}")
    blocks.body(doc, "{{ r.heading }}", bold=True)
    blocks.loop(doc, "text in r.paragraphs", "{{ text }}")
    ooxml.paragraph(doc, "{%p endfor %}")
    blocks.body(doc, "II. ĐÁNH GIÁ CHUNG", bold=True)
    blocks.body(doc, "1. Ưu điểm", bold=True)
    blocks.loop(doc, "text in strengths", "- {{ text }}")
    blocks.body(doc, "2. Tồn tại, hạn chế", bold=True)
    blocks.loop(doc, "text in weaknesses", "- {{ text }}")
    blocks.body(doc, "3. Nguyên nhân", bold=True)
    blocks.loop(doc, "text in causes", "- {{ text }}")
    ooxml.paragraph(doc, "{%p if previous %}")
    blocks.body(doc, "III. VIỆC KHẮC PHỤC TỒN TẠI, KIẾN NGHỊ CỦA LẦN KIỂM TRA TRƯỚC", bold=True)
    blocks.loop(doc, "text in previous", "{{ loop.index }}. {{ text }}")
    blocks.body(doc, "IV. YÊU CẦU, KIẾN NGHỊ", bold=True)
    ooxml.paragraph(doc, "{%p else %}")
    blocks.body(doc, "III. YÊU CẦU, KIẾN NGHỊ", bold=True)
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.loop(doc, "text in recommendations", "{{ loop.index }}. {{ text }}")
    blocks.body(doc, "{{ report_line }}", keep_next=True)  # kept on the signature's page
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def data_table(doc, headers: list[str], widths: list[float], loop: str, cells: list[str],
               left: tuple[int, ...] = (1,)):
    """A bordered table: one header row (repeated on each page), one looped data row;
    the ``left`` columns (names, sentences) read left-aligned, figures centred."""
    size = E["table"].size
    table = ooxml.borderless_table(doc, widths)
    ooxml.set_borders(table._tbl, "single")
    for _ in range(3):
        table.add_row()
    head, open_row, data, close_row = table.rows
    for cell, text in zip(head.cells, headers):
        cell.paragraphs[0].alignment = ooxml.ALIGN["center"]
        ooxml.add_run(cell.paragraphs[0], text, size=size, bold=True)
        ooxml.cell_valign(cell)
    ooxml.repeat_as_header(head)
    ooxml.add_run(open_row.cells[0].paragraphs[0], f"{{%tr for {loop} %}}")
    for i, (cell, expr) in enumerate(zip(data.cells, cells)):
        cell.paragraphs[0].alignment = ooxml.ALIGN["left" if i in left else "center"]
        ooxml.add_run(cell.paragraphs[0], f"{{{{ {expr} }}}}", size=size)
    ooxml.add_run(close_row.cells[0].paragraphs[0], "{%tr endfor %}")
    ooxml.paragraph(doc, "", after=6)
    return table


def build_summary(target: Path) -> None:
    """The round's summary report: statistics, ranking, indicators, recommendations,
    then the two areas other Sở inspect (institutional reform, public finance)."""
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.loop(doc, "text in intro", "{{ text }}")
    blocks.body(doc, "I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold=True)
    data_table(doc, ["STT", "Đơn vị", "Tiếp nhận", "Trực tuyến (%)", "Đã giải quyết",
                     "Đúng hạn (%)", "Quá hạn", "Cảnh báo"],
               [12, 43, 18, 19, 19, 19, 16, 19], "u in units",
               ["loop.index", "u.name", "u.received", "u.online_ratio", "u.resolved",
                "u.on_time_rate", "u.late", "u.warnings"])
    blocks.body(doc, "{{ totals_line }}")
    blocks.body(doc, "II. XẾP HẠNG CÁC ĐƠN VỊ", bold=True)
    blocks.body(doc, "{{ ranking_rule }}", italic=True)
    data_table(doc, ["Hạng", "Đơn vị", "Đúng hạn (%)", "Trực tuyến (%)",
                     "Kiến nghị chưa khắc phục"],
               [14, 65, 28, 28, 30], "u in ranking",
               ["u.rank", "u.name", "u.on_time_rate", "u.online_ratio", "u.open"])
    blocks.body(doc, "III. MỘT SỐ CHỈ TIÊU CHUYỂN ĐỔI SỐ", bold=True)
    data_table(doc, ["STT", "Đơn vị", "DVC toàn trình (%)", "Thanh toán trực tuyến (%)",
                     "Hồ sơ xử lý trực tuyến (%)", "Số hoá kết quả (%)"],
               [12, 53, 25, 25, 25, 25], "u in units",
               ["loop.index", "u.name", "u.full_process", "u.payment", "u.fully_online",
                "u.digitized"])
    blocks.body(doc, "IV. KIẾN NGHỊ VÀ TÌNH HÌNH KHẮC PHỤC", bold=True)
    data_table(doc, ["STT", "Đơn vị", "Nội dung kiến nghị", "Hạn", "Tình trạng"],
               [12, 36, 62, 27, 28], "r in recommendations",  # a date fits on one line
               ["loop.index", "r.unit", "r.text", "r.deadline", "r.status"], left=(1, 2))
    ooxml.paragraph(doc, "{%p for t in thematic %}")  # plan II.7–8, from the two Sở reports
    blocks.body(doc, "{{ t.heading }}", bold=True)
    blocks.body(doc, "{{ t.source_line }}", italic=True)
    blocks.loop(doc, "text in t.paragraphs", "{{ text }}")
    ooxml.paragraph(doc, "{%p endfor %}")
    ooxml.paragraph(doc, "{%p if scores %}")
    blocks.body(doc, "VII. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THEO BỘ TIÊU CHÍ", bold=True)
    blocks.body(doc, "{{ scores.rule }}", italic=True)
    data_table(doc, ["STT", "Tên cơ quan, đơn vị", "Điểm tự chấm", "Điểm thẩm định",
                     "Tỷ lệ (%)", "Xếp hạng"],
               [12, 61, 22, 22, 22, 26], "u in scores.rows",
               ["u.stt", "u.name", "u.self", "u.final", "u.percent", "u.rank"])
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def article(doc, label: str, text: str) -> None:
    """"Điều 1. …": the article's label in bold, its text in the same paragraph."""
    p = blocks.body(doc, "")
    ooxml.add_run(p, label + " ", size=E["body"].size, bold=True)
    ooxml.add_run(p, text, size=E["body"].size)


def build_team_decision(target: Path) -> None:
    """Quyết định thành lập Tổ kiểm tra: căn cứ, then Điều 1 (teams and members),
    Điều 2 (each team's units, duties), Điều 3 (effect, who carries it out)."""
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    ooxml.paragraph(doc, "{{ authority_line }}", align="center", size=E["body"].size,
                    bold=True, after=6, keep_next=True)
    blocks.loop(doc, "text in bases", "{{ text }}", italic=True)
    ooxml.paragraph(doc, "{%p if proposal %}")
    blocks.body(doc, "{{ proposal }}", italic=True)
    ooxml.paragraph(doc, "{%p endif %}")
    ooxml.paragraph(doc, "QUYẾT ĐỊNH:", align="center", size=E["body"].size, bold=True,
                    before=6, after=6, keep_next=True)
    article(doc, "Điều 1.", "{{ article1 }}")
    ooxml.paragraph(doc, "{%p for t in teams %}")
    blocks.body(doc, "{{ loop.index }}. {{ t.name }}", bold=True)
    blocks.loop(doc, "line in t.members", "{{ line }}")
    ooxml.paragraph(doc, "{%p endfor %}")
    article(doc, "Điều 2.", "Nhiệm vụ của các Tổ kiểm tra:")
    blocks.loop(doc, "t in teams", "- {{ t.units_line }}")
    blocks.loop(doc, "text in duties", "- {{ text }}")
    article(doc, "Điều 3.", "Quyết định có hiệu lực kể từ ngày ký. {{ executors }}")
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def build_schedule(target: Path) -> None:
    """Thông báo lịch kiểm tra: content, the visits' table with each unit's report
    deadline, then what units must do."""
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.body(doc, "{{ intro }}")
    blocks.body(doc, "1. Nội dung kiểm tra: {{ content }}")
    blocks.body(doc, "2. Thời gian, địa điểm, Tổ kiểm tra:")
    data_table(doc, ["STT", "Cơ quan, đơn vị được kiểm tra", "Thời gian", "Địa điểm",
                     "Tổ kiểm tra", "Hạn gửi báo cáo"],
               [12, 40, 36, 32, 26, 24], "v in visits",
               ["loop.index", "v.unit", "v.when", "v.place", "v.team", "v.deadline"])
    blocks.loop(doc, "text in extras", "- {{ text }}", italic=True)
    blocks.body(doc, "3. {{ report_line }}")
    ooxml.paragraph(doc, "{%p if invites %}")
    blocks.body(doc, "{{ invite_line }}")
    data_table(doc, ["STT", "Cơ quan, đơn vị", "Mã mời"], [12, 110, 48], "i in invites",
               ["loop.index", "i.unit", "i.code"])
    ooxml.paragraph(doc, "{%p endif %}")
    # the last short notes keep with the signature, which never stands alone on a page
    blocks.loop(doc, "text in notes", "{{ loop.index + 3 }}. {{ text }}", keep_next=True)
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def build_minutes(target: Path) -> None:
    """Biên bản kiểm tra: who was there, what was examined, the unit's own figures from
    its record, blank lines for what the team notes on site, both signatures."""
    doc = blocks.new_document()
    blocks.header_block(doc)
    blocks.title_block(doc)
    blocks.body(doc, "{{ opening }}")
    blocks.body(doc, "I. THÀNH PHẦN", bold=True)
    blocks.body(doc, "1. Tổ kiểm tra", bold=True)
    blocks.loop(doc, "line in team_lines", "{{ line }}")
    blocks.body(doc, "2. Đại diện {{ unit }}", bold=True)
    blocks.loop(doc, "line in unit_lines", "{{ line }}")
    blocks.body(doc, "II. HỒ SƠ, TÀI LIỆU ĐÃ KIỂM TRA", bold=True)
    blocks.loop(doc, "line in documents", "- {{ line }}")
    blocks.body(doc, "III. KẾT QUẢ KIỂM TRA", bold=True)
    ooxml.paragraph(doc, "{%p if figures %}")
    blocks.body(doc, "1. Số liệu theo báo cáo của đơn vị", bold=True)
    blocks.loop(doc, "line in figures", "{{ line }}")
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.body(doc, "{{ '2. ' if figures else '' }}Những nội dung Tổ kiểm tra ghi nhận tại đơn vị",
                bold=True)
    blocks.dotted_lines(doc, "line in blank_lines")
    blocks.body(doc, "IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True)
    blocks.dotted_lines(doc, "line in blank_lines[:4]")
    blocks.body(doc, "Biên bản kết thúc vào hồi …… giờ …… cùng ngày, được lập thành 02 bản có "
                "giá trị như nhau, Tổ kiểm tra giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; "
                "đã đọc lại cho những người có tên trên cùng nghe, thống nhất và ký tên.")
    blocks.two_signatures(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


def build_reminder(target: Path) -> None:
    """Công văn đôn đốc: the trích yếu under the number, Kính gửi, the units that have
    not reported with their deadlines, what is asked and by when."""
    doc = blocks.new_document()
    blocks.header_block(doc, cv_subject=True)
    ooxml.paragraph(doc, "", after=6)
    ooxml.paragraph(doc, "{%p if addressees|length == 1 %}")
    ooxml.paragraph(doc, "Kính gửi: {{ addressees[0] }}.", align="center",
                    size=E["body"].size, before=6, after=6)
    ooxml.paragraph(doc, "{%p else %}")
    ooxml.paragraph(doc, "Kính gửi:", align="center", size=E["body"].size, before=6)
    ooxml.paragraph(doc, "{%p for name in addressees %}")
    ooxml.paragraph(doc, "- {{ name }};", size=E["body"].size,
                    indent_mm=layout.TEXT_WIDTH_MM / 3)
    ooxml.paragraph(doc, "{%p endfor %}")
    ooxml.paragraph(doc, "{%p endif %}")
    blocks.loop(doc, "text in paragraphs", "{{ text }}")
    blocks.signature_block(doc)
    ooxml.page_number_header(doc.sections[0], E["page_number"].size)
    doc.save(target)


BUILDERS = {"plan": build_plan, "outline": build_outline, "conclusion": build_conclusion,
            "report": build_report, "summary": build_summary,
            "team-decision": build_team_decision, "schedule": build_schedule,
            "minutes": build_minutes, "reminder": build_reminder}


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(BUILDERS)
    for name in names:
        target = HERE / f"{name}.docx"
        BUILDERS[name](target)
        print(f"đã tạo {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
