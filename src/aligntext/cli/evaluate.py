"""``aligntext evaluate``: score translations against references (sacrebleu metrics,
fact accuracy, paired significance tests)."""

from __future__ import annotations

from typing import Any

import click

from aligntext.cli._util import (
    DOC_INPUT_FORMATS,
    CliError,
    cli,
    emit,
    exit_with,
    input_format_option,
    lang_option,
    max_input_option,
    output_options,
    quiet_option,
    warn,
)


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
    multiple=True,
    help="Metrics: bleu, chrf, chrf++, ter, comma-separated or with -m repeated (-m bleu "
    "-m chrf, as --ref adds up); default: all four.",
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
@click.option(
    "--force", is_flag=True, help="BLEU on input that looks tokenized, without a warning."
)
@click.option(
    "--chrf-char-order",
    "-cc",
    type=click.IntRange(min=1),
    default=6,
    show_default=True,
    help="chrF character n-gram order.",
)
@click.option(
    "--chrf-word-order",
    "-cw",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="chrF word n-gram order of the chrf metric (2: chrF++; the chrf++ metric uses 2).",
)
@click.option(
    "--chrf-beta",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="chrF recall weight.",
)
@click.option(
    "--chrf-eps-smoothing",
    is_flag=True,
    help="chrF epsilon smoothing (chrF++.py, NLTK, Moses) instead of effective order.",
)
@click.option("--chrf-lowercase", is_flag=True, help="Case-insensitive chrF and chrF++.")
@click.option("--chrf-whitespace", is_flag=True, help="Keep whitespace in chrF n-grams.")
@click.option("--ter-case-sensitive", is_flag=True, help="Case-sensitive TER.")
@click.option("--ter-normalized", is_flag=True, help="TER with basic normalisation.")
@click.option("--ter-no-punct", is_flag=True, help="TER without punctuation.")
@click.option("--ter-asian-support", is_flag=True, help="TER that splits Asian characters (CJK).")
@click.option("--no-facts", is_flag=True, help="Skip fact accuracy (numbers, dates, names).")
@click.option(
    "--worst",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Worst segments listed for fact accuracy.",
)
@click.option(
    "--confidence",
    "-ci",
    is_flag=True,
    help="One system: a 95% confidence interval for each score by bootstrap resampling "
    "(sacrebleu's --confidence: same seed, SACREBLEU_SEED or 12345, same figures).",
)
@click.option(
    "--confidence-n",
    "-cin",
    type=click.IntRange(min=2),
    default=1000,
    show_default=True,
    help="Bootstrap resamples for --confidence.",
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
    help="Decimals shown in text and HTML (JSON keeps full precision, CSV four decimals).",
)
@max_input_option
@output_options(("text", "json", "csv", "html"), "text")
@quiet_option
def evaluate_cmd(
    hyps: tuple[str, ...],
    refs: tuple[str, ...],
    lang: str | None,
    input_format: str,
    metrics: tuple[str, ...],
    tokenize: str | None,
    lowercase: bool,
    smooth_method: str,
    smooth_value: float | None,
    force: bool,
    chrf_char_order: int,
    chrf_word_order: int,
    chrf_beta: int,
    chrf_eps_smoothing: bool,
    chrf_lowercase: bool,
    chrf_whitespace: bool,
    ter_case_sensitive: bool,
    ter_normalized: bool,
    ter_no_punct: bool,
    ter_asian_support: bool,
    no_facts: bool,
    worst: int,
    confidence: bool,
    confidence_n: int,
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
    code 1. Give --hyp twice or more to test whether systems differ significantly;
    --confidence gives one system's scores a bootstrap confidence interval.
    """
    from aligntext.evaluate import METRICS, MetricSettings, compare, evaluate
    from aligntext.render.evaluation import render_evaluation

    if confidence and len(hyps) > 1:
        # sacrebleu refuses this too ("Use paired tests (--paired) for multiple systems").
        raise CliError(
            "--confidence takes one system (one --hyp), as in sacrebleu; with several the "
            "paired bootstrap test gives each system's mean and 95% interval "
            "(--paired bs --format json: significance.tests[].mean, ci)"
        )

    settings = MetricSettings(
        tokenize=tokenize,
        lowercase=lowercase,
        smooth_method=smooth_method,
        smooth_value=smooth_value,
        force=force,
        chrf_char_order=chrf_char_order,
        chrf_word_order=chrf_word_order,
        chrf_beta=chrf_beta,
        chrf_eps_smoothing=chrf_eps_smoothing,
        chrf_lowercase=chrf_lowercase,
        chrf_whitespace=chrf_whitespace,
        ter_case_sensitive=ter_case_sensitive,
        ter_normalized=ter_normalized,
        ter_no_punct=ter_no_punct,
        ter_asian_support=ter_asian_support,
    )
    # Repeated -m adds up, as --ref does: the last one alone silently dropped the others.
    given = [m.strip() for value in metrics for m in value.split(",") if m.strip()]
    metric_keys = given if metrics else list(METRICS)
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
        result = evaluate(
            hyps[0], list(refs), confidence=confidence, confidence_n=confidence_n, **common
        )
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
        exit_with(1)
