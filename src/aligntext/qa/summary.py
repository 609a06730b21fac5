"""The worst translated sentences of a run, for the summary on stderr and the HTML report.

Sentences are ranked by their worst finding (errors first, then the MT QA's types before the
fact checker's, then how many findings), and shown with source and translation side by side
and the reason. The HTML is one self-contained page; every text in it is escaped.
"""

from __future__ import annotations

import html
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


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#f4f4f4}
td.src,td.tgt{width:32%}
.error{color:#a00;font-weight:600}.warning{color:#a60}
"""


def summary_html(flagged: Sequence[Flagged], title: str, counts: dict[str, int]) -> str:
    """An HTML page listing every flagged sentence, worst first, side by side with reasons.

    Args:
        flagged: from :func:`collect`.
        title: the page title (escaped).
        counts: findings per type for the header line.
    """
    e = html.escape
    head = ", ".join(f"{e(k)} {v}" for k, v in counts.items()) or "none"
    rows = []
    for x in flagged:
        reasons = "".join(
            f'<div><span class="{e(f.severity)}">{e(f.severity)}</span> '
            f"<b>{e(f.type)}</b>: {e(f.message)}</div>"
            for f in sorted(x.findings, key=lambda f: -severity_rank(f.severity))
        )
        rows.append(
            f"<tr><td>{e(x.file)}</td><td>{x.index + 1}</td>"
            f'<td class="src" lang="{e(x.findings[0].src_lang)}">{e(x.source)}</td>'
            f'<td class="tgt" lang="{e(x.findings[0].tgt_lang)}">{e(x.target)}</td>'
            f"<td>{reasons}</td></tr>"
        )
    body = (
        "<table><thead><tr><th>file</th><th>sentence</th><th>source</th><th>translation</th>"
        "<th>why</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else "<p>No sentence was flagged.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(title)}</h1><p>{len(flagged)} flagged sentence(s); findings: {head}</p>"
        f"{body}</body></html>\n"
    )
