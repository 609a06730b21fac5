"""The DP's block costs (aligntext.align.row_costs) against the row-wise costs they replace."""

from __future__ import annotations

import numpy as np
import pytest

from aligntext.align import search
from aligntext.align.band import diagonal_band, diagonal_costs
from aligntext.align.features import CostParams, side_features
from aligntext.align.row_costs import block_costs

# Written for this test: sentences of varied length, punctuation, figures and names, so that
# every cost term (length, punctuation, facts, anchors) differs from row to row.
_EN = [
    "The council met in Geneva on 4 May and agreed a budget of 1,250 million euros.",
    "Why did the talks stall?",
    "Delegates from Norway, Chile and Kenya spoke: all asked for more time.",
    "The vote (the third this year) passed with 61% in favour.",
    "A report is due in October.",
    "Maria Lindqvist, the chair, thanked the hosts; the session closed at 18:30.",
]
_RU = [
    "Совет собрался в Женеве 4 мая и согласовал бюджет в 1250 миллионов евро.",
    "Почему переговоры зашли в тупик?",
    "Делегаты Норвегии, Чили и Кении выступили: все просили больше времени.",
    "Голосование (третье в этом году) прошло: 61% за.",
    "Доклад ожидается в октябре.",
    "Председатель Мария Линдквист поблагодарила хозяев; заседание закрылось в 18:30.",
]


@pytest.mark.parametrize("banded", [False, True])
def test_block_costs_equal_row_costs_bit_for_bit(banded: bool) -> None:
    # Equal to the last bit: the DP picks among near-equal paths, so any rounding difference
    # could change an alignment and every report after it.
    src = [_EN[k % 6] for k in range(40)]
    tgt = [_RU[k % 6] for k in range(40) if k != 17]
    sf, tf = side_features(src, "en"), side_features(tgt, "ru")
    params = CostParams(ratio=1.1)
    n, m = len(src), len(tgt)
    centre = diagonal_costs(sf, tf) if banded else None
    anchors = search._anchors(sf, tf, params, centre)
    band = diagonal_band(sf, tf, 4) if banded else search.full_band(n, m)
    problem = search._Problem(sf, tf, params, anchors, None, band)
    assert problem.q  # the anchor rewards are exercised
    width = band.width
    steps = np.arange(width)
    rows = np.arange(1, n + 1)
    block = block_costs(problem, rows, band.lo[rows][:, None] + steps, search.BEAD_TYPES)
    for i in rows:
        cols = band.lo[i] + steps
        tf0 = int(band.lo[i]) - 3
        frames = problem.frames(i, tf0, width + 3)
        for a, b in search.BEAD_TYPES:
            if a > i:
                continue
            row = problem.costs(i, a, b, cols, frames[a], tf0)
            got = np.broadcast_to(block[(a, b)][i - 1], row.shape)
            assert np.array_equal(got, row), (i, a, b)
