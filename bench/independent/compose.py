"""Compose one unit self-report (a Doc plus its truth record) from a set of writer habits.

Habits are chosen by make.py so that every class of the issue is covered in each half;
wording comes from the half's pool (words.py or sealed/words.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .model import (
    STAT_KEYS,
    Doc,
    Header,
    Heading,
    IndTable,
    Para,
    Signature,
    StatsRow,
    StatsTable,
    fmt_int,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
TOP_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
SUB_KEYS = ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
DISTRICT_ONLY = {"commune_portal_ratio", "ecommerce_retail_share", "e_invoice_ratio",
                 "ocop_ecommerce_ratio", "smartphone_ratio", "fiber_household_ratio",
                 "eid_adult_ratio"}
IND_SECTION = {"5.2": ["ecommerce_retail_share", "e_invoice_ratio", "ocop_ecommerce_ratio"],
               "5.3": ["smartphone_ratio", "fiber_household_ratio", "eid_adult_ratio"],
               "5.4": ["infosec_level_approved_ratio", "infosec_compliant_ratio"]}
DEN_RANGE = {"DVC": (40, 480), "hồ sơ": (300, 9000), "giao dịch": (50, 3000), "TTHC": (40, 400),
             "văn bản": (1500, 25000), "báo cáo": (10, 60), "cuộc": (2, 20), "xã": (10, 25),
             "người": (25, 320), "hệ thống": (1, 6)}


def vn_pct(v: float, decimals: int) -> str:
    s = f"{v:.{decimals}f}"
    if decimals and s.endswith("0" * decimals):
        s = s.split(".")[0]
    return s.replace(".", ",")


def vn_date(d: date, style: str) -> str:
    """Date as written after 'ngày': long/long_pad/slash/slash_pad."""
    if style == "long_pad":
        return f"{d.day:02d} tháng {d.month} năm {d.year}"
    if style == "long":
        return f"{d.day} tháng {d.month} năm {d.year}"
    if style == "slash_pad":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day}/{d.month}/{d.year}"


class Composer:
    def __init__(self, rng: random.Random, pool, habits: dict, name: str):
        self.rng, self.pool, self.h, self.name = rng, pool, habits, name
        self.truth: dict = {"kind": "unit_report", "schema_version": 1}
        self.sections: dict[str, list[str]] = {}
        self.blocks: list = []
        self.cur_key: str | None = None
        self.allow: dict[str, list[str]] = {}

    # ---------- unit and header ----------
    def unit(self):
        r, p, kind = self.rng, self.pool, self.h["unit_kind"]
        if kind == "dept":
            lines, sym, place = r.choice(p.DEPARTMENTS)
            parent = r.choice(p.PARENTS)
            for prov in ("LẠNG SƠN", "THÁI NGUYÊN"):
                if parent.endswith(prov):
                    place = prov.title().replace("Sơn", "Sơn")
            self.self_name = "Sở" if lines[0].startswith("SỞ") else "Cơ quan"
        elif kind == "district":
            dname, _ = r.choice(p.DISTRICTS)
            up = f"{p.DISTRICT_KIND} {dname.upper()}"
            lines = r.choice([[f"UBND {up}"], ["ỦY BAN NHÂN DÂN", up], ["UỶ BAN NHÂN DÂN", up]])
            parent, sym, place = None, "UBND", dname
            self.self_name = f"UBND {p.DISTRICT_KIND.lower()} {dname}"
        else:
            dname, communes = r.choice(p.DISTRICTS)
            cname = r.choice(communes)
            parent = f"UBND {p.DISTRICT_KIND} {dname.upper()}"
            up = cname.upper()
            lines = r.choice([[f"UBND XÃ {up}"], [f"ỦY BAN NHÂN DÂN XÃ {up}"]])
            sym, place = "UBND", cname
            self.self_name = f"UBND xã {cname}"
        self.kind, self.symbol, self.place = kind, sym, place
        return parent, lines

    def header(self) -> Header:
        r, h = self.rng, self.h
        parent, lines = self.unit()
        num = r.randint(8, 390)
        number = f"{num}/BC-{self.symbol}"
        style = h.get("number_style", 0)
        number_text = [f"Số: {number}", f"Số: {num} /BC-{self.symbol}", f"Số:{number}",
                       f"Số {number}", f"Số: {num}/BC-{self.symbol}"][style % 5]
        self.doc_date = date(2023, r.randint(4, 10), r.randint(1, 28))
        ds = h.get("date_style", "long_pad")
        if ds.startswith("slash"):
            pd = f"{self.place}, ngày {vn_date(self.doc_date, ds)}"
        else:
            pd = f"{self.place}, ngày {vn_date(self.doc_date, ds)}"
        self.truth["unit"] = {"name": " ".join(lines)}
        self.truth["document"] = {"number": number, "date": self.doc_date.isoformat(),
                                  "place": self.place}
        return Header(parent, lines, number_text, pd, h.get("header_layout", "table"))

    # ---------- text ----------
    def fill(self, s: str) -> str:
        r = self.rng
        k = r.randint(2, 24)
        return s.format(n=r.randint(10, 250), k=k, m=r.randint(k, k + 30), sym=self.symbol,
                        d=vn_date(date(2023, r.randint(1, 3), r.randint(1, 28)), "slash_pad"))

    def para(self, text: str, bullet=None, **kw) -> Para:
        p = Para([("n", text)], bullet=bullet, **kw)
        self.add_para(p)
        return p

    def add_para(self, p: Para):
        self.blocks.append(p)
        if self.cur_key:
            self.sections.setdefault(self.cur_key, []).append(p.text)

    def body(self, key: str, lo=1, hi=3):
        r = self.rng
        pool = self.pool.SENTENCES.get(key, [])
        if not pool:
            return
        n = min(len(pool), r.randint(lo, hi) if not self.h.get("compact") else 1)
        for s in r.sample(pool, n):
            self.para(self.fill(s), bullet=self.bullet())

    def bullet(self):
        b = self.h.get("bullets", "-")
        if b == "mixed":
            return self.rng.choice(["-", "+", None, "list"])
        return None if b == "none" else b

    # ---------- headings ----------
    def heading(self, key: str | None, label: str, title: str, level: int, auto=None):
        self.blocks.append(Heading(key, label, title, level, auto))
        if key is not None:
            self.cur_key = key
            self.allow.setdefault(key, []).append(f"{label} {title}")

    def title_for(self, key: str, upper: bool) -> str:
        t = self.rng.choice(self.pool.HEADINGS[key])
        return t.upper() if upper else t

    # ---------- indicators ----------
    def indicator(self, iid: str, mode: str):
        """Return (name, count_text, pct_text, prose_line, truth)."""
        r = self.rng
        names, noun = self.pool.INDICATORS[iid]
        name = r.choice(names)
        if noun is None:
            mode = "pct" if mode in ("both", "counts") else mode
            lo_hi = None
        else:
            lo_hi = DEN_RANGE[noun]
        if mode == "none":
            return name, "", "", f"{name}: không phát sinh.", {"value": None, "numerator": None,
                                                                 "denominator": None}
        if lo_hi:
            den = r.randint(*lo_hi)
            num = r.randint(int(den * 0.4), den)
        else:
            den = num = None
        pct = round(num / den * 100, 2) if den else round(r.uniform(8, 97), 2)
        dec = r.choice([1, 2]) if pct != 100 else 0
        pct_w = vn_pct(pct, dec)
        value = float(pct_w.replace(",", "."))
        sep = self.h.get("ind_thousands", ".")
        counts = f"{fmt_int(num, sep)}/{fmt_int(den, sep)}" if den else ""
        if mode == "pct" or not den:
            line = r.choice([f"{name} đạt {pct_w}%.", f"{name}: {pct_w}%",
                             f"{name}, đạt tỷ lệ: {pct_w} %"])
            return name, "", pct_w, line, {"value": value, "numerator": None,
                                           "denominator": None}
        if mode == "counts":
            line = r.choice([f"{name}: {counts} {noun}.", f"{name} là {counts}."])
            return name, counts, "", line, {"value": round(num / den * 100, 2),
                                            "numerator": num, "denominator": den}
        line = r.choice([f"{name} đạt {pct_w}% ({counts} {noun}).",
                         f"{name}: {counts} {noun}, đạt tỷ lệ {pct_w}%.",
                         f"{name}: {counts}, đạt {pct_w}%"])
        return name, counts, pct_w, line, {"value": value, "numerator": num, "denominator": den}

    def indicators(self, key: str, ids: list[str], as_table: bool):
        r = self.rng
        out = self.truth.setdefault("indicators", {})
        rows = []
        for iid in ids:
            mode = r.choices(["both", "counts", "pct", "none"], [5, 2, 2, 1])[0]
            name, counts, pct, line, t = self.indicator(iid, mode)
            out[iid] = t
            if as_table:
                empty = r.choice(["", "-"])
                rows.append([name, counts or empty, pct or empty])
            else:
                p = self.para(line, bullet=self.bullet())
                if self.h.get("tracked") and t["numerator"] and r.random() < 0.5 and counts:
                    old = str(max(1, t["numerator"] - r.randint(1, 9)))
                    new = fmt_int(t["numerator"], self.h.get("ind_thousands", "."))
                    i = line.find(new)
                    if i >= 0:
                        p.segments = [("n", line[:i]), ("del", old), ("ins", new),
                                      ("n", line[i + len(new):])]
        if as_table and rows:
            hdr = r.choice([["Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"],
                            ["Nội dung chỉ tiêu", "Kết quả (số lượng/tổng số)", "Tỷ lệ %"],
                            ["STT", "Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"]])
            if len(hdr) == 4:
                rows = [[str(i + 1)] + row for i, row in enumerate(rows)]
            self.blocks.append(IndTable(hdr, rows))
            self.allow.setdefault(key, []).extend(" ".join(x) for x in [hdr] + rows)

    def investment(self):
        r, p = self.rng, self.pool
        style = self.h.get("invest", "ty")
        if style == "none":
            self.para("Năm 2023 đơn vị không được giao dự toán riêng cho chuyển đổi số.",
                      bullet=self.bullet())
            return
        b = r.randint(3, 40) * 100_000_000
        s = r.randint(int(b / 1_000_000 * 0.2), int(b / 1_000_000 * 0.9)) * 1_000_000
        if style == "trieu":
            s = s + 500_000 if r.random() < 0.5 else s
        self.truth["investment"] = {"budget_assigned_vnd": b, "spent_vnd": s}
        for tmpl, v in ((r.choice(p.BUDGET_LINES), b), (r.choice(p.SPENT_LINES), s)):
            self.para(tmpl.format(v=money(v, style)) + ".", bullet=self.bullet())

    # ---------- statistics table ----------
    def stats(self) -> StatsTable:
        r, p, h = self.rng, self.pool, self.h
        nrows = h.get("stats_rows", r.randint(3, 7))
        grouping = h.get("groups", "none")
        rows: list[StatsRow] = []
        fields_pool = p.FIELDS_DEPT if self.kind == "dept" else p.FIELDS_DISTRICT
        big = h.get("thousands") == " " or r.random() < 0.3
        if grouping == "level":
            for gi, (rn, label) in enumerate(p.GROUPS_LEVEL):
                members = [StatsRow("data", str(i + 1), f, self.values(big and gi == 0 and i == 0),
                                    group=label)
                           for i, f in enumerate(r.sample(fields_pool, max(2, nrows // 2)))]
                rows.append(StatsRow("group", rn, label, sum_rows(members)))
                rows.extend(members)
        elif grouping == "field":
            stt = 0
            for gi, g in enumerate(r.sample(p.GROUPS_FIELD, 2)):
                subs = p.SUBFIELDS[g][: r.randint(2, 3)]
                members = []
                for i, f in enumerate(subs):
                    stt += 1
                    members.append(StatsRow("data", str(stt), f, self.values(big and i == 0),
                                            group=f"{ROMAN[gi]}. {g}"))
                rows.append(StatsRow("group", ROMAN[gi], g, sum_rows(members),
                                     group=f"{ROMAN[gi]}. {g}"))
                rows[-1].label = f"{ROMAN[gi]}. {g}" if h.get("group_label_inline") else g
                rows.extend(members)
        else:
            for i, f in enumerate(r.sample(fields_pool, nrows)):
                rows.append(StatsRow("data", str(i + 1), f, self.values(big and i == 0)))
        data = [x for x in rows if x.kind == "data"]
        total = sum_rows(data) if h.get("total", "last") != "none" else None
        if h.get("notes"):
            rows.append(StatsRow("note", "", r.choice(p.NOTES)))
        start = date(2022, 12, r.randint(10, 20))
        end = self.doc_date - timedelta(days=r.randint(1, 12))
        ps = h.get("period_style", "long")
        period_line = r.choice([
            f"(Từ ngày {vn_date(start, ps)} đến ngày {vn_date(end, ps)})",
            f"Từ ngày {vn_date(start, ps)} đến ngày {vn_date(end, ps)}",
        ])
        self.truth["period"] = {"from": start.isoformat(), "to": end.isoformat()}
        out_rows = []
        for x in data:
            row = {"stt": int(x.stt) if x.stt.isdigit() else x.stt, "field": x.label}
            row.update(x.values)
            if x.group:
                row["group"] = x.group
            out_rows.append(row)
        self.truth["tthc_stats"] = {"rows": out_rows, "total": total}
        zs = h.get("zero_styles", ["0"])
        return StatsTable(
            title="THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", period_line=period_line,
            rows=rows, total=total, total_label=r.choice(["Tổng số", "Tổng cộng", "TỔNG SỐ"]),
            total_first=h.get("total") == "first", zero_styles=zs,
            thousands=h.get("thousands", "."), header_kind=h.get("stats_header", "form"),
            numbers_row=h.get("numbers_row", True), split_at=h.get("split_at"),
        )

    def values(self, big: bool) -> dict[str, int]:
        r = self.rng
        scale = 3000 if big else r.choice([15, 60, 250])
        online = r.randint(0, scale)
        carried = r.choice([0, 0, r.randint(0, max(1, scale // 10))])
        direct = r.choice([0, r.randint(0, scale)])
        postal = r.choice([0, 0, 0, r.randint(0, 9)])
        if big and online < 1000:
            online += 1800
        rec = online + carried + direct + postal
        resolved = r.randint(int(rec * 0.7), rec) if rec else 0
        late = r.choice([0, 0, 0, r.randint(0, max(0, resolved // 20))])
        pending = rec - resolved
        overdue = r.choice([0, 0, r.randint(0, pending)]) if pending else 0
        return {"received_total": rec, "received_online": online, "carried_over": carried,
                "received_direct": direct, "received_postal": postal, "resolved_total": resolved,
                "resolved_on_time": resolved - late, "resolved_late": late,
                "pending_total": pending, "pending_not_due": pending - overdue,
                "pending_overdue": overdue,
                "supplement_requested": r.choice([0, 0, r.randint(0, 9)]),
                "returned": r.choice([0, 0, 0, r.randint(0, 4)]),
                "postal_results": r.choice([0, 0, postal])}

    # ---------- outline ----------
    def outline(self):
        r, h = self.rng, self.h
        style = h.get("outline", "plain")
        skip = set(h.get("skip", []))
        keys = [k for k in TOP_KEYS if k not in skip]
        upper_top = style in ("roman", "wrapped") or h.get("upper_headings", False)
        auto = style == "auto"
        if style == "wrapped":
            w1, w2, w3 = r.choice(self.pool.WRAPPERS)
            self.heading(None, "I.", w1, 0)
        for idx, key in enumerate(keys):
            if style == "wrapped" and key == "8":
                self.heading("8", "II.", w2, 0)
                self.section8_wrapped()
                continue
            if style == "wrapped" and key == "9":
                self.heading("9", "III.", w3, 0)
                self.body("9", 1, 3)
                continue
            n = idx + 1 if style in ("renumbered", "roman", "letter", "auto") else int(key)
            if style == "roman":
                label = f"{ROMAN[n - 1]}."
            elif auto:
                label = ""
            else:
                label = f"{n}."
            self.heading(key, label, self.title_for(key, upper_top and style != "wrapped"), 1,
                         auto="top" if auto else None)
            if key == "5":
                self.section5(n, style)
            else:
                self.body(key, 2, 4)

    def track_edits(self):
        """Revisions left in the file: a deleted phrase and an inserted clause in prose."""
        r = self.rng
        paras = [b for b in self.blocks if isinstance(b, Para) and len(b.segments) == 1
                 and len(b.text.split()) > 8]
        for b in r.sample(paras, min(3, len(paras))):
            words = b.text.split(" ")
            i = r.randint(1, len(words) // 2)
            j = r.randint(i + 1, len(words) - 1)
            head, mid, tail = (" ".join(words[:i]) + " ", " ".join(words[i:j]) + " ",
                               " ".join(words[j:]))
            b.segments = [("n", head), ("del", r.choice(["cơ bản ", "đã ", "từng bước "])),
                          ("ins", mid), ("n", tail)]

    def section8_wrapped(self):
        r = self.rng
        a, b = r.choice(self.pool.SUBHEAD_8)
        if self.h.get("sub8_numbered"):
            labels = ["1. " + a, "2. " + b]
        else:
            labels = [f"* {a}:", f"* {b}:"]
        sents = self.pool.SENTENCES["8"]
        self.para(labels[0], italic=True)
        self.para(self.fill(sents[0]), bullet=self.bullet())
        self.para(self.fill(sents[1]), bullet=self.bullet())
        self.para(labels[1], italic=True)
        self.para(self.fill(sents[2]), bullet=self.bullet())
        self.para(self.fill(sents[3]), bullet=self.bullet())

    def section5(self, n: int, style: str):
        r, h = self.rng, self.h
        if h.get("intro5", True):
            self.body("5", 1, 1)
        ind_style = h.get("ind_style", "prose")
        for j, sub in enumerate(SUB_KEYS):
            if sub in ("5.2", "5.3") and self.kind != "district" and h.get("omit_district", True):
                continue
            if style == "letter":
                label = f"{'abcdef'[j]})"
            elif style == "roman":
                label = f"{j + 1}."
            elif style == "auto":
                label = ""
            else:
                label = f"{n}.{j + 1}."
            self.heading(sub, label, self.title_for(sub, False), 2,
                         auto="sub" if style == "auto" else None)
            if sub == "5.1":
                self.body("5.1", 1, 1)
                self.para(self.pool.SECTION_5_1_EXTRA)
                ids = [i for i in self.pool.INDICATORS if i not in DISTRICT_ONLY
                       and not any(i in v for v in IND_SECTION.values())]
                if self.kind == "district":
                    ids.insert(-1, "commune_portal_ratio")
                ids = [i for i in ids if r.random() < 0.85]
                if self.h.get("compact"):
                    ids = ids[:5]
                self.indicators("5.1", ids, ind_style in ("table", "mixed"))
            elif sub in IND_SECTION:
                if sub != "5.4" and self.kind != "district":
                    self.para("Chỉ tiêu này dành cho khối huyện, đơn vị không báo cáo.")
                    continue
                self.body(sub, 1, 1)
                self.indicators(sub, IND_SECTION[sub], ind_style == "table")
            elif sub == "5.5":
                self.investment()
            else:
                self.body("5.6", 2, 3)

    def build(self, stats_place: str = "end") -> Doc:
        r, p = self.rng, self.pool
        hdr = self.header()
        title = r.choice(p.TITLE_LINES)
        self.cur_key = None
        intro = r.choice(p.INTROS).format(plan=r.randint(20, 90), pd=r.randint(2, 28),
                                          self=self.self_name)
        self.para(intro)
        st = self.stats() if self.h.get("stats", True) else None
        if st is None:
            self.truth["period"] = {"from": None, "to": None}
            self.truth["tthc_stats"] = {"rows": [], "total": None}
        self.outline()
        if self.h.get("tracked"):
            self.track_edits()
        # comments on a few paragraphs
        if self.h.get("comments"):
            paras = [b for b in self.blocks if isinstance(b, Para) and len(b.text) > 40]
            for b in r.sample(paras, min(2, len(paras))):
                b.comment = r.choice(p.COMMENTS)
        if st is not None and stats_place == "section2":
            two = next(i for i, b in enumerate(self.blocks)
                       if isinstance(b, Heading) and b.key == "2")
            i = next((i for i, b in enumerate(self.blocks) if i > two
                      and isinstance(b, Heading)), len(self.blocks))
            self.blocks.insert(i, st)
            self.allow.setdefault("2", []).extend(stats_text(st))
        sig_t, sig_n = r.choice(p.SIGNERS)
        self.cur_key = None
        self.blocks.append(Signature(["Nơi nhận:", "- Sở Nội vụ (b/c);", "- Tổ kiểm tra;",
                                      "- Lưu: VT."], sig_t, sig_n))
        if st is not None and stats_place == "end":
            self.blocks.append(st)
        self.truth["sections"] = {k: "\n".join(v) for k, v in self.sections.items()
                                  if "\n".join(v).strip()}
        self.truth.setdefault("indicators", {})
        five = [t for k in SUB_KEYS for t in self.sections.get(k, []) + self.allow.get(k, [])]
        self.allow.setdefault("5", []).extend(five)
        doc = Doc(self.name, hdr, title, self.blocks, None, self.truth, dict(self.h))
        doc.aux = {"section_allow": {k: "\n".join(v) for k, v in self.allow.items()}}
        return doc


def stats_text(st: StatsTable) -> list[str]:
    """Every word the statistics table prints (title, period, header, cells, notes)."""
    from .xlsx_writer import HEAD
    out = [st.title, st.period_line, " ".join(HEAD), st.total_label, "Số hồ sơ nhận giải quyết",
           "Kết quả giải quyết Trong đó Số hồ sơ đã giải quyết Số hồ sơ đang giải quyết",
           " ".join(f"({j + 1})" for j in range(16))]
    for r in st.rows:
        out.append(f"{r.stt} {r.label} " + " ".join(str(v) for v in r.values.values()))
    return out


def sum_rows(rows: list[StatsRow]) -> dict[str, int]:
    return {k: sum(x.values[k] for x in rows) for k in STAT_KEYS}


def money(v: int, style: str) -> str:
    if style == "ty":
        return f"{_trim(v / 1e9)} tỷ đồng"
    if style == "trieu":
        return f"{_trim(v / 1e6)} triệu đồng"
    if style == "full_d":
        return f"{fmt_int(v)}đ"
    return f"{fmt_int(v)} đồng"


def _trim(x: float) -> str:
    """1.5 -> '1,5'; 820.5 -> '820,5'; 1200.0 -> '1.200' (thousands) as offices write."""
    whole = int(x)
    frac = f"{x - whole:.3f}"[2:].rstrip("0")
    return fmt_int(whole) + ("," + frac if frac else "")
