"""Evaluating files, documents and folders: one system (:func:`evaluate`) or several with
paired tests (:func:`compare`).

The entry points that read: line-aligned files (read exactly as the ``sacrebleu`` command
line reads them, :func:`aligntext.io.lines.read_aligned_lines`), documents segmented and
aligned first (through :func:`aligntext.pipeline.versions.load_version`), and folders
matched by relative path (:func:`aligntext.io.walk.list_files`). The scoring itself works on
segments in memory, in :mod:`aligntext.evaluate`, which re-exports these entry points.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aligntext.arguments import require_count
from aligntext.errors import InputError
from aligntext.evaluate.facts import fact_accuracy, merge_facts
from aligntext.evaluate.metrics import (
    bootstrap_samples,
    check_lengths,
    check_metrics,
    check_settings,
    score,
)
from aligntext.evaluate.results import (
    METRICS,
    Comparison,
    Evaluation,
    FactAccuracy,
    FilePair,
    FileScores,
    FolderMatch,
    MetricSettings,
    PathLike,
)
from aligntext.evaluate.segments import evaluation_signature, guess_lang, resolve_optional_lang
from aligntext.evaluate.significance import paired_test
from aligntext.io.lines import read_aligned_lines
from aligntext.io.spool import display_name
from aligntext.io.walk import list_files
from aligntext.pipeline.versions import INPUT_FORMATS
from aligntext.types import UNALIGNED_SHARE


def match_folders(hypothesis: PathLike, references: Sequence[PathLike]) -> FolderMatch:
    """Match the files of a hypothesis folder to reference folders by relative path.

    Args:
        hypothesis: the folder of translations.
        references: one or more folders of references; each must hold the same files.

    Returns:
        The matched pairs plus the reference files with no hypothesis (``missing``) and the
        hypothesis files with no reference (``extra``).

    Raises:
        InputError: a folder is missing or empty, or the reference folders hold different
            files.
    """
    hyp_dir = Path(hypothesis)
    if not hyp_dir.is_dir():
        raise InputError(f"hypothesis folder not found: {str(hyp_dir)!r}")
    if not references:
        raise InputError("no reference given; give at least one reference folder")
    ref_dirs = [Path(r) for r in references]
    for r in ref_dirs:
        if not r.is_dir():
            raise InputError(
                f"reference {str(r)!r} is not a folder; a hypothesis folder needs reference folders"
            )
    skipped: list[str] = []
    ref_files = [list_files(r, skipped) for r in ref_dirs]
    if not ref_files[0]:
        raise InputError(f"reference folder {str(ref_dirs[0])!r} has no files")
    for r, files in zip(ref_dirs[1:], ref_files[1:], strict=True):
        if set(files) != set(ref_files[0]):
            diff = sorted(set(files) ^ set(ref_files[0]))
            raise InputError(
                f"reference folders {str(ref_dirs[0])!r} and {str(r)!r} hold different files "
                f"({', '.join(diff[:5])}); every reference folder must hold the same files"
            )
    hyp_files = list_files(hyp_dir, skipped)
    names = sorted(ref_files[0])
    pairs = tuple(
        FilePair(n, str(hyp_files[n]), tuple(str(f[n]) for f in ref_files))
        for n in names
        if n in hyp_files
    )
    missing = tuple(n for n in names if n not in hyp_files)
    extra = tuple(sorted(n for n in hyp_files if n not in ref_files[0]))
    return FolderMatch(pairs=pairs, missing=missing, extra=extra, skipped=tuple(skipped))


def _pairs_for(hypothesis: PathLike, references: Sequence[PathLike]) -> FolderMatch:
    """Files to evaluate: one pair for files, matched pairs for folders."""
    if isinstance(references, (str, os.PathLike)):
        references = [references]  # one reference path, not a sequence of characters
    hyp = Path(hypothesis)
    if not references:
        raise InputError("no reference given; give at least one reference (--ref)")
    if hyp.is_dir():
        return match_folders(hyp, references)
    for r in references:
        if Path(r).is_dir():
            raise InputError(
                f"reference {str(r)!r} is a folder but hypothesis {str(hyp)!r} is not; give "
                "files on both sides or folders on both sides"
            )
    if not hyp.exists():
        raise InputError(f"hypothesis file not found: {str(hyp)!r}; check the path")
    for r in references:
        if not Path(r).exists():
            raise InputError(f"reference file not found: {str(r)!r}; check the path")
    return FolderMatch(
        pairs=(FilePair(display_name(hyp), str(hyp), tuple(str(r) for r in references)),)
    )


@dataclass(frozen=True)
class _Loaded:
    pair: FilePair
    hyps: list[str]
    refs: list[list[str]]
    # Document mode: where each aligned segment is, ``(side, file, sentence)`` (see
    # SegmentFacts.side), and what the alignment found amiss.
    places: list[tuple[str, str, int]] | None = None
    notes: tuple[str, ...] = ()


def _reference_name(pair: FilePair) -> str:
    """The reference's name as the worst-segment labels show it: in folder mode the shared
    relative path (``sub/a.txt``), else the reference file's own name."""
    ref = Path(pair.references[0]).as_posix()
    if ref == pair.name or ref.endswith("/" + pair.name):
        return pair.name
    return display_name(pair.references[0])


def _doc_segments(pair: FilePair, lang: str | None, input_format: str) -> tuple[_Loaded, str]:
    """Segment a hypothesis document and its reference, align them, join each bead.

    The language, when not given, is the reference's. ``input_format`` is ``doc`` (each
    file by its name, or its content when the name says nothing) or a document format
    (``txt``, ``md``, ``docx``, ``html``). Each segment's place is the reference sentence
    it starts with (the hypothesis's, for a segment the reference lacks); a note says when
    many sentences have no counterpart, as ``aligntext align`` warns: a hypothesis that
    lacks most of the reference scores low for that, not for its translation.
    """
    if len(pair.references) != 1:
        raise InputError(
            "document mode takes one reference per hypothesis; with several references give "
            "line-aligned files (--input-format lines)"
        )
    from aligntext.align import align
    from aligntext.pipeline.versions import load_version

    # Both sides are in the target language: nothing to verify, the reference decides.
    ref = load_version(pair.references[0], lang, input_format=input_format, verify=False)
    hyp = load_version(pair.hypothesis, ref.lang, input_format=input_format, verify=False)
    ref_segs, hyp_segs = list(ref.segments), list(hyp.segments)
    if not ref_segs:
        raise InputError(f"{pair.references[0]!r} is empty; give a document with text")
    if not hyp_segs:
        raise InputError(f"{pair.hypothesis!r} is empty; give a document with text")
    alignment = align(ref_segs, hyp_segs, src_lang=ref.lang, tgt_lang=ref.lang)
    hyps: list[str] = []
    refs: list[str] = []
    places: list[tuple[str, str, int]] = []
    ref_name = _reference_name(pair)
    for bead in alignment:
        refs.append(" ".join(ref_segs[i].text for i in bead.src))
        hyps.append(" ".join(hyp_segs[i].text for i in bead.tgt))
        if bead.src:
            places.append(("ref", ref_name, bead.src[0] + 1))
        else:
            places.append(("hyp", pair.name, bead.tgt[0] + 1))
    n, m = len(ref_segs), len(hyp_segs)
    ref_alone = sum(len(b.src) for b in alignment if not b.tgt)
    hyp_alone = sum(len(b.tgt) for b in alignment if not b.src)
    notes = []
    # align's threshold: over a quarter of all sentences without a counterpart.
    if ref_alone + hyp_alone > UNALIGNED_SHARE * (n + m):
        notes.append(
            f"{pair.name}: {ref_alone} of the reference's {n} sentences and {hyp_alone} of "
            f"the hypothesis's {m} have no counterpart: the documents may differ in content, "
            "and the missing ones score as untranslated"
        )
    return _Loaded(pair, hyps, [refs], places, tuple(notes)), ref.lang


def _load(pair: FilePair, input_format: str, lang: str | None) -> tuple[_Loaded, str | None]:
    if input_format == "lines":
        # A system may output nothing at all: that scores 0, it is no reason to stop.
        hyps = read_aligned_lines(pair.hypothesis, blank_ok=True)
        refs = [read_aligned_lines(r) for r in pair.references]
        check_lengths(
            hyps,
            refs,
            hyp_name=pair.hypothesis,
            ref_names=list(pair.references),
        )
        return _Loaded(pair, hyps, refs), lang
    return _doc_segments(pair, lang, input_format)


def _load_all(
    match: FolderMatch, input_format: str, lang: str | None
) -> tuple[list[_Loaded], str | None]:
    if input_format not in INPUT_FORMATS:
        raise InputError(
            f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}"
        )
    loaded = []
    for pair in match.pairs:
        item, lang = _load(pair, input_format, lang)
        loaded.append(item)
    return loaded, lang


def _hypothesis_language(name: str, loaded: Sequence[_Loaded], lang: str | None) -> str | None:
    """A warning when the hypothesis is not in the references' language: the commonest slip
    in evaluating (scoring the source file, or another target's folder) scores near zero
    and says nothing else."""
    from aligntext.errors import AligntextError
    from aligntext.langid import verify_language

    refs = [line for item in loaded for line in item.refs[0] if line.strip()]
    hyps = [line for item in loaded for line in item.hyps if line.strip()]
    if not hyps or not refs:
        return None
    try:
        target = lang or guess_lang(refs[:200])
        problem = verify_language("\n".join(hyps)[:20000], target, name=f"hypothesis {name}")
    except AligntextError:
        return None  # a reference in no known language: said elsewhere, or nothing to say
    if problem is None:
        return None
    head = problem.split("; ")[0].replace(" as given", "")
    return f"{head}, the references' language; check that it is the translation, not its source"


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
    n_bootstrap: int = 1,
) -> Evaluation:
    if not loaded:
        raise InputError(
            f"no hypothesis file of {name!r} matches a reference file "
            f"(missing: {', '.join(match.missing[:5])}); "
            + (
                f"{match.skipped[0]}"
                if match.skipped
                else "check that the folders mirror each other"
            )
        )
    n_refs = {len(item.refs) for item in loaded}
    if len(n_refs) != 1:
        raise InputError("every file needs the same number of references")
    notes: list[str] = list(match.skipped)
    notes += [note for item in loaded for note in item.notes]
    if lang is not None:
        # A wrong --lang picks the wrong tokenizer defaults and reads the facts by another
        # language's rules (dates and names lost): say so, as compare and check do.
        from aligntext.langid import verify_language

        sample = "\n".join(line for item in loaded for line in item.refs[0] if line.strip())
        problem = verify_language(sample[:20000], lang, name="the reference")
        if problem:
            notes.append(problem)
    if facts and lang is None:
        lang = guess_lang([line for item in loaded for line in item.refs[0]][:200])
    note = _hypothesis_language(name, loaded, lang)
    if note:
        notes.append(note)
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
            if item.places is not None:
                fa = _label_documents(fa, item.places)
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
    # The confidence interval is the corpus score's, as sacrebleu gives one per run: per-file
    # intervals would cost as much again for each file.
    corpus = score(
        all_hyps,
        all_refs,
        metrics=metrics,
        settings=settings,
        lang=lang,
        warnings=notes,
        n_bootstrap=n_bootstrap,
    )
    return Evaluation(
        name=name,
        scores=corpus,
        files=tuple(files),
        facts=merge_facts(fact_parts, worst),
        segments=len(all_hyps),
        lang=lang,
        missing=match.missing,
        extra=match.extra,
        warnings=tuple(notes),
        signature=evaluation_signature(input_format, lang, settings),
    )


def _label_documents(fa: FactAccuracy, places: Sequence[tuple[str, str, int]]) -> FactAccuracy:
    """Worst segments labelled by a sentence of a document (``ref en.txt:3``), not by the
    aligned segment's number, which is no line of either file."""
    worst = []
    for seg in fa.worst:
        side, file, number = places[seg.line - 1]  # fact_accuracy numbered the segments
        worst.append(replace(seg, side=side, file=file, line=number))
    return replace(fa, worst=tuple(worst))


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
    confidence: bool = False,
    confidence_n: int = 1000,
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
        confidence: estimate a 95% confidence interval for each corpus score by bootstrap
            resampling, as ``sacrebleu --confidence`` does (same seed, ``SACREBLEU_SEED``,
            default 12345, so the same figures): :attr:`MetricScore.mean` and
            :attr:`MetricScore.ci`.
        confidence_n: bootstrap resamples for ``confidence`` (sacrebleu's
            ``--confidence-n``, default 1000); at least 2.

    Returns:
        Corpus and per-file scores; in folder mode the corpus is every matched file
        concatenated, and reference files without a hypothesis are listed in ``missing``.

    Raises:
        InputError: missing, empty or mismatched files, no matching file, or bad settings.
    """
    settings = MetricSettings() if settings is None else settings
    check_metrics(metrics)
    check_settings(settings)
    require_count(worst, "worst")
    n_bootstrap = bootstrap_samples(confidence, confidence_n)
    lang = resolve_optional_lang(lang)
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
        n_bootstrap=n_bootstrap,
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
    settings = MetricSettings() if settings is None else settings
    check_metrics(metrics)
    check_settings(settings)
    require_count(worst, "worst")
    if len(hypotheses) < 2:
        raise InputError("comparing systems needs at least two hypotheses (give --hyp twice)")
    names = list(names) if names is not None else [str(h) for h in hypotheses]
    if len(names) != len(hypotheses):
        raise InputError(f"{len(names)} names for {len(hypotheses)} systems; give one each")
    if len(set(names)) != len(names):
        raise InputError(f"system names must differ; got {', '.join(names)}")
    lang = resolve_optional_lang(lang)
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
