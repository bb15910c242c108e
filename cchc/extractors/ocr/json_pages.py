"""One OCR'd page as plain JSON and back, for pages read on another machine.

The job service stores each page's result in its database (words, boxes,
confidences, the rebuilt tables; never the page image) and hands the pages back
to the extractor as the same :class:`OcrPage` objects the local process pool
returns. Boxes and Tesseract's line keys are tuples again on the way back (the
reader groups words by line key, and tables are found again by equality).
Fields added to the model later pass through as they are.
"""

from __future__ import annotations

import dataclasses
import json

from cchc.extractors.ocr.model import OcrCell, OcrPage, OcrTable, OcrWord


def _plain(value):
    """numpy scalars (from the image arithmetic) as Python numbers."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


def page_to_json(page: OcrPage) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(page), default=_plain))


def _word(d: dict) -> OcrWord:
    return OcrWord(**{**d, "bbox": tuple(d["bbox"]), "line": tuple(d["line"])})


def _cell(d: dict) -> OcrCell:
    return OcrCell(**{**d, "bbox": tuple(d["bbox"])})


def _table(d: dict) -> OcrTable:
    return OcrTable(**{**d, "bbox": tuple(d["bbox"]),
                       "rows": [[_cell(c) for c in row] for row in d["rows"]]})


def page_from_json(d: dict) -> OcrPage:
    return OcrPage(**{
        **d,
        "lines": [(text, tuple(box), conf) for text, box, conf in d["lines"]],
        "tables": [_table(t) for t in d["tables"]],
        "words": [_word(w) for w in d["words"]],
        "size": tuple(d.get("size") or (0, 0))})
