"""``aligntext check``: mismatched facts in an aligned bitext."""

from __future__ import annotations

from typing import Any

import click

from aligntext.cli._util import (
    cli,
    emit,
    exit_with,
    fail_on_option,
    fails_at,
    glossary_option,
    input_format_option,
    max_input_option,
    mt_model_option,
    mt_translators,
    output_options,
    quiet_option,
    src_option,
    tgt_option,
    use_color,
    warn,
)


@cli.command("check")
@click.argument(
    "pairs", metavar="PAIRS", type=click.Path(dir_okay=False, allow_dash=True, path_type=str)
)
@src_option("Source language (en, az, ru, tr); from the file or detected.")
@tgt_option("Target language (en, az, ru, tr); from the file or detected.")
@input_format_option(
    ("tsv", "tmx", "xliff", "po"),
    default=None,
    help="Bitext format; from the file name and content when left out.",
)
@glossary_option
@fail_on_option(
    "warning", "Exit 1 when a finding of this severity or worse exists ('never': always 0)."
)
@click.option(
    "--mt-qa",
    is_flag=True,
    help="Also run the MT QA checks: loops, copies, wrong language, length, cut-off and "
    "added text (for machine translation output from any system).",
)
@mt_model_option(
    "A local MT model folder (source -> target): the name checks ask it how the source's "
    "capitalised words translate, so a word translated rather than spelt is no name gone."
)
@max_input_option
@output_options(("text", "jsonl", "json", "html"), "text")
@quiet_option
def check_cmd(
    pairs: str,
    src: str | None,
    tgt: str | None,
    input_format: str | None,
    glossary: str | None,
    fail_on: str,
    mt_qa: bool,
    mt_model: str | None,
    fmt: str,
    output: str,
    quiet: bool,
) -> None:
    """Check an aligned bitext for mismatched numbers, dates, names and omissions.

    PAIRS is a TSV file (source<TAB>target per line, two columns), TMX, XLIFF (1.2 or
    2.x) or PO; - reads it from stdin.
    --mt-qa adds the checks for machine translation output (repetition, copy,
    wrong_language, length, truncated, addition).
    --format jsonl prints one finding per line: {"row": n, "type": ..., "severity": ...,
    "message": ...} with row the 1-based line / translation unit, as the text output shows
    it. --format html writes one self-contained page, the side-by-side report of compare:
    one row per translation unit (numbered as the text output numbers them), source and
    target side by side with the findings marked in the text, a summary and filters.
    Exit code 1 when a finding at or above --fail-on exists, 0 when none, 2 on bad input.
    """

    from aligntext.io.spool import display_name, stdin_as_file
    from aligntext.pipeline.compare import check_bitext_file
    from aligntext.render.report import render_findings

    with stdin_as_file([pairs]) as (path,):
        result = check_bitext_file(
            path, src, tgt, glossary, fmt=input_format, translators=mt_translators(mt_model)
        )
    if mt_qa:
        result = _with_mt_qa(result)
    if not quiet:
        for note in result.warnings:
            warn(note)
    if fmt == "html":
        text = _html(result, display_name(path), mt_qa)
    else:
        # Numbered by the file's rows (a TSV's lines), not by the pairs' order.
        pairs_by_row, findings_by_row = result.by_row()
        text = render_findings(
            findings_by_row,
            fmt,
            pairs=pairs_by_row,
            src_lang=result.src_lang,
            tgt_lang=result.tgt_lang,
            source=display_name(path),
            signature=result.signature,
            color=fmt == "text" and use_color(output),
        )
    if text or output != "-":
        emit(text, output)
    if fails_at(result.findings, fail_on):
        exit_with(1)


def _html(result: Any, name: str, mt_qa: bool) -> str:
    """The check as compare's side-by-side HTML page, titled for what it is."""
    from aligntext.io.bitext import count_pairs
    from aligntext.pipeline.compare import bitext_report
    from aligntext.render.report import render_report
    from aligntext.render.report_parts import lang_name, plural

    units = plural(count_pairs(result.pairs), "translation unit")
    title = f"Check of {name}: {result.src_lang}-{result.tgt_lang}, {units}"
    subtitle = (
        f"Bitext check of {name}: {lang_name(result.src_lang)} source, "
        f"{lang_name(result.tgt_lang)} target" + (", with the MT QA checks" if mt_qa else "")
    )
    return render_report(
        bitext_report(result), "html", title=title, subtitle=subtitle, unit="translation unit"
    )


def _with_mt_qa(result: Any) -> Any:
    """The bitext check with the MT QA findings merged in (each thing said once)."""
    import dataclasses

    from aligntext.qa import QA_VERSION, check_translations
    from aligntext.qa.run import merge_findings
    from aligntext.types import Signature

    qa = check_translations(result.pairs, result.src_lang, result.tgt_lang)
    merged = merge_findings(result.findings, qa)
    signature = Signature((*result.signature.fields, ("mt-qa", QA_VERSION)))
    return dataclasses.replace(result, findings=tuple(merged), signature=signature)
