"""Test-only encoders: Unicode → TCVN3 / VNI, the inverse of the decoding tables."""

from __future__ import annotations

from cchc.core.legacy_tables import TCVN3, VNI


def tcvn3_encode(text: str) -> str:
    """Unicode → TCVN3 as Windows characters; VN3 has no toned capitals."""
    inverse = {uni: chr(byte) for byte, uni in TCVN3.items()}
    return "".join(inverse.get(ch, ch) if not ch.isascii() else ch for ch in text)


def vni_encode(text: str) -> str:
    inverse: dict[str, str] = {}
    for seq, letter in sorted(VNI.items(), key=lambda kv: len(kv[0])):
        inverse.setdefault(letter, seq)
    return "".join(inverse.get(ch, ch) for ch in text)
