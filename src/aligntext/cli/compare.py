"""``aligntext compare``: where two or more language versions of a statement disagree."""

from __future__ import annotations

import click

from aligntext.cli._util import (
    _FAIL_ON,
    CliError,
    _align_langs,
    _doc_format,
    _fails,
    _use_color,
    cli,
    emit,
    exit_with,
    glossary_option,
    input_format_option,
    langs_option,
    max_input_option,
    output_options,
    quiet_option,
    src_option,
    strict_option,
    tgt_option,
    warn,
)


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
        exit_with(1)
