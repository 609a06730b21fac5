"""The flagged sentences of a translate run: the summary on stderr and the HTML report.

Each sentence is shown with source and translation side by side and the reasons. The HTML is
one self-contained page from ``templates/mt_qa.html.j2`` (autoescaped, as every report).
"""

from __future__ import annotations

from collections.abc import Sequence

from aligntext.qa.summary import Flagged
from aligntext.types import severity_rank


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
