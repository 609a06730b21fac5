"""A learned "same name" test across scripts: weighted edit distance trained on parallel news.

The hand-made key of :mod:`aligntext.check.translit` folds spellings by rules; this model
learns instead how names are actually written across en / az / ru / tr. Names are compared
in a plain letter transliteration (:func:`plain_form`: ``Хьюз`` -> ``khiuz``, ``Gəncə`` ->
``gence``), and each edit (a letter for a letter, one dropped or added) has a cost learned by
Viterbi EM in the manner of Ristad and Yianilos's stochastic edit distance, from name pairs
mined out of aligned sentences (``scripts/learn_names.py``, which writes the table
``aligntext/data/name_edits.tsv``). A pair's score is how much cheaper the learned alignment
makes the two spellings than writing both out letter by letter (a log-likelihood ratio per
letter): transcriptions score high (``Oxford`` / ``Оксфорде`` 1.0, ``Kavanaugh`` /
``Кавано`` 0.78, both over the shipped threshold of 0.51), different names low (``Beaumont``
/ ``Кельна`` -1.3). English spellings far from their sound score lower (``Hughes`` /
``Хьюз`` -0.1, ``Beaumont`` / ``Бомон`` 0.06), still above another name (``Hughes`` /
``Гасанов`` -0.4); the hand-made key joins ``Beaumont`` / ``Бомон``, not ``Hughes`` /
``Хьюз`` (which a text that repeats the name joins by its lexicon, or a model by
``--mt-model``).

The matcher is used alongside the key (either one joins two words); it only ever makes the
checker quieter, so a weak table costs recall, never precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from aligntext.check.translit import lower

#: The empty letter of an insertion or deletion in the table.
EPS = "-"
#: Up to four letters a word may carry past the name on either side (a case ending or
#: possessive: "Uillobinin", "Кельбаджара") cost their null-model cost plus this each.
TAIL_COST = 0.5
_APOSTROPHES = "'’`ʼ‘"


@dataclass(frozen=True)
class EditModel:
    """Edit costs (negative log probabilities) and letter costs of the null model.

    Args:
        sub: cost of writing letter ``a`` as ``b`` (``(a, a)`` too), by ``(a, b)``.
        dele: cost of dropping ``a``.
        ins: cost of adding ``b``.
        unigram: cost of a letter under the null model (both words written independently).
        threshold: the score at or above which two words are one name (chosen by the
            learning script for high precision on held-out pairs).
        default: cost of an edit the table never saw.
    """

    sub: dict[tuple[str, str], float]
    dele: dict[str, float]
    ins: dict[str, float]
    unigram: dict[str, float]
    threshold: float
    default: float = 12.0

    def cost(self, a: str, b: str) -> float:
        """Cost of the cheapest alignment of ``a`` and ``b``, a short tail of either left over
        (Viterbi over the edit lattice)."""
        n, m = len(a), len(b)
        inf = math.inf
        sub, dele, ins, d = self.sub, self.dele, self.ins, self.default
        prev = [0.0] * (m + 1)
        for j in range(1, m + 1):
            prev[j] = prev[j - 1] + ins.get(b[j - 1], d)
        rows = [prev]
        for i in range(1, n + 1):
            cur = [inf] * (m + 1)
            ca = a[i - 1]
            cur[0] = prev[0] + dele.get(ca, d)
            for j in range(1, m + 1):
                cb = b[j - 1]
                cur[j] = min(
                    prev[j - 1] + sub.get((ca, cb), d),
                    prev[j] + dele.get(ca, d),
                    cur[j - 1] + ins.get(cb, d),
                )
            rows.append(cur)
            prev = cur
        ends_a = [(i, self.tail(a[i:])) for i in range(min(max(3, n - 4), n), n + 1)]
        ends_b = [(j, self.tail(b[j:])) for j in range(min(max(3, m - 4), m), m + 1)]
        return min(rows[i][j] + ta + tb for i, ta in ends_a for j, tb in ends_b)

    def tail(self, rest: str) -> float:
        """Cost of letters left over past the name: written as by the null model, plus
        :data:`TAIL_COST` each, so that an ending never makes two words more alike."""
        return sum(self.unigram.get(c, self.default) + TAIL_COST for c in rest)

    def null_cost(self, a: str) -> float:
        """Cost of writing ``a`` letter by letter under the null model."""
        return sum(self.unigram.get(c, self.default) for c in a)

    def score(self, a: str, b: str) -> float:
        """Log-likelihood ratio per letter of "one name" against "two words"."""
        if len(a) < 3 or len(b) < 3:
            return -math.inf
        gain = self.null_cost(a) + self.null_cost(b) - self.cost(a, b)
        return gain / (len(a) + len(b))


@lru_cache(maxsize=65536)
def plain_form(word: str, lang: str) -> str:
    """A word as plain lowercase Latin letters, an apostrophe suffix cut (``Köln'e`` ->
    ``koln``, ``Хьюз`` -> ``khiuz``): no hand-made spelling rules, the model learns those."""
    for ch in _APOSTROPHES:
        if ch in word:
            head = word.split(ch, 1)[0]
            if len(head) >= 2:
                word = head
                break
    return "".join(c for c in anyascii(lower(word, lang)).lower() if c.isalpha())


def parse_table(text: str) -> EditModel:
    """Read a table written by ``scripts/learn_names.py``.

    Lines: ``# threshold<TAB>value``, then ``a<TAB>b<TAB>cost`` for edits (``-`` for the empty
    letter) and ``unigram<TAB>a<TAB>cost`` for the null model.
    """
    sub: dict[tuple[str, str], float] = {}
    dele: dict[str, float] = {}
    ins: dict[str, float] = {}
    unigram: dict[str, float] = {}
    threshold = math.inf
    default = 12.0
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if parts[0] == "# threshold":
            threshold = float(parts[1])
        elif parts[0] == "# default":
            default = float(parts[1])
        elif line.startswith("#"):
            continue
        elif parts[0] == "unigram":
            unigram[parts[1]] = float(parts[2])
        elif parts[0] == EPS:
            ins[parts[1]] = float(parts[2])
        elif parts[1] == EPS:
            dele[parts[0]] = float(parts[2])
        else:
            sub[(parts[0], parts[1])] = float(parts[2])
    return EditModel(sub, dele, ins, unigram, threshold, default)


@lru_cache(maxsize=1)
def default_model() -> EditModel | None:
    """The shipped table, or ``None`` when the package has none (the key alone then works)."""
    try:
        path = resources.files("aligntext").joinpath("data/name_edits.tsv")
        text = path.read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return parse_table(text)


@lru_cache(maxsize=65536)
def _score(a: str, b: str) -> float:
    model = default_model()
    if model is None:
        return -math.inf
    return model.score(a, b)


def name_similarity(a: str, lang_a: str, b: str, lang_b: str) -> float:
    """The learned score of two words being one name (higher is more alike).

    The table is learned in both directions, so the score is symmetric; the pair is looked
    up in one order, which halves the work and doubles the cache's reach.
    """
    x, y = plain_form(a, lang_a), plain_form(b, lang_b)
    return _score(x, y) if x <= y else _score(y, x)


def same_name(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    """Whether the learned model takes two words for one name written two ways."""
    model = default_model()
    return model is not None and name_similarity(a, lang_a, b, lang_b) >= model.threshold
