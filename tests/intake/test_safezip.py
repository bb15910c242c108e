"""cchc.core.safezip on its own: what it refuses, and that real packages pass untouched."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from cchc.core import safezip
from tests.intake.zipbombs import base_parts


def _zip(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    buf.seek(0)
    return buf


def _docx() -> io.BytesIO:
    return _zip(dict(base_parts()))


def test_real_docx_passes_and_headers_are_kept():
    fh = _docx()
    infos = safezip.check(fh, "bao-cao.docx")
    assert "word/document.xml" in {i.filename for i in infos}
    assert fh.tell() == 0
    data = safezip.read_member(fh, "word/document.xml", "bao-cao.docx")
    assert data == dict(base_parts())["word/document.xml"]


def test_part_cap_counts_real_bytes():
    fh = _zip({"word/media/anh.bin": b"\0" * (2 * 1024 * 1024)})
    caps = safezip.ZipCaps(part=1024 * 1024)
    with pytest.raises(safezip.ZipTooLarge, match="word/media/anh.bin.*hơn 1 MB"):
        safezip.check(fh, "x.docx", caps)


def test_xml_parts_have_their_own_cap():
    fh = _zip({"word/document.xml": b" " * (3 * 1024 * 1024),
               "word/media/anh.bin": b"\0" * (3 * 1024 * 1024)})
    caps = safezip.ZipCaps(xml_part=2 * 1024 * 1024, part=4 * 1024 * 1024)
    with pytest.raises(safezip.ZipTooLarge, match="word/document.xml"):
        safezip.check(fh, "x.docx", caps)


def test_total_cap_across_parts():
    fh = _zip({f"word/media/{i}.bin": b"\0" * (600 * 1024) for i in range(4)})
    with pytest.raises(safezip.ZipTooLarge, match="vượt giới hạn 2 MB"):
        safezip.check(fh, "x.docx", safezip.ZipCaps(total=2 * 1024 * 1024))


def test_member_count_cap_before_listing():
    fh = _zip({f"p{i}.xml": b"x" for i in range(30)})
    with pytest.raises(safezip.ZipTooLarge, match="30 phần"):
        safezip.check(fh, "x.docx", safezip.ZipCaps(members=20))


def _patch_central(buf: io.BytesIO, name: str, **fields) -> io.BytesIO:
    """Rewrite fields of one member's central directory entry (and local header)."""
    data = bytearray(buf.getvalue())
    layout = {"flags": (8, 6, "<H"), "method": (10, 8, "<H"), "crc": (16, 14, "<L"),
              "size": (24, 22, "<L")}  # offset in central entry, in local header
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(name)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + n].decode() == name:
            break
        central = data.find(b"PK\x01\x02", central + 4)
    for key, value in fields.items():
        at_central, at_local, fmt = layout[key]
        struct.pack_into(fmt, data, central + at_central, value)
        struct.pack_into(fmt, data, info.header_offset + at_local, value)
    return io.BytesIO(bytes(data))


def test_header_that_understates_size_is_refused():
    buf = _zip({"word/document.xml": b"<a/>" + b" " * 50_000})
    fh = _patch_central(buf, "word/document.xml", size=1000)
    with pytest.raises(safezip.ZipDamaged, match="khác với khai báo"):
        safezip.check(fh, "x.docx")


def test_wrong_crc_is_refused():
    fh = _patch_central(_zip({"word/document.xml": b"<a/>"}), "word/document.xml", crc=1)
    with pytest.raises(safezip.ZipDamaged, match="khác với khai báo"):
        safezip.check(fh, "x.docx")


def test_encrypted_member_is_refused():
    fh = _patch_central(_zip({"word/document.xml": b"<a/>"}), "word/document.xml", flags=1)
    with pytest.raises(safezip.ZipDamaged, match="mã hóa"):
        safezip.check(fh, "x.docx")


def test_other_compression_is_refused():
    fh = _zip({"word/document.xml": b"<a/>" * 100}, method=zipfile.ZIP_BZIP2)
    with pytest.raises(safezip.ZipDamaged, match="phương pháp"):
        safezip.check(fh, "x.docx")


def test_stored_members_are_counted_too():
    fh = _zip({"word/media/a.bin": b"\1" * 5000}, method=zipfile.ZIP_STORED)
    assert [i.file_size for i in safezip.check(fh, "x.docx")] == [5000]
    with pytest.raises(safezip.ZipTooLarge):
        safezip.check(fh, "x.docx", safezip.ZipCaps(part=4000))


@pytest.mark.parametrize("cut", [10, 200, 0.5, 0.9])
def test_truncated_zip_is_damaged(cut):
    data = _docx().getvalue()
    n = cut if isinstance(cut, int) else int(len(data) * cut)
    with pytest.raises(safezip.ZipDamaged):
        safezip.check(io.BytesIO(data[:n]), "x.docx")


def test_enforce_applies_stricter_caps_to_checked_sizes():
    fh = _zip({"xl/worksheets/sheet1.xml": b" " * (2 * 1024 * 1024)})
    infos = safezip.check(fh, "x.xlsx")
    with pytest.raises(safezip.ZipTooLarge, match="sheet1.xml"):
        safezip.enforce(infos, "x.xlsx", safezip.ZipCaps(xml_part=1024 * 1024))
