"""Cutting suffixes off a word: the stems under an inflected or compound form.

Shared by the name extractor (:mod:`aligntext.check.entities`) and the dictionaries
(:mod:`aligntext.check.lexicon`), so that neither imports the other for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def cut_endings(
    word: str,
    endings: Sequence[str],
    depth: int,
    min_len: int,
    fits: Callable[[str, str], bool] | None = None,
) -> set[str]:
    """``word`` and what is left of it after cutting up to ``depth`` endings in a row.

    Every stem keeps at least ``min_len`` letters; ``fits(stem, ending)``, when given, must
    allow each cut.
    """
    stems = {word}
    frontier = [word]
    for _ in range(depth):
        found = []
        for w in frontier:
            for m in endings:
                if w.endswith(m) and len(w) - len(m) >= min_len:
                    stem = w[: -len(m)]
                    if stem not in stems and (fits is None or fits(stem, m)):
                        stems.add(stem)
                        found.append(stem)
        frontier = found
    return stems
