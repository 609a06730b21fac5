"""Findings and comparison reports as text, JSON, JSON Lines or one self-contained HTML file.

Results never format themselves; this module does (text, JSON, JSON Lines), with the HTML
page in :mod:`~aligntext.render.report_html` (a Jinja2 template with autoescape on) and what
the views share in :mod:`~aligntext.render.report_parts`; they import only the result types.
Colour in text output is the caller's decision (the CLI turns it on for a terminal). The
HTML report loads nothing from outside the file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from aligntext.arguments import require
from aligntext.errors import InputValueError
from aligntext.io.bitext import count_pairs
from aligntext.io.encoding import show_invisible
from aligntext.render.report_html import (
    report_to_html,
)
from aligntext.render.report_parts import (
    SEVERITY_COLOURS,
    findings_by_row,
    headline_findings,
    marked_pieces,
    plural,
    report_rows,
    row_spans,
    rows_by_bead,
    segment_pieces,
    summarize,
)
from aligntext.types import (
    SEVERITIES,
    Alignment,
    Finding,
    Report,
    Signature,
    Span,
    Version,
    same_findings,
    severity_rank,
    version_labels,
)

# --- plain data ------------------------------------------------------------------------


def span_to_dict(span: Span) -> dict[str, Any]:
    """A span as a JSON-ready dict."""
    return {"segment": span.segment, "start": span.start, "end": span.end, "text": span.text}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as a JSON-ready dict; ``row``, ``type``, ``severity`` and ``message`` first.

    Those four keys are the contract of ``aligntext check --format jsonl``. ``row`` is the
    1-based number a reader sees in the text and HTML output: the bitext's line or
    translation unit, or the comparison's row (``finding.pair + 1``).
    """
    return {
        "row": finding.pair + 1,
        "type": finding.type,
        "severity": finding.severity,
        "message": finding.message,
        "src_lang": finding.src_lang,
        "tgt_lang": finding.tgt_lang,
        "src_spans": [span_to_dict(s) for s in finding.src_spans],
        "tgt_spans": [span_to_dict(s) for s in finding.tgt_spans],
    }


def _cross_to_dict(finding: Finding, versions: Sequence[Version]) -> dict[str, Any]:
    """A cross-version finding as JSON: its odd versions listed one by one (``tgt_lang``
    joins their languages with commas, which cannot tell two versions in one language
    apart)."""
    data = finding_to_dict(finding)
    data["odd_versions"] = [
        {"version": k, "lang": versions[k].lang, "name": versions[k].name}
        for k in finding.versions
        if 0 <= k < len(versions)
    ]
    return data


def _count_phrase(findings: Sequence[Finding]) -> str:
    if not findings:
        return "no findings"
    counts = Counter(f.severity for f in findings)
    parts = [plural(counts[s], s) for s in reversed(SEVERITIES) if counts.get(s)]
    return f"{plural(len(findings), 'finding')}: {', '.join(parts)}"


# --- bitext check output ---------------------------------------------------------------


def render_findings(
    findings: Sequence[Finding],
    fmt: str,
    *,
    pairs: Sequence[tuple[str, str]] = (),
    src_lang: str = "",
    tgt_lang: str = "",
    source: str = "",
    signature: Signature | None = None,
    color: bool = False,
) -> str:
    """Render the findings of a bitext check.

    Args:
        findings: the findings; ``pair`` indexes ``pairs`` (shown as row ``pair + 1``).
        fmt: ``text``, ``jsonl`` (one finding per line) or ``json`` (one object with the
            summary, the findings and the signature).
        pairs: the ``(source, target)`` texts, shown under each finding in text output.
        src_lang: the source language code.
        tgt_lang: the target language code.
        source: the checked file's name.
        signature: how the check was made.
        color: colour the text output (ANSI).

    Returns:
        The rendered text, ending with a newline (empty for JSONL with no findings).
    """
    if fmt == "jsonl":
        return "".join(json.dumps(finding_to_dict(f), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "json":
        data = {
            "file": source,
            "src_lang": src_lang,
            "tgt_lang": tgt_lang,
            "pairs": count_pairs(pairs),
            "summary": summarize(findings),
            "findings": [finding_to_dict(f) for f in findings],
            "signature": str(signature or Signature()),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise InputValueError(f"unknown findings format {fmt!r}; use text, jsonl or json")
    style = _styler(color)
    lines = []
    # A message a pair earns many times (each copy of a looped figure) is said once, with
    # its count, and every copy marked; JSON keeps each finding.
    for same in same_findings(findings):
        f = same[0]
        lines.append(_text_finding_line(f, f"row {f.pair + 1}", style, len(same)))
        if 0 <= f.pair < len(pairs):
            src, tgt = pairs[f.pair]
            src_spans = [s for g in same for s in g.src_spans]
            tgt_spans = [s for g in same for s in g.tgt_spans]
            lines.append(
                f"    {src_lang or 'src'} │ {_highlight_text(src, src_spans, f, style, color)}"
            )
            lines.append(
                f"    {tgt_lang or 'tgt'} │ {_highlight_text(tgt, tgt_spans, f, style, color)}"
            )
    n = count_pairs(pairs)
    head = f"{source or 'bitext'}: {plural(n, 'pair')} {src_lang}-{tgt_lang}, "
    lines.append(style(head + _count_phrase(findings), bold=True))
    return "\n".join(lines) + "\n"


# --- comparison report -----------------------------------------------------------------


def render_report(
    report: Report,
    fmt: str,
    *,
    color: bool = False,
    title: str | None = None,
    subtitle: str | None = None,
    unit: str | None = None,
) -> str:
    """Render a comparison report as ``text``, ``json`` or ``html``.

    Args:
        report: the report from :func:`aligntext.pipeline.compare.compare_versions` (or
            :func:`~aligntext.pipeline.compare.bitext_report` for a bitext check).
        fmt: ``text`` (terminal), ``json`` or ``html`` (one self-contained file).
        color: colour the text output (ANSI).
        title: the HTML page's headline instead of the statement's own.
        subtitle: the HTML line under the headline instead of the versions' files.
        unit: what one HTML row is when each row is a unit of its own (``translation
            unit``); see :func:`~aligntext.render.report_html.report_to_html`.

    Raises:
        InputTypeError: ``report`` is no :class:`Report`.
        InputValueError: an unknown ``fmt``.
    """
    require(report, Report, "report", "render the result of aligntext.compare_versions")
    if fmt == "json":
        return report_to_json(report)
    if fmt == "html":
        return report_to_html(report, title=title, subtitle=subtitle, unit=unit)
    if fmt == "text":
        return report_to_text(report, color=color)
    raise InputValueError(f"unknown report format {fmt!r}; use text, json or html")


def report_to_json(report: Report) -> str:
    """The report as one JSON object (versions, alignments, findings, rows, summary)."""

    def version(v: Version) -> dict[str, Any]:
        return {
            "lang": v.lang,
            "name": v.name,
            "path": v.document.path if v.document is not None else None,
            "segments": [
                {"index": s.index, "paragraph": s.paragraph, "text": s.text} for s in v.segments
            ],
        }

    def alignment(k: int, a: Alignment) -> dict[str, Any]:
        return {
            "version": k,
            "src_lang": a.src_lang,
            "tgt_lang": a.tgt_lang,
            "beads": [
                {
                    "src": list(b.src),
                    "tgt": list(b.tgt),
                    "score": b.score,
                    "confidence": b.confidence,
                }
                for b in a.beads
            ],
            "warnings": list(a.warnings),
            "signature": str(a.signature),
        }

    # A pairwise finding's pair is a bead of its version's alignment; the reader's row is the
    # report row that bead falls in. Both are given, each named for what it counts.
    bead_rows = rows_by_bead(report)
    findings = []
    for k, found in enumerate(report.findings, start=1):
        rows_of = bead_rows[k - 1] if k - 1 < len(bead_rows) else []
        for f in found:
            row = rows_of[f.pair] + 1 if 0 <= f.pair < len(rows_of) else 0
            data = finding_to_dict(f)
            data["row"] = row if row > 0 else None
            findings.append({"version": k, **data, "bead_index": f.pair})
    everything = list(report.all_findings())
    data = {
        "versions": [version(v) for v in report.versions],
        "summary": summarize(headline_findings(report)),
        "pairwise_summary": summarize([f for group in report.findings for f in group]),
        "cross_findings": [_cross_to_dict(f, report.versions) for f in report.cross_findings],
        "findings": findings,
        "rows": [[list(c) for c in row] for row in report_rows(report)],
        "alignments": [alignment(k, a) for k, a in enumerate(report.alignments, start=1)],
        "warnings": list(report.warnings),
        "total_findings": len(everything),
        "signature": str(report.signature),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_to_text(report: Report, *, color: bool = False) -> str:
    """The report for a terminal: versions, cross-version findings, then each finding with
    the sentences it is about, the disputed stretches highlighted when ``color``."""
    style = _styler(color)
    versions = report.versions
    # Two versions in one language are told apart by file.
    labels = version_labels(versions)
    rows = report_rows(report)
    lines = [
        style("aligntext compare", bold=True)
        + ": "
        + " · ".join(
            f"{v.lang} ({v.name}, {plural(len(v.segments), 'sentence')})" for v in versions
        )
    ]
    pairwise = [f for group in report.findings for f in group]
    lines.append(
        _count_phrase(headline_findings(report)) + f" in {plural(len(rows), 'aligned row')}"
    )
    for w in report.warnings:
        lines.append(style(f"warning: {show_invisible(w)}", fg="yellow"))

    if report.cross_findings:
        lines += ["", style("Across versions", bold=True)]
        for f in report.cross_findings:
            lines.append(_text_finding_line(f, f"row {f.pair + 1}", style))

    by_row = findings_by_row(report)
    if pairwise:
        lines += ["", style(f"Findings against {labels[0]}", bold=True)]
    for r in sorted(by_row):
        items = by_row[r]
        lines.append("")
        label = f"row {r + 1}" if r >= 0 else "row ?"
        # A message a version's sentence earns many times (each copy of a looped figure)
        # is said once, with its count; the sentences below mark every copy.
        for k in dict.fromkeys(k for k, _ in items):
            for same in same_findings([f for j, f in items if j == k], per_pair=False):
                lines.append(_text_finding_line(same[0], f"{label} {labels[k]}", style, len(same)))
        if not 0 <= r < len(rows):
            continue
        row = rows[r]
        shown = [0, *sorted({k for k, _ in items})]
        for v in shown:
            spans = row_spans(report, r, v, items)
            text = _cell_text(versions[v], row[v], spans, style, color)
            lines.append(f"    {labels[v]} │ {text}")
    lines += ["", style(f"signature: {report.signature}", dim=True)]
    return "\n".join(lines) + "\n"


def _cell_text(
    version: Version,
    seg_ids: Sequence[int],
    spans: Sequence[tuple[Span, Finding]],
    style: Callable[..., str],
    color: bool,
) -> str:
    if not seg_ids:
        return style("(nothing)", dim=True)
    parts = []
    for _, pieces in segment_pieces(version, seg_ids, spans):
        out = []
        for raw, found in pieces:
            text = show_invisible(raw)
            if found:
                sev = max((f.severity for f in found), key=severity_rank)
                out.append(
                    style(text, fg=SEVERITY_COLOURS[sev], bold=True, underline=True)
                    if color
                    else f"[{text}]"
                )
            else:
                out.append(text)
        parts.append("".join(out))
    return " ".join(parts)


def _text_finding_line(f: Finding, where: str, style: Callable[..., str], times: int = 1) -> str:
    """One finding's line; ``times``: how many findings say it (shown as ``(x13)``)."""
    sev = style(f"{f.severity:<7}", fg=SEVERITY_COLOURS.get(f.severity), bold=True)
    count = f" (x{times})" if times > 1 else ""
    return f"  {where:<11} {sev} {f.type:<12} {show_invisible(f.message)}{count}"


def _highlight_text(
    text: str, spans: Sequence[Span], f: Finding, style: Callable[..., str], color: bool
) -> str:
    pieces = marked_pieces(text, [(s, f) for s in spans])
    out = []
    for raw, found in pieces:
        piece = show_invisible(raw)
        if not found:
            out.append(piece)
        elif color:
            out.append(style(piece, fg=SEVERITY_COLOURS.get(f.severity), bold=True, underline=True))
        else:
            out.append(f"[{piece}]")
    return "".join(out)


def _styler(color: bool) -> Callable[..., str]:
    import click

    def style(text: str, **kwargs: Any) -> str:
        if not color:
            return text
        return click.style(text, **{k: v for k, v in kwargs.items() if v is not None})

    return style


# --- HTML --------------------------------------------------------------------------------
