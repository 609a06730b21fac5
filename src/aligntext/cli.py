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


def _usage_error(exc: click.UsageError) -> CliError:
    """Click's usage error (unknown option, missing argument, bad choice) as one line.

    Click prints a usage synopsis, a hint and the error on three lines; a script reading
    stderr, and the README's promise, want one line naming the fix.
    """
    import re

    message = " ".join(exc.format_message().split())
    # "No such option: '--fromat'. (Did you mean '--format'?)" -> one clause per sentence.
    message = re.sub(r"\.?\s*\((.*)\)\.?$", r". \1", message)
    message = re.sub(r"\.\s+([A-Z])", lambda m: "; " + m.group(1).lower(), message)
    message = message[:1].lower() + message[1:].rstrip(".")
    if exc.ctx is not None:
        message = f"{message} (see '{exc.ctx.command_path} --help')"
    return CliError(message)


class _Group(click.Group):
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


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    click.echo(f"aligntext: warning: {message}", err=True)


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

    try:
        if isinstance(value, tuple):
            return tuple(resolve_lang(v) for part in value for v in part.split(",") if v.strip())
        return resolve_lang(value)
    except AligntextError as exc:
        raise CliError(str(exc)) from exc


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
_SRC_ALIASES = ("--src-lang",)
_TGT_ALIASES = ("--tgt-lang",)


def src_option(help: str) -> Callable[[F], F]:
    """``--src``: the source language (hidden alias ``--src-lang``)."""
    return lang_option("--src", help=help, aliases=_SRC_ALIASES)


def tgt_option(help: str) -> Callable[[F], F]:
    """``--tgt``: the target language (hidden alias ``--tgt-lang``)."""
    return lang_option("--tgt", help=help, aliases=_TGT_ALIASES)


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


def _doc_format(input_format: str | None) -> str | None:
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
langs_option = click.option(
    "--langs",
    metavar="LANG,LANG...",
    help="Languages of all files, comma-separated, in order: en,az,ru,tr.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail (exit 2) when a file is not in its language."
)


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


@click.group("aligntext", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="aligntext")
def cli() -> None:
    """Translate, align, cross-check and evaluate statements in English, Azerbaijani,
    Russian and Turkish."""


# --- segment and language-id commands ---------------------------------------------------


def _read_input(path: str, input_format: str | None = None) -> Any:
    """A document from ``path``, or from stdin (read as plain text) when ``path`` is ``-``."""
    from aligntext.io.documents import document_from_text, read_document

    if path == "-":
        return document_from_text(sys.stdin.read())
    return read_document(path, fmt=_doc_format(input_format))


@cli.command("segment")
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@lang_option("-l", "--lang", help="Language of the file (en, az, ru, tr); detected when left out.")
@input_format_option()
@click.option(
    "--strict", is_flag=True, help="Fail (exit 2) when the file is not in the --lang language."
)
@max_input_option
@output_options(("text", "jsonl"), "text")
@quiet_option
def segment_cmd(
    file: str,
    lang: str | None,
    input_format: str,
    strict: bool,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Split FILE (.txt, .md, .docx, .html, or - for stdin) into sentences.

    Prints one sentence per line (line breaks inside a sentence become spaces) and a blank
    line between paragraphs; --format jsonl prints one JSON object per sentence with its
    0-based index and paragraph and its character offsets.
    """
    import json

    from aligntext.langid import detect_language, verify_language
    from aligntext.segment import segment_document

    doc = _read_input(file, input_format)
    name = "stdin" if file == "-" else f"'{file}'"
    if lang is None:
        lang = detect_language(doc.text)
    else:
        message = verify_language(doc.text, lang, strict=strict, name=name)
        if message and not quiet:
            warn(message)
    segments = segment_document(doc, lang)
    lines: list[str] = []
    if fmt == "jsonl":
        for seg in segments:
            record = {
                "index": seg.index,
                "paragraph": seg.paragraph,
                "start": seg.start,
                "end": seg.end,
                "lang": lang,
                "text": seg.text,
            }
            lines.append(json.dumps(record, ensure_ascii=False))
    else:
        previous: int | None = None
        for seg in segments:
            if previous is not None and seg.paragraph != previous:
                lines.append("")
            lines.append(" ".join(seg.text.split()))
            previous = seg.paragraph
    emit("\n".join(lines) + "\n" if lines else "", output)


@cli.command("detect")
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@input_format_option()
@click.option(
    "--scores", is_flag=True, help="Also print the probability of each of en, az, ru, tr."
)
@output_options(("text", "json"), "text")
@quiet_option
def detect_cmd(
    file: str, input_format: str, scores: bool, fmt: str, output: str, quiet: bool
) -> None:
    """Print the language (en, az, ru or tr) of FILE, or of stdin when FILE is -.

    Text in none of the four languages is an error (exit 2), not a guess. --format json
    prints {"file": ..., "lang": ..., "scores": {...}} (scores only with --scores).
    """
    import json

    from aligntext.langid import detect_language, language_scores

    doc = _read_input(file, input_format)
    code = detect_language(doc.text)
    ranked = sorted(language_scores(doc.text).items(), key=lambda kv: -kv[1]) if scores else []
    if fmt == "json":
        data: dict[str, Any] = {"file": file, "lang": code}
        if scores:
            data["scores"] = dict(ranked)
        emit(json.dumps(data, ensure_ascii=False) + "\n", output)
        return
    emit("".join([f"{code}\n", *(f"{lang}\t{prob:.4f}\n" for lang, prob in ranked)]), output)


# --- translate and models commands ------------------------------------------------------


def _parse_models(values: tuple[str, ...]) -> str | dict[str, str] | None:
    """``--model ID`` for every direction, or ``--model ru=ID`` / ``--model en-ru=ID``."""
    from aligntext.langs import resolve_lang

    if not values:
        return None
    chosen: dict[str, str] = {}
    every: str | None = None
    for value in values:
        head, sep, rest = value.partition("=")
        key = None
        if sep and rest:
            try:
                langs = [resolve_lang(part) for part in head.split("-")] if head else []
            except AligntextError:
                langs = []  # "=" belongs to a folder name, not to a language prefix
            if len(langs) in (1, 2):
                key = "-".join(langs)
        if key is None:
            if every is not None:
                raise CliError(
                    f"--model given twice ({every!r} and {value!r}); prefix each with its "
                    "target language, e.g. --model ru=DIR"
                )
            every = value
        else:
            chosen[key] = rest
    if not chosen:
        return every
    if every is not None:
        from aligntext.langs import CODES

        for code in CODES:
            chosen.setdefault(code, every)
    return chosen


@cli.command("translate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@lang_option(
    "--src",
    help="Source language (en, az, ru, tr); detected per file when left out.",
    aliases=_SRC_ALIASES,
)
@lang_option(
    "--tgt",
    "tgts",
    help="Target language (required); repeat, or separate with commas, for several.",
    aliases=_TGT_ALIASES,
    multiple=True,
    required=True,
)
@input_format_option()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Output folder: translations go to OUT/<tgt>/, plus OUT/manifest.json.",
)
@click.option(
    "--model",
    "models",
    multiple=True,
    metavar="[TGT=]ID|DIR",
    help="Hub id or local model folder (default: the registry's model for each direction); "
    "prefix with a target (ru=DIR) or direction (en-ru=DIR) when translating into several.",
)
@click.option(
    "--backend",
    type=click.Choice(["auto", "hf", "ct2"]),
    default="auto",
    show_default=True,
    help="Inference backend: transformers (hf) or CTranslate2 (ct2).",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda"]),
    default="auto",
    show_default=True,
    help="Where the model runs.",
)
@click.option(
    "--beam",
    type=click.IntRange(min=1),
    default=None,
    help="Beam size; 1 is greedy and fastest (default: the backend's, 4).",
)
@click.option(
    "--batch-tokens",
    type=click.IntRange(min=1),
    default=None,
    help="Token budget of one batch (default: the backend's).",
)
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Segment cache file (default: $ALIGNTEXT_CACHE_DIR/segments.sqlite, else "
    "~/.cache/aligntext/segments.sqlite).",
)
@click.option("--no-cache", is_flag=True, help="Translate every sentence; keep no cache.")
@click.option(
    "--check",
    is_flag=True,
    help="Run the mismatch checker on every sentence and its translation; list suspects "
    "on stderr and in the manifest.",
)
@click.option("--force", is_flag=True, help="Translate again files an earlier run finished.")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symlinked files and folders that lead out of an input folder (skipped, with "
    "a warning, by default).",
)
@max_input_option
@quiet_option
def translate_command(
    inputs: tuple[str, ...],
    src: str | None,
    tgts: tuple[str, ...],
    input_format: str,
    out_dir: str,
    models: tuple[str, ...],
    backend: str,
    device: str,
    beam: int | None,
    batch_tokens: int | None,
    cache_file: str | None,
    no_cache: bool,
    check: bool,
    force: bool,
    follow_links: bool,
    quiet: bool,
) -> None:
    """Translate files and folders (.txt .md .docx .html) into one or more languages.

    The folder tree is mirrored under OUT/<tgt>/ with the same formats and paragraphs.
    Re-running the command resumes: finished files are skipped and translated sentences
    come from the segment cache.
    """
    from tqdm import tqdm

    from aligntext.pipeline.batch import FAILED, ProgressEvent, translate_folder

    if no_cache and cache_file:
        raise CliError("--cache and --no-cache exclude each other; drop one")
    cache: str | bool = False if no_cache else (cache_file or True)
    bar = tqdm(
        total=0,
        unit="sent",
        desc="translating",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
        dynamic_ncols=True,
        smoothing=0.1,
    )

    def progress(event: ProgressEvent) -> None:
        if event.kind == "start":
            bar.reset(total=event.sentences)
        elif event.kind == "sentences":
            bar.update(event.sentences)
        elif event.kind == "file" and event.status == FAILED and not quiet:
            bar.write(f"aligntext: warning: {event.path}: translation failed", file=sys.stderr)

    previous = _interrupt_on_signals()
    try:
        run = translate_folder(
            inputs,
            src,
            tgts,
            out_dir,
            model=_parse_models(models),
            backend=backend,
            device=device,
            beam_size=beam,
            batch_tokens=batch_tokens,
            cache=cache,
            progress=progress,
            check=check,
            force=force,
            follow_links=follow_links,
            input_format=_doc_format(input_format),
        )
    except KeyboardInterrupt as exc:
        bar.close()
        what = "terminated (SIGTERM)" if isinstance(exc, _Terminated) else "interrupted"
        click.echo(
            f"aligntext: {what}; finished files are kept, run the same command again to resume",
            err=True,
        )
        sys.exit(143 if isinstance(exc, _Terminated) else 130)
    finally:
        bar.close()
        _restore_signals(previous)

    failed = run.by_status(FAILED)
    if not quiet:
        for note in run.warnings:
            warn(note)
        for result in run.files:
            if result.warning:
                warn(result.warning)
        for result in failed:
            warn(f"{result.source}: {result.message}")
    for result, finding in run.findings:
        click.echo(
            f"{result.relpath}: sentence {finding.pair + 1}: {finding.severity}: "
            f"{finding.type}: {finding.message}",
            err=True,
        )
    if not quiet:
        done, skipped = run.by_status("done"), run.by_status("skipped")
        click.echo(
            f"aligntext: {len(done)} file(s) translated, {len(skipped)} skipped, "
            f"{len(failed)} failed; {run.sentences} sentences ({run.translated} sent to the "
            f"model, {run.cached} from cache) in {run.seconds:.1f} s; manifest: {run.manifest}",
            err=True,
        )
    if failed:
        raise CliError(f"{len(failed)} of {len(run.files)} file(s) failed; see {run.manifest}")


class _Terminated(KeyboardInterrupt):
    """SIGTERM (sent by timeout, systemd, container runtimes), handled as Ctrl-C is."""


def _interrupt_on_signals() -> dict[int, Any]:
    """Turn SIGINT and SIGTERM into exceptions the library cleans up after.

    After the first signal both are ignored, so that a second one (an impatient Ctrl-C,
    a supervisor repeating SIGTERM) cannot cut short the manifest update and the removal of
    temporary files the first one started.
    """
    import signal

    def handler(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise _Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, handler)
        except ValueError:  # not the main thread (an embedding application): leave them
            break
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for sig, old in previous.items():
        signal.signal(sig, old)


# models commands


def _models_table(rows: list[Any], home: str) -> str:
    headers = ("direction", "default model", "family", "local", "alternatives")
    body = [(r.pair, r.default, r.family, r.local, ", ".join(r.alternatives) or "-") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *body)
    ]
    lines.append(f"models home: {home}")
    return "\n".join(lines) + "\n"


@cli.group("models", cls=_Group)
def models_group() -> None:
    """List, download and convert the pretrained translation models."""


@models_group.command("list")
@output_options(("text", "json"), "text")
def models_list_cmd(fmt: str, output: str) -> None:
    """Show the model of each direction and whether it is present locally.

    LOCAL is 'yes' when the transformers files are here, 'yes+ct2' when a CTranslate2
    copy is too, 'no' when the model still has to be pulled.
    """
    import json

    from aligntext.translate.registry import list_models, models_home

    rows = list_models()
    home = str(models_home())
    if fmt == "json":
        data = {
            "models_home": home,
            "directions": [
                {
                    "direction": r.pair,
                    "default": r.default,
                    "family": r.family,
                    "alternatives": list(r.alternatives),
                    "local": r.local,
                }
                for r in rows
            ],
        }
        emit(json.dumps(data, indent=2) + "\n", output)
    else:
        emit(_models_table(rows, home), output)


@models_group.command("pull")
@click.argument("targets", nargs=-1, required=True, metavar="PAIR|ID...")
def models_pull_cmd(targets: tuple[str, ...]) -> None:
    """Download models into the local model store (needs the hub).

    A PAIR such as en-ru fetches the models of that direction (both legs of a pivot); an
    ID fetches that hub model. Prints each model's folder.
    """
    from aligntext.translate.registry import pull_model, pull_targets

    for target in targets:
        for model in pull_targets(target):
            click.echo(str(pull_model(model)))


@models_group.command("convert")
@click.argument("model", metavar="ID|DIR")
@click.option(
    "--quantization",
    type=click.Choice(["int8", "float16", "bfloat16", "float32"]),
    default="int8",
    show_default=True,
    help="Weight type of the copy: int8 for CPUs, float16 for GPUs.",
)
@click.option("--force", is_flag=True, help="Convert again even if an up-to-date copy exists.")
def models_convert_cmd(model: str, quantization: str, force: bool) -> None:
    """Make a CTranslate2 copy of a model (hub id or folder); prints its folder.

    The ct2 backend converts on first use anyway; this does it ahead of time.
    """
    from aligntext.translate.ct2 import convert_to_ct2
    from aligntext.translate.loader import detect_family
    from aligntext.translate.registry import ensure_model, model_revision

    source = ensure_model(model)
    path = convert_to_ct2(
        model,
        quantization=quantization,
        force=force,
        family=detect_family(source),
        revision=model_revision(source),
    )
    click.echo(str(path))


# --- align command ----------------------------------------------------------------------


def _align_langs(
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
        try:
            return [resolve_lang(c) for c in codes]
        except AligntextError as exc:
            raise CliError(str(exc)) from exc
    if n_files > 2 and (src_lang or tgt_lang):
        raise CliError("--src/--tgt name two files; for three or more use --langs en,az,ru,tr")
    return [src_lang, tgt_lang] + [None] * (n_files - 2)


def _pivot_index(pivot: str | None, langs: list[str]) -> int:
    """The pivot version from --pivot: a language code or a 1-based file number."""
    if pivot is None:
        return 0
    if pivot.isdigit():
        k = int(pivot) - 1
        if not 0 <= k < len(langs):
            raise CliError(f"--pivot {pivot} is not a file number; give 1 to {len(langs)}")
        return k
    from aligntext.langs import resolve_lang

    try:
        code = resolve_lang(pivot)
    except AligntextError as exc:
        raise CliError(str(exc)) from exc
    if code not in langs:
        raise CliError(
            f"--pivot {pivot}: no version is in that language (versions: {', '.join(langs)}); "
            "give one of them or a file number"
        )
    return langs.index(code)


def _say_unmatched(alignment: Any) -> None:
    """Say on stderr how many sentences a TMX leaves out: it holds translations only."""
    from aligntext.align.formats import unmatched_sentences

    src, tgt = unmatched_sentences(alignment)
    if src or tgt:
        warn(
            f"the TMX leaves out {src + tgt} sentence(s) with no counterpart ({src} "
            f"{alignment.src_lang}, {tgt} {alignment.tgt_lang}); --format tsv or jsonl "
            "lists them"
        )


@cli.command("align")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@src_option("Language of the first file (en, az, ru, tr); detected when left out.")
@tgt_option("Language of the second file; detected when left out.")
@langs_option
@click.option(
    "--pivot", help="Multi-way: the version the others are aligned to (language or file number)."
)
@input_format_option(
    ("doc", "lines", *DOC_INPUT_FORMATS[1:]),
    help="doc: documents to segment into sentences, read by file name or content (or "
    "txt, md, docx, html whatever the name); lines: one segment per line.",
)
@strict_option
@click.option(
    "--mt-model",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="Also score with this local MT model folder (source translated, compared by chrF).",
)
@click.option(
    "--embed-model",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="Also score with this local sentence-embedding model folder (LaBSE-like).",
)
@max_input_option
@output_options(("jsonl", "tsv", "tmx", "text"), "jsonl")
@quiet_option
def align_cmd(
    files: tuple[str, ...],
    src: str | None,
    tgt: str | None,
    langs: str | None,
    pivot: str | None,
    input_format: str,
    strict: bool,
    mt_model: str | None,
    embed_model: str | None,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Align the sentences of two (or more) language versions: SRC TGT [MORE...].

    Two files give one bead per line (--format jsonl: {"src": [i...], "tgt": [j...],
    "score": x, "confidence": c}, 0-based segment indices), or a TSV (with a header) / TMX
    bitext or a side-by-side text view (numbered from 1). Three or more files are aligned
    through a pivot (the first, or --pivot) into rows of corresponding sentences (jsonl, tsv
    or text).
    """
    from aligntext.align import (
        EmbeddingScorer,
        MTScorer,
        SemanticScorer,
        align,
        align_multi,
        format_alignment,
        format_multi,
    )
    from aligntext.align.formats import read_segments

    if len(files) < 2:
        raise CliError(f"align needs at least two files, got {len(files)}; give SRC TGT [MORE...]")
    if mt_model and embed_model:
        raise CliError("give --mt-model or --embed-model, not both")
    claimed = _align_langs(len(files), src, tgt, langs)
    versions = []
    for path, lang in zip(files, claimed, strict=True):
        code, segments, problems = read_segments(path, lang, input_format, strict=strict)
        for problem in problems:
            if not quiet:
                warn(problem)
        versions.append((code, segments))
    codes = [code for code, _ in versions]

    def scorer_for(a: str, b: str) -> SemanticScorer | None:
        if embed_model:
            return EmbeddingScorer(embed_model)
        if mt_model:
            from aligntext.translate import load_translator

            return MTScorer(load_translator(a, b, model=mt_model, download=False))
        return None

    if len(files) == 2 and pivot is None:
        (sl, ss), (tl, ts) = versions
        result = align(ss, ts, sl, tl, scorer=scorer_for(sl, tl))
        if not quiet:
            for message in result.warnings:
                warn(message)
            if fmt == "tmx":
                _say_unmatched(result)
        rendered = format_alignment(result, fmt)
        emit(rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered, output)
        return
    if fmt == "tmx":
        raise CliError("--format tmx holds two versions; use jsonl, tsv or text for more files")
    multi = align_multi(
        versions,
        _pivot_index(pivot, codes),
        scorer=scorer_for if (mt_model or embed_model) else None,
    )
    if not quiet:
        for message in multi.warnings:
            warn(message)
    emit(format_multi(multi, fmt), output)


# --- check and compare commands ---------------------------------------------------------


_FAIL_ON = ("error", "warning", "info", "never")


def _fails(findings: Any, fail_on: str) -> bool:
    """Whether any finding is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    from aligntext.types import severity_rank

    return any(severity_rank(f.severity) >= severity_rank(fail_on) for f in findings)


def _use_color(output: str) -> bool:
    """Colour text output only for a terminal, and never when NO_COLOR is set."""
    import os

    return output == "-" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@cli.command("check")
@click.argument("pairs", metavar="PAIRS", type=click.Path(dir_okay=False, path_type=str))
@src_option("Source language (en, az, ru, tr); from the file or detected.")
@tgt_option("Target language (en, az, ru, tr); from the file or detected.")
@input_format_option(
    ("tsv", "tmx", "xliff", "po"),
    default=None,
    help="Bitext format; from the file name and content when left out.",
)
@glossary_option
@click.option(
    "--fail-on",
    type=click.Choice(_FAIL_ON),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse exists ('never': always 0).",
)
@max_input_option
@output_options(("text", "jsonl", "json"), "text")
@quiet_option
def check_cmd(
    pairs: str,
    src: str | None,
    tgt: str | None,
    input_format: str | None,
    glossary: str | None,
    fail_on: str,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Check an aligned bitext for mismatched numbers, dates, names and omissions.

    PAIRS is a TSV file (source<TAB>target per line), TMX, XLIFF (1.2 or 2.x) or PO.
    --format jsonl prints one finding per line: {"row": n, "type": ..., "severity": ...,
    "message": ...} with row the 1-based line / translation unit, as the text output shows
    it. Exit code 1 when a finding at or above --fail-on exists, 0 when none, 2 on bad
    input.
    """
    import os

    from aligntext.pipeline.compare import check_bitext_file
    from aligntext.render.report import render_findings

    result = check_bitext_file(pairs, src, tgt, glossary, fmt=input_format)
    text = render_findings(
        result.findings,
        fmt,
        pairs=result.pairs,
        src_lang=result.src_lang,
        tgt_lang=result.tgt_lang,
        source=os.path.basename(pairs),
        signature=result.signature,
        color=fmt == "text" and _use_color(output),
    )
    if text or output != "-":
        emit(text, output)
    if _fails(result.findings, fail_on):
        raise click.exceptions.Exit(1)


@cli.command("compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@src_option("Language of the first file (en, az, ru, tr); detected when left out.")
@tgt_option("Language of the second file; detected when left out.")
@langs_option
@input_format_option()
@glossary_option
@strict_option
@click.option(
    "--fail-on",
    type=click.Choice(_FAIL_ON),
    default="never",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse exists.",
)
@max_input_option
@output_options(("text", "json", "html"), "text")
@quiet_option
def compare_cmd(
    files: tuple[str, ...],
    src: str | None,
    tgt: str | None,
    langs: str | None,
    input_format: str,
    glossary: str | None,
    strict: bool,
    fail_on: str,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Compare two or more language versions of a statement: A B [C D ...].

    Segments and aligns every version to the first, then reports where they disagree on
    numbers, dates and names and which sentences are missing or added; with three or more
    versions each disagreement names the odd one out ("en says 12 March 2024; az, ru and tr
    say 14 March 2024"). --format html writes one self-contained page (side by side, the
    findings highlighted, a summary and filters); text is coloured on a terminal.
    """
    from aligntext.pipeline.compare import compare_versions
    from aligntext.render.report import render_report

    if len(files) < 2:
        raise CliError(f"compare needs at least two files, got {len(files)}; give A B [C D ...]")
    claimed = _align_langs(len(files), src, tgt, langs)
    report = compare_versions(
        list(files),
        claimed,
        glossary=glossary,
        strict=strict,
        input_format=_doc_format(input_format),
    )
    if not quiet:
        for message in report.warnings:
            warn(message)
    emit(render_report(report, fmt, color=fmt == "text" and _use_color(output)), output)
    if _fails(report.all_findings(), fail_on):
        raise click.exceptions.Exit(1)


# --- evaluate command -------------------------------------------------------------------


@cli.command("evaluate")
@click.option(
    "--hyp",
    "hyps",
    multiple=True,
    required=True,
    type=click.Path(exists=True, path_type=str),
    help="Hypothesis file or folder (the translation). Twice or more: compare systems, "
    "the first being the baseline.",
)
@click.option(
    "--ref",
    "refs",
    multiple=True,
    required=True,
    type=click.Path(exists=True, path_type=str),
    help="Reference file or folder; repeat for several references.",
)
@lang_option("-l", "--lang", help="Target language (en, az, ru, tr); detected when left out.")
@input_format_option(
    ("lines", *DOC_INPUT_FORMATS),
    default="lines",
    help="lines: one segment per line, line i against line i (as sacrebleu). doc: documents "
    "(.txt .md .docx .html, others by content) segmented into sentences and aligned first; "
    "txt, md, docx, html: documents of that format whatever the name.",
)
@click.option(
    "-m",
    "--metrics",
    default="bleu,chrf,chrf++,ter",
    show_default=True,
    help="Comma-separated metrics: bleu, chrf, chrf++, ter.",
)
@click.option(
    "--tokenize",
    "-tok",
    default=None,
    help="BLEU tokenizer (13a, intl, char, none, flores200, ...); default: sacrebleu's choice "
    "for the target language (13a for en, az, ru, tr).",
)
@click.option("--lowercase", "-lc", is_flag=True, help="Case-insensitive BLEU.")
@click.option(
    "--smooth-method",
    default="exp",
    show_default=True,
    help="BLEU smoothing: exp, floor, add-k, none.",
)
@click.option("--smooth-value", type=float, default=None, help="Value for floor / add-k.")
@click.option("--chrf-lowercase", is_flag=True, help="Case-insensitive chrF and chrF++.")
@click.option("--chrf-whitespace", is_flag=True, help="Keep whitespace in chrF n-grams.")
@click.option("--ter-case-sensitive", is_flag=True, help="Case-sensitive TER.")
@click.option("--ter-normalized", is_flag=True, help="TER with basic normalisation.")
@click.option("--ter-no-punct", is_flag=True, help="TER without punctuation.")
@click.option("--no-facts", is_flag=True, help="Skip fact accuracy (numbers, dates, names).")
@click.option(
    "--worst",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Worst segments listed for fact accuracy.",
)
@click.option(
    "--paired",
    type=click.Choice(["bs", "ar", "both"]),
    default="both",
    show_default=True,
    help="With several --hyp: paired bootstrap resampling (bs), approximate "
    "randomisation (ar) or both.",
)
@click.option(
    "--paired-bs-n",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Bootstrap resamples.",
)
@click.option(
    "--paired-ar-n",
    type=click.IntRange(min=1),
    default=10000,
    show_default=True,
    help="Approximate randomisation trials.",
)
@click.option(
    "--alpha",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.05,
    show_default=True,
    help="Significance level.",
)
@click.option(
    "--width",
    "-w",
    type=click.IntRange(0, 20),
    default=1,
    show_default=True,
    help="Decimals shown in text and HTML (JSON and CSV keep full precision).",
)
@max_input_option
@output_options(("text", "json", "csv", "html"), "text")
@quiet_option
def evaluate_cmd(
    hyps: tuple[str, ...],
    refs: tuple[str, ...],
    lang: str | None,
    input_format: str,
    metrics: str,
    tokenize: str | None,
    lowercase: bool,
    smooth_method: str,
    smooth_value: float | None,
    chrf_lowercase: bool,
    chrf_whitespace: bool,
    ter_case_sensitive: bool,
    ter_normalized: bool,
    ter_no_punct: bool,
    no_facts: bool,
    worst: int,
    paired: str,
    paired_bs_n: int,
    paired_ar_n: int,
    alpha: float,
    width: int,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Score translations against references: BLEU, chrF, chrF++, TER and fact accuracy.

    Scores are sacrebleu's, with its signature, and equal what the sacrebleu command line
    reports for the same files and settings. Fact accuracy is the share of the reference's
    numbers, dates and names the translation states correctly. Give folders to match files
    by relative path: files missing from the hypothesis folder are listed and make the exit
    code 1. Give --hyp twice or more to test whether systems differ significantly.
    """
    from aligntext.evaluate import MetricSettings, compare, evaluate
    from aligntext.render.evaluation import render_evaluation

    settings = MetricSettings(
        tokenize=tokenize,
        lowercase=lowercase,
        smooth_method=smooth_method,
        smooth_value=smooth_value,
        chrf_lowercase=chrf_lowercase,
        chrf_whitespace=chrf_whitespace,
        ter_case_sensitive=ter_case_sensitive,
        ter_normalized=ter_normalized,
        ter_no_punct=ter_no_punct,
    )
    metric_keys = [m.strip() for m in metrics.split(",") if m.strip()]
    common: dict[str, Any] = {
        "lang": lang,
        "metrics": metric_keys,
        "settings": settings,
        "input_format": input_format,
        "facts": not no_facts,
        "worst": worst,
    }
    result: Any
    if len(hyps) > 1:
        result = compare(
            list(hyps),
            list(refs),
            test=paired,
            bs_samples=paired_bs_n,
            ar_samples=paired_ar_n,
            alpha=alpha,
            **common,
        )
        evaluations = list(result.evaluations)
        notes = list(result.warnings)
    else:
        result = evaluate(hyps[0], list(refs), **common)
        evaluations = [result]
        notes = []
    if not quiet:
        for ev in evaluations:
            notes += list(ev.warnings)
            for name in ev.missing:
                notes.append(f"{ev.name}: no hypothesis for reference file {name}")
            for name in ev.extra:
                notes.append(f"{ev.name}: no reference for hypothesis file {name}")
        for note in dict.fromkeys(notes):
            warn(note)
    emit(render_evaluation(result, fmt, width=width), output)
    if any(ev.missing for ev in evaluations):
        # Scores over an incomplete set of files are not the scores of the delivery.
        sys.exit(1)


#: Commands that run translation models, whose linear algebra may use OpenBLAS's threads.
_MODEL_COMMANDS = ("translate", "models")


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] not in _MODEL_COMMANDS:
        # numpy's OpenBLAS starts a pool of spinning threads on import; the aligner's small
        # arrays gain nothing from it, and on two busy cores the pool costs ~50 ms of CPU per
        # command. A value the user set wins.
        import os

        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli.main(args=argv, prog_name="aligntext", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
