"""The band of the dynamic programme: which cells of the source x target grid the aligner
searches, from the length diagonal or from a first coarse path."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aligntext.align.features import (
    SideFeatures,
)


def take_window(row: np.ndarray, start: int, width: int, fill: float) -> np.ndarray:
    """``row[start:start + width]`` with ``fill`` where the slice leaves the row (a view of
    ``row`` when the slice is inside it: callers only read the window)."""
    if start >= 0 and start + width <= row.shape[0] and row.dtype == np.float64:
        return row[start : start + width]  # most calls: the DP runs once per row and shape
    out = np.full(width, fill, dtype=np.float64)
    s0 = max(start, 0)
    s1 = min(start + width, row.shape[0])
    if s1 > s0:
        out[s0 - start : s1 - start] = row[s0:s1]
    return out


@dataclass
class Band:
    """Columns ``lo[i] <= j < hi[i]`` of each row ``i`` (``0..n``) are searched."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def width(self) -> int:
        """The widest row's number of columns."""
        return int((self.hi - self.lo).max())


def full_band(n: int, m: int) -> Band:
    """The whole ``(n + 1) x (m + 1)`` matrix as a band (short documents, and the fallback)."""
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))


def _finish_band(jmin: np.ndarray, jmax: np.ndarray, m: int, half: int) -> Band:
    lo = np.clip(np.floor(jmin).astype(np.int64) - half, 0, m)
    hi = np.clip(np.ceil(jmax).astype(np.int64) + half + 1, 1, m + 1)
    # Each row must overlap the one before it, or no path can cross.
    lo = np.minimum(lo, np.maximum.accumulate(hi) - 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[-1] = m + 1
    return Band(lo, hi)


def band_half(n: int, m: int) -> int:
    """Half the width of the first pass's band on a long document."""
    return max(16, int(math.sqrt(n + m)))


#: Cells the first pass's band may grow to when one version holds much less text.
WIDE_BAND_CELLS = 2_000_000


def content_half(src: SideFeatures, tgt: SideFeatures, ratio: float) -> int:
    """Target sentences by which the path may leave the length diagonal when one version
    holds much less text than the other (more than 1.4 times off ``ratio``): an excerpt or
    one paragraph of a long document can sit anywhere in it, up to ``m`` times the missing
    share away from the diagonal (0 for versions of about the same length)."""
    n, m = len(src.lengths), len(tgt.lengths)
    total_s, total_t = float(src.lengths.sum()) * ratio, float(tgt.lengths.sum())
    if total_s <= 0 or total_t <= 0 or abs(math.log(total_t / total_s)) <= math.log(1.4):
        return 0
    missing = 1.0 - min(total_s, total_t) / max(total_s, total_t)
    # A band wider than the matrix searches it all; the cap bounds the DP's memory.
    return min(math.ceil(m * missing) + 2, WIDE_BAND_CELLS // (2 * (n + 1)))


def diagonal_costs(src: SideFeatures, tgt: SideFeatures) -> np.ndarray:
    """Per source count ``0..n``, the target count where cumulative lengths are proportional."""
    m = len(tgt.lengths)
    cs = np.concatenate([[0.0], np.cumsum(src.lengths + 1.0)])
    ct = np.concatenate([[0.0], np.cumsum(tgt.lengths + 1.0)])
    return np.interp(cs / cs[-1], ct / ct[-1], np.arange(m + 1, dtype=np.float64))


def diagonal_band(src: SideFeatures, tgt: SideFeatures, half: int) -> Band:
    """A band around the path where cumulative character lengths are proportional."""
    n, m = len(src.lengths), len(tgt.lengths)
    centre = diagonal_costs(src, tgt)
    slope = max(m / max(n, 1), 1.0)
    return _finish_band(centre, centre, m, half + math.ceil(slope))


def path_band(path: list[tuple[int, int, int, int]], n: int, m: int, half: int) -> Band:
    """A band of ``half`` columns on either side of a path of beads ``(i0, j0, i1, j1)``."""
    jmin = np.full(n + 1, np.inf)
    jmax = np.full(n + 1, -np.inf)
    for i0, j0, i1, j1 in path:
        jmin[i0 : i1 + 1] = np.minimum(jmin[i0 : i1 + 1], j0)
        jmax[i0 : i1 + 1] = np.maximum(jmax[i0 : i1 + 1], j1)
    return _finish_band(jmin, jmax, m, half)


def touches_edge(path: list[tuple[int, int, int, int]], band: Band, m: int) -> bool:
    """Whether the path runs along a band edge that is not the matrix's own edge."""
    margin = 2
    for _i0, j0, i1, j1 in path:
        lo, hi = band.lo[i1], band.hi[i1]
        if (lo > 0 and j0 - lo < margin) or (hi <= m and hi - 1 - j1 < margin):
            return True
    return False
