"""Evaluating translations against references: sacrebleu metrics, fact accuracy, significance.

BLEU, chrF, chrF++ and TER are computed by sacrebleu's own metric classes with the settings
the ``sacrebleu`` command line uses by default, so a score here is the score sacrebleu
reports for the same files, and every score carries sacrebleu's signature. Beside them,
:func:`fact_accuracy` measures what sacrebleu cannot see: the share of the reference's
numbers, dates and named entities that the hypothesis states correctly, using the checker's
extractors (:func:`aligntext.check.extract_facts` and :func:`aligntext.check.facts_match`).
:func:`compare` runs sacrebleu's paired bootstrap resampling and approximate randomisation
to tell whether two systems really differ.

Inputs are line-aligned files (one segment per line, read exactly as the sacrebleu command
line reads them), documents that are segmented and aligned first (``input_format="doc"``),
or folders whose files are matched by relative path; missing and extra files are reported in
the result, never silently dropped.

Results are frozen dataclasses; :mod:`aligntext.render.evaluation` formats them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligntext import __version__
from aligntext.errors import BackendUnavailableError, InputError
from aligntext.io.encoding import decode_bytes
from aligntext.types import Fact, Signature

#: Metric keys in the order they are reported. ``chrf++`` is chrF with word bigrams.
METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")

#: Metrics where a lower score is better.
LOWER_IS_BETTER: frozenset[str] = frozenset({"ter"})

#: Fact kinds in the order they are reported; other kinds an extractor returns follow.
FACT_KINDS: tuple[str, ...] = ("number", "date", "entity")

#: Input formats: ``lines`` (one segment per line) or ``doc`` (segment and align first).
INPUT_FORMATS: tuple[str, ...] = ("lines", "doc", "txt", "md", "docx", "html")

#: Paired tests: bootstrap resampling (``bs``), approximate randomisation (``ar``), or both.
PAIRED_TESTS: tuple[str, ...] = ("bs", "ar", "both")

PathLike = str | Path
Extractor = Callable[[str, str], Sequence[Fact]]
Matcher = Callable[[Fact, Fact], bool]


# --------------------------------------------------------------------------------------------
# Settings and result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricSettings:
    """sacrebleu settings; the defaults are the ``sacrebleu`` command line's defaults.

    Args:
        tokenize: BLEU tokenizer (``13a``, ``intl``, ``char``, ``none``, ``flores200`` ...).
            ``None`` lets sacrebleu choose for the target language, as its command line does
            (``13a`` for en, az, ru and tr).
        lowercase: case-insensitive BLEU.
        smooth_method: BLEU smoothing: ``exp``, ``floor``, ``add-k`` or ``none``.
        smooth_value: the value for ``floor`` / ``add-k`` smoothing (``None``: sacrebleu's).
        force: BLEU on input that looks tokenized, without sacrebleu's warning.
        chrf_char_order: chrF character n-gram order.
        chrf_beta: chrF recall weight.
        chrf_whitespace: keep whitespace in chrF character n-grams.
        chrf_lowercase: case-insensitive chrF and chrF++.
        chrf_eps_smoothing: chrF epsilon smoothing instead of effective-order smoothing.
        ter_case_sensitive: case-sensitive TER (sacrebleu's TER ignores case by default).
        ter_normalized: TER with basic normalisation and tokenisation.
        ter_no_punct: TER without punctuation.
        ter_asian_support: TER's treatment of Asian characters.
    """

    tokenize: str | None = None
    lowercase: bool = False
    smooth_method: str = "exp"
    smooth_value: float | None = None
    force: bool = False
    chrf_char_order: int = 6
    chrf_beta: int = 2
    chrf_whitespace: bool = False
    chrf_lowercase: bool = False
    chrf_eps_smoothing: bool = False
    ter_case_sensitive: bool = False
    ter_normalized: bool = False
    ter_no_punct: bool = False
    ter_asian_support: bool = False


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level score as sacrebleu computes it.

    Args:
        key: aligntext's metric key: ``bleu``, ``chrf``, ``chrf++`` or ``ter``.
        name: sacrebleu's name for it (``BLEU``, ``chrF2``, ``chrF2++``, ``TER``).
        score: the score, full precision (0-100; for TER lower is better).
        signature: sacrebleu's full signature, e.g.
            ``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``.
        verbose: sacrebleu's detail string (BLEU's n-gram precisions and brevity penalty).
    """

    key: str
    name: str
    score: float
    signature: str
    verbose: str = ""

    @property
    def higher_is_better(self) -> bool:
        """False for TER."""
        return self.key not in LOWER_IS_BETTER


@dataclass(frozen=True)
class FactCount:
    """Reference facts of one kind and how many the hypothesis states correctly.

    Args:
        kind: ``number``, ``date``, ``entity`` (or another kind the extractor returns).
        total: facts of this kind in the reference.
        correct: of those, the ones the hypothesis states (matched one to one).
        extra: facts of this kind in the hypothesis that match nothing in the reference.
    """

    kind: str
    total: int
    correct: int
    extra: int = 0

    @property
    def accuracy(self) -> float | None:
        """``correct / total``; ``None`` when the reference has no fact of this kind."""
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class SegmentFacts:
    """Fact accuracy of one segment, for the list of worst segments.

    Args:
        file: the file the segment comes from (relative path; empty for a single file).
        line: 1-based line (or aligned segment) number in that file.
        hypothesis: the hypothesis text.
        reference: the reference text.
        total: reference facts in the segment.
        correct: of those, the ones the hypothesis states.
        missing: surface forms of the reference facts the hypothesis lacks or gets wrong.
        extra: surface forms of hypothesis facts that match nothing in the reference.
    """

    file: str
    line: int
    hypothesis: str
    reference: str
    total: int
    correct: int
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def accuracy(self) -> float | None:
        """``correct / total``; ``None`` when the reference segment has no fact."""
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class FactAccuracy:
    """The share of the reference's numbers, dates and names the hypothesis states correctly.

    Args:
        lang: the language the facts were extracted in (the target language).
        counts: per kind, in :data:`FACT_KINDS` order (kinds with no fact included).
        segments: segments scored.
        worst: the segments with the most reference facts missing, worst first.
    """

    lang: str
    counts: tuple[FactCount, ...]
    segments: int
    worst: tuple[SegmentFacts, ...] = ()

    @property
    def total(self) -> int:
        """Reference facts of every kind."""
        return sum(c.total for c in self.counts)

    @property
    def correct(self) -> int:
        """Reference facts the hypothesis states."""
        return sum(c.correct for c in self.counts)

    @property
    def extra(self) -> int:
        """Hypothesis facts that match nothing in the reference."""
        return sum(c.extra for c in self.counts)

    @property
    def accuracy(self) -> float | None:
        """Overall ``correct / total``; ``None`` when the reference has no fact at all."""
        return self.correct / self.total if self.total else None

    def count(self, kind: str) -> FactCount:
        """The count for ``kind`` (zeros when the kind never occurred)."""
        for c in self.counts:
            if c.kind == kind:
                return c
        return FactCount(kind, 0, 0)


@dataclass(frozen=True)
class FileScores:
    """Scores of one hypothesis file against its reference file(s).

    Args:
        name: the file's relative path in folder mode, its file name otherwise.
        hypothesis: path of the hypothesis file.
        references: paths of the reference files.
        segments: segments scored (lines, or aligned segments in document mode).
        scores: one per metric, in :data:`METRICS` order.
        facts: fact accuracy of this file (``None`` when not computed).
    """

    name: str
    hypothesis: str
    references: tuple[str, ...]
    segments: int
    scores: tuple[MetricScore, ...]
    facts: FactAccuracy | None = None

    def score(self, key: str) -> MetricScore | None:
        """The score for metric ``key`` (``bleu``, ``chrf``, ``chrf++``, ``ter``), if computed."""
        return _find_score(self.scores, key)


@dataclass(frozen=True)
class Evaluation:
    """One system's evaluation: corpus scores, per-file scores and fact accuracy.

    Args:
        name: the system's name (the hypothesis path unless given).
        scores: corpus-level scores over every matched file, in :data:`METRICS` order.
        files: per-file scores, sorted by name.
        facts: corpus-level fact accuracy (``None`` when not computed).
        segments: segments scored in all.
        lang: the target language (``None`` when neither given nor needed).
        missing: relative paths of reference files that have no hypothesis (folder mode).
        extra: relative paths of hypothesis files that have no reference (folder mode).
        warnings: things the user should know (sacrebleu's tokenization warnings, ...).
        signature: how the evaluation was made (aligntext version, input format, language).
    """

    name: str
    scores: tuple[MetricScore, ...]
    files: tuple[FileScores, ...]
    facts: FactAccuracy | None
    segments: int
    lang: str | None = None
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    signature: Signature = field(default_factory=Signature)

    def score(self, key: str) -> MetricScore | None:
        """The corpus score for metric ``key``, if computed."""
        return _find_score(self.scores, key)

    @property
    def complete(self) -> bool:
        """True when every reference file had a hypothesis."""
        return not self.missing


@dataclass(frozen=True)
class PairedResult:
    """One system against the baseline on one metric, by one paired test.

    Args:
        metric: metric key (``bleu`` ...).
        test: ``bs`` (paired bootstrap resampling) or ``ar`` (approximate randomisation).
        baseline: the baseline system's name.
        system: the compared system's name.
        baseline_score: the baseline's corpus score.
        system_score: the system's corpus score.
        p_value: the test's p-value for "the difference is due to chance".
        alpha: the significance level the verdict uses.
        signature: sacrebleu's signature of the test (samples, seed, metric settings).
        mean: the system's bootstrap mean (``bs`` only).
        ci: half-width of the system's 95% bootstrap confidence interval (``bs`` only).
        baseline_mean: the baseline's bootstrap mean (``bs`` only).
        baseline_ci: half-width of the baseline's 95% confidence interval (``bs`` only).
    """

    metric: str
    test: str
    baseline: str
    system: str
    baseline_score: float
    system_score: float
    p_value: float
    alpha: float
    signature: str
    mean: float | None = None
    ci: float | None = None
    baseline_mean: float | None = None
    baseline_ci: float | None = None

    @property
    def difference(self) -> float:
        """``system_score - baseline_score``."""
        return self.system_score - self.baseline_score

    @property
    def significant(self) -> bool:
        """True when the scores differ and ``p_value < alpha``.

        sacrebleu gives two identical systems a tiny p-value (a zero difference is, by its
        definition, never reached by chance); equal scores are never called significant here.
        """
        return self.difference != 0 and self.p_value < self.alpha

    @property
    def better(self) -> str | None:
        """The better system's name when the difference is significant, else ``None``."""
        if not self.significant:
            return None
        system_higher = self.difference > 0
        if self.metric in LOWER_IS_BETTER:
            system_higher = not system_higher
        return self.system if system_higher else self.baseline


@dataclass(frozen=True)
class Comparison:
    """Two or more systems on the same references, with paired significance tests.

    Args:
        evaluations: one per system, the baseline (first hypothesis) first.
        tests: paired tests of every other system against the baseline.
        segments: segments the paired tests ran on (files every system has).
        alpha: the significance level.
        warnings: things the user should know (files left out of the paired test ...).
    """

    evaluations: tuple[Evaluation, ...]
    tests: tuple[PairedResult, ...]
    segments: int
    alpha: float = 0.05
    warnings: tuple[str, ...] = ()

    @property
    def baseline(self) -> Evaluation:
        """The first system's evaluation."""
        return self.evaluations[0]


@dataclass(frozen=True)
class FilePair:
    """A hypothesis file and its reference files, matched by relative path."""

    name: str
    hypothesis: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class FolderMatch:
    """Files of a hypothesis folder matched to reference folders by relative path.

    Args:
        pairs: matched files, sorted by relative path.
        missing: reference files with no hypothesis file.
        extra: hypothesis files with no reference file.
    """

    pairs: tuple[FilePair, ...]
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


def _find_score(scores: Sequence[MetricScore], key: str) -> MetricScore | None:
    for s in scores:
        if s.key == key:
            return s
    return None


# --------------------------------------------------------------------------------------------
# Reading input
# --------------------------------------------------------------------------------------------


def read_lines(path: PathLike) -> list[str]:
    """Read a line-aligned file exactly as the ``sacrebleu`` command line reads it.

    Lines are split on ``\\n`` only and trailing whitespace (including ``\\r``) is stripped
    from each; a UTF-8 byte-order mark is dropped. A file that is not UTF-8 (cp1251,
    koi8-r, cp1254, UTF-16), which sacrebleu would refuse, is decoded with aligntext's
    encoding detection instead.

    Raises:
        InputError: the file is missing, a folder, binary, undecodable or has no text.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"file not found: {str(p)!r}; check the path")
    if p.is_dir():
        raise InputError(f"{str(p)!r} is a folder; give a file, or folders for both sides")
    data = p.read_bytes()
    try:
        text = data.decode("utf-8")  # sacrebleu's own reading, so the scores are identical
    except UnicodeDecodeError:
        text = ""
    if data and (not text or "\x00" in text):
        # A legacy code page (cp1251, koi8-r, cp1254) or UTF-16, which sacrebleu cannot read
        # at all: decode it as every other aligntext reader does.
        try:
            text, _ = decode_bytes(data, p)
        except InputError as exc:
            if b"\x00" not in data[:8192]:
                raise
            raise InputError(
                f"{str(p)!r} is not a text file; for .docx and other documents use "
                "--input-format doc (input_format='doc')"
            ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{str(p)!r} is empty; give a file with one segment per line")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line.rstrip() for line in lines]


def _check_lengths(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    hyp_name: str = "",
    ref_names: Sequence[str] = (),
) -> None:
    if not references:
        raise InputError("no reference given; give at least one reference")
    for i, ref in enumerate(references):
        if len(ref) != len(hypotheses):
            where = ""
            if hyp_name or ref_names:
                ref_name = ref_names[i] if i < len(ref_names) else f"reference {i + 1}"
                where = f" ({hyp_name or 'hypothesis'} vs {ref_name})"
            raise InputError(
                f"hypothesis has {len(hypotheses)} lines, reference has {len(ref)}{where}; "
                "files must be aligned line by line (or use --input-format doc to segment "
                "and align documents first)"
            )
    if not hypotheses:
        raise InputError("nothing to evaluate: the hypothesis has no segment")


# --------------------------------------------------------------------------------------------
# sacrebleu metrics
# --------------------------------------------------------------------------------------------


@contextmanager
def _sacrebleu_warnings(sink: list[str]) -> Iterator[None]:
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


def _check_metrics(metrics: Sequence[str]) -> tuple[str, ...]:
    keys = tuple(m.lower() for m in metrics)
    unknown = [m for m in keys if m not in METRICS]
    if unknown or not keys:
        raise InputError(
            f"unknown metric {unknown[0] if unknown else ''!r}; use some of {', '.join(METRICS)}"
        )
    # Report in the canonical order, once each.
    return tuple(m for m in METRICS if m in keys)


def _check_settings(settings: MetricSettings) -> None:
    from sacrebleu.metrics import BLEU

    if settings.tokenize is not None and settings.tokenize not in BLEU.TOKENIZERS:
        raise InputError(
            f"unknown tokenizer {settings.tokenize!r}; use one of {', '.join(BLEU.TOKENIZERS)}"
        )
    if settings.smooth_method not in BLEU.SMOOTH_DEFAULTS:
        raise InputError(
            f"unknown smoothing method {settings.smooth_method!r}; "
            f"use one of {', '.join(BLEU.SMOOTH_DEFAULTS)}"
        )


def default_tokenizer(lang: str | None) -> str:
    """The BLEU tokenizer sacrebleu picks for a target language (``13a`` for en/az/ru/tr)."""
    from sacrebleu.metrics import BLEU

    return BLEU._TOKENIZER_MAP.get(lang or "", BLEU.TOKENIZER_DEFAULT)


def _make_metric(
    key: str,
    settings: MetricSettings,
    lang: str | None,
    references: Sequence[Sequence[str]] | None = None,
) -> Any:
    """A sacrebleu metric object configured as the sacrebleu command line would."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if key == "bleu":
        return BLEU(
            lowercase=settings.lowercase,
            force=settings.force,
            tokenize=settings.tokenize,
            smooth_method=settings.smooth_method,
            smooth_value=settings.smooth_value,
            trg_lang=lang or "",
            references=references,
        )
    if key in ("chrf", "chrf++"):
        return CHRF(
            char_order=settings.chrf_char_order,
            word_order=2 if key == "chrf++" else 0,
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
    metrics: Sequence[str] = METRICS,
    settings: MetricSettings | None = None,
    lang: str | None = None,
    warnings: list[str] | None = None,
) -> tuple[MetricScore, ...]:
    """Corpus scores of one hypothesis stream against one or more reference streams.

    Args:
        hypotheses: one segment per item.
        references: one stream per reference, each as long as ``hypotheses``.
        metrics: metric keys, some of :data:`METRICS`.
        settings: sacrebleu settings (defaults: the sacrebleu command line's).
        lang: the target language; picks the tokenizer when ``settings.tokenize`` is None.
        warnings: a list that receives sacrebleu's warnings (they are not logged).

    Returns:
        One :class:`MetricScore` per metric, in :data:`METRICS` order.

    Raises:
        InputError: a length mismatch, an empty hypothesis, an unknown metric or tokenizer.
    """
    settings = settings or MetricSettings()
    keys = _check_metrics(metrics)
    _check_settings(settings)
    _check_lengths(hypotheses, references)
    hyps = list(hypotheses)
    refs = [list(r) for r in references]
    sink: list[str] = [] if warnings is None else warnings
    results = []
    with _sacrebleu_warnings(sink):
        for key in keys:
            metric = _make_metric(key, settings, lang)
            result = metric.corpus_score(hyps, refs)
            results.append(
                MetricScore(
                    key=key,
                    name=result.name,
                    score=float(result.score),
                    signature=metric.get_signature().format(),
                    verbose=str(getattr(result, "_verbose", "") or ""),
                )
            )
    return tuple(results)


# --------------------------------------------------------------------------------------------
# Fact accuracy
# --------------------------------------------------------------------------------------------


def _default_fact_functions() -> tuple[Extractor, Matcher]:
    try:
        from aligntext.check import (  # type: ignore[attr-defined,unused-ignore]
            extract_facts,
            facts_match,
        )
    except ImportError as exc:  # the checker is part of the package; this is a broken install
        raise BackendUnavailableError(
            "fact accuracy needs aligntext.check (extract_facts, facts_match), which cannot "
            f"be imported ({exc}); reinstall aligntext or turn fact accuracy off (--no-facts)"
        ) from exc
    return extract_facts, facts_match


def _match_facts(
    ref_facts: Sequence[Fact], hyp_facts: Sequence[Fact], match: Matcher
) -> tuple[list[bool], list[bool]]:
    """Match reference facts to hypothesis facts one to one, same kind first.

    Returns which reference facts found a partner and which hypothesis facts were used.
    """
    found = [False] * len(ref_facts)
    used = [False] * len(hyp_facts)
    # Two passes: same-kind partners first; then a reference number may be found inside a
    # hypothesis date (a year written as part of a date). Never the other way round: a
    # reference date is not stated correctly by a bare year.
    for same_kind in (True, False):
        for i, rf in enumerate(ref_facts):
            if found[i] or (not same_kind and rf.kind == "date"):
                continue
            for j, hf in enumerate(hyp_facts):
                if used[j] or (hf.kind == rf.kind) != same_kind:
                    continue
                # Equal kind and key is the same fact whatever the matcher's heuristics say
                # (short acronyms can fall below a fuzzy matcher's minimum length).
                if (rf.kind == hf.kind and rf.key == hf.key) or match(rf, hf):
                    found[i] = used[j] = True
                    break
    return found, used


def fact_accuracy(
    hypotheses: Sequence[str],
    references: Sequence[str],
    lang: str,
    *,
    worst: int = 10,
    files: Sequence[tuple[str, int]] | None = None,
    extract: Extractor | None = None,
    match: Matcher | None = None,
) -> FactAccuracy:
    """The share of the reference's numbers, dates and names the hypothesis states correctly.

    Each reference fact counts as correct when a hypothesis fact of the same segment matches
    it (one to one: a number stated once does not cover two occurrences in the reference).

    Args:
        hypotheses: hypothesis segments.
        references: reference segments, as many as ``hypotheses`` (with several references,
            pass the first).
        lang: the target language of both sides.
        worst: how many of the worst segments to list.
        files: per segment, ``(file name, 1-based line)`` for the worst-segment list.
        extract: ``extract(text, lang) -> list[Fact]``; default
            :func:`aligntext.check.extract_facts`.
        match: ``match(reference_fact, hypothesis_fact) -> bool``; default
            :func:`aligntext.check.facts_match`.

    Raises:
        InputError: the two sides differ in length, or an unknown language.
    """
    from aligntext.langs import resolve_lang

    lang = resolve_lang(lang)
    _check_lengths(hypotheses, [references])
    if extract is None or match is None:
        default_extract, default_match = _default_fact_functions()
        extract = extract or default_extract
        match = match or default_match
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in FACT_KINDS}
    scored: list[SegmentFacts] = []
    for i, (hyp, ref) in enumerate(zip(hypotheses, references, strict=True)):
        ref_facts = list(extract(ref, lang)) if ref.strip() else []
        hyp_facts = list(extract(hyp, lang)) if hyp.strip() else []
        if not ref_facts and not hyp_facts:
            continue
        found, used = _match_facts(ref_facts, hyp_facts, match)
        for rf, ok in zip(ref_facts, found, strict=True):
            t = totals.setdefault(rf.kind, [0, 0, 0])
            t[0] += 1
            t[1] += ok
        for hf, was_used in zip(hyp_facts, used, strict=True):
            if not was_used:
                totals.setdefault(hf.kind, [0, 0, 0])[2] += 1
        file, line = files[i] if files is not None else ("", i + 1)
        scored.append(
            SegmentFacts(
                file=file,
                line=line,
                hypothesis=hyp,
                reference=ref,
                total=len(ref_facts),
                correct=sum(found),
                missing=tuple(rf.text for rf, ok in zip(ref_facts, found, strict=True) if not ok),
                extra=tuple(hf.text for hf, u in zip(hyp_facts, used, strict=True) if not u),
            )
        )
    bad = [s for s in scored if s.missing or s.extra]
    # Worst first: most missing reference facts, then lowest accuracy, then most additions.
    bad.sort(
        key=lambda s: (
            -len(s.missing),
            s.accuracy if s.accuracy is not None else 1.0,
            -len(s.extra),
            s.file,
            s.line,
        )
    )
    counts = tuple(FactCount(k, t[0], t[1], t[2]) for k, t in totals.items())
    return FactAccuracy(
        lang=lang, counts=counts, segments=len(hypotheses), worst=tuple(bad[: max(worst, 0)])
    )


def _merge_facts(parts: Sequence[FactAccuracy], worst: int) -> FactAccuracy | None:
    if not parts:
        return None
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in FACT_KINDS}
    for p in parts:
        for c in p.counts:
            t = totals.setdefault(c.kind, [0, 0, 0])
            t[0] += c.total
            t[1] += c.correct
            t[2] += c.extra
    segs = [s for p in parts for s in p.worst]
    segs.sort(
        key=lambda s: (
            -len(s.missing),
            s.accuracy if s.accuracy is not None else 1.0,
            -len(s.extra),
            s.file,
            s.line,
        )
    )
    return FactAccuracy(
        lang=parts[0].lang,
        counts=tuple(FactCount(k, t[0], t[1], t[2]) for k, t in totals.items()),
        segments=sum(p.segments for p in parts),
        worst=tuple(segs[: max(worst, 0)]),
    )


# --------------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------------


def _list_files(folder: Path) -> dict[str, Path]:
    """Regular files under ``folder`` by POSIX relative path; hidden files are skipped."""
    found: dict[str, Path] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        found[rel.as_posix()] = p
    return found


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
    ref_files = [_list_files(r) for r in ref_dirs]
    if not ref_files[0]:
        raise InputError(f"reference folder {str(ref_dirs[0])!r} has no files")
    for r, files in zip(ref_dirs[1:], ref_files[1:], strict=True):
        if set(files) != set(ref_files[0]):
            diff = sorted(set(files) ^ set(ref_files[0]))
            raise InputError(
                f"reference folders {str(ref_dirs[0])!r} and {str(r)!r} hold different files "
                f"({', '.join(diff[:5])}); every reference folder must hold the same files"
            )
    hyp_files = _list_files(hyp_dir)
    names = sorted(ref_files[0])
    pairs = tuple(
        FilePair(n, str(hyp_files[n]), tuple(str(f[n]) for f in ref_files))
        for n in names
        if n in hyp_files
    )
    missing = tuple(n for n in names if n not in hyp_files)
    extra = tuple(sorted(n for n in hyp_files if n not in ref_files[0]))
    return FolderMatch(pairs=pairs, missing=missing, extra=extra)


def _pairs_for(hypothesis: PathLike, references: Sequence[PathLike]) -> FolderMatch:
    """Files to evaluate: one pair for files, matched pairs for folders."""
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
    return FolderMatch(pairs=(FilePair(hyp.name, str(hyp), tuple(str(r) for r in references)),))


def _doc_segments(
    pair: FilePair, lang: str, fmt: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """Segment a hypothesis document and its reference, align them, join each bead.

    ``fmt`` is the documents' format (``txt``, ``md``, ``docx``, ``html``); ``None`` reads
    each by its name, or its content when the name says nothing.
    """
    if len(pair.references) != 1:
        raise InputError(
            "document mode takes one reference per hypothesis; with several references give "
            "line-aligned files (--input-format lines)"
        )
    try:
        from aligntext.align import align
        from aligntext.io.documents import read_document
        from aligntext.segment import segment_document
    except ImportError as exc:
        raise InputError(
            f"document mode needs aligntext's reader, segmenter and aligner ({exc}); "
            "give line-aligned files (--input-format lines)"
        ) from exc
    hyp_segs = list(segment_document(read_document(pair.hypothesis, fmt=fmt), lang))
    ref_segs = list(segment_document(read_document(pair.references[0], fmt=fmt), lang))
    if not ref_segs:
        raise InputError(f"{pair.references[0]!r} is empty; give a document with text")
    if not hyp_segs:
        raise InputError(f"{pair.hypothesis!r} is empty; give a document with text")
    alignment = align(ref_segs, hyp_segs, src_lang=lang, tgt_lang=lang)
    hyps: list[str] = []
    refs: list[str] = []
    for bead in alignment:
        refs.append(" ".join(ref_segs[i].text for i in bead.src))
        hyps.append(" ".join(hyp_segs[i].text for i in bead.tgt))
    return hyps, [refs]


def _guess_lang(lines: Sequence[str]) -> str:
    """The target language from the reference text, among en, az, ru and tr."""
    from aligntext.langid import detect_language

    return detect_language("\n".join(lines[:200]))


def _load(
    pair: FilePair, input_format: str, lang: str | None
) -> tuple[list[str], list[list[str]], str | None]:
    if input_format == "lines":
        hyps = read_lines(pair.hypothesis)
        refs = [read_lines(r) for r in pair.references]
        _check_lengths(
            hyps,
            refs,
            hyp_name=pair.hypothesis,
            ref_names=list(pair.references),
        )
        return hyps, refs, lang
    fmt = None if input_format == "doc" else input_format
    if lang is None:
        from aligntext.io.documents import read_document

        lang = _guess_lang([read_document(pair.references[0], fmt=fmt).text])
    hyps, refs = _doc_segments(pair, lang, fmt)
    return hyps, refs, lang


# --------------------------------------------------------------------------------------------
# Evaluation entry points
# --------------------------------------------------------------------------------------------


def _signature(input_format: str, lang: str | None, settings: MetricSettings) -> Signature:
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

    Raises:
        InputError: a length mismatch, empty input, an unknown metric, tokenizer or language.
    """
    settings = settings or MetricSettings()
    lang = _resolve(lang)
    _check_lengths(hypotheses, references)
    if facts and lang is None:
        lang = _guess_lang(references[0])
    notes: list[str] = []
    scores = score(
        hypotheses, references, metrics=metrics, settings=settings, lang=lang, warnings=notes
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
        signature=_signature("segments", lang, settings),
    )


def _resolve(lang: str | None) -> str | None:
    from aligntext.langs import resolve_lang

    return resolve_lang(lang) if lang else None


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
    keys = _check_metrics(metrics)
    _check_settings(settings)
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
        _check_lengths(hyps, references)
    refs = [list(r) for r in references]
    named: list[tuple[str, Sequence[str]]] = [(n, list(h)) for n, h in systems]
    tests = ("bs", "ar") if test == "both" else (test,)
    results: list[PairedResult] = []
    sink: list[str] = []
    with _sacrebleu_warnings(sink):
        for kind in tests:
            metric_objs = {k: _make_metric(k, settings, lang, references=refs) for k in keys}
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
