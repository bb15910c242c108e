"""Binary .doc tables that LibreOffice's import loses (issue 11): the statistics table of a
Word 97 file written by LibreOffice itself comes back as one run-together paragraph; the
extractor reads the table from the binary instead. Tables LibreOffice keeps stay as they
were, and broken binaries are refused or ignored with a reason, never a traceback."""

from __future__ import annotations

import random
import shutil
import struct
import tempfile
from pathlib import Path

import docx
import olefile
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from cchc.core import office
from cchc.extractors import extract_file
from cchc.extractors.legacy.doc_tables import recover_tables, replace_lost, restore_lost_tables
from cchc.extractors.legacy.word97 import Paragraph, ParaProps, Word97Error, read_paragraphs
from cchc.extractors.model import Document, Para, Table
from cchc.extractors.read.doc_reader import read_doc
from cchc.extractors.read.docx_reader import read_docx
from tests.conftest import run_cli

HEAD = [("STT", 0, 1), ("Lĩnh vực, công việc giải quyết", 1, 1),
        ("Số hồ sơ nhận giải quyết", 2, 5), ("Kết quả giải quyết", 7, 8),
        ("Số hồ sơ trả kết quả qua dịch vụ bưu chính công ích", 15, 1)]
SUB = [("Tổng số", 2, 1), ("Trong đó", 3, 4), ("Số hồ sơ đã giải quyết", 7, 3),
       ("Số hồ sơ đang giải quyết", 10, 3), ("Yêu cầu bổ sung", 13, 1), ("Trả lại", 14, 1)]
LEAVES = ["Số mới tiếp nhận trực tuyến", "Số kỳ trước chuyển qua", "Tiếp nhận trực tiếp",
          "Qua dịch vụ BCCI", "Tổng số", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
          "Chưa đến hạn", "Quá hạn"]
# Blank and "-" cells are 0 (contract v1.1); the sums hold so no check warns.
ROWS = [["1", "Hộ tịch", "12", "10", "", "2", "", "12", "12", "", "", "", "", "", "", "1"],
        ["2", "Đất đai", "30", "5", "20", "5", "0", "25", "24", "1", "5", "5", "-", "3", "1",
         "2"],
        ["3", "Lao động - Thương binh và Xã hội", "1.204", "1.200", "4", "", "", "1.100",
         "1.099", "1", "104", "100", "4", "", "", ""]]
KEYS = ["received_total", "received_online", "carried_over", "received_direct",
        "received_postal", "resolved_total", "resolved_on_time", "resolved_late",
        "pending_total", "pending_not_due", "pending_overdue", "supplement_requested",
        "returned", "postal_results"]


def _count(cell: str) -> int:
    return 0 if cell in ("", "-") else int(cell.replace(".", ""))


TOTAL = [str(sum(_count(r[j]) for r in ROWS)) for j in range(2, 16)]


def _report_start(d) -> None:
    d.add_paragraph("UBND HUYỆN YÊN THẾ")
    d.add_paragraph("BÁO CÁO Kết quả thực hiện công tác cải cách hành chính năm 2023")
    d.add_paragraph("1. Công tác chỉ đạo, điều hành cải cách hành chính")
    d.add_paragraph("Đơn vị đã ban hành kế hoạch cải cách hành chính năm 2023.")


def _signature(d) -> None:
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT."
    sig.cell(0, 1).text = "CHỦ TỊCH\n\nNguyễn Văn An"


def _stats_table(d) -> None:
    """The form as python-docx writes it: three merged header rows, (1)…(16), total first."""
    t = d.add_table(rows=4 + 1 + len(ROWS), cols=16)
    t.style = "Table Grid"
    for row, cells in ((0, HEAD), (1, SUB)):
        for text, at, span in cells:
            c = t.cell(row, at) if span == 1 else t.cell(row, at).merge(
                t.cell(row, at + span - 1))
            c.text = text
    for k, text in enumerate(LEAVES):
        t.cell(2, 3 + k).text = text
    for j in (0, 1, 15):
        t.cell(0, j).merge(t.cell(2, j))
    for j in (2, 13, 14):
        t.cell(1, j).merge(t.cell(2, j))
    for j in range(16):
        t.cell(3, j).text = f"({j + 1})"
    for i, r in enumerate([["", "Tổng cộng", *TOTAL], *ROWS]):
        for j, v in enumerate(r):
            t.cell(4 + i, j).text = v


def _lost_docx(path: Path) -> Path:
    d = docx.Document()
    _report_start(d)
    _signature(d)
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    d.add_paragraph("THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    d.add_paragraph("(Từ ngày 16/12/2022 đến ngày 15/12/2023)")
    _stats_table(d)
    d.save(path)
    return path


def _indicators(d) -> None:
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for i, r in enumerate([["Chỉ tiêu", "Số lượng/Tổng số", "Tỷ lệ (%)"],
                           ["Tỷ lệ thanh toán trực tuyến", "557/654", ""],
                           ["Tỷ lệ hồ sơ cấp kết quả điện tử", "", "43,2"]]):
        for j, v in enumerate(r):
            t.cell(i, j).text = v


def _touching_docx(path: Path) -> Path:
    """Two tables with nothing between them, ending the document: Word stores them as one
    run of rows, and LibreOffice's import runs both into one paragraph."""
    d = docx.Document()
    _report_start(d)
    _indicators(d)
    _signature(d)
    d.save(path)
    return path


def _kept_docx(path: Path) -> Path:
    d = docx.Document()
    _report_start(d)
    _indicators(d)
    d.add_paragraph("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.")
    _signature(d)
    d.add_paragraph("")  # LibreOffice loses a table that ends the document
    d.save(path)
    return path


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """{name: (docx, doc)}: each DOCX saved by LibreOffice as "MS Word 97" (one soffice run)."""
    if not office.available():
        pytest.skip("cần LibreOffice")
    folder = tmp_path_factory.mktemp("doctables")
    sources = [_lost_docx(folder / "lost.docx"), _kept_docx(folder / "kept.docx"),
               _touching_docx(folder / "touching.docx")]
    out = office.convert(sources, "doc:MS Word 97", folder / "doc")
    return {s.stem: (s, d) for s, d in zip(sources, out, strict=True)}


def _libreoffice_only(doc: Path) -> Document:
    """What the DOCX reader gets from LibreOffice's import, without the recovery."""
    with tempfile.TemporaryDirectory() as tmp:
        (converted,) = office.convert([doc], "docx", tmp)
        return read_docx(converted, fmt="doc")


def _stats_rows(blocks) -> list[list[str]]:
    (table,) = [b for b in blocks if isinstance(b, Table) and len(b.rows) > 4]
    return table.rows


def test_libreoffice_really_loses_the_fixture_tables(docs):
    """The premise: if LibreOffice one day keeps these tables, the recovery below is not
    exercised any more and the fixtures must change."""
    plain = _libreoffice_only(docs["lost"][1])
    assert not [b for b in plain.blocks if isinstance(b, Table) and len(b.rows) > 4]
    run_together = [b for b in plain.blocks if isinstance(b, Para) and "(16)Tổng cộng" in b.text]
    assert len(run_together) == 1
    plain = _libreoffice_only(docs["touching"][1])
    assert not [b for b in plain.blocks if isinstance(b, Table)]
    assert [b for b in plain.blocks if "43,2Nơi nhận" in b.text]


def test_lost_statistics_table_is_read_from_the_binary(docs):
    record = extract_file(docs["lost"][1])
    stats = record["tthc_stats"]
    assert [(r["stt"], r["field"]) for r in stats["rows"]] == [(int(r[0]), r[1]) for r in ROWS]
    for got, written in zip(stats["rows"], ROWS, strict=True):
        assert [got[k] for k in KEYS] == [_count(c) for c in written[2:]]
    assert [stats["total"][k] for k in KEYS] == [int(c) for c in TOTAL]
    codes = {w["code"] for w in record["warnings"]}
    assert not codes & {"extract.uncertain", "doc.tables_unchecked", "stats.table_missing",
                        "stats.sum_mismatch"}


def test_recovered_table_has_the_docx_grid(docs):
    """Merged header cells come back as the DOCX reader shows them for the source file."""
    source, doc = docs["lost"]
    assert _stats_rows(read_doc(doc).blocks) == _stats_rows(read_docx(source).blocks)


def test_touching_tables_come_back_as_two(docs):
    source, doc = docs["touching"]
    assert read_doc(doc).blocks == read_docx(source).blocks


def test_tables_libreoffice_keeps_are_left_alone(docs):
    doc = docs["kept"][1]
    plain = _libreoffice_only(doc)
    kept = [b.rows for b in plain.blocks if isinstance(b, Table)]
    assert len(kept) == 2
    # the binary is read (the same tables are found there), and nothing is replaced
    assert [t.rows for t in recover_tables(read_paragraphs(doc))] == kept
    assert read_doc(doc) == plain


def test_rtf_and_odt_are_not_looked_into(tmp_path):
    path = tmp_path / "bao-cao.rtf"
    path.write_text("{\\rtf1 STT Lĩnh vực}", encoding="utf-8")
    doc = Document(format="doc", blocks=[Para("STTLĩnh vực")])
    restore_lost_tables(doc, path)
    assert doc == Document(format="doc", blocks=[Para("STTLĩnh vực")])


# --- row ends the file does not mark ----------------------------------------------------

CELL, ROW_END = ParaProps(in_table=True, depth=1), ParaProps(in_table=True, ttp=True, depth=1)
LOST_END = ParaProps()  # a mark whose row properties were lost: not even "in a table"


def _marks(*rows, end=ROW_END, cell=CELL):
    out = [Paragraph("Bảng sau:", "\r", ParaProps())]
    for r in rows:
        out += [Paragraph(c, "\x07", cell) for c in r] + [Paragraph("", "\x07", end)]
    return out + [Paragraph("", "\r", ParaProps())]


def test_row_ends_that_lost_their_properties_are_still_row_ends():
    rows = [["STT", "Lĩnh vực", "Tổng"], ["1", "Hộ tịch", ""], ["2", "", ""]]
    (t,) = recover_tables(_marks(*rows, end=LOST_END))
    assert t.rows == rows and not t.uncertain


def test_marks_without_properties_are_split_by_the_table_width():
    """The last two rows' marks have no properties at all: "\x07\x07" after a full row is
    taken as its end, and the table says so (uncertain) instead of presenting it as read."""
    rows = [["STT", "Lĩnh vực", "Tổng"], ["1", "Hộ tịch", ""], ["2", "", ""]]
    paras = _marks(*rows)
    tail = len(paras) - 1 - 8  # the last two rows: 3 cells and an end mark each
    for k in range(tail, len(paras) - 1):
        paras[k] = Paragraph(paras[k].text, paras[k].end, None)
    (t,) = recover_tables(paras)
    assert t.rows == rows and t.uncertain


def test_a_row_of_another_width_makes_the_table_uncertain():
    (t,) = recover_tables(_marks(["a", "b", "c"], ["1", "2", "3"], ["4", "5"], end=LOST_END))
    assert t.uncertain


def test_uncertain_statistics_table_is_flagged_on_tthc_stats():
    head = ["STT", "Lĩnh vực", "Tổng số hồ sơ"]
    (t,) = recover_tables(_marks(head, ["1", "Hộ tịch", "5"], ["2", "x"], end=LOST_END))
    doc = Document(format="doc", blocks=[Para("Bảng sau:"), Para(
        "STT Lĩnh vực Tổng số hồ sơ 1 Hộ tịch 5 2 x")])
    replace_lost(doc, [t])
    assert isinstance(doc.blocks[1], Table)
    (w,) = doc.meta["ocr_warnings"]
    assert (w["code"], w["where"]) == ("extract.uncertain", "tthc_stats")


def test_only_a_paragraph_with_exactly_the_cells_is_replaced():
    (t,) = recover_tables(_marks(["Chỉ tiêu", "Tỷ lệ"], ["Thanh toán trực tuyến", "85"]))
    near = [Para("Chỉ tiêu Tỷ lệ Thanh toán trực tuyến 85%"), Para("Chỉ tiêu Tỷ lệ")]
    doc = Document(format="doc", blocks=list(near))
    replace_lost(doc, [t])
    assert doc.blocks == near and not doc.meta
    doc = Document(format="doc", blocks=[Table(t.rows), Para("ChỉtiêuTỷ lệThanh toán trực "
                                                            "tuyến85")])
    replace_lost(doc, [t])  # the table is there already: LibreOffice kept it
    assert isinstance(doc.blocks[1], Para)


# --- broken binaries --------------------------------------------------------------------

def _patched(src: Path, dest: Path, stream: str, patch) -> Path:
    """A copy of ``src`` with one OLE stream rewritten (same length) by ``patch(bytearray)``."""
    shutil.copy(src, dest)
    with olefile.OleFileIO(str(dest), write_mode=True) as ole:
        data = bytearray(ole.openstream(stream).read())
        patch(data)
        ole.write_stream(stream, bytes(data))
    return dest


def _fib_pair(index: int):
    """Offset of fcXxx number ``index`` of FibRgFcLcb97 in a standard FIB."""
    return 0x9A + 8 * index


def _set(offset: int, value: int):
    return lambda b: struct.pack_into("<I", b, offset, value)


def _table_stream(doc: Path) -> str:
    with olefile.OleFileIO(str(doc)) as ole:
        flags = struct.unpack_from("<H", ole.openstream("WordDocument").read(), 0x0A)[0]
    return "1Table" if flags & 0x0200 else "0Table"


BROKEN = {
    "clx-outside": ("WordDocument", _set(_fib_pair(33), 0x7FFFFFF0), "Clx"),
    "clx-too-long": ("WordDocument", _set(_fib_pair(33) + 4, 0xFFFFFFFF), "Clx"),
    "text-too-long": ("WordDocument", _set(0x22 + 28 + 2 + 12, 0x7FFFFFFF), "quá dài"),
    "papx-outside": ("WordDocument", _set(_fib_pair(13), 0x7FFFFFF0), "PlcBtePapx"),
    "encrypted": ("WordDocument", lambda b: struct.pack_into(
        "<H", b, 0x0A, struct.unpack_from("<H", b, 0x0A)[0] | 0x0100), "mật khẩu"),
    "not-a-fib": ("WordDocument", lambda b: struct.pack_into("<H", b, 0, 0x1234), "FIB"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_binary_is_refused_with_a_reason(docs, tmp_path, case):
    stream, patch, words = BROKEN[case]
    bad = _patched(docs["lost"][1], tmp_path / f"{case}.doc", stream, patch)
    with pytest.raises(Word97Error, match=words):
        read_paragraphs(bad)
    doc = Document(format="doc", blocks=[Para("x")])
    restore_lost_tables(doc, bad)  # LibreOffice's result stays, with a warning
    assert doc.blocks == [Para("x")]
    (w,) = doc.meta["ocr_warnings"]
    assert w["code"] == "doc.tables_unchecked" and words in w["message"]


def test_piece_and_page_offsets_beyond_their_streams(docs, tmp_path):
    src = docs["lost"][1]
    table = _table_stream(src)
    with olefile.OleFileIO(str(src)) as ole:
        wd = ole.openstream("WordDocument").read()
    fc_clx = struct.unpack_from("<I", wd, _fib_pair(33))[0]
    fc_papx = struct.unpack_from("<I", wd, _fib_pair(13))[0]
    lcb_papx = struct.unpack_from("<I", wd, _fib_pair(13) + 4)[0]
    n = (lcb_papx - 4) // 8
    # the first piece descriptor's fc (Clx starts with the Pcdt here: clxt, lcb, 2 CPs)
    piece = _patched(src, tmp_path / "piece.doc", table, _set(fc_clx + 5 + 8 + 2, 0x3FFFFFF0))
    with pytest.raises(Word97Error, match="WordDocument"):
        read_paragraphs(piece)
    page = _patched(src, tmp_path / "page.doc", table, _set(fc_papx + 4 * (n + 1), 0x3FFFFF))
    with pytest.raises(Word97Error, match="trang thuộc tính"):
        read_paragraphs(page)


def test_without_any_row_properties_the_form_is_split_by_its_numbering_row(docs, tmp_path):
    """A piece that carries its own properties (a fast save) makes the page properties
    unreliable, so none are used: the "(1) … (16)" row gives the width, the rows come
    back, and the record says the split was inferred (extract.uncertain on tthc_stats)."""
    src = docs["lost"][1]
    with olefile.OleFileIO(str(src)) as ole:
        fc_clx = struct.unpack_from("<I", ole.openstream("WordDocument").read(), _fib_pair(33))[0]
    bad = _patched(src, tmp_path / "fast-saved.doc", _table_stream(src),
                   lambda b: struct.pack_into("<H", b, fc_clx + 5 + 8 + 6, 0x0002))
    assert all(p.props is None for p in read_paragraphs(bad))
    record = extract_file(bad)
    stats = record["tthc_stats"]
    assert [[r["field"], *(r[k] for k in KEYS)] for r in stats["rows"]] == [
        [r[1], *map(_count, r[2:])] for r in ROWS]
    assert [stats["total"][k] for k in KEYS] == [int(c) for c in TOTAL]
    assert ("extract.uncertain", "tthc_stats") in {(w["code"], w["where"])
                                                   for w in record["warnings"]}


def test_random_damage_never_escapes_as_a_traceback(docs, tmp_path):
    """Bytes of the FIB and the table stream overwritten at random: the reader either reads
    or says why; nothing else escapes."""
    src = docs["lost"][1]
    table = _table_stream(src)
    rng = random.Random(11)
    outcomes = set()
    for i in range(120):
        stream = table if i % 2 else "WordDocument"

        def damage(b, rng=rng, stream=stream):
            span = len(b) if stream != "WordDocument" else 0x400
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(span)] = rng.randrange(256)

        bad = _patched(src, tmp_path / "bad.doc", stream, damage)
        try:
            read_paragraphs(bad)
            outcomes.add("read")
        except Word97Error:
            outcomes.add("refused")
    assert outcomes == {"read", "refused"}


def test_truncated_doc_is_refused_by_the_command_line(docs, tmp_path):
    data = docs["lost"][1].read_bytes()
    cut = tmp_path / "cut.doc"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(Word97Error, match="OLE"):
        read_paragraphs(cut)
    proc = run_cli("extract", cut)
    assert proc.returncode != 0
    assert "cut.doc" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""
