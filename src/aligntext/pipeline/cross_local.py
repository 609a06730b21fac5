"""Checking versions against each other where the pivot cannot speak for them.

:mod:`aligntext.pipeline.cross_versions` regroups what each version's check against the
pivot found. In a row where the pivot has no sentence, or where the pivot lacks a fact that
other versions state differently, those checks have nothing to compare the versions with:
``tr says 635`` against ``ru says 653`` is only visible when ``ru`` and ``tr`` are checked
against each other. This module does that, on those rows only: the first version with a
sentence there (the row's local pivot) is checked against every other version that has one,
so what is found does not depend on the order in which the files were given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from aligntext.types import Alignment, Bead, Finding, Version

#: Fact types checked between the versions beside the pivot. Names are left out: how a
#: name is regrouped across versions leans on the pivot's own names.
LOCAL_TYPES: frozenset[str] = frozenset({"number", "date"})


@dataclass(frozen=True)
class LocalFinding:
    """A finding of version ``version`` checked against the row's local pivot ``pivot``.

    Args:
        row: the multi-way row it is in.
        pivot: the index of the version that served as the row's pivot.
        version: the index of the version checked against it.
        finding: the pairwise finding; its ``pair`` is meaningless here.
    """

    row: int
    pivot: int
    version: int
    finding: Finding


def check_local_pivots(
    versions: Sequence[Version],
    segments: Callable[[int, int], Sequence[int]],
    plan: Mapping[int, tuple[int, frozenset[str]]],
) -> list[LocalFinding]:
    """Check, in each planned row, every version with a sentence there against the row's pivot.

    Args:
        versions: all versions, the real pivot first.
        segments: ``segments(k, row)``, the segment indices of version ``k`` in ``row``.
        plan: row -> (the local pivot's index, the fact types to keep).

    Returns:
        The findings of the kept types, in row order per pair of versions.
    """
    from aligntext.check import check_alignment

    # One alignment per (local pivot, version) pair, a bead per row: the checker then sees
    # each pair's rows once, as it sees a pivot alignment.
    by_pair: dict[tuple[int, int], list[int]] = {}
    for row, (p, _) in sorted(plan.items()):
        for k in range(len(versions)):
            if k != p and segments(k, row) and segments(p, row):
                by_pair.setdefault((p, k), []).append(row)
    out: list[LocalFinding] = []
    for (p, k), rows in by_pair.items():
        beads = tuple(Bead(tuple(segments(p, r)), tuple(segments(k, r))) for r in rows)
        alignment = Alignment(
            beads,
            src=versions[p].segments,
            tgt=versions[k].segments,
            src_lang=versions[p].lang,
            tgt_lang=versions[k].lang,
        )
        for f in check_alignment(alignment):
            if 0 <= f.pair < len(rows) and f.type in plan[rows[f.pair]][1]:
                out.append(LocalFinding(rows[f.pair], p, k, f))
    return out
