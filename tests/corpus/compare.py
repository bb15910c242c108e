"""Field-by-field comparison of an extracted record with a corpus expectation."""

from __future__ import annotations


def differences(record: dict, expected: dict) -> list[str]:
    out: list[str] = []

    def eq(label, got, want):
        if got != want:
            out.append(f"{label}: got {got!r}, want {want!r}")

    eq("source.file", record["source"]["file"], expected["source"]["file"])
    eq("source.format", record["source"]["format"], expected["source"]["format"])
    eq("unit.name", record["unit"]["name"], expected["unit"]["name"])
    for k in ("number", "date", "place"):
        eq(f"document.{k}", record["document"][k], expected["document"][k])
    eq("period", record.get("period"), expected["period"])
    eq("section keys", list(record["sections"]), expected["section_keys"])
    bodies = expected["section_body"]
    for key, text in record["sections"].items():
        for other, sentence in bodies.items():
            inside = sentence in text
            if other == key and not inside:
                out.append(f"sections.{key}: lacks its own sentence")
            if other != key and inside:
                out.append(f"sections.{key}: holds the sentence of {other}")
    for key, text in record["sections"].items():
        for outside in ("Thực hiện Kế hoạch số 33/KH-UBND", "Trên đây là báo cáo", "Nơi nhận"):
            if outside in text:
                out.append(f"sections.{key}: holds intro/closing text {outside!r}")
    want_ind = expected["indicators"]
    for ind in sorted(set(want_ind) | set(record["indicators"])):
        eq(f"indicators.{ind}", record["indicators"].get(ind), want_ind.get(ind))
    eq("investment", record.get("investment"), expected["investment"])
    got_stats, want_stats = record.get("tthc_stats"), expected["tthc_stats"]
    if want_stats is None or got_stats is None:
        eq("tthc_stats", got_stats, want_stats)
    else:
        eq("tthc_stats.rows count", len(got_stats["rows"]), len(want_stats["rows"]))
        for i, (g, w) in enumerate(zip(got_stats["rows"], want_stats["rows"], strict=False)):
            for k in w:
                eq(f"tthc_stats.rows[{i}].{k}", g.get(k), w[k])
        eq("tthc_stats.total", got_stats["total"], want_stats["total"])
    got_w = sorted((w["code"], w["where"]) for w in record["warnings"])
    want_w = sorted((w["code"], w["where"]) for w in expected["warnings"])
    eq("warnings", got_w, want_w)
    return out
