"""Judging the pairwise findings of three or more versions together: the odd one out.

``compare`` aligns every version to the pivot and checks each pair; this module regroups
those findings by row and fact, so that each disagreement is reported once with what every
version says (``en says 12 March 2024; az, ru and tr say 14 March 2024``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aligntext.pipeline.cross_local import LOCAL_TYPES, check_local_pivots
from aligntext.types import (
    Alignment,
    Fact,
    Finding,
    Span,
    Version,
    severity_rank,
    version_labels,
)

#: Finding types about one fact; these are the ones compared across all versions.
FACT_TYPES: tuple[str, ...] = ("number", "date", "entity")


def cross_version_findings(
    versions: Sequence[Version],
    alignments: Sequence[Alignment],
    findings: Sequence[Sequence[Finding]],
    bead_rows: Sequence[Sequence[int]],
) -> list[Finding]:
    """Judge each pairwise disagreement across all versions and name the odd one out.

    A pivot fact that some versions contradict is grouped by what each version says: the
    versions with no finding on it agree with the pivot, the others are grouped by their
    value. A fact only some versions add, and a sentence only some versions omit or add, are
    grouped the same way. Where the pivot cannot see a disagreement (a row it has no
    sentence in, or a number or date it lacks that other versions state differently), the
    versions are checked against each other there (:mod:`aligntext.pipeline.cross_local`),
    so what is found does not depend on which file comes first.

    Args:
        versions: the versions, pivot first.
        alignments: the pivot-to-version alignments.
        findings: the pairwise findings, one sequence per alignment.
        bead_rows: the row of each bead of each alignment (from :func:`rows_of_beads`).

    Returns:
        One finding per disagreement, ``pair`` being its row index, ``src_spans`` the pivot's
        spans (none where another version served as the row's pivot), ``src_lang`` the
        pivot's language and ``tgt_lang`` the languages that differ from the majority
        (comma-separated), in row order.
    """
    # key -> {version index: finding}
    groups: dict[tuple[Any, ...], dict[int, Finding]] = {}
    for k, (alignment, found) in enumerate(zip(alignments, findings, strict=True), start=1):
        for f in found:
            if not 0 <= f.pair < len(alignment.beads):
                continue
            row = bead_rows[k - 1][f.pair]
            key = _cross_key(f, row, versions[k].lang)
            if key is None:
                continue
            groups.setdefault(key, {})[k] = f

    rows = _Rows(versions, alignments, bead_rows)
    pivots = _add_local_pivot_groups(groups, versions, rows)
    out: list[Finding] = []
    for key, by_version in groups.items():
        finding = _cross_finding(key, by_version, versions, rows, pivots.get(key, 0))
        if finding is not None:
            out.append(finding)
    out.sort(key=lambda f: (f.pair, -severity_rank(f.severity), f.type))
    return out


def _add_local_pivot_groups(
    groups: dict[tuple[Any, ...], dict[int, Finding]], versions: Sequence[Version], rows: _Rows
) -> dict[tuple[Any, ...], int]:
    """Replace, in place, the groups of the rows the pivot cannot judge by the findings of
    the versions checked against the row's first version; return each new key's pivot."""
    # row -> (local pivot, fact types to judge there)
    plan: dict[int, tuple[int, frozenset[str]]] = {}
    for row in rows.rows():
        present = [k for k in range(len(versions)) if rows.present(k, row)]
        if not rows.present(0, row) and len(present) >= 2:
            plan[row] = (present[0], LOCAL_TYPES)
    # Versions that each add a fact the pivot lacks, with different values (ru 653, tr 635):
    # whether they contradict each other only a check between them can tell.
    extras: dict[tuple[int, str], list[tuple[Any, ...]]] = {}
    for key in groups:
        if key[1] in LOCAL_TYPES and key[2] == "extra":
            extras.setdefault((key[0], key[1]), []).append(key)
    for (row, ftype), keys in extras.items():
        if len(keys) < 2:
            continue
        first = min(k for key in keys for k in groups[key])
        p, types = plan.get(row, (first, frozenset()))
        plan[row] = (min(p, first), types | {ftype})
    for key in [key for key in groups if key[0] in plan and key[1] in plan[key[0]][1]]:
        del groups[key]
    pivots: dict[tuple[Any, ...], int] = {}
    for found in check_local_pivots(versions, rows.segments, plan):
        base = _cross_key(found.finding, found.row, versions[found.version].lang)
        if base is None:
            continue
        key = (*base, "local", found.pivot)
        groups.setdefault(key, {})[found.version] = found.finding
        pivots[key] = found.pivot
    return pivots


class _Rows:
    """What each version has in each row: whether it has a sentence there, and its names
    (extracted when first asked for)."""

    def __init__(
        self,
        versions: Sequence[Version],
        alignments: Sequence[Alignment],
        bead_rows: Sequence[Sequence[int]],
    ) -> None:
        self._versions = versions
        # version index (0, the pivot) -> row -> segment indices of that version in the row.
        # Every alignment has the pivot's sentences of a row; dict keys keep each once.
        segments: list[dict[int, dict[int, None]]] = [{} for _ in versions]
        for k, (alignment, rows) in enumerate(zip(alignments, bead_rows, strict=True), start=1):
            for bead, row in zip(alignment.beads, rows, strict=True):
                segments[k].setdefault(row, {}).update(dict.fromkeys(bead.tgt))
                segments[0].setdefault(row, {}).update(dict.fromkeys(bead.src))
        self._segments = [{row: list(ix) for row, ix in by_row.items()} for by_row in segments]
        self._texts: dict[int, dict[int, str]] = {}
        self._names: dict[tuple[int, int], list[Fact]] = {}

    def rows(self) -> list[int]:
        """Every row some version has a sentence in, in order."""
        return sorted({row for by_row in self._segments for row, ix in by_row.items() if ix})

    def segments(self, k: int, row: int) -> list[int]:
        """The segment indices of version ``k`` in ``row``."""
        return self._segments[k].get(row, [])

    def present(self, k: int, row: int) -> bool:
        """Whether version ``k`` has a sentence of its own in ``row``: a version whose bead
        there is empty says nothing, so it can neither agree nor disagree with a fact of it."""
        return bool(self._segments[k].get(row))

    def names(self, k: int, row: int) -> list[Fact]:
        """The name facts of version ``k`` (0, the pivot) in ``row``."""
        if (k, row) not in self._names:
            from aligntext.check import extract_facts

            version = self._versions[k]
            if k not in self._texts:
                self._texts[k] = {seg.index: seg.text for seg in version.segments}
            by_index = self._texts[k]
            text = " ".join(by_index.get(i, "") for i in self._segments[k].get(row, []))
            facts = extract_facts(text, version.lang) if text.strip() else []
            self._names[k, row] = [f for f in facts if f.kind == "entity"]
        return self._names[k, row]


def _regroup_names(
    said: dict[str, list[int]],
    spellings: dict[str, list[str]],
    by_version: dict[int, Finding],
    row: int,
    rows: _Rows,
) -> dict[str, list[Fact]]:
    """Group the versions by the name they have where the pivot's went, in place; return
    the name facts of each group.

    Two versions that put the same name there, each spelt its own way, say one name
    (``İncildə`` and ``İncil'e``). A version whose pairwise check found no counterpart of
    the pivot's name may still have the name another version put there, spelt its own way
    (``Cologne`` in en, ``Кельн`` in ru, ``Köln'e`` in tr), or a name of its own that no word
    of the pivot's sentence explains: it says that name.
    """
    from aligntext.check import facts_match

    groups: list[tuple[list[Fact], str]] = []
    for value in [v for v in said if v]:
        facts = [t for k in said[value] for t in by_version[k].tgt_facts]
        same = next(
            (g for g in groups if any(facts_match(a, b) for a in facts for b in g[0])), None
        )
        if same is None:
            groups.append((facts, value))
            continue
        same[0].extend(facts)
        said[same[1]] += said.pop(value)
        spellings[same[1]] += [x for x in spellings.pop(value) if x not in spellings[same[1]]]
    pivot = rows.names(0, row)
    for k in list(said.get("", [])):
        own = [m for m in rows.names(k, row) if not any(facts_match(m, p) for p in pivot)]
        if not own:
            continue
        value, mine = _group_of(own, groups)
        if not mine:
            value, mine = own[0].text, own[:1]
            groups.append((list(mine), value))
            said[value], spellings[value] = [], [value]
        said[""].remove(k)
        said[value].append(k)
        if mine[0].text not in spellings[value]:
            spellings[value].append(mine[0].text)
    if not said.get("", True):
        del said[""]
    return {value: facts for facts, value in groups}


def _group_of(own: list[Fact], groups: list[tuple[list[Fact], str]]) -> tuple[str, list[Fact]]:
    """The first group one of the names ``own`` matches, and those names (none: ``""``)."""
    from aligntext.check import facts_match

    for facts, value in groups:
        mine = [m for m in own if any(facts_match(m, t) for t in facts)]
        if mine:
            return value, mine
    return "", []


def _corroborated(facts: Sequence[Fact], ks: Sequence[int], row: int, rows: _Rows, n: int) -> bool:
    """Whether a name of ``facts`` (said by versions ``ks``) is among the names of another
    non-pivot version in ``row`` while the pivot's sentence has no such name (a name of the
    sentence put in another's place, "Hasanov met Hasanov", stays a swap)."""
    from aligntext.check import facts_match

    pivot = rows.names(0, row)
    own = [f for f in facts if not any(facts_match(f, p) for p in pivot)]
    return any(
        facts_match(f, m)
        for j in range(1, n)
        if j not in ks
        for m in rows.names(j, row)
        for f in own
    )


def _cross_key(f: Finding, row: int, lang: str) -> tuple[Any, ...] | None:
    if f.type in FACT_TYPES:
        if f.src_spans:
            span = f.src_spans[0]
            return (row, f.type, "pivot", span.segment, span.start, span.end)
        if f.tgt_spans:
            return (row, f.type, "extra", _fact_value(f.type, f.tgt_facts, f.tgt_spans))
        return None
    if f.type in ("omission", "addition"):
        return (row, f.type)
    return None


def _cross_finding(
    key: tuple[Any, ...],
    by_version: dict[int, Finding],
    versions: Sequence[Version],
    rows: _Rows,
    pivot: int = 0,
) -> Finding | None:
    """One finding for a group; ``pivot`` is the version the others were checked against
    (the real pivot, or the first version with a sentence in a row the pivot lacks)."""
    row, ftype = key[0], key[1]
    names = version_labels(versions)
    differing = sorted(by_version)
    agreeing = [k for k in range(len(versions)) if k not in by_version]
    # A version with no sentence in this row has no say on a fact of it: it is named apart
    # rather than counted with the versions that state the pivot's value.
    absent: list[int] = []
    if ftype in FACT_TYPES:
        absent = [k for k in agreeing if not rows.present(k, row)]
        agreeing = [k for k in agreeing if k not in absent]
    lacking = (
        f"{_join([names[k] for k in absent])} {_verb(len(absent), 'lacks', 'lack')} the sentence"
        if absent
        else ""
    )
    some = next(iter(by_version.values()))
    severity = max((f.severity for f in by_version.values()), key=severity_rank)
    # Spans of a local pivot are not the pivot's: the finding then points at none.
    pivot_spans = some.src_spans if pivot == 0 else ()

    def make(ftype: str, message: str, odd: Sequence[int] | None = None) -> Finding:
        return _make_cross(
            row, ftype, severity, message, pivot_spans, versions, differing, agreeing, odd, pivot
        )

    if ftype in ("omission", "addition"):
        have, lack = (agreeing, differing) if ftype == "omission" else (differing, agreeing)
        lack_clause = (
            f"{_join([names[k] for k in lack])} {_verb(len(lack), 'lacks', 'lack')} this sentence"
        )
        if len(lack) < len(have) or (ftype == "omission" and len(lack) == len(have)):
            # The fewer versions lack it: they dropped it (whichever file came first).
            message = f"{lack_clause}; {_join([names[k] for k in have])} "
            message += _verb(len(have), "has", "have") + " it"
            return make("omission", message, lack)
        message = (
            f"{_join([names[k] for k in have])} {_verb(len(have), 'adds', 'add')} a sentence "
            f"that {_join([names[k] for k in lack])} {_verb(len(lack), 'does', 'do')} not have"
        )
        return make("addition", message, have)

    noun = {"number": "number", "date": "date", "entity": "name"}[ftype]
    if key[2] == "extra":
        value = key[3]
        clauses = [
            f"{_join([names[k] for k in differing])} {_verb(len(differing), 'says', 'say')} {value}"
        ]
        if agreeing:
            clauses.append(
                f"{_join([names[k] for k in agreeing])} "
                f"{_verb(len(agreeing), 'has', 'have')} no such {noun}"
            )
        message = "; ".join([*clauses, *filter(None, [lacking])])
        return make(ftype, message)

    pivot_value = _fact_value(ftype, some.src_facts, some.src_spans) if some.src_spans else "?"
    # Group the differing versions by what they say instead.
    said: dict[str, list[int]] = {}
    for k in differing:
        f = by_version[k]
        value = _fact_value(ftype, f.tgt_facts, f.tgt_spans) if f.tgt_spans else ""
        said.setdefault(value, []).append(k)
    spellings = {value: [value] for value in said}
    group_facts: dict[str, list[Fact]] = {}
    if ftype == "entity":
        group_facts = _regroup_names(said, spellings, by_version, row, rows)
    parts: list[tuple[list[int], str]] = [(agreeing, pivot_value)] if agreeing else []
    parts += [(sorted(ks), " / ".join(spellings[value])) for value, ks in said.items()]
    # The odd ones out first: the smallest groups lead, the pivot's side breaks ties last.
    # Among equal groups, those that state a value come before those that have none.
    parts.sort(key=lambda p: (len(p[0]), not p[1], p[0] == agreeing))
    clauses = []
    for ks, value in parts:
        who = _join([names[k] for k in ks])
        if value:
            clauses.append(f"{who} {_verb(len(ks), 'says', 'say')} {value}")
        else:
            clauses.append(f"{who} {_verb(len(ks), 'has', 'have')} no {noun} there")
    if lacking:
        clauses.append(lacking)
    if ftype == "entity" and said and all(v and len(ks) >= 2 for v, ks in said.items()):
        # Versions translated independently that put one name where the pivot's went, each
        # in its own spelling ("Bible" / "İncildə" / "İncil'e"), render the name so: two
        # translators do not make one slip. Noted, with what each says.
        severity = "info"
        clauses.append("versions that agree render the name so")
    elif (
        ftype == "entity"
        and said
        and all(
            v and _corroborated(group_facts.get(v, []), ks, row, rows, len(versions))
            for v, ks in said.items()
        )
    ):
        # The name a version put there is in the same sentence of another version too: it
        # is a name of the sentence the translators placed differently, not one from nowhere.
        severity = "info"
        clauses.append("other versions name it too")
    # The odd ones out: the smallest groups besides the pivot's, when a larger group exists
    # and the pivot's is no smaller ("en says Cologne; ru says Мюнхен; az and tr say Köln":
    # ru). Otherwise the pivot against the rest, as for other facts.
    others = [ks for ks, _ in parts if ks is not agreeing]
    odd = None
    if others:
        least = min(len(ks) for ks in others)
        if least < max(len(ks) for ks, _ in parts) and least <= len(agreeing):
            odd = [k for ks in others if len(ks) == least for k in ks]
    return make(ftype, "; ".join(clauses), odd)


def _make_cross(
    row: int,
    ftype: str,
    severity: str,
    message: str,
    pivot_spans: tuple[Any, ...],
    versions: Sequence[Version],
    differing: Sequence[int],
    agreeing: Sequence[int],
    odd: Sequence[int] | None = None,
    pivot: int = 0,
) -> Finding:
    # The odd ones out are the smaller side; when the pivot stands alone it is the odd one.
    if odd is None:
        odd = list(differing) if len(differing) <= len(agreeing) else [pivot]
    return Finding(
        pair=row,
        type=ftype,
        severity=severity,
        message=message,
        src_spans=tuple(pivot_spans),
        src_lang=versions[pivot].lang,
        tgt_lang=",".join(versions[k].lang for k in sorted(odd)),
        versions=tuple(sorted(odd)),
    )


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def _fact_value(ftype: str, facts: Sequence[Fact], spans: Sequence[Span]) -> str:
    """A language-neutral, readable value of the first fact a finding is about.

    Dates and numbers are written from the typed fact the checker attached to the finding
    (``1993-cü il aprelin 30-u`` reads ``30 April 1993``), so versions saying the same thing
    group together; names keep their surface form, as does a fact the finding lacks.
    """
    text = spans[0].text.strip() if spans else ""
    if facts and facts[0].kind == "weekday" and facts[0].key.isdigit():
        # ISO day number: 1 is Monday.
        return _WEEKDAYS[(int(facts[0].key) - 1) % 7]
    if ftype not in ("date", "number") or not facts or facts[0].kind != ftype:
        return text
    key = facts[0].key
    return _format_date_key(key) if ftype == "date" else _format_number_key(key)


def _format_date_key(key: str) -> str:
    parts = key.split("-")
    if len(parts) != 3:
        return key
    year, month, day = parts
    out = []
    if day.isdigit():
        out.append(str(int(day)))
    if month.isdigit() and 1 <= int(month) <= 12:
        out.append(_MONTHS[int(month) - 1])
    if year.isdigit():
        out.append(year)
    return " ".join(out) or key


def _format_number_key(key: str) -> str:
    """``6500000000`` -> ``6.5 billion``, ``60000`` -> ``60,000``; other keys unchanged."""
    try:
        value = float(key)
    except ValueError:
        return key
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            short = value / scale
            if round(short, 3) == short:
                return f"{short:g} {word}"
    if value.is_integer() and abs(value) >= 10000:
        return f"{int(value):,}"
    return key
