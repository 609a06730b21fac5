"""Helpers the checker's tests share."""

from __future__ import annotations

from aligntext.check import compare_sentences


def flags(src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """``(severity, message)`` of each warning and error :func:`compare_sentences` gives (the
    notes left out: a reader is not asked to act on them)."""
    return [
        (f.severity, f.message)
        for f in compare_sentences(src, tgt, src_lang, tgt_lang)
        if f.severity != "info"
    ]
