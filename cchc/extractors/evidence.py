"""Where each extracted value came from and how it was read (record contract v1.2).

A reviewer who is told "check this figure" needs to find it in the original at a glance:
the evidence names the block of the document model it was read from (and the page and
its box where the reader knows them, the table row and column for a cell) with the words
that gave it, and how it was read — the rule, an exact or a fuzzy match, printed or
computed, OCR's confidence. Interpreters add entries as they read; nothing here guesses
a place after the fact.
"""

from __future__ import annotations

from cchc.core.vn import clean

SNIPPET = 160  # characters of the source text kept: enough to find it on the page


class Evidence(dict):
    """Value path (``indicators.x.value``, ``tthc_stats.rows[3]``) → where and how."""

    def add(self, path: str, block, text: str | None = None, *, rule: str,
            fuzzy: bool = False, computed: bool | None = None, row: int | None = None,
            col: int | None = None) -> None:
        """Record one value's source; the first reading of a path is the one kept."""
        if block is None or path in self:
            return
        entry: dict = {"block": block.index if block.index is not None else 0}
        if block.page is not None:
            entry["page"] = block.page
        if block.box is not None and row is None:
            entry["box"] = list(block.box)
        if row is not None:
            entry["row"] = row
        if col is not None:
            entry["col"] = col
        snippet = clean(text or "")[:SNIPPET]
        if snippet:
            entry["text"] = snippet
        entry["rule"] = rule
        entry["match"] = "fuzzy" if fuzzy else "exact"
        if computed is not None:
            entry["value"] = "computed" if computed else "printed"
        conf = getattr(block, "conf", None)
        if conf is not None:
            entry["confidence"] = round(min(max(conf / 100, 0.0), 1.0), 3)
        self[path] = entry

    def for_record(self, record: dict) -> dict:
        """Only entries whose value the record holds (not null), in a stable order."""
        return {path: self[path] for path in sorted(self) if _present(record, path)}


def number_blocks(blocks: list) -> None:
    """Give each block its position, once, before anything interprets (or joins) them."""
    for i, block in enumerate(blocks):
        if block.index is None:
            block.index = i


def _present(record: dict, path: str) -> bool:
    """Whether the record holds a value at ``path``; keys may hold dots ("sections.5.1")."""
    node, parts = record, path.replace("]", "").replace("[", ".").split(".")
    while parts:
        if isinstance(node, list):
            if not parts[0].isdigit() or int(parts[0]) >= len(node):
                return False
            node, parts = node[int(parts[0])], parts[1:]
            continue
        if not isinstance(node, dict):
            return False
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in node:
                node, parts = node[key], parts[n:]
                break
        else:
            return False
    return node is not None and node != {} and node != []


HEADER_PATHS = {"unit": "unit.name", "number": "document.number", "date": "document.date",
                "place": "document.place"}


def from_header(evidence: Evidence, sources: dict) -> None:
    for key, (block, line) in sources.items():
        evidence.add(HEADER_PATHS[key], block, line, rule=f"header.{key}")


def from_sections(evidence: Evidence, spans) -> None:
    for span in spans:
        if span.key is not None and span.head is not None:
            evidence.add(f"sections.{span.key}", span.head, span.heading,
                         rule="section.heading", fuzzy=span.uncertain)


def from_indicators(evidence: Evidence, sources: dict, raw: dict, final: dict,
                    doubts: tuple[set, set]) -> None:
    """Each indicator's clause; its rate is ``printed`` when written, ``computed`` when
    only its counts were (the contract: a printed rate wins)."""
    weak, outside = doubts
    for ind_id, (block, row, text) in sources.items():
        printed = raw.get(ind_id, {}).get("value") is not None
        known = final.get(ind_id, {}).get("value") is not None
        rule = "indicator.outside_section" if ind_id in outside else "indicator.phrase"
        evidence.add(f"indicators.{ind_id}", block, text, rule=rule, fuzzy=ind_id in weak,
                     computed=False if printed else (True if known else None), row=row)


def from_investment(evidence: Evidence, sources: dict, broken: set) -> None:
    for kind, (block, row, text) in sources.items():
        rule = "investment.summed_rows" if kind in broken and row is None else "investment.amount"
        evidence.add(f"investment.{kind}", block, text, rule=rule, fuzzy=kind in broken,
                     row=row)


def from_stats(evidence: Evidence, sources: dict) -> None:
    """The table itself (its page and box) and each row of it (table block, row index)."""
    rows = {k: v for k, v in sources.items() if k != "columns"}
    if rows:
        first = next(iter(rows.values()))[0]
        evidence.add("tthc_stats", first, None, rule="stats.form_columns")
    for path, (block, r) in rows.items():
        evidence.add(path, block, _row_text(block.rows[r][:4]), rule="stats.row", row=r)


def _row_text(cells: list[str]) -> str:
    """The row's first cells; a merged cell (repeated in each cell it covers) once."""
    out: list[str] = []
    for cell in cells:
        if cell.strip() and (not out or out[-1] != cell):
            out.append(cell)
    return " | ".join(out)
