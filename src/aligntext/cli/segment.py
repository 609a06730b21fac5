"""``aligntext segment``: split a document into sentences."""

from __future__ import annotations

import click

from aligntext.cli._util import (
    cli,
    emit,
    input_format_option,
    lang_option,
    max_input_option,
    output_options,
    quiet_option,
    read_input,
    warn,
)


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
    0-based index and paragraph and its character offsets start, end (in the file's
    decoded text for .txt and .md, in the paragraph's text for .docx and .html).
    """
    from aligntext.pipeline.versions import load_version
    from aligntext.render.plain import render_segments

    doc = read_input(file, input_format)
    loaded = load_version(doc, lang, strict=strict, name="stdin" if file == "-" else f"'{file}'")
    if not quiet:
        for message in loaded.warnings:
            warn(message)
    emit(render_segments(loaded.segments, loaded.lang, fmt, loaded.document), output)
