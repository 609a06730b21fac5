"""Sentences longer than a model's positions, cut into pieces that fit and joined again.

Both backends share this: without it a tokenizer drops the end of a long sentence (hf) or
the model fails on it (ct2). A sentence is cut at clause punctuation, else between words,
else between characters; each piece is translated like a sentence and the translations are
joined with a space.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from aligntext.translate.base import ProgressCallback

# Where a long sentence may be cut: after clause punctuation followed by a space.
_CLAUSE_RE = re.compile(r"(?<=[,;:])\s+|\s+(?=[\u2013\u2014-]\s)")

#: Tokens kept free under the model's positions: special tokens and re-tokenisation.
_ROOM = 8


def _pack(units: Sequence[tuple[str, str]], tokens: Callable[[str], int], budget: int) -> list[str]:
    """Join consecutive ``units`` into as few pieces as fit ``budget`` tokens each; a unit is
    ``(text, glue)``, its glue what joins it to the unit before it in the same piece."""
    pieces: list[str] = []
    current = ""
    for unit, glue in units:
        candidate = f"{current}{glue}{unit}" if current else unit
        if current and tokens(candidate) > budget:
            pieces.append(current)
            current = unit
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def split_to_fit(text: str, tokens: Callable[[str], int], positions: int) -> list[str]:
    """``text`` in pieces a model of ``positions`` source positions takes whole.

    Args:
        text: one sentence.
        tokens: the source tokens of a text, without the special tokens.
        positions: the longest token sequence the model takes.

    Returns:
        The pieces, in order; ``[text]`` when it fits.
    """
    # Every token is at least one character, so a short text cannot be too long.
    if not text.strip() or len(text) < positions // 2:
        return [text]
    budget = max(1, positions - _ROOM)
    if tokens(text) <= budget:
        return [text]
    units = [u for u in _CLAUSE_RE.split(text) if u.strip()]
    pieces: list[str] = []
    for unit in units:
        if tokens(unit) <= budget:
            pieces.append(unit)
            continue
        # A clause too long by itself: between words; a word too long by itself (a URL, a
        # run of digits) between characters, its parts joined again without a space.
        words: list[tuple[str, str]] = []
        for word in unit.split(" "):
            if tokens(word) <= budget:
                words.append((word, " "))
                continue
            step = max(1, budget // 4)
            parts = [word[i : i + step] for i in range(0, len(word), step)]
            words.extend((part, " " if i == 0 else "") for i, part in enumerate(parts))
        pieces.extend(_pack(words, tokens, budget))
    return _pack([(piece, " ") for piece in pieces], tokens, budget)


def token_counter(encode: Callable[[list[str]], list[list[Any]]]) -> Callable[[str], int]:
    """The source tokens of a text under ``encode``, less the special tokens every text gets
    (a text the tokenizer cuts counts as the cut length, which is still over the budget)."""

    special: list[int] = []  # the special tokens' count, learnt on first use

    def tokens(text: str) -> int:
        if not special:
            special.append(len(encode([""])[0]))
        return len(encode([text])[0]) - special[0]

    return tokens


class FitsModel:
    """Cuts a sentence too long for the model into pieces it takes whole; mixed into the
    ``hf`` and ``ct2`` translators, which give their tokenizer (``_encode``) and the model's
    longest sequence (``_position_limit``)."""

    def _encode(self, texts: list[str]) -> list[list[Any]]:
        raise NotImplementedError

    def _position_limit(self) -> int:
        raise NotImplementedError

    @functools.cached_property
    def _token_count(self) -> Callable[[str], int]:
        """Source tokens of a text, the special tokens learnt once for the model."""
        return token_counter(self._encode)

    def _fit(self, text: str) -> list[str]:
        """``text`` in pieces the model can take whole (one piece when it fits)."""
        return split_to_fit(text, self._token_count, self._position_limit())


def _scaled(
    progress: ProgressCallback | None, pieces: int, sentences: int
) -> ProgressCallback | None:
    """A progress callback over ``pieces`` that reports in ``sentences``."""
    if progress is None:
        return None
    done = [0, 0]  # pieces finished, sentences reported

    def report(n: int) -> None:
        done[0] += n
        reached = done[0] * sentences // pieces
        if reached > done[1]:
            progress(reached - done[1])
            done[1] = reached

    return report


def translate_in_pieces(
    sentences: Sequence[str],
    progress: ProgressCallback | None,
    *,
    fit: Callable[[str], list[str]],
    run: Callable[[Sequence[str], ProgressCallback | None], list[str]],
) -> list[str]:
    """Translate ``sentences`` with ``run``, each cut by ``fit`` and its pieces joined again.

    Args:
        sentences: the input, in order.
        progress: called with the number of input sentences finished.
        fit: one sentence to its pieces (see :func:`split_to_fit`).
        run: translates texts, same length and order, reporting progress per text.

    Returns:
        One translation per sentence: its pieces' translations joined with a space.
    """
    # a blank sentence needs no model (fit may load one)
    pieces = [fit(s) if s.strip() else [s] for s in sentences]
    if all(len(p) == 1 for p in pieces):
        return run(sentences, progress)
    flat = [piece for group in pieces for piece in group]
    outputs = run(flat, _scaled(progress, len(flat), len(sentences)))
    joined: list[str] = []
    at = 0
    for group in pieces:
        joined.append(" ".join(o for o in outputs[at : at + len(group)] if o))
        at += len(group)
    return joined
