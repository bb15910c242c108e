"""Word style inheritance: which style a property comes from, through ``w:basedOn``.

A property missing from a paragraph's style is looked up in the style it is based
on, and so on, then in the document defaults. The checker (fonts, sizes, spacing),
the extractors (heading levels, bold, list numbering) and the legacy-encoding
reader (the font that says TCVN3) all need that walk; this is the one copy of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from docx.oxml.ns import qn

T = TypeVar("T")
_ON = ("1", "true", "on")


class StyleSheet:
    """The styles part of one document, indexed once."""

    def __init__(self, styles_element) -> None:
        self.styles = {s.get(qn("w:styleId")): s for s in styles_element.iter(qn("w:style"))}
        self.default_style: dict[str, str] = {}
        for s in self.styles.values():
            if (s.get(qn("w:default")) or "").lower() in _ON:
                self.default_style.setdefault(s.get(qn("w:type")), s.get(qn("w:styleId")))
        defaults = styles_element.find(qn("w:docDefaults"))
        self.rpr_default = _child(defaults, "w:rPrDefault", "w:rPr")
        self.ppr_default = _child(defaults, "w:pPrDefault", "w:pPr")

    @classmethod
    def of(cls, document) -> StyleSheet:
        """The sheet of a python-docx Document."""
        return cls(document.styles.element)

    def chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first (a loop ends it)."""
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def first(self, style_id: str | None, get: Callable[[object], T | None]) -> T | None:
        """The nearest value ``get`` finds along the chain, or None."""
        for style in self.chain(style_id):
            value = get(style)
            if value is not None:
                return value
        return None


def _child(node, *tags):
    for tag in tags:
        if node is None:
            return None
        node = node.find(qn(tag))
    return node
