"""Azerbaijani or Turkish? A character n-gram naive Bayes model learnt from real sentences.

The two languages share most of their alphabet and much of their vocabulary, and py3langid
often takes a Turkish sentence for Azerbaijani and back. A naive Bayes model over character
n-grams (one to four letters, words padded with spaces) learnt from professionally translated
news in both languages tells them apart on single sentences: ``ə``, ``x`` and ``q`` against
``e``, ``h`` and ``k`` in the same words, ``və`` against ``ve``, ``-dır`` against ``-dir`` and
so on. ``scripts/learn_mt_qa.py`` learns the counts and writes ``data/mt-qa-aztr.tsv``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from aligntext.qa.shipped import Shipped

#: The data file, under ``aligntext/data``.
DATA_FILE = "mt-qa-aztr.tsv"
#: N-gram orders counted.
ORDERS = (1, 2, 3, 4)
# Add-k smoothing of the counts.
_SMOOTHING = 0.5
_NON_LETTERS = re.compile(r"[^\w]+|[\d_]+")


def normalise(text: str) -> str:
    """Lowercase letters (Turkic dotted and dotless i kept apart), one space between words."""
    text = text.replace("İ", "i").replace("I", "ı").lower()
    return " ".join(_NON_LETTERS.sub(" ", text).split())


def ngrams(text: str) -> list[str]:
    """The character n-grams of ``text`` (after :func:`normalise`), each word padded."""
    out: list[str] = []
    for word in normalise(text).split():
        padded = f" {word} "
        for n in ORDERS:
            out.extend(
                padded[i : i + n] for i in range(len(padded) - n + 1) if padded[i : i + n] != " "
            )
    return out


@dataclass(frozen=True)
class AzTrModel:
    """Log-probabilities of n-grams in Azerbaijani and in Turkish.

    Args:
        logp: per n-gram, ``(log P(g | az), log P(g | tr))``.
        unseen: the log-probability of an n-gram never seen, per language.
    """

    logp: dict[str, tuple[float, float]]
    unseen: tuple[float, float]

    @classmethod
    def from_counts(cls, counts: dict[str, tuple[int, int]]) -> AzTrModel:
        """The smoothed model of n-gram counts ``{gram: (az, tr)}``."""
        vocab = len(counts) + 1
        total_az = sum(a for a, _ in counts.values()) + _SMOOTHING * vocab
        total_tr = sum(t for _, t in counts.values()) + _SMOOTHING * vocab
        logp = {
            g: (math.log((a + _SMOOTHING) / total_az), math.log((t + _SMOOTHING) / total_tr))
            for g, (a, t) in counts.items()
        }
        unseen = (math.log(_SMOOTHING / total_az), math.log(_SMOOTHING / total_tr))
        return cls(logp, unseen)

    def score(self, text: str) -> tuple[float, int]:
        """Mean log-likelihood ratio per n-gram, Azerbaijani over Turkish, and the n-gram count.

        Positive reads as Azerbaijani, negative as Turkish; ``(0.0, 0)`` for text without
        letters. N-grams seen in neither language carry no evidence and are skipped.
        """
        total = 0.0
        n = 0
        for g in ngrams(text):
            lp = self.logp.get(g)
            if lp is None:
                continue
            total += lp[0] - lp[1]
            n += 1
        return (total / n if n else 0.0), n


def read_counts(text: str) -> dict[str, tuple[int, int]]:
    """Parse the TSV the learning script writes: ``gram<TAB>az<TAB>tr`` (``#`` comments).

    A gram's spaces are written as ``_`` (word edges), so the columns stay plain.
    """
    counts: dict[str, tuple[int, int]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        gram, az, tr = line.split("\t")
        counts[gram.replace("_", " ")] = (int(az), int(tr))
    return counts


def write_counts(counts: dict[str, tuple[int, int]], header: str) -> str:
    """The TSV of ``counts`` (sorted, so the same data always gives the same file)."""
    lines = [f"# {h}" for h in header.splitlines()]
    lines += [f"{g.replace(' ', '_')}\t{a}\t{t}" for g, (a, t) in sorted(counts.items())]
    return "\n".join(lines) + "\n"


_MODEL = Shipped(DATA_FILE, lambda text: AzTrModel.from_counts(read_counts(text)))


def model() -> AzTrModel:
    """The shipped model, read once."""
    return _MODEL.get()
