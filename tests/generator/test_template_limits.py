"""A user's template cannot exhaust memory or time: each expansion is a template error.

Each case runs ``cchc generate --template`` in a wrapper process that reports the
peak RSS of the command and of its render child, so a limit that stopped only
after allocating gigabytes would fail here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import docx
import pytest

from tests.conftest import ROOT

PEAK_MB = 300
WRAPPER = ("import resource, subprocess, sys\n"
           "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
           "sys.stderr.write(r.stderr)\n"
           "sys.exit(r.returncode)\n")


def run_measured(*args) -> tuple[subprocess.CompletedProcess, float]:
    """Run cchc; return its result and the peak RSS (MB) of it and its children."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCHC_DEBUG", None)
    result = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable,
                             "-m", "cchc.cli", *map(str, args)],
                            capture_output=True, text=True, env=env, timeout=300)
    return result, int(result.stdout) / 1024


def template(path, *paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


CASES = {
    "string_repeat": ("{{ 'a' * 10**9 }}", "phép nhân chuỗi"),
    "list_repeat": ("{{ ([1] * 10**8)|length }}", "phép nhân danh sách"),
    "huge_range": ("{% for i in range(10**9) %}x{% endfor %}", "range(1000000000)"),
    "nested_loops": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
                     "{% endfor %}", "vòng lặp"),
    "doubling_concat": ("{% set ns = namespace(s='a') %}{% for i in range(60) %}"
                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}", "phép ghép chuỗi"),
    "shared_lists": ("{% set ns = namespace(l=[1]) %}{% for i in range(60) %}"
                     "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}", "quá lớn để in"),
    "printf_width": ("{{ '%1000000000s' % 'a' }}", "phép định dạng"),
    "format_width": ("{{ '{:>1000000000}'.format(1) }}", "hàm format()"),
    "ljust": ("{{ 'a'.ljust(10**9) }}", "hàm ljust()"),
    "center_filter": ("{{ 'a'|center(10**9) }}", "bộ lọc 'center'"),
    "batch_filter": ("{{ [1]|batch(10**9, 0)|list }}", "bộ lọc 'batch'"),
    "big_power": ("{{ 10**(10**10) }}", "lũy thừa"),
    "output_size": ("{% for i in range(99999) %}{{ 'a' * 1000000 }}{% endfor %}",
                    "quá nhiều nội dung"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_expansion_is_a_template_error_with_bounded_memory(tmp_path, name):
    source, expected = CASES[name]
    tpl = template(tmp_path / "t.docx", "Trước", source)
    data = tmp_path / "d.json"
    data.write_text("{}", encoding="utf-8")
    out = tmp_path / "o.docx"
    result, peak_mb = run_measured("generate", "--template", tpl, data, "-o", out)
    print(f"{name}: peak RSS {peak_mb:.0f} MB")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Lỗi:") and "Traceback" not in result.stderr
    assert expected in result.stderr
    assert "word/document.xml" in result.stderr  # where the expression is
    assert not out.exists()
    assert peak_mb < PEAK_MB


def _filters(tmp_path, source: str):
    """A user's filters module (``--filters``): Python the child loads and runs."""
    path = tmp_path / "filters.py"
    path.write_text(source, encoding="utf-8")
    return path


def test_the_render_child_is_capped_even_where_no_rule_applies(tmp_path):
    """The memory cap stops an allocation the sandbox rules do not know about (a filter
    that allocates far more than the cap stands for an unknown bug)."""
    from cchc.generator import isolated

    tpl = template(tmp_path / "t.docx", "{{ x|huge }}")
    huge = _filters(tmp_path, "def huge(x):\n    return 'x' * (2 * 1024 ** 3)\n")
    with pytest.raises(Exception) as info:
        isolated.render_isolated(tpl, {"x": 1}, memory_mb=64, filters_path=huge)
    assert "bộ nhớ" in str(info.value)


def test_time_budget_stops_a_slow_template(tmp_path):
    from cchc.core.errors import CchcError
    from cchc.generator.render import CompiledTemplate

    tpl = template(tmp_path / "t.docx",
                   "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}"
                   "{{ f(40) }}")
    with pytest.raises(CchcError) as info:
        CompiledTemplate(tpl).render({}, seconds=0.5)
    assert "quá thời gian" in str(info.value)


def test_a_normal_template_still_renders(tmp_path):
    tpl = template(tmp_path / "t.docx", "{% for i in range(3) %}{{ i * 2 }}{{ 'ab' * 2 }}"
                   "{% endfor %}", "{{ '{:,}'.format(1500000000) }}")
    data = tmp_path / "d.json"
    data.write_text(json.dumps({}), encoding="utf-8")
    out = tmp_path / "o.docx"
    result, _peak = run_measured("generate", "--template", tpl, data, "-o", out)
    assert result.returncode == 0, result.stderr
    assert [p.text for p in docx.Document(out).paragraphs] == [
        "0abab2abab4abab", "1,500,000,000"]


def test_a_render_child_that_hangs_is_killed(tmp_path):
    """A filter that never returns in time stands for a hang no hook sees."""
    from cchc.core.errors import CchcError
    from cchc.generator import isolated

    tpl = template(tmp_path / "t.docx", "{{ x|slow }}")
    slow = _filters(tmp_path, "import time\n\ndef slow(x):\n    time.sleep(60)\n")
    started = time.monotonic()
    with pytest.raises(CchcError) as info:
        isolated.render_isolated(tpl, {"x": 1}, seconds=0.5, filters_path=slow)
    assert "quá thời gian" in str(info.value)
    assert time.monotonic() - started < 0.5 + isolated.GRACE_SECONDS + 2


def test_the_render_child_never_imports_a_cchc_folder_where_the_user_stands(
        tmp_path, monkeypatch):
    """The child is ``python -I`` with cchc's own directory: a ``cchc`` folder in the
    current directory (a download, a colleague's copy) is not what runs the template."""
    from cchc.generator import isolated

    fake = tmp_path / "cwd" / "cchc"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        f"open({str(tmp_path / 'ran')!r}, 'w').close()\n", encoding="utf-8")
    tpl = template(tmp_path / "t.docx", "{{ x }}")
    monkeypatch.chdir(fake.parent)
    blob = isolated.render_isolated(tpl, {"x": "Xin chào"})
    assert not (tmp_path / "ran").exists()
    import io
    assert "Xin chào" in [p.text for p in docx.Document(io.BytesIO(blob)).paragraphs]
