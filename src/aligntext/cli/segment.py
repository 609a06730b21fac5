"""``aligntext segment``: split a document into sentences."""

from __future__ import annotations

import click

from aligntext.cli._util import (
    _read_input,
    cli,
    emit,
    input_format_option,
    lang_option,
    max_input_option,
    output_options,
    quiet_option,
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
