"""sacrebleu metrics (BLEU, chrF, chrF++, TER) configured as the ``sacrebleu`` command line
configures them, so a score here is the score sacrebleu reports for the same segments."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from aligntext.arguments import as_items, require
from aligntext.errors import InputError, InputTypeError
from aligntext.evaluate.results import METRICS, MetricScore, MetricSettings


def check_lengths(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    hyp_name: str = "",
    ref_names: Sequence[str] = (),
) -> None:
    """Raise :class:`InputError` unless there is a reference and every one has as many
    lines as the hypothesis (naming the files, when given, in the message)."""
    if not references:
        raise InputError("no reference given; give at least one reference")
    if any(isinstance(ref, str) for ref in references):
        # score(hyps, refs) for score(hyps, [refs]): each "stream" would be one string.
        raise InputError(
            "references are one list of segments per reference translation: pass "
            "[segments] for one reference, not the segments themselves"
        )
    for i, ref in enumerate(references):
        if len(ref) != len(hypotheses):
            where = ""
            if hyp_name or ref_names:
                ref_name = ref_names[i] if i < len(ref_names) else f"reference {i + 1}"
                where = f" ({hyp_name or 'hypothesis'} vs {ref_name})"
            raise InputError(
                f"hypothesis has {len(hypotheses)} lines, reference has {len(ref)}{where}; "
                "files must be aligned line by line (or segment and align documents first: "
                "--input-format doc, input_format='doc' in Python)"
            )
    if not hypotheses:
        raise InputError("nothing to evaluate: the hypothesis has no segment")


@contextmanager
def sacrebleu_warnings(sink: list[str]) -> Iterator[None]:
    """Collect sacrebleu's logged warnings instead of letting them reach stderr."""

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage().strip()
            if message and message not in sink:
                sink.append(message)

    logger = logging.getLogger("sacrebleu")
    handler = _Collect(level=logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def check_metrics(metrics: str | Sequence[str]) -> tuple[str, ...]:
    """The metric names in canonical order, once each; :class:`InputError` for an unknown one.

    A string is a comma-separated list (``"bleu"``, ``"bleu,chrf"``), as the command line's
    ``--metrics`` takes: iterating it would give its letters.
    """
    if isinstance(metrics, str):
        metrics = [m.strip() for m in metrics.split(",") if m.strip()]
    elif not all(isinstance(m, str) for m in as_items(metrics, "metrics", "metric names")):
        raise InputTypeError(f"metrics must be names such as ['bleu', 'chrf'], not {metrics!r}")
    keys = tuple(m.lower() for m in metrics)
    if not keys:
        raise InputError(f"no metric given; use some of {', '.join(METRICS)}")
    unknown = [m for m in keys if m not in METRICS]
    if unknown:
        raise InputError(f"unknown metric {unknown[0]!r}; use some of {', '.join(METRICS)}")
    # Report in the canonical order, once each.
    return tuple(m for m in METRICS if m in keys)


def check_settings(settings: MetricSettings) -> None:
    """Raise :class:`InputError` for a tokenizer or smoothing method sacrebleu does not know,
    and :class:`~aligntext.errors.InputTypeError` for settings that are no
    :class:`MetricSettings` (a dict)."""
    from sacrebleu.metrics import BLEU

    require(settings, MetricSettings, "settings", "MetricSettings(lowercase=True), say")

    if settings.tokenize is not None and settings.tokenize not in BLEU.TOKENIZERS:
        raise InputError(
            f"unknown tokenizer {settings.tokenize!r}; use one of {', '.join(BLEU.TOKENIZERS)}"
        )
    if settings.smooth_method not in BLEU.SMOOTH_DEFAULTS:
        raise InputError(
            f"unknown smoothing method {settings.smooth_method!r}; "
            f"use one of {', '.join(BLEU.SMOOTH_DEFAULTS)}"
        )


def bootstrap_samples(confidence: bool, confidence_n: int) -> int:
    """sacrebleu's ``n_bootstrap`` for ``confidence`` / ``confidence_n``: 1 (no resampling)
    without a confidence interval, else ``confidence_n``.

    Raises:
        InputError: ``confidence_n`` below 2 when an interval is asked for (one resample
            gives no interval; sacrebleu would print none without saying why).
    """
    if not confidence:
        return 1
    if isinstance(confidence_n, bool) or not isinstance(confidence_n, int) or confidence_n < 2:
        raise InputError(
            "a confidence interval needs at least 2 bootstrap resamples (--confidence-n, "
            f"default 1000), got {confidence_n!r}"
        )
    return confidence_n


def default_tokenizer(lang: str | None) -> str:
    """The BLEU tokenizer sacrebleu picks for a target language (``13a`` for en/az/ru/tr)."""
    from sacrebleu.metrics import BLEU

    return BLEU._TOKENIZER_MAP.get(lang or "", BLEU.TOKENIZER_DEFAULT)


def make_metric(
    key: str,
    settings: MetricSettings,
    lang: str | None,
    references: Sequence[Sequence[str]] | None = None,
) -> Any:
    """A sacrebleu metric object configured as the sacrebleu command line would."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if key == "bleu":
        try:
            return BLEU(
                lowercase=settings.lowercase,
                force=settings.force,
                tokenize=settings.tokenize,
                smooth_method=settings.smooth_method,
                smooth_value=settings.smooth_value,
                trg_lang=lang or "",
                references=references,
            )
        except (OSError, RuntimeError, ImportError) as exc:
            # Some of sacrebleu's tokenizers need an extra package (ja-mecab, ko-mecab) or
            # download a SentencePiece model on first use (flores101, flores200, spm).
            tok = settings.tokenize or default_tokenizer(lang)
            why = " ".join(str(exc).split()) or type(exc).__name__
            raise InputError(
                f"BLEU tokenizer {tok!r} cannot be loaded here ({why}); it needs an extra "
                "package or a download: install it, or use 13a, intl or char"
            ) from None
    if key in ("chrf", "chrf++"):
        return CHRF(
            char_order=settings.chrf_char_order,
            word_order=2 if key == "chrf++" else settings.chrf_word_order,
            beta=settings.chrf_beta,
            lowercase=settings.chrf_lowercase,
            whitespace=settings.chrf_whitespace,
            eps_smoothing=settings.chrf_eps_smoothing,
            references=references,
        )
    if key == "ter":
        return TER(
            normalized=settings.ter_normalized,
            no_punct=settings.ter_no_punct,
            asian_support=settings.ter_asian_support,
            case_sensitive=settings.ter_case_sensitive,
            references=references,
        )
    raise InputError(f"unknown metric {key!r}; use some of {', '.join(METRICS)}")


def score(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    *,
    metrics: str | Sequence[str] = METRICS,
    settings: MetricSettings | None = None,
    lang: str | None = None,
    warnings: list[str] | None = None,
    n_bootstrap: int = 1,
) -> tuple[MetricScore, ...]:
    """Corpus scores of one hypothesis stream against one or more reference streams.

    Args:
        hypotheses: one segment per item.
        references: one stream per reference, each as long as ``hypotheses``.
        metrics: metric keys, some of :data:`METRICS`, or one comma-separated string of them.
        settings: sacrebleu settings (defaults: the sacrebleu command line's).
        lang: the target language; picks the tokenizer when ``settings.tokenize`` is None.
        warnings: a list that receives sacrebleu's warnings (they are not logged).
        n_bootstrap: above 1, also estimate each score's 95% confidence interval from this
            many bootstrap resamples, as ``sacrebleu --confidence --confidence-n N`` does
            (sacrebleu's ``corpus_score(..., n_bootstrap=N)``, seeded with
            ``SACREBLEU_SEED``, default 12345): :attr:`MetricScore.mean` and
            :attr:`MetricScore.ci`, and ``bs:N|seed:S`` in the signature.

    Returns:
        One :class:`MetricScore` per metric, in :data:`METRICS` order.

    Raises:
        InputError: a length mismatch, an empty hypothesis, an unknown metric, tokenizer or
            language, ``n_bootstrap`` below 1.
        InputTypeError: ``settings`` that are no :class:`MetricSettings`.
    """
    from aligntext.evaluate.segments import resolve_optional_lang

    settings = MetricSettings() if settings is None else settings
    lang = resolve_optional_lang(lang)
    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, int) or n_bootstrap < 1:
        raise InputError(
            f"the number of bootstrap resamples must be a whole number of at least 1 (1: no "
            f"confidence interval), got {n_bootstrap!r}"
        )
    keys = check_metrics(metrics)
    check_settings(settings)
    check_lengths(hypotheses, references)
    hyps = list(hypotheses)
    refs = [list(r) for r in references]
    sink: list[str] = [] if warnings is None else warnings
    results = []
    with sacrebleu_warnings(sink):
        for key in keys:
            metric = make_metric(key, settings, lang)
            result = metric.corpus_score(hyps, refs, n_bootstrap=n_bootstrap)
            # sacrebleu keeps the bootstrap estimate on the score object, where its command
            # line reads it to print "(μ = mean ± ci)".
            bootstrapped = n_bootstrap > 1
            results.append(
                MetricScore(
                    key=key,
                    name=result.name,
                    score=float(result.score),
                    signature=metric.get_signature().format(),
                    verbose=str(getattr(result, "_verbose", "") or ""),
                    mean=float(result._mean) if bootstrapped else None,
                    ci=float(result._ci) if bootstrapped else None,
                )
            )
    return tuple(results)
