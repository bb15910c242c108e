"""Which writer habits each generated file gets.

Every class in issue 11 appears in each half: habits cycle through their options (so each
option is used) and are combined at random with the half's seed, so the two halves share
the families of habits but not the combinations.
"""

from __future__ import annotations

import random

LAYOUTS = ["table", "textbox", "paragraphs", "tabs"]
KINDS = ["dept", "district", "commune"]
OUTLINES = ["plain", "wrapped", "renumbered", "roman", "letter", "auto", "auto_roman"]
BULLETS = ["-", "+", "list", "mixed", "none", "•"]
IND = ["prose", "table", "mixed"]
INVEST = ["ty", "trieu", "full", "full_d", "none"]
ZEROS = [[""], ["-"], ["–"], ["—"], ["0"], ["không"], ["", "-", "0"], ["—", ""]]
THOUSANDS = [".", " ", ""]
GROUPS = ["none", "level", "field"]
DATES = ["long_pad", "long", "slash", "slash_pad"]

COUNTS = {"docx": 14, "pdf": 5, "pdf-rl": 2, "xlsx": 6, "doc": 4, "scan": 7, "tcvn3": 2,
          "vni": 1}
SEALED_COUNTS = dict(COUNTS, tcvn3=1, vni=2)
SCAN_KINDS = [
    {"dpi": 300, "skew": 0.4, "noise": 4, "jpeg": 85},
    {"dpi": 200, "skew": 1.2, "noise": 10, "jpeg": 55, "stamp": True},
    {"dpi": 250, "skew": -0.8, "noise": 6, "jpeg": 70, "stamp": True},
    {"dpi": 150, "phone": True, "jpeg": 60},
    {"dpi": 200, "skew": 0.6, "noise": 8, "jpeg": 65, "ext": "tiff"},
    {"dpi": 300, "skew": -1.5, "noise": 5, "jpeg": 75, "stamp": True},
    {"dpi": 200, "skew": 0.3, "noise": 12, "jpeg": 50},
]


def _habits(rng: random.Random, i: int, fmt: str) -> dict:
    outline = OUTLINES[i % len(OUTLINES)]
    h = {
        "unit_kind": KINDS[i % 3],
        "header_layout": LAYOUTS[(i + i // 4) % 4],
        "number_style": rng.randrange(5),
        "date_style": DATES[i % 4],
        "period_style": rng.choice(DATES),
        "outline": "auto" if outline.startswith("auto") else outline,
        "auto_kind": "roman" if outline == "auto_roman" else "arabic",
        "bullets": BULLETS[(i * 5) % len(BULLETS)],
        "ind_style": IND[i % 3],
        "ind_thousands": rng.choice([".", "."]),
        "invest": INVEST[(i * 3) % len(INVEST)],
        "zero_styles": ZEROS[i % len(ZEROS)],
        "thousands": THOUSANDS[(i // 2) % 3],
        "groups": GROUPS[(i // 3) % 3],
        "total": ["last", "first", "last"][i % 3],
        "notes": i % 4 == 1,
        "notes_in_table": i % 8 == 1,
        "split_at": rng.choice([None, None, 4, 5]),
        "split_repeat_header": rng.random() < 0.4,
        "stats_header": "flat" if i % 5 == 4 else "form",
        "numbers_row": i % 6 != 5,
        "tracked": i % 3 == 2,
        "comments": i % 4 == 3,
        "upper_headings": rng.random() < 0.3,
        "sub8_numbered": rng.random() < 0.5,
        "intro5": rng.random() < 0.6,
        "omit_district": rng.random() < 0.6,
        "italic_sub": rng.random() < 0.5,
    }
    if outline == "renumbered":
        h["skip"] = [rng.choice(["3", "4", "6"])]
    elif rng.random() < 0.2 and outline in ("plain", "roman"):
        h["skip"] = ["6"]
    if fmt in ("xlsx", "pdf-rl") and h["header_layout"] == "textbox":
        h["header_layout"] = "table"
    if fmt == "scan":
        h["compact"] = True
        h["stats_rows"] = rng.randint(3, 5)
        h["header_layout"] = ["table", "tabs", "table", "paragraphs"][i % 4]
        h["tracked"] = h["comments"] = False
        h["bullets"] = rng.choice(["-", "+", "none"])
    if fmt in ("pdf", "pdf-rl", "xlsx"):
        h["tracked"] = False  # a PDF printed with markup would show the deleted words
    if fmt in ("tcvn3", "vni"):
        h["tracked"] = False
        h["header_layout"] = rng.choice(["table", "paragraphs", "textbox"])
    return h


def plan(half: str, rng: random.Random) -> list[dict]:
    counts = SEALED_COUNTS if half == "sealed" else COUNTS
    out: list[dict] = []
    offset = 0 if half == "tuned" else 3
    for fmt, n in counts.items():
        for j in range(n):
            i = offset + len(out)
            e = {"fmt": fmt, "name": f"{fmt.replace('-', '_')}_{j + 1:02d}",
                 "habits": _habits(rng, i, fmt)}
            if fmt == "docx" and j % 3 == 1:
                e["producer"] = "libreoffice"
            if fmt in ("docx", "pdf") and j % 5 == 2:
                e["stats_place"] = "section2"
            if fmt == "scan":
                e["scan"] = dict(SCAN_KINDS[j % len(SCAN_KINDS)])
            out.append(e)
    from .nonreports import KINDS as NR_KINDS
    kinds = NR_KINDS[half]
    for j, k in enumerate(kinds):
        out.append({"fmt": "nonreport", "name": f"nonreport_{j + 1:02d}_{k}", "kind": k})
    return out
