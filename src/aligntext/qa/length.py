"""``length``: a translation far shorter or longer than translations of that pair usually are.

How long a translation is next to its source depends on the language pair (Russian runs
longer than English, Azerbaijani a little longer than Turkish) and is noisier on short
sentences. The model: the log of the ratio of content lengths (letters and digits, see
:func:`aligntext.qa.text.content_length`) is about normal with a mean per direction and a
variance ``a + b / L`` that shrinks with the source's length ``L``. ``scripts/learn_mt_qa.py``
fits ``mean``, ``a`` and ``b`` per direction on real translations and writes
``data/mt-qa-length.tsv``; :func:`length_z` turns a pair into a z-score under that model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligntext.qa.shipped import Shipped
from aligntext.qa.text import content_length

#: The data file, under ``aligntext/data``.
DATA_FILE = "mt-qa-length.tsv"
# The floor of the variance terms: a handful of real pairs must not make a pair look exact.
_MIN_A = 0.004
# A pair the data has no figures for (a same-language pair, say): ratio 1, a wide spread.
_FALLBACK = (0.0, 0.03, 3.0)


@dataclass(frozen=True)
class PairLength:
    """The length model of one direction: mean log ratio and variance ``a + b / L``."""

    mean: float
    a: float
    b: float
    n: int = 0

    def z(self, src_len: int, tgt_len: int) -> float:
        """The z-score of a target of ``tgt_len`` content characters for ``src_len``."""
        ratio = math.log(max(tgt_len, 1) / max(src_len, 1))
        return (ratio - self.mean) / math.sqrt(self.a + self.b / max(src_len, 1))


def fit(pairs: Sequence[tuple[str, str]]) -> PairLength:
    """Fit one direction's model on real ``(source, target)`` translations.

    The mean and the variance terms are taken from the middle 98% of the log ratios, so a
    few real slips in the data (a dropped clause) do not widen the range.
    """
    rows = [(content_length(s), content_length(t)) for s, t in pairs]
    rows = [(ls, lt) for ls, lt in rows if ls and lt]
    if len(rows) < 20:
        raise ValueError(f"too few pairs to learn a length ratio from ({len(rows)})")
    xs = sorted((math.log(lt / ls), ls) for ls, lt in rows)
    cut = len(xs) // 100
    kept = xs[cut : len(xs) - cut] if cut else xs
    mean = sum(x for x, _ in kept) / len(kept)
    # Least squares of the squared residual on 1 / L: variance = a + b / L.
    us = [1.0 / ls for _, ls in kept]
    vs = [(x - mean) ** 2 for x, _ in kept]
    mu, mv = sum(us) / len(us), sum(vs) / len(vs)
    cov = sum((u - mu) * (v - mv) for u, v in zip(us, vs, strict=True))
    var = sum((u - mu) ** 2 for u in us)
    b = max(cov / var, 0.0) if var else 0.0
    a = max(mv - b * mu, _MIN_A)
    # The trimmed residuals understate the spread of the full data by about this factor for
    # a normal distribution cut at 1% on each side.
    return PairLength(mean, a * 1.12, b * 1.12, len(rows))


def read_table(text: str) -> dict[tuple[str, str], PairLength]:
    """Parse the TSV the learning script writes: ``src tgt n mean a b`` (``#`` comments)."""
    table: dict[tuple[str, str], PairLength] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        src, tgt, n, mean, a, b = line.split("\t")
        table[(src, tgt)] = PairLength(float(mean), float(a), float(b), int(n))
    return table


def write_table(table: dict[tuple[str, str], PairLength], header: str) -> str:
    """The TSV of ``table``, sorted, figures rounded (the same data gives the same file)."""
    lines = [f"# {h}" for h in header.splitlines()]
    lines.append("# src\ttgt\tn\tmean\ta\tb")
    for (src, tgt), m in sorted(table.items()):
        lines.append(f"{src}\t{tgt}\t{m.n}\t{m.mean:.4f}\t{m.a:.5f}\t{m.b:.4f}")
    return "\n".join(lines) + "\n"


_TABLE = Shipped(DATA_FILE, read_table)


def pair_model(
    src_lang: str, tgt_lang: str, table: Mapping[tuple[str, str], PairLength] | None = None
) -> PairLength:
    """The model of a direction in ``table`` (the shipped one by default; a wide default for
    a direction the data lacks)."""
    found = (_TABLE.get() if table is None else table).get((src_lang, tgt_lang))
    return found or PairLength(*_FALLBACK)


def length_z(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    table: Mapping[tuple[str, str], PairLength] | None = None,
) -> float:
    """How many standard deviations the target's length is from the pair's usual one, by
    ``table`` (the shipped one by default)."""
    return pair_model(src_lang, tgt_lang, table).z(content_length(src), content_length(tgt))
