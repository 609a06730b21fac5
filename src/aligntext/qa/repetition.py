"""``repetition``: a translation that loops ("the the the ...") or says a clause twice.

Neural MT falls into loops when decoding goes wrong: the same word or phrase until the length
limit, or a clause written out twice. Both show as a *tandem repeat* of words (a stretch of
words followed at once by copies of itself). Genuine text has short ones ("very, very") and
rarely anything else, and when the source repeats itself the translation may too, so a
repeat counts only when the source has no repeat as long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aligntext.qa.text import word_spans

# Longest repeated unit looked for, in words (a clause of a news sentence fits).
_MAX_UNIT = 16
# A single word must come this many times in a row to be a loop ("no, no, no" is speech).
_MIN_WORD_RUN = 4
# (Unused below _MIN_CLAUSE.) A short unit: this many times in a row.
_MIN_SHORT_RUN = 3
# A unit of at least this many words said twice in a row is a repeated clause (two
# words twice in a row, "по всему, по всему", is a decoding slip, not style).
_MIN_CLAUSE = 2
# Letters looping inside a word or across glued subwords ("lalalalala", "ааааааа").
_CHAR_LOOP = re.compile(r"([^\W\d_]{1,6}?)\1{5,}")
# A long stretch said twice anywhere (not only in a row): a unit of this many words.
_MIN_ECHO = 7


@dataclass(frozen=True)
class Repeat:
    """A tandem repeat: ``unit`` words from word ``start``, said ``times`` times in a row."""

    start: int
    unit: int
    times: int

    @property
    def words(self) -> int:
        """How many words the repeat covers."""
        return self.unit * self.times


def tandem_repeats(tokens: list[str]) -> list[Repeat]:
    """The maximal tandem repeats of ``tokens`` (units up to 16 words, two times or more).

    For each unit length the scan reports the longest run starting at each place it finds
    one, then skips past it.
    """
    out: list[Repeat] = []
    n = len(tokens)
    for unit in range(1, min(_MAX_UNIT, n // 2) + 1):
        i = 0
        while i + 2 * unit <= n:
            times = 1
            while (
                i + (times + 1) * unit <= n
                and tokens[i + times * unit : i + (times + 1) * unit] == tokens[i : i + unit]
            ):
                times += 1
            if times >= 2:
                out.append(Repeat(i, unit, times))
                i += unit * (times - 1) + 1
            else:
                i += 1
    return out


def _is_loop(r: Repeat) -> bool:
    if r.unit == 1:
        return r.times >= _MIN_WORD_RUN
    if r.unit < _MIN_CLAUSE:
        return r.times >= _MIN_SHORT_RUN
    return r.times >= 2


def _echo(tokens: list[str]) -> tuple[int, int] | None:
    """A stretch of ``_MIN_ECHO`` words said twice, apart: the word offsets of both copies."""
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens) - _MIN_ECHO + 1):
        gram = tuple(tokens[i : i + _MIN_ECHO])
        first = seen.get(gram)
        if first is not None and i - first >= _MIN_ECHO:
            return first, i
        seen.setdefault(gram, i)
    return None


@dataclass(frozen=True)
class RepetitionHit:
    """What :func:`find_repetition` found: a message, severity and the character span."""

    message: str
    severity: str
    start: int
    end: int


def _worst(
    tokens: list[str], text: str = "", spans: list[tuple[int, int]] | None = None
) -> Repeat | None:
    loops = [r for r in tandem_repeats(tokens) if _is_loop(r)]
    if spans is not None:
        loops = [r for r in loops if not _exclaimed(r, text, spans)]
    return max(loops, key=lambda r: (r.words, r.times), default=None)


def _exclaimed(r: Repeat, text: str, spans: list[tuple[int, int]]) -> bool:
    """A short phrase exclaimed or asked twice ("Help me! Help me!"): speech, not a loop."""
    if r.times != 2 or r.unit > 3:
        return False
    between = text[spans[r.start + r.unit - 1][1] : spans[r.start + r.unit][0]]
    return any(mark in between for mark in "!?")


def find_repetition(src: str, tgt: str) -> RepetitionHit | None:
    """The worst repetition of ``tgt`` that ``src`` does not have, or ``None``.

    A loop (a word four times, a short phrase three times, a clause twice, all in a row) is
    an error; a long stretch said twice further apart is a warning; letters looping inside a
    word are an error.
    """
    spans = word_spans(tgt)
    tokens = [tgt[s:e].casefold() for s, e in spans]
    src_tokens = [w.casefold() for w in re.findall(r"[^\W_]+", src)]
    worst = _worst(tokens, tgt, spans)
    if worst is not None:
        mine = _worst(src_tokens)
        # The source repeats itself as much (a slogan, a chant): a faithful translation.
        if mine is None or mine.times < worst.times:
            start = spans[worst.start][0]
            end = spans[worst.start + worst.words - 1][1]
            unit = tgt[spans[worst.start][0] : spans[worst.start + worst.unit - 1][1]]
            # Words as a reader counts them: "12,5" is one word, two tokens.
            n = len(unit.split())
            what = "word" if n <= 1 else f"{n}-word phrase"
            return RepetitionHit(
                f"target repeats the {what} {_quote(unit)} {worst.times} times in a row",
                "error",
                start,
                end,
            )
    m = _CHAR_LOOP.search(tgt)
    if m is not None and not _CHAR_LOOP.search(src):
        return RepetitionHit(
            f"target loops on the letters {_quote(m.group(1))} ({_quote(m.group(0))})",
            "error",
            m.start(),
            m.end(),
        )
    echo = _echo(tokens)
    if echo is not None and _echo(src_tokens) is None:
        first, second = echo
        start, end = spans[second][0], spans[second + _MIN_ECHO - 1][1]
        return RepetitionHit(
            f"target says {_quote(tgt[start:end])} twice",
            "warning",
            spans[first][0],
            end,
        )
    return None


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
