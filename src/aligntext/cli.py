"""The ``aligntext`` command line: the only module that parses arguments, prints or exits.

Each command is a thin wrapper over a library function that returns a typed result and
raises :class:`~aligntext.errors.AligntextError` on bad input; :class:`_Group` turns those
errors into one line on stderr and exit code 2. Heavy libraries (torch, transformers,
ctranslate2) are imported inside the commands that need them, so ``aligntext --help``
starts fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from aligntext import __version__
from aligntext.errors import AligntextError

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: 0 clean, 1 findings at or above --fail-on (check), 2 bad input.
EXIT_BAD_INPUT = 2


class CliError(click.ClickException):
    """A one-line error for the user, exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(f"aligntext: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """Turns library errors into :class:`CliError` in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AligntextError as exc:
            raise CliError(str(exc)) from exc
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            name = exc.filename if exc.filename is not None else ""
            raise CliError(f"{exc.strerror or exc}: {name}") from exc
        except BrokenPipeError:
            # `aligntext ... | head` closed our stdout: not an error worth a traceback.
            sys.stderr.close()
            return None


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    click.echo(f"aligntext: warning: {message}", err=True)


def output_options(formats: tuple[str, ...], default: str) -> Callable[[F], F]:
    """The ``--format`` and ``-o/--output`` options every result-printing command shares."""

    def decorator(func: F) -> F:
        func = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, allow_dash=True),
            default="-",
            show_default=True,
            help="Write the result to this file ('-' for stdout). Written atomically.",
        )(func)
        func = click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(func)
        return func

    return decorator


def emit(text: str, output: str) -> None:
    """Write ``text`` to stdout (``-``) or atomically to a file."""
    if output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    from aligntext.io.atomic import atomic_write_text

    atomic_write_text(output, text)


def quiet_option(func: F) -> F:
    """``-q/--quiet``: no progress bar or warnings on stderr."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")(
        func
    )


def lang_option(*names: str, help: str) -> Callable[[F], F]:
    """A language option (``--lang`` ...) validated against en, az, ru, tr."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        from aligntext.langs import resolve_lang

        try:
            if isinstance(value, tuple):
                return tuple(resolve_lang(v) for v in value)
            return resolve_lang(value)
        except AligntextError as exc:
            raise CliError(str(exc)) from exc

    return click.option(*names, callback=callback, help=help)


def library_errors(func: F) -> F:
    """Turn library errors raised by a command into one-line CLI errors.

    Needed for commands not invoked through :class:`_Group` (nested groups share it anyway).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AligntextError as exc:
            raise CliError(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="aligntext")
def cli() -> None:
    """Translate, align, cross-check and evaluate statements in English, Azerbaijani,
    Russian and Turkish."""


# --- segment and language-id commands ---------------------------------------------------

# --- translate and models commands ------------------------------------------------------

# --- align command ----------------------------------------------------------------------

# --- check and compare commands ---------------------------------------------------------

# --- evaluate command -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="aligntext", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
