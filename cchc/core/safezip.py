"""The one bounded zip reader: every DOCX, XLSX and template goes through it.

A zip's headers are written by whoever made the file, so nothing here trusts
them: each member is inflated in a stream, counting the bytes that actually come
out, and reading stops at a cap whatever ``file_size`` or ``compress_size`` claim.
A member whose real size or CRC differs from its header is refused, so once
``check`` has passed, the headers python-docx, openpyxl and docxtpl rely on are
true and their own (unbounded) reads stay under the same caps.

Caps are fitted to real reports (measured with python-docx on this project's
extractor): a 100-page report's ``word/document.xml`` is about 2 MB and a 19 MB
one (some 1,100 dense pages with tables) already takes 212 MB of memory to read,
so an XML part may hold 20 MB. An XLSX worksheet costs more per byte (openpyxl
loads each workbook twice): 5.3 MB of sheet XML took 192 MB, so sheets get 6 MB;
the statistics form is a few kilobytes. Pictures (a photographed annex) are not
parsed and may be 64 MB each; all parts together 100 MB (the default of the
``--max-unzipped-mb`` option and of the service). Real packages have 10–300
members; 2,000 is the member cap.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from .errors import CchcError

MB = 1024 * 1024
CHUNK = 64 * 1024
LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # zipfile's sizeFileHeader layout
XML_SUFFIXES = (".xml", ".rels", ".vml")


class ZipRefused(CchcError):
    """A package refused before any library unpacks it."""


class ZipTooLarge(ZipRefused):
    """Inflates past a cap (a zip bomb, or far larger than any real report)."""


class ZipDamaged(ZipRefused):
    """Not a readable zip: truncated, lying headers, encryption, odd compression."""


@dataclass(frozen=True)
class ZipCaps:
    members: int = 2000
    xml_part: int = 20 * MB
    part: int = 64 * MB
    total: int = 100 * MB

    def with_total(self, total: int | None) -> ZipCaps:
        return self if total is None else replace(self, total=total)


DOCX_CAPS = ZipCaps()
XLSX_CAPS = ZipCaps(xml_part=6 * MB)


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{max(1, n // 1024)} KB"


def open_zip(fh: BinaryIO, name: str, caps: ZipCaps = DOCX_CAPS) -> zipfile.ZipFile:
    """A ZipFile over ``fh`` after counting members from the end record first, so a
    central directory of millions of entries is refused before zipfile lists it."""
    _precheck_directory(fh, name, caps)
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            struct.error, NotImplementedError) as exc:
        raise ZipDamaged("tệp ZIP (DOCX/XLSX) bị hỏng hoặc bị cắt cụt", file=name) from exc
    if len(zf.infolist()) > caps.members:
        zf.close()
        raise ZipTooLarge(f"tệp ZIP có {len(zf.infolist())} phần, vượt giới hạn "
                          f"{caps.members} phần (nghi tệp ZIP độc hại)", file=name)
    return zf


def _precheck_directory(fh: BinaryIO, name: str, caps: ZipCaps) -> None:
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise ZipDamaged("tệp ZIP (DOCX/XLSX) bị hỏng hoặc bị cắt cụt", file=name)
    entries, cd_size = struct.unpack("<H", tail[at + 10:at + 12])[0], \
        struct.unpack("<L", tail[at + 12:at + 16])[0]
    # 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": counted after zipfile reads it.
    if entries != 0xFFFF and entries > caps.members or \
            cd_size != 0xFFFFFFFF and cd_size > caps.members * 1024:
        raise ZipTooLarge(f"tệp ZIP khai báo {entries} phần, vượt giới hạn {caps.members} "
                          f"phần (nghi tệp ZIP độc hại)", file=name)
    fh.seek(0)


def check(fh: BinaryIO, name: str, caps: ZipCaps = DOCX_CAPS) -> list[zipfile.ZipInfo]:
    """Inflate every member under the caps; return the members, whose headers are
    then known to be true.

    Raises ZipTooLarge past a cap and ZipDamaged for a member that is encrypted,
    compressed other than stored/deflate, truncated, or whose size or CRC differs
    from its header.
    """
    with open_zip(fh, name, caps) as zf:
        infos = zf.infolist()
    total = 0
    for info in infos:
        size = 0
        for chunk in _stream(fh, info, name, caps, caps.total - total):
            size += len(chunk)
        total += size
    fh.seek(0)
    return infos


def enforce(infos: list[zipfile.ZipInfo], name: str, caps: ZipCaps) -> None:
    """Apply stricter caps to members already passed by ``check`` (their sizes are true)."""
    for info in infos:
        cap = _part_cap(info, caps)
        if info.file_size > cap:
            raise ZipTooLarge(f"phần '{info.filename}' giải nén ra {_mb(info.file_size)}, "
                              f"quá giới hạn {_mb(cap)} cho một phần", file=name)
    total = sum(i.file_size for i in infos)
    if total > caps.total:
        raise ZipTooLarge(f"tổng dung lượng giải nén {_mb(total)} vượt giới hạn "
                          f"{_mb(caps.total)} (nghi tệp ZIP độc hại)", file=name)


def read_member(fh: BinaryIO, member: str, name: str, caps: ZipCaps = DOCX_CAPS) -> bytes:
    """One member's bytes, inflated under the caps (for reads outside the libraries)."""
    with open_zip(fh, name, caps) as zf:
        try:
            info = zf.getinfo(member)
        except KeyError as exc:
            raise ZipDamaged(f"tệp thiếu phần '{member}'", file=name) from exc
    data = b"".join(_stream(fh, info, name, caps, caps.total))
    fh.seek(0)
    return data


def _part_cap(info: zipfile.ZipInfo, caps: ZipCaps) -> int:
    return caps.xml_part if info.filename.lower().endswith(XML_SUFFIXES) else caps.part


def _stream(fh: BinaryIO, info: zipfile.ZipInfo, name: str, caps: ZipCaps,
            room: int) -> Iterator[bytes]:
    """Yield a member's inflated bytes; stop at the part cap or the room left in the
    total cap, counting real output only."""
    part = info.filename
    if info.flag_bits & 0x41:  # 0x1 encrypted, 0x40 strong encryption
        raise ZipDamaged(f"phần '{part}' được mã hóa; hãy gỡ mật khẩu rồi gửi lại", file=name)
    if info.flag_bits & 0x20:  # "compressed patched data": no reader supports it
        raise ZipDamaged(f"phần '{part}' dùng kiểu nén không được hỗ trợ", file=name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipDamaged(f"phần '{part}' nén bằng phương pháp không được hỗ trợ "
                         f"(mã {info.compress_type})", file=name)
    cap = _part_cap(info, caps)
    size, crc = 0, 0
    pieces = _deflated(fh, info, name) if info.compress_type == zipfile.ZIP_DEFLATED \
        else _stored(fh, info, name)
    for piece in pieces:
        size += len(piece)
        if size > cap:
            raise ZipTooLarge(f"phần '{part}' giải nén ra hơn {_mb(cap)}, quá giới hạn cho "
                              "một phần (nghi tệp ZIP độc hại)", file=name)
        if size > room:
            raise ZipTooLarge(f"tổng dung lượng giải nén vượt giới hạn {_mb(caps.total)} "
                              f"(đến phần '{part}'; nghi tệp ZIP độc hại)", file=name)
        crc = zlib.crc32(piece, crc)
        yield piece
    if size != info.file_size or crc != info.CRC:
        raise ZipDamaged(f"phần '{part}' có kích thước hoặc mã kiểm tra khác với khai báo "
                         "trong tệp ZIP (tệp hỏng hoặc bị làm giả)", file=name)


def _data_start(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> int:
    head = b""
    if info.header_offset >= 0:
        fh.seek(info.header_offset)
        head = fh.read(LOCAL_HEADER.size)
    if len(head) != LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        raise ZipDamaged(f"phần '{info.filename}' bị hỏng (sai đầu mục)", file=name)
    fields = LOCAL_HEADER.unpack(head)
    local_name = fh.read(fields[9])
    if local_name.decode("utf-8" if info.flag_bits & 0x800 else "cp437",
                         "replace") != info.orig_filename:
        raise ZipDamaged(f"phần '{info.filename}' bị hỏng (tên ở hai đầu mục khác nhau)",
                         file=name)
    return info.header_offset + LOCAL_HEADER.size + fields[9] + fields[10]


def _deflated(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """Inflate from the member's first byte until the deflate stream ends by itself;
    ``compress_size`` is not used, so it cannot stretch or cut the reading."""
    fh.seek(_data_start(fh, info, name))
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = b""
    while not d.eof:
        if not pending:
            pending = fh.read(CHUNK)
        try:
            out = d.decompress(pending, CHUNK)
        except zlib.error as exc:
            raise ZipDamaged(f"phần '{info.filename}' bị hỏng (dữ liệu nén sai)",
                             file=name) from exc
        if not pending and not out:
            raise ZipDamaged(f"phần '{info.filename}' bị cắt cụt", file=name)
        pending = d.unconsumed_tail
        if out:
            yield out


def _stored(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A stored member has no end marker: its length is the header's, and reading it
    can cost no more than the file itself (the caps still apply to the count)."""
    fh.seek(_data_start(fh, info, name))
    left = info.compress_size
    while left > 0:
        piece = fh.read(min(CHUNK, left))
        if not piece:
            raise ZipDamaged(f"phần '{info.filename}' bị cắt cụt", file=name)
        left -= len(piece)
        yield piece
