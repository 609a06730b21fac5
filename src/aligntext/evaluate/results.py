"""Settings and result types of an evaluation: frozen dataclasses, formatted by
:mod:`aligntext.render.evaluation`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aligntext.errors import InputValueError
from aligntext.types import Signature

#: Metric keys in the order they are reported. ``chrf++`` is chrF with word bigrams.
METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")

#: Metrics where a lower score is better.
LOWER_IS_BETTER: frozenset[str] = frozenset({"ter"})

#: Fact kinds in the order they are reported; other kinds an extractor returns follow.
FACT_KINDS: tuple[str, ...] = ("number", "date", "entity")

#: Paired tests: bootstrap resampling (``bs``), approximate randomisation (``ar``), or both.
PAIRED_TESTS: tuple[str, ...] = ("bs", "ar", "both")

PathLike = str | Path


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
        chrf_word_order: chrF word n-gram order of the ``chrf`` metric (2 makes it chrF++;
            the ``chrf++`` metric always uses 2).
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
    chrf_word_order: int = 0
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
        mean: the bootstrap estimate of the true mean (``None`` without bootstrap
            resampling); the signature then holds ``bs:N|seed:S``.
        ci: half-width of the 95% bootstrap confidence interval around ``mean``
            (``None`` without bootstrap resampling).
    """

    key: str
    name: str
    score: float
    signature: str
    verbose: str = ""
    mean: float | None = None
    ci: float | None = None

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
        file: the file the segment comes from (its name, or its relative path in folder
            mode; empty when not known).
        line: 1-based line number in that file, the same line of hypothesis and reference;
            in document mode (``side`` set) the number of the first sentence of the segment
            in the document ``side`` names.
        hypothesis: the hypothesis text.
        reference: the reference text.
        total: reference facts in the segment.
        correct: of those, the ones the hypothesis states.
        missing: surface forms of the reference facts the hypothesis lacks or gets wrong.
        extra: surface forms of hypothesis facts that match nothing in the reference.
        side: ``""`` for line-aligned files; in document mode ``ref`` (``line`` counts the
            reference's sentences) or ``hyp`` (a segment only the hypothesis has: ``line``
            counts its sentences), since the aligned segments number neither document.
    """

    file: str
    line: int
    hypothesis: str
    reference: str
    total: int
    correct: int
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    side: str = ""

    @property
    def where(self) -> str:
        """The segment's label: ``hyp.txt:2`` (line 2 of both files), ``line 2``, or in
        document mode ``ref en.txt:3`` (the reference's 3rd sentence)."""
        place = f"{self.file}:{self.line}" if self.file else f"line {self.line}"
        return f"{self.side} {place}" if self.side else place

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
        """The score for metric ``key`` (``bleu``, ``chrf``, ``chrf++``, ``ter``, in any case),
        ``None`` if not computed.

        Raises:
            InputValueError: ``key`` names no metric.
        """
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
        """The corpus score for metric ``key`` (in any case), ``None`` if not computed.

        Raises:
            InputValueError: ``key`` names no metric.
        """
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
        skipped: what the folders' walk left out, a line each (a symlink that leads out of
            its folder, a pipe): a file "missing" for that reason is no mystery.
    """

    pairs: tuple[FilePair, ...]
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def _find_score(scores: Sequence[MetricScore], key: str) -> MetricScore | None:
    # "BLEU" is bleu; a name no metric has is a mistake, not a score not computed.
    key = key.lower() if isinstance(key, str) else key
    if key not in METRICS:
        raise InputValueError(f"unknown metric {key!r}; use one of {', '.join(METRICS)}")
    for s in scores:
        if s.key == key:
            return s
    return None
