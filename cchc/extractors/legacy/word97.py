"""The main text of a Word 97–2003 binary .doc, paragraph by paragraph, with the
paragraph properties that place it in a table.

LibreOffice's own import sometimes loses a table of a .doc (it comes back as one
paragraph of all cell texts run together), while the binary still holds it: cells
end with a cell mark (U+0007) and each row with one more mark whose paragraph
properties say "table terminating paragraph" (sprmPFTtp). This module reads just
enough of [MS-DOC] to get there: the FIB, the piece table (Clx → PlcPcd) in the
0Table/1Table stream, and the paragraph properties (PlcBtePapx → PapxFkp pages).
Every offset and size claimed by the file is checked against the stream it points
into; anything that does not fit raises ``Word97Error``.
"""

from __future__ import annotations

import bisect
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import olefile

MAX_STREAM = 64 * 1024 * 1024  # bytes read from one OLE stream
MAX_CHARS = 2 * 1024 * 1024  # characters of main text
MAX_PARAGRAPHS = 200_000
MAX_PIECES = 65536
MAX_FKPS = 65536
PAGE = 512
MAX_COLUMNS = 63  # Word's own limit on the cells of a row

CELL_MARK = "\x07"
_PARA_END = re.compile("[\r\x07\x0c]")

# sprm codes ([MS-DOC] 2.6)
SPRM_IN_TABLE = 0x2416
SPRM_TTP = 0x2417
SPRM_ITAP = 0x6649
SPRM_INNER_CELL = 0x244B
SPRM_INNER_TTP = 0x244C
SPRM_DEF_TABLE = 0xD608
SPRM_VERT_MERGE = 0xD62B
SPRM_HUGE_PAPX = 0x6646
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


class Word97Error(Exception):
    """The file is not a Word 97 binary this module can read; the text says why (Vietnamese)."""


@dataclass
class ParaProps:
    in_table: bool = False
    ttp: bool = False  # the row-end mark of a table row
    depth: int = 0  # table nesting depth (sprmPItap); 1 = an outer table
    inner: bool = False  # a cell or row end of a nested table
    centers: list[int] | None = None  # sprmTDefTable: cell boundaries (twips)
    merges: list[tuple[int, int]] = field(default_factory=list)  # (horz, vert) per cell


@dataclass
class Paragraph:
    text: str  # without its end mark
    end: str  # "\r", "\x07" (cell or row end) or "\x0c" (page or section break)
    props: ParaProps | None  # None: the file gives no properties for it


def read_paragraphs(path: Path) -> list[Paragraph]:
    """The main document's paragraphs in order (headers, footnotes and text boxes left out)."""
    try:
        if not olefile.isOleFile(str(path)):
            raise Word97Error("không phải tệp Word 97–2003 (thiếu vỏ OLE)")
        with olefile.OleFileIO(str(path)) as ole:
            wd = _stream(ole, "WordDocument")
            fib = _Fib(wd)
            table = _stream(ole, fib.table_stream)
            data = _stream(ole, "Data") if ole.exists("Data") else b""
    except (OSError, ValueError, struct.error, IndexError, KeyError, EOFError) as exc:
        # olefile's own refusals of a broken container
        raise Word97Error("vỏ OLE hỏng") from exc
    pieces = _pieces(table, fib)
    text, fcs = _text(wd, pieces, fib.ccp_text)
    # Properties a piece carries itself (a fast save) override the pages; they are not
    # read here, so such a file's paragraphs count as having no properties known.
    papx = _PapxIndex(wd, table, fib, data) if not any(p.prm for p in pieces) else None
    out: list[Paragraph] = []
    start = 0
    for m in _PARA_END.finditer(text):
        if len(out) >= MAX_PARAGRAPHS:
            raise Word97Error(f"quá nhiều đoạn văn (> {MAX_PARAGRAPHS})")
        i = m.start()
        out.append(Paragraph(text[start:i], text[i], papx.props(fcs(i)) if papx else None))
        start = i + 1
    if start < len(text):
        out.append(Paragraph(text[start:], "", None))
    return out


def _stream(ole, name: str) -> bytes:
    if not ole.exists(name):
        raise Word97Error(f"thiếu luồng {name}")
    if ole.get_size(name) > MAX_STREAM:
        raise Word97Error(f"luồng {name} quá lớn (> {MAX_STREAM // 2**20} MB)")
    with ole.openstream(name) as fh:
        return fh.read(MAX_STREAM + 1)


def _u16(b: bytes, off: int) -> int:
    if off < 0 or off + 2 > len(b):
        raise Word97Error(f"dữ liệu bị cụt ở vị trí {off}")
    return struct.unpack_from("<H", b, off)[0]


def _u32(b: bytes, off: int) -> int:
    if off < 0 or off + 4 > len(b):
        raise Word97Error(f"dữ liệu bị cụt ở vị trí {off}")
    return struct.unpack_from("<I", b, off)[0]


class _Fib:
    """The File Information Block: which table stream, how long the main text is, and
    where the piece table and the paragraph-property bin table lie."""

    def __init__(self, wd: bytes):
        if _u16(wd, 0) != 0xA5EC:
            raise Word97Error("không có khối FIB của Word 97 (tệp .doc đời cũ hoặc hỏng)")
        flags = _u16(wd, 0x0A)
        if flags & 0x0100:
            raise Word97Error("tệp có mật khẩu (mã hoá)")
        self.table_stream = "1Table" if flags & 0x0200 else "0Table"
        csw = _u16(wd, 0x20)
        lw = 0x22 + 2 * csw + 2  # fibRgLw
        cslw = _u16(wd, lw - 2)
        if cslw < 4:
            raise Word97Error("khối FIB thiếu phần độ dài văn bản")
        self.ccp_text = _u32(wd, lw + 12)
        if self.ccp_text > MAX_CHARS:
            raise Word97Error(f"văn bản chính quá dài ({self.ccp_text} ký tự)")
        rg = lw + 4 * cslw + 2  # fibRgFcLcb
        if _u16(wd, rg - 2) < 34:
            raise Word97Error("khối FIB thiếu bảng vị trí (FibRgFcLcb97)")
        self.fc_clx, self.lcb_clx = _u32(wd, rg + 33 * 8), _u32(wd, rg + 33 * 8 + 4)
        self.fc_papx, self.lcb_papx = _u32(wd, rg + 13 * 8), _u32(wd, rg + 13 * 8 + 4)


@dataclass
class _Piece:
    cp: int
    cp_end: int
    fc: int  # byte offset in WordDocument of the piece's first character
    wide: bool  # UTF-16LE (else one cp1252 byte a character)
    prm: int = 0  # properties the piece itself carries (0: none)


def _pieces(table: bytes, fib: _Fib) -> list[_Piece]:
    """The PlcPcd inside the Clx; property runs (Prc) before it are skipped."""
    pos, end = fib.fc_clx, fib.fc_clx + fib.lcb_clx
    if end > len(table):
        raise Word97Error("bảng mảnh văn bản (Clx) vượt quá luồng bảng")
    while pos < end and table[pos] == 0x01:  # Prc: clxt, cbGrpprl, grpprl
        pos += 3 + _u16(table, pos + 1)
    if pos >= end or table[pos] != 0x02:
        raise Word97Error("không tìm thấy bảng mảnh văn bản (Pcdt)")
    lcb = _u32(table, pos + 1)
    base = pos + 5
    if lcb < 16 or base + lcb > end or (lcb - 4) % 12:
        raise Word97Error("bảng mảnh văn bản (PlcPcd) sai độ dài")
    n = (lcb - 4) // 12
    if n > MAX_PIECES:
        raise Word97Error(f"quá nhiều mảnh văn bản ({n})")
    cps = struct.unpack_from(f"<{n + 1}i", table, base)
    if cps[0] != 0:
        raise Word97Error("bảng mảnh văn bản không bắt đầu từ ký tự đầu")
    out = []
    for i in range(n):
        if not 0 <= cps[i] <= cps[i + 1]:
            raise Word97Error("bảng mảnh văn bản có vị trí giảm dần")
        at = base + 4 * (n + 1) + 8 * i
        fc, prm = _u32(table, at + 2), _u16(table, at + 6)
        wide = not fc & 0x40000000
        fc = fc & 0x3FFFFFFF if wide else (fc & 0x3FFFFFFF) // 2
        out.append(_Piece(cps[i], cps[i + 1], fc, wide, prm))
    return out


def _text(wd: bytes, pieces: list[_Piece], ccp: int):
    """The first ``ccp`` characters, and a function from a character's position to the
    byte offset (FC) of that character in the WordDocument stream."""
    parts, spans = [], []
    for p in pieces:
        if p.cp >= ccp:
            break
        n = min(p.cp_end, ccp) - p.cp
        size = 2 * n if p.wide else n
        if p.fc + size > len(wd):
            raise Word97Error("mảnh văn bản vượt quá luồng WordDocument")
        raw = wd[p.fc:p.fc + size]
        parts.append(raw.decode("utf-16-le", "replace") if p.wide
                     else raw.decode("cp1252", "replace"))
        spans.append(p)
    text = "".join(parts)
    if len(text) < ccp:
        raise Word97Error("bảng mảnh văn bản không phủ hết văn bản chính")
    starts = [p.cp for p in spans]

    def fc_of(cp: int) -> int:
        p = spans[bisect.bisect_right(starts, cp) - 1]
        return p.fc + (cp - p.cp) * (2 if p.wide else 1)

    return text, fc_of


class _PapxIndex:
    """Paragraph properties by the FC of a paragraph's end mark (PlcBtePapx → PapxFkp).
    Pages are read when a paragraph needs them, so memory follows the text, not the
    page count the file claims."""

    def __init__(self, wd: bytes, table: bytes, fib: _Fib, data: bytes = b""):
        self.wd, self.data = wd, data
        self.bounds: list[int] = []
        self.pns: list[int] = []
        self.pages: dict[int, tuple[list[int], list]] = {}
        self.cache: dict[bytes, ParaProps] = {}
        if not fib.lcb_papx:
            return
        end = fib.fc_papx + fib.lcb_papx
        if end > len(table) or fib.lcb_papx < 12 or (fib.lcb_papx - 4) % 8:
            raise Word97Error("bảng thuộc tính đoạn (PlcBtePapx) sai độ dài")
        n = (fib.lcb_papx - 4) // 8
        if n > MAX_FKPS:
            raise Word97Error(f"quá nhiều trang thuộc tính đoạn ({n})")
        self.bounds = list(struct.unpack_from(f"<{n + 1}I", table, fib.fc_papx))
        self.pns = [x & 0x3FFFFF for x in struct.unpack_from(f"<{n}I", table,
                                                               fib.fc_papx + 4 * (n + 1))]

    def props(self, fc: int) -> ParaProps | None:
        i = bisect.bisect_right(self.bounds, fc) - 1
        if not 0 <= i < len(self.pns):
            return None
        if i not in self.pages:
            self.pages[i] = self._page(self.pns[i])
        starts, runs = self.pages[i]
        j = bisect.bisect_right(starts, fc) - 1
        if j < 0 or not runs[j][0] <= fc < runs[j][1]:
            return None
        grpprl = runs[j][2] or b""
        if grpprl not in self.cache:  # most paragraphs repeat a few property sets
            self.cache[grpprl] = _props(grpprl, self.data)
        return self.cache[grpprl]

    def _page(self, pn: int) -> tuple[list[int], list]:
        if (pn + 1) * PAGE > len(self.wd):
            raise Word97Error("trang thuộc tính đoạn nằm ngoài luồng WordDocument")
        page = self.wd[pn * PAGE:(pn + 1) * PAGE]
        crun = page[PAGE - 1]
        if 4 * (crun + 1) + 13 * crun > PAGE - 1:
            raise Word97Error("trang thuộc tính đoạn hỏng (số đoạn quá lớn)")
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        runs = []
        for j in range(crun):
            off = 2 * page[4 * (crun + 1) + 13 * j]
            grpprl = None
            if off:
                cb = page[off]
                size, at = (2 * cb - 1, off + 1) if cb else (2 * page[off + 1], off + 2)
                if at + size > PAGE - 1 or size < 2:
                    raise Word97Error("thuộc tính đoạn vượt khỏi trang của nó")
                grpprl = page[at + 2:at + size]  # after the style index (istd)
            runs.append((fcs[j], fcs[j + 1], grpprl))
        runs.sort(key=lambda r: r[0])
        return [r[0] for r in runs], runs


def _props(grpprl: bytes, data: bytes = b"", out: ParaProps | None = None) -> ParaProps:
    out = out or ParaProps()
    for sprm, operand in _sprms(grpprl):
        if sprm == SPRM_HUGE_PAPX and data:
            _props(_huge(data, struct.unpack_from("<I", operand)[0]), b"", out)
        elif sprm == SPRM_IN_TABLE:
            out.in_table = bool(operand[0])
        elif sprm == SPRM_TTP:
            out.ttp = bool(operand[0])
        elif sprm == SPRM_ITAP:
            out.depth = struct.unpack_from("<i", operand)[0]
        elif sprm in (SPRM_INNER_CELL, SPRM_INNER_TTP) and operand[0]:
            out.inner = True
        elif sprm == SPRM_DEF_TABLE:
            _def_table(operand, out)
        elif sprm == SPRM_VERT_MERGE and len(operand) >= 3:
            itc, vert = operand[1], operand[2]
            if itc < len(out.merges):
                out.merges[itc] = (out.merges[itc][0], vert)
    return out


def _huge(data: bytes, offset: int) -> bytes:
    """sprmPHugePapx: properties too long for their page, kept in the Data stream
    (a 2-byte length, then the sprms)."""
    size = _u16(data, offset)
    if offset + 2 + size > len(data):
        raise Word97Error("thuộc tính đoạn trong luồng Data vượt quá luồng")
    return data[offset + 2:offset + 2 + size]


def _sprms(grpprl: bytes):
    """(sprm, operand) pairs; a truncated last one ends the list."""
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND[spra]
        elif sprm == SPRM_DEF_TABLE:
            if pos + 2 > len(grpprl):
                return
            size = 1 + struct.unpack_from("<H", grpprl, pos)[0]  # cb counts itself less one
        else:
            if pos >= len(grpprl) or grpprl[pos] == 0xFF:
                return
            size = 1 + grpprl[pos]
        if pos + size > len(grpprl):
            return
        yield sprm, grpprl[pos:pos + size]
        pos += size


def _def_table(operand: bytes, out: ParaProps) -> None:
    """sprmTDefTable: the row's cell boundaries and each cell's merge flags."""
    body = operand[2:]
    if not body:
        return
    n = body[0]
    if not 0 < n <= MAX_COLUMNS or 1 + 2 * (n + 1) > len(body):
        return
    out.centers = list(struct.unpack_from(f"<{n + 1}h", body, 1))
    tcs = 1 + 2 * (n + 1)
    merges = []
    for i in range(n):
        at = tcs + 20 * i
        grf = struct.unpack_from("<H", body, at)[0] if at + 2 <= len(body) else 0
        merges.append((grf & 0x3, (grf >> 5) & 0x3))
    out.merges = merges
