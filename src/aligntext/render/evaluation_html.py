"""An evaluation or a comparison of systems as one self-contained HTML page, with a bar chart
of the scores."""

from __future__ import annotations

from html import escape

from aligntext.evaluate import (
    Comparison,
    Evaluation,
)
from aligntext.render.evaluation_parts import (
    _TEST_NAMES,
    Result,
    _num,
    _pct,
    _score_names,
    _verdict,
)

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
