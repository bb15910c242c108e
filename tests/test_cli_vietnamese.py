"""Every command's help and click's own errors read in Vietnamese (no "Usage:",
"Show this message and exit.", "Missing option"), whatever the user's locale."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from cchc.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit.",
           "Show the version and exit.", "Missing option", "No such option", "Try '",
           "Error:", "does not exist", "Invalid value")


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


ALL = [" ".join(p) for p in _commands(main)]


def _english(text: str) -> list[str]:
    return [e for e in ENGLISH if e in text]


def test_the_walk_finds_the_commands():
    assert {"generate plan", "extract", "archive import", "check", "serve"} <= set(ALL)


@pytest.mark.parametrize("command", ["", *ALL])
def test_help_is_vietnamese(command):
    result = CliRunner().invoke(main, [*command.split(), "--help"], prog_name="cchc",
                                env={"LANG": "C", "LANGUAGE": "en"})
    assert result.exit_code == 0, result.output
    assert "Cách dùng:" in result.output
    assert not _english(result.output), _english(result.output)


@pytest.mark.parametrize("args", [["generate", "plan", "khong-co.json"],
                                  ["extract", "--khong-co"], ["khong-co-lenh"],
                                  ["extract", "khong-co.docx", "--jobs", "hai"]])
def test_usage_errors_are_vietnamese(cli, args):
    proc = cli(*args, env={"LANG": "C", "LANGUAGE": "en"})
    assert proc.returncode == 2
    assert "Lỗi:" in proc.stderr and "Traceback" not in proc.stderr
    assert not _english(proc.stderr), proc.stderr
