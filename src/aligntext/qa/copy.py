"""``copy``: a translation that is the source again, or is written in the source's language.

Models copy their input through when they meet a language or a register they do not know,
and return the source with a word or two changed. Names and figures are the same in every
language, so a sentence of names alone ("Liverpool 2-1 Chelsea") is no copy however alike
the two sides are: a copy needs ordinary words.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# Ordinary words: lowercase, three letters or more (names and acronyms are capitalised).
_ORDINARY = re.compile(r"(?<![^\W\d_])[a-zа-яёçşğüöıə][^\W\d_]{2,}")
# Similarity (rapidfuzz ratio, 0-100, casefolded) from which the target is the source.
SAME_RATIO = 85.0
#: From this similarity the target is the source's very text (up to case and punctuation).
SAME_TEXT = 99.5
# Fewest ordinary words the target must share with the source to call it a copy.
_MIN_SHARED = 2


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def copied_share(src: str, tgt: str) -> float | None:
    """How alike source and target are (0-100), or ``None`` when the target has too few
    ordinary words shared with the source for a copy to mean anything."""
    shared = {w.casefold() for w in _ORDINARY.findall(tgt)} & {
        w.casefold() for w in _ORDINARY.findall(src)
    }
    if len(shared) < _MIN_SHARED:
        return None
    return float(fuzz.ratio(_norm(src), _norm(tgt)))
