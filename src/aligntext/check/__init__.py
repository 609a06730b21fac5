"""Fact extraction and mismatch checks between language versions.

One extractor per fact type (numbers, dates, named entities), shared by the checker, the
aligner's anchors and the evaluation metric, and one definition of "same fact"
(:func:`facts_match`) across languages.

Example:
    >>> from aligntext.check import compare_sentences
    >>> findings = compare_sentences("On 6 April 1993.", "30 апреля 1993 года.", "en", "ru")
    >>> [f.message for f in findings]
    ['date 6 April 1993 in source; target has 30 April 1993']
"""

from __future__ import annotations

from aligntext.check.compare import (
    LOW_CONFIDENCE,
    check_alignment,
    check_pairs,
    compare_sentences,
    extract_facts,
    facts_match,
)
from aligntext.check.dates import extract_dates, format_date
from aligntext.check.entities import extract_entities
from aligntext.check.glossary import Glossary, load_glossary
from aligntext.check.numbers import extract_numbers
from aligntext.check.translit import names_match, translit_key

__all__ = [
    "LOW_CONFIDENCE",
    "Glossary",
    "check_alignment",
    "check_pairs",
    "compare_sentences",
    "extract_dates",
    "extract_entities",
    "extract_facts",
    "extract_numbers",
    "facts_match",
    "format_date",
    "load_glossary",
    "names_match",
    "translit_key",
]
