"""Multi-way alignment: every version aligned to a pivot, then joined into rows.

Each non-pivot version is aligned pairwise to the pivot. Pivot sentences that any pairwise
alignment puts in one bead form one group; a row holds a pivot group and, for every other
version, the sentences its beads align to that group. Sentences a version adds (0-1 beads)
get rows of their own, at the place they occur; where several versions add sentences at
the same place (a sentence the pivot lacks), those are aligned with each other into rows
that only the pivot has nothing in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from aligntext.align.features import SemanticScorer
from aligntext.align.search import align
from aligntext.arguments import as_items
from aligntext.errors import InputError, InputTypeError
from aligntext.langs import resolve_lang
from aligntext.types import Alignment, MultiAlignment, Segment, Signature

#: One row of a multi-way alignment: a tuple of segment indices per version.
Row = tuple[tuple[int, ...], ...]

#: Gives the semantic scorer for a ``(pivot_lang, other_lang)`` pair, or ``None``.
ScorerFactory = Callable[[str, str], "SemanticScorer | None"]


def _pivot_groups(n: int, alignments: Sequence[Alignment]) -> list[int]:
    """Group id of each pivot sentence: sentences sharing a bead anywhere share a group."""
    joined = [False] * n  # joined[k]: sentence k is in one group with sentence k - 1
    for alignment in alignments:
        for bead in alignment.beads:
            for k in bead.src[1:]:
                joined[k] = True
    group = []
    current = -1
    for k in range(n):
        if not joined[k]:
            current += 1
        group.append(current)
    return group


def multiway_rows(n_pivot: int, alignments: Sequence[Alignment], pivot: int = 0) -> tuple[Row, ...]:
    """Rows of corresponding segment indices across versions, from pivot alignments.

    Args:
        n_pivot: the number of pivot segments.
        alignments: pivot-to-version alignments, one per non-pivot version, in version order.
        pivot: where the pivot goes among the versions of a row.

    Returns:
        Rows in document order; each row has one index tuple per version.
    """
    group = _pivot_groups(n_pivot, alignments)
    n_groups = (group[-1] + 1) if group else 0
    others = len(alignments)
    # members[v][g]: target indices of version v in group g; before[v][g]: runs of added
    # sentences that come just before group g (g == n_groups: after the last group).
    members: list[list[list[int]]] = [[[] for _ in range(n_groups)] for _ in range(others)]
    before: list[list[list[list[int]]]] = [[[] for _ in range(n_groups + 1)] for _ in range(others)]
    for v, alignment in enumerate(alignments):
        pending: list[int] = []
        last_group = -1
        for bead in alignment.beads:
            if not bead.src:
                pending.extend(bead.tgt)
                continue
            g = group[bead.src[0]]
            if pending:
                if g == last_group:
                    # Added between two beads of one group: it belongs to the group.
                    members[v][g].extend(pending)
                else:
                    before[v][g].append(pending)
                pending = []
            members[v][g].extend(bead.tgt)
            last_group = g
        if pending:
            before[v][n_groups].append(pending)

    def row(pivot_part: tuple[int, ...], parts: list[tuple[int, ...]]) -> Row:
        return (*parts[:pivot], pivot_part, *parts[pivot:])

    pivot_of: list[list[int]] = [[] for _ in range(n_groups)]
    for k, g in enumerate(group):
        pivot_of[g].append(k)
    rows: list[Row] = []
    for g in range(n_groups + 1):
        for v in range(others):
            for run in before[v][g]:
                parts: list[tuple[int, ...]] = [() for _ in range(others)]
                parts[v] = tuple(run)
                rows.append(row((), parts))
        if g < n_groups:
            group_parts = [tuple(sorted(members[v][g])) for v in range(others)]
            rows.append(row(tuple(pivot_of[g]), group_parts))
    return tuple(rows)


def _join_additions(
    rows: Sequence[Row],
    segments: Sequence[Sequence[Segment]],
    langs: Sequence[str],
    pivot: int,
    scorer: ScorerFactory | None,
) -> tuple[Row, ...]:
    """Rows where the pivot has nothing, aligned among the versions that have something.

    Each version is aligned to the pivot alone, so a sentence the pivot lacks comes back
    from every other version as an addition of its own: three rows (and three findings, "en
    adds", "ru adds", "tr adds") for what is one sentence the pivot left out. Between two
    pivot rows the added sentences are aligned with each other (the first version that has
    some as their pivot), so the sentence is one row that only the pivot lacks.
    """
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if rows[i][pivot]:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and not rows[j][pivot]:
            j += 1
        added = [sorted(k for r in rows[i:j] for k in r[v]) for v in range(len(langs))]
        having = [v for v, ks in enumerate(added) if ks]
        if len(having) < 2:
            out.extend(rows[i:j])
        else:
            local = [[segments[v][k] for k in added[v]] for v in having]
            first = langs[having[0]]
            subs = [
                align(
                    local[0],
                    local[m],
                    first,
                    langs[v],
                    scorer=scorer(first, langs[v]) if scorer is not None else None,
                )
                for m, v in enumerate(having[1:], 1)
            ]
            for sub in multiway_rows(len(local[0]), subs):
                full: list[tuple[int, ...]] = [() for _ in langs]
                for m, v in enumerate(having):
                    full[v] = tuple(added[v][k] for k in sub[m])
                out.append(tuple(full))
        i = j
    return tuple(out)


def align_multi(
    versions: Sequence[tuple[str, Sequence[str | Segment]]] | Mapping[str, Sequence[str | Segment]],
    pivot: int = 0,
    *,
    scorer: ScorerFactory | None = None,
) -> MultiAlignment:
    """Align two or more language versions through a pivot.

    Args:
        versions: ``(lang, segments)`` per version, or a mapping ``{lang: segments}`` (in
            its order; a list of pairs can hold two versions in one language); segments are
            lists of strings or :class:`~aligntext.types.Segment` objects.
        pivot: index of the version every other one is aligned to.
        scorer: optional factory giving a semantic scorer per ``(pivot_lang, other_lang)``.

    Returns:
        A :class:`~aligntext.types.MultiAlignment` whose rows cover every segment of every
        version exactly once.

    Raises:
        InputError: fewer than two versions, a pivot out of range, or an unknown language.
        InputTypeError: a version that is not a ``(lang, segments)`` pair, or segments
            given as one string.
    """
    if isinstance(versions, Mapping):
        versions = list(versions.items())
    versions = as_items(versions, "versions", "(language, segments) pairs")
    for k, item in enumerate(versions):
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise InputTypeError(
                f"version {k} is {type(item).__name__} {str(item)[:30]!r}, not a "
                "(language, segments) pair"
            )
    if len(versions) < 2:
        raise InputError(
            f"multi-way alignment needs at least two versions, got {len(versions)}; "
            "give two or more (language, segments) pairs"
        )
    if not 0 <= pivot < len(versions):
        raise InputError(
            f"pivot {pivot} is out of range for {len(versions)} versions; "
            f"give 0 to {len(versions) - 1}"
        )
    langs = tuple(resolve_lang(lang) for lang, _ in versions)
    piv_lang, piv_segs = langs[pivot], versions[pivot][1]
    alignments: list[Alignment] = []
    warnings: list[str] = []
    for v, (_lang, segs) in enumerate(versions):
        if v == pivot:
            continue
        sc = scorer(piv_lang, langs[v]) if scorer is not None else None
        alignment = align(piv_segs, segs, piv_lang, langs[v], scorer=sc)
        alignments.append(alignment)
        warnings.extend(f"{piv_lang}/{langs[v]} (version {v + 1}): {w}" for w in alignment.warnings)
    segments = [a.tgt for a in alignments]
    segments.insert(pivot, alignments[0].src)
    rows = multiway_rows(len(alignments[0].src), alignments, pivot)
    rows = _join_additions(rows, segments, langs, pivot, scorer)
    fields = dict(alignments[0].signature.fields)
    fields["pivot"] = piv_lang
    fields["langs"] = ",".join(langs)
    return MultiAlignment(
        langs=langs,
        rows=rows,
        alignments=tuple(alignments),
        pivot=pivot,
        segments=tuple(segments),
        signature=Signature(tuple(fields.items())),
        warnings=tuple(warnings),
    )
