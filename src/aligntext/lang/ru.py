"""Russian: noun case endings and the adjectives made from place names, for name matching.

A Russian name takes a case ending (``Кура``, ``Куры``, ``Куре``, ``Курой``) and a place
makes an adjective (``Габала`` -> ``Габалинский район``). :func:`base_forms` undoes both, so
the name meets its spelling in another text; the transliteration keys only strip an ending
from a stem of four letters or more, which leaves short names (``Кура``) unmatched.
"""

from __future__ import annotations

from functools import lru_cache

#: Case endings of nouns, singular and plural, longest first. (The genitive plural ``-ов``
#: is left out: it is how Russian surnames end in the nominative, ``Мамедов``.)
NOUN_ENDINGS: tuple[str, ...] = (
    *("ами", "ями"),
    *("ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ах", "ях"),
    *("а", "я", "у", "ю", "е", "ы", "и", "ь"),
)

#: Endings of adjectives (``Габалинский``, ``Габалинского``, ``Габалинском``), longest first.
ADJECTIVE_ENDINGS: tuple[str, ...] = (
    *("ого", "его", "ому", "ему", "ыми", "ими"),
    *("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю"),
    *("ом", "ем", "ей"),
)

#: What joins a place name to its adjective's ending, longest first: ``Габал-инск-ий``,
#: ``Москв-ов-ск-ий`` (``московский``), ``Кельбаджар-ск-ий``.
PLACE_ADJECTIVE_SUFFIXES: tuple[str, ...] = ("инск", "енск", "овск", "евск", "ск")

# A stem shorter than this is too little of a name to meet another by.
_MIN_STEM = 3


@lru_cache(maxsize=65536)
def base_forms(word: str) -> tuple[str, ...]:
    """Nominative forms a Russian name may have, from an inflected or adjectival form.

    ``Куры`` and ``Куре`` give ``кур`` and ``кура``; ``Габалинский`` gives ``габал`` and
    ``габала``. The word itself is not among them; a word with no ending gives nothing.

    Args:
        word: one Russian word, any case.
    """
    w = word.lower().replace("ё", "е")
    for end in ADJECTIVE_ENDINGS:
        if w.endswith(end):
            stem = w[: -len(end)]
            for suffix in PLACE_ADJECTIVE_SUFFIXES:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
                    base = stem[: -len(suffix)]
                    return (base, base + "а")  # an adjective: no noun ending to cut
            break
    for end in NOUN_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= _MIN_STEM:
            stem = w[: -len(end)]
            return (stem,) if end == "а" else (stem, stem + "а")
    return ()
