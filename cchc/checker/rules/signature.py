"""Signature block (authority, title, name) and the "Nơi nhận:" list."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from cchc.core import layout

from ..findings import finding
from ..pagefit import kept_row_height, room_before

_PREFIX = re.compile(r"^(\S+?\.?)\s")


def check(model, lay):
    if lay.type_name is None and lay.number is None:
        return  # not an administrative document: nothing to sign
    if lay.signer_name is None and lay.authority is None and not lay.signer_title:
        if lay.annexed:
            return  # signed with the Quyết định it is issued with
        where = lay.recipients_label.where if lay.recipients_label else "cuối văn bản"
        yield finding("signature.missing", where, "không có phần ký",
                      "chức vụ, họ tên người ký", "Không tìm thấy chức vụ, họ tên người ký.")
    else:
        yield from _signer(lay)
        yield from _orphaned(model, lay)
    yield from _recipients(lay)


_SIGNATURE_HEAD_PT = 14 * 1.15  # less room than the authority line: the block moves over


def _orphaned(model, lay):
    """The signature block pushed alone onto a page of its own, away from the text it
    signs (issue 21): estimated by filling the pages line by line (pagefit)."""
    if not lay.signature_paras:
        return
    first = lay.signature_paras[0]
    at = room_before(model, first)
    if at is None:
        return
    page, room, text_before = at
    kept = kept_row_height(model, first)  # a row Word may not split moves over whole
    moves = room < (kept if kept is not None else _SIGNATURE_HEAD_PT)
    if not moves and (page == 1 or text_before):
        return
    before = [p for p in lay.body if p.index < first.index]
    if before and before[-1].element.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None:
        return  # Word carries the last paragraph over with the signature
    shown = page + 1 if moves else page
    yield finding("signature.orphaned", first.where, f"phần ký một mình ở trang {shown}",
                  "phần ký cùng trang với đoạn cuối của nội dung",
                  f"Phần ký (quyền hạn, chức vụ, họ tên người ký) sang trang {shown} một mình, "
                  "tách khỏi đoạn cuối của nội dung; hãy giữ đoạn cuối cùng trang với phần ký "
                  "(«Giữ với đoạn sau» cho đoạn cuối) hoặc dồn bớt nội dung.")


def _signer(lay):
    pc = lay.authority
    if pc is not None:
        prefix = _PREFIX.match(pc.text + " ").group(1)
        shown = pc.shown_text()
        if prefix not in layout.AUTHORITY_PREFIXES or shown != shown.upper():
            want = prefix.upper().rstrip(".") + "."
            allowed = layout.AUTHORITY_PREFIXES
            listed = ", ".join(allowed[:-1]) + " hoặc " + allowed[-1]
            yield finding("signature.authority", pc.where, pc.text,
                          f"{want} … in hoa ({listed})",
                          f"Quyền hạn ký «{pc.text}» phải viết in hoa, bắt đầu bằng {listed}")
        elif not pc.all("bold"):
            yield finding("signature.authority", pc.where, "không đậm", "đậm",
                          "Quyền hạn ký phải in hoa, đậm.")
    for t in lay.signer_title:
        if not t.all("bold"):
            yield finding("signature.title", t.where, "không đậm", "in hoa, đậm",
                          "Chức vụ người ký phải in hoa, đậm.")
    name = lay.signer_name
    if name is not None and not name.all("bold"):
        yield finding("signature.name_bold", name.where, "không đậm", "đậm",
                      f"Họ tên người ký «{name.text}» phải in đậm.")


def _recipients(lay):
    label = lay.recipients_label
    if label is None:
        return
    if not label.all("bold") or not label.all("italic"):
        found = ", ".join([("đậm" if label.all("bold") else "không đậm"),
                           ("nghiêng" if label.all("italic") else "không nghiêng")])
        yield finding("recipients.label", label.where, found, "đậm, nghiêng",
                      f"«{layout.RECIPIENTS_LABEL}» phải in đậm, nghiêng.")
    elif label.text != layout.RECIPIENTS_LABEL:
        yield finding("recipients.label", label.where, label.text, layout.RECIPIENTS_LABEL,
                      f"Nhãn «{label.text}»; cần «{layout.RECIPIENTS_LABEL}».")
    items = lay.recipients
    if not items:
        yield finding("recipients.last_line", label.where, "danh sách trống",
                      f"{layout.ARCHIVE_LINE_PREFIX}, …", "Danh sách nơi nhận trống.")
        return
    items = _joined(items)
    nested = False
    for pc, text in items[:-1]:
        if text.startswith("- ") and text.endswith(":"):
            nested = True  # "- VP UBND tỉnh:" heads "+ …;" sub-items
        elif not (text.endswith(";") and (text.startswith("- ") or nested and
                                          text.startswith("+ "))):
            yield finding("recipients.items", pc.where, text, "- …;",
                          f"Dòng nơi nhận «{text}» nên viết «- …;».")
        elif text.startswith("- "):
            nested = False
    last, text = items[-1]
    archive = layout.ARCHIVE_LINE_PREFIX
    prefixes = (archive, "+" + archive[1:]) if nested else (archive,)
    if not (text.startswith(prefixes) and text.endswith(".")):
        yield finding("recipients.last_line", last.where, text, f"{archive}, ….",
                      f"Dòng cuối nơi nhận «{text}»; cần «{archive}, …» kết thúc bằng "
                      "dấu chấm (hoặc «+ Lưu: VT, ….» dưới dòng «- Văn phòng …:»).")


def _joined(items) -> list[tuple[object, str]]:
    """(first line, whole text) of each recipient: a line that does not start with "-"
    or "+" continues the item above it, wrapped by the typist."""
    out: list[list] = []
    for pc in items:
        if out and not pc.text.startswith(("-", "–", "+")) and \
                not out[-1][1].endswith((";", ".", ":")):
            out[-1][1] += " " + pc.text
        else:
            out.append([pc, pc.text])
    return [(pc, text) for pc, text in out]
