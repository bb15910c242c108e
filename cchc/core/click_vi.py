"""Click's own messages in Vietnamese: usage, help options, errors about arguments.

Click marks its messages for gettext, but looks the catalogue up only through the
process's locale variables (LANGUAGE, LANG…), which on an office's server are usually
English or C, and which cchc must not change: LibreOffice and Tesseract inherit them.
cchc speaks Vietnamese whatever the locale, so ``install()`` gives click's modules a
translating ``_``/``ngettext`` over the table below; a message not in it stays as
click wrote it, so a new click version can only leave a message untranslated, never
break a command.
"""

from __future__ import annotations

import gettext
import importlib

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")

MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tuỳ chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Confirm the action without prompting.": "Xác nhận thao tác mà không hỏi lại.",
    "Do you want to continue?": "Tiếp tục?",
    "Aborted!": "Đã huỷ.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tuỳ chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tuỳ chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tuỳ chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "deprecated": "không còn dùng",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được (thiếu quyền).",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được (thiếu quyền).",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai. Các giá trị nhận: {states}",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp.",
    "Error: invalid input": "Lỗi: dữ liệu nhập không hợp lệ",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
}

PLURALS = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
}
PLURALS_MANY = {
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "Option {name!r} requires {nargs} arguments.": "Tuỳ chọn {name!r} cần {nargs} giá trị.",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "{value!r} does not match the formats {formats}.":
        "{value!r} không đúng dạng nào trong {formats}.",
}


def translate(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """Vietnamese nouns have no plural: the count is in the message's own figures."""
    found = PLURALS.get(singular) if n == 1 else PLURALS_MANY.get(plural)
    return found or gettext.ngettext(singular, plural, n)


def install() -> None:
    """Give click's modules the Vietnamese ``_`` and ``ngettext`` (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
