"""The notice before it is issued: the document as it will print, every value it takes
from the archive, and what is still blank.

Staff issue a conclusion notice only after seeing it: the page shows its pages as
images (rendered through LibreOffice, cached like the originals of uploads), lists
each value the notice takes from the round's plan, the unit's report and the last
round's recommendations, and warns about a plan without its number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cchc.core import vn
from cchc.generator import figures
from cchc.generator.context import attached_line

from . import preview

STATUS = {"open": "chưa khắc phục", "remedied": "đã khắc phục",
          "overdue": "quá hạn, chưa khắc phục"}


def render(archive, code: str, unit: str, findings: dict) -> tuple[bytes, dict, dict | None]:
    """(docx, data, record) of the notice, built exactly as issuing would, not stored."""
    from cchc.generator.documents import render_kind
    from cchc.usecases.conclusion import conclusion_data

    data, record = conclusion_data(archive, code, unit, findings)
    blob = render_kind("conclusion", data, source=f"đợt {code}, đơn vị {unit}", report=record)
    return blob, data, record


def from_archive(data: dict, record: dict | None, findings: dict) -> list[str]:
    """Each value of the notice that nobody typed in the form."""
    plan = data["plan"]
    cited = attached_line({**plan, "type_name": "Kế hoạch"})[1:-1].replace("Kèm theo ", "")
    out = [f"Căn cứ: {' '.join(cited.split())} (kế hoạch của đợt)"]
    issuer = data.get("issuer") or {}
    name = issuer.get("name") or []
    out.append("Cơ quan ban hành: " + " ".join([name] if isinstance(name, str) else name)
               + f"; địa danh: {data.get('place') or '—'} (kế hoạch của đợt)")
    if "signer" not in findings:
        s = data.get("signer") or {}
        out.append("Người ký: " + " ".join(x for x in (s.get("authority"), s.get("title"),
                                                        s.get("name")) if x)
                   + " (kế hoạch của đợt)")
    if "recipients" not in findings:
        out.append("Nơi nhận: " + " ".join(r if isinstance(r, str) else r.get("text", "")
                                           for r in data.get("recipients") or []))
    if record:
        f = figures.key_figures(record)
        for sentence in figures.tthc_sentences(f) + figures.digital_sentences(record, f):
            out.append(f"Số liệu từ báo cáo của đơn vị: {sentence}")
    for p in data.get("previous") or []:
        out.append(f"Kiến nghị đợt {p['round']}: {p['text']} — "
                   f"{STATUS.get(p['status'], p['status'])}")
    return [vn.nfc(x) for x in out]


def warnings(data: dict) -> list[str]:
    """What will print blank although it should not."""
    out = []
    plan = data["plan"]
    if plan.get("number") is None:
        out.append(f"Kế hoạch của đợt chưa có số: thông báo sẽ in “Kế hoạch số      "
                   f"/{plan.get('symbol') or 'KH-UBND'}”. Ghi số vào kế hoạch của đợt "
                   "trước khi ban hành nếu kế hoạch đã có số.")
    if not data.get("report_deadline"):
        out.append("Chưa ghi hạn báo cáo kết quả khắc phục: thông báo không nêu hạn.")
    return out


def page_images(blob: bytes, cache: Path) -> tuple[str, preview.Pages]:
    """The notice's pages as images in the preview cache, and their folder's key."""
    digest = hashlib.sha256(blob).hexdigest()
    return digest, preview.pages(blob, "thong-bao-ket-luan.docx", cache)
