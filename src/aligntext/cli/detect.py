"""``aligntext detect``: the language of a document."""

from __future__ import annotations

import click

from aligntext.cli._util import (
    cli,
    emit,
    input_format_option,
    max_input_option,
    output_options,
    quiet_option,
    read_input,
    warn,
)


@cli.command("detect")
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@input_format_option()
@click.option(
    "--scores", is_flag=True, help="Also print the probability of each of en, az, ru, tr."
)
@max_input_option
@output_options(("text", "json"), "text")
@quiet_option
def detect_cmd(
    file: str, input_format: str, scores: bool, fmt: str, output: str, quiet: bool
) -> None:
    """Print the language (en, az, ru or tr) of FILE, or of stdin when FILE is -.

    Text in none of the four languages is an error (exit 2), not a guess; a text whose
    paragraphs read as two of them gets the language of the whole and a warning. --format json
    prints {"file": ..., "lang": ..., "scores": {...}} (scores only with --scores).
    """
    from aligntext.errors import UnsupportedLanguageError
    from aligntext.langid import (
        detect_language,
        is_a_guess,
        language_scores,
        mixed_languages,
    )
    from aligntext.render.plain import render_language

    doc = read_input(file, input_format)
    try:
        code = detect_language(doc.text)
    except UnsupportedLanguageError as exc:
        # The library's "give its language" is advice for commands that take one.
        said = str(exc).replace("; give its language", "; detect needs text with words")
        raise UnsupportedLanguageError(f"{'stdin' if file == '-' else file}: {said}") from None
    name = "stdin" if file == "-" else file
    if is_a_guess(doc.text) and not quiet:
        # stdout keeps the plain answer (scripts read it); the doubt goes to stderr.
        warn(f"{name} is too short to tell its language for sure: {code} is a guess")
    mixed = mixed_languages(doc.text, code)
    if mixed and not quiet:
        warn(f"{name} {mixed}")
    probabilities = language_scores(doc.text) if scores else None
    emit(render_language(file, code, probabilities, fmt), output)
