"""Pages read elsewhere: the page runner ocr_pages hands its pages to, and the JSON
form they travel in (the job service stores it in its database)."""

from __future__ import annotations

import numpy as np

from cchc.extractors.ocr.json_pages import page_from_json, page_to_json
from cchc.extractors.ocr.model import OcrCell, OcrPage, OcrTable, OcrWord
from cchc.extractors.ocr.pages import ocr_pages, page_runner


def a_page(number: int, conf: float, readings: int) -> OcrPage:
    i = np.int64  # image arithmetic leaves numpy numbers in boxes
    word = OcrWord("Sở", (i(10), i(20), i(40), i(35)), 91.5, (1, 1, 2))
    cell = OcrCell("1.234", None, (i(0), 0, 50, 20), ink=True)
    table = OcrTable(rows=[[cell, OcrCell("", None, (50, 0, 90, 20))]], bbox=(0, 0, 90, 40),
                     header_rows=1, columns=[1, None], source="positions")
    return OcrPage(number=number, lines=[("SỞ XÂY DỰNG", (i(1), 2, 3, 4), 88.0)],
                   tables=[table], words=[word], mean_confidence=conf, dpi=200, turn=90,
                   skew=np.float64(-0.5), readings=readings)


def test_a_page_comes_back_from_json_as_it_was():
    page = a_page(2, 80.0, 3)
    back = page_from_json(page_to_json(page))
    assert back == page
    assert isinstance(back.words[0].line, tuple) and isinstance(back.lines[0][1], tuple)
    assert isinstance(back.tables[0].rows[0][0].bbox, tuple)
    assert type(page_to_json(page)["words"][0]["bbox"][0]) is int


def read_nothing(task):
    raise AssertionError("the installed runner reads the pages, not this process")


def test_ocr_pages_uses_the_installed_runner_and_weighs_its_pages():
    seen = []

    def runner(read_page, tasks):
        seen.append((read_page, tasks))
        return [a_page(t[1] + 1, conf, n) for t, conf, n in zip(tasks, (90.0, 60.0), (3, 1))]

    tasks = [("scan.pdf", 0, "tesseract"), ("scan.pdf", 1, "tesseract")]
    with page_runner(runner):
        document = ocr_pages(read_nothing, tasks, jobs=2)
    assert seen == [(read_nothing, tasks)]
    assert [p.number for p in document.pages] == [1, 2]
    assert document.mean_confidence == 82.5  # (90×3 + 60×1) / 4
    # outside the block the process's own reading is back
    assert ocr_pages(lambda t: a_page(1, 70.0, 1), [tasks[0]], jobs=1).mean_confidence == 70.0
