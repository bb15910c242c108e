"""Hostile DOCX packages, built here from a small valid document.

``lying_docx``: ``word/document.xml`` inflates to ``real`` bytes while both of
its headers claim ``claimed`` bytes, with the CRC of those first ``claimed``
bytes, so zipfile's own size and CRC checks pass on a short read and only a
reader that counts real output notices. ``honest_docx``: a huge document.xml
whose headers tell the truth.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx

GiB = 1 << 30
XML_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            b'main"><w:body><w:p><w:r><w:t>')


def base_parts() -> list[tuple[str, bytes]]:
    d = docx.Document()
    d.add_paragraph("Báo cáo kết quả thực hiện cải cách hành chính")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _flushed(data: bytes) -> bytes:
    """Raw deflate of ``data`` ending in a full flush: such pieces can be chained, and
    equal inputs give equal pieces, so a gigabyte costs one 4 MiB compression."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return comp.compress(data) + comp.flush(zlib.Z_FULL_FLUSH)


def _deflate_padding(size: int) -> tuple[bytes, int, bytes]:
    """XML_HEAD followed by spaces up to ``size`` bytes: (deflated, crc, first 1 KiB)."""
    block = b" " * (1 << 22)
    body = size - len(XML_HEAD)
    whole, rest = divmod(body, len(block))
    piece = _flushed(block)
    out = [_flushed(XML_HEAD), piece * whole, _flushed(block[:rest]),
           zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()]
    crc = zlib.crc32(XML_HEAD)
    for _ in range(whole):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[:rest], crc)
    return b"".join(out), crc, (XML_HEAD + block)[:1024]


def _write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """members: (name, deflated data, declared size, declared crc, method)."""
    body, central = io.BytesIO(), io.BytesIO()
    for name, data, size, crc, method in members:
        raw = name.encode()
        offset = body.tell()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc,
                               len(data), size, len(raw), 0) + raw + data)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0,
                                  crc, len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
    cd = central.getvalue()
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd),
                      body.tell(), 0)
    path.write_bytes(body.getvalue() + cd + end)
    return path


def _members(document: tuple[bytes, int, int]) -> list:
    out = []
    for name, data in base_parts():
        if name == "word/document.xml":
            deflated, size, crc = document
            out.append((name, deflated, size, crc, zipfile.ZIP_DEFLATED))
        else:
            comp = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            out.append((name, comp.compress(data) + comp.flush(), len(data), zlib.crc32(data),
                        zipfile.ZIP_DEFLATED))
    return out


def lying_docx(path: Path, real: int = GiB, claimed: int = 1000) -> Path:
    deflated, _crc, head = _deflate_padding(real)
    return _write_zip(path, _members((deflated, claimed, zlib.crc32(head[:claimed]))))


def honest_docx(path: Path, size: int = 190 * 1024 * 1024) -> Path:
    deflated, crc, _head = _deflate_padding(size)
    return _write_zip(path, _members((deflated, size, crc)))
