"""``addition``: a translation that says more than its source: a sentence or facts of its own.

Two signs, both weighed against the length model (:mod:`aligntext.qa.length`):

* a target with more sentences than its source, too long for it, whose length becomes
  ordinary once its last sentences are left out: those sentences came from elsewhere (a
  hallucinated continuation, text from a neighbouring segment);
* numbers, dates or names in the target with no counterpart in the source, by the fact
  checker's own extraction and matching (:func:`aligntext.check.compare_sentences`), in a
  target longer than usual. The checker reports a lone unmatched fact itself; here it only
  counts when the length says that something was added.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligntext.qa.length import pair_model
from aligntext.qa.text import content_length, split_sentences

# Z-score of the whole target above which a trailing extra sentence is looked at ...
Z_EXTRA = 1.5
# ... and that leaving it out must lower by at least this much ...
Z_GAIN = 1.5
# ... to a z-score at most this (the rest is an ordinary translation).
Z_REST = 1.5
# A target this long for its source, with facts of its own, has added content.
Z_FACTS = 2.0


@dataclass(frozen=True)
class AdditionHit:
    """What :func:`find_addition` found: message, severity and the added character span."""

    message: str
    severity: str
    start: int = 0
    end: int = 0


def find_extra_sentence(
    src: str, tgt: str, src_lang: str, tgt_lang: str, z: float
) -> AdditionHit | None:
    """A trailing target sentence the source has no room for, or ``None``."""
    if z < Z_EXTRA:
        return None
    tgt_sents = split_sentences(tgt)
    extra = len(tgt_sents) - len(split_sentences(src))
    if extra < 1:
        return None
    model = pair_model(src_lang, tgt_lang)
    ls = content_length(src)
    for k in range(1, extra + 1):
        rest = " ".join(tgt_sents[:-k])
        z_rest = model.z(ls, content_length(rest))
        if z_rest <= Z_REST and z - z_rest >= Z_GAIN:
            added = " ".join(tgt_sents[-k:])
            start = tgt.find(tgt_sents[-k])
            return AdditionHit(
                f"target ends with {k} sentence{'s' if k > 1 else ''} the source has no room "
                f"for: {_preview(added)}",
                "error",
                max(start, 0),
                len(tgt.rstrip()),
            )
    return None


def find_added_facts(
    src: str, tgt: str, src_lang: str, tgt_lang: str, z: float
) -> AdditionHit | None:
    """Facts of the target's own in a target longer than usual, or ``None``."""
    if z < Z_FACTS:
        return None
    from aligntext.check import compare_sentences

    added = [
        f
        for f in compare_sentences(src, tgt, src_lang, tgt_lang)
        if f.severity != "info" and not f.src_spans and f.tgt_spans
    ]
    if not added:
        return None
    texts = ", ".join(dict.fromkeys(s.text for f in added for s in f.tgt_spans))
    first = min(s.start for f in added for s in f.tgt_spans)
    last = max(s.end for f in added for s in f.tgt_spans)
    return AdditionHit(
        f"target is longer than usual (z {z:+.1f}) and has facts the source lacks: {texts}",
        "warning",
        first,
        last,
    )


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
