"""``aligntext compare``: where two or more language versions of a statement disagree."""

from __future__ import annotations

import os

import click

from aligntext.cli._ray import make_engine, ray_options
from aligntext.cli._ray import ray_address as ray_address_of
from aligntext.cli._util import (
    CliError,
    align_langs,
    cli,
    doc_format,
    emit,
    exit_with,
    fail_on_option,
    fails_at,
    glossary_option,
    input_format_option,
    langs_option,
    max_input_option,
    mt_model_option,
    mt_translators,
    output_options,
    quiet_option,
    src_option,
    strict_option,
    tgt_option,
    use_color,
    warn,
)


@cli.command("compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@src_option("Language of the first file (en, az, ru, tr); detected when left out.")
@tgt_option("Language of the second file; detected when left out.")
@langs_option
@input_format_option()
@glossary_option
@strict_option
@fail_on_option("never", "Exit 1 when a finding of this severity or worse exists.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Folder mode (A B ... are folders): reports and index.html / index.jsonl go here.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Folder mode: read symlinked files and folders that lead out of an input folder "
    "(skipped, with a warning, by default).",
)
@mt_model_option(
    "A local MT model folder: the name checks ask it how the first version's capitalised "
    "words translate (a multilingual model, NLLB or M2M100, serves every pair; files only)."
)
@ray_options(gpus=False)
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
    out_dir: str | None = None,
    ray_address: str | None = None,
    workers: int | None = None,
    mt_model: str | None = None,
    follow_links: bool = False,
) -> None:
    """Compare two or more language versions of a statement: A B [C D ...] (one may be -,
    stdin).

    Segments and aligns every version to the first, then reports where they disagree on
    numbers, dates and names and which sentences are missing or added; with three or more
    versions each disagreement names the odd one out ("en says 12 March 2024; az, ru and tr
    say 14 March 2024"). --format html writes one self-contained page (side by side, the
    findings highlighted, a summary and filters); text is coloured on a terminal.

    Folder mode: with folders A B [C D ...] and --out REPORTS, statements are paired by
    their path relative to each folder (a file missing from a folder is an error of its
    statement); each gets REPORTS/<path>.html and .json (with --format, the one format
    asked: .html, .json or .txt), and REPORTS/index.jsonl and (with html reports)
    index.html list them all, worst first. They run in a pool of --workers processes, or on
    Ray with --ray. Exit code 1 when any finding reaches --fail-on.
    """
    from aligntext.pipeline.compare import compare_versions
    from aligntext.render.report import render_report

    address = ray_address_of(ray_address)  # first: a folder taken for the address
    if len(files) < 2:
        raise CliError(f"compare needs at least two files, got {len(files)}; give A B [C D ...]")
    claimed = align_langs(len(files), src, tgt, langs)
    folders = [os.path.isdir(f) for f in files]
    if any(folders):
        if not all(folders):
            raise CliError("compare takes files or folders, not both; give A B [C D ...] alike")
        if mt_model is not None:
            raise CliError("--mt-model is for files; compare the statements' files one by one")
        # --format picks the reports; left out, each statement gets html and json.
        given = click.get_current_context().get_parameter_source("fmt")
        formats = None if given == click.core.ParameterSource.DEFAULT else (fmt,)
        _compare_folders(files, claimed, out_dir, glossary, strict, input_format, fail_on,
                         output, address, workers, quiet, follow_links, formats)  # fmt: skip
        return
    if out_dir is not None or address is not None or workers is not None or follow_links:
        raise CliError(
            "--out, --ray, --workers and --follow-links are for folders; give folders A B ..."
        )
    from aligntext.io.spool import stdin_as_file

    with stdin_as_file(files) as paths:
        report = compare_versions(
            paths,
            claimed,
            glossary=glossary,
            strict=strict,
            input_format=doc_format(input_format),
            translators=mt_translators(mt_model),
        )
    if not quiet:
        for message in report.warnings:
            warn(message)
    emit(render_report(report, fmt, color=fmt == "text" and use_color(output)), output)
    # --fail-on judges what the summary counts: with three or more versions, each
    # disagreement once, as the versions together show it.
    from aligntext.render.report import headline_findings

    if fails_at(headline_findings(report), fail_on):
        exit_with(1)


def _compare_folders(
    folders: tuple[str, ...],
    claimed: list[str | None] | None,
    out_dir: str | None,
    glossary: str | None,
    strict: bool,
    input_format: str,
    fail_on: str,
    output: str,
    address: str | None,
    workers: int | None,
    quiet: bool,
    follow_links: bool = False,
    formats: tuple[str, ...] | None = None,
) -> None:
    """``compare DIR_A DIR_B ... --out REPORTS``: see :mod:`aligntext.pipeline.compare_folders`."""
    from aligntext.pipeline.compare_folders import (
        DEFAULT_FORMATS,
        INDEX_HTML,
        INDEX_JSONL,
        compare_folders,
        ray_runner,
    )
    from aligntext.render.report_parts import plural

    formats = formats or DEFAULT_FORMATS
    if out_dir is None:
        raise CliError("comparing folders needs --out REPORTS, the folder for the reports")
    if output != "-":
        raise CliError(f"-o is for one statement; folder reports go to --out {out_dir}")
    engine = make_engine(address, workers) if address is not None else None
    try:
        result = compare_folders(
            list(folders),
            out_dir,
            langs=claimed,
            glossary=glossary,
            strict=strict,
            input_format=doc_format(input_format),
            workers=workers,
            runner=ray_runner(engine) if engine is not None else None,
            follow_links=follow_links,
            formats=formats,
        )
    finally:
        if engine is not None:
            engine.close()
    if not quiet:
        for note in result.warnings:
            warn(note)
        index = INDEX_HTML if "html" in formats else INDEX_JSONL
        bad = sum(1 for s in result.statements if s.errors)
        doubtful = sum(1 for s in result.statements if s.warnings and not s.errors)
        click.echo(
            f"aligntext: {plural(len(result.statements), 'statement')} compared: "
            f"{bad} with errors, {doubtful} with warnings only; index: "
            f"{os.path.join(result.out_dir, index)}",
            err=True,
        )
    if result.fails(fail_on):
        exit_with(1)
