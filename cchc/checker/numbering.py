"""The labels Word's automatic numbering prints ("I.", "1.", "a)"), as text.

Headings numbered by Word (w:numPr) carry no number in their text, so the
numbering rule would not see them. The counting is ``cchc.core.docx_numbering``'s
(shared with the extractors); here only which ``numPr`` applies, found through the
checker's own style resolver (the paragraph's, then its style chain's, then its table
style's), and exotic formats give no label: they cannot be compared with the decree's.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from cchc.core.docx_numbering import Numbering as Lists


class Numbering:
    """Counts list levels through a document, paragraph by paragraph, in reading order."""

    def __init__(self, document, resolver):
        self.resolver = resolver
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self.lists = Lists.parse(root)

    def label(self, p) -> str | None:
        num_id, ilvl = self._num_pr(p)
        return self.lists.label(num_id, ilvl, exotic=False)

    def _num_pr(self, p) -> tuple[str | None, int]:
        for ppr in self.resolver.ppr_chain(p)[:-1]:
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = num_pr.find(qn("w:numId"))
                ilvl = num_pr.find(qn("w:ilvl"))
                return (num_id.get(qn("w:val")) if num_id is not None else None,
                        int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0)
        return None, 0
