"""PDF made without LibreOffice (reportlab), as some offices' tools export reports."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.frames import Frame

from .model import STAT_KEYS, Doc, Heading, IndTable, Para, Signature, StatsTable, cell_text
from .xlsx_writer import HEAD

FONT_DIR = "/usr/share/fonts/truetype/liberation2/"
_REG = False


def _fonts():
    global _REG
    if not _REG:
        pdfmetrics.registerFont(TTFont("LS", FONT_DIR + "LiberationSerif-Regular.ttf"))
        pdfmetrics.registerFont(TTFont("LSB", FONT_DIR + "LiberationSerif-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("LSI", FONT_DIR + "LiberationSerif-Italic.ttf"))
        _REG = True


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(doc: Doc, path):
    _fonts()
    st = {"n": ParagraphStyle("n", fontName="LS", fontSize=12.5, leading=16,
                              alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=3),
          "b": ParagraphStyle("b", fontName="LSB", fontSize=12.5, leading=16,
                              firstLineIndent=10 * mm, spaceAfter=3),
          "c": ParagraphStyle("c", fontName="LSB", fontSize=12, leading=15, alignment=TA_CENTER),
          "ci": ParagraphStyle("ci", fontName="LSI", fontSize=12, leading=15,
                               alignment=TA_CENTER),
          "t": ParagraphStyle("t", fontName="LS", fontSize=8, leading=9.5, alignment=TA_CENTER),
          "tl": ParagraphStyle("tl", fontName="LS", fontSize=8, leading=9.5)}
    portrait = Frame(30 * mm, 20 * mm, A4[0] - 45 * mm, A4[1] - 40 * mm, id="p")
    land = Frame(15 * mm, 15 * mm, A4[1] - 30 * mm, A4[0] - 30 * mm, id="l")
    d = BaseDocTemplate(str(path), pagesize=A4, title="Báo cáo", author="Văn thư",
                        pageTemplates=[PageTemplate("P", [portrait], pagesize=A4),
                                       PageTemplate("L", [land], pagesize=landscape(A4))])
    story = []
    h = doc.header
    left = ([h.parent] if h.parent else []) + h.unit_lines + ["–––––", h.number_text]
    right = list(h.motto) + ["––––––––––", h.place_date]
    n = max(len(left), len(right))
    rows = [[Paragraph(esc(left[i]) if i < len(left) else "", st["c"]),
             Paragraph(esc(right[i]) if i < len(right) else "",
                       st["ci"] if i == len(right) - 1 else st["c"])] for i in range(n)]
    story.append(Table(rows, colWidths=[70 * mm, 95 * mm]))
    for line in doc.title_lines:
        story.append(Paragraph(esc(line), st["c"]))
    for b in doc.blocks:
        if isinstance(b, Heading):
            story.append(Paragraph(esc(f"{b.label} {b.title}".strip()), st["b"]))
        elif isinstance(b, Para):
            pre = "• " if b.bullet == "list" else (f"{b.bullet} " if b.bullet else "")
            story.append(Paragraph(esc(pre + b.text), st["n"]))
        elif isinstance(b, IndTable):
            data = [[Paragraph(esc(c), st["tl"]) for c in b.header]]
            data += [[Paragraph(esc(c), st["tl"]) for c in r] for r in b.rows]
            t = Table(data)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)
        elif isinstance(b, Signature):
            first = (b.recipients[0], b.title.split("\n")[0])
            rows = [[Paragraph(esc(x), st["tl"]) for x in first]]
            rows.append([Paragraph(esc("<br/>".join(b.recipients[1:])), st["tl"]),
                         Paragraph(esc(b.name), st["c"])])
            story.append(Table(rows, colWidths=[80 * mm, 85 * mm]))
        elif isinstance(b, StatsTable):
            story += [NextPageTemplate("L"), PageBreak()]
            story.append(Paragraph(esc(b.title), st["c"]))
            story.append(Paragraph(esc(b.period_line), st["ci"]))
            story.append(stats_table(b, st))
            for r in b.rows:
                if r.kind == "note":
                    story.append(Paragraph(esc(r.label), st["ci"]))
            story.append(NextPageTemplate("P"))
    d.build(story)


def stats_table(b: StatsTable, st) -> Table:
    data = [[Paragraph(esc(x), st["t"]) for x in HEAD]]
    data.append([f"({j + 1})" for j in range(16)])
    seq = [r for r in b.rows if r.kind != "note"]
    body = []
    for r in seq:
        body.append([r.stt, Paragraph(esc(r.label), st["tl"])] +
                    [cell_text(r.values[k], b.zero_styles[j % len(b.zero_styles)], b.thousands)
                     for j, k in enumerate(STAT_KEYS)])
    if b.total is not None:
        tot = ["", b.total_label] + [cell_text(b.total[k], b.zero_styles[0], b.thousands)
                                     for k in STAT_KEYS]
        body = [tot] + body if b.total_first else body + [tot]
    t = Table(data + body, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                           ("FONT", (0, 0), (-1, -1), "LS", 8)]))
    return t
