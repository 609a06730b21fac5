"""Comparing two versions: sentence pairs, alignment beads and bitexts, turned into findings.

Where to find a rule:

- what counts as a fact and as "the same fact": :mod:`aligntext.check.facts` (extractors in
  :mod:`~aligntext.check.numbers`, :mod:`~aligntext.check.dates`,
  :mod:`~aligntext.check.entities`; per-language words in :mod:`aligntext.lang`);
- numbers: :mod:`aligntext.check.number_rules`; dates: :mod:`aligntext.check.date_rules`;
- names: :mod:`aligntext.check.names` (a name gone counts when something took its place),
  :mod:`aligntext.check.first_names` (another first name before the same surname);
- untranslated targets and lengths: :mod:`aligntext.check.text_rules`;
- how findings are collected: :mod:`aligntext.check.findings`.

This module runs those rules on each pair and handles what only whole beads and bitexts have
(omissions, additions, low-confidence beads).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aligntext.arguments import as_pairs, require
from aligntext.check.date_rules import compare_dates, compare_weekdays
from aligntext.check.facts import extract_facts, facts_match
from aligntext.check.findings import FindingCollector, Mapper
from aligntext.check.glossary import Glossary, check_glossary
from aligntext.check.model_links import Lexicon, Lexicons, ModelLinks
from aligntext.check.names import compare_names
from aligntext.check.number_rules import compare_numbers
from aligntext.check.place_links import place_links
from aligntext.check.terminology import compare_glossary
from aligntext.check.text_lexicon import BlockLexicons
from aligntext.check.text_rules import compare_language, compare_length
from aligntext.check.weekdays import extract_weekdays
from aligntext.check.word_links import word_links
from aligntext.langs import resolve_lang
from aligntext.types import Alignment, Fact, Finding, Span

if TYPE_CHECKING:
    from aligntext.translate.base import Translator

__all__ = [
    "LOW_CONFIDENCE",
    "check_alignment",
    "check_pairs",
    "compare_sentences",
    "extract_facts",
    "facts_match",
]

#: Beads whose confidence is below this get an ``alignment`` warning.
LOW_CONFIDENCE = 0.5


def _compare(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    pair: int,
    glossary: Glossary | None,
    smap: Mapper,
    tmap: Mapper,
    lexicon: Lexicon | None = None,
) -> list[Finding]:
    # Words news translates the same way everywhere and the built-in city exonyms explain
    # what neither spelling nor the text's lexicon does (a text too short to teach it).
    shipped = Lexicons(word_links(src_lang, tgt_lang), place_links(src_lang, tgt_lang))
    lexicon = shipped if lexicon is None else Lexicons(lexicon, shipped)
    ctx = FindingCollector(pair, src_lang, tgt_lang, smap, tmap, src, tgt, lexicon)
    if not src.strip() or not tgt.strip():
        return []
    sf = extract_facts(src, src_lang, glossary)
    tf = extract_facts(tgt, tgt_lang, glossary)

    def kind(fs: list[Fact], k: str) -> list[Fact]:
        return [f for f in fs if f.kind == k]

    sn, tn, sd, td = kind(sf, "number"), kind(tf, "number"), kind(sf, "date"), kind(tf, "date")
    compare_language(ctx, src, tgt)
    if any(f.type == "untranslated" for f in ctx.out):
        return ctx.out
    compare_dates(ctx, sd, td, sn, tn)
    compare_weekdays(ctx, extract_weekdays(src, src_lang), extract_weekdays(tgt, tgt_lang))
    compare_numbers(ctx, sn, tn, sd, td)
    compare_names(ctx, src, tgt, sf, tf)
    compare_glossary(ctx, sf, tf, glossary)
    compare_length(ctx, src, tgt)
    return ctx.out


def compare_sentences(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    *,
    pair: int = 0,
    glossary: Glossary | None = None,
    lexicon: Lexicon | None = None,
) -> list[Finding]:
    """Compare one source sentence with its translation.

    Args:
        src: the source text.
        tgt: the target text.
        src_lang: the source language.
        tgt_lang: the target language.
        pair: the index stored in each finding's ``pair`` and its spans' ``segment``.
        glossary: a user glossary whose terms count as entities.
        lexicon: what the text the pair belongs to teaches about its translation
            (:class:`~aligntext.check.text_lexicon.TextLexicon`, and with a model
            :class:`~aligntext.check.model_links.ModelLinks`); :func:`check_pairs` and
            :func:`check_alignment` learn one.

    Returns:
        Findings (types ``number``, ``date``, ``entity``, ``untranslated``, ``length``) with
        spans relative to ``src`` and ``tgt``.

    Raises:
        InputTypeError: ``src`` or ``tgt`` is not a string, or a glossary of the wrong kind.
        UnsupportedLanguageError: a language none of en, az, ru, tr.
    """
    require(src, str, "src")
    require(tgt, str, "tgt")
    check_glossary(glossary)
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)
    # Spans are offsets in the composed (NFC) texts, as aligntext reads every document.
    src, tgt = unicodedata.normalize("NFC", src), unicodedata.normalize("NFC", tgt)

    def smap(s: int, e: int) -> Span:
        return Span(pair, s, e, src[s:e])

    def tmap(s: int, e: int) -> Span:
        return Span(pair, s, e, tgt[s:e])

    return _compare(src, tgt, sl, tl, pair, glossary, smap, tmap, lexicon)


def _joined(texts: Sequence[str], indices: Sequence[int]) -> tuple[str, Mapper]:
    bases: list[int] = []
    parts: list[str] = []
    pos = 0
    for t in texts:
        bases.append(pos)
        parts.append(t)
        pos += len(t) + 1
    joined = " ".join(parts)

    def mapper(s: int, e: int) -> Span:
        k = max(i for i, b in enumerate(bases) if b <= s) if bases else 0
        local_s = s - bases[k]
        local_e = min(e - bases[k], len(texts[k]))
        return Span(indices[k], local_s, local_e, texts[k][local_s:local_e])

    return joined, mapper


def check_alignment(
    alignment: Alignment, glossary: Glossary | None = None, *, translator: Translator | None = None
) -> list[Finding]:
    """Check every bead of an alignment; ``pair`` is the bead index.

    Null beads give ``omission`` (source only) and ``addition`` (target only) warnings; a bead
    with confidence below :data:`LOW_CONFIDENCE` an ``alignment`` warning; other beads are
    compared as :func:`compare_sentences` does on their joined sentences, with spans pointing
    at segment indices of each version and offsets inside those segments.

    Args:
        alignment: the alignment, with its segments and languages.
        glossary: a user glossary.
        translator: an MT model from the source into the target language; when given, it
            translates the source's capitalised words, so a word translated (not spelt) in
            the target is no name gone (:mod:`aligntext.check.model_links`).

    Raises:
        InputTypeError: ``alignment`` is no :class:`~aligntext.types.Alignment` (a
            :class:`~aligntext.types.Report` holds its findings already), or a glossary of
            the wrong kind.
    """
    require(alignment, Alignment, "alignment", "a Report's findings are in report.findings")
    check_glossary(glossary)
    sl, tl = resolve_lang(alignment.src_lang), resolve_lang(alignment.tgt_lang)
    src_by_index = {s.index: s for s in alignment.src}
    tgt_by_index = {s.index: s for s in alignment.tgt}
    out: list[Finding] = []
    texts = [
        (
            [src_by_index[i].text for i in bead.src if i in src_by_index],
            [tgt_by_index[i].text for i in bead.tgt if i in tgt_by_index],
        )
        for bead in alignment.beads
    ]
    # The whole document teaches how its words are translated (a name "gone" in one bead
    # may be what every other bead translates it as).
    lexicons = BlockLexicons([(" ".join(s), " ".join(t)) for s, t in texts], sl, tl)
    model = ModelLinks(translator, [" ".join(s) for s, _ in texts], sl, tl) if translator else None
    for n, (bead, (stexts, ttexts)) in enumerate(zip(alignment.beads, texts, strict=True)):
        if not bead.tgt and bead.src:
            spans = tuple(Span(i, 0, len(t), t) for i, t in zip(bead.src, stexts, strict=False))
            preview = _preview(" ".join(stexts))
            out.append(
                Finding(
                    n,
                    "omission",
                    "warning",
                    f"source sentence has no counterpart in target: {preview}",
                    src_spans=spans,
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
            continue
        if not bead.src and bead.tgt:
            spans = tuple(Span(i, 0, len(t), t) for i, t in zip(bead.tgt, ttexts, strict=False))
            preview = _preview(" ".join(ttexts))
            out.append(
                Finding(
                    n,
                    "addition",
                    "warning",
                    f"target sentence has no counterpart in source: {preview}",
                    tgt_spans=spans,
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
            continue
        if bead.confidence < LOW_CONFIDENCE:
            out.append(
                Finding(
                    n,
                    "alignment",
                    "warning",
                    f"uncertain alignment ({bead.kind} bead, confidence {bead.confidence:.2f}); "
                    "check that these sentences correspond",
                    src_spans=tuple(
                        Span(i, 0, len(t), t) for i, t in zip(bead.src, stexts, strict=False)
                    ),
                    tgt_spans=tuple(
                        Span(i, 0, len(t), t) for i, t in zip(bead.tgt, ttexts, strict=False)
                    ),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        src, smap = _joined(stexts, bead.src)
        tgt, tmap = _joined(ttexts, bead.tgt)
        lexicon = _lexicon(lexicons, model, n)
        out.extend(_compare(src, tgt, sl, tl, n, glossary, smap, tmap, lexicon))
    return out


def _lexicon(lexicons: BlockLexicons, model: ModelLinks | None, k: int) -> Lexicon:
    """What pair ``k`` is checked with: the text's own lexicon, and the model's links."""
    own = lexicons.for_pair(k)
    return own if model is None else Lexicons(own, model.for_pair(k))


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'


def check_pairs(
    pairs: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    glossary: Glossary | None = None,
    *,
    translator: Translator | None = None,
) -> list[Finding]:
    """Check a bitext: each ``(source, target)`` pair compared; ``pair`` is its index.

    An empty target for a non-empty source is an ``omission``; the reverse an ``addition``.

    Args:
        pairs: the sentence (or TU) pairs, in order.
        src_lang: the source language.
        tgt_lang: the target language.
        glossary: a user glossary.
        translator: an MT model from the source into the target language (see
            :func:`check_alignment`).

    Raises:
        InputTypeError: ``pairs`` is not a list of two-string pairs, or a glossary of the
            wrong kind.
    """
    pairs = as_pairs(pairs)
    check_glossary(glossary)
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)
    out: list[Finding] = []
    # The bitext teaches how its words are translated (see check_alignment).
    lexicons = BlockLexicons(pairs, sl, tl)
    model = ModelLinks(translator, [s for s, _ in pairs], sl, tl) if translator else None
    for i, (src, tgt) in enumerate(pairs):
        if src.strip() and not tgt.strip():
            out.append(
                Finding(
                    i,
                    "omission",
                    "warning",
                    f"source has no translation: {_preview(src)}",
                    src_spans=(Span(i, 0, len(src), src),),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        elif tgt.strip() and not src.strip():
            out.append(
                Finding(
                    i,
                    "addition",
                    "warning",
                    f"target has no source: {_preview(tgt)}",
                    tgt_spans=(Span(i, 0, len(tgt), tgt),),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        else:
            lexicon = _lexicon(lexicons, model, i)
            out.extend(
                compare_sentences(src, tgt, sl, tl, pair=i, glossary=glossary, lexicon=lexicon)
            )
    return out
