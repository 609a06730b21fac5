"""Sentence alignment of language versions: features, bead search, multi-way, formats.

``align(src, tgt, src_lang, tgt_lang)`` returns an :class:`~aligntext.types.Alignment`;
``align_multi(versions)`` aligns several versions through a pivot into a
:class:`~aligntext.types.MultiAlignment`.
"""

from __future__ import annotations

from aligntext.align.features import (
    CostParams,
    EmbeddingScorer,
    MTScorer,
    SemanticScorer,
)
from aligntext.align.formats import (
    FORMATS,
    MULTI_FORMATS,
    format_alignment,
    format_multi,
    multi_to_jsonl,
    multi_to_text,
    multi_to_tsv,
    to_jsonl,
    to_text,
    to_tmx,
    to_tsv,
)
from aligntext.align.multi import align_multi, multiway_rows
from aligntext.align.search import ALIGNER_VERSION, BEAD_TYPES, align
from aligntext.types import MultiAlignment

__all__ = [
    "ALIGNER_VERSION",
    "BEAD_TYPES",
    "FORMATS",
    "MULTI_FORMATS",
    "CostParams",
    "EmbeddingScorer",
    "MTScorer",
    "MultiAlignment",
    "SemanticScorer",
    "align",
    "align_multi",
    "format_alignment",
    "format_multi",
    "multi_to_jsonl",
    "multi_to_text",
    "multi_to_tsv",
    "multiway_rows",
    "to_jsonl",
    "to_text",
    "to_tmx",
    "to_tsv",
]
