"""The round's charts as SVG drawn on the server (no charting script, no build step).

Horizontal bars, one per unit, so long Vietnamese unit names stay readable. Each
chart is a standalone SVG file with a <title> and <desc> for screen readers and can
be downloaded as it is shown.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from cchc.core.vn import format_number

WIDTH = 600
LABEL_W = 250
BAR_H = 18
GAP = 8
TOP = 44
COLORS = {"main": "#7a1212", "good": "#2f7d46", "warn": "#c98a00", "muted": "#c9ced6"}
CHARTS = {
    "on-time": "Tỷ lệ trả hồ sơ đúng hạn theo đơn vị (%)",
    "online": "Tỷ lệ tiếp nhận hồ sơ trực tuyến theo đơn vị (%)",
    "progress": "Tiến độ gửi báo cáo theo quý",
    "recommendations": "Kiến nghị chưa khắc phục theo đơn vị",
    "trend": "Tỷ lệ trả hồ sơ đúng hạn qua các đợt (%)",
    "trend-5.1": "Tỷ lệ dịch vụ công trực tuyến toàn trình (5.1) qua các đợt (%)",
    "trend-5.2": "Tỷ lệ doanh nghiệp dùng hoá đơn điện tử (5.2) qua các đợt (%)",
    "trend-5.3": "Tỷ lệ người trưởng thành có định danh điện tử (5.3) qua các đợt (%)",
    "trend-5.4": "Tỷ lệ hệ thống thông tin đáp ứng an toàn theo cấp độ (5.4) qua các đợt (%)",
    "trend-score": "Tỷ lệ điểm chấm theo bộ tiêu chí qua các đợt (%)",
}
# The trend charts and the figure each reads from a unit's record (cchc.scoring.figures);
# "trend-score" reads the unit's stored score instead.
TREND_FIGURES = {"trend": "stats.on_time_rate",
                 "trend-5.1": "indicators.full_process_dvc_ratio",
                 "trend-5.2": "indicators.e_invoice_ratio",
                 "trend-5.3": "indicators.eid_adult_ratio",
                 "trend-5.4": "indicators.infosec_compliant_ratio"}
TRENDS = (*TREND_FIGURES, "trend-score")
TREND_ROUNDS = 3     # the last rounds shown per unit


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12,
          weight: str = "normal", fill: str = "#1b1b1b") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>')


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _svg(title: str, desc: str, height: int, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="t d" '
            'font-family="Liberation Sans, Arial, sans-serif">'
            f'<title id="t">{escape(title)}</title><desc id="d">{escape(desc)}</desc>'
            f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>'
            + _text(10, 24, title, size=15, weight="bold") + "".join(body) + "</svg>")


def _message(title: str, text: str) -> str:
    return _svg(title, text, 80, [_text(10, 60, text)])


def bars(title: str, items: list[tuple[str, float | None]], *, maximum: float | None = None,
         suffix: str = "", empty: str = "chưa có số liệu") -> str:
    """One horizontal bar per (label, value); a missing value is said, not drawn as 0."""
    if not items:
        return _message(title, "Chưa có đơn vị nào.")
    top = maximum or max([v for _, v in items if v is not None] + [1])
    span = WIDTH - LABEL_W - 70
    body, desc = [], []
    for i, (label, value) in enumerate(items):
        y = TOP + i * (BAR_H + GAP)
        body.append(f'<g><title>{escape(label)}: '
                    f'{escape(empty if value is None else format_number(value) + suffix)}</title>')
        body.append(_text(LABEL_W - 8, y + BAR_H - 5, _short(label), anchor="end"))
        if value is None:
            body.append(_text(LABEL_W + 4, y + BAR_H - 5, empty, fill="#777", size=11))
        else:
            w = max(1.0, span * min(value, top) / top) if value else 0
            body.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
                        f'fill="{COLORS["main"]}"/>')
            body.append(_text(LABEL_W + w + 6, y + BAR_H - 5, format_number(value) + suffix))
        body.append("</g>")
        desc.append(f"{label}: {empty if value is None else format_number(value) + suffix}")
    height = TOP + len(items) * (BAR_H + GAP) + 10
    axis_x = LABEL_W
    body.insert(0, f'<line x1="{axis_x}" y1="{TOP - 4}" x2="{axis_x}" y2="{height - 10}" '
                'stroke="#888"/>')
    return _svg(title, "; ".join(desc), height, body)


def stacked(title: str, items: list[tuple[str, int, int]], done: str, todo: str) -> str:
    """Per label, ``done`` of ``total`` as a two-part bar (reported / not yet)."""
    if not items:
        return _message(title, "Chưa có đơn vị nào.")
    span = WIDTH - LABEL_W - 60
    body, desc = [], []
    for i, (label, part, total) in enumerate(items):
        y = TOP + 20 + i * (BAR_H + GAP)
        w = span * part / total if total else 0
        body.append(_text(LABEL_W - 8, y + BAR_H - 5, _short(label), anchor="end"))
        body.append(f'<rect x="{LABEL_W}" y="{y}" width="{span}" height="{BAR_H}" '
                    f'fill="{COLORS["muted"]}"/>')
        body.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
                    f'fill="{COLORS["good"]}"/>')
        body.append(_text(LABEL_W + span + 6, y + BAR_H - 5, f"{part}/{total}"))
        desc.append(f"{label}: {part}/{total} {done}")
    legend_y = TOP + 4
    body += [f'<rect x="{LABEL_W}" y="{legend_y}" width="12" height="12" '
             f'fill="{COLORS["good"]}"/>', _text(LABEL_W + 16, legend_y + 11, done, size=11),
             f'<rect x="{LABEL_W + 130}" y="{legend_y}" width="12" height="12" '
             f'fill="{COLORS["muted"]}"/>', _text(LABEL_W + 146, legend_y + 11, todo, size=11)]
    height = TOP + 20 + len(items) * (BAR_H + GAP) + 10
    return _svg(title, "; ".join(desc), height, body)


def trend(title: str, items: list[tuple[str, list[tuple[str, float | None]]]]) -> str:
    """Per unit, one thin bar per round (oldest first, the latest darkest), each labelled
    with its round and value; a unit with one round only is said to have no trend yet."""
    items = [(label, rounds[-TREND_ROUNDS:]) for label, rounds in items if rounds]
    if not items:
        return _message(title, "Chưa có đơn vị nào có số liệu.")
    span, thin = WIDTH - LABEL_W - 110, 12
    body, desc, y = [], [], TOP
    shades = ("#d8a6a6", "#b35a5a", COLORS["main"])
    for label, rounds in items:
        body.append(_text(LABEL_W - 8, y + thin, _short(label), anchor="end"))
        said = []
        for k, (code, value) in enumerate(rounds):
            shade = shades[len(shades) - len(rounds) + k]
            shown = "chưa có số liệu" if value is None else format_number(value) + "%"
            if value is not None:
                w = max(1.0, span * min(value, 100) / 100) if value else 0
                body.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{thin}" '
                            f'fill="{shade}"/>')
            body.append(_text(LABEL_W + (span if value is None else w) + 6, y + thin - 2,
                              f"{code}: {shown}", size=11))
            said.append(f"{code}: {shown}")
            y += thin + 2
        desc.append(f"{label}: " + "; ".join(said))
        y += GAP
    body.insert(0, f'<line x1="{LABEL_W}" y1="{TOP - 4}" x2="{LABEL_W}" y2="{y}" stroke="#888"/>')
    return _svg(title, " | ".join(desc), y + 10, body)


def round_charts(summary: dict, history: dict[str, list] | None = None) -> dict[str, str]:
    """The dashboard's charts from ``archive.summary_data.round_summary``; ``history``:
    each unit's (round, on-time rate) pairs up to this round, for the trend."""
    units = summary["units"]
    quarters: dict[str, list[int]] = {}
    for u in units:
        q = quarters.setdefault(f"Quý {u['quarter']}" if u["quarter"] else "Ngoài lịch", [0, 0])
        q[0] += 1 if u["reported"] else 0
        q[1] += 1
    progress = [("Cả đợt", sum(u["reported"] for u in units), len(units))]
    progress += [(label, done, total) for label, (done, total) in quarters.items()]
    open_recs = [(u["unit"], u["recommendations"].get("open", 0)
                  + u["recommendations"].get("overdue", 0)) for u in units]
    open_recs = [(name, n) for name, n in open_recs if n]
    return {
        "on-time": bars(CHARTS["on-time"], [(u["unit"], u["on_time_rate"]) for u in units],
                        maximum=100, suffix="%"),
        "online": bars(CHARTS["online"], [(u["unit"], u["online_ratio"]) for u in units],
                       maximum=100, suffix="%"),
        "progress": stacked(CHARTS["progress"], progress, "đã gửi báo cáo", "chưa gửi"),
        "recommendations": bars(CHARTS["recommendations"], open_recs) if open_recs
        else _message(CHARTS["recommendations"], "Không có kiến nghị nào đang mở."),
        "trend": trend(CHARTS["trend"], [(u["unit"], (history or {}).get(u["unit"], []))
                                          for u in units]),
    }
