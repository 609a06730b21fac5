"""What every command shares: the ``aligntext`` click group, the shared options, output
and warnings, and the one place that turns library errors into exit codes.

Each command is a thin wrapper over a library function that returns a typed result and
raises :class:`~aligntext.errors.AligntextError` on bad input; :class:`CommandGroup` turns those
errors into one line on stderr and exit code 2. Heavy libraries (torch, transformers,
ctranslate2) are imported inside the commands that need them, so ``aligntext --help``
starts fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from aligntext import __version__
from aligntext.errors import AligntextError

if TYPE_CHECKING:
    from aligntext.translate.base import TranslatorFactory

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: 0 clean, 1 findings at or above --fail-on (check), 2 bad input.
EXIT_BAD_INPUT = 2


def exit_with(code: int) -> NoReturn:
    """End the command with exit ``code`` (the one way commands exit; click reports it)."""
    raise click.exceptions.Exit(code)


class CliError(click.ClickException):
    """A one-line error for the user, exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(f"aligntext: error: {self.format_message()}", err=True)


def _usage_error(exc: click.UsageError) -> CliError:
    """Click's usage error (unknown option, missing argument, bad choice) as one line.

    Click prints a usage synopsis, a hint and the error on three lines; a script reading
    stderr, and the README's promise, want one line naming the fix.
    """
    import re

    message = " ".join(exc.format_message().split())
    # "No such option: '--fromat'. (Did you mean '--format'?)" -> one clause per sentence; a
    # parenthesis that is no sentence ("Got unexpected extra argument (b.txt)") stays.
    message = re.sub(r"\.?\s*\(([A-Z].*)\)\.?$", r". \1", message)
    message = re.sub(r"\.\s+([A-Z])", lambda m: "; " + m.group(1).lower(), message)
    message = message[:1].lower() + message[1:].rstrip(".")
    if exc.ctx is not None:
        message = f"{message} (see '{exc.ctx.command_path} --help')"
    return CliError(message)


class CommandGroup(click.Group):
    """Turns library errors and click's usage errors into :class:`CliError` in one place."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # a bare `aligntext` prints its help
        except click.UsageError as exc:
            raise _usage_error(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise _usage_error(exc) from exc
        except AligntextError as exc:
            raise CliError(str(exc)) from exc
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            name = exc.filename if exc.filename is not None else ""
            raise CliError(f"{exc.strerror or exc}: {name}") from exc
        except BrokenPipeError:
            # `aligntext ... | head` closed our stdout: not an error worth a traceback.
            sys.stderr.close()
            return None
        except OSError as exc:
            # A full disk, a read-only folder, a quota: the atomic writers have left the old
            # file in place, so one line saying what happened is all the user needs.
            where = f": {exc.filename}" if exc.filename is not None else " (writing the output)"
            raise CliError(f"{exc.strerror or exc}{where}") from exc


def say(message: str) -> None:
    """Print a one-line note on stderr (what happened, when stdout has nothing to show)."""
    click.echo(f"aligntext: {message}", err=True)


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    say(f"warning: {message}")


def output_options(formats: tuple[str, ...], default: str) -> Callable[[F], F]:
    """The ``--format`` and ``-o/--output`` options every result-printing command shares.

    The command is also wrapped so that ``-o`` naming one of its inputs (any path option or
    argument) is refused before any work is done: a report must never replace its source.
    """

    def decorator(func: F) -> F:
        func = _refuse_output_over_inputs(func)
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


def _refuse_output_over_inputs(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from aligntext.io.atomic import guard_output

        inputs: list[str] = []
        for param in click.get_current_context().command.params:
            value = kwargs.get(param.name or "")
            if param.name == "output" or value is None or not isinstance(param.type, click.Path):
                continue
            inputs.extend(value if isinstance(value, (tuple, list)) else [value])
        guard_output(kwargs.get("output", "-"), inputs)
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


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


def _lang_callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Validate a language option's value(s) against en, az, ru, tr (commas split lists)."""
    if value is None:
        return None
    from aligntext.langs import resolve_lang

    # An unknown language raises a library error, which the group turns into exit code 2.
    if isinstance(value, tuple):
        return tuple(resolve_lang(v) for part in value for v in part.split(",") if v.strip())
    return resolve_lang(value)


def lang_option(
    *names: str, help: str, aliases: tuple[str, ...] = (), **kwargs: Any
) -> Callable[[F], F]:
    """A language option (``--lang``, ``--src``, ``--tgt``) validated against en, az, ru, tr.

    Args:
        names: the option's flags, and optionally the parameter's name (a name without
            dashes, as in :func:`click.option`); else the longest flag names it.
        help: the help text.
        aliases: older spellings (``--src-lang``), accepted but hidden from ``--help`` so
            that scripts written for them keep working.
        kwargs: passed to :func:`click.option` (``multiple=True``, ``required=True``).
    """
    dest = next(
        (n for n in names if not n.startswith("-")),
        max((n for n in names if n.startswith("--")), key=len)[2:].replace("-", "_"),
    )
    main_flag = next(n for n in names if n.startswith("--"))
    alias_dests = [f"_{dest}_alias{k}" for k in range(len(aliases))]
    required = kwargs.pop("required", False)
    kwargs.setdefault("metavar", "LANG")
    empty = () if kwargs.get("multiple") else None

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **params: Any) -> Any:
            value = params.get(dest, empty)
            for alias, alias_dest in zip(aliases, alias_dests, strict=True):
                given = params.pop(alias_dest, empty)
                if given in (None, ()):
                    continue
                if value not in (None, ()) and value != given:
                    raise CliError(f"{main_flag} and {alias} are the same option; give it once")
                value = given
            if required and value in (None, ()):
                path = click.get_current_context().command_path
                raise CliError(f"missing option '{main_flag}' (see '{path} --help')")
            params[dest] = value
            return func(*args, **params)

        for alias, alias_dest in zip(aliases, alias_dests, strict=True):
            wrapper = click.option(
                alias, alias_dest, callback=_lang_callback, hidden=True, **kwargs
            )(wrapper)
        option = click.option(*names, callback=_lang_callback, help=help, **kwargs)
        return option(wrapper)  # type: ignore[return-value]

    return decorator


#: The language flags, one scheme for every command (docs/cli.md): --lang for the language of
#: the input, --src / --tgt for a direction (a translation, a bitext, two versions), --langs
#: for one language per file. The spellings of earlier versions stay as hidden aliases.
SRC_ALIASES = ("--src-lang",)
TGT_ALIASES = ("--tgt-lang",)


def src_option(help: str) -> Callable[[F], F]:
    """``--src``: the source language (hidden alias ``--src-lang``)."""
    return lang_option("--src", help=help, aliases=SRC_ALIASES)


def tgt_option(help: str) -> Callable[[F], F]:
    """``--tgt``: the target language (hidden alias ``--tgt-lang``)."""
    return lang_option("--tgt", help=help, aliases=TGT_ALIASES)


#: How a document is read: ``doc`` from its name or content, or one named format.
DOC_INPUT_FORMATS: tuple[str, ...] = ("doc", "txt", "md", "docx", "html")


def input_format_option(
    choices: tuple[str, ...] = DOC_INPUT_FORMATS, default: str | None = "doc", help: str = ""
) -> Callable[[F], F]:
    """``--input-format``: how the command reads its inputs, shared by every reading command."""
    text = help or (
        "How to read the input: doc (by file name, else by content: an unknown name holding "
        "text is plain text), or txt, md, docx, html whatever the name."
    )
    return click.option(
        "--input-format",
        type=click.Choice(choices),
        default=default,
        show_default=default is not None,
        help=text,
    )


def doc_format(input_format: str | None) -> str | None:
    """The ``fmt`` for :func:`read_document`: ``None`` (by name or content) for ``doc``."""
    return None if input_format in (None, "doc", "lines") else input_format


def _set_input_limit(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is None:
        return
    from aligntext.io.encoding import input_limit

    # In force until the command ends; translate_folder and every reader pick it up.
    ctx.with_resource(input_limit(value))


def max_input_option(func: F) -> F:
    """``--max-input-mb``: the cap on what one input may hold, for every reader."""
    from aligntext.io.encoding import DEFAULT_MAX_INPUT_MB

    return click.option(
        "--max-input-mb",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_input_limit,
        help=f"Refuse an input holding more than this many MiB of text (a .docx: its "
        f"unpacked XML) [default: {DEFAULT_MAX_INPUT_MB}].",
    )(func)


#: Options several commands share, declared once so that they read the same everywhere.
glossary_option = click.option(
    "--glossary",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Glossary (TSV or TBX): one concept per row, its form in each language.",
)


def mt_model_option(help: str) -> Callable[[F], F]:
    """``--mt-model DIR``: a local MT model folder, used as ``help`` says."""
    return click.option(
        "--mt-model", type=click.Path(exists=True, file_okay=False, path_type=str), help=help
    )


def mt_translators(mt_model: str | None) -> TranslatorFactory | None:
    """A translator factory for ``--mt-model DIR`` (``None`` without one): the folder's model
    for each pair of languages asked for, loaded on first use, never downloaded."""
    if mt_model is None:
        return None
    from aligntext.translate.loader import translator_factory

    return translator_factory(mt_model, options={"download": False})


langs_option = click.option(
    "--langs",
    metavar="LANG,LANG...",
    help="Languages of all files, comma-separated, in order: en,az,ru,tr.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail (exit 2) when a file is not in its language."
)


@click.group(
    "aligntext", cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "-V", "--version", prog_name="aligntext")
def cli() -> None:
    """Translate, align, cross-check and evaluate statements in English, Azerbaijani,
    Russian and Turkish."""


def read_input(path: str, input_format: str | None = None) -> Any:
    """A document from ``path``, or from stdin when ``path`` is ``-`` (read as a file is:
    encoding detected, the format from ``input_format`` or the content, the input cap)."""
    from aligntext.io.documents import read_document, read_stdin

    if path == "-":
        return read_stdin(doc_format(input_format))
    return read_document(path, fmt=doc_format(input_format))


def align_langs(
    n_files: int, src_lang: str | None, tgt_lang: str | None, langs: str | None
) -> list[str | None]:
    """One language (or None: detect) per file, from --src/--tgt or --langs."""
    from aligntext.langs import resolve_lang

    if langs is not None:
        if src_lang or tgt_lang:
            raise CliError("give --langs or --src/--tgt, not both")
        codes = [x.strip() for x in langs.split(",")]
        if len(codes) != n_files:
            raise CliError(
                f"--langs gives {len(codes)} language(s) for {n_files} files; give one per "
                "file, in order (e.g. --langs en,az,ru,tr)"
            )
        return [resolve_lang(c) for c in codes]
    if n_files > 2 and (src_lang or tgt_lang):
        raise CliError("--src/--tgt name two files; for three or more use --langs en,az,ru,tr")
    return [src_lang, tgt_lang] + [None] * (n_files - 2)


FAIL_ON = ("error", "warning", "info", "never")


def fail_on_option(default: str, help: str) -> Callable[[F], F]:
    """``--fail-on SEVERITY``: exit 1 when a finding at or above it exists."""
    return click.option(
        "--fail-on", type=click.Choice(FAIL_ON), default=default, show_default=True, help=help
    )


def fails_at(findings: Any, fail_on: str) -> bool:
    """Whether any finding is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    from aligntext.types import severity_rank

    return any(severity_rank(f.severity) >= severity_rank(fail_on) for f in findings)


def use_color(output: str) -> bool:
    """Colour text output only for a terminal, and never when NO_COLOR is set."""
    import os

    return output == "-" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
