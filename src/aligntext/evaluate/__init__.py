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

The package: :mod:`~aligntext.evaluate.results` (settings and result types),
:mod:`~aligntext.evaluate.metrics` (sacrebleu scores), :mod:`~aligntext.evaluate.facts`
(fact accuracy), :mod:`~aligntext.evaluate.significance` (paired tests),
:mod:`~aligntext.evaluate.inputs` (files, documents, folders),
:mod:`~aligntext.evaluate.segments` (in-memory segments) and
:mod:`~aligntext.evaluate.systems` (:func:`evaluate`, :func:`compare`). The public names
are re-exported here.
"""

from aligntext.evaluate.facts import Extractor, Matcher, fact_accuracy
from aligntext.evaluate.inputs import INPUT_FORMATS, match_folders, read_lines
from aligntext.evaluate.metrics import default_tokenizer, score
from aligntext.evaluate.results import (
    FACT_KINDS,
    LOWER_IS_BETTER,
    METRICS,
    PAIRED_TESTS,
    Comparison,
    Evaluation,
    FactAccuracy,
    FactCount,
    FilePair,
    FileScores,
    FolderMatch,
    MetricScore,
    MetricSettings,
    PairedResult,
    PathLike,
    SegmentFacts,
)
from aligntext.evaluate.segments import evaluate_segments
from aligntext.evaluate.significance import paired_test
from aligntext.evaluate.systems import compare, evaluate
from aligntext.types import Fact, Signature

__all__ = [
    "FACT_KINDS",
    "INPUT_FORMATS",
    "LOWER_IS_BETTER",
    "METRICS",
    "PAIRED_TESTS",
    "Comparison",
    "Evaluation",
    "Extractor",
    "Fact",
    "FactAccuracy",
    "FactCount",
    "FilePair",
    "FileScores",
    "FolderMatch",
    "Matcher",
    "MetricScore",
    "MetricSettings",
    "PairedResult",
    "PathLike",
    "SegmentFacts",
    "Signature",
    "compare",
    "default_tokenizer",
    "evaluate",
    "evaluate_segments",
    "fact_accuracy",
    "match_folders",
    "paired_test",
    "read_lines",
    "score",
]
