"""Findings as Vietnamese lines for people, or JSON for machines."""

from __future__ import annotations

import json

from .core import FileResult

SEVERITY_VI = {"error": "LỖI", "warning": "CẢNH BÁO"}


def human(result: FileResult) -> list[str]:
    lines = [f"{result.file}: ({result.note})"] if result.note else []
    lines += [f"{result.file}: đã sửa — {change}" for change in result.changes]
    if result.failure:
        return lines + [f"{result.file}: không kiểm tra được — {result.failure}"]
    for f in result.findings:
        lines.append(f"{result.file}: [{SEVERITY_VI[f.severity]}] {f.rule_id} — {f.where}: "
                     f"{f.message_vi} (thấy: {f.found}; cần: {f.expected})")
    if result.fixed and result.findings:
        left = sorted({f.rule_id for f in result.findings})
        lines.append(f"{result.file}: còn lại cần người sửa (không sửa máy móc được, hoặc "
                     f"phải đổi câu chữ) — {', '.join(left)}")
    lines.append(summary(result))
    return lines


def summary(result: FileResult) -> str:
    if result.failure:
        return f"{result.file}: không kiểm tra được"
    verdict = "đạt thể thức" if result.errors == 0 else "chưa đạt thể thức"
    return f"{result.file}: {verdict} — {result.errors} lỗi, {result.warnings} cảnh báo"


def as_json(results: list[FileResult]) -> str:
    return json.dumps({"files": [r.as_dict() for r in results]}, ensure_ascii=False, indent=2)
