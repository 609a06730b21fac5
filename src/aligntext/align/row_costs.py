"""The aligner's bead costs for a block of DP rows at once.

The dynamic programme (:mod:`aligntext.align.search`) goes row by row, since a row's best
paths need the rows above; the cost of a bead does not, so the costs of many rows are worked
out together in a few large array operations instead of dozens of small ones per row. Each
element is computed by the same operations in the same order as the row-wise
``costs`` of the search's cost model, so the two agree to the last bit (the alignment, and
every report, stay byte for byte the same).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from aligntext.align.features import CostParams, length_cost, punct_cost

#: Cells (rows x band columns) costed together: bounds the memory of a block.
BLOCK_CELLS = 1 << 15


class CostTables(Protocol):
    """The cumulative tables of the search's cost model that a bead's cost is read from."""

    params: CostParams
    m: int
    ls: np.ndarray
    lt: np.ndarray
    ps: np.ndarray
    pt: np.ndarray
    fs: np.ndarray
    ft: np.ndarray
    fs_null: np.ndarray
    prior: dict[tuple[int, int], float]
    q: dict[tuple[int, int], np.ndarray]
    qoff: np.ndarray
    qw: int


def block_costs(
    tables: CostTables,
    rows: np.ndarray,
    cols: np.ndarray,
    types: tuple[tuple[int, int], ...],
) -> dict[tuple[int, int], np.ndarray]:
    """The cost of each bead shape ``(a, b)`` of ``types`` ending at source count ``i`` of
    ``rows`` and target counts ``cols[k]`` (row ``k`` of the block, one array row per DP
    row; no semantic scorer). A shape with ``a > i`` gets a meaningless row (the DP skips
    it); ``b == 0`` gets one column, the same for every target."""
    p = tables.params
    m = tables.m
    spans = {}
    for b in sorted({b for _, b in types if b}):
        jc = np.minimum(np.maximum(cols, b), m)
        spans[b] = (
            tables.lt[jc] - tables.lt[jc - b],
            tables.pt[jc] - tables.pt[jc - b],
            tables.ft[jc] - tables.ft[jc - b],
        )
    width = cols.shape[1]
    steps = np.arange(width)
    out: dict[tuple[int, int], np.ndarray] = {}
    for a, b in types:
        before = np.maximum(rows - a, 0)
        if b == 0:
            null = tables.fs_null[rows] - tables.fs_null[before]
            out[(a, b)] = (a * tables.prior[(1, 0)] + null)[:, None]
            continue
        lt, pt, ft = spans[b]
        ls = (tables.ls[rows] - tables.ls[before])[:, None]
        cost = length_cost(ls, lt, p)
        cost += punct_cost((tables.ps[rows] - tables.ps[before])[:, None, :], pt, p)
        cost += (tables.prior[(a, b)] + (tables.fs[rows] - tables.fs[before]))[:, None] + ft
        q = tables.q.get((a, b))
        if q is not None:
            # The anchor reward of the bead: row i - 1 of q, read from column qoff[i - 1]
            # (0 outside the stored window), as the row-wise frames take it.
            last = np.maximum(rows - 1, 0)
            start = cols[:, 0] - 1 - tables.qoff[last]
            at = start[:, None] + steps
            inside = (at >= 0) & (at < tables.qw)
            reward = np.where(inside, q[last[:, None], np.clip(at, 0, tables.qw - 1)], 0.0)
            cost -= reward
        out[(a, b)] = cost
    return out
