"""The one registry of document kinds.

A kind says which schema validates its data, what it is called for people, which
formats it comes out in, what else it may draw on (a unit's report, the outline) and
how it is built. The CLI's ``cchc generate KIND`` commands, the API's
``/api/generate/{kind}`` and the web page's list of kinds are all made from
``KINDS``, so a new kind is one entry here plus its schema and template builder.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cchc import templates
from cchc.core import office
from cchc.core.errors import ValidationFailed
from cchc.core.outfile import write_bytes
from cchc.schemas.validate import check

from . import context, footnotes
from .render import CompiledTemplate
from .xmlcheck import verify


@dataclass(frozen=True)
class Input:
    """Something a kind may draw on besides its data: a second JSON document
    (``schema`` set) or a plain value such as the parent body's name."""

    name: str              # keyword of the builder
    flag: str              # CLI option, e.g. "--fill"
    help: str
    schema: str | None = None
    required: bool = False
    nargs: int = 1
    metavar: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str                       # CLI command, API path, form value
    label: str                      # what staff call it
    summary: str                    # one line of help
    schema: str                     # what the data must satisfy
    formats: tuple[str, ...]        # the first is the default; "pdf" goes through LibreOffice
    filename: str                   # default file name stem for downloads
    example: str                    # bundled example data (examples/<example>.json)
    build: Callable[..., bytes]     # (data, **inputs) -> bytes in formats[0]
    inputs: tuple[Input, ...] = ()
    note: Callable[[dict], str] | None = None   # what to tell the user about a result

    @property
    def data_name(self) -> str:
        return "RECORD" if self.schema == "report" else "DATA"


_compiled: dict[Path, CompiledTemplate] = {}


def compiled(path: Path) -> CompiledTemplate:
    """One CompiledTemplate per template file for the life of the process."""
    path = Path(path).resolve()
    if path not in _compiled:
        _compiled[path] = CompiledTemplate(path)
    return _compiled[path]


def _docx(template: str, ctx: dict) -> bytes:
    """Render, add the footnotes, and check the result is whole before anyone sees it."""
    blob = compiled(templates.path(template)).render(ctx)
    return verify(footnotes.apply(blob, ctx.get("footnotes", [])), blob)


def _plan(data: dict) -> bytes:
    return _docx("plan", context.plan_context(data))


def _outline(data: dict, report: dict | None = None) -> bytes:
    return _docx("outline", context.outline_context(data, report) if report is not None
                 else context.outline_context(data))


def _conclusion(data: dict, report: dict | None = None) -> bytes:
    return _docx("conclusion", context.conclusion_context(data, report) if report is not None
                 else context.conclusion_context(data))


def _report(record: dict, outline: dict | None = None, parent: str | None = None,
            signer: tuple[str, str, str] | dict | None = None) -> bytes:
    if outline is None:  # the bundled outline of the example round
        from cchc import examples
        outline = examples.load("outline")
    if signer is not None and not isinstance(signer, dict):
        signer = dict(zip(("authority", "title", "name"), signer))
    return _docx("report", context.report_context(record, outline, parent=parent,
                                                  signer=signer))


def _team_decision(data: dict) -> bytes:
    from .paperwork import team_decision_context

    return _docx("team-decision", team_decision_context(data))


def _schedule(data: dict) -> bytes:
    from .paperwork import schedule_context

    return _docx("schedule", schedule_context(data))


def _minutes(data: dict, report: dict | None = None) -> bytes:
    from .paperwork import minutes_context

    return _docx("minutes", minutes_context(data, report))


def _reminder(data: dict) -> bytes:
    from .paperwork import reminder_context

    return _docx("reminder", reminder_context(data))


def _stats_form(data: dict) -> bytes:
    from .stats_form import build_workbook

    buf = io.BytesIO()
    build_workbook(data).save(buf)
    return buf.getvalue()


_REPORT = Input("report", "--report", "Bản ghi báo cáo của đơn vị (lược đồ report) để trích "
                "số liệu.", schema="report")

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("plan", "Kế hoạch kiểm tra",
         "Kế hoạch kiểm tra theo thể thức Nghị định 30/2020 từ DATA (lược đồ plan).",
         "plan", ("docx", "pdf"), "ke-hoach", "plan", _plan),
    Kind("outline", "Đề cương báo cáo",
         "Đề cương kiểm tra kèm biểu thống kê (trang ngang) từ DATA (lược đồ outline).",
         "outline", ("docx", "pdf"), "de-cuong", "outline", _outline,
         (Input("report", "--fill", "Bản ghi báo cáo (lược đồ report) để điền chỉ tiêu và "
                "biểu thống kê.", schema="report"),)),
    Kind("conclusion", "Thông báo kết luận",
         "Thông báo kết luận kiểm tra từ DATA (lược đồ conclusion).",
         "conclusion", ("docx", "pdf"), "thong-bao-ket-luan", "conclusion", _conclusion,
         (_REPORT,)),
    Kind("report", "Báo cáo của đơn vị",
         "Báo cáo của đơn vị theo Đề cương kiểm tra, từ bản ghi RECORD (lược đồ report).",
         "report", ("docx", "pdf"), "bao-cao", "reports/so-xay-dung", _report,
         (Input("outline", "--outline", "Đề cương kiểm tra (lược đồ outline) mà báo cáo đi "
                "theo; mặc định là đề cương mẫu.", schema="outline"),
          Input("parent", "--parent", 'Tên cơ quan chủ quản, ví dụ "UBND TỈNH BẮC GIANG".'),
          Input("signer", "--signer", 'Người ký, ví dụ: "KT. GIÁM ĐỐC" "PHÓ GIÁM ĐỐC" '
                '"Trần Văn Hùng".', nargs=3, metavar="QUYỀN CHỨC-VỤ HỌ-TÊN"))),
    Kind("team-decision", "Quyết định thành lập Tổ kiểm tra",
         "Quyết định thành lập các Tổ kiểm tra (thành viên chọn từ danh sách Ban Chỉ đạo, "
         "Tổ trưởng, đơn vị của từng Tổ) từ DATA (lược đồ team-decision).",
         "team-decision", ("docx", "pdf"), "quyet-dinh-to-kiem-tra", "team-decision",
         _team_decision),
    Kind("schedule", "Thông báo lịch kiểm tra",
         "Thông báo lịch kiểm tra: ngày, buổi, địa điểm, Tổ kiểm tra của từng đơn vị và hạn "
         "gửi báo cáo (trước ngày kiểm tra) từ DATA (lược đồ schedule).",
         "schedule", ("docx", "pdf"), "thong-bao-lich-kiem-tra", "schedule", _schedule),
    Kind("minutes", "Biên bản kiểm tra",
         "Biên bản kiểm tra tại đơn vị: thành phần, tài liệu đã xem, số liệu lấy từ báo cáo "
         "của đơn vị, dòng trống để ghi tại chỗ, chữ ký hai bên, từ DATA (lược đồ minutes).",
         "minutes", ("docx", "pdf"), "bien-ban-kiem-tra", "minutes", _minutes, (_REPORT,)),
    Kind("reminder", "Công văn đôn đốc gửi báo cáo",
         "Công văn đôn đốc các đơn vị chưa gửi báo cáo tự kiểm tra, nêu hạn của từng đơn vị, "
         "từ DATA (lược đồ reminder).",
         "reminder", ("docx", "pdf"), "cong-van-don-doc", "reminder", _reminder),
    Kind("stats-form", "Biểu thống kê TTHC (XLSX)",
         "Biểu mẫu Excel THỐNG KÊ KẾT QUẢ GIẢI QUYẾT TTHC từ DATA (lược đồ stats); không có "
         "dòng số liệu thì tạo biểu mẫu trống để đơn vị điền.",
         "stats", ("xlsx",), "bieu-thong-ke", "stats", _stats_form,
         note=lambda data: "biểu mẫu thống kê " + ("đã điền số liệu" if data.get("rows")
                                                   else "trống để đơn vị điền")),
)}


def render_kind(kind: str, data: dict, *, source: str | None = None, **inputs) -> bytes:
    """Validate ``data`` (and every JSON input) and build the kind's default format."""
    spec = KINDS[kind]
    check(spec.schema, data, file=source)
    given = {k: v for k, v in inputs.items() if v is not None}
    for item in spec.inputs:
        if item.schema and item.name in given:
            check(item.schema, given[item.name])
    try:
        return spec.build(data, **given)
    except ValidationFailed as exc:  # a builder's own checks name the data's file too
        if exc.file or not source:
            raise
        raise ValidationFailed(exc.message, file=source, details=exc.details) from exc


def render_report(record: dict, outline: dict, *, parent: str | None = None,
                  signer: dict | None = None, source: str | None = None) -> bytes:
    """A unit's self-report along the outline, from its record (validated first)."""
    return render_kind("report", record, source=source, outline=outline, parent=parent,
                       signer=signer)


def write_docx(blob: bytes, target: str | Path, *, pdf: bool = False) -> list[Path]:
    """Write the document (and its PDF beside it); returns what was written."""
    target = Path(target)
    if pdf:
        office.soffice_path()  # fail before writing anything when LibreOffice is missing
    write_bytes(target, blob)
    written = [target]
    if pdf:
        written.append(office.to_pdf(target, target.with_suffix(".pdf")))
    return written
