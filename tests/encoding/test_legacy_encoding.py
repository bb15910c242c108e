"""Legacy Vietnamese encodings: every letter with every tone, both cases."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from cchc.core.legacy_encoding import (
    decode_run_text,
    decode_text,
    detect_encoding,
    font_encoding,
    to_unicode,
)
from cchc.core.legacy_tables import VNI
from tests.encoding.legacy_samples import tcvn3_encode, vni_encode

BASES = "a ă â e ê i o ô ơ u ư y".split()
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LETTERS = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
ALL_LOWER = "".join(LETTERS)
ALL_UPPER = ALL_LOWER.upper()


def test_repertoire_is_complete():
    assert len(LETTERS) == 73
    assert all(len(ch) == 1 for ch in LETTERS + list(ALL_UPPER))


# --- TCVN3 -------------------------------------------------------------------

def test_tcvn3_lower_round_trip_every_letter_and_tone():
    legacy = tcvn3_encode(ALL_LOWER)
    assert all(ord(ch) < 256 for ch in legacy)
    assert to_unicode(legacy, "tcvn3") == ALL_LOWER


def test_tcvn3_upper_case_via_vntimeh():
    """.VnTimeH stores lower-case bytes and draws capitals: case comes from the font."""
    legacy = tcvn3_encode(ALL_LOWER)
    assert decode_run_text(legacy, ".VnTimeH") == ALL_UPPER
    assert decode_run_text(legacy, ".VnTime") == ALL_LOWER
    title = tcvn3_encode("báo cáo kết quả thực hiện công tác cải cách hành chính")
    assert decode_run_text(title, "ABCDEF+.VnTimeH,Bold") == (
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")


def test_tcvn3_base_capitals_without_tone():
    assert to_unicode("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "tcvn3") == "ĂÂÊÔƠƯĐ"


@pytest.mark.skipif(not shutil.which("iconv"), reason="glibc iconv missing")
def test_tcvn3_against_glibc_iconv_both_cases():
    """An independent oracle: glibc's own TCVN5712-1 encoder (VN1, toned capitals too)."""
    text = ALL_LOWER + ALL_UPPER
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    # C0 positions hold a few VN1 capitals; a DOCX cannot carry them, so skip those.
    pairs = list(zip(text, raw, strict=True))
    keep = [(ch, b) for ch, b in pairs if b >= 0x80]
    dropped = {ch for ch, b in pairs if b < 0x80 and not ch.isascii()}
    assert dropped == set("ÚỤỪỬỮỨỰỲỶỸÝỴ")
    assert len(keep) == 146 - 12 - 12  # 12 plain ASCII vowels, 12 C0 capitals
    legacy = "".join(chr(b) for _, b in keep)
    assert to_unicode(legacy, "tcvn3") == "".join(ch for ch, _ in keep)


def test_tcvn3_windows_characters_and_real_phrases():
    assert to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam")
    assert to_unicode("§éc lËp - Tù do - H¹nh phóc", "tcvn3") == "Độc lập - Tự do - Hạnh phúc"
    assert to_unicode("B¸o c¸o", "tcvn3") == "Báo cáo"
    # PDF text layers name 0xAD and 0xB7 after symbols; between letters they are letters.
    assert to_unicode("Thñ t\u2212íng", "tcvn3") == "Thủ tướng"
    assert to_unicode("12 \u2212 3", "tcvn3") == "12 \u2212 3"


def test_tcvn3_combining_marks_compose_to_nfc():
    assert to_unicode("a\xb3", "tcvn3") == "á"


# --- VNI ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [ALL_LOWER, ALL_UPPER])
def test_vni_round_trip_every_letter_and_tone(text):
    legacy = vni_encode(text)
    assert all(ord(ch) < 256 for ch in legacy)
    assert to_unicode(legacy, "vni") == text


def test_vni_table_agrees_with_composition():
    """Each VNI sequence starts with the base letter of the Unicode letter it stands for."""
    for seq, letter in VNI.items():
        base = unicodedata.normalize("NFD", letter)[0]
        if len(seq) == 2:
            # ô and ö are VNI's ơ and ư: their bases are o and u all the same.
            legacy_base = {"ô": "o", "Ô": "O", "ö": "u", "Ö": "U"}.get(seq[0], seq[0])
            assert legacy_base == base, (seq, letter)
            assert seq[0].isupper() == letter.isupper() == seq[1].isupper()
        else:
            assert base in "iIyYoOuU" or letter in "đĐ", (seq, letter)


def test_vni_real_phrases():
    assert to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", "vni") == (
        "Độc lập - Tự do - Hạnh phúc")
    assert to_unicode("BAÙO CAÙO KEÁT QUAÛ", "vni") == "BÁO CÁO KẾT QUẢ"
    assert to_unicode("Ñaø Naüng, saün coù", "vni") == "Đà Nẵng, sẵn có"


# --- detection ---------------------------------------------------------------

@pytest.mark.parametrize("font,expected", [
    (".VnTime", ("tcvn3", False)), (".VnTimeH", ("tcvn3", True)),
    (".VnArial", ("tcvn3", False)), (".VnArialH", ("tcvn3", True)),
    ("ABCDEF+.VnTime-Bold", ("tcvn3", False)), ("VNI-Times", ("vni", False)),
    ("VNI-Helve", ("vni", False)), ("Times New Roman", (None, False)), (None, (None, False)),
])
def test_font_names(font, expected):
    assert font_encoding(font) == expected


@pytest.mark.parametrize("text,expected", [
    ("B¸o c¸o kÕt qu¶ thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh n¨m 2023", "tcvn3"),
    ("Baùo caùo keát quaû thöïc hieän coâng taùc caûi caùch haønh chính naêm 2023", "vni"),
    ("Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023", None),
    ("Cộng hoà xã hội chủ nghĩa Việt Nam; hiện đại hoá, văn hoá, toà án", None),
    ("Report 2023: 1.234 records", None),
    ("© 2023 ¶ 4", None),
    ("§iÒu 5", "tcvn3"),
    ("", None),
])
def test_detect_by_characters(text, expected):
    assert detect_encoding(text) == expected


def test_font_wins_over_characters():
    assert detect_encoding("plain ascii", font_name=".VnTime") == "tcvn3"
    # A Unicode font keeps its symbols even when they look like TCVN3.
    assert decode_run_text("± 5 §", "Times New Roman") == "± 5 §"


def test_decode_text_without_font():
    assert decode_text("B¸o c¸o t×nh h×nh") == "Báo cáo tình hình"
    assert decode_text("Báo cáo tình hình") == "Báo cáo tình hình"
    assert to_unicode("x", None) == "x"
    with pytest.raises(ValueError):
        to_unicode("x", "viscii")


@pytest.mark.parametrize("text,expected", [
    ("Tæng sè", "tcvn3"), ("Tæng céng", "tcvn3"), ("chæ ñaïo", "vni"), ("Ñoàng", "vni"),
    ("Müller GmbH", None), ("Straße", None), ("Hoạt động", None),
])
def test_short_text_decided_by_syllables(text, expected):
    """Table cells reach the hook without a font; a few letters must still decide."""
    assert detect_encoding(text) == expected
