"""Check data against a schema and say what is wrong in Vietnamese, field by field."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import ValidationError

from cchc.core import jsonload
from cchc.core.errors import CchcError, ValidationFailed

from . import names, validator
from .text import text_problems

_TYPES = {"string": "chuỗi", "integer": "số nguyên", "number": "số", "object": "đối tượng",
          "array": "danh sách", "boolean": "đúng/sai", "null": "rỗng (null)"}


def _type_names(t) -> str:
    return " hoặc ".join(_TYPES.get(x, x) for x in (t if isinstance(t, list) else [t]))


def _message(err: ValidationError) -> str:
    v, arg, inst = err.validator, err.validator_value, err.instance
    if v == "required":
        missing = [k for k in arg if isinstance(inst, dict) and k not in inst]
        return "thiếu trường bắt buộc " + ", ".join(f"'{k}'" for k in missing)
    if v == "type":
        return f"phải là {_type_names(arg)}, không phải {json.dumps(inst, ensure_ascii=False)[:60]}"
    if v == "additionalProperties":
        known = set(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in known] if isinstance(inst, dict) else []
        return "có trường không được phép: " + ", ".join(f"'{k}'" for k in extra)
    if v == "enum":
        return f"giá trị {json.dumps(inst, ensure_ascii=False)} không hợp lệ; phải là một trong: " \
            + ", ".join(json.dumps(a, ensure_ascii=False) for a in arg)
    if v == "const":
        return f"phải bằng {json.dumps(arg, ensure_ascii=False)}"
    if v == "minimum":
        return f"phải lớn hơn hoặc bằng {arg} (đang là {inst})"
    if v == "maximum":
        return f"phải nhỏ hơn hoặc bằng {arg} (đang là {inst})"
    if v == "minItems":
        return f"phải có ít nhất {arg} phần tử"
    if v == "minLength":
        return "không được để trống"
    if v == "pattern":
        return f"giá trị {json.dumps(inst, ensure_ascii=False)} không đúng dạng ({arg})"
    if v == "format":
        return f"giá trị {json.dumps(inst, ensure_ascii=False)} không phải {arg} hợp lệ"
    if v in ("oneOf", "anyOf"):
        return "không khớp dạng nào được phép: " + "; ".join(
            _message(e) for e in (err.context or [])[:3])
    if v == "propertyNames":
        return f"tên trường không hợp lệ: {json.dumps(inst, ensure_ascii=False)[:80]}"
    return err.message


def _where(err: ValidationError) -> str:
    return err.json_path


def _leaves(err: ValidationError):
    """oneOf errors hide the useful part in their context: show the closest branch."""
    if err.validator in ("oneOf", "anyOf") and err.context:
        deepest = max(len(e.absolute_path) for e in err.context)
        if deepest > len(err.absolute_path):
            for e in err.context:
                if len(e.absolute_path) == deepest:
                    yield from _leaves(e)
            return
    yield err


def errors(kind: str, data) -> list[str]:
    """Every violation as "$.path: message", sorted by path.

    Text that XML cannot carry is a violation whatever the schema says: it would
    silently cut the generated document short.
    """
    found = text_problems(data)
    for err in validator(kind).iter_errors(data):
        for leaf in _leaves(err):
            found.append(f"{_where(leaf)}: {_message(leaf)}")
    return sorted(set(found))


def is_valid(kind: str, data) -> bool:
    """A fast yes/no (no messages built): the archive asks this of every record and
    builds the Vietnamese messages with ``errors`` only for one that fails."""
    return validator(kind).is_valid(data) and not text_problems(data)


def check(kind: str, data, *, file: str | None = None) -> None:
    """Raise ValidationFailed listing every violation; return when valid."""
    if kind not in names():
        raise CchcError(f"không có lược đồ '{kind}'; các loại có: {', '.join(names())}")
    problems = errors(kind, data)
    if problems:
        raise ValidationFailed(f"dữ liệu không hợp lệ theo lược đồ '{kind}' "
                               f"({len(problems)} lỗi)", file=file, details=problems)


def load_json(path: str | Path):
    """Read a JSON file; a syntax error names the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CchcError("không tìm thấy tệp", file=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise CchcError("tệp không phải văn bản UTF-8", file=str(path)) from exc
    except OSError as exc:
        raise CchcError(f"không đọc được tệp ({exc.strerror})", file=str(path)) from exc
    return jsonload.loads(text, str(path))


def check_text(data, *, file: str | None = None) -> None:
    """Refuse data (of any shape, e.g. for a user's template) holding text XML cannot carry."""
    problems = text_problems(data)
    if problems:
        raise ValidationFailed(f"dữ liệu có văn bản không đưa được vào tài liệu Word "
                               f"({len(problems)} lỗi)", file=file, details=problems)


def load_valid(kind: str, path: str | Path):
    data = load_json(path)
    check(kind, data, file=str(path))
    return data
