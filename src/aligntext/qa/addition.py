"""``addition``: a translation that says more than its source: a sentence or facts of its own.

The signs of added content, which the learnt decision (:mod:`aligntext.qa.decide`) weighs
with the length model (:mod:`aligntext.qa.length`):

* a target with more sentences than its source, too long for it, whose length becomes
  ordinary once its last sentences are left out: those sentences came from elsewhere (a
  hallucinated continuation, text from a neighbouring segment);
* numbers, dates or names in the target with no counterpart in the source, by the fact
  checker's own extraction and matching (:func:`aligntext.check.compare_sentences`), in a
  target longer than usual (and, for a cut-off target, the source's facts it lacks). The
  checker reports a lone unmatched fact itself; here it only counts with the length;
* trailing sentences that share no name or loanword with the source (:func:`kin_share`): a
  translator who splits a long sentence in two keeps its names in both halves, a sentence
  from another story has its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aligntext.qa.length import PairLength, pair_model
from aligntext.qa.text import content_length, split_sentences, words

# Leaving trailing sentences out must give a rest whose z-score is in this range: it reads as
# a whole translation, not half of one (a translator who split the sentence leaves a rest far
# too short).
Z_REST = (-2.5, 3.0)


@dataclass(frozen=True)
class Tail:
    """Trailing target sentences the source may have no room for.

    Args:
        k: how many sentences.
        start: where they start in the target.
        gain: how much the length z-score drops when they are left out.
        n_facts: facts (numbers, names) in them.
        new: those facts that match nothing in the source.
        shared: the share of their long words kin to a source word (:func:`kin_share`).
    """

    k: int
    start: int
    gain: float
    n_facts: int
    new: tuple[str, ...]
    shared: float


# A word of the tail and one of the source are kin when their cross-script keys begin alike:
# a translator who splits a sentence keeps its names and loanwords in both halves, a sentence
# from elsewhere shares none.
_KIN_LETTERS = 4
_LONG_WORD = 5


def kin_share(tail: str, tail_lang: str, src: str, src_lang: str) -> float:
    """The share of ``tail``'s long words whose cross-script key begins as one of ``src``'s
    words' does (1.0 when the tail has no long word)."""
    from aligntext.check.translit import translit_key

    mine = [w for w in words(tail) if len(w) >= _LONG_WORD and not w.isdigit()]
    if not mine:
        return 1.0
    theirs = {
        translit_key(w, src_lang)[:_KIN_LETTERS] for w in words(src) if len(w) >= _LONG_WORD - 1
    }
    hits = sum(translit_key(w, tail_lang)[:_KIN_LETTERS] in theirs for w in mine)
    return hits / len(mine)


def _facts(text: str, lang: str, src: str, src_lang: str) -> tuple[int, list[str]]:
    """How many facts ``text`` has, and those that match no fact of ``src``."""
    from aligntext.check import extract_facts, facts_match

    # Number words ("bir", "one", "first") say nothing of where a sentence came from.
    mine = [
        f
        for f in extract_facts(text, lang)
        if not (f.kind == "number" and {"weak", "word"} & f.tags)
    ]
    if not mine:
        return 0, []
    theirs = extract_facts(src, src_lang)
    return len(mine), [f.text for f in mine if not any(facts_match(f, g) for g in theirs)]


def extra_tail(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    z: float,
    table: Mapping[tuple[str, str], PairLength] | None = None,
    shift: float = 0.0,
) -> Tail | None:
    """The trailing target sentences (beyond the source's count) whose leaving out brings the
    length most back to ordinary, or ``None`` when there are none or it does not (lengths by
    ``table``, the shipped one by default; z-scores less the document's ``shift``, as ``z``)."""
    tgt_sents = split_sentences(tgt, tgt_lang)
    extra = len(tgt_sents) - len(split_sentences(src, src_lang))
    if extra < 1:
        return None
    model = pair_model(src_lang, tgt_lang, table)
    ls = content_length(src)
    best: tuple[float, int] | None = None
    for k in range(1, extra + 1):
        z_rest = model.z(ls, content_length(" ".join(tgt_sents[:-k]))) - shift
        gain = z - z_rest
        if Z_REST[0] <= z_rest <= Z_REST[1] and gain > 0 and (best is None or gain > best[0]):
            best = (gain, k)
    if best is None:
        return None
    gain, k = best
    tail = " ".join(tgt_sents[-k:])
    n_facts, new = _facts(tail, tgt_lang, src, src_lang)
    start = max(tgt.find(tgt_sents[-k]), 0)
    shared = kin_share(tail, tgt_lang, src, src_lang)
    return Tail(k, start, gain, n_facts, tuple(dict.fromkeys(new)), shared)


def unmatched_facts(
    src: str, tgt: str, src_lang: str, tgt_lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Facts (numbers, dates, names) of the source with no counterpart in the target (what a
    cut may have dropped), and of the target with none in the source (what was added), by
    the fact checker's own extraction and matching."""
    from aligntext.check import compare_sentences

    found = [f for f in compare_sentences(src, tgt, src_lang, tgt_lang) if f.severity != "info"]
    missing = [s.text for f in found if f.src_spans and not f.tgt_spans for s in f.src_spans]
    added = [s.text for f in found if f.tgt_spans and not f.src_spans for s in f.tgt_spans]
    return tuple(dict.fromkeys(missing)), tuple(dict.fromkeys(added))


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
