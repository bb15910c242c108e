"""Field accuracy of `cchc extract` on the independent corpus (issue 11), run as a black box.

    python bench/accuracy.py [--half tuned|sealed|both] [--formats docx,pdf] [--jobs N]
                             [--json FILE] [--show-wrong] [--corpus DIR] [--out DIR]

The corpus is built (or reused when its generator is unchanged) by bench.independent.make;
--corpus DIR scores any folder with the same layout instead (files + truth/<file>.json).
Each file goes through `cchc extract FILE` in its own process; stdout is the record, a
non-zero exit is a refusal.

Fields scored, one point each (paths as in the record, contract v1.1):
- unit.name — equal after NFC, casefold, single spaces, "UBND" read as "Ủy ban nhân dân",
  dashes unified and tone marks dropped (so "Uỷ"/"Ủy", "Hoà"/"Hòa" placement does not count).
- document.number — equal ignoring spaces and case; document.date — equal ISO date;
  document.place — equal like unit.name.
- period.from, period.to — equal ISO dates (null = null).
- sections.K for every key K of the truth — present and its text right: over word tokens
  (NFC, casefold, bullets and punctuation dropped), the longest common subsequence covers
  ≥ 90% of the truth's tokens (recall), and ≥ 75% of the extracted tokens are words of the
  truth or of truth/<file>.aux.json's allowance for K (its heading, an indicator table or
  the statistics table printed under it; "5" may also hold 5.1–5.6) — so a section that
  swallows the signature block or an appendix is wrong. Without an aux file, truth only.
  Every non-empty key the record has and the truth lacks is one wrong field.
- indicators.ID.value / .numerator / .denominator for every ID of the truth — value within
  0.1 (the contract's own tolerance between a written percentage and its counts), counts
  equal; an ID whose truth is all null may be absent. Every extra ID with a
  non-null value is one wrong field.
- investment.budget_assigned_vnd, investment.spent_vnd — equal (when the truth has them).
- tthc_stats.row_count — equal number of data rows; tthc_stats.rows[i].stt/.field and the 14
  count cells of every truth row (rows aligned on their field names, so one missing or extra
  row costs only itself); tthc_stats.total.<col> for the 14 columns, or tthc_stats.total
  itself when the truth has none (then the record must have none).
Non-reports (truth {"refused": true}) are not fields: they count as refused or accepted.

Warning flags (scans of the sealed half): a field counts as flagged when a warning with code
`ocr.low_confidence` or `extract.uncertain` has a `where` equal to the field's path or a
prefix of it ("tthc_stats.rows[3]" flags that row's cells). Precision = flagged wrong /
flagged; recall = flagged wrong / wrong; the wrong fields left unflagged are counted.

The last line is `accuracy: X%` for the sealed half (for the only half measured when one
half is asked for). --show-wrong is refused for the sealed half: nobody tunes on it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAT_KEYS = ["received_total", "received_online", "carried_over", "received_direct",
             "received_postal", "resolved_total", "resolved_on_time", "resolved_late",
             "pending_total", "pending_not_due", "pending_overdue", "supplement_requested",
             "returned", "postal_results"]
FLAG_CODES = {"ocr.low_confidence", "extract.uncertain"}
FORMAT_ORDER = ["docx", "pdf", "xlsx", "doc", "scan", "image", "tcvn3/vni"]


# ---------- normalisation ----------
def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or ""))


def norm_name(s) -> str:
    s = _nfc(s).casefold().replace("–", "-").replace("—", "-")
    s = re.sub(r"\bubnd\b", "ủy ban nhân dân", s)
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if c not in "\u0300\u0301\u0303\u0309\u0323")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", d)).strip(" .,:;")


def tokens(s) -> list[str]:
    s = _nfc(s).casefold()
    return re.findall(r"[^\W_]+", s)


def text_ok(truth: str, got, allow: str = "") -> bool:
    """Recall: the common subsequence covers ≥ 90% of the truth's tokens. Precision: ≥ 75% of
    the extracted tokens are the truth's or the allowance's (words printed in that section
    that are not prose: its heading, an indicator table, a statistics table placed there)."""
    a, b = tokens(truth), tokens(got)
    if not a:
        return not b
    if not b:
        return False
    m = sum(x.size for x in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    pool = Counter(a + tokens(allow))
    covered = 0
    for w in b:
        if pool[w] > 0:
            pool[w] -= 1
            covered += 1
    return m / len(a) >= 0.9 and covered / len(b) >= 0.75


# ---------- scoring one record ----------
def score(truth: dict, rec: dict | None, aux: dict | None = None) -> list[dict]:
    """Per-field results [{path, ok, expected, got, epath}] (epath: path in the record)."""
    rec = rec or {}
    allow = (aux or {}).get("section_allow") or {}
    out: list[dict] = []

    def add(path, ok, exp, got, epath=None):
        out.append({"path": path, "ok": bool(ok), "expected": exp, "got": got,
                    "epath": epath or path})

    g = lambda *ks: _get(rec, *ks)  # noqa: E731
    t = lambda *ks: _get(truth, *ks)  # noqa: E731
    add("unit.name", norm_name(t("unit", "name")) == norm_name(g("unit", "name")),
        t("unit", "name"), g("unit", "name"))
    num_t, num_g = t("document", "number"), g("document", "number")
    add("document.number", re.sub(r"\s", "", _nfc(num_t)).casefold()
        == re.sub(r"\s", "", _nfc(num_g)).casefold() and (num_t is None) == (num_g is None),
        num_t, num_g)
    add("document.date", t("document", "date") == g("document", "date"),
        t("document", "date"), g("document", "date"))
    add("document.place", norm_name(t("document", "place")) == norm_name(g("document", "place")),
        t("document", "place"), g("document", "place"))
    for k in ("from", "to"):
        add(f"period.{k}", t("period", k) == g("period", k), t("period", k), g("period", k))
    ts, gs = truth.get("sections") or {}, rec.get("sections") or {}
    for k, v in ts.items():
        add(f"sections.{k}", k in gs and text_ok(v, gs.get(k), allow.get(k, "")), _short(v),
            _short(gs.get(k)))
    for k, v in gs.items():
        if k not in ts and tokens(v):
            add(f"sections.{k}", False, None, _short(v))
    ti, gi = truth.get("indicators") or {}, rec.get("indicators") or {}
    for iid, tv in ti.items():
        gv = gi.get(iid) or {}
        for part in ("value", "numerator", "denominator"):
            e, x = tv.get(part), gv.get(part)
            if part == "value":
                ok = (e is None and x is None) or (e is not None and x is not None
                                                   and abs(float(e) - float(x)) <= 0.1)
            else:
                ok = e == x
            add(f"indicators.{iid}.{part}", ok, e, x)
    for iid, gv in gi.items():
        if iid not in ti and any((gv or {}).get(p) is not None
                                 for p in ("value", "numerator", "denominator")):
            add(f"indicators.{iid}", False, None, gv)
    tinv = truth.get("investment")
    if tinv:
        for k in ("budget_assigned_vnd", "spent_vnd"):
            add(f"investment.{k}", tinv.get(k) == g("investment", k), tinv.get(k),
                g("investment", k))
    if "tthc_stats" in truth:
        score_stats(truth["tthc_stats"] or {}, rec.get("tthc_stats") or {}, add)
    return out


def score_stats(ts: dict, gs: dict, add):
    trows, grows = ts.get("rows") or [], gs.get("rows") or []
    add("tthc_stats.row_count", len(trows) == len(grows), len(trows), len(grows))
    ta = [norm_name(r.get("field")) for r in trows]
    ga = [norm_name(r.get("field")) for r in grows]
    match: dict[int, int] = {}
    for a, b, n in SequenceMatcher(None, ta, ga, autojunk=False).get_matching_blocks():
        for k in range(n):
            match[a + k] = b + k
    # rows whose names differ (OCR) but stand at the same place as an unmatched record row
    used = set(match.values())
    for i in range(min(len(trows), len(grows))):
        if i not in match and i not in used:
            match[i] = i
            used.add(i)
    for i, tr in enumerate(trows):
        j = match.get(i)
        gr = grows[j] if j is not None else {}
        ep = f"tthc_stats.rows[{j}]" if j is not None else f"tthc_stats.rows[?{i}]"
        add(f"tthc_stats.rows[{i}].stt", str(tr.get("stt")) == str(gr.get("stt")),
            tr.get("stt"), gr.get("stt"), ep + ".stt")
        add(f"tthc_stats.rows[{i}].field", norm_name(tr.get("field")) == norm_name(gr.get("field")),
            tr.get("field"), gr.get("field"), ep + ".field")
        for k in STAT_KEYS:
            add(f"tthc_stats.rows[{i}].{k}", tr.get(k) == gr.get(k), tr.get(k), gr.get(k),
                f"{ep}.{k}")
    tt, gt = ts.get("total"), gs.get("total")
    if tt is None:
        add("tthc_stats.total", gt is None, None, gt)
    else:
        for k in STAT_KEYS:
            add(f"tthc_stats.total.{k}", tt.get(k) == (gt or {}).get(k), tt.get(k),
                (gt or {}).get(k))


def _get(d, *ks):
    for k in ks:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _short(s, n=80):
    s = _nfc(s) if s is not None else None
    return s if s is None or len(s) <= n else s[:n] + "…"


def flagged(path: str, warnings: list) -> bool:
    for w in warnings or []:
        where = (w or {}).get("where") or ""
        if (w or {}).get("code") in FLAG_CODES and where and (
                path == where or path.startswith(where + ".") or path.startswith(where + "[")):
            return True
    return False


# ---------- running the extractor ----------
def extract_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("cchc")
    if exe.exists():
        return [str(exe), "extract"]
    found = shutil.which("cchc")
    return [found, "extract"] if found else [sys.executable, "-m", "cchc.cli", "extract"]


def run_one(path: Path, timeout: int) -> tuple[dict | None, int, str, float]:
    t0 = time.time()
    try:
        p = subprocess.run(extract_cmd() + [str(path)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, -1, "timeout", time.time() - t0
    rec = None
    if p.returncode == 0:
        try:
            rec = json.loads(p.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            rec = None
    return rec, p.returncode, p.stderr.decode("utf-8", "replace")[-300:], time.time() - t0


def fmt_of(name: str) -> str:
    """Format row of a file: by the corpus's name prefix, page images apart from scanned PDFs
    (the contract names scanned PDF; TIFF/PNG/JPEG pages are scored in their own row)."""
    stem = name.split("_")[0]
    ext = name.rsplit(".", 1)[-1].lower()
    if ext in ("png", "jpg", "jpeg", "tif", "tiff"):
        return "image"
    if stem in ("tcvn3", "vni"):
        return "tcvn3/vni"
    if stem in ("scan", "docx", "pdf", "xlsx", "doc"):
        return stem
    return ext


def measure(folder: Path, formats: set[str] | None, jobs: int, timeout: int):
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    items = []
    for f in files:
        tp = folder / "truth" / f"{f.name}.json"
        if not tp.exists():
            continue
        truth = json.loads(tp.read_text(encoding="utf-8"))
        ap = folder / "truth" / f"{f.name}.aux.json"
        aux = json.loads(ap.read_text(encoding="utf-8")) if ap.exists() else {}
        fmt = "nonreport" if truth.get("refused") else fmt_of(f.name)
        if formats and fmt not in formats and not (fmt == "nonreport" and "nonreport" in formats):
            continue
        items.append((f, truth, fmt, aux))
    with ThreadPoolExecutor(max(1, jobs)) as ex:
        runs = list(ex.map(lambda it: run_one(it[0], timeout), items))
    results = []
    for (f, truth, fmt, aux), (rec, rc, err, secs) in zip(items, runs):
        r = {"file": f.name, "format": fmt, "rc": rc, "seconds": round(secs, 1)}
        if fmt == "nonreport":
            r["refused"] = rc != 0
        else:
            fields = score(truth, rec, aux)
            warns = (rec or {}).get("warnings") or []
            for x in fields:
                x["flagged"] = flagged(x["epath"], warns)
            r["fields"] = fields
            if rec is None:
                r["error"] = err.strip().splitlines()[-1] if err.strip() else f"exit {rc}"
        results.append(r)
    return results


def summarise(results: list[dict]) -> dict:
    per: dict[str, list[int]] = {}
    for r in results:
        if r["format"] == "nonreport":
            continue
        ok = sum(x["ok"] for x in r["fields"])
        for key in (r["format"], "all"):
            a = per.setdefault(key, [0, 0])
            a[0] += ok
            a[1] += len(r["fields"])
    nr = [r for r in results if r["format"] == "nonreport"]
    return {"per": per, "refused": (sum(r["refused"] for r in nr), len(nr))}


def pct(a, b) -> str:
    return f"{100 * a / b:.1f}%" if b else "–"


def print_half(name: str, results: list[dict], summ: dict, secs: float):
    print(f"== {name}: {len(results)} tệp, {secs:.0f} s")
    print(f"  {'format':10} {'files':>5} {'fields':>7} {'right':>7} {'accuracy':>9}")
    for f in FORMAT_ORDER + sorted(set(summ["per"]) - set(FORMAT_ORDER) - {"all"}) + ["all"]:
        if f not in summ["per"]:
            continue
        ok, n = summ["per"][f]
        nfiles = sum(1 for r in results if f in (r["format"], "all") and r["format"] != "nonreport")
        print(f"  {f:10} {nfiles:>5} {n:>7} {ok:>7} {pct(ok, n):>9}")
    groups: dict[str, list[int]] = {}
    for r in results:
        for x in r.get("fields", []):
            g = groups.setdefault(field_group(x["path"]), [0, 0])
            g[0] += x["ok"]
            g[1] += 1
    if groups:
        print("  by field group: "
              + ", ".join(f"{k} {pct(*v)} ({v[1]})" for k, v in groups.items()))
    a, n = summ["refused"]
    print(f"  non-reports refused: {a}/{n}"
          + "".join(f"  [accepted: {r['file']}]" for r in results
                    if r["format"] == "nonreport" and not r["refused"]))
    failed = [r for r in results if r["format"] != "nonreport" and r.get("error")]
    for r in failed:
        print(f"  no record: {r['file']} ({r['error'][:120]})")


def field_group(path: str) -> str:
    head = path.split(".")[0]
    return "header" if head in ("unit", "document", "period") else head


def flag_stats(results: list[dict]) -> str:
    fields = [x for r in results if r["format"] == "scan" for x in r["fields"]]
    flagged_ = [x for x in fields if x["flagged"]]
    wrong = [x for x in fields if not x["ok"]]
    fw = [x for x in wrong if x["flagged"]]
    return (f"sealed scans warnings: precision {pct(len(fw), len(flagged_))} "
            f"({len(fw)}/{len(flagged_)} flagged are wrong), recall {pct(len(fw), len(wrong))} "
            f"({len(fw)}/{len(wrong)} wrong are flagged); wrong unflagged: {len(wrong) - len(fw)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Field accuracy of cchc extract (issue 11).")
    ap.add_argument("--half", choices=["tuned", "sealed", "both"], default="both")
    ap.add_argument("--formats", help="docx,pdf,xlsx,doc,scan,tcvn3/vni,nonreport")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", dest="json_out")
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--corpus", help="score this folder (files + truth/) instead")
    ap.add_argument("--out", default=str(ROOT / "out" / "independent"))
    ap.add_argument("--timeout", type=int, default=600)
    a = ap.parse_args(argv)
    if a.show_wrong and a.half != "tuned" and not a.corpus:
        print("Lỗi: --show-wrong chỉ dùng cho nửa tuned (--half tuned); nửa sealed chỉ được đo, "
              "không được xem từng trường sai.", file=sys.stderr)
        return 2
    formats = set(a.formats.split(",")) if a.formats else None
    if a.corpus:
        folders = {"corpus": Path(a.corpus)}
    else:
        from bench.independent.make import ensure
        halves = ["tuned", "sealed"] if a.half == "both" else [a.half]
        t0 = time.time()
        folders = ensure(Path(a.out), halves)
        print(f"corpus ready in {time.time() - t0:.0f} s", file=sys.stderr)
    all_results, summaries = {}, {}
    for half, folder in folders.items():
        t0 = time.time()
        res = measure(folder, formats, a.jobs, a.timeout)
        all_results[half], summaries[half] = res, summarise(res)
        print_half(half, res, summaries[half], time.time() - t0)
        if a.show_wrong:
            for r in res:
                for x in r.get("fields", []):
                    if not x["ok"]:
                        print(f"    {r['file']}: {x['path']}: expected {x['expected']!r}, "
                              f"got {x['got']!r}")
    if "sealed" in all_results:
        print(flag_stats(all_results["sealed"]))
    if "tuned" in summaries and "sealed" in summaries:
        for f in FORMAT_ORDER + ["all"]:
            t, s = summaries["tuned"]["per"].get(f), summaries["sealed"]["per"].get(f)
            if t and s and t[1] and s[1]:
                print(f"gap tuned−sealed {f}: {100 * (t[0] / t[1] - s[0] / s[1]):+.1f} points")
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(all_results, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    last = "sealed" if "sealed" in summaries else next(iter(summaries))
    ok, n = summaries[last]["per"].get("all", [0, 0])
    print(f"accuracy: {100 * ok / n:.1f}%" if n else "accuracy: 0.0%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
