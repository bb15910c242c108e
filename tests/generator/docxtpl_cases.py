"""Templates built from code, one per docxtpl feature, with the data that fills them.

Each case is (name, build function, data). The builders use python-docx; Word's
habit of splitting a tag across runs is reproduced with one run per piece, and
the footnotes part is added to the package by hand because python-docx cannot.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def runs(paragraph, *pieces, bold_every: int = 2) -> None:
    """One run per piece, every other one bold, so the runs cannot be merged."""
    for i, piece in enumerate(pieces):
        paragraph.add_run(piece).bold = i % bold_every == 1


def table(document, rows: list[list[str]]):
    t = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    return t


def paragraph_loops(doc) -> None:
    doc.add_paragraph("Danh sách đơn vị:")
    doc.add_paragraph("{%p for u in units %}")
    doc.add_paragraph("{{ loop.index }}. {{ u.name }} ({{ u.code }})")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("Tổng: {{ units|length }} đơn vị.")


def row_loops(doc) -> None:
    table(doc, [["STT", "Đơn vị", "Điểm"],
                ["{%tr for u in units %}", "", ""],
                ["{{ loop.index }}", "{{ u.name }}", "{{ u.score }}"],
                ["{%tr endfor %}", "", ""]])


def cell_loops(doc) -> None:
    table(doc, [["Tiêu chí", "{%tc for q in quarters %}", "Quý {{ q }}", "{%tc endfor %}"],
                ["{{ label }}", "{%tc for q in quarters %}", "{{ loop.index * 10 }}",
                 "{%tc endfor %}"]])


def horizontal_merge(doc) -> None:
    table(doc, [["{%tc for q in quarters %}", "{% hm %}Năm {{ year }}", "{%tc endfor %}"],
                ["{%tc for q in quarters %}", "Quý {{ q }}", "{%tc endfor %}"]])


def vertical_merge(doc) -> None:
    table(doc, [["Nhóm", "Đơn vị"],
                ["{%tr for u in units %}", ""],
                ["{% vm %}{{ group }}", "{{ u.name }}"],
                ["{%tr endfor %}", ""]])


def nested_loops(doc) -> None:
    doc.add_paragraph("{%p for s in sections %}")
    doc.add_paragraph("{{ s.title }}")
    doc.add_paragraph("{%p for item in s['items'] %}")
    doc.add_paragraph("- {{ item }}{% for n in s.notes %} [{{ n }}]{% endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")


def headers_footers(doc) -> None:
    section = doc.sections[0]
    runs(section.header.paragraphs[0], "{{ issuer", " }} — số {", "{ number }}")
    section.footer.paragraphs[0].text = "Trang cuối: {{ place }}, {{ date }}"
    doc.add_paragraph("Nội dung {{ number }}")


def comments(doc) -> None:
    doc.add_paragraph("{#p ghi chú cho người soạn mẫu #}")
    doc.add_paragraph("Văn bản{# chú thích trong dòng #} của {{ unit }}.")
    table(doc, [["A", "B"], ["{#tr dòng này chỉ là ghi chú #}", ""],
                ["{{ unit }}", "{#tc ô ghi chú #}"]])
    runs(doc.add_paragraph(), "Hết{", "# chú thích bị tách #", "}.")


def properties(doc) -> None:
    props = doc.core_properties
    props.title = "Kế hoạch kiểm tra năm {{ year }}"
    props.subject = "{{ subject }}"
    props.author = "{{ author }}"
    props.comments = "Soạn cho {{ unit }}"
    doc.add_paragraph("{{ subject }}")


def whitespace_control(doc) -> None:
    doc.add_paragraph("Các đơn vị:")
    doc.add_paragraph("{%- for u in units %} {{ u.code }}{% endfor %}")
    doc.add_paragraph("{% if passed -%}")
    doc.add_paragraph("Đạt yêu cầu.{% endif %}")
    doc.add_paragraph("Mã: [ {{- unit -}} ]")


def split_runs(doc) -> None:
    runs(doc.add_paragraph(), "Kính gửi: {", "{ ten_don", "_vi }", "}")
    runs(doc.add_paragraph(), "{", "% if ", "passed %}Đạt{% e", "lse %}Chưa đạt{% end", "if %", "}")
    runs(doc.add_paragraph(), "{%p", " for u in units %}")
    runs(doc.add_paragraph(), "{{ u", ".name }}")
    runs(doc.add_paragraph(), "{%p endfor", " %}")


def cell_background_and_colspan(doc) -> None:
    table(doc, [["{% colspan span %}Gộp {{ span }} cột", "", ""],
                ["{% cellbg color %}Nền {{ color }}", "B", "C"]])


def run_tags(doc) -> None:
    p = doc.add_paragraph()
    runs(p, "Trạng thái: ", "{%r if passed %}", "đạt", "{%r else %}", "chưa đạt", "{%r endif %}")


def only_split_tags(doc) -> None:
    """The part's only tags are split, so its raw XML has no "{{" at all."""
    runs(doc.add_paragraph(), "Kính gửi: {", "{ ten_don_vi }", "}")
    runs(doc.add_paragraph(), "Ngày {", "{ date }} (", "{", "# ghi chú #", "})")


def wide_cell_loops(doc) -> None:
    """More looped cells than the template's grid has columns: the grid must grow."""
    table(doc, [["Tháng", "{%tc for m in months %}", "{{ m }}", "{%tc endfor %}"],
                ["Hồ sơ", "{%tc for m in months %}", "{{ m * 10 }}", "{%tc endfor %}"]])


def add_footnotes(path: Path) -> None:
    """Give the package a footnotes part with a tag, referenced from the last paragraph."""
    notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<w:footnotes xmlns:w="{W_NS}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
             '<w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
             ' Theo {</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{ basis }}</w:t></w:r>'
             '<w:r><w:t xml:space="preserve"> năm {{ year }}.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    with zipfile.ZipFile(path) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries["word/footnotes.xml"] = notes.encode("utf-8")
    types = entries["[Content_Types].xml"].decode("utf-8")
    entries["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/>'
                    "</Types>").encode("utf-8")
    rels = entries["word/_rels/document.xml.rels"].decode("utf-8")
    entries["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdFn1" Type="{FOOTNOTES_REL}" '
                            'Target="footnotes.xml"/></Relationships>').encode("utf-8")
    body = entries["word/document.xml"].decode("utf-8")
    ref = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
           '<w:footnoteReference w:id="1"/></w:r>')
    last = [m.end() for m in re.finditer(r"</w:r>", body)][-1]
    entries["word/document.xml"] = (body[:last] + ref + body[last:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in entries.items():
            zf.writestr(name, blob)


def footnotes(doc) -> None:
    doc.add_paragraph("Căn cứ pháp lý của {{ unit }}")


UNITS = [{"name": "Sở Xây dựng", "code": "SXD", "score": 85.5},
         {"name": "Sở Tài chính & Kế hoạch <KH>", "code": "STC", "score": 90},
         {"name": "UBND huyện Tân Yên", "code": "TY", "score": 77}]
DATA = {
    "units": UNITS, "quarters": ["I", "II", "III"], "label": "Hồ sơ", "year": 2023,
    "group": "Khối sở", "sections": [
        {"title": "I. Cải cách thể chế", "items": ["Rà soát văn bản", "Kiểm tra"], "notes": [1]},
        {"title": "II. Cải cách TTHC", "items": ["Công bố TTHC"], "notes": []}],
    "issuer": "UBND TỈNH BẮC GIANG", "number": "05/KH-UBND", "place": "Bắc Giang",
    "date": "ngày 10 tháng 3 năm 2023", "unit": "Sở Nội vụ", "subject": "Kiểm tra CCHC",
    "author": "Phòng CCHC", "passed": True, "ten_don_vi": "Sở Y tế \"A\" & <B>",
    "basis": "Nghị định 30/2020/NĐ-CP", "span": 3, "color": "FFEE00",
    "months": [1, 2, 3, 4, 5, 6, 7],
}
CASES = {
    "paragraph_loops": paragraph_loops, "row_loops": row_loops, "cell_loops": cell_loops,
    "horizontal_merge": horizontal_merge, "vertical_merge": vertical_merge,
    "nested_loops": nested_loops, "headers_footers": headers_footers, "comments": comments,
    "properties": properties, "whitespace_control": whitespace_control,
    "split_runs": split_runs, "footnotes": footnotes,
    "cell_background_and_colspan": cell_background_and_colspan, "run_tags": run_tags,
    "only_split_tags": only_split_tags, "wide_cell_loops": wide_cell_loops,
}


def build(name: str, target: Path) -> Path:
    document = docx.Document()
    CASES[name](document)
    document.save(target)
    if name == "footnotes":
        add_footnotes(target)
    return target
