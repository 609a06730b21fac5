"""Run every MT QA check on a sentence and its machine translation.

The order matters: a target that loops, copies its source or is in another language is no
translation to measure, so its length is not looked at (the one finding says what went
wrong); otherwise a learnt decision (:mod:`aligntext.qa.decide`) weighs the length-family
signs and names a cut-off target, one with added content, or one merely too long or short.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligntext.arguments import as_pairs
from aligntext.langs import LANGUAGES, resolve_lang
from aligntext.qa.copy import SAME_RATIO, SAME_TEXT, copied_share
from aligntext.qa.decide import judge
from aligntext.qa.language import read_language
from aligntext.qa.length import document_shift, length_z
from aligntext.qa.repetition import find_repetition
from aligntext.types import Finding, Span

#: The finding types the MT QA checks produce.
QA_TYPES: tuple[str, ...] = (
    "repetition",
    "copy",
    "wrong_language",
    "length",
    "truncated",
    "addition",
)
#: Part of signatures and manifests: changes when the checks or their data change.
QA_VERSION = "mt-qa-12"


def _name(code: str) -> str:
    return f"{LANGUAGES[code].name} ({code})" if code in LANGUAGES else code


def check_translation(
    src: str, tgt: str, src_lang: str, tgt_lang: str, *, pair: int = 0, length_shift: float = 0.0
) -> list[Finding]:
    """The MT QA findings of one source sentence and its translation.

    Args:
        src: the source sentence.
        tgt: its (machine) translation.
        src_lang: the source language (any spelling ``resolve_lang`` accepts).
        tgt_lang: the language the translation was asked in.
        pair: the index stored in each finding's ``pair`` and its spans' ``segment``.
        length_shift: how far the document's translations run from the usual length, in z
            (:func:`document_length_shift`); 0 for a sentence on its own.

    Returns:
        Findings of the types in :data:`QA_TYPES`, at most one per type; none for an empty
        side (the fact checker reports a missing translation).
    """
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)
    if not src.strip() or not tgt.strip():
        return []
    out: list[Finding] = []

    def add(type_: str, severity: str, message: str, start: int = -1, end: int = -1) -> None:
        spans = (Span(pair, start, end, tgt[start:end]),) if start >= 0 else ()
        out.append(
            Finding(pair, type_, severity, message, tgt_spans=spans, src_lang=sl, tgt_lang=tl)
        )

    rep = find_repetition(src, tgt)
    if rep is not None:
        add("repetition", rep.severity, rep.message, rep.start, rep.end)
        if rep.severity == "error":
            return out
    if sl != tl:
        similar = copied_share(src, tgt)
        # Azerbaijani and Turkish share so many words and names that a real translation of a
        # name-heavy sentence comes close to the source letter for letter (77% on the dev
        # lines): there only the source itself, or the language verdict below, is a copy.
        close = {sl, tl} == {"az", "tr"} and similar is not None and similar < SAME_TEXT
        if similar is not None and similar >= SAME_RATIO and not close:
            near = f"a near copy of ({similar:.0f}% alike)"
            what = "identical to" if similar >= SAME_TEXT else near
            add("copy", "error", f"target is {what} the source", 0, len(tgt))
            return out
        verdict = read_language(tgt, tl)
        if verdict is not None and verdict.lang != tl:
            sev = "error" if verdict.sure else "warning"
            if verdict.lang is None:
                add("wrong_language", sev, f"target is not in {_name(tl)}: {verdict.reason}")
            elif verdict.lang == sl:
                add("copy", sev, f"target is in the source's language, {_name(sl)}, not {tl}")
            else:
                add(
                    "wrong_language", sev, f"target reads as {_name(verdict.lang)}, not {_name(tl)}"
                )
            if verdict.sure:
                return out
    verdict_ = judge(src, tgt, sl, tl, length_shift)
    if verdict_ is not None:
        add(verdict_.type, verdict_.severity, verdict_.message, verdict_.start, verdict_.end)
    return out


def document_length_shift(pairs: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str) -> float:
    """How far the translations of one document run from the pair's usual length, in z
    (:func:`aligntext.qa.length.document_shift` of its pairs with both sides)."""
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)
    # A generator: without a story variance (the shipped table) no z is computed.
    return document_shift(length_z(s, t, sl, tl) for s, t in pairs if s.strip() and t.strip())


def check_translations(
    pairs: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str
) -> list[Finding]:
    """:func:`check_translation` on each ``(source, target)`` pair of one document; ``pair``
    is its index. Lengths are judged against the document's own centre (a translator who
    writes the whole text out at more length is not adding to every sentence), trusted the
    more the more pairs the document has (:func:`document_length_shift`).

    Raises:
        InputTypeError: ``pairs`` is not a list of two-string pairs.
        UnsupportedLanguageError: a language none of en, az, ru, tr.
    """
    pairs = as_pairs(pairs)
    shift = document_length_shift(pairs, src_lang, tgt_lang)
    out: list[Finding] = []
    for i, (src, tgt) in enumerate(pairs):
        out.extend(check_translation(src, tgt, src_lang, tgt_lang, pair=i, length_shift=shift))
    return out
