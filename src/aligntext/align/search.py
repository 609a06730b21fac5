"""The bead search: dynamic programming over a band of the alignment matrix.

``D[i, j]`` is the lowest cost of aligning the first ``i`` source and ``j`` target sentences.
Each cell extends a cheaper one by a bead (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1) whose cost
comes from :mod:`aligntext.align.features`. Rows are filled one at a time with numpy over the
columns of a band: the 0-1 bead, which links cells of the same row, becomes a running minimum
(``D[i, j] = C[j] + min_{k<=j} (E[k] - C[k])`` with ``C`` the cumulative cost of skipping
target sentences), so each row costs a handful of vector operations.

Two passes, as vecalign and bertalign do for long documents: the first (over the whole
matrix for short documents, over a band around the diagonal of cumulative character lengths
for long ones); then the length model is re-estimated from the confident beads, the costs of
the bead types are moved towards the rates of the first path (Moore's and hunalign's
re-estimation, :func:`aligntext.align.priors._prior_shift`), word correspondences are learnt
from the confident beads (hunalign's bootstrap, :func:`learn_lexicon`), and the second pass
searches again (in a narrow band around the first path for long documents; the band is
:mod:`aligntext.align.band`'s). A path that touches the band's edge
may have been cut off, so the band is widened around it and the search repeated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from aligntext.align.band import (
    Band,
    band_half,
    content_half,
    diagonal_band,
    diagonal_costs,
    full_band,
    path_band,
    take_window,
    touches_edge,
)
from aligntext.align.features import (
    CostParams,
    SemanticScorer,
    SideFeatures,
    add_facts,
    anchor_spans,
    learn_lexicon,
    length_cost,
    punct_cost,
    side_features,
    unify_fact_keys,
)
from aligntext.align.priors import (
    initial_ratio,
    reestimate,
)
from aligntext.align.rivals import rival_mass
from aligntext.align.row_costs import BLOCK_CELLS, block_costs
from aligntext.arguments import as_items
from aligntext.errors import InputError
from aligntext.langs import resolve_lang
from aligntext.types import LOW_CONFIDENCE, UNALIGNED_SHARE, Alignment, Bead, Segment, Signature

#: Version of the alignment method; part of every alignment's signature.
ALIGNER_VERSION = "1.1"

#: Bead types searched besides 0-1 (which is handled by the row scan); ``(src, tgt)`` counts.
BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (2, 1), (1, 2), (2, 2), (1, 3), (3, 1))
# The first pass over a wide band of a long document only needs to find the path's
# neighbourhood: the common beads suffice there.
_COARSE_TYPES = BEAD_TYPES[:4]
_MAX_SPAN = 3

#: Up to this many sentences (both sides) every sentence's facts are extracted up front.
FACTS_FOR_ALL = 1500

#: Learn word correspondences from the first pass (hunalign's bootstrap) for the second.
LEXICON = True
_LEXICON_PAIRS = 1000

#: Up to this many DP cells the whole matrix is searched; beyond it, a band.
FULL_SEARCH_CELLS = 360_000

_INF = np.inf


#: Per target span length, anchor rewards of beads; and the semantic dots of a source span.
_Frame = tuple[dict[int, np.ndarray], "np.ndarray | None"]


class _Problem:
    """The cost model of one document pair over one band, ready for row-wise evaluation."""

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        params: CostParams,
        anchors: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]],
        semantic: tuple[np.ndarray, np.ndarray, float] | None,
        band: Band,
    ) -> None:
        self.params = params
        self.n = n = len(src.lengths)
        self.m = m = len(tgt.lengths)
        self.band = band
        self.ls = np.concatenate([[0.0], np.cumsum(src.lengths)])
        self.lt = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
        self.ps = np.vstack([np.zeros((1, src.punct.shape[1])), np.cumsum(src.punct, axis=0)])
        self.pt = np.vstack([np.zeros((1, tgt.punct.shape[1])), np.cumsum(tgt.punct, axis=0)])
        # Per sentence, the cost of its facts when it is aligned (cumulative: fs, ft) and
        # when it is left unaligned (fs_each, ft_each; cumulative fs_null).
        fs = np.array([len(k) for k in src.fact_keys], dtype=np.float64)
        ft = np.array([len(k) for k in tgt.fact_keys], dtype=np.float64)
        self.fs_each = params.w_lone_null * fs
        self.ft_each = params.w_lone_null * ft
        self.fs = np.concatenate([[0.0], np.cumsum(params.w_lone * fs)])
        self.ft = np.concatenate([[0.0], np.cumsum(params.w_lone * ft)])
        self.fs_null = np.concatenate([[0.0], np.cumsum(self.fs_each)])
        self.prior = params.bead_costs()
        for shape, shift in params.prior_shift:
            self.prior[shape] += shift

        # Source sentence s is read by rows s+1 .. s+3; keep the columns those rows need.
        lo, hi = band.lo, band.hi
        self.qoff = np.empty(n, dtype=np.int64)
        qend = np.empty(n, dtype=np.int64)
        for k in range(_MAX_SPAN):
            rows = np.minimum(np.arange(n) + 1 + k, n)
            if k == 0:
                self.qoff[:] = lo[rows]
                qend[:] = hi[rows]
            else:
                self.qoff = np.minimum(self.qoff, lo[rows])
                qend = np.maximum(qend, hi[rows])
        self.qoff -= _MAX_SPAN
        self.qw = qw = int((qend - self.qoff).max()) if n else 1
        # Anchor rewards of each bead shape, by the bead's last source sentence (one row)
        # and last target sentence (a column from qoff of that row).
        self.q: dict[tuple[int, int], np.ndarray] = {}
        for shape, (rows_a, cols_a, vals_a) in anchors.items():
            rel = cols_a - self.qoff[rows_a] if len(rows_a) else cols_a
            keep = (rel >= 0) & (rel < qw)
            lin = rows_a[keep] * qw + rel[keep]
            self.q[shape] = np.bincount(lin, weights=vals_a[keep], minlength=n * qw).reshape(n, qw)

        self.sem = None
        if semantic is not None:
            vs, vt, base = semantic
            self.sem_base = base
            self.g = self._band_dots(vs, vt)
            cvs = np.vstack([np.zeros((1, vs.shape[1])), np.cumsum(vs, axis=0, dtype=np.float64)])
            cvt = np.vstack([np.zeros((1, vt.shape[1])), np.cumsum(vt, axis=0, dtype=np.float64)])
            # Squared norms of the summed vectors of every span of 1..3 sentences ending at i.
            self.ns = np.ones((_MAX_SPAN + 1, n + 1))
            self.nt = np.ones((_MAX_SPAN + 1, m + 1))
            for a in range(1, _MAX_SPAN + 1):
                if n >= a:
                    d = cvs[a:] - cvs[:-a]
                    self.ns[a, a:] = np.maximum((d * d).sum(1), 1e-6)
                if m >= a:
                    d = cvt[a:] - cvt[:-a]
                    self.nt[a, a:] = np.maximum((d * d).sum(1), 1e-6)
            self.sem = True

    def _band_dots(self, vs: np.ndarray, vt: np.ndarray) -> np.ndarray:
        """Dot products of source and target vectors over the band, stored like ``q``."""
        n, m, qw = self.n, self.m, self.qw
        g = np.zeros((n, qw))
        chunk = 64
        for start in range(0, n, chunk):
            rows = np.arange(start, min(start + chunk, n))
            c0 = max(int(self.qoff[rows].min()), 0)
            c1 = min(int(self.qoff[rows].max()) + qw, m)
            if c1 <= c0:
                continue
            block = vs[rows] @ vt[c0:c1].T
            for r_i, s in enumerate(rows):
                g[s] = take_window(block[r_i], int(self.qoff[s]) - c0, qw, 0.0)
        return g

    def frames(self, i: int, tf0: int, length: int) -> list[_Frame]:
        """Per source span length ``a`` (the sentences ``i - a .. i - 1``): the anchor rewards
        of the beads with ``b`` target sentences ending at ``tf0 .. tf0 + length - 1`` (per
        ``b``), and the semantic dots of the span against those targets."""
        out: list[_Frame] = [({}, None)]
        rg = np.zeros(length) if self.sem else None
        off_last = tf0 - int(self.qoff[i - 1]) if i else 0
        for a in range(1, min(_MAX_SPAN, i) + 1):
            s = i - a
            if rg is not None:
                rg = rg + take_window(self.g[s], tf0 - int(self.qoff[s]), length, 0.0)
            rq = {
                b: take_window(q[i - 1], off_last, length, 0.0)
                for (a2, b), q in self.q.items()
                if a2 == a
            }
            out.append((rq, rg))
        return out

    def tgt_spans(
        self, cols: np.ndarray
    ) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Per target span length ``b``: clipped ends, lengths, punctuation and fact counts
        of the spans ending at ``cols`` (shared by every source span length)."""
        out = {}
        for b in range(1, _MAX_SPAN + 1):
            jc = np.minimum(np.maximum(cols, b), self.m)  # np.clip's wrapper costs more
            out[b] = (
                jc,
                self.lt[jc] - self.lt[jc - b],
                self.pt[jc] - self.pt[jc - b],
                self.ft[jc] - self.ft[jc - b],
            )
        return out

    def costs(
        self,
        i: int,
        a: int,
        b: int,
        cols: np.ndarray,
        frame: _Frame,
        tf0: int,
        spans: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] | None = None,
    ) -> np.ndarray:
        """Costs of the ``a``-``b`` beads ending at source ``i`` and targets ``cols``."""
        p = self.params
        if b == 0:
            return np.full(
                len(cols), a * self.prior[(1, 0)] + (self.fs_null[i] - self.fs_null[i - a])
            )
        if spans is None:
            spans = self.tgt_spans(cols)
        jc, lt, pt, ft = spans[b]
        ls = self.ls[i] - self.ls[i - a]
        cost = length_cost(ls, lt, p)
        cost += punct_cost(self.ps[i] - self.ps[i - a], pt, p)
        cost += self.prior[(a, b)] + (self.fs[i] - self.fs[i - a]) + ft
        rq, rg = frame
        idx = cols - 1 - tf0
        if b in rq:
            cost -= rq[b][idx]
        if rg is not None:
            dot = rg[idx].copy()
            for k in range(1, b):
                dot += rg[idx - k]
            cos = dot / np.sqrt(self.ns[a, i] * self.nt[b, jc])
            cost -= p.w_sem * (cos - self.sem_base) / (1.0 - self.sem_base)
        return cost

    def null_tgt_costs(self, cols: np.ndarray) -> np.ndarray:
        """Cost of a 0-1 bead ending at each target count in ``cols``."""
        jc = np.minimum(np.maximum(cols, 1), self.m)
        return self.prior[(0, 1)] + self.ft_each[jc - 1]

    def _band_value(self, table: np.ndarray, s: int, t: int) -> float:
        """``table`` (stored like ``q``) at source sentence ``s``, target sentence ``t``."""
        k = t - int(self.qoff[s])
        return float(table[s, k]) if 0 <= k < self.qw else 0.0

    def bead_cost(self, i: int, j: int, a: int, b: int) -> float:
        """The cost of one bead ending at ``(i, j)`` (the same sum as :meth:`costs`)."""
        if a == 0:
            return float(self.prior[(0, 1)] + self.ft_each[j - 1])
        if b == 0:
            return float(a * self.prior[(1, 0)] + self.fs_null[i] - self.fs_null[i - a])
        p = self.params
        cost = float(length_cost(self.ls[i] - self.ls[i - a], self.lt[j] - self.lt[j - b], p))
        cost += float(punct_cost(self.ps[i] - self.ps[i - a], self.pt[j] - self.pt[j - b], p))
        cost += self.prior[(a, b)] + self.fs[i] - self.fs[i - a] + self.ft[j] - self.ft[j - b]
        if (a, b) in self.q:
            cost -= self._band_value(self.q[(a, b)], i - 1, j - 1)
        if self.sem:
            dot = sum(
                self._band_value(self.g, s, t) for s in range(i - a, i) for t in range(j - b, j)
            )
            cos = dot / math.sqrt(self.ns[a, i] * self.nt[b, j])
            cost -= p.w_sem * (cos - self.sem_base) / (1.0 - self.sem_base)
        return float(cost)


def _dp(
    problem: _Problem, types: tuple[tuple[int, int], ...] = BEAD_TYPES
) -> tuple[list[tuple[int, int, int, int]], float]:
    """Run the DP over the problem's band; returns the beads as ``(i0, j0, i1, j1)``."""
    n, m = problem.n, problem.m
    band = problem.band
    width = band.width
    lo, hi = band.lo, band.hi
    d = np.full((n + 1, width), _INF)
    back = np.zeros((n + 1, width), dtype=np.int8)
    steps = np.arange(width)
    # Without a semantic scorer the costs of a block of rows are computed at once.
    per_block = 0 if problem.sem else max(1, BLOCK_CELLS // width)
    block: dict[tuple[int, int], np.ndarray] = {}
    first = end = 1
    for i in range(n + 1):
        cols = lo[i] + steps
        e = np.full(width, _INF)
        code = np.zeros(width, dtype=np.int8)
        if i == 0:
            e[0] = 0.0
        else:
            if per_block and i >= end:
                first, end = i, min(i + per_block, n + 1)
                rows = np.arange(first, end)
                block = block_costs(problem, rows, lo[rows][:, None] + steps, types)
            elif not per_block:
                tf0 = int(lo[i]) - _MAX_SPAN
                frames = problem.frames(i, tf0, width + _MAX_SPAN)
                spans = problem.tgt_spans(cols)
            for k, (a, b) in enumerate(types):
                if a > i:
                    continue
                prev = take_window(d[i - a], int(lo[i]) - b - int(lo[i - a]), width, _INF)
                if per_block:
                    cand = prev + block[(a, b)][i - first]
                else:
                    cand = prev + problem.costs(i, a, b, cols, frames[a], tf0, spans)
                better = cand < e
                e[better] = cand[better]
                code[better] = k + 1
        skip = problem.null_tgt_costs(cols)
        skip[0] = 0.0
        cum = np.cumsum(skip)
        x = e - cum
        run = np.minimum.accumulate(x)
        row = run + cum
        code[x > run] = 0
        row[cols >= hi[i]] = _INF
        d[i] = row
        back[i] = code
    total = float(d[n, m - lo[n]])
    if not math.isfinite(total):  # pragma: no cover - the band always reaches (n, m)
        raise RuntimeError("alignment band does not connect the document ends")
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        c = int(back[i, j - lo[i]])
        a, b = (0, 1) if c == 0 else types[c - 1]
        path.append((i - a, j - b, i, j))
        i, j = i - a, j - b
    path.reverse()
    return path, total


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))


def _best_alternative(problem: _Problem, i0: int, j0: int, i1: int, j1: int) -> float:
    """The cheapest way to cover a bead's sentences with smaller beads (a tiny DP)."""
    a, b = i1 - i0, j1 - j0
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    for di in range(a + 1):
        for dj in range(b + 1):
            if di == 0 and dj == 0:
                continue
            cost = _INF
            for x, y in (*BEAD_TYPES, (0, 1)):
                if x > di or y > dj or (x, y) == (a, b):
                    continue
                prev = best.get((di - x, dj - y), _INF)
                if math.isfinite(prev):
                    cost = min(cost, prev + problem.bead_cost(i0 + di, j0 + dj, x, y))
            best[(di, dj)] = cost
    return best[(a, b)]


def _score_beads(
    problem: _Problem, path: list[tuple[int, int, int, int]], final: bool
) -> list[Bead]:
    """Beads scored by their margin over covering their sentences otherwise (unaligned, or in
    smaller beads); a ``final`` 1-1 bead's confidence also weighs its rival places."""
    beads: list[Bead] = []
    rivals = rival_mass(problem, path) if final else [0.0] * len(path)
    for k, (i0, j0, i1, j1) in enumerate(path):
        a, b = i1 - i0, j1 - j0
        src, tgt = tuple(range(i0, i1)), tuple(range(j0, j1))
        if a and b:
            cost = problem.bead_cost(i1, j1, a, b)
            if a == 1 and b == 1:
                other = (
                    problem.prior[(1, 0)]
                    + problem.prior[(0, 1)]
                    + problem.fs_each[i0]
                    + problem.ft_each[j0]
                )
            else:
                other = _best_alternative(problem, i0, j0, i1, j1)
            margin = other - cost
            conf = 1.0 / (1.0 + math.exp(-max(min(margin, 40.0), -40.0)) + rivals[k])
            beads.append(Bead(src, tgt, round(float(margin), 4), round(conf, 4)))
            continue
        # An unaligned sentence is as sure as its best 1-1 pairing with a neighbour is bad.
        if a:
            partners = [(i1, j) for j in (j0, j0 + 1) if 1 <= j <= problem.m]
        else:
            partners = [(i, j1) for i in (i0, i0 + 1) if 1 <= i <= problem.n]
        best = min((problem.bead_cost(i, j, 1, 1) for i, j in partners), default=_INF)
        null_pair = problem.prior[(1, 0)] + problem.prior[(0, 1)]
        margin = best - null_pair if math.isfinite(best) else 10.0
        beads.append(Bead(src, tgt, 0.0, round(_sigmoid(margin), 4)))
    return beads


def _unsure(beads: list[Bead], n: int, m: int, budget: int) -> tuple[list[int], list[int]]:
    """Sentences of the least confident beads (and their neighbours), up to ``budget``."""
    src: set[int] = set()
    tgt: set[int] = set()
    order = sorted(range(len(beads)), key=lambda k: beads[k].confidence)
    for k in order:
        if beads[k].confidence >= 0.9 or len(src) + len(tgt) >= budget:
            break
        for near in beads[max(k - 1, 0) : k + 2]:
            src.update(near.src)
            tgt.update(near.tgt)
    return sorted(src), sorted(tgt)


def _anchors(
    sf: SideFeatures, tf: SideFeatures, params: CostParams, centre: np.ndarray | None, half: int = 0
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Anchor rewards of every bead shape (near the diagonal, if given, as far as a band
    of ``half`` columns on each side can reach when widened)."""
    shapes = [t for t in BEAD_TYPES if t[0] and t[1]]
    if centre is None:
        return anchor_spans(sf, tf, params, shapes)
    reach = 4 * (half or band_half(len(sf.keys), len(tf.keys))) + 50
    return anchor_spans(sf, tf, params, shapes, centre=centre, max_offset=reach)


def _as_segments(items: Sequence[str | Segment], side: str) -> tuple[Segment, ...]:
    out = []
    # One string would otherwise be aligned letter by letter, with confidence.
    for k, item in enumerate(as_items(items, side, "sentences (segment the text first)")):
        if not isinstance(item, (Segment, str)):
            kind = type(item).__name__
            raise InputError(f"{side} segment {k} is a {kind}, not text; give str or Segment")
        out.append(item if isinstance(item, Segment) else Segment(text=item, index=k))
    return tuple(out)


def _semantic_inputs(
    scorer: SemanticScorer,
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
) -> tuple[np.ndarray, np.ndarray, float]:
    vs, vt = scorer.encode(src, tgt, src_lang, tgt_lang)
    vs = np.asarray(vs, dtype=np.float64)
    vt = np.asarray(vt, dtype=np.float64)
    if vs.shape[0] != len(src) or vt.shape[0] != len(tgt) or vs.shape[1] != vt.shape[1]:
        raise InputError(
            f"semantic scorer returned vectors of shape {vs.shape} and {vt.shape} for "
            f"{len(src)} and {len(tgt)} sentences; it must give one row per sentence"
        )
    # The similarity of unrelated sentences: pairs half a document apart.
    k = max(len(src), len(tgt))
    idx_s = np.arange(k) % len(src)
    idx_t = (np.arange(k) + max(len(tgt) // 2, 1)) % len(tgt)
    base = float(np.median((vs[idx_s] * vt[idx_t]).sum(1))) if k > 1 else 0.0
    return vs, vt, min(max(base, 0.0), 0.9)


def _warnings(n: int, m: int, beads: list[Bead]) -> list[str]:
    out: list[str] = []
    small, big = min(n, m), max(n, m)
    if big >= 4 and small * 2 < big:
        short, other = ("target", "source") if m < n else ("source", "target")
        out.append(f"{short} has {small} segments, {other} {big}: the versions may not correspond")
    aligned = sum(1 for b in beads if b.src and b.tgt)
    nulls = sum(len(b.src) + len(b.tgt) for b in beads if not (b.src and b.tgt))
    if n and m and nulls > UNALIGNED_SHARE * (n + m):
        out.append(
            f"{nulls} of {n + m} segments have no counterpart: the versions may differ in content"
        )
    low = [b for b in beads if b.src and b.tgt and b.confidence < LOW_CONFIDENCE]
    if aligned and low:
        first = low[0]
        out.append(
            f"{len(low)} of {aligned} aligned beads have low confidence (first: source "
            f"{','.join(map(str, first.src))} / target {','.join(map(str, first.tgt))})"
        )
    return out


def align(
    src: Sequence[str | Segment],
    tgt: Sequence[str | Segment],
    src_lang: str,
    tgt_lang: str,
    *,
    scorer: SemanticScorer | None = None,
    params: CostParams | None = None,
) -> Alignment:
    """Align the sentences of two language versions.

    Args:
        src: source segments (strings or :class:`~aligntext.types.Segment`); bead indices
            are positions in this sequence.
        tgt: target segments.
        src_lang: source language code (en, az, ru, tr or an alias).
        tgt_lang: target language code.
        scorer: an optional :class:`~aligntext.align.features.SemanticScorer` (an MT model or
            a sentence-embedding model); the default aligner uses no model.
        params: override the cost model's weights (for experiments).

    Returns:
        An :class:`~aligntext.types.Alignment` whose beads are in order and cover every
        segment exactly once; ``score`` is the bead's margin over leaving its sentences
        unaligned (0 for 1-0 and 0-1 beads), ``confidence`` is in [0, 1].

    Raises:
        InputError: an unknown language or a segment that is not text.
        InputTypeError: ``src`` or ``tgt`` is one string, not a list of sentences.
    """
    src_lang = resolve_lang(src_lang)
    tgt_lang = resolve_lang(tgt_lang)
    src_segs = _as_segments(src, "source")
    tgt_segs = _as_segments(tgt, "target")
    n, m = len(src_segs), len(tgt_segs)
    fields = [("aligner", ALIGNER_VERSION), ("features", "length+anchors+punct")]
    if scorer is not None:
        fields.extend(scorer.signature_fields())
    signature = Signature(tuple(fields))
    if n == 0 or m == 0:
        beads = [Bead((k,), (), 0.0, 1.0) for k in range(n)]
        beads += [Bead((), (k,), 0.0, 1.0) for k in range(m)]
        warns = []
        if n or m:
            empty, other = ("source", "target") if n == 0 else ("target", "source")
            warns.append(f"{empty} has no segments, {other} {max(n, m)}: nothing to align")
        return Alignment(
            tuple(beads), src_segs, tgt_segs, src_lang, tgt_lang, signature, tuple(warns)
        )

    src_texts = [s.text for s in src_segs]
    tgt_texts = [s.text for s in tgt_segs]
    # The checker's extractors are thorough but slow (about a millisecond a sentence): on
    # long documents they run only where the first pass was unsure.
    all_facts = n + m <= FACTS_FOR_ALL
    sf = side_features(src_texts, src_lang, with_facts=all_facts)
    tf = side_features(tgt_texts, tgt_lang, with_facts=all_facts)
    if all_facts:
        unify_fact_keys(sf, tf)
    base = params or CostParams()
    p = replace(base, ratio=initial_ratio(sf, tf, src_lang, tgt_lang))
    full = (n + 1) * (m + 1) <= FULL_SEARCH_CELLS
    centre = None if full else diagonal_costs(sf, tf)
    half = band_half(n, m) + content_half(sf, tf, p.ratio)
    anchors = _anchors(sf, tf, p, centre, half)
    semantic = None
    if scorer is not None:
        semantic = _semantic_inputs(scorer, src_texts, tgt_texts, src_lang, tgt_lang)

    def search(
        prm: CostParams, band: Band, half: int, types: tuple[tuple[int, int], ...]
    ) -> tuple[_Problem, list[tuple[int, int, int, int]]]:
        for _ in range(5):
            problem = _Problem(sf, tf, prm, anchors, semantic, band)
            path, _total = _dp(problem, types)
            if full or not touches_edge(path, band, m):
                break
            half *= 2
            band = path_band(path, n, m, half)
        return problem, path

    if full:
        problem, path = search(p, full_band(n, m), 0, BEAD_TYPES)
    else:
        problem, path = search(p, diagonal_band(sf, tf, half), half, _COARSE_TYPES)
    beads = _score_beads(problem, path, final=False)
    p2 = reestimate(p, beads, sf, tf)
    confident = [(b.src[0], b.tgt[0]) for b in beads if b.kind == "1-1" and b.confidence >= 0.9]
    # A sample of the pairs learns the frequent words of a long document as well.
    confident = confident[:: max(1, len(confident) // _LEXICON_PAIRS)]
    if LEXICON and len(confident) >= 4:
        add_s, add_t = learn_lexicon(src_texts, tgt_texts, src_lang, tgt_lang, confident)
        for keys, extra in zip(sf.keys, add_s, strict=True):
            keys |= extra
        for keys, extra in zip(tf.keys, add_t, strict=True):
            keys |= extra
        if all_facts:
            anchors = _anchors(sf, tf, p2, centre, half)
    if not all_facts:
        unsure_s, unsure_t = _unsure(beads, n, m, FACTS_FOR_ALL)
        add_facts(sf, src_texts, src_lang, unsure_s)
        add_facts(tf, tgt_texts, tgt_lang, unsure_t)
        unify_fact_keys(sf, tf)
        anchors = _anchors(sf, tf, p2, centre, half)
    if not full or p2 != p or LEXICON:
        second = full_band(n, m) if full else path_band(path, n, m, 12)
        problem, path = search(p2, second, 12, BEAD_TYPES)
        beads = _score_beads(problem, path, final=True)
    warns = _warnings(n, m, beads)
    return Alignment(tuple(beads), src_segs, tgt_segs, src_lang, tgt_lang, signature, tuple(warns))
