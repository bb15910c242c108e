"""Tone marks Tesseract's Vietnamese model confuses, put right by the field's own phrases.

The model reads a hook above as an acute ("chuyển đổi số" → "chuyến đối số", "Tổng"
→ "Tống", "triển khai" → "triến khai") and drops a grave ("đồng" → "đông"), while
the vowels themselves (â, ê, ô, ơ, ư, ă) and the letters come out right. So two words
that differ only in tone marks are told apart here by the phrases of this field: the
outline, the plan, the forms (``ocr_phrases.json``, taken from the example data) and
the indicators and headings of ``cchc.core.spec``.

A pair of OCR words is replaced only when it is not a phrase of the lexicon itself,
and exactly one lexicon phrase has the same letters and vowel shapes. Place and
person names are not in the lexicon and stay as read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from cchc.core import spec

_WORD = re.compile(r"\w+", re.UNICODE)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave acute tilde hook dot
# Phrases of reports the example data has no room for, all common in them: the words
# units use to say what they did, what went wrong and what they ask for.
_EXTRA = ("thúc đẩy thanh toán", "đẩy mạnh", "thẩm định thiết kế", "giấy chứng nhận",
          "đồng", "triệu đồng", "tỷ đồng", "tổng cộng", "tổng số",
          "ban hành văn bản", "văn bản", "quán triệt", "tuyên truyền, phổ biến",
          "ổn định", "chưa ổn định", "ảnh hưởng", "tiến độ xử lý", "lỗ hổng bảo mật",
          "máy tính", "máy trạm", "mã độc", "phần mềm", "trang thiết bị", "hạ tầng mạng",
          "đường truyền", "an toàn thông tin", "chữ ký số",
          "dịch vụ công trực tuyến", "bộ phận một cửa", "người dân", "doanh nghiệp",
          "cán bộ, công chức", "công chức, viên chức", "tập huấn", "bồi dưỡng",
          "nâng cấp", "bố trí kinh phí", "dự toán được giao", "kinh phí đã chi",
          "ưu điểm", "tồn tại, hạn chế", "nguyên nhân", "khó khăn, vướng mắc",
          "đề nghị", "kiến nghị, đề xuất", "quan tâm chỉ đạo", "sát sao", "kịp thời",
          "đầy đủ", "hiệu quả", "tích cực", "thái độ phục vụ", "hài lòng", "đúng hạn",
          "quá hạn", "trễ hạn", "xin lỗi", "phản ánh, kiến nghị", "rà soát",
          "đánh giá nội bộ", "xem xét của lãnh đạo", "cải tiến", "duy trì, cải tiến")


def _strip_tones(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


PHRASES = Path(__file__).with_name("phrases.json")


def _lexicon_texts() -> list[str]:
    texts = list(_EXTRA) + [i.label for i in spec.INDICATORS]
    texts += [c.text for c in spec.STATS_HEADER] + list(spec.OUTLINE_TITLES.values())
    return texts + json.loads(PHRASES.read_text(encoding="utf-8"))["phrases"]


@lru_cache(maxsize=1)
def _pairs() -> tuple[frozenset, dict[tuple[str, str], tuple[str, str] | None]]:
    """(known pairs, tone-stripped pair → its one known pair, or None if several)."""
    known: set[tuple[str, str]] = set()
    for text in _lexicon_texts():
        words = [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]
        known.update(zip(words, words[1:], strict=False))
    index: dict[tuple[str, str], tuple[str, str] | None] = {}
    for pair in known:
        key = (_strip_tones(pair[0]), _strip_tones(pair[1]))
        index[key] = pair if key not in index or index[key] == pair else None
    return frozenset(known), index


def _same_case(found: str, word: str) -> str:
    if found.isupper() and len(found) > 1:
        return word.upper()
    if found[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _placed_alike(a: str, b: str) -> bool:
    """The same letters and tone marks, the mark only placed in the old or the new style
    ("ủy"/"uỷ", "hòa"/"hoà"): both spellings are right and the OCR's is the print's."""
    return sorted(unicodedata.normalize("NFD", a)) == sorted(unicodedata.normalize("NFD", b))


def fix_tones(text: str) -> str:
    """``text`` with the tone marks of its field phrases put right (see the module)."""
    known, index = _pairs()
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    fixed = list(words)
    for i in range(len(words) - 1):
        a, b = fixed[i].lower(), words[i + 1].lower()
        if (a, b) in known:
            continue
        pair = index.get((_strip_tones(a), _strip_tones(b)))
        if pair and not (_placed_alike(a, pair[0]) and _placed_alike(b, pair[1])):
            fixed[i] = _same_case(fixed[i], pair[0])
            fixed[i + 1] = _same_case(words[i + 1], pair[1])
    out, last = [], 0
    for (a, b), word in zip(spans, fixed, strict=True):
        out += [text[last:a], word]
        last = b
    return "".join(out) + text[last:]
