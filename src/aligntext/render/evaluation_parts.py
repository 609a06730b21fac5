"""What every view of an evaluation shares: the result type, number formatting, verdicts and
metric names."""

from __future__ import annotations

from collections.abc import Sequence

from aligntext.evaluate.results import (
    Comparison,
    Evaluation,
    FactAccuracy,
    MetricScore,
    PairedResult,
)
from aligntext.render.report_parts import plural

Result = Evaluation | Comparison


TEST_NAMES = {"bs": "paired bootstrap", "ar": "approximate randomisation"}


def fmt_pct(value: float | None, width: int = 1) -> str:
    """``value`` as a percentage with ``width`` decimals (``n/a`` for none)."""
    return "n/a" if value is None else f"{100 * value:.{width}f}%"


def fmt_num(value: float | None, width: int) -> str:
    """``value`` with ``width`` decimals (``n/a`` for none)."""
    return "n/a" if value is None else f"{value:.{width}f}"


def confidence_text(s: MetricScore, width: int) -> str:
    """sacrebleu's ``μ = 43.0 ± 1.2`` for a bootstrapped score (empty without one)."""
    if s.mean is None or s.ci is None:
        return ""
    return f"μ = {s.mean:.{width}f} ± {s.ci:.{width}f}"


def score_line(s: MetricScore, width: int) -> str:
    """The line ``sacrebleu -f text`` prints for a score."""
    line = f"{s.name}|{s.signature} = {s.score:.{width}f}"
    # sacrebleu prints the interval only for a mean above 0 (its "not estimated" is -1): a
    # TER of 0 in every resample gets none, so the line stays sacrebleu's.
    if s.mean is not None and s.mean > 0:
        line += f" ({confidence_text(s, width)})"
    return f"{line} {s.verbose}" if s.verbose else line


def fact_summary(facts: FactAccuracy) -> str:
    """One line of fact accuracy: overall, per kind, and the hypothesis's extra facts."""
    parts = [f"{fmt_pct(facts.accuracy)} ({facts.correct}/{facts.total})"]
    for c in facts.counts:
        parts.append(f"{c.kind} {fmt_pct(c.accuracy)} ({c.correct}/{c.total})")
    text = "  ".join(parts)
    if facts.extra:
        verb = "matches" if facts.extra == 1 else "match"
        text += f"; {plural(facts.extra, 'fact')} in the hypothesis {verb} nothing in the reference"
    return text


def verdict_of(t: PairedResult) -> str:
    """What a paired significance test says, in words."""
    if t.difference == 0:
        return "no difference"
    if not t.significant:
        return f"not significant (p >= {t.alpha:g})"
    return f"significant: {t.better} is better"


def text_table(
    rows: Sequence[Sequence[str]], right: Sequence[int] = (), indent: str = "  "
) -> list[str]:
    """Columns padded to equal width; the columns in ``right`` (numbers) right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append(indent + "  ".join(cells).rstrip())
    return out


def _metric_keys(ev: Evaluation) -> list[str]:
    return [s.key for s in ev.scores]


def score_names(ev: Evaluation) -> list[str]:
    """The metric names of an evaluation, in its order."""
    return [s.name for s in ev.scores]


def marked(text: str, needles: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each ``True`` where it is one of ``needles`` (facts' surface
    forms): the first occurrence of each, longest first, none overlapping another.

    The worst segments of an evaluation mark the reference's missing facts and the
    hypothesis's extra ones in the sentences themselves, so a reader sees where they are.
    """
    taken: list[tuple[int, int]] = []
    for needle in sorted({n for n in needles if n.strip()}, key=len, reverse=True):
        start = text.find(needle)
        while start >= 0 and any(a < start + len(needle) and start < b for a, b in taken):
            start = text.find(needle, start + 1)
        if start >= 0:
            taken.append((start, start + len(needle)))
    pieces: list[tuple[str, bool]] = []
    at = 0
    for a, b in sorted(taken):
        if a > at:
            pieces.append((text[at:a], False))
        pieces.append((text[a:b], True))
        at = b
    if at < len(text) or not pieces:
        pieces.append((text[at:], False))
    return pieces
