"""``aligntext translate``: translate files and folders, resumably."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from aligntext.cli._ray import make_engine, ray_options
from aligntext.cli._ray import ray_address as ray_address_of
from aligntext.cli._signals import StopSignals
from aligntext.cli._util import (
    SRC_ALIASES,
    TGT_ALIASES,
    CliError,
    cli,
    doc_format,
    exit_with,
    input_format_option,
    lang_option,
    max_input_option,
    quiet_option,
    warn,
)
from aligntext.errors import AligntextError


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


def _check_model_keys(models: tuple[str, ...], tgts: Sequence[str]) -> None:
    """Refuse a ``--model ru=...`` / ``--model en-ru=...`` whose target is none of the run's
    (it was silently left unused, and the registry's model translated instead)."""
    wanted = set(tgts)  # resolved and split at commas by the option
    for raw in models:
        parsed = _parse_models((raw,))  # one prefixed entry, or a model for every direction
        if not isinstance(parsed, dict):
            continue
        [(key, value)] = parsed.items()
        target = key.split("-")[-1]
        if target not in wanted:
            raise CliError(
                f"--model {key}={value} is for target {target}, which this run does not "
                f"translate into ({', '.join(sorted(wanted))}); drop it or fix the prefix"
            )


@cli.command("translate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@lang_option(
    "--src",
    help="Source language (en, az, ru, tr); detected per file when left out.",
    aliases=SRC_ALIASES,
)
@lang_option(
    "--tgt",
    "tgts",
    help="Target language (required); repeat, or separate with commas, for several.",
    aliases=TGT_ALIASES,
    multiple=True,
    required=True,
)
@input_format_option()
@click.option(
    "-o",
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
    "$XDG_CACHE_HOME/aligntext/segments.sqlite, else ~/.cache/aligntext/segments.sqlite).",
)
@click.option("--no-cache", is_flag=True, help="Translate every sentence; keep no cache.")
@click.option(
    "--check",
    is_flag=True,
    help="Run the mismatch checker and the MT QA checks (loops, copies, wrong language, "
    "length, cut-off and added text) on every sentence and its translation; list suspects "
    "on stderr and in the manifest.",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Translate again, with a wider beam (or --fallback-model), sentences with an MT QA "
    "error, and keep the better output by the same checks (implies --check).",
)
@click.option(
    "--fallback-model",
    metavar="ID|DIR",
    default=None,
    help="Model for --retry-failed, at the run's beam (default: the same model with a beam of "
    "twice --beam, at least 8).",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write the flagged sentences, side by side with the reasons, to this HTML file "
    "(implies --check).",
)
@click.option("--force", is_flag=True, help="Translate again files an earlier run finished.")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symlinked files and folders that lead out of an input folder (skipped, with "
    "a warning, by default).",
)
@ray_options(gpus=True)
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
    retry_failed: bool,
    fallback_model: str | None,
    report_file: str | None,
    force: bool,
    follow_links: bool,
    ray_address: str | None,
    workers: int | None,
    gpus_per_worker: float,
    quiet: bool,
) -> None:
    """Translate files and folders (.txt .md .docx .html) into one or more languages.

    The folder tree is mirrored under OUT/<tgt>/ with the same formats and paragraphs.
    Re-running the command resumes: finished files are skipped and translated sentences
    come from the segment cache. With --ray the sentences are translated by a pool of
    workers on a Ray cluster; files, manifest, cache and resume stay the same.
    """
    from tqdm import tqdm

    from aligntext.pipeline.batch import FAILED, ProgressEvent, translate_folder

    if no_cache and cache_file:
        raise CliError("--cache and --no-cache exclude each other; drop one")
    if fallback_model and not retry_failed:
        raise CliError(
            "--fallback-model is only used with --retry-failed; add it or drop the model"
        )
    if fallback_model:
        from aligntext.translate.store import find_model, is_local_path

        # Checked now: the retries come after every file is translated.
        if is_local_path(fallback_model) and find_model(fallback_model) is None:
            raise CliError(f"--fallback-model {fallback_model!r} does not exist; check the path")
    for code in set(tgts):
        folder = os.path.join(out_dir, code)
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise CliError(
                f"{folder!r} is a file, where the {code} translations go; move it or choose "
                "another --out"
            )
    check = check or retry_failed or report_file is not None
    _check_model_keys(models, tgts)
    if report_file is not None:
        _check_side_path("--report", report_file, inputs, out_dir, tgts, "HTML file", "report.html")
    if cache_file:
        # SQLite adds its journal beside the file: an input, a translation or the manifest
        # would be written over or next to.
        _check_side_path("--cache", cache_file, inputs, out_dir, tgts, "cache file", "cache.sqlite")
        if report_file is not None and os.path.realpath(report_file) == os.path.realpath(
            cache_file
        ):
            raise CliError("--report and --cache name the same file; give each its own")
    cache: str | bool = False if no_cache else (cache_file or True)
    address = ray_address_of(ray_address)
    if address is None and (workers is not None or gpus_per_worker):
        raise CliError("--workers and --gpus-per-worker need --ray; add --ray or drop them")
    engine = make_engine(address, workers, gpus_per_worker) if address is not None else None
    bar = tqdm(
        total=0,
        unit="sent",
        desc="translating",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
        dynamic_ncols=True,
        smoothing=0.1,
    )

    flagged = 0

    def progress(event: ProgressEvent) -> None:
        nonlocal flagged
        if event.kind == "findings":
            # A running count beside the bar: a run going wrong shows before it ends.
            flagged += event.findings
            bar.set_postfix_str(f"{flagged} flagged", refresh=False)
        elif event.kind == "start":
            bar.reset(total=event.sentences)
        elif event.kind == "sentences":
            bar.update(event.sentences)
        elif event.kind == "file" and event.status == FAILED and not quiet:
            # Said once, as it happens: the run goes on with the other files.
            why = f": {event.message}" if event.message else ""
            bar.write(f"aligntext: warning: {event.path}: translation failed{why}", file=sys.stderr)

    from aligntext.translate import loader

    said: set[str] = set()

    def notice(line: str) -> None:
        # Once a run: every direction (and the retry's loader) using the model would repeat it.
        if not quiet and line not in said:
            said.add(line)
            tqdm.write(f"aligntext: warning: {line}", file=sys.stderr)

    # The models load when the job first needs a direction, after the inputs are checked.
    # On Ray the translators are built on the workers: what they warn of comes back with
    # the engine's probe and is said here (a notice called there would print in their logs).
    if engine is not None:
        engine.notice = notice
    factory = loader.translator_factory(
        model=_parse_models(models),
        backend=backend,
        device=device,
        beam_size=beam,
        batch_tokens=batch_tokens,
        options={"notice": notice if engine is None else None},
    )
    retry = None
    if retry_failed:
        # A fallback model is a second opinion at the run's beam; the same model gets a
        # wider beam, which is what pulls greedy or narrow decoding out of loops.
        retry = loader.translator_factory(
            model=fallback_model or _parse_models(models),
            backend=backend,
            device=device,
            beam_size=beam if fallback_model else max(8, 2 * (beam or 4)),
            batch_tokens=batch_tokens,
            options={"notice": notice},
        )
    signals = StopSignals()
    signals.install()
    try:
        run = translate_folder(
            inputs,
            src,
            tgts,
            out_dir,
            translator_factory=factory,
            cache=cache,
            progress=progress,
            check=check,
            force=force,
            follow_links=follow_links,
            input_format=doc_format(input_format),
            retry_failed=retry_failed,
            retry_factory=retry,
            engine=engine,
        )
    except KeyboardInterrupt as exc:
        bar.close()
        line, status = signals.stop(
            exc, "finished files are kept, run the same command again to resume"
        )
        click.echo(line, err=True)
        exit_with(status)
    finally:
        bar.close()
        if engine is not None:
            engine.close()
        signals.restore()

    failed = run.by_status(FAILED)
    from aligntext.render.report_parts import plural
    from aligntext.types import same_findings

    if not quiet:
        for note in run.warnings:
            warn(note)
        for result in run.files:
            if result.warning:
                warn(result.warning)
    # One line per finding, a message a sentence earns many times (each copy of a looped
    # figure) once, with its count.
    for result in run.files:
        for same in same_findings(result.findings):
            f, times = same[0], f" (x{len(same)})" if len(same) > 1 else ""
            click.echo(
                f"{result.relpath}: sentence {f.pair + 1}: {f.severity}: {f.type}: "
                f"{f.message}{times}",
                err=True,
            )
    if check:
        _summary(run, quiet, report_file)
    if not quiet:
        done, skipped = run.by_status("done"), run.by_status("skipped")
        # Sentences of figures or symbols only (`2023`, `* * *`) are written as they are.
        kept = run.sentences - run.translated - run.cached
        # Empty or whitespace-only files are written as they are: said once, not per file.
        blank = sum(1 for r in done if r.sentences == 0)
        click.echo(
            f"aligntext: {plural(len(done), 'file')} translated"
            + (f" ({blank} with no text, written as they are)" if blank else "")
            + f", {len(skipped)} skipped, "
            f"{len(failed)} failed; {run.sentences} sentences ({run.translated} sent to the "
            f"model, {run.cached} from the cache or said before in the run"
            + (f", {kept} of figures or symbols only kept as written" if kept > 0 else "")
            + f") in {run.seconds:.1f} s; manifest: {run.manifest}",
            err=True,
        )
    if failed:
        raise CliError(
            f"{len(failed)} of {plural(len(run.files), 'file')} failed; see {run.manifest}"
        )


def _among_inputs(path: str, inputs: Sequence[str]) -> bool:
    """Whether ``path`` is one of ``inputs`` or inside one of the input folders."""
    from pathlib import Path

    target = Path(path).resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source or (source.is_dir() and target.is_relative_to(source)):
            return True
    return False


def _check_side_path(
    flag: str,
    path: str,
    inputs: Sequence[str],
    out_dir: str,
    tgts: Sequence[str],
    what: str,
    suggestion: str,
) -> None:
    """Refuse a ``--report`` or ``--cache`` path that would replace a file the run reads or
    writes: an input (or anything in an input folder), a translation (``OUT/<tgt>/...``), the
    manifest or the lock; or a folder. Checked before any work, so nothing is lost (a cache
    put on a translation was written over by it, and the next run wrote the database over
    the translation)."""
    from pathlib import Path

    from aligntext.pipeline.manifest import LOCK_NAME, MANIFEST_NAME

    if path.endswith(("/", os.sep)) or Path(path).is_dir():
        raise CliError(f"{flag} {path!r} is a folder; name the {what} to write")
    target = Path(path).resolve()
    if _among_inputs(path, inputs):
        raise CliError(
            f"{flag} {path!r} is one of the inputs or inside an input folder; "
            "choose a file elsewhere"
        )
    out = Path(out_dir).resolve()
    reserved = {out / MANIFEST_NAME, out / LOCK_NAME}
    if target in reserved or any(target.is_relative_to(out / code) for code in tgts):
        raise CliError(
            f"{flag} {path!r} would replace the run's own output (a translation or "
            f"the manifest); choose another file, such as {out / suggestion}"
        )


def _summary(run: Any, quiet: bool, report_file: str | None) -> None:
    """Per-file counts and the worst sentences on stderr; the HTML report when asked for."""
    from aligntext.io.atomic import atomic_write_text
    from aligntext.qa.summary import collect
    from aligntext.render.mt_qa import FileSummary, summary_html, summary_text
    from aligntext.render.report_parts import plural

    flagged = collect((r.relpath, r.flagged, r.findings) for r in run.files)
    files: list[FileSummary] = []
    for result in run.files:
        if result.status != "done":
            continue
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.type] = counts.get(f.type, 0) + 1
        what = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"
        retried = (
            f"; {result.retried} retried, {result.improved} replaced" if result.retried else ""
        )
        n = len({f.pair for f in result.findings})
        files.append(FileSummary(result.relpath, n, result.sentences, what + retried))
        if not quiet:
            click.echo(
                f"aligntext: {result.relpath}: {n} of "
                f"{plural(result.sentences, 'sentence')} flagged ({what}){retried}",
                err=True,
            )
    if not quiet:
        text = summary_text(flagged)
        if text:
            click.echo(text, err=True)
    if report_file is not None:
        counts = {}
        for x in flagged:
            for f in x.findings:
                counts[f.type] = counts.get(f.type, 0) + 1
        page = summary_html(flagged, f"aligntext translate: {run.out_dir}", counts, files)
        try:
            atomic_write_text(report_file, page)
        except OSError as exc:
            raise CliError(f"cannot write {report_file!r}: {exc.strerror}") from exc
