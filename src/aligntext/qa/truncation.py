"""``truncated``: a translation that stops before its source does.

A model that hits its length limit, or ends the sentence too early (which long inputs
provoke), leaves output that does not end as a sentence does, or ends as one but is far
shorter than the source asks for. The first is read off the last mark: the source ends with
a full stop (or ``!``, ``?``, ``:`` ...) and the target does not; and off the last word: one
that seldom ends a sentence (``the``, ``и``, ``və``). This module holds the final-word model;
the learnt decision (:mod:`aligntext.qa.decide`) weighs these signs with the length, since a
translator may drop a final mark or end on a quote, at normal length.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from aligntext.qa.shipped import Shipped
from aligntext.qa.text import words

#: The data file of final-word counts, under ``aligntext/data``.
DATA_FILE = "mt-qa-endings.tsv"
# Pseudo-count pulling a word's final share towards the language's overall share.
_PRIOR = 2.0
# A word must have been seen this often for its final share to count.
_MIN_SEEN = 10
#: Letters of a word's end that :meth:`Endings.suffix_score` reads (a case or verb ending
#: in az, tr and ru: "-ını", "-дил", "-ого"), and how often such an ending must have been
#: seen: a suffix shared by many words says something of the language, one seen a few
#: times only of the sentences counted.
SUFFIX = 3
MIN_SUFFIX_SEEN = 30
#: Letters of a word's end that :meth:`Endings.short_suffix_score` reads, where neither the
#: word nor its :data:`SUFFIX` letters were seen often enough to judge (a third of the words
#: a cut target stops on): two letters are shared by many more words ("-ın", "-ов", "-ed").
SHORT_SUFFIX = 2
#: Marks a target may stop on only when cut mid-clause: a comma, a dash, an opening quote.
DANGLING = ",;-–—(«“„"


@dataclass(frozen=True)
class Endings:
    """How often each word ends a sentence in one language, against how often it occurs.

    Args:
        final: per word, lines it ended.
        total: per word, its occurrences.
        rate: the share of all words that end a line (about one in twenty).
        suffix_final: per word ending (its last :data:`SUFFIX` letters), lines it ended.
        suffix_total: per word ending, its occurrences.
        short_final: per short word ending (its last :data:`SHORT_SUFFIX` letters), lines it
            ended.
        short_total: per short word ending, its occurrences.
    """

    final: dict[str, int]
    total: dict[str, int]
    rate: float
    suffix_final: dict[str, int] = field(default_factory=dict)
    suffix_total: dict[str, int] = field(default_factory=dict)
    short_final: dict[str, int] = field(default_factory=dict)
    short_total: dict[str, int] = field(default_factory=dict)

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

    def suffix_score(self, word: str) -> float:
        """The same score for the word's ending (last :data:`SUFFIX` letters), 0 for one seen
        fewer than :data:`MIN_SUFFIX_SEEN` times. It reaches the many words too rare for
        :meth:`score`: a cut Turkish or Russian sentence stops on a case-marked noun
        ("şəhərin", "министерства") whose ending seldom closes one."""
        return self._share(self.suffix_final, self.suffix_total, word[-SUFFIX:])

    def short_suffix_score(self, word: str) -> float:
        """The same score for the word's last :data:`SHORT_SUFFIX` letters (0 for an ending
        seen fewer than :data:`MIN_SUFFIX_SEEN` times)."""
        return self._share(self.short_final, self.short_total, word[-SHORT_SUFFIX:])

    def backoff_score(self, word: str) -> float:
        """The most specific score there is for ``word``: :meth:`score`, else
        :meth:`suffix_score`, else :meth:`short_suffix_score` (0 when none has a say)."""
        return self.score(word) or self.suffix_score(word) or self.short_suffix_score(word)

    def _share(self, final: dict[str, int], total: dict[str, int], end: str) -> float:
        n = total.get(end, 0)
        if n < MIN_SUFFIX_SEEN:
            return 0.0
        share = (final.get(end, 0) + _PRIOR * self.rate) / (n + _PRIOR)
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


def count_suffixes(
    lines: Iterable[str], letters: int = SUFFIX
) -> tuple[Counter[str], Counter[str]]:
    """Final and total counts of word endings (last ``letters`` letters) over ``lines``."""
    final: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in lines:
        ws = words(line)
        total.update(w[-letters:] for w in ws)
        if ws:
            final[ws[-1][-letters:]] += 1
    return final, total


def read_endings(text: str) -> dict[str, Endings]:
    """Parse the TSV the learning script writes: ``lang word final total`` (``#`` comments;
    a ``*`` word holds the language's line and word totals, a word written ``-end`` is a word
    ending, one written ``=en`` a short one (:data:`SHORT_SUFFIX`): no word starts with a
    hyphen, nor any ending with ``=``)."""
    rows: dict[str, tuple[dict[str, int], ...]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lang, word, final, total = line.split("\t")
        fin, tot, sfin, stot, hfin, htot = rows.setdefault(lang, ({}, {}, {}, {}, {}, {}))
        if word.startswith("=") and len(word) > 1:
            hfin[word[1:]], htot[word[1:]] = int(final), int(total)
        elif word.startswith("-") and len(word) > 1:
            sfin[word[1:]], stot[word[1:]] = int(final), int(total)
        else:
            fin[word], tot[word] = int(final), int(total)
    out: dict[str, Endings] = {}
    for lang, (fin, tot, sfin, stot, hfin, htot) in rows.items():
        lines_, words_ = fin.pop("*", 1), tot.pop("*", 20)
        out[lang] = Endings(fin, tot, lines_ / max(words_, 1), sfin, stot, hfin, htot)
    return out


_ENDINGS = Shipped(DATA_FILE, read_endings)


def endings(lang: str, table: Mapping[str, Endings] | None = None) -> Endings | None:
    """The final-word counts of ``lang`` in ``table`` (the shipped one by default; ``None``
    for a language without data)."""
    return (_ENDINGS.get() if table is None else table).get(lang)


def _last_word_score(
    text: str,
    lang: str,
    table: Mapping[str, Endings] | None,
    score: Callable[[Endings, str], float],
) -> float:
    ws = words(text)
    model = endings(lang, table)
    return score(model, ws[-1]) if ws and model is not None else 0.0


def ending_score(text: str, lang: str, table: Mapping[str, Endings] | None = None) -> float:
    """:meth:`Endings.score` of the last word of ``text`` in ``lang`` (0 without one), by
    ``table`` (the shipped one by default)."""
    return _last_word_score(text, lang, table, Endings.score)


def suffix_score(text: str, lang: str, table: Mapping[str, Endings] | None = None) -> float:
    """:meth:`Endings.suffix_score` of the last word of ``text`` in ``lang`` (0 without one),
    by ``table`` (the shipped one by default)."""
    return _last_word_score(text, lang, table, Endings.suffix_score)


def backoff_score(text: str, lang: str, table: Mapping[str, Endings] | None = None) -> float:
    """:meth:`Endings.backoff_score` of the last word of ``text`` in ``lang`` (0 without one),
    by ``table`` (the shipped one by default)."""
    return _last_word_score(text, lang, table, Endings.backoff_score)
