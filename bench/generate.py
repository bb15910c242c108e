"""Documents per second: cchc's cached renderer against plain docxtpl on one template.

Plain docxtpl loads, renders and saves each document from scratch; cchc compiles
the template once and renders every notice from it. Both get the same template
and data, and the script checks that their documents have identical text.

    python bench/generate.py [N]
"""

from __future__ import annotations

import copy
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from cchc import (
    examples,  # noqa: E402
    templates,  # noqa: E402
)
from cchc.generator.context import conclusion_context  # noqa: E402
from cchc.generator.render import CompiledTemplate, SafeEnvironment  # noqa: E402


def contexts(n: int) -> list[dict]:
    base = json.loads(examples.path("conclusion").read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        data = copy.deepcopy(base)
        data["number"] = i + 1
        data["unit"]["name"] = f"UBND xã số {i + 1}"
        out.append(conclusion_context(data))
    return out


def text(blob: bytes) -> str:
    d = docx.Document(io.BytesIO(blob))
    return "\n".join([p.text for p in d.paragraphs]
                     + [c.text for t in d.tables for r in t.rows for c in r.cells])


def plain(path: Path, ctx: dict) -> bytes:
    tpl = DocxTemplate(path)
    tpl.render(ctx, jinja_env=SafeEnvironment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    path = templates.path("conclusion")
    ctxs = contexts(n)

    start = time.perf_counter()
    plain_docs = [plain(path, c) for c in ctxs]
    plain_s = time.perf_counter() - start

    start = time.perf_counter()
    compiled = CompiledTemplate(path)
    fast_docs = [compiled.render(c) for c in ctxs]
    fast_s = time.perf_counter() - start

    same = all(text(a) == text(b) for a, b in zip(plain_docs[:20], fast_docs[:20]))
    print(f"documents: {n} notices from {path.name}")
    print(f"plain docxtpl: {n / plain_s:.1f} documents/s")
    print(f"cchc: {n / fast_s:.1f} documents/s")
    print(f"identical text (first 20): {'yes' if same else 'NO'}")
    print(f"ratio: {plain_s / fast_s:.2f}")


if __name__ == "__main__":
    main()
