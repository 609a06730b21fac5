"""Evaluating in-memory segments (one file's worth), and the signature every evaluation
carries."""

from __future__ import annotations

from collections.abc import Sequence

from aligntext import __version__
from aligntext.evaluate.facts import fact_accuracy
from aligntext.evaluate.metrics import bootstrap_samples, check_lengths, default_tokenizer, score
from aligntext.evaluate.results import METRICS, Evaluation, FileScores, MetricSettings
from aligntext.types import Signature


def evaluation_signature(
    input_format: str, lang: str | None, settings: MetricSettings
) -> Signature:
    """The signature of an evaluation: input format, language, metric settings, versions."""
    from sacrebleu import __version__ as sacrebleu_version

    return Signature(
        (
            ("input", input_format),
            ("lang", lang or "?"),
            ("tok", settings.tokenize or default_tokenizer(lang)),
            ("sacrebleu", sacrebleu_version),
            ("version", __version__),
        )
    )


def evaluate_segments(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    *,
    lang: str | None = None,
    name: str = "hypothesis",
    metrics: Sequence[str] = METRICS,
    settings: MetricSettings | None = None,
    facts: bool = True,
    worst: int = 10,
    confidence: bool = False,
    confidence_n: int = 1000,
) -> Evaluation:
    """Evaluate in-memory segments (one file's worth) against one or more references.

    Args:
        hypotheses: hypothesis segments.
        references: one stream per reference, each as long as ``hypotheses``.
        lang: the target language (guessed from the first reference when facts need it).
        name: the system's (and the single file's) name in the result.
        metrics: metric keys, some of :data:`METRICS`.
        settings: sacrebleu settings (defaults: the sacrebleu command line's).
        facts: compute fact accuracy.
        worst: how many worst segments to list for fact accuracy.
        confidence: estimate each score's 95% bootstrap confidence interval, as
            ``sacrebleu --confidence`` does (the same figures).
        confidence_n: bootstrap resamples for ``confidence`` (at least 2).

    Raises:
        InputError: a length mismatch, empty input, an unknown metric, tokenizer or language.
    """
    settings = settings or MetricSettings()
    n_bootstrap = bootstrap_samples(confidence, confidence_n)
    lang = resolve_optional_lang(lang)
    check_lengths(hypotheses, references)
    if facts and lang is None:
        lang = guess_lang(references[0])
    notes: list[str] = []
    scores = score(
        hypotheses,
        references,
        metrics=metrics,
        settings=settings,
        lang=lang,
        warnings=notes,
        n_bootstrap=n_bootstrap,
    )
    fa = fact_accuracy(hypotheses, references[0], lang, worst=worst) if facts and lang else None
    file = FileScores(name, "", (), len(hypotheses), scores, fa)
    return Evaluation(
        name=name,
        scores=scores,
        files=(file,),
        facts=fa,
        segments=len(hypotheses),
        lang=lang,
        warnings=tuple(notes),
        signature=evaluation_signature("segments", lang, settings),
    )


def resolve_optional_lang(lang: str | None) -> str | None:
    """``lang`` as a canonical code, or ``None`` when not given."""
    from aligntext.langs import resolve_lang

    return resolve_lang(lang) if lang else None


def guess_lang(lines: Sequence[str]) -> str:
    """The target language from the reference text, among en, az, ru and tr."""
    from aligntext.langid import detect_language

    return detect_language("\n".join(lines[:200]))
