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
and :mod:`~aligntext.evaluate.segments` (in-memory segments) work on segments in memory.
Reading files, documents and folders is the pipeline's job
(:mod:`aligntext.pipeline.evaluation`); its entry points :func:`evaluate`, :func:`compare`
and :func:`match_folders` are re-exported here, imported on first use because the pipeline
sits above this package.
"""

from typing import TYPE_CHECKING, Any

from aligntext.evaluate.facts import Extractor, Matcher, fact_accuracy
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
from aligntext.io.lines import read_aligned_lines as read_lines
from aligntext.types import Fact, Signature

if TYPE_CHECKING:
    from aligntext.pipeline.evaluation import compare, evaluate, match_folders
    from aligntext.pipeline.versions import INPUT_FORMATS

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

#: Names served from the pipeline layer, imported when first asked for.
_PIPELINE_NAMES = {
    "compare": "aligntext.pipeline.evaluation",
    "evaluate": "aligntext.pipeline.evaluation",
    "match_folders": "aligntext.pipeline.evaluation",
    "INPUT_FORMATS": "aligntext.pipeline.versions",
}


def __getattr__(name: str) -> Any:
    """``aligntext.evaluate.evaluate`` and the other file entry points, on first use."""
    if name in _PIPELINE_NAMES:
        import importlib

        return getattr(importlib.import_module(_PIPELINE_NAMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
