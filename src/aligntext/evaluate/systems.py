"""Evaluating files and folders: one system (:func:`evaluate`) or several with paired tests
(:func:`compare`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligntext.errors import InputError
from aligntext.evaluate.facts import _merge_facts, fact_accuracy
from aligntext.evaluate.inputs import INPUT_FORMATS, _guess_lang, _load, _pairs_for
from aligntext.evaluate.metrics import _check_metrics, _check_settings, score
from aligntext.evaluate.results import (
    METRICS,
    Comparison,
    Evaluation,
    FilePair,
    FileScores,
    FolderMatch,
    MetricSettings,
    PathLike,
)
from aligntext.evaluate.segments import _resolve, _signature
from aligntext.evaluate.significance import paired_test


@dataclass(frozen=True)
class _Loaded:
    pair: FilePair
    hyps: list[str]
    refs: list[list[str]]


def _load_all(
    match: FolderMatch, input_format: str, lang: str | None
) -> tuple[list[_Loaded], str | None]:
    if input_format not in INPUT_FORMATS:
        raise InputError(
            f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}"
        )
    loaded = []
    for pair in match.pairs:
        hyps, refs, lang = _load(pair, input_format, lang)
        loaded.append(_Loaded(pair, hyps, refs))
    return loaded, lang


def _evaluate_loaded(
    name: str,
    match: FolderMatch,
    loaded: Sequence[_Loaded],
    *,
    lang: str | None,
    metrics: Sequence[str],
    settings: MetricSettings,
    facts: bool,
    worst: int,
    input_format: str,
) -> Evaluation:
    if not loaded:
        raise InputError(
            f"no hypothesis file of {name!r} matches a reference file "
            f"(missing: {', '.join(match.missing[:5])}); check that the folders mirror "
            "each other"
        )
    n_refs = {len(item.refs) for item in loaded}
    if len(n_refs) != 1:
        raise InputError("every file needs the same number of references")
    if facts and lang is None:
        lang = _guess_lang([line for item in loaded for line in item.refs[0]][:200])
    notes: list[str] = []
    files = []
    fact_parts = []
    for item in loaded:
        file_scores = score(
            item.hyps, item.refs, metrics=metrics, settings=settings, lang=lang, warnings=notes
        )
        fa = None
        if facts and lang:
            fa = fact_accuracy(
                item.hyps,
                item.refs[0],
                lang,
                worst=worst,
                files=[(item.pair.name, i + 1) for i in range(len(item.hyps))],
            )
            fact_parts.append(fa)
        files.append(
            FileScores(
                name=item.pair.name,
                hypothesis=item.pair.hypothesis,
                references=item.pair.references,
                segments=len(item.hyps),
                scores=file_scores,
                facts=fa,
            )
        )
    all_hyps = [h for item in loaded for h in item.hyps]
    all_refs = [[r for item in loaded for r in item.refs[k]] for k in range(n_refs.pop())]
    corpus = score(
        all_hyps, all_refs, metrics=metrics, settings=settings, lang=lang, warnings=notes
    )
    return Evaluation(
        name=name,
        scores=corpus,
        files=tuple(files),
        facts=_merge_facts(fact_parts, worst),
        segments=len(all_hyps),
        lang=lang,
        missing=match.missing,
        extra=match.extra,
        warnings=tuple(notes),
        signature=_signature(input_format, lang, settings),
    )


def evaluate(
    hypothesis: PathLike,
    references: Sequence[PathLike],
    *,
    lang: str | None = None,
    name: str | None = None,
    metrics: Sequence[str] = METRICS,
    settings: MetricSettings | None = None,
    input_format: str = "lines",
    facts: bool = True,
    worst: int = 10,
) -> Evaluation:
    """Evaluate a hypothesis file or folder against one or more references.

    Args:
        hypothesis: a file (one segment per line, or a document with
            ``input_format="doc"``) or a folder of such files.
        references: reference files (or folders, matched by relative path), one per
            reference translation.
        lang: the target language; guessed from the references when fact accuracy needs it.
        name: the system's name in the result (default: the hypothesis path).
        metrics: metric keys, some of :data:`METRICS`.
        settings: sacrebleu settings (defaults: the sacrebleu command line's).
        input_format: ``lines``, or ``doc`` (segment documents and align them first; the
            format from each name, or ``txt``, ``md``, ``docx``, ``html`` for all).
        facts: compute fact accuracy.
        worst: how many worst segments to list for fact accuracy.

    Returns:
        Corpus and per-file scores; in folder mode the corpus is every matched file
        concatenated, and reference files without a hypothesis are listed in ``missing``.

    Raises:
        InputError: missing, empty or mismatched files, no matching file, or bad settings.
    """
    settings = settings or MetricSettings()
    _check_metrics(metrics)
    _check_settings(settings)
    lang = _resolve(lang)
    match = _pairs_for(hypothesis, references)
    loaded, lang = _load_all(match, input_format, lang)
    return _evaluate_loaded(
        name or str(hypothesis),
        match,
        loaded,
        lang=lang,
        metrics=metrics,
        settings=settings,
        facts=facts,
        worst=worst,
        input_format=input_format,
    )


def compare(
    hypotheses: Sequence[PathLike],
    references: Sequence[PathLike],
    *,
    names: Sequence[str] | None = None,
    lang: str | None = None,
    metrics: Sequence[str] = METRICS,
    settings: MetricSettings | None = None,
    input_format: str = "lines",
    facts: bool = True,
    worst: int = 10,
    test: str = "both",
    bs_samples: int = 1000,
    ar_samples: int = 10000,
    alpha: float = 0.05,
) -> Comparison:
    """Evaluate two or more systems on the same references and test their differences.

    Each system is evaluated as :func:`evaluate` does; the paired tests run on the files that
    every system has (the first system is the baseline), each test through sacrebleu's
    :class:`~sacrebleu.significance.PairedTest`.

    Args:
        hypotheses: one file or folder per system; the first is the baseline.
        references: reference files or folders.
        names: the systems' names (default: the hypothesis paths).
        lang: the target language.
        metrics: metric keys for scores and tests.
        settings: sacrebleu settings.
        input_format: ``lines``, ``doc``, or a document format (as for :func:`evaluate`).
        facts: compute fact accuracy per system.
        worst: worst segments listed per system.
        test: ``bs``, ``ar`` or ``both``.
        bs_samples: bootstrap resamples.
        ar_samples: randomisation trials.
        alpha: significance level.

    Raises:
        InputError: fewer than two systems, no file common to all systems, bad input.
    """
    settings = settings or MetricSettings()
    _check_metrics(metrics)
    _check_settings(settings)
    if len(hypotheses) < 2:
        raise InputError("comparing systems needs at least two hypotheses (give --hyp twice)")
    names = list(names) if names is not None else [str(h) for h in hypotheses]
    if len(names) != len(hypotheses):
        raise InputError(f"{len(names)} names for {len(hypotheses)} systems; give one each")
    if len(set(names)) != len(names):
        raise InputError(f"system names must differ; got {', '.join(names)}")
    lang = _resolve(lang)
    matches = [_pairs_for(h, references) for h in hypotheses]
    loaded_all = []
    for match in matches:
        loaded, lang = _load_all(match, input_format, lang)
        loaded_all.append(loaded)
    evaluations = tuple(
        _evaluate_loaded(
            n,
            m,
            ld,
            lang=lang,
            metrics=metrics,
            settings=settings,
            facts=facts,
            worst=worst,
            input_format=input_format,
        )
        for n, m, ld in zip(names, matches, loaded_all, strict=True)
    )
    lang = evaluations[0].lang

    def key(hyp: PathLike, item: _Loaded) -> str:
        # Folders pair up by relative path; single files (named differently) pair up as such.
        return item.pair.name if Path(hyp).is_dir() else ""

    keyed = [
        {key(h, item): item for item in ld} for h, ld in zip(hypotheses, loaded_all, strict=True)
    ]
    common = set.intersection(*(set(k) for k in keyed))
    notes = []
    left_out = sorted({k for kd in keyed for k in kd} - common)
    if left_out:
        notes.append(
            f"{len(left_out)} file(s) not held by every system left out of the paired test: "
            + ", ".join(left_out[:5])
        )
    if not common:
        raise InputError("no file is held by every system; nothing to compare")
    systems = []
    refs: list[list[str]] = []
    for k, kd in enumerate(keyed):
        items = [kd[name] for name in sorted(common)]
        systems.append((names[k], [h for item in items for h in item.hyps]))
        if k == 0:
            refs = [[r for item in items for r in item.refs[j]] for j in range(len(items[0].refs))]
        elif input_format == "doc":
            # Aligned segments differ per system in document mode: the paired tests need the
            # same reference segments for every system.
            other = [[r for item in items for r in item.refs[j]] for j in range(len(refs))]
            if other != refs:
                raise InputError(
                    "paired tests need the same reference segments for every system, but "
                    "document alignment split the reference differently; give line-aligned "
                    "files (--input-format lines)"
                )
    tests = paired_test(
        systems,
        refs,
        metrics=metrics,
        settings=settings,
        lang=lang,
        test=test,
        bs_samples=bs_samples,
        ar_samples=ar_samples,
        alpha=alpha,
    )
    return Comparison(
        evaluations=evaluations,
        tests=tests,
        segments=len(systems[0][1]),
        alpha=alpha,
        warnings=tuple(notes),
    )
