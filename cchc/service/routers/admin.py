"""The admin's page of users: add, change role, disable or enable, reset the
password, remove. Server-rendered like the other pages; every form carries the
session's CSRF token and every change is audited under the admin's name."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from cchc.core.errors import CchcError

from .. import audit, audit_view, users
from ..deps import ROLE_LABELS, Principal, archive_of
from ..errors import ApiError
from ..web import back, error_text, flash, page_user, posted, render, require

router = APIRouter(include_in_schema=False)
PAGE = "/admin/users"
ACTION_LABELS = {
    "login": "đăng nhập", "logout": "đăng xuất", "login_failed": "đăng nhập sai",
    "create": "tạo", "disable": "tắt tài khoản", "enable": "bật lại tài khoản",
    "set_role": "đổi vai trò", "reset_password": "đặt lại mật khẩu",
    "change_password": "đổi mật khẩu", "remove": "xoá", "revoke_token": "thu hồi mã truy cập",
    "import": "nhập báo cáo", "upload": "tải lên", "correct": "sửa tay", "discard": "bỏ bản nháp",
    "assign": "chọn đơn vị cho báo cáo", "refuse": "từ chối tệp",
    "reassign": "chuyển báo cáo sang đơn vị khác",
    "generate": "sinh văn bản", "update": "cập nhật", "extract": "trích xuất",
    "extract_batch": "trích xuất nhiều tệp", "import_batch": "nhập nhiều báo cáo vào đợt",
    "drafts_batch": "tải lên nhiều báo cáo để duyệt",
    "score_criteria": "chấm theo bộ tiêu chí", "verify_score": "đổi điểm thẩm định",
    "score_sheet": "nhập bảng tự chấm", "score_self": "sửa điểm tự chấm",
    "score_save": "lưu điểm cả đợt (dòng lệnh)",
    "invite": "tạo mã mời đơn vị", "redeem": "dùng mã mời tạo tài khoản đơn vị",
    "open": "mở phiếu báo cáo của đơn vị", "save": "lưu phiếu báo cáo",
    "import_word": "điền phiếu báo cáo từ tệp Word",
    "draft.accept": "giữ câu dự thảo", "draft.edit": "sửa câu dự thảo",
    "draft.drop": "bỏ câu dự thảo",
    # written by the archive in the change's own transaction (cchc.archive.audit)
    "annex": "ghép phụ lục vào báo cáo", "accept": "duyệt bản tải lên",
    "merge": "gộp đơn vị", "schedule": "lập lịch kiểm tra", "surprise": "kiểm tra đột xuất",
    "status": "đổi trạng thái kiến nghị", "submit": "nộp báo cáo"}


@router.get(PAGE, response_class=HTMLResponse)
def users_page(request: Request, who: Principal = Depends(page_user)):
    require(who, "admin")
    archive = archive_of(request)
    from cchc.generator.documents import KINDS

    labels = {k.name: k.label for k in KINDS.values()}
    log = [{**e, "what": audit_view.object_text(e["object"], labels)}
           for e in audit.entries(archive, 50)]
    return render(request, "users.html", who, users=users.list_users(archive),
                  audit=log, action_labels=ACTION_LABELS)


def _change(archive, action: str, form: dict) -> tuple[str, dict]:
    """Apply one form's change; returns the flash text and the audit details."""
    name = form.get("name", "")
    if action == "add":
        created = users.add_user(archive, name, form.get("password", ""), form.get("role", ""))
        return f"Đã thêm người dùng {created['name']}.", {"role": created["role"]}
    if action == "role":
        role = form.get("role", "")
        users.set_role(archive, name, role)
        return f"{name}: vai trò mới là {ROLE_LABELS.get(role, role)}.", {"role": role}
    if action in ("disable", "enable"):
        users.set_active(archive, name, action == "enable")
        state = "bật lại" if action == "enable" else "tắt (mọi phiên và mã truy cập đã bị thu hồi)"
        return f"{name}: đã {state}.", {}
    if action == "password":
        users.set_password(archive, name, form.get("password", ""))
        return f"{name}: đã đặt lại mật khẩu; mọi phiên và mã truy cập cũ hết hiệu lực.", {}
    if action == "remove":
        if form.get("confirm") != name:
            raise CchcError(f"hãy gõ lại tên '{name}' vào ô xác nhận để xoá")
        users.remove_user(archive, name)
        return f"Đã xoá người dùng {name}.", {}
    raise ApiError(404, "not_found", f"không có thao tác '{action}'")


@router.post(PAGE + "/{action}")
async def change(action: str, request: Request):
    who, form = await posted(request, "admin")
    archive = archive_of(request)
    try:
        with audit.acting_as(who.name):  # the change audits itself, in its transaction
            message, _details = await run_in_threadpool(_change, archive, action, form)
    except (ApiError, CchcError) as exc:
        flash(request, "error", *error_text(exc))
        return back(PAGE)
    flash(request, "ok", message)
    return back(PAGE)
