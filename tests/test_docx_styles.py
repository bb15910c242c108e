"""The one walk through Word's style inheritance (cchc.core.docx_styles)."""

from __future__ import annotations

from lxml import etree

from cchc.core.docx_styles import StyleSheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sheet(body: str) -> StyleSheet:
    return StyleSheet(etree.fromstring(f'<w:styles xmlns:w="{W}">{body}</w:styles>'))


def _font(st):
    f = st.find(f"{{{W}}}rPr/{{{W}}}rFonts")
    return f.get(f"{{{W}}}ascii") if f is not None else None


SHEET = _sheet(
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault>'
    '</w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr>'
    '<w:rFonts w:ascii=".VnTime"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Body"/><w:rPr>'
    '<w:rFonts w:ascii=".VnTimeH"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>')


def test_nearest_value_wins_along_based_on():
    assert SHEET.first("Title", _font) == ".VnTimeH"
    assert SHEET.first("Body", _font) == ".VnTime"
    assert [s.get(f"{{{W}}}styleId") for s in SHEET.chain("Title")] == ["Title", "Body",
                                                                         "Normal"]


def test_a_loop_or_an_unknown_style_ends_the_walk():
    assert [s.get(f"{{{W}}}styleId") for s in SHEET.chain("A")] == ["A", "B"]
    assert SHEET.first("A", _font) is None
    assert SHEET.chain("Missing") == [] and SHEET.chain(None) == []


def test_defaults():
    assert SHEET.default_style == {"paragraph": "Normal"}
    assert SHEET.rpr_default is not None and SHEET.ppr_default is None
