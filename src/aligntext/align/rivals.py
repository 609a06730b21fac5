"""How sure a 1-1 bead is against the other places its two sentences could go.

A bead's margin over leaving its sentences unaligned says that they fit each other, not that
no other sentence fits better. Where aligned beads follow each other closely that is the same
thing. Where many sentences lie unaligned between a bead and its aligned neighbours (one
paragraph checked against a whole release, an excerpt of a longer version), the bead's target
sentence could as well pair with any of the unaligned source sentences there, and the other
way round; each such move leaves the rest of the path as it is. The confidence of the bead is
then its share of ``exp(-cost)`` among itself, leaving both sentences unaligned, and every
such move (a local posterior): a lone sentence whose best place barely beats its second best
gets about one half, where the margin over leaving it unaligned alone gave it 1.0.

Only the final confidence weighs rivals: the first pass's margins pick the beads that the
length model and the lexicon are learnt from, and rivals there lowered the bench's F1.
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np

Path = list[tuple[int, int, int, int]]


class BeadCosts(Protocol):
    """What :func:`rival_mass` reads from the search's cost model."""

    fs_each: np.ndarray
    ft_each: np.ndarray
    prior: dict[tuple[int, int], float]

    def bead_cost(self, i: int, j: int, a: int, b: int) -> float:
        """The cost of the ``a``-``b`` bead ending at source count ``i``, target count ``j``."""
        ...


def free_spans(path: Path) -> list[tuple[int, int, int, int]]:
    """Per bead, the source and target sentences ``(s0, s1, t0, t1)`` from the end of the
    aligned bead before it to the start of the aligned bead after it."""
    n_end, m_end = (path[-1][2], path[-1][3]) if path else (0, 0)
    before: list[tuple[int, int]] = []
    last = (0, 0)
    for i0, j0, i1, j1 in path:
        before.append(last)
        if i1 > i0 and j1 > j0:
            last = (i1, j1)
    out: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)] * len(path)
    nxt = (n_end, m_end)
    for k in range(len(path) - 1, -1, -1):
        i0, j0, i1, j1 = path[k]
        out[k] = (before[k][0], nxt[0], before[k][1], nxt[1])
        if i1 > i0 and j1 > j0:
            nxt = (i0, j0)
    return out


def rival_mass(problem: BeadCosts, path: Path) -> list[float]:
    """Per bead, the sum of ``exp(cost - alternative)`` over the moves of a 1-1 bead's
    sentences to unaligned partners between its aligned neighbours (0 for other beads)."""
    out = [0.0] * len(path)
    for k, ((i0, j0, i1, j1), (s0, s1, t0, t1)) in enumerate(
        zip(path, free_spans(path), strict=True)
    ):
        if i1 - i0 != 1 or j1 - j0 != 1 or (s1 - s0 <= 1 and t1 - t0 <= 1):
            continue
        cost = problem.bead_cost(i1, j1, 1, 1)
        total = 0.0
        # The target sentence with another source sentence, the bead's own left unaligned
        # (both pay the same 1-0 prior, so only their facts' cost differs); then the reverse.
        for s in range(s0, s1):
            if s != i0:
                alt = problem.bead_cost(s + 1, j1, 1, 1) + problem.fs_each[i0] - problem.fs_each[s]
                total += math.exp(max(min(cost - alt, 40.0), -40.0))
        for t in range(t0, t1):
            if t != j0:
                alt = problem.bead_cost(i1, t + 1, 1, 1) + problem.ft_each[j0] - problem.ft_each[t]
                total += math.exp(max(min(cost - alt, 40.0), -40.0))
        out[k] = total
    return out
