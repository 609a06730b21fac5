"""Evaluation results to text, JSON, CSV and HTML.

Formats :class:`~aligntext.evaluate.Evaluation` (one system) and
:class:`~aligntext.evaluate.Comparison` (several systems with paired tests). The text format
starts with sacrebleu's own score lines (``BLEU|nrefs:1|...|version:2.6.0 = 25.3 ...``), so
they read exactly as ``sacrebleu -f text`` prints them. The JSON carries, at the top level,
``{"bleu": {"score": x, "signature": "..."}, "chrf": {...}, "chrf++": {...}, "ter": {...}}``
for the corpus (the first system's when comparing) plus ``facts`` and per-file ``files``.
The HTML is one self-contained file with an inline-SVG bar chart of per-file scores; every
string from the input is escaped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from html import escape
from typing import Any

from aligntext.evaluate import (
    METRICS,
    Comparison,
    Evaluation,
    FactAccuracy,
    FileScores,
    MetricScore,
    PairedResult,
)

#: Formats :func:`render_evaluation` accepts.
FORMATS: tuple[str, ...] = ("text", "json", "csv", "html")

Result = Evaluation | Comparison

_TEST_NAMES = {"bs": "paired bootstrap", "ar": "approximate randomisation"}


def render_evaluation(result: Result, fmt: str = "text", *, width: int = 1) -> str:
    """Render an evaluation or a comparison in ``fmt`` (one of :data:`FORMATS`).

    Args:
        result: what :func:`aligntext.evaluate.evaluate` or :func:`~aligntext.evaluate.compare`
            returned.
        fmt: ``text``, ``json``, ``csv`` or ``html``.
        width: decimals shown for scores in text and HTML (sacrebleu's ``--width``, default
            1); JSON and CSV carry full precision.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "text":
        return render_text(result, width=width)
    if fmt == "json":
        return render_json(result)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "html":
        return render_html(result, width=width)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _pct(value: float | None, width: int = 1) -> str:
    return "n/a" if value is None else f"{100 * value:.{width}f}%"


def _num(value: float | None, width: int) -> str:
    return "n/a" if value is None else f"{value:.{width}f}"


def _score_line(s: MetricScore, width: int) -> str:
    """The line ``sacrebleu -f text`` prints for a score."""
    line = f"{s.name}|{s.signature} = {s.score:.{width}f}"
    return f"{line} {s.verbose}" if s.verbose else line


def _fact_summary(facts: FactAccuracy) -> str:
    parts = [f"{_pct(facts.accuracy)} ({facts.correct}/{facts.total})"]
    for c in facts.counts:
        parts.append(f"{c.kind} {_pct(c.accuracy)} ({c.correct}/{c.total})")
    text = "  ".join(parts)
    if facts.extra:
        text += f"; {facts.extra} fact(s) in the hypothesis match nothing in the reference"
    return text


def _verdict(t: PairedResult) -> str:
    if t.difference == 0:
        return "no difference"
    if not t.significant:
        return f"not significant (p >= {t.alpha:g})"
    return f"significant: {t.better} is better"


def _table(
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


def _score_names(ev: Evaluation) -> list[str]:
    return [s.name for s in ev.scores]


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def _text_evaluation(ev: Evaluation, width: int) -> list[str]:
    lines = [_score_line(s, width) for s in ev.scores]
    if ev.facts is not None:
        lines.append(f"Fact accuracy ({ev.facts.lang}): {_fact_summary(ev.facts)}")
    lines.append(f"Segments: {ev.segments}; {ev.signature}")
    show_files = len(ev.files) > 1 or ev.missing or ev.extra
    if show_files:
        head = ["file", "segments", *_score_names(ev)]
        if ev.facts is not None:
            head.append("facts")
        rows = [head]
        for f in ev.files:
            row = [f.name, str(f.segments)]
            row += [_num(s.score, width) for s in f.scores]
            if ev.facts is not None:
                row.append(_pct(f.facts.accuracy if f.facts else None))
            rows.append(row)
        lines.append("")
        lines.append(f"Per file ({len(ev.files)} matched):")
        lines.extend(_table(rows, right=range(1, len(head))))
    if ev.missing:
        lines.append("")
        lines.append(f"Missing: {len(ev.missing)} reference file(s) have no hypothesis:")
        lines.extend(f"  {name}" for name in ev.missing)
    if ev.extra:
        lines.append("")
        lines.append(f"Extra: {len(ev.extra)} hypothesis file(s) have no reference:")
        lines.extend(f"  {name}" for name in ev.extra)
    if ev.facts is not None and ev.facts.worst:
        lines.append("")
        lines.append("Worst segments by fact accuracy:")
        for s in ev.facts.worst:
            where = f"{s.file}:{s.line}" if s.file else f"line {s.line}"
            detail = f"{s.correct}/{s.total} facts"
            if s.missing:
                detail += "; missing or wrong: " + ", ".join(s.missing)
            if s.extra:
                detail += "; not in reference: " + ", ".join(s.extra)
            lines.append(f"  {where}: {detail}")
            lines.append(f"    ref: {s.reference}")
            lines.append(f"    hyp: {s.hypothesis}")
    return lines


def _text_tests(cmp: Comparison, width: int) -> list[str]:
    lines = [
        f"Paired significance tests against the baseline {cmp.baseline.name} "
        f"({cmp.segments} segments, alpha {cmp.alpha:g}):"
    ]
    rows = [["system", "metric", "test", "baseline", "system", "diff", "p-value", "verdict"]]
    names = {s.key: s.name for ev in cmp.evaluations for s in ev.scores}
    for t in cmp.tests:
        rows.append(
            [
                t.system,
                names.get(t.metric, t.metric),
                t.test,
                _num(t.baseline_score, width),
                _num(t.system_score, width),
                f"{t.difference:+.{width}f}",
                f"{t.p_value:.4f}",
                _verdict(t),
            ]
        )
    lines.extend(_table(rows, right=range(3, 7)))
    lines.append("  (test bs: paired bootstrap resampling; ar: approximate randomisation)")
    for t in cmp.tests:
        if t.system == cmp.tests[0].system and t.metric == cmp.tests[0].metric:
            lines.append(f"  {t.test} signature: {t.signature}")
    return lines


def render_text(result: Result, *, width: int = 1) -> str:
    """Plain text: sacrebleu's score lines, fact accuracy, files, worst segments, tests."""
    if isinstance(result, Evaluation):
        lines = _text_evaluation(result, width)
        lines += [f"warning: {w}" for w in result.warnings]
        return "\n".join(lines) + "\n"
    lines = []
    for i, ev in enumerate(result.evaluations):
        if i:
            lines.append("")
        role = " (baseline)" if i == 0 else ""
        lines.append(f"== {ev.name}{role}")
        lines.extend(_text_evaluation(ev, width))
    lines.append("")
    lines.extend(_text_tests(result, width))
    warnings = [w for ev in result.evaluations for w in ev.warnings] + list(result.warnings)
    lines += [f"warning: {w}" for w in dict.fromkeys(warnings)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def _score_json(s: MetricScore) -> dict[str, Any]:
    d: dict[str, Any] = {"name": s.name, "score": s.score, "signature": s.signature}
    if s.verbose:
        d["verbose"] = s.verbose
    return d


def _facts_json(facts: FactAccuracy | None, worst: bool = True) -> dict[str, Any] | None:
    if facts is None:
        return None
    d: dict[str, Any] = {
        "lang": facts.lang,
        "accuracy": facts.accuracy,
        "total": facts.total,
        "correct": facts.correct,
        "extra": facts.extra,
        "by_kind": {
            c.kind: {
                "accuracy": c.accuracy,
                "total": c.total,
                "correct": c.correct,
                "extra": c.extra,
            }
            for c in facts.counts
        },
    }
    if worst:
        d["worst"] = [
            {
                "file": s.file,
                "line": s.line,
                "accuracy": s.accuracy,
                "total": s.total,
                "correct": s.correct,
                "missing": list(s.missing),
                "extra": list(s.extra),
                "reference": s.reference,
                "hypothesis": s.hypothesis,
            }
            for s in facts.worst
        ]
    return d


def _file_json(f: FileScores) -> dict[str, Any]:
    d: dict[str, Any] = {
        "name": f.name,
        "hypothesis": f.hypothesis,
        "references": list(f.references),
        "segments": f.segments,
    }
    for s in f.scores:
        d[s.key] = _score_json(s)
    d["facts"] = _facts_json(f.facts, worst=False)
    return d


def evaluation_dict(ev: Evaluation) -> dict[str, Any]:
    """The JSON-ready dict of one evaluation (the contract: top-level ``bleu``/``chrf``/...)."""
    d: dict[str, Any] = {s.key: _score_json(s) for s in ev.scores}
    d["facts"] = _facts_json(ev.facts)
    d["files"] = [_file_json(f) for f in ev.files]
    d["missing"] = list(ev.missing)
    d["extra"] = list(ev.extra)
    d["system"] = ev.name
    d["segments"] = ev.segments
    d["lang"] = ev.lang
    d["signature"] = str(ev.signature)
    d["warnings"] = list(ev.warnings)
    return d


def _test_json(t: PairedResult) -> dict[str, Any]:
    return {
        "metric": t.metric,
        "test": t.test,
        "baseline": t.baseline,
        "system": t.system,
        "baseline_score": t.baseline_score,
        "system_score": t.system_score,
        "difference": t.difference,
        "p_value": t.p_value,
        "significant": t.significant,
        "better": t.better,
        "mean": t.mean,
        "ci": t.ci,
        "baseline_mean": t.baseline_mean,
        "baseline_ci": t.baseline_ci,
        "signature": t.signature,
    }


def comparison_dict(cmp: Comparison) -> dict[str, Any]:
    """The JSON-ready dict of a comparison: the baseline's keys at the top, then the rest."""
    d = evaluation_dict(cmp.baseline)
    d["systems"] = [evaluation_dict(ev) for ev in cmp.evaluations]
    d["significance"] = {
        "alpha": cmp.alpha,
        "segments": cmp.segments,
        "baseline": cmp.baseline.name,
        "tests": [_test_json(t) for t in cmp.tests],
    }
    d["warnings"] = list(dict.fromkeys([*d["warnings"], *cmp.warnings]))
    return d


def render_json(result: Result) -> str:
    """JSON with ``bleu``, ``chrf``, ``chrf++``, ``ter``, ``facts`` and ``files`` on top."""
    d = evaluation_dict(result) if isinstance(result, Evaluation) else comparison_dict(result)
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _csv_rows(ev: Evaluation) -> list[list[str]]:
    def fmt(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    def facts_cells(fa: FactAccuracy | None) -> list[str]:
        if fa is None:
            return ["", "", ""] + [""] * 3
        return [
            fmt(fa.accuracy),
            str(fa.total),
            str(fa.correct),
            *(fmt(fa.count(k).accuracy) for k in ("number", "date", "entity")),
        ]

    keys = [s.key for s in ev.scores]
    rows = []
    for f in ev.files:
        by_key = {s.key: s.score for s in f.scores}
        rows.append(
            [ev.name, f.name, "ok", str(f.segments)]
            + [fmt(by_key.get(k)) for k in METRICS]
            + facts_cells(f.facts)
        )
    for name in ev.missing:
        rows.append([ev.name, name, "missing", ""] + [""] * (len(METRICS) + 6))
    for name in ev.extra:
        rows.append([ev.name, name, "extra", ""] + [""] * (len(METRICS) + 6))
    by_key = {s.key: s.score for s in ev.scores}
    rows.append(
        [ev.name, "(all)", "corpus", str(ev.segments)]
        + [fmt(by_key.get(k)) if k in keys else "" for k in METRICS]
        + facts_cells(ev.facts)
    )
    return rows


def render_csv(result: Result) -> str:
    """One row per file (status ``ok``, ``missing`` or ``extra``) and one corpus row per system.

    Scores have four decimals; fact columns are fractions in [0, 1].
    """
    evaluations = [result] if isinstance(result, Evaluation) else list(result.evaluations)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [
            "system",
            "file",
            "status",
            "segments",
            *METRICS,
            "facts",
            "facts_total",
            "facts_correct",
            "number",
            "date",
            "entity",
        ]
    )
    for ev in evaluations:
        writer.writerows(_csv_rows(ev))
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d1d1f;
max-width:72rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.8rem;color:#555;word-break:break-all}
.sig{font-size:.8rem;color:#555}
.bad{color:#b00020}.good{color:#1b5e20}
.warn{background:#fff4e5;border-left:4px solid #f90;padding:.4rem .8rem}
svg text{font-family:inherit;font-size:12px}
"""

#: Bar colours per metric key, and for fact accuracy.
_COLOURS = {
    "bleu": "#1f77b4",
    "chrf": "#2ca02c",
    "chrf++": "#98df8a",
    "ter": "#d62728",
    "facts": "#9467bd",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


#: Width of a character of the chart's 12px text, rounded up (an SVG cannot measure text, and
#: a legend item wider than its slot is cut off at the picture's edge).
_CHAR_W = 8
#: Height of a legend line.
_LEGEND_LINE_H = 20


def _legend(series: list[tuple[str, str]], total_w: int) -> tuple[list[str], int]:
    """Legend items (swatch and name) laid out in lines that fit ``total_w``; their height."""
    parts: list[str] = []
    x, line = 8, 0
    for key, name in series:
        item_w = 16 + _CHAR_W * len(name)
        if x > 8 and x + item_w > total_w - 8:
            x, line = 8, line + 1
        y = 4 + line * _LEGEND_LINE_H
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{_COLOURS.get(key, "#777")}"/>'
            f'<text x="{x + 16}" y="{y + 10}">{_e(name)}</text>'
        )
        x += item_w + 16
    return parts, (line + 1) * _LEGEND_LINE_H + 4


def _bar_chart(ev: Evaluation, width: int) -> str:
    """Per-file scores as a horizontal grouped bar chart in inline SVG (0-100 scale)."""
    series: list[tuple[str, str]] = [(s.key, s.name) for s in ev.scores]
    series = [(k, f"{n} (lower is better)" if k == "ter" else n) for k, n in series]
    if ev.facts is not None:
        series.append(("facts", "fact accuracy %"))
    files = list(ev.files)
    if not files or not series:
        return ""
    label_w, plot_w, bar_h, gap = 220, 440, 12, 10
    group_h = bar_h * len(series) + gap
    total_w = label_w + plot_w + 70
    legend, legend_h = _legend(series, total_w)
    height = legend_h + group_h * len(files) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{total_w}" '
        f'height="{height}" viewBox="0 0 {total_w} {height}">',
        f"<title>Per-file scores of {_e(ev.name)}</title>",
        *legend,
    ]
    for i, f in enumerate(files):
        y0 = legend_h + i * group_h
        label = f.name if len(f.name) <= 32 else "…" + f.name[-31:]
        parts.append(
            f'<text x="{label_w - 8}" y="{y0 + group_h / 2}" text-anchor="end" '
            f'dominant-baseline="middle"><title>{_e(f.name)}</title>{_e(label)}</text>'
        )
        by_key: dict[str, float | None] = {s.key: s.score for s in f.scores}
        if ev.facts is not None:
            acc = f.facts.accuracy if f.facts else None
            by_key["facts"] = None if acc is None else 100 * acc
        for j, (key, name) in enumerate(series):
            value = by_key.get(key)
            y = y0 + j * bar_h
            shown = "n/a" if value is None else f"{value:.{width}f}"
            # TER can exceed 100: the bar is clipped, the label says the real value.
            length = 0.0 if value is None else max(0.0, min(value, 100.0)) / 100 * plot_w
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h - 2}" '
                f'fill="{_COLOURS.get(key, "#777")}"><title>{_e(f.name)} {_e(name)}: '
                f"{_e(shown)}</title></rect>"
                f'<text x="{label_w + length + 4:.1f}" y="{y + bar_h - 3}">{_e(shown)}</text>'
            )
    axis_y = legend_h + group_h * len(files)
    parts.append(
        f'<line x1="{label_w}" y1="{legend_h - 2}" x2="{label_w}" y2="{axis_y}" stroke="#999"/>'
    )
    for tick in (0, 25, 50, 75, 100):
        tx = label_w + tick / 100 * plot_w
        parts.append(
            f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#555">{tick}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _html_evaluation(ev: Evaluation, width: int) -> list[str]:
    out = ["<table><tr><th>metric</th><th>score</th><th>sacrebleu signature</th></tr>"]
    for s in ev.scores:
        out.append(
            f'<tr><td>{_e(s.name)}</td><td class="n">{_e(_num(s.score, width))}</td>'
            f"<td><code>{_e(s.signature)}</code></td></tr>"
        )
    out.append("</table>")
    if ev.facts is not None:
        fa = ev.facts
        out.append(f"<h3>Fact accuracy ({_e(fa.lang)})</h3>")
        out.append(
            "<table><tr><th>kind</th><th>accuracy</th><th>correct</th><th>in reference</th>"
            "<th>only in hypothesis</th></tr>"
        )
        for c in (*fa.counts, None):
            kind, acc, cor, tot, ext = (
                (c.kind, c.accuracy, c.correct, c.total, c.extra)
                if c is not None
                else ("all", fa.accuracy, fa.correct, fa.total, fa.extra)
            )
            out.append(
                f'<tr><td>{_e(kind)}</td><td class="n">{_e(_pct(acc))}</td>'
                f'<td class="n">{cor}</td><td class="n">{tot}</td><td class="n">{ext}</td></tr>'
            )
        out.append("</table>")
    out.append(f'<p class="sig">{ev.segments} segments; <code>{_e(ev.signature)}</code></p>')
    if ev.missing or ev.extra:
        out.append('<div class="warn">')
        if ev.missing:
            out.append(
                f"<p><strong>Missing</strong>: {len(ev.missing)} reference file(s) have no "
                "hypothesis:</p><ul>" + "".join(f"<li>{_e(n)}</li>" for n in ev.missing) + "</ul>"
            )
        if ev.extra:
            out.append(
                f"<p><strong>Extra</strong>: {len(ev.extra)} hypothesis file(s) have no "
                "reference:</p><ul>" + "".join(f"<li>{_e(n)}</li>" for n in ev.extra) + "</ul>"
            )
        out.append("</div>")
    out.append("<h3>Per file</h3>")
    out.append(_bar_chart(ev, width))
    head = "".join(f"<th>{_e(n)}</th>" for n in _score_names(ev))
    facts_head = "<th>facts</th>" if ev.facts is not None else ""
    out.append(f"<table><tr><th>file</th><th>segments</th>{head}{facts_head}</tr>")
    for f in ev.files:
        cells = "".join(f'<td class="n">{_e(_num(s.score, width))}</td>' for s in f.scores)
        if ev.facts is not None:
            cells += f'<td class="n">{_e(_pct(f.facts.accuracy if f.facts else None))}</td>'
        out.append(f'<tr><td>{_e(f.name)}</td><td class="n">{f.segments}</td>{cells}</tr>')
    out.append("</table>")
    if ev.facts is not None and ev.facts.worst:
        out.append("<h3>Worst segments by fact accuracy</h3>")
        out.append(
            "<table><tr><th>where</th><th>facts</th><th>missing or wrong</th>"
            "<th>not in reference</th><th>reference / hypothesis</th></tr>"
        )
        for seg in ev.facts.worst:
            where = f"{seg.file}:{seg.line}" if seg.file else f"line {seg.line}"
            out.append(
                f"<tr><td>{_e(where)}</td><td class='n'>{seg.correct}/{seg.total}</td>"
                f"<td class='bad'>{_e(', '.join(seg.missing))}</td>"
                f"<td class='bad'>{_e(', '.join(seg.extra))}</td>"
                f"<td>{_e(seg.reference)}<br><em>{_e(seg.hypothesis)}</em></td></tr>"
            )
        out.append("</table>")
    return out


def render_html(result: Result, *, width: int = 1) -> str:
    """One self-contained HTML page (inline CSS and SVG, no scripts), every string escaped."""
    evaluations = [result] if isinstance(result, Evaluation) else list(result.evaluations)
    title = "Evaluation" if isinstance(result, Evaluation) else "Comparison of systems"
    body = [f"<h1>{title}</h1>"]
    if isinstance(result, Comparison):
        body.append(
            f"<h2>Paired significance tests</h2><p>Against the baseline "
            f"<strong>{_e(result.baseline.name)}</strong> on {result.segments} segments, "
            f"alpha {result.alpha:g}.</p>"
        )
        names = {s.key: s.name for ev in result.evaluations for s in ev.scores}
        body.append(
            "<table><tr><th>system</th><th>metric</th><th>test</th><th>baseline</th>"
            "<th>system</th><th>difference</th><th>p-value</th><th>verdict</th></tr>"
        )
        for t in result.tests:
            cls = "good" if t.significant else ""
            body.append(
                f"<tr><td>{_e(t.system)}</td><td>{_e(names.get(t.metric, t.metric))}</td>"
                f"<td>{_e(_TEST_NAMES.get(t.test, t.test))}</td>"
                f'<td class="n">{_e(_num(t.baseline_score, width))}</td>'
                f'<td class="n">{_e(_num(t.system_score, width))}</td>'
                f'<td class="n">{_e(f"{t.difference:+.{width}f}")}</td>'
                f'<td class="n">{t.p_value:.4f}</td><td class="{cls}">{_e(_verdict(t))}</td></tr>'
            )
        body.append("</table>")
    for i, ev in enumerate(evaluations):
        role = " (baseline)" if isinstance(result, Comparison) and i == 0 else ""
        body.append(f"<h2>{_e(ev.name)}{role}</h2>")
        body.extend(_html_evaluation(ev, width))
    warnings = [w for ev in evaluations for w in ev.warnings]
    if isinstance(result, Comparison):
        warnings += list(result.warnings)
    if warnings:
        body.append('<div class="warn"><p><strong>Warnings</strong></p><ul>')
        body.extend(f"<li>{_e(w)}</li>" for w in dict.fromkeys(warnings))
        body.append("</ul></div>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>aligntext {title.lower()}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
