"""CLI-wide behaviour: help texts, version, start-up cost, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from aligntext import __version__
from aligntext.cli import cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


COMMANDS = list(_all_commands(cli))


def test_the_four_jobs_have_commands():
    names = {path[0] for path, _ in COMMANDS}
    assert {
        "segment",
        "detect",
        "translate",
        "models",
        "align",
        "check",
        "compare",
        "evaluate",
    } <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_has_help(cli_runner, path):
    command = dict(COMMANDS)[path]
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help text"
    result = cli_runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts} of {' '.join(path)} has no help"


def test_version(cli_runner):
    result = cli_runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "aligntext", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "translate" in proc.stdout


def test_import_and_help_leave_heavy_libraries_out():
    code = (
        "import sys, aligntext, aligntext.cli\n"
        "from aligntext.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sacrebleu') "
        "if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY=", proc.stdout


def test_unknown_command_is_usage_error(cli_runner):
    result = cli_runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
