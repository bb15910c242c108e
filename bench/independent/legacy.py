"""TCVN3 (ABC, .VnTime) and VNI-Windows encoders, written from the public code charts.

Legacy Vietnamese fonts draw Vietnamese letters at Latin-1 code points; a Word file made
with them stores those Latin-1 characters. Encoding here means: Unicode text in, the
Latin-1 string a user of that font would have typed out.
"""

from __future__ import annotations

import unicodedata

_TONES = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde",
          "\u0323": "dot"}
_MODS = {"\u0306": "breve", "\u0302": "circ", "\u031b": "horn"}

# TCVN3 lowercase: (base letter with modifier) -> [plain, grave, hook, tilde, acute, dot]
_TCVN3_ROWS = {
    "a": (0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONE_ORDER = [None, "grave", "hook", "tilde", "acute", "dot"]
_TCVN3_UPPER_PLAIN = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
                      "Đ": 0xA7}
_MOD_CHAR = {("a", "breve"): "ă", ("a", "circ"): "â", ("e", "circ"): "ê", ("o", "circ"): "ô",
             ("o", "horn"): "ơ", ("u", "horn"): "ư"}


def _split(ch: str) -> tuple[str, str | None, str | None]:
    """Base letter (lowercase), modifier, tone of one Vietnamese letter."""
    d = unicodedata.normalize("NFD", ch)
    base, mod, tone = d[0], None, None
    for c in d[1:]:
        if c in _TONES:
            tone = _TONES[c]
        elif c in _MODS:
            mod = _MODS[c]
    return base, mod, tone


def tcvn3_char(ch: str) -> tuple[str, bool]:
    """Encode one character; second item is True when it needs the uppercase font
    (.VnTimeH), i.e. an uppercase letter with a tone mark drawn with the lowercase code."""
    if ch in ("đ",):
        return chr(0xAE), False
    if ch in _TCVN3_UPPER_PLAIN:
        return chr(_TCVN3_UPPER_PLAIN[ch]), False
    if ord(ch) < 0x80:
        return ch, False
    base, mod, tone = _split(ch)
    low = base.lower()
    key = _MOD_CHAR.get((low, mod), low) if mod else low
    row = _TCVN3_ROWS.get(key)
    if row is None:
        return ch, False
    code = chr(row[_TONE_ORDER.index(tone)])
    return code, base.isupper() and tone is not None


_VNI_PLAIN = {"acute": "ù", "grave": "ø", "hook": "û", "tilde": "õ", "dot": "ï"}
_VNI_CIRC = {"acute": "á", "grave": "à", "hook": "å", "tilde": "ã", "dot": "ä"}
_VNI_BREVE = {"acute": "é", "grave": "è", "hook": "ú", "tilde": "ü", "dot": "ë"}
_VNI_I = {None: "i", "acute": "í", "grave": "ì", "hook": "æ", "tilde": "ó", "dot": "ò"}


def vni_char(ch: str) -> str:
    """Encode one character in VNI-Windows (base letter followed by mark characters)."""
    if ord(ch) < 0x80:
        return ch
    if ch in ("đ", "Đ"):
        return "ñ" if ch == "đ" else "Ñ"
    base, mod, tone = _split(ch)
    low = base.lower()
    if low not in "aeiouy":
        return ch
    if low == "i":
        out = _VNI_I[tone]
    elif low == "y" and tone == "dot":
        out = "î"
    elif mod == "horn":
        out = ("ô" if low == "o" else "ö") + (_VNI_PLAIN[tone] if tone else "")
    elif mod == "circ":
        out = low + (_VNI_CIRC[tone] if tone else "â")
    elif mod == "breve":
        out = low + (_VNI_BREVE[tone] if tone else "ê")
    else:
        out = low + (_VNI_PLAIN[tone] if tone else "")
    return out.upper() if base.isupper() else out


def tcvn3_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (encoded text, needs .VnTimeH) runs."""
    runs: list[tuple[str, bool]] = []
    for ch in unicodedata.normalize("NFC", text):
        enc, upper = tcvn3_char(ch)
        if runs and runs[-1][1] == upper:
            runs[-1] = (runs[-1][0] + enc, upper)
        else:
            runs.append((enc, upper))
    return runs


def vni(text: str) -> str:
    return "".join(vni_char(c) for c in unicodedata.normalize("NFC", text))
