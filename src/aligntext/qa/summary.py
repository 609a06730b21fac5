"""The worst translated sentences of a run, for the summary on stderr and the HTML report.

Sentences are ranked by their worst finding (errors first, then the MT QA's types before the
fact checker's, then how many findings), and shown with source and translation side by side
and the reason. The HTML is one self-contained page from a Jinja2 template
(``render/templates/mt_qa.html.j2``); every text in it is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligntext.qa.checks import QA_TYPES
from aligntext.types import Finding, severity_rank


@dataclass(frozen=True)
class Flagged:
    """One sentence with findings.

    Args:
        file: the output file, relative to the output folder.
        index: the sentence's 0-based index in the file.
        source: the source sentence.
        target: its translation.
        findings: what is wrong with it.
    """

    file: str
    index: int
    source: str
    target: str
    findings: tuple[Finding, ...]

    @property
    def rank(self) -> tuple[int, int, int]:
        """Sort key: worse first."""
        worst = max(severity_rank(f.severity) for f in self.findings)
        qa = any(f.type in QA_TYPES and severity_rank(f.severity) == worst for f in self.findings)
        return (-worst, 0 if qa else 1, -len(self.findings))

    @property
    def reason(self) -> str:
        """The findings as one line: ``error repetition: ...; warning number: ...``."""
        ordered = sorted(self.findings, key=lambda f: -severity_rank(f.severity))
        return "; ".join(f"{f.severity} {f.type}: {f.message}" for f in ordered)


def collect(
    files: Iterable[tuple[str, Sequence[tuple[int, str, str]], Sequence[Finding]]],
) -> list[Flagged]:
    """Flagged sentences of every file, worst first.

    Args:
        files: per file, its name, its flagged sentences ``(index, source, translation)``
            and its findings (``pair`` is the sentence index).
    """
    out: list[Flagged] = []
    for name, sentences, findings in files:
        by_pair: dict[int, list[Finding]] = {}
        for f in findings:
            by_pair.setdefault(f.pair, []).append(f)
        for index, source, target in sentences:
            if by_pair.get(index):
                out.append(Flagged(name, index, source, target, tuple(by_pair[index])))
    return sorted(out, key=lambda x: (x.rank, x.file, x.index))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_text(flagged: Sequence[Flagged], limit: int = 10) -> str:
    """The ``limit`` worst sentences as text lines (empty when there are none)."""
    if not flagged:
        return ""
    lines = [f"worst {min(limit, len(flagged))} of {len(flagged)} flagged sentence(s):"]
    for x in flagged[:limit]:
        lines.append(f"  {x.file}: sentence {x.index + 1}: {_clip(x.reason, 160)}")
        lines.append(f"    source:      {_clip(x.source, 150)}")
        lines.append(f"    translation: {_clip(x.target, 150)}")
    return "\n".join(lines)


def summary_html(flagged: Sequence[Flagged], title: str, counts: dict[str, int]) -> str:
    """An HTML page listing every flagged sentence, worst first, side by side with reasons.

    Rendered from ``render/templates/mt_qa.html.j2`` (autoescaped, as every report).

    Args:
        flagged: from :func:`collect`.
        title: the page title.
        counts: findings per type for the header line.
    """
    from aligntext.render.jinja import asset, render

    rows = [
        {
            "file": x.file,
            "sentence": x.index + 1,
            "source": x.source,
            "target": x.target,
            "src_lang": x.findings[0].src_lang,
            "tgt_lang": x.findings[0].tgt_lang,
            "reasons": [
                {"severity": f.severity, "type": f.type, "message": f.message}
                for f in sorted(x.findings, key=lambda f: -severity_rank(f.severity))
            ],
        }
        for x in flagged
    ]
    return render(
        "mt_qa.html.j2",
        title=title,
        css=asset("mt_qa.css"),
        counts=[{"type": k, "n": n} for k, n in counts.items()],
        rows=rows,
    )
