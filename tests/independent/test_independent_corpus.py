"""The independent corpus generator (bench/independent) is deterministic, its truths follow
the record contract, and the legacy encoders agree with the public code charts."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.independent import habits, legacy, make, words  # noqa: E402
from bench.independent.compose import Composer  # noqa: E402
from bench.independent.docx_writer import write_docx  # noqa: E402
from bench.independent.xlsx_writer import write_xlsx  # noqa: E402

SCHEMA = json.loads((Path(make.HERE) / "record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _docs(half: str, n: int):
    rng = random.Random(make.SEEDS[half])
    plan = [e for e in habits.plan(half, rng) if e["fmt"] != "nonreport"]
    pool = make.pool_for(half)
    for i, e in enumerate(plan[:n]):
        erng = random.Random(f"{make.SEEDS[half]}-{i}-{e['fmt']}")
        yield e, Composer(erng, pool, e["habits"], e["name"]).build(e.get("stats_place", "end"))


def _docx_text_hash(path: Path) -> str:
    """Hash of the document XML (the zip container carries timestamps, the XML does not)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return hashlib.sha256(z.read("word/document.xml")).hexdigest()


def test_generation_is_deterministic(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    (e1, d1), = list(_docs("tuned", 1))
    (e2, d2), = list(_docs("tuned", 1))
    assert d1.truth == d2.truth
    write_docx(d1, a)
    write_docx(d2, b)
    assert _docx_text_hash(a) == _docx_text_hash(b)


def test_halves_differ():
    (_, t), = list(_docs("tuned", 1))
    (_, s), = list(_docs("sealed", 1))
    assert t.truth != s.truth


@pytest.mark.parametrize("half", ["tuned", "sealed"])
def test_every_truth_follows_the_contract(half):
    n = 0
    for e, d in _docs(half, 100):
        errors = list(VALIDATOR.iter_errors(d.truth))
        assert not errors, f"{e['name']}: {errors[0].message}"
        n += 1
        rows = d.truth["tthc_stats"]["rows"]
        total = d.truth["tthc_stats"]["total"]
        if total:
            for k in total:
                assert total[k] == sum(r[k] for r in rows), (e["name"], k)
        for r in rows:
            assert r["received_total"] == (r["received_online"] + r["carried_over"]
                                           + r["received_direct"] + r["received_postal"])
            assert r["resolved_total"] == r["resolved_on_time"] + r["resolved_late"]
            assert r["pending_total"] == r["pending_not_due"] + r["pending_overdue"]
    assert n >= 40


def test_refusal_truth_validates():
    assert not list(VALIDATOR.iter_errors({"refused": True}))
    assert list(VALIDATOR.iter_errors({"refused": False}))


def test_truth_text_is_printed_in_the_docx(tmp_path):
    """Every section text and the unit name of the truth appear in the Word file's XML."""
    from docx import Document

    for e, d in _docs("tuned", 3):
        if e["fmt"] != "docx":
            continue
        p = tmp_path / f"{e['name']}.docx"
        write_docx(d, p)
        doc = Document(str(p))
        body = "\n".join(x.text for x in doc.paragraphs)
        for key, text in d.truth["sections"].items():
            for line in text.splitlines():
                assert line in body or e["habits"].get("tracked"), (e["name"], key, line)


def test_xlsx_keeps_sections_after_indicator_tables(tmp_path):
    from openpyxl import load_workbook

    for e, d in _docs("tuned", 40):
        if e["fmt"] == "xlsx" and e["habits"]["ind_style"] != "prose":
            p = tmp_path / "r.xlsx"
            write_xlsx(d, p, random.Random(1))
            cells = [str(c.value) for ws in load_workbook(p) for row in ws.iter_rows()
                     for c in row if c.value is not None]
            last = d.truth["sections"]["9"].splitlines()[-1]
            assert any(last in c for c in cells)
            return
    pytest.fail("no XLSX file with an indicator table in the plan")


@pytest.mark.parametrize("text,tcvn3,vni", [
    ("Cải cách", "C¶i c¸ch", "Caûi caùch"),
    ("hành chính", "hµnh chÝnh", "haønh chính"),
    ("đổi mới", "®æi míi", "ñoåi môùi"),
    ("ưu tiên", "\xadu tiªn", "öu tieân"),
    ("Ẩm", None, "AÅm"),
])
def test_legacy_encoders_follow_the_charts(text, tcvn3, vni):
    if tcvn3 is not None:
        assert "".join(t for t, _ in legacy.tcvn3_runs(text)) == tcvn3
    assert legacy.vni(text) == vni


def test_tcvn3_uppercase_toned_letters_use_the_h_font():
    runs = legacy.tcvn3_runs("ỦY")
    assert runs[0] == ("ñ", True) and runs[1] == ("Y", False)


def test_every_class_of_the_issue_is_planned():
    for half in ("tuned", "sealed"):
        plan = habits.plan(half, random.Random(make.SEEDS[half]))
        hs = [e["habits"] for e in plan if "habits" in e]
        assert {h["header_layout"] for h in hs} >= {"table", "textbox", "paragraphs"}
        assert {h["outline"] for h in hs} >= {"plain", "wrapped", "renumbered", "roman", "auto"}
        assert {h["groups"] for h in hs} == {"none", "level", "field"}
        assert {h["total"] for h in hs} == {"first", "last"}
        assert any(h.get("tracked") for h in hs) and any(h.get("comments") for h in hs)
        assert any(h["thousands"] == " " for h in hs)
        assert {"-", "–", "—", "0", "không", ""} <= {z for h in hs for z in h["zero_styles"]}
        fmts = {e["fmt"] for e in plan}
        assert fmts >= {"docx", "pdf", "pdf-rl", "xlsx", "doc", "scan", "tcvn3", "vni",
                        "nonreport"}
        assert sum(e["fmt"] == "nonreport" for e in plan) >= 6
    assert words.PROVINCE == "Bắc Giang"


def test_scan_pipeline_makes_page_images(tmp_path):
    """OCR-free check of the scan step: a typed PDF becomes a multi-page scanned PDF."""
    pytest.importorskip("reportlab")
    from bench.independent import rl_pdf, scan

    (e, d), = list(_docs("tuned", 1))
    pdf = tmp_path / "a.pdf"
    rl_pdf.write_pdf(d, pdf)
    out = tmp_path / "s.pdf"
    scan.make_scan(pdf, out, {"dpi": 100, "skew": 1.0, "noise": 5, "jpeg": 60, "stamp": True},
                   random.Random(3))
    assert out.stat().st_size > 10_000
