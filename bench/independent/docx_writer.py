"""Render a Doc as a Word file the way offices type reports (python-docx plus raw WordML
for what python-docx has no API for: text boxes, tracked changes, numbering)."""

from __future__ import annotations

import copy

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import legacy
from .model import STAT_KEYS, Doc, Heading, IndTable, Para, Signature, StatsTable, cell_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
         "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY, None: None}


class Writer:
    def __init__(self, doc: Doc, encoding: str | None = None, font: str = "Times New Roman"):
        self.d = doc
        self.enc = encoding
        self.font = font
        self.doc = Document()
        self._ids = 100
        st = self.doc.styles["Normal"]
        st.font.name = {"tcvn3": ".VnTime", "vni": "VNI-Times"}.get(encoding, font)
        st.font.size = Pt(13)
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin, sec.right_margin = Mm(30), Mm(15)
        sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
        self.num_ids: dict[str, int] = {}

    # ---------- text runs ----------
    def text(self, p, text: str, bold=False, italic=False, size=None):
        for t, font in self.encode(text):
            run = p.add_run(t)
            run.bold, run.italic = bold or None, italic or None
            if size:
                run.font.size = Pt(size)
            if font:
                run.font.name = font
                rpr = run._element.get_or_add_rPr()
                rfonts = rpr.find(qn("w:rFonts"))
                rfonts.set(qn("w:cs"), font)
                rfonts.set(qn("w:eastAsia"), font)
        return p

    def encode(self, text: str) -> list[tuple[str, str | None]]:
        if self.enc == "tcvn3":
            return [(t, ".VnTimeH" if up else ".VnTime") for t, up in legacy.tcvn3_runs(text)]
        if self.enc == "vni":
            return [(legacy.vni(text), "VNI-Times")]
        return [(text, None)]

    def para(self, text="", align=None, bold=False, italic=False, size=None, container=None,
             style=None):
        c = container if container is not None else self.doc
        p = c.add_paragraph(style=style) if style else c.add_paragraph()
        if align:
            p.alignment = ALIGN[align]
        pf = p.paragraph_format
        pf.space_after = Pt(3)
        if text:
            self.text(p, text, bold, italic, size)
        return p

    # ---------- header ----------
    def header(self):
        h = self.d.header
        left = ([(h.parent, False)] if h.parent else []) + [(x, True) for x in h.unit_lines]
        left += [("–––––––", False), (h.number_text, False)]
        right = [(h.motto[0], True), (h.motto[1], True), ("––––––––––––––––", False),
                 (h.place_date, "italic")]
        if h.layout == "table":
            t = self.doc.add_table(rows=1, cols=2)
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, lines in zip(t.rows[0].cells, (left, right)):
                cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
                for s, b in lines:
                    self.para(s, "center", bold=b is True, italic=b == "italic", size=12,
                              container=cell)
        elif h.layout == "textbox":
            p = self.doc.add_paragraph()
            p.add_run()._r.append(self.textbox(left, -500000, 2900000))
            p.add_run()._r.append(self.textbox(right, 2600000, 3500000))
            for _ in range(5):
                self.doc.add_paragraph()
        elif h.layout == "tabs":
            rows = max(len(left), len(right))
            for i in range(rows):
                p = self.para()
                p.paragraph_format.tab_stops.add_tab_stop(Mm(68))
                a = left[i][0] if i < len(left) else ""
                b = right[i][0] if i < len(right) else ""
                self.text(p, a, bold=i < len(left) and left[i][1] is True, size=11)
                self.text(p, "\t" + b, bold=i < 2, size=11)
        else:  # plain paragraphs, one column after the other
            for s, b in left:
                self.para(s, "left", bold=b is True, size=12)
            for s, b in right:
                self.para(s, "right" if b == "italic" else "center", bold=b is True,
                          italic=b == "italic", size=12)

    def textbox(self, lines, x_emu: int, width: int):
        self._ids += 1
        n = self._ids
        paras = []
        for s, b in lines:
            runs = "".join(
                f'<w:r><w:rPr>{f"<w:rFonts w:ascii={q(f)} w:hAnsi={q(f)}/>" if f else ""}'
                f'{"<w:b/>" if b is True else ""}{"<w:i/>" if b == "italic" else ""}'
                f'<w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">{esc(t)}</w:t></w:r>'
                for t, f in self.encode(s))
            paras.append(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{runs}</w:p>')
        content = f"<w:txbxContent>{''.join(paras)}</w:txbxContent>"
        height = 300000 * (len(lines) + 1)
        ns = (f'xmlns:mc="{MC_NS}" xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" '
              f'xmlns:wps="{WPS_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
              f'xmlns:o="urn:schemas-microsoft-com:office:office"')
        z = 251659264 + n
        style = (f"position:absolute;margin-left:{x_emu / 12700:.1f}pt;margin-top:0;"
                 f"width:{width / 12700:.1f}pt;height:{height / 12700:.1f}pt;z-index:{z}")
        xml = (
            f'<mc:AlternateContent {ns}><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            f'relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            f'<wp:posOffset>{x_emu}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            f'</wp:positionV><wp:extent cx="{width}" cy="{height}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{n}" name="Text Box {n}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{WPS_NS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
            f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
            f'<a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>{content}</wps:txbx>'
            f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" '
            f'rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
            f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" '
            f'o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            f'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            f'<v:shape id="Text Box {n}" o:spid="_x0000_s{1025 + n}" type="#_x0000_t202" '
            f'style="{style}" stroked="f"><v:textbox>{content}</v:textbox></v:shape>'
            f'</w:pict></mc:Fallback></mc:AlternateContent>')
        return parse_xml(xml)

    # ---------- numbering (Word auto-numbered headings) ----------
    def numbering(self, kind: str) -> int:
        """numId of a heading list: 'arabic' (1., 1.1.) or 'roman' (I., 1.)."""
        if kind in self.num_ids:
            return self.num_ids[kind]
        part = self.doc.part.numbering_part
        root = part.element
        abs_id = 90 + len(self.num_ids)
        num_id = 90 + len(self.num_ids)
        f0, t0, f1, t1 = (("decimal", "%1.", "decimal", "%1.%2.") if kind == "arabic"
                          else ("upperRoman", "%1.", "decimal", "%2."))
        absn = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abs_id}">'
            f'<w:multiLevelType w:val="multilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{f0}"/>'
            f'<w:lvlText w:val="{t0}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{f1}"/>'
            f'<w:lvlText w:val="{t1}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl></w:abstractNum>')
        first_num = root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            root.append(absn)
        root.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
                              f'<w:abstractNumId w:val="{abs_id}"/></w:num>'))
        self.num_ids[kind] = num_id
        return num_id

    def heading(self, h: Heading):
        p = self.para()
        p.paragraph_format.first_line_indent = Mm(10)
        if h.auto:
            num = self.numbering(self.d.habits.get("auto_kind", "arabic"))
            ppr = p._p.get_or_add_pPr()
            numpr = OxmlElement("w:numPr")
            il = OxmlElement("w:ilvl")
            il.set(qn("w:val"), "0" if h.auto == "top" else "1")
            ni = OxmlElement("w:numId")
            ni.set(qn("w:val"), str(num))
            numpr.append(il)
            numpr.append(ni)
            ppr.insert(0, numpr)
            text = h.title
        else:
            text = f"{h.label} {h.title}".strip()
        self.text(p, text, bold=True, italic=h.level == 2 and self.d.habits.get("italic_sub"))

    # ---------- paragraphs ----------
    def body(self, b: Para):
        style = "List Bullet" if b.bullet == "list" else None
        p = self.para(align=b.align or "justify", style=style)
        if style is None:
            p.paragraph_format.first_line_indent = Mm(10)
        prefix = f"{b.bullet} " if b.bullet and b.bullet != "list" else ""
        first = True
        runs = []
        for kind, t in b.segments:
            t = (prefix + t) if first else t
            first = False
            if kind == "n":
                start = len(p.runs)
                self.text(p, t, bold=b.bold, italic=b.italic)
                runs.extend(p.runs[start:])
            else:
                self.tracked(p, kind, t)
        if b.comment and runs:
            self.doc.add_comment(runs[0], text=b.comment, author="Chuyên viên", initials="CV")

    def tracked(self, p, kind: str, text: str):
        self._ids += 1
        tag = "w:ins" if kind == "ins" else "w:del"
        ttag = "w:t" if kind == "ins" else "w:delText"
        el = parse_xml(f'<{tag} xmlns:w="{W_NS}" w:id="{self._ids}" w:author="Văn thư" '
                       f'w:date="2023-05-02T08:00:00Z"><w:r><{ttag} xml:space="preserve">'
                       f"{esc(text)}</{ttag}></w:r></{tag}>")
        p._p.append(el)

    # ---------- tables ----------
    def grid(self, rows: int, cols: int):
        t = self.doc.add_table(rows=rows, cols=cols)
        t.style = self.doc.styles["Table Grid"]
        return t

    def cell(self, cell, text: str, bold=False, align="center", size=11):
        p = cell.paragraphs[0]
        p.alignment = ALIGN[align]
        if text:
            self.text(p, text, bold=bold, size=size)

    def ind_table(self, t: IndTable):
        tb = self.grid(1 + len(t.rows), len(t.header))
        for j, s in enumerate(t.header):
            self.cell(tb.rows[0].cells[j], s, bold=True)
        for i, row in enumerate(t.rows):
            for j, s in enumerate(row):
                self.cell(tb.rows[i + 1].cells[j], s, align="left" if j == len(row) - 3 else
                          "center")

    def stats(self, st: StatsTable):
        sec = self.doc.add_section()
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
        sec.left_margin = sec.right_margin = Mm(15)
        self.para(st.title, "center", bold=True)
        self.para(st.period_line, "center", italic=True)
        body = [r for r in st.rows if r.kind != "note"]
        notes = [r for r in st.rows if r.kind == "note"]
        total = ("total", st.total) if st.total is not None else None
        seq = ([total] if total and st.total_first else []) + [("row", r) for r in body] + \
              ([total] if total and not st.total_first else [])
        parts = [seq]
        if st.split_at and st.split_at < len(seq):
            parts = [seq[: st.split_at], seq[st.split_at:]]
        for pi, part in enumerate(parts):
            with_header = pi == 0 or self.d.habits.get("split_repeat_header")
            tb = self.doc.add_table(rows=0, cols=16)
            tb.style = self.doc.styles["Table Grid"]
            if with_header:
                self.stats_header(tb, st)
            elif st.numbers_row:
                cells = tb.add_row().cells
                for j in range(16):
                    self.cell(cells[j], f"({j + 1})", size=9)
            for kind, r in part:
                cells = tb.add_row().cells
                if kind == "total":
                    self.cell(cells[1], st.total_label, bold=True, align="left", size=10)
                    vals, bold = r, True
                else:
                    self.cell(cells[0], r.stt, bold=r.kind == "group", size=10)
                    self.cell(cells[1], r.label, bold=r.kind == "group", align="left", size=10)
                    vals, bold = r.values, r.kind == "group"
                for j, k in enumerate(STAT_KEYS):
                    zs = st.zero_styles[(j + len(cells[1].text)) % len(st.zero_styles)]
                    self.cell(cells[j + 2], cell_text(vals[k], zs, st.thousands), bold=bold,
                              size=10)
            if pi == 0 and pi + 1 < len(parts):
                self.para().add_run().add_break(WD_BREAK.PAGE)
        for n in notes:
            if self.d.habits.get("notes_in_table"):
                cells = tb.add_row().cells
                m = cells[0].merge(cells[15])
                self.cell(m, n.label, align="left", size=10)
            else:
                self.para(n.label, italic=True)

    def stats_header(self, tb, st: StatsTable):
        lab = ["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Tổng số",
               "Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
               "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
               "Chưa đến hạn", "Quá hạn", "Yêu cầu bổ sung", "Trả lại",
               "Tổng số hồ sơ trả kết quả qua dịch vụ bưu chính công ích"]
        if st.header_kind == "flat":
            flat = list(lab)
            flat[2], flat[7], flat[10] = ("Tổng số hồ sơ nhận", "Tổng số đã giải quyết",
                                          "Tổng số đang giải quyết")
            cells = tb.add_row().cells
            for j, s in enumerate(flat):
                self.cell(cells[j], s, bold=True, size=9)
        else:
            r0, r1, r2 = (tb.add_row().cells for _ in range(3))
            self.cell(r0[2], "Số hồ sơ nhận giải quyết", bold=True, size=9)
            self.cell(r0[7], "Kết quả giải quyết", bold=True, size=9)
            self.cell(r1[3], "Trong đó", bold=True, size=9)
            self.cell(r1[7], "Số hồ sơ đã giải quyết", bold=True, size=9)
            self.cell(r1[10], "Số hồ sơ đang giải quyết", bold=True, size=9)
            for j in (0, 1, 15):
                self.cell(r0[j], lab[j], bold=True, size=9)
            for j in (2, 13, 14):
                self.cell(r1[j], lab[j], bold=True, size=9)
            for j in range(3, 13):
                self.cell(r2[j], lab[j], bold=True, size=9)
            if st.merged_header:
                for j in (0, 1, 15):
                    r0[j].merge(r2[j])
                for j in (2, 13, 14):
                    r1[j].merge(r2[j])
                r0[2].merge(r0[6])
                r0[7].merge(r0[14])
                r1[3].merge(r1[6])
                r1[7].merge(r1[9])
                r1[10].merge(r1[12])
        if st.numbers_row:
            cells = tb.add_row().cells
            for j in range(16):
                self.cell(cells[j], f"({j + 1})", size=9)

    def signature(self, s: Signature):
        t = self.doc.add_table(rows=1, cols=2)
        left, right = t.rows[0].cells
        for i, line in enumerate(s.recipients):
            self.para(line, "left", bold=i == 0, italic=i == 0, size=11, container=left)
        for line in s.title.split("\n"):
            self.para(line, "center", bold=True, container=right)
        for _ in range(3):
            self.para("", container=right)
        self.para(s.name, "center", bold=True, container=right)

    # ---------- whole document ----------
    def render(self, path):
        d = self.d
        if d.header:
            self.header()
        for i, line in enumerate(d.title_lines):
            self.para(line, "center", bold=i == 0 or not d.refused, size=14 if i == 0 else 13)
        for b in d.blocks:
            if isinstance(b, Heading):
                self.heading(b)
            elif isinstance(b, Para):
                self.body(b)
            elif isinstance(b, IndTable):
                self.ind_table(b)
            elif isinstance(b, StatsTable):
                self.stats(b)
            elif isinstance(b, Signature):
                self.signature(b)
        if d.signature:
            self.signature(d.signature)
        self.doc.core_properties.author = "Văn thư"
        self.doc.save(path)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def q(s: str) -> str:
    return '"' + esc(s) + '"'


def write_docx(doc: Doc, path, encoding: str | None = None):
    Writer(doc, encoding).render(path)


__all__ = ["write_docx", "copy"]
