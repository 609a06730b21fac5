"""What every view of a comparison report shares: its rows, the findings of each row, the
highlighted pieces of a sentence, the finding summaries and the language names."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from aligntext.types import (
    SEVERITIES,
    Finding,
    Report,
    Segment,
    Span,
    Version,
    rows_of_beads,
)

#: A finding type that can stand in a CSS selector and an id as it is (the filters).
CSS_NAME = re.compile(r"[a-z][a-z_-]*")


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an ``s`` unless ``n`` is one ("1 sentence", "2 rows")."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


#: Finding types in the order reports list them.
TYPE_ORDER: tuple[str, ...] = (
    "number",
    "date",
    "entity",
    "omission",
    "addition",
    "untranslated",
    "length",
    "alignment",
)


SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summarize(findings: Sequence[Finding]) -> dict[str, Any]:
    """Counts by severity and by type (each type split by severity)."""
    by_severity = Counter(f.severity for f in findings)
    by_type: dict[str, Counter[str]] = {}
    for f in findings:
        by_type.setdefault(f.type, Counter())[f.severity] += 1
    return {
        "total": len(findings),
        "by_severity": {s: by_severity.get(s, 0) for s in reversed(SEVERITIES)},
        "by_type": {
            t: {s: by_type[t].get(s, 0) for s in reversed(SEVERITIES)}
            for t in sorted(by_type, key=type_key)
        },
    }


def type_key(t: str) -> tuple[int, str]:
    """Sort key of a finding type: the report's order, unknown types last by name."""
    return (TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), t)


def lang_name(code: str) -> str:
    """``az`` -> ``Azerbaijani`` (the code itself when unknown)."""
    from aligntext.langs import LANGUAGES

    language = LANGUAGES.get(code)
    return language.name if language is not None else code


def report_rows(report: Report) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The report's multi-way rows; for a two-version report without rows, its beads."""
    if report.rows:
        return report.rows
    if len(report.alignments) == 1:
        return tuple((b.src, b.tgt) for b in report.alignments[0].beads)
    return ()


def rows_by_bead(report: Report) -> tuple[tuple[int, ...], ...]:
    """For each alignment, the row index of each bead: the report's own, made by the
    pipeline; a report built by hand without them gets them from its rows."""
    return report.bead_rows or rows_of_beads(report_rows(report), report.alignments)


def findings_by_row(report: Report) -> dict[int, list[tuple[int, Finding]]]:
    """Row index -> ``(version index, finding)`` for every pairwise finding."""
    bead_rows = rows_by_bead(report)
    out: dict[int, list[tuple[int, Finding]]] = {}
    for k, found in enumerate(report.findings, start=1):
        for f in found:
            rows = bead_rows[k - 1] if k - 1 < len(bead_rows) else []
            row = rows[f.pair] if 0 <= f.pair < len(rows) else -1
            out.setdefault(row, []).append((k, f))
    return out


#: Pairwise finding types that a cross-version finding restates.
CROSS_TYPES = ("number", "date", "entity", "omission", "addition")


def headline_findings(report: Report) -> list[Finding]:
    """The findings a reader counts: with three or more versions, each disagreement once.

    With two versions these are the pairwise findings. With more, the cross-version findings
    (one per disagreement, odd one out named) plus the pairwise findings of the kinds no
    cross-version finding restates (``untranslated``, ``length``, ``alignment``).
    """
    pairwise = [f for group in report.findings for f in group]
    if not report.cross_findings:
        return pairwise
    return list(report.cross_findings) + [f for f in pairwise if f.type not in CROSS_TYPES]


def statement_title(report: Report) -> str:
    """The statement's headline (the pivot's first paragraph, cut at 120 characters), or a
    generic title."""
    doc = report.versions[0].document if report.versions else None
    if doc is not None and doc.paragraphs:
        head = " ".join(doc.paragraphs[0].text.split())
        if head:
            return head if len(head) <= 120 else head[:119] + "…"
    return f"Comparison of {len(report.versions)} language versions"


def row_spans(
    report: Report, r: int, v: int, items: Sequence[tuple[int, Finding]]
) -> list[tuple[Span, Finding]]:
    """The spans of this row's findings that fall in version ``v``."""
    out = []
    for k, f in items:
        if v == 0:
            out += [(s, f) for s in f.src_spans]
        elif v == k:
            out += [(s, f) for s in f.tgt_spans]
    return out


def segment_at(version: Version, i: int) -> Segment | None:
    """The segment of ``version`` whose index is ``i``, or ``None``."""
    if 0 <= i < len(version.segments) and version.segments[i].index == i:
        return version.segments[i]
    for seg in version.segments:
        if seg.index == i:
            return seg
    return None


def segment_pieces(
    version: Version, seg_ids: Sequence[int], spans: Sequence[tuple[Span, Finding]]
) -> Iterator[tuple[int, list[tuple[str, list[Finding]]]]]:
    """Each listed segment of ``version`` that exists, cut into :func:`marked_pieces` by
    ``spans``."""
    for i in seg_ids:
        seg = segment_at(version, i)
        if seg is not None:
            yield i, marked_pieces(seg.text, [(s, f) for s, f in spans if s.segment == i])


def _locate(text: str, span: Span) -> tuple[int, int] | None:
    """Where a span lies in its segment's text; offsets are trusted when they fit."""
    fits = 0 <= span.start < span.end <= len(text)
    if fits and (not span.text or text[span.start : span.end] == span.text):
        return span.start, span.end
    if span.text:
        at = text.find(span.text)
        if at >= 0:
            return at, at + len(span.text)
    return None


def marked_pieces(
    text: str, spans: Sequence[tuple[Span, Finding]]
) -> list[tuple[str, list[Finding]]]:
    """Cut ``text`` at every span boundary; each piece carries the findings covering it."""
    located = []
    for span, f in spans:
        where = _locate(text, span)
        if where is not None:
            located.append((where[0], where[1], f))
    cuts = sorted({0, len(text), *(a for a, _, _ in located), *(b for _, b, _ in located)})
    out: list[tuple[str, list[Finding]]] = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        covering = [f for s, e, f in located if s <= a and b <= e]
        out.append((text[a:b], covering))
    return out
