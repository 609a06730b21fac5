"""``truncated``: a translation that stops before its source does.

A model that hits its length limit, or ends the sentence too early (which long inputs
provoke), leaves output that does not end as a sentence does, or ends as one but is far
shorter than the source asks for. The first is read off the last mark: the source ends with
a full stop (or ``!``, ``?``, ``:`` ...) and the target does not. Only the shorter such
targets count: a translator may drop a final mark or end on a quote, at normal length.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from aligntext.qa.text import ends_sentence, last_mark, words

#: The data file of final-word counts, under ``aligntext/data``.
DATA_FILE = "mt-qa-endings.tsv"
# Pseudo-count pulling a word's final share towards the language's overall share.
_PRIOR = 2.0
# A word must have been seen this often for its final share to count.
_MIN_SEEN = 10

# A target with no final mark, for a source with one, counts as cut off when its length
# z-score is below this ...
Z_NO_MARK = -0.25
# ... and is an error below this.
Z_NO_MARK_ERROR = -1.0
# A target that ends on a comma, a dash, an opening quote: cut mid-clause.
_DANGLING = ",;-–—(«“„"
# A target ending on a word that rarely ends a sentence (an ending score below this) ...
END_RARE = -1.5
# ... and not longer than usual (z below this) is cut off.
Z_END_RARE = 1.0
# A target far shorter than usual (z below this), whose last word is no typical last
# word (score below END_TYPICAL), is cut off even when the source is a heading.
Z_SHORT = -2.5
END_TYPICAL = 0.5
#: The data file of final-word counts, under ``aligntext/data``.
DATA_FILE = "mt-qa-endings.tsv"
# Pseudo-count pulling a word's final share towards the language's overall share.
_PRIOR = 2.0
# A word must have been seen this often for its final share to count.
_MIN_SEEN = 10


@dataclass(frozen=True)
class Endings:
    """How often each word ends a sentence in one language, against how often it occurs.

    Args:
        final: per word, lines it ended.
        total: per word, its occurrences.
        rate: the share of all words that end a line (about one in twenty).
    """

    final: dict[str, int]
    total: dict[str, int]
    rate: float

    def score(self, word: str) -> float:
        """Log of how much likelier than an average word ``word`` is to end a sentence;
        0 for a word seen fewer than ``_MIN_SEEN`` times. Below -1.5 a sentence rarely ends
        so: a preposition, a conjunction, an article.

        Only whole words that are frequent enough to judge count: a rare word's share, or a
        shared ending's, says more about the few sentences counted than about the language
        (held-out lines showed it).
        """
        n = self.total.get(word, 0)
        if n < _MIN_SEEN:
            return 0.0
        share = (self.final.get(word, 0) + _PRIOR * self.rate) / (n + _PRIOR)
        return math.log(share / self.rate)


def count_endings(lines: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Final and total counts of words over ``lines`` (one sentence a line)."""
    final: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in lines:
        ws = words(line)
        total.update(ws)
        if ws:
            final[ws[-1]] += 1
    return final, total


def read_endings(text: str) -> dict[str, Endings]:
    """Parse the TSV the learning script writes: ``lang word final total`` (``#`` comments;
    a ``*`` word holds the language's line and word totals)."""
    rows: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lang, word, final, total = line.split("\t")
        fin, tot = rows.setdefault(lang, ({}, {}))
        fin[word], tot[word] = int(final), int(total)
    out: dict[str, Endings] = {}
    for lang, (fin, tot) in rows.items():
        lines_, words_ = fin.pop("*", 1), tot.pop("*", 20)
        out[lang] = Endings(fin, tot, lines_ / max(words_, 1))
    return out


_lock = threading.Lock()
_endings: dict[str, Endings] | None = None


def endings(lang: str) -> Endings | None:
    """The shipped final-word counts of ``lang`` (``None`` for a language without data)."""
    global _endings
    if _endings is None:
        with _lock:
            if _endings is None:
                text = resources.files("aligntext").joinpath(f"data/{DATA_FILE}").read_text("utf-8")
                _endings = read_endings(text)
    return _endings.get(lang)


def ending_score(text: str, lang: str) -> float:
    """:meth:`Endings.score` of the last word of ``text`` in ``lang`` (0 without one)."""
    ws = words(text)
    model = endings(lang)
    return model.score(ws[-1]) if ws and model is not None else 0.0


@dataclass(frozen=True)
class TruncationHit:
    """A cut-off target: message and severity."""

    message: str
    severity: str


def find_truncation(src: str, tgt: str, tgt_lang: str, z: float) -> TruncationHit | None:
    """Whether ``tgt`` looks cut off, given the length z-score ``z`` of the pair."""
    if not tgt.strip() or ends_sentence(tgt):
        return None
    mark, src_mark = last_mark(tgt), last_mark(src)
    if mark in _DANGLING and src_mark not in _DANGLING:
        return TruncationHit(f'target stops mid-clause, on "{mark}"', "error")
    if ends_sentence(src) and z < Z_NO_MARK:
        return TruncationHit(
            f'target stops mid-sentence: the source ends with "{src_mark}", the target with '
            f'"{mark}" and is shorter than usual (z {z:+.1f})',
            "error" if z < Z_NO_MARK_ERROR else "warning",
        )
    score = ending_score(tgt, tgt_lang)
    last = tgt.split()[-1] if tgt.split() else ""
    if score < END_RARE and z < Z_END_RARE:
        return TruncationHit(
            f'target stops on "{last}", a word that seldom ends a sentence', "error"
        )
    if z < Z_SHORT and score < END_TYPICAL:
        return TruncationHit(
            f'target stops on "{last}" and is much shorter than usual (z {z:+.1f})', "warning"
        )
    return None
