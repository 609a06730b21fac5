"""sacrebleu's paired significance tests (bootstrap resampling, approximate randomisation)
of every system against a baseline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from aligntext.errors import InputError
from aligntext.evaluate.metrics import (
    check_lengths,
    check_metrics,
    check_settings,
    make_metric,
    sacrebleu_warnings,
)
from aligntext.evaluate.results import METRICS, PAIRED_TESTS, MetricSettings, PairedResult


def paired_test(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[Sequence[str]],
    *,
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    settings: MetricSettings | None = None,
    lang: str | None = None,
    test: str = "both",
    bs_samples: int = 1000,
    ar_samples: int = 10000,
    alpha: float = 0.05,
) -> tuple[PairedResult, ...]:
    """sacrebleu's paired significance tests of every system against the first (baseline).

    The RNG seed is sacrebleu's (``SACREBLEU_SEED``, default 12345), so results repeat.

    Args:
        systems: ``(name, hypotheses)`` pairs; the first is the baseline.
        references: one stream per reference.
        metrics: metric keys to test.
        settings: sacrebleu settings.
        lang: the target language (tokenizer choice).
        test: ``bs`` (paired bootstrap resampling), ``ar`` (approximate randomisation) or
            ``both``.
        bs_samples: bootstrap resamples (sacrebleu's default 1000).
        ar_samples: randomisation trials (sacrebleu's default 10000).
        alpha: significance level for the verdict.

    Raises:
        InputError: fewer than two systems, duplicate names, length mismatches, bad settings.
    """
    from sacrebleu.significance import PairedTest

    settings = settings or MetricSettings()
    keys = check_metrics(metrics)
    check_settings(settings)
    if test not in PAIRED_TESTS:
        raise InputError(f"unknown paired test {test!r}; use one of {', '.join(PAIRED_TESTS)}")
    if len(systems) < 2:
        raise InputError("a paired test needs at least two systems (give --hyp twice)")
    names = [n for n, _ in systems]
    if len(set(names)) != len(names):
        raise InputError(f"system names must differ; got {', '.join(names)}")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must lie between 0 and 1, got {alpha}")
    if bs_samples < 1 or ar_samples < 1:
        raise InputError("the number of samples must be at least 1")
    for _, hyps in systems:
        check_lengths(hyps, references)
    refs = [list(r) for r in references]
    named: list[tuple[str, Sequence[str]]] = [(n, list(h)) for n, h in systems]
    tests = ("bs", "ar") if test == "both" else (test,)
    results: list[PairedResult] = []
    sink: list[str] = []
    with sacrebleu_warnings(sink):
        for kind in tests:
            metric_objs = {k: make_metric(k, settings, lang, references=refs) for k in keys}
            runner = PairedTest(
                named,
                metric_objs,
                references=None,
                test_type=kind,
                n_samples=bs_samples if kind == "bs" else ar_samples,
            )
            sigs, table = runner()
            # sacrebleu keys results by score name (BLEU, chrF2, ...) in the order the
            # metrics were given, after the "System" column: map them back by position.
            score_names = [n for n in table if n != "System"]
            for key, score_name in zip(metric_objs, score_names, strict=True):
                column: list[Any] = list(table[score_name])  # sacrebleu Result objects
                base = column[0]
                for (sys_name, _), res in zip(named[1:], column[1:], strict=True):
                    results.append(
                        PairedResult(
                            metric=key,
                            test=kind,
                            baseline=names[0],
                            system=sys_name,
                            baseline_score=float(base.score),
                            system_score=float(res.score),
                            p_value=float(res.p_value),
                            alpha=alpha,
                            signature=sigs[score_name].format(),
                            mean=_opt_float(res.mean),
                            ci=_opt_float(res.ci),
                            baseline_mean=_opt_float(base.mean),
                            baseline_ci=_opt_float(base.ci),
                        )
                    )
    order = {k: i for i, k in enumerate(METRICS)}
    results.sort(key=lambda r: (names.index(r.system), order[r.metric], tests.index(r.test)))
    return tuple(results)


def _opt_float(value: Any) -> float | None:
    if value is None:
        return None
    f = float(value)
    return None if math.isnan(f) else f
