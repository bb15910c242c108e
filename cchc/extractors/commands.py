"""Commands of the extractors subsystem, registered by cli.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cchc.core.errors import CchcError
from cchc.extractors.encoding_commands import convert_encoding
from cchc.extractors.read.formats import ACCEPTED, FORMATS
from cchc.extractors.read.sniff import DEFAULT_MAX_PAGES, DEFAULT_MAX_UNZIPPED


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False),
              help="Thư mục ghi STEM.json cho từng tệp và bảng tổng hợp summary.csv.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Số tiến trình xử lý song song.")
@click.option("--max-pages", default=DEFAULT_MAX_PAGES, show_default=True,
              type=click.IntRange(1), help="Số trang PDF tối đa được đọc.")
@click.option("--max-unzipped-mb", default=DEFAULT_MAX_UNZIPPED // (1024 * 1024),
              show_default=True, type=click.IntRange(1),
              help="Dung lượng giải nén tối đa của DOCX/XLSX (chống tệp ZIP độc hại).")
def extract(files, outdir, jobs, max_pages, max_unzipped_mb):
    """Trích xuất báo cáo của đơn vị (DOCX, PDF, PDF quét, XLSX, DOC, ảnh quét PNG/JPEG/TIFF)
    thành bản ghi JSON.

    PDF quét và ảnh quét (mỗi ảnh, mỗi trang TIFF là một trang) được nhận dạng ký tự
    bằng Tesseract; văn bản gõ bằng bảng mã TCVN3
    (.VnTime) hoặc VNI được chuyển sang Unicode trước khi đọc.

    Một tệp, không có -o: in bản ghi ra màn hình; --jobs chia các trang quét cho
    nhiều tiến trình. Nhiều tệp (hoặc một thư mục):
    cần -o THƯ_MỤC, ghi TÊN.json cho từng tệp và summary.csv; tệp lỗi không làm
    dừng cả lô, mã thoát 1 khi có tệp lỗi.
    """
    limits = {"max_pages": max_pages, "max_unzipped": max_unzipped_mb * 1024 * 1024}
    files = expand(files)
    if outdir is None:
        if len(files) > 1:
            raise CchcError("trích xuất nhiều tệp cần chỉ định thư mục kết quả bằng -o THƯ_MỤC")
        from cchc.extractors.record import extract_file

        record = extract_file(files[0], **limits, ocr_jobs=jobs)
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    if outdir.exists() and not outdir.is_dir():
        raise CchcError("không phải thư mục", file=str(outdir))
    outdir.mkdir(parents=True, exist_ok=True)
    from cchc.extractors.batch import run_batch, summary_table

    outcomes = run_batch(list(files), outdir, jobs=jobs, limits=limits)
    from rich.console import Console

    Console(file=sys.stdout, width=max(100, Console().width)).print(summary_table(outcomes))
    failed = [o for o in outcomes if o.error]
    refused = sum(o.status == "refused" for o in outcomes)
    if refused:
        click.echo(f"Từ chối {refused} tệp không phải báo cáo của đơn vị (xem cột status).")
    click.echo(f"Đã trích xuất {len(outcomes) - len(failed)}/{len(outcomes)} tệp vào {outdir}; "
               f"bảng tổng hợp: {outdir / 'summary.csv'}")
    if failed:
        for o in failed:
            click.echo(f"Lỗi: {o.error}", err=True)
        sys.exit(1)


REPORT_SUFFIXES = {ext for fmt in FORMATS.values() for ext in fmt.extensions}


def expand(paths) -> list[Path]:
    """A folder stands for the reports in it (by extension, sorted by name)."""
    out: list[Path] = []
    for p in paths:
        if _is_dir(p):
            found = sorted(f for f in p.iterdir()
                           if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                raise CchcError(f"thư mục không có tệp báo cáo nào ({ACCEPTED})",
                                file=str(p))
            out.extend(found)
        else:
            out.append(p)
    return out


def _is_dir(path: Path) -> bool:
    """is_dir() raises on a name the file system refuses (too long); reading the file
    then says so in Vietnamese."""
    try:
        return path.is_dir()
    except OSError:
        return False


commands: list = [extract, convert_encoding]
