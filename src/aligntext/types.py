"""Frozen result types shared by every part of aligntext.

This module is a leaf: it imports nothing from the package. Results never format themselves;
:mod:`aligntext.render` turns them into text, JSON or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Signature:
    """A reproducibility signature in sacrebleu's style: ``key:value|key:value``.

    Args:
        fields: ordered ``(key, value)`` pairs, e.g. ``(("model", "Helsinki-NLP/opus-mt-en-ru"),
            ("backend", "ct2"), ("beam", "4"), ("version", "0.1.0"))``.
    """

    fields: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        """The fields as an ordered dict."""
        return dict(self.fields)

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.fields)


@dataclass(frozen=True)
class Paragraph:
    """A block of text in a document, in reading order.

    Args:
        text: the paragraph's text, NFC-normalised.
        index: position among the document's paragraphs (0-based).
        kind: ``p``, ``heading``, ``list-item``, ``table-cell``, ``title`` ...; writers use it
            to give a translation the same structure.
        locator: a format-specific handle a writer uses to put a translation back in place
            (the docx paragraph number, the Markdown line prefix, ...). Opaque to other code.
    """

    text: str
    index: int
    kind: str = "p"
    locator: str = ""

    @property
    def verbatim(self) -> bool:
        """Whether the paragraph is written back as it was read, never translated (an
        HTML ``<pre>``, kind ``code``): segment and compare read it, translate skips it."""
        return self.kind == "code"


@dataclass(frozen=True)
class Document:
    """A document read from a file: paragraphs in order plus how it was stored.

    Args:
        paragraphs: the text blocks, in reading order.
        path: where it was read from (``None`` for text built in memory).
        format: ``txt``, ``md``, ``docx`` or ``html``.
        encoding: the detected encoding of a text format (``None`` for docx).
        lang: the document's language code, when known (given or detected).
    """

    paragraphs: tuple[Paragraph, ...]
    path: str | None = None
    format: str = "txt"
    encoding: str | None = None
    lang: str | None = None

    @property
    def text(self) -> str:
        """All paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)


@dataclass(frozen=True)
class Segment:
    """A sentence (or a line of a line-aligned file).

    Args:
        text: the sentence's text.
        index: position among the document's segments (0-based); alignments refer to it.
        paragraph: index of the paragraph it came from.
        start: character offset of the sentence in its paragraph's text.
        end: end offset (exclusive) in the paragraph's text.
    """

    text: str
    index: int
    paragraph: int = 0
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Fact:
    """A fact that must survive translation: a number, a date or a named entity.

    Args:
        kind: ``number``, ``date`` or ``entity``.
        key: the normalised value, comparable across languages (``60000``, ``1993-04-06``,
            ``1993-04-?``, ``tens`` for an approximate quantity, the transliteration keys of a
            name, ...).
        text: the surface form as written.
        start: character offset in the sentence.
        end: end offset (exclusive).
        tags: what sort of fact it is: for a number how it was written and what it counts
            (``digits``, ``word``, ``percent``, ``year``, ``ordinal``, ``range``, ``time``,
            ``approx``, ``weak`` ...), for a date ``numeric`` or ``month`` (a month
            adjective), for a name ``concept``, ``acronym``, ``initial``. A string is read
            as the comma-separated :attr:`detail` it renders (``"word,alt=60"``).
        alts: a number's other readings (``60.000`` is 60000 and, in English, 60).
        magnitude: an approximate quantity's power of ten (``dozens`` 1, ``тысячи`` 3).
        days: a date's days when it gives a range (``6-7 April``: 6 and 7).
        words: a name's transliteration key per word (also for a concept, spelled out).
    """

    kind: str
    key: str
    text: str
    start: int
    end: int
    tags: frozenset[str] = frozenset()
    alts: tuple[Decimal, ...] = ()
    magnitude: int | None = None
    days: tuple[int, ...] = ()
    words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        tags: object = self.tags
        if isinstance(tags, str):
            # Written as a detail string ("year", "word,alt=60", "concept,keys=un"): its
            # entries go to their fields.
            plain: set[str] = set()
            for tag in filter(None, tags.split(",")):
                name, _, value = tag.partition("=")
                if name == "alt" and value:
                    object.__setattr__(self, "alts", (*self.alts, Decimal(value)))
                elif name == "mag" and value:
                    object.__setattr__(self, "magnitude", int(value))
                elif name == "days" and value:
                    days = tuple(int(d) for d in value.split("+") if d.isdigit())
                    object.__setattr__(self, "days", days)
                elif name == "keys" and "=" in tag:
                    object.__setattr__(self, "words", tuple(value.split()))
                else:
                    plain.add(tag)
            object.__setattr__(self, "tags", frozenset(plain))
        elif isinstance(tags, (set, list, tuple)):
            object.__setattr__(self, "tags", frozenset(tags))

    @property
    def detail(self) -> str:
        """Tags and typed values as one comma-separated string, for messages and logs."""
        parts = sorted(self.tags)
        parts += [f"alt={_plain(v)}" for v in self.alts]
        if self.magnitude is not None:
            parts.append(f"mag={self.magnitude}")
        if self.days:
            parts.append("days=" + "+".join(str(d) for d in self.days))
        if self.words:
            parts.append("keys=" + " ".join(self.words))
        return ",".join(parts)


def _plain(value: Decimal) -> str:
    """``60000`` rather than ``6E+4``."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


#: Beads the aligner is less sure of than this are flagged: marked in reports and views,
#: warned about by the checker.
LOW_CONFIDENCE = 0.5

#: Two versions with more than this share of their sentences unaligned may differ in
#: content: ``align`` and ``evaluate`` (document mode) warn so.
UNALIGNED_SHARE = 0.25


@dataclass(frozen=True)
class Bead:
    """One step of a sentence alignment: source indices matched to target indices.

    ``src`` or ``tgt`` may be empty (a dropped or added sentence).

    Args:
        src: 0-based indices into the source segments, consecutive and ascending.
        tgt: 0-based indices into the target segments, consecutive and ascending.
        score: the aligner's score for this bead (higher is better).
        confidence: in [0, 1]; low confidence is worth a warning in reports.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """The bead type, such as ``1-1``, ``2-1`` or ``0-1``."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    """A sentence alignment of two versions: beads in order covering every segment once.

    Args:
        beads: the beads, in document order.
        src: the source segments.
        tgt: the target segments.
        src_lang: the source language code.
        tgt_lang: the target language code.
        signature: how it was made (aligner version, features, segmenter ...).
        warnings: things a user should know (very unequal lengths, low-confidence stretches).
    """

    beads: tuple[Bead, ...]
    src: tuple[Segment, ...] = ()
    tgt: tuple[Segment, ...] = ()
    src_lang: str = ""
    tgt_lang: str = ""
    signature: Signature = field(default_factory=Signature)
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)


@dataclass(frozen=True)
class Span:
    """A marked stretch of text in one version: which segment and which characters."""

    segment: int
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Finding:
    """A disagreement between two versions, as a reviewer reads it.

    Args:
        pair: the 0-based index of the bead or bitext pair (TU) it was found in.
        type: ``number``, ``date``, ``entity``, ``omission``, ``addition``, ``untranslated``,
            ``length`` or ``alignment``.
        severity: ``error``, ``warning`` or ``info``.
        message: one sentence a reviewer understands.
        src_spans: where it is in the source version.
        tgt_spans: where it is in the target version.
        src_lang: language of the source side.
        tgt_lang: language of the target side.
        src_facts: the source facts it is about, one per source span where it has spans
            (their typed values: a number's key and readings, a date's parts), so that a
            caller need not extract them again from the spans' text; empty for findings
            about whole sentences. Not part of equality.
        tgt_facts: the same for the target.
        versions: for a cross-version finding, the index (into ``Report.versions``) of each
            version that differs from the majority, which ``tgt_lang`` names only by
            language; empty for a pairwise finding.
    """

    pair: int
    type: str
    severity: str
    message: str
    src_spans: tuple[Span, ...] = ()
    tgt_spans: tuple[Span, ...] = ()
    src_lang: str = ""
    tgt_lang: str = ""
    src_facts: tuple[Fact, ...] = field(default=(), compare=False)
    tgt_facts: tuple[Fact, ...] = field(default=(), compare=False)
    versions: tuple[int, ...] = ()


SEVERITIES: tuple[str, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order of severities, for ``--fail-on``: info < warning < error."""
    return SEVERITIES.index(severity)


def same_findings(
    findings: Iterable[Finding], *, per_pair: bool = True
) -> list[tuple[Finding, ...]]:
    """The findings that say the same thing (severity, type and message; of the same pair
    unless ``per_pair`` is false) grouped, in the order each was first said: a looped
    figure gives the same "has no counterpart" once per copy, which a reader needs once,
    with its count. Every finding is in one group (the spans of each copy too)."""
    groups: dict[tuple[Any, ...], list[Finding]] = {}
    for f in findings:
        key = (f.pair if per_pair else None, f.severity, f.type, f.message)
        groups.setdefault(key, []).append(f)
    return [tuple(group) for group in groups.values()]


def same_messages(findings: Sequence[Finding]) -> list[tuple[str, str, str, int]]:
    """The findings worst first (in their order among equals), each ``(severity, type,
    message)`` once with how many findings say it (:func:`same_findings` of any pair)."""
    worst_first = sorted(findings, key=lambda f: -severity_rank(f.severity))
    return [
        (g[0].severity, g[0].type, g[0].message, len(g))
        for g in same_findings(worst_first, per_pair=False)
    ]


@dataclass(frozen=True)
class Version:
    """One language version of a document inside a comparison."""

    lang: str
    segments: tuple[Segment, ...]
    document: Document | None = None
    name: str = ""


def version_labels(versions: Sequence[Version]) -> list[str]:
    """What messages call each version: its language, or, where two versions share a
    language, the language and the file (``en (en_rev2.txt)``), so each is told apart."""
    langs = [v.lang for v in versions]
    return [
        f"{v.lang} ({v.name or f'version {k + 1}'})" if langs.count(v.lang) > 1 else v.lang
        for k, v in enumerate(versions)
    ]


@dataclass(frozen=True)
class Report:
    """The result of comparing two or more versions of a statement.

    Args:
        versions: the versions, the first being the pivot the others are aligned to.
        alignments: one alignment per non-pivot version, pivot as source.
        findings: per alignment, the findings (same order as ``alignments``).
        cross_findings: findings about a fact across three or more versions (odd one out);
            their ``pair`` is a row index into ``rows``.
        signature: how the report was made.
        rows: the multi-way alignment: one row per group of corresponding sentences, each
            row holding one tuple of segment indices per version (empty where a version has
            nothing there).
        warnings: things a reader should know (language doubts, unequal versions ...).
        bead_rows: per alignment, the row (index into ``rows``) of each bead, ``-1`` for none;
            computed once by the pipeline (:func:`rows_of_beads`), read by the renderers.
    """

    versions: tuple[Version, ...]
    alignments: tuple[Alignment, ...]
    findings: tuple[tuple[Finding, ...], ...]
    cross_findings: tuple[Finding, ...] = ()
    signature: Signature = field(default_factory=Signature)
    rows: tuple[tuple[tuple[int, ...], ...], ...] = ()
    warnings: tuple[str, ...] = ()
    bead_rows: tuple[tuple[int, ...], ...] = ()

    def all_findings(self) -> Sequence[Finding]:
        """Every finding, pairwise first, then cross-version ones."""
        return [f for group in self.findings for f in group] + list(self.cross_findings)


def rows_of_beads(
    rows: Sequence[tuple[tuple[int, ...], ...]], alignments: Sequence[Alignment]
) -> tuple[tuple[int, ...], ...]:
    """For every pivot-to-version alignment, the row index of each of its beads.

    Args:
        rows: the multi-way rows (pivot first in each row), as from
            :func:`aligntext.align.multiway_rows`.
        alignments: the pivot-to-version alignments, in version order.

    Returns:
        One tuple per alignment, with the row of each bead (``-1`` for an empty bead).
    """
    where: list[dict[int, int]] = [{} for _ in range(len(alignments) + 1)]
    for r, row in enumerate(rows):
        for v, segs in enumerate(row):
            for i in segs:
                where[v][i] = r
    return tuple(
        tuple(
            where[0].get(b.src[0], -1) if b.src else where[k].get(b.tgt[0], -1) if b.tgt else -1
            for b in alignment.beads
        )
        for k, alignment in enumerate(alignments, start=1)
    )


@dataclass(frozen=True)
class MultiAlignment:
    """Three or more versions aligned through a pivot: rows of corresponding sentences.

    Args:
        langs: the language code of each version, in the order given.
        rows: one row per group of corresponding sentences, in document order; a row holds
            one tuple of 0-based segment indices per version (empty where that version has
            nothing there). Every segment of every version is in exactly one row.
        alignments: the pairwise alignments of the pivot (source) with each other version
            (target), in version order, the pivot left out.
        pivot: the index of the pivot version.
        segments: the segments of each version.
        signature: how it was made.
        warnings: things a user should know, prefixed with the version pair they concern.
    """

    langs: tuple[str, ...]
    rows: tuple[tuple[tuple[int, ...], ...], ...]
    alignments: tuple[Alignment, ...]
    pivot: int = 0
    segments: tuple[tuple[Segment, ...], ...] = ()
    signature: Signature = field(default_factory=Signature)
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[tuple[tuple[int, ...], ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
