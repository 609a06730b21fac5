"""The flagged sentences of a translate run: the summary on stderr and the HTML report.

Each sentence is shown with source and translation side by side and the reasons. The HTML is
one self-contained page from ``templates/mt_qa.html.j2`` (autoescaped, as every report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from aligntext.qa.summary import Flagged
from aligntext.render.report_parts import CSS_NAME, marked_pieces, plural
from aligntext.types import Finding, severity_rank


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_text(flagged: Sequence[Flagged], limit: int = 10) -> str:
    """The ``limit`` worst sentences as text lines (empty when there are none)."""
    if not flagged:
        return ""
    lines = [f"worst {min(limit, len(flagged))} of {plural(len(flagged), 'flagged sentence')}:"]
    for x in flagged[:limit]:
        lines.append(f"  {x.file}: sentence {x.index + 1}: {_clip(x.reason, 160)}")
        lines.append(f"    source:      {_clip(x.source, 150)}")
        lines.append(f"    translation: {_clip(x.target, 150)}")
    return "\n".join(lines)


@dataclass(frozen=True)
class FileSummary:
    """One translated file of a checked run, as the report's file table lists it.

    Args:
        file: the output file, relative to the output folder.
        flagged: how many of its sentences have findings.
        sentences: how many sentences it has.
        what: findings per type (and retries), as the run summary says them.
    """

    file: str
    flagged: int
    sentences: int
    what: str


def _target_pieces(target: str, findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """``target`` cut at the spans the findings mark (:func:`marked_pieces`); each piece
    with the worst severity of the findings covering it (``""`` for none)."""
    spans = [(span, f) for f in findings for span in f.tgt_spans]
    pieces = [
        (text, max((f.severity for f in covering), key=severity_rank, default=""))
        for text, covering in marked_pieces(target, spans)
    ]
    return pieces or [(target, "")]


def summary_html(
    flagged: Sequence[Flagged],
    title: str,
    counts: dict[str, int],
    files: Sequence[FileSummary] = (),
) -> str:
    """An HTML page listing every flagged sentence, worst first, side by side with reasons.

    Rendered from ``render/templates/mt_qa.html.j2`` (autoescaped, as every report). The
    stretch of a translation a finding points at (a loop, an appended sentence) is marked,
    and a message the sentence earns many times is given once with its count.

    Args:
        flagged: from :func:`collect`.
        title: the page title.
        counts: findings per type for the header line.
        files: the run's translated files; with two or more, a table lists them, most
            flagged first, each linked to its first flagged sentence.
    """
    from aligntext.render.jinja import asset, render

    rows = [
        {
            "id": f"s{k + 1}",
            "file": x.file,
            "sentence": x.index + 1,
            "source": x.source,
            "target": _target_pieces(x.target, x.findings),
            "src_lang": x.findings[0].src_lang,
            "tgt_lang": x.findings[0].tgt_lang,
            "worst": max((f.severity for f in x.findings), key=severity_rank),
            "types": " ".join(sorted({f.type for f in x.findings})),
            "reasons": [
                {"severity": sev, "type": kind, "message": message, "count": n}
                for sev, kind, message, n in x.reasons
            ],
        }
        for k, x in enumerate(flagged)
    ]
    first: dict[str, str] = {}
    for k, x in enumerate(flagged):
        first.setdefault(x.file, f"s{k + 1}")
    table = [
        {
            "file": f.file,
            "flagged": f.flagged,
            "sentences": f.sentences,
            "what": f.what,
            "href": "#" + first[f.file] if f.file in first else "",
        }
        for f in sorted(files, key=lambda f: (-f.flagged / max(f.sentences, 1), f.file))
    ]
    # "Show only sentences with a <type> finding": a radio button per type and a CSS rule per
    # type (:has), so the page filters without a script.
    types = sorted({t for row in rows for t in str(row["types"]).split() if CSS_NAME.fullmatch(t)})
    filters = "".join(
        f"body:has(#only-{t}:checked) tbody.sentences tr:not([data-types~={t}]){{display:none}}"
        for t in types
    )
    return render(
        "mt_qa.html.j2",
        types=types,
        filter_css=Markup(filters),
        title=title,
        css=asset("base.css") + asset("sheet.css") + asset("mt_qa.css"),
        flagged=plural(len(rows), "flagged sentence"),
        counts=[{"type": k, "n": n} for k, n in counts.items()],
        rows=rows,
        files=table if len(table) > 1 else [],
    )
