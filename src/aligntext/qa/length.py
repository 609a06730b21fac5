"""``length``: a translation far shorter or longer than translations of that pair usually are.

How long a translation is next to its source depends on the language pair (Russian runs
longer than English, Azerbaijani a little longer than Turkish) and is noisier on short
sentences. The model: the log of the ratio of content lengths (letters and digits, see
:func:`aligntext.qa.text.content_length`) is about normal with a mean per direction and a
variance ``a + b / L`` that shrinks with the source's length ``L``. ``scripts/learn_mt_qa.py``
fits ``mean``, ``a`` and ``b`` per direction on real translations and writes
``data/mt-qa-length.tsv``; :func:`length_z` turns a pair into a z-score under that model.

A document has a length of its own, too: one translator writes a story out at more length
than another, and every sentence of it then scores long. Checked as a document (a bitext, a
translated file), the pairs' z-scores are taken from the document's own centre:
:func:`document_shift` is the median z of its pairs, shrunk towards 0 by how much stories
differ in the data (the ``@story`` variance the learning script writes, estimated from the
spread of story means), so a short document moves it little and one broken sentence hardly
at all.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
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
        if not line or line.startswith(("#", "@")):
            continue
        src, tgt, n, mean, a, b = line.split("\t")
        table[(src, tgt)] = PairLength(float(mean), float(a), float(b), int(n))
    return table


def read_story_variance(text: str) -> float:
    """The ``@story`` row of the TSV: the variance of a story's mean z (0 without one)."""
    for line in text.splitlines():
        if line.startswith("@story\t"):
            return float(line.split("\t")[1])
    return 0.0


def write_table(
    table: dict[tuple[str, str], PairLength], header: str, story_variance: float = 0.0
) -> str:
    """The TSV of ``table``, sorted, figures rounded (the same data gives the same file),
    with the ``@story`` row when ``story_variance`` is given."""
    lines = [f"# {h}" for h in header.splitlines()]
    lines.append("# src\ttgt\tn\tmean\ta\tb")
    for (src, tgt), m in sorted(table.items()):
        lines.append(f"{src}\t{tgt}\t{m.n}\t{m.mean:.4f}\t{m.a:.5f}\t{m.b:.4f}")
    if story_variance:
        lines.append(f"@story\t{story_variance:.4f}")
    return "\n".join(lines) + "\n"


def _read_shipped(text: str) -> tuple[dict[tuple[str, str], PairLength], float]:
    return read_table(text), read_story_variance(text)


# One read of the file for both: the per-direction table and the @story variance.
_SHIPPED = Shipped(DATA_FILE, _read_shipped)
#: The most a document's own length moves its z-scores: a document of cut or padded
#: translations must still stand out.
MAX_SHIFT = 1.5


def story_variance(zs: Sequence[Sequence[float]]) -> float:
    """How much stories differ in length, from the z-scores of real pairs grouped by story:
    the variance of a story's mean z beyond what its pairs' own spread explains (a story of
    ``n`` pairs has a mean z of variance ``1 / n + v``; estimated by moments, at least 0)."""
    groups = [g for g in zs if len(g) >= 2]
    if not groups:
        return 0.0
    # A real slip (a dropped clause, z -8) would widen the spread of its story's mean.
    means = [sum(max(min(z, 4.0), -4.0) for z in g) / len(g) for g in groups]
    grand = sum(means) / len(means)
    spread = sum((m - grand) ** 2 for m in means) / max(len(means) - 1, 1)
    within = sum(1.0 / len(g) for g in groups) / len(groups)
    return max(spread - within, 0.0)


def document_shift(zs: Iterable[float], variance: float | None = None) -> float:
    """How far a document's pairs sit from the usual length, in z: the median z of ``zs``
    shrunk by ``n / (n + 1 / variance)`` (the shipped story variance by default) and
    capped at :data:`MAX_SHIFT`; 0 for one pair or where stories do not differ (then
    ``zs``, which may be a generator, is not read: the shipped table has no variance)."""
    v = _SHIPPED.get()[1] if variance is None else variance
    if v <= 0:
        return 0.0
    zs = list(zs)
    n = len(zs)
    if n < 2:
        return 0.0
    shift = statistics.median(zs) * n / (n + 1.0 / v)
    return max(min(shift, MAX_SHIFT), -MAX_SHIFT)


def pair_model(
    src_lang: str, tgt_lang: str, table: Mapping[tuple[str, str], PairLength] | None = None
) -> PairLength:
    """The model of a direction in ``table`` (the shipped one by default; a wide default for
    a direction the data lacks)."""
    found = (_SHIPPED.get()[0] if table is None else table).get((src_lang, tgt_lang))
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
