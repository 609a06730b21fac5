"""``aligntext align``: align the sentences of two or more language versions."""

from __future__ import annotations

from typing import Any

import click

from aligntext.cli._util import (
    DOC_INPUT_FORMATS,
    CliError,
    align_langs,
    cli,
    emit,
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
    warn,
)


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

    code = resolve_lang(pivot)
    if code not in langs:
        raise CliError(
            f"--pivot {pivot}: no version is in that language (versions: {', '.join(langs)}); "
            "give one of them or a file number"
        )
    return langs.index(code)


def _say_unmatched(alignment: Any) -> None:
    """Say on stderr how many sentences a TMX leaves out: it holds translations only."""
    from aligntext.align.formats import unmatched_sentences
    from aligntext.render.report_parts import plural

    src, tgt = unmatched_sentences(alignment)
    if src or tgt:
        warn(
            f"the TMX leaves out {plural(src + tgt, 'sentence')} with no counterpart ({src} "
            f"{alignment.src_lang}, {tgt} {alignment.tgt_lang}); --format tsv or jsonl "
            "lists them"
        )


@cli.command("align")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@src_option("Language of the first file (en, az, ru, tr); detected when left out.")
@tgt_option("Language of the second file; detected when left out.")
@langs_option
@click.option(
    "--pivot",
    help="Three or more files: the version the others are aligned to (language or file "
    "number); with two files it has no effect.",
)
@input_format_option(
    ("doc", "lines", *DOC_INPUT_FORMATS[1:]),
    help="doc: documents to segment into sentences, read by file name or content (or "
    "txt, md, docx, html whatever the name); lines: one segment per line.",
)
@strict_option
@mt_model_option(
    "Also score with this local MT model folder (source translated, compared by chrF)."
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
    """Align the sentences of two (or more) language versions: SRC TGT [MORE...] (one may
    be -, stdin).

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
    from aligntext.pipeline.versions import load_version

    if len(files) < 2:
        raise CliError(f"align needs at least two files, got {len(files)}; give SRC TGT [MORE...]")
    if mt_model and embed_model:
        raise CliError("give --mt-model or --embed-model, not both")
    claimed = align_langs(len(files), src, tgt, langs)
    versions = []
    from aligntext.io.spool import stdin_as_file

    with stdin_as_file(files) as paths:
        for given, path, lang in zip(files, paths, claimed, strict=True):
            loaded = load_version(
                path,
                lang,
                input_format=input_format,
                strict=strict,
                name="stdin" if given == "-" else None,
            )
            for problem in loaded.warnings:
                if not quiet:
                    warn(problem)
            versions.append((loaded.lang, loaded.segments))
    codes = [code for code, _ in versions]

    translators = mt_translators(mt_model)

    def scorer_for(a: str, b: str) -> SemanticScorer | None:
        if embed_model:
            return EmbeddingScorer(embed_model)
        if translators is not None:
            return MTScorer(translators(a, b))
        return None

    if len(files) == 2:
        if pivot is not None:
            # Two versions align with each other whichever is the pivot: keep the two-file
            # output (scores, confidences, TMX) and say so, after checking the value.
            _pivot_index(pivot, codes)
            if not quiet:
                warn("--pivot has no effect with two files: the first is the source")
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
