"""What OCR makes of a scanned page: words, cells, tables, pages (plain objects).

Shared by the Tesseract runner, the table finder and the statistics mapper, so it
imports none of them: that is what keeps the OCR modules free of import circles.
Coordinates are pixels of the prepared page (upright and levelled) at its dpi.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[int, int, int, int]   # x0, y0, x1, y1


@dataclass
class OcrWord:
    text: str
    bbox: BBox
    conf: float                 # Tesseract's 0–100
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract grouped them


@dataclass
class OcrCell:
    """One cell of a rebuilt table: its words' text, and the lowest word confidence.

    ``conf`` is None for a cell without words; ``ink`` says whether the cell
    nevertheless holds marks (something OCR could not read).
    """

    text: str
    conf: float | None
    bbox: BBox
    ink: bool = False


@dataclass
class OcrTable:
    """A table grid as found on the page (merged cells repeat nothing: one cell per slot).

    ``rows`` are the grid's rows top to bottom; ``header_rows`` counts the rows up to
    and including the "(1) … (n)" numbering row (0 when none was found);
    ``columns`` maps each grid column to the form's column number (1-based) when
    that could be established, else None; ``source`` is "lines" (ruling lines) or
    "positions" (column clustering of word positions).
    """

    rows: list[list[OcrCell]]
    bbox: BBox
    header_rows: int = 0
    columns: list[int | None] = field(default_factory=list)
    source: str = "lines"


@dataclass
class OcrPage:
    """One OCR'd page.

    ``lines``: text lines outside tables as (text, bbox, mean confidence), in reading
    order. ``tables``: the page's tables. ``turn``/``skew``: the correction applied
    (degrees counter-clockwise). ``number``: 1-based page number in the PDF.
    """

    number: int
    lines: list[tuple[str, BBox, float]]
    tables: list[OcrTable]
    words: list[OcrWord]
    mean_confidence: float
    dpi: int
    turn: int = 0
    skew: float = 0.0
    readings: int = 0           # words and sheet-read cells behind mean_confidence
    size: tuple[int, int] = (0, 0)  # the upright image's width and height in pixels


@dataclass
class OcrDocument:
    """What OCR made of a scanned PDF: its pages and the mean word confidence (0–100)."""

    pages: list[OcrPage]
    mean_confidence: float
