"""A unit's own figures (``cchc.core.figures``), written as Vietnamese prose.

Conclusions quote these numbers; computing them from the record (not retyping)
is the point of the archive, so the sentences are built here from the contract's
keys and nowhere else.
"""

from __future__ import annotations

from cchc.core import vn
from cchc.core.figures import key_figures

N = vn.format_number
__all__ = ["key_figures", "percent", "tthc_sentences", "digital_sentences"]


def percent(value: float) -> str:
    """"98,7%", "100%": an inspection team's way, no padded decimals ("100,00%")."""
    return f"{vn.format_number(round(value, 2))}%"


_pct = percent


def tthc_sentences(f: dict) -> list[str]:
    if f["received"] is None and f["resolved"] is None:
        return []
    parts = [f"Trong kỳ, đơn vị tiếp nhận {N(f['received'] or 0)} hồ sơ"]
    if f["received_online"] is not None:
        parts[0] += f" (trong đó tiếp nhận trực tuyến {N(f['received_online'])} hồ sơ, " \
                    f"đạt {_pct(f['online_ratio'] or 0)})"
    if f["resolved"] is not None:
        parts.append(f"đã giải quyết {N(f['resolved'])} hồ sơ, trong đó trả đúng hạn "
                     f"{N(f['on_time'] or 0)} hồ sơ, đạt {_pct(f['on_time_rate'] or 0)}, "
                     f"trả quá hạn {N(f['late'] or 0)} hồ sơ")
    if f["pending"] is not None:
        parts.append(f"đang giải quyết {N(f['pending'])} hồ sơ, trong đó quá hạn "
                     f"{N(f['pending_overdue'] or 0)} hồ sơ")
    return ["; ".join(parts) + "."]


INDICATOR_PROSE = {
    "records_fully_online_ratio": "Tỷ lệ hồ sơ được xử lý hoàn toàn trực tuyến",
    "full_process_dvc_ratio": "Tỷ lệ dịch vụ công trực tuyến toàn trình",
    "online_payment_ratio": "Tỷ lệ thanh toán trực tuyến",
    "electronic_result_ratio": "Tỷ lệ hồ sơ cấp kết quả điện tử",
    "digitized_result_ratio": "Tỷ lệ số hoá kết quả giải quyết TTHC",
}


def digital_sentences(record: dict, f: dict) -> list[str]:
    out = []
    indicators = record.get("indicators") or {}
    found = [f"{label} đạt {_pct(indicators[k]['value'])}" for k, label in INDICATOR_PROSE.items()
             if (indicators.get(k) or {}).get("value") is not None]
    if found:
        out.append("; ".join(found) + ".")
    if f["budget"] is not None or f["spent"] is not None:
        text = f"Tổng dự toán được giao cho chuyển đổi số {N(f['budget'] or 0)} đồng, " \
               f"đã thực hiện chi {N(f['spent'] or 0)} đồng"
        if f["spent_ratio"] is not None:
            text += f", đạt {_pct(f['spent_ratio'])} dự toán"
        out.append(text + ".")
    return out
