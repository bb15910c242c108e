"""Fuzz the file intake: mutated DOCX, XLSX, PDF, PNG/TIFF and DOC bytes given to
``extract_file`` end as a record or a clean CchcError, never another exception.

Mutations start from small valid files made here: flipped and inserted bytes,
truncation, overwritten zip header fields (sizes, CRC, method, flags, name
lengths, offsets), and, to get past the zip layer into the XML readers, byte
and attribute changes inside a part that is then re-zipped correctly. The run
is derandomized so CI sees the same examples each time (a fixed budget, ~60 s);
set CCHC_FUZZ_RANDOM=1 (and CCHC_FUZZ_SCALE=N for N times the examples) to explore
new ones locally.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.core.errors import CchcError
from cchc.extractors.record import extract_file
from cchc.extractors.tools.synthetic_scans import make_report_docx, make_rows
from tests.extract.pdfmaker import write_pdf

RANDOM = bool(os.environ.get("CCHC_FUZZ_RANDOM"))
SCALE = int(os.environ.get("CCHC_FUZZ_SCALE", "1"))  # more examples for a longer local run


def fuzz_settings(examples: int):
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=not RANDOM,
                    database=None, suppress_health_check=list(HealthCheck))


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SỞ XÂY DỰNG"])
    ws.append(["THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    ws.append(["STT", "Lĩnh vực", "Tổng số", "Trực tuyến", "Trực tiếp", "Đúng hạn"])
    for i in range(1, 4):
        ws.append([i, f"Lĩnh vực {i}", f"=D{i + 3}+E{i + 3}", 10 * i, i, 9 * i])
    ws.merge_cells("A1:C1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (360, 90), 255)
    ImageDraw.Draw(img).text((10, 30), "BAO CAO KET QUA 2023", fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


def _tiff() -> bytes:
    from PIL import Image

    pages = [Image.new("L", (120, 60), 255), Image.new("L", (120, 60), 200)]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:])
    return buf.getvalue()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    docx = make_report_docx(folder / "bao-cao.docx", make_rows(seed=5, count=3))
    return {"docx": docx.read_bytes(), "xlsx": _xlsx(),
            "pdf": write_pdf(folder / "bao-cao.pdf", pages=2).read_bytes(),
            "png": _png(), "tif": _tiff()}


def _zip_field(data: bytearray, n: int, value: bytes) -> None:
    heads = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data)]
    if heads:
        at = heads[n % len(heads)] + 4 + (n // len(heads)) % 26
        data[at:at + len(value)] = value


def _in_part(data: bytes, n: int, value: bytes, mode: str) -> bytes:
    """Change one XML part of a valid zip and re-zip it, so the change reaches the XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    except Exception:  # noqa: BLE001 - an earlier mutation broke the zip: keep those bytes
        return data
    xml = [i for i, (name, _) in enumerate(parts) if name.endswith(".xml")]
    if not xml:
        return data
    i = xml[n % len(xml)]
    name, body = parts[i]
    if mode == "attr":  # a number or word attribute gets a stranger value
        values = list(re.finditer(rb'="[^"]{0,12}"', body))
        if values:
            m = values[(n // len(xml)) % len(values)]
            body = body[:m.start() + 2] + value.replace(b'"', b"'") + body[m.end() - 1:]
    else:
        at = (n // len(xml)) % max(1, len(body))
        body = body[:at] + value + body[at + len(value):]
    parts[i] = (name, body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for part, blob in parts:
            out.writestr(part, blob)
    return buf.getvalue()


OPS = ("flip", "truncate", "insert", "delete", "zipfield", "xmlbytes", "xmlattr")
ATTR_VALUES = st.sampled_from([b"", b"-1", b"0", b"x", b"99999999999999999999", b"1.5",
                               b"nan", b"\xc3\xa0", b"9" * 40, b"true", b"-2147483649"])


@st.composite
def mutations(draw, kinds: tuple[str, ...], seeds: dict[str, bytes]):
    kind = draw(st.sampled_from(kinds))
    data = bytearray(seeds[kind])
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(OPS))
        n = draw(st.integers(0, 2**31))
        value = draw(st.one_of(st.binary(min_size=1, max_size=8), ATTR_VALUES))
        at = n % max(1, len(data))
        if op == "flip":
            data[at:at + len(value)] = value
        elif op == "truncate":
            del data[max(1, at):]
        elif op == "insert":
            data[at:at] = value * (1 + n % 64)
        elif op == "delete":
            del data[at:at + 1 + n % 512]
        elif op == "zipfield":
            _zip_field(data, n, value)
        else:
            data = bytearray(_in_part(bytes(data), n, value, op[3:]))
    return kind, bytes(data)


def outcome(tmp: Path, kind: str, data: bytes) -> str:
    path = tmp / f"mau.{kind}"
    path.write_bytes(data)
    try:
        record = extract_file(path)
    except CchcError as exc:
        assert exc.message and "Traceback" not in exc.message
        return "refused"
    assert isinstance(record, dict) and record["kind"] == "unit_report"
    return "record"


def _run(tmp_path_factory, seeds, kinds, examples):
    tmp = tmp_path_factory.mktemp("fuzz")
    seen: dict[str, int] = {}

    @fuzz_settings(examples)
    @given(mutations(kinds, seeds))
    def check(case):
        kind, data = case
        result = outcome(tmp, kind, data)
        seen[result] = seen.get(result, 0) + 1

    check()
    return seen


def test_fuzz_office_files(tmp_path_factory, seeds):
    seen = _run(tmp_path_factory, seeds, ("docx", "xlsx"), 250)
    assert seen.get("refused") and seen.get("record")  # both ends were reached


def test_fuzz_pdf(tmp_path_factory, seeds):
    seen = _run(tmp_path_factory, seeds, ("pdf",), 40)
    assert seen.get("refused")


def test_fuzz_page_images(tmp_path_factory, seeds):
    if not shutil.which("tesseract"):
        pytest.skip("Tesseract is not installed")
    seen = _run(tmp_path_factory, seeds, ("png", "tif"), 25)
    assert seen.get("refused")


def test_fuzz_doc(tmp_path_factory, seeds, tmp_path):
    """Few examples: every DOC goes through a LibreOffice process."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    from cchc.core.office import convert

    (tmp_path / "bao-cao.docx").write_bytes(seeds["docx"])
    (doc,) = convert([tmp_path / "bao-cao.docx"], "doc", tmp_path)
    seen = _run(tmp_path_factory, {"doc": doc.read_bytes()}, ("doc",), 3)
    assert seen
