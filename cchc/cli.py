"""The ``cchc`` command line.

Every subsystem exposes its commands in a ``commands`` module; this file only
assembles them and turns user errors into one Vietnamese line and an exit code,
never a traceback (set CCHC_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys

import click

from cchc import __version__
from cchc.archive import commands as archive_commands
from cchc.checker import commands as checker_commands
from cchc.core import click_vi
from cchc.core.errors import CchcError, cli_message
from cchc.core.pipes import quiet_stdout
from cchc.extractors import commands as extractor_commands
from cchc.generator import commands as generator_commands
from cchc.service import commands as service_commands
from cchc.usecases import (
    conclusion,
    demo,
    draft,
    examples,
    intake,
    reminders,
    score,
    summary,
    trends,
)

# Every subsystem lists its click commands in ``commands``; imported explicitly so the
# layer contract sees that the CLI sits on top of all of them.
COMMAND_MODULES = (generator_commands, extractor_commands, archive_commands,
                   checker_commands, service_commands, demo, draft, examples,
                   reminders, score, summary, trends)
# `generate conclusion` reads the archive, so it is an application command that joins
# the generator's group here rather than living below the archive.
generator_commands.generate.add_command(conclusion.conclusion)
# `archive import` is the import use case's command line (cchc.usecases.intake).
archive_commands.archive_group.add_command(intake.archive_import)


class CchcGroup(click.Group):
    """A group that reports CchcError as a message, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            click.echo(f"Lỗi: {exc.render()}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # the reader closed the pipe (`cchc … | head -1`)
            quiet_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu.", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - last line of defence for the user
            if os.environ.get("CCHC_DEBUG"):
                raise
            click.echo(f"Lỗi: {cli_message(exc)}", err=True)
            ctx.exit(3)


@click.group(cls=CchcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc", message="%(prog)s, phiên bản %(version)s",
                      help="Hiện phiên bản rồi thoát.")
def main() -> None:
    """cchc — kiểm tra cải cách hành chính, ISO, chuyển đổi số từ dữ liệu.

    Sinh văn bản đúng thể thức (Nghị định 30/2020/NĐ-CP), trích xuất báo cáo của
    các đơn vị, lưu trữ các đợt kiểm tra.
    """


def _register() -> None:
    for module in COMMAND_MODULES:
        for command in getattr(module, "commands", ()):
            main.add_command(command)


_register()
click_vi.install()

if __name__ == "__main__":
    sys.exit(main(prog_name="cchc"))
