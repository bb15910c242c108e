"""A CLI user's own Jinja filters for their own templates (``--filters module.py``).

Applications that fill Word templates define filters of their own (``dateformat``,
``format_currency``…); a user who brings such templates to ``cchc generate --template``
brings the filters too, as a Python file of their own. It is code the user trusts and
runs on their machine, so only the CLI loads it: the service never does, because its
templates come from uploads. The module gives a dict ``FILTERS`` (name → function),
or else every public function it defines is a filter.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path

from cchc.core.errors import CchcError


def load_filters(path: str | Path) -> dict[str, Callable]:
    path = Path(path)
    if path.suffix != ".py" or not path.is_file():
        raise CchcError("tệp bộ lọc phải là một tệp Python (.py) có sẵn", file=str(path))
    spec = importlib.util.spec_from_file_location(f"cchc_user_filters_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        raise CchcError(f"lỗi cú pháp Python ở dòng {exc.lineno}: {exc.msg}",
                        file=str(path)) from exc
    except Exception as exc:  # noqa: BLE001 - the user's module may fail any way
        raise CchcError(f"không nạp được bộ lọc: {type(exc).__name__}: {exc}",
                        file=str(path)) from exc
    found = getattr(module, "FILTERS", None)
    if found is None:
        found = {name: f for name, f in vars(module).items()
                 if inspect.isfunction(f) and f.__module__ == module.__name__
                 and not name.startswith("_")}
    if not isinstance(found, dict) or not all(callable(f) for f in found.values()):
        raise CchcError("FILTERS phải là một dict tên → hàm", file=str(path))
    return dict(found)
