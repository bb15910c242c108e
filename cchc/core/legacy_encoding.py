"""TCVN3 (ABC, .VnTime) and VNI (VNI-Times) text → Unicode NFC.

Old offices still type in 8-bit Vietnamese fonts. Such text reaches us as the
Windows-1252/Latin-1 characters of its bytes ("B¸o c¸o" for "Báo cáo"), so it is
decoded here before extraction. The font name is the reliable signal (a .Vn… font
is TCVN3, a VNI-… font is VNI); for text without font information (a PDF text
layer, a pasted string) the characters themselves are scored.

.VnTimeH and its siblings are the capitals-only faces of TCVN3: the document stores
lower-case bytes and the font draws capitals, so their runs decode with
``upper=True``.

Why not viparse (PyPI, checked at 0.1.31): its VNI table lacks ẳ/Ẳ, maps ỵ to "yï"
where the published VNI table has "î", and it leaves .VnTimeH text lower-case. The
tables here are generated from glibc's TCVN5712-1 charmap and the VNI layout rule
(extractors/tools/build_legacy_tables.py) and tested on every letter and tone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .legacy_tables import TCVN3, VNI

TCVN3_NAME = "tcvn3"
VNI_NAME = "vni"

# PDF subset fonts carry a six-letter tag: "ABCDEF+.VnTime".
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"[,\-](bold|italic|bolditalic|oblique|regular)+$", re.I)


def _surface(byte: int) -> set[str]:
    """Characters a legacy byte turns into once read as Windows text."""
    chars = {chr(byte)}
    try:
        chars.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return chars


_TCVN3_TRANSLATE: dict[int, str] = {
    ord(ch): uni for byte, uni in TCVN3.items() for ch in _surface(byte)
}
_TCVN3_MARKERS = frozenset(
    ch for byte in range(0xA1, 0xC0) if byte in TCVN3 for ch in _surface(byte)
) - set("°±²³º")  # symbols that stick to letters in Unicode text (25°C, m²)


def _vni_table() -> dict[str, str]:
    table = dict(VNI)
    # A capital base with a lower-case mark ("Aù") is drawn the same by VNI fonts.
    for seq, letter in VNI.items():
        if len(seq) == 2 and seq[0].isupper() and seq[1].isupper():
            table.setdefault(seq[0] + seq[1].lower(), letter)
    return table


_VNI_TABLE = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_TABLE, key=len, reverse=True)))
_VNI_PAIRS = frozenset(s for s in _VNI_TABLE if len(s) == 2)
_VNI_PAIR_RE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_PAIRS)))

# PDF text layers of .VnTime fonts name two glyphs after symbols (0xAD "ư" becomes
# MINUS SIGN, 0xB7 "ã" BULLET OPERATOR); between letters they are letters.
_PDF_GLYPHS = re.compile(r"(?<=[^\W\d_])[\u2212\u2219]|[\u2212\u2219](?=[^\W\d_])")
_PDF_GLYPH_BYTES = {"\u2212": "\xad", "\u2219": "\xb7"}


def font_encoding(font_name: str | None) -> tuple[str | None, bool]:
    """(encoding, upper) implied by a font name; (None, False) for Unicode fonts."""
    if not font_name:
        return None, False
    name = _SUBSET_TAG.sub("", font_name.strip())
    name = _STYLE_SUFFIX.sub("", name.split(",")[0]).strip()
    low = name.lower()
    if low.startswith(".vn") or low.startswith("vn3") or low.startswith("vntime"):
        return TCVN3_NAME, name.endswith("H")
    if low.startswith("vni-") or low.startswith("vni "):
        return VNI_NAME, False
    return None, False


def _scores(text: str) -> tuple[int, int]:
    """Legacy evidence: TCVN3 markers inside words ("B¸o", "§iÒu", not "© 2023"),
    and VNI letter+mark pairs."""
    tcvn = sum(1 for i, ch in enumerate(text) if ch in _TCVN3_MARKERS and (
        (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())))
    vni = len(_VNI_PAIR_RE.findall(text))
    return tcvn, vni


def _unicode_letters(text: str) -> int:
    return sum(1 for ch in text if "\u0100" <= ch <= "\u1eff")


def detect_encoding(text: str, font_name: str | None = None) -> str | None:
    """"tcvn3", "vni" or None (Unicode or plain ASCII).

    The font decides when it names a legacy face. Otherwise the text is scored:
    TCVN3 puts toned vowels on 0xA1–0xBF characters (¸ µ ¶ ¹ ® « © ª …) that
    Unicode Vietnamese never uses, while VNI writes a vowel followed by a mark
    character ("aù", "eä", "oà"). A handful of hits in a short string is enough
    because neither pattern occurs in real Unicode Vietnamese words.
    """
    encoding, _upper = font_encoding(font_name)
    if encoding:
        return encoding
    if not text or text.isascii():
        return None
    tcvn, vni = _scores(text)
    # Legacy text is pure Windows-1252; letters beyond it (ơ ư đ ạ …) mean Unicode,
    # whose old-style tone placement ("hoà", "hoá") would otherwise look like VNI.
    if _unicode_letters(text) >= max(tcvn, vni, 1):
        return None
    words = max(1, len(text.split()))
    need = 1 if words <= 4 else max(2, words // 25)
    if tcvn >= need and tcvn >= vni:
        return TCVN3_NAME
    if vni >= need and vni > tcvn:
        return VNI_NAME
    if tcvn or vni or any(ch in _FOREIGN for ch in text):
        return _most_plausible(text)
    return None


# Latin-1 letters that Vietnamese never uses: in text without Unicode Vietnamese
# letters they are legacy bytes ("Tæng sè" is TCVN3 "Tổng số").
_FOREIGN = frozenset(chr(c) for c in range(0xC0, 0x100)) - frozenset(
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?"
    r"(uye|uya|uoi|uou|oai|oay|oeo|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|"
    r"uy|ya|ye|a|e|i|o|u|y)"
    r"(ch|ng|nh|[cmnpt]|[iyou])?$")


def _plausibility(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables (diacritics aside)."""
    import unicodedata as ud

    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    good = 0
    for w in words:
        if any(ch in _FOREIGN for ch in w):
            continue
        base = "".join(c for c in ud.normalize("NFD", w) if not ud.combining(c))
        if _SYLLABLE.match(base.replace("đ", "d")):
            good += 1
    return good / len(words)


def _most_plausible(text: str) -> str | None:
    """For short text with no decisive pattern: the decoding that reads as Vietnamese."""
    best, best_score = None, _plausibility(text)
    for encoding in (TCVN3_NAME, VNI_NAME):
        score = _plausibility(to_unicode(text, encoding))
        if score > best_score:
            best, best_score = encoding, score
    return best


def to_unicode(text: str, encoding: str | None, upper: bool = False) -> str:
    """Decode legacy text into Unicode NFC; ``upper`` for .VnTimeH-style faces."""
    if encoding == TCVN3_NAME:
        text = _PDF_GLYPHS.sub(lambda m: _PDF_GLYPH_BYTES[m.group()], text)
        out = text.translate(_TCVN3_TRANSLATE)
    elif encoding == VNI_NAME:
        out = _VNI_RE.sub(lambda m: _VNI_TABLE[m.group()], text)
    elif encoding is None:
        out = text
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    out = unicodedata.normalize("NFC", out)
    return out.upper() if upper else out


def decode_run_text(text: str, font_name: str | None) -> str:
    """The extractor's per-run hook: Unicode text for a run set in ``font_name``.

    A legacy font converts the run; a named Unicode font leaves it alone (a "±" in
    Times New Roman is a "±"); a run without font information is scored.
    """
    encoding, upper = font_encoding(font_name)
    if encoding is None and font_name is None:
        encoding = detect_encoding(text)
    return to_unicode(text, encoding, upper=upper)


def decode_runs(runs: list[tuple[str, str | None]]) -> list[str]:
    """The extractor's per-paragraph hook: Unicode text of each (text, font) run.

    Runs in a legacy font convert by their font. When no run names one but the
    paragraph's characters are plainly TCVN3 or VNI (an office changed the font to
    Times New Roman without converting the text: "B¸o c¸o" in Times), the
    paragraph's runs convert by that evidence.
    """
    if any(font_encoding(font)[0] for _text, font in runs):
        return [decode_run_text(text, font) for text, font in runs]
    encoding = detect_encoding("".join(text for text, _font in runs))
    return [to_unicode(text, encoding) for text, _font in runs]


def decode_text(text: str) -> str:
    """Decoding by character statistics, line by line, for sources with no fonts.

    Line by line because a PDF made from a mixed document has Unicode lines (the
    province header) and TCVN3 lines (the body) on the same page.
    """
    return "\n".join(to_unicode(line, detect_encoding(line)) for line in text.split("\n"))


@lru_cache(maxsize=1)
def vni_mark_chars() -> frozenset[str]:
    """Characters that can continue a VNI letter in the next run."""
    return frozenset(s[1] for s in _VNI_PAIRS)
