"""Importing a unit's returned report: the one use case every entry calls.

``cchc archive import``, ``POST /api/rounds/{code}/reports``, the background import
jobs and the demo all come here with one ``Incoming`` (name, bytes, format, SHA-256,
made once by the intake). The order is the point: a file already in the round is
answered "duplicate" before anything reads it, so a re-sent scan is not OCR'd again;
only new bytes reach the extractor, and the record is stored with its audit row, with
who imported it, in one transaction (cchc.archive.store.record_change).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from cchc.archive import store
from cchc.archive.commands import db_option, echo_result, json_option, open_archive, print_json
from cchc.archive.db import Archive
from cchc.core import jsonload
from cchc.core.errors import CchcError, cli_message
from cchc.core.incoming import JSON, Incoming
from cchc.core.vn import nfc

Reader = Callable[[Incoming], dict]


def receive_file(path: str | Path) -> Incoming:
    """A named file through the one intake: read under the size cap, identified by its
    bytes (a JSON record by content), a name of another format family refused."""
    from cchc import extractors

    data = store.read_source(path)
    return extractors.formats.receive(nfc(Path(path).name), data, allow_json=True,
                                      strict_name=True)


def parse_record(incoming: Incoming) -> dict:
    """An already extracted record (format "json"): parsed, its source format said."""
    record = jsonload.loads(incoming.data, incoming.name)
    if isinstance(record, dict) and isinstance(record.get("source"), dict):
        record["source"].setdefault("format", JSON)
    return record


def extract(incoming: Incoming) -> dict:
    """The extractors subsystem, imported late: importing JSON records must not depend
    on it, and it pulls in heavy libraries."""
    try:
        from cchc import extractors
        extract_incoming = extractors.extract_incoming
    except (ImportError, AttributeError) as exc:
        raise CchcError("chưa có bộ trích xuất cho loại tệp này; hãy nhập bản ghi JSON "
                        "đã trích xuất (cchc extract)", file=incoming.name) from exc
    return extract_incoming(incoming)


def read_record(incoming: Incoming, extractor: Reader | None = None) -> dict:
    """The record a file holds: parsed if it is one, else extracted."""
    if incoming.format == JSON:
        return parse_record(incoming)
    return (extractor or extract)(incoming)


def import_report(archive: Archive, code: str, incoming: Incoming, *,
                  read: Reader = read_record, actor: str | None = None,
                  unit_name: str | None = None, annex: bool = False) -> store.ImportResult:
    """Store one returned file in round ``code``: a duplicate first (nothing read), else
    its record (``read``: parse or extract) with its bytes and its audit row at once.
    A record the extractor made was validated by it and is not validated again; a JSON
    record is validated here, once. Raises store.UnitNotScheduled for a report of no
    scheduled unit (the service holds it for a person)."""
    duplicate = store.find_duplicate(archive, code, incoming.sha256)
    if duplicate is not None:
        return duplicate
    record = read(incoming)
    return store.import_record(archive, code, record, incoming, unit_name=unit_name,
                               annex=annex, actor=actor, validated=incoming.format != JSON)


@click.command("import")
@click.option("--round", "round_id", required=True, help="Mã đợt kiểm tra.")
@click.option("--unit", "unit_name", help="Tên đơn vị, khi báo cáo không ghi rõ.")
@click.option("--annex", is_flag=True,
              help="Tệp là phụ lục (biểu thống kê, bản quét trang ký…) bổ sung cho báo cáo "
                   "đơn vị đã nộp: ghép từng trường, nêu chỗ khác nhau; không thay báo cáo.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@json_option
def archive_import(round_id, unit_name, annex, files, db_url, as_json) -> None:
    """Trích xuất và lưu các báo cáo FILES vào đợt; tệp lỗi không dừng cả lô."""
    results, failed = [], []
    with open_archive(db_url) as archive:
        for path in files:
            try:
                result = import_report(archive, round_id, receive_file(path),
                                       unit_name=unit_name, annex=annex)
            except CchcError as exc:
                if exc.file == Path(path).name:  # the intake names the file; say it as given
                    exc.file = str(path)
                message = exc.render() if exc.file else f"{path}: {exc.render()}"
                if isinstance(exc, store.UnitNotScheduled) and not unit_name:
                    message += " (chỉ rõ đơn vị trong lịch bằng --unit)"
            except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
                if os.environ.get("CCHC_DEBUG"):
                    raise
                message = f"{path}: {cli_message(exc)}"
            else:
                results.append({"file": path, **result.as_dict()})
                if not as_json:
                    echo_result(path, result)
                continue
            failed.append({"file": path, "error": message})
            if not as_json:
                click.echo(f"Lỗi: {message}", err=True)
    if as_json:
        print_json({"imported": results, "failed": failed})
    if failed:
        raise CchcError(f"{len(failed)}/{len(files)} tệp không nhập được vào đợt {round_id}")

