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
from aligntext.qa.text import content_length, ends_sentence, split_sentences

# A trailing extra sentence counts as added when the whole target's z-score is at least
# this and the sentence has facts (numbers, names) that match nothing in the source ...
Z_EXTRA_FACTS = 0.0
# ... at least this when it has no facts at all ...
Z_EXTRA = 0.75
# ... and at least this when all its facts are the source's (a translator who split a long
# sentence in two: the second half names what the source names).
Z_EXTRA_MATCHED = 2.0
# Leaving the extra sentence out must lower the z-score by this much ...
Z_GAIN = 0.5
# ... to one in this range: the rest reads as a whole translation, not half of one (a
# translator who split the sentence leaves a rest far too short).
Z_REST = (-2.5, 3.0)
# A source without a final mark (a heading) whose target ends as a sentence does, this
# much longer than usual: a sentence was run on after the heading.
Z_RUN_ON = 2.5
# A target this long for its source, with facts of its own, has added content.
Z_FACTS = 3.0


@dataclass(frozen=True)
class AdditionHit:
    """What :func:`find_addition` found: message, severity and the added character span."""

    message: str
    severity: str
    start: int = 0
    end: int = 0


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


def find_extra_sentence(
    src: str, tgt: str, src_lang: str, tgt_lang: str, z: float
) -> AdditionHit | None:
    """Trailing target sentences the source has no room for, or ``None``."""
    if z < min(Z_EXTRA, Z_EXTRA_FACTS, Z_RUN_ON):
        return None
    tgt_sents = split_sentences(tgt, tgt_lang)
    extra = len(tgt_sents) - len(split_sentences(src, src_lang))
    model = pair_model(src_lang, tgt_lang)
    ls = content_length(src)
    for k in range(1, extra + 1):
        z_rest = model.z(ls, content_length(" ".join(tgt_sents[:-k])))
        if not (Z_REST[0] <= z_rest <= Z_REST[1] and z - z_rest >= Z_GAIN):
            continue
        added = " ".join(tgt_sents[-k:])
        n_facts, new = _facts(added, tgt_lang, src, src_lang)
        need = Z_EXTRA_FACTS if new else Z_EXTRA_MATCHED if n_facts else Z_EXTRA
        if z >= need:
            start = max(tgt.find(tgt_sents[-k]), 0)
            plural = "s" if k > 1 else ""
            why = f" (with {', '.join(new)})" if new else ""
            return AdditionHit(
                f"target ends with {k} sentence{plural} the source has no room for{why}: "
                f"{_preview(added)}",
                "error" if new or z >= 2 * Z_EXTRA else "warning",
                start,
                len(tgt.rstrip()),
            )
    if not ends_sentence(src) and ends_sentence(tgt) and z >= Z_RUN_ON:
        return AdditionHit(
            "the source has no final mark (a heading?) but the target ends as a sentence and "
            f"is longer than usual (z {z:+.1f}): a sentence may have been run on",
            "warning",
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
