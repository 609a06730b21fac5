"""What the aligner learns from the documents before and between its passes: the length
ratio, the bead-type prior and the score distributions."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from aligntext.align.features import (
    LENGTH_FACTOR,
    CostParams,
    SideFeatures,
)
from aligntext.types import Bead


def _quantile(values: np.ndarray, q: float) -> float:
    """``np.quantile(values, q)`` (linear interpolation), without importing numpy.ma as
    ``np.quantile`` does on first use (about 10 ms of every ``align`` start)."""
    ordered = np.sort(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return float(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo))


def reestimate(
    params: CostParams, beads: list[Bead], src: SideFeatures, tgt: SideFeatures
) -> CostParams:
    """Refit the length ratio and variance on the confident 1-1 beads (shrunk to the prior)."""
    pairs = [(b.src[0], b.tgt[0]) for b in beads if b.kind == "1-1" and b.confidence >= 0.8]
    if len(pairs) < 5:
        return params
    ls = np.array([src.lengths[s] for s, _ in pairs])
    lt = np.array([tgt.lengths[t] for _, t in pairs])
    prior_n = 10.0
    ratio = (lt.sum() + prior_n * 40.0 * params.ratio) / (ls.sum() + prior_n * 40.0)
    resid = (lt - ratio * ls) ** 2 / np.maximum((ratio * ls + lt) / 2.0, 1.0)
    # Winsorise: a few loose translations should not inflate the variance for everyone.
    resid = np.minimum(resid, _quantile(resid, 0.95))
    variance = (resid.sum() + prior_n * params.variance) / (len(resid) + prior_n)
    return replace(
        params,
        ratio=float(ratio),
        variance=float(max(variance, 0.5)),
        prior_shift=_prior_shift(params, beads),
    )


#: Pseudo-beads of the default bead-type rates that a document's own counts are added to.
PRIOR_STRENGTH = 20.0


#: How far the bead costs follow the document's own rates (1: the full log ratio).
PRIOR_FOLLOW = 1.0


_PRIOR_GROUPS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((1, 0),),
    ((0, 1),),
    ((2, 1),),
    ((1, 2),),
    ((2, 2),),
    ((1, 3),),
    ((3, 1),),
)


def _prior_shift(
    params: CostParams, beads: list[Bead]
) -> tuple[tuple[tuple[int, int], float], ...]:
    """Shift the bead-type costs towards the rates of the first pass (Moore's and hunalign's
    re-estimation): a document whose translator joined many sentences makes joins cheaper.

    The default costs are read as log odds against a 1-1 bead; the document's counts, smoothed
    with :data:`PRIOR_STRENGTH` pseudo-beads at the default odds, give new odds.
    """
    if PRIOR_FOLLOW <= 0 or not beads:
        return ()
    counts: dict[tuple[int, int], int] = {}
    for b in beads:
        shape = (len(b.src), len(b.tgt))
        counts[shape] = counts.get(shape, 0) + 1
    base = params.bead_costs()
    n11 = counts.get((1, 1), 0)
    out: list[tuple[tuple[int, int], float]] = []
    for group in _PRIOR_GROUPS:
        odds = sum(math.exp(-base[s]) for s in group)
        seen = sum(counts.get(s, 0) for s in group)
        new_odds = (seen + PRIOR_STRENGTH * odds) / (n11 + PRIOR_STRENGTH)
        shift = -PRIOR_FOLLOW * math.log(new_odds / odds)
        out.extend((s, shift) for s in group)
    return tuple(out)


_RATIO_PRIOR_CHARS = 1500.0


def initial_ratio(src: SideFeatures, tgt: SideFeatures, src_lang: str, tgt_lang: str) -> float:
    """Target characters per source character: the documents' own ratio, unless it is far
    from the languages' usual one (then the versions probably differ in content)."""
    prior = LENGTH_FACTOR.get(tgt_lang, 1.0) / LENGTH_FACTOR.get(src_lang, 1.0)
    total_s, total_t = float(src.lengths.sum()), float(tgt.lengths.sum())
    if total_s <= 0 or total_t <= 0:
        return prior
    ratio = total_t / total_s
    if abs(math.log(ratio / prior)) > math.log(1.4):
        return prior
    # Shrink towards the usual ratio: in a short document one dropped sentence moves it.
    weight = min(total_s, total_t) / (min(total_s, total_t) + _RATIO_PRIOR_CHARS)
    return math.exp(weight * math.log(ratio) + (1 - weight) * math.log(prior))
