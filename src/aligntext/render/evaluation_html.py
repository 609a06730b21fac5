"""An evaluation or a comparison of systems as one self-contained HTML page, with a bar chart
of the scores."""

from __future__ import annotations

from typing import Any

from aligntext.evaluate.results import (
    Comparison,
    Evaluation,
)
from aligntext.render.evaluation_parts import (
    TEST_NAMES,
    Result,
    confidence_text,
    fmt_num,
    fmt_pct,
    marked,
    score_names,
    verdict_of,
)

#: Bar colours per metric key, and for fact accuracy.
_COLOURS = {
    "bleu": "#1f77b4",
    "chrf": "#2ca02c",
    "chrf++": "#98df8a",
    "ter": "#d62728",
    "facts": "#9467bd",
}


#: Width of a character of the chart's 12px text, rounded up (an SVG cannot measure text, and
#: a legend item wider than its slot is cut off at the picture's edge).
_CHAR_W = 8


#: Height of a legend line.
_LEGEND_LINE_H = 20


def _legend(series: list[tuple[str, str]], total_w: int) -> tuple[list[dict[str, Any]], int]:
    """Legend items (swatch and name) laid out in lines that fit ``total_w``; their height."""
    items: list[dict[str, Any]] = []
    x, line = 8, 0
    for key, name in series:
        item_w = 16 + _CHAR_W * len(name)
        if x > 8 and x + item_w > total_w - 8:
            x, line = 8, line + 1
        y = 4 + line * _LEGEND_LINE_H
        items.append({"x": x, "y": y, "colour": _COLOURS.get(key, "#777"), "name": name})
        x += item_w + 16
    return items, (line + 1) * _LEGEND_LINE_H + 4


def _bar_chart(ev: Evaluation, width: int) -> dict[str, Any] | None:
    """Per-file scores as a horizontal grouped bar chart (0-100 scale): the geometry the
    template draws in inline SVG; ``None`` when there is nothing to draw."""
    series: list[tuple[str, str]] = [(s.key, s.name) for s in ev.scores]
    series = [(k, f"{n} (lower is better)" if k == "ter" else n) for k, n in series]
    if ev.facts is not None:
        series.append(("facts", "fact accuracy %"))
    files = list(ev.files)
    if not files or not series:
        return None
    label_w, plot_w, bar_h, gap = 220, 440, 12, 10
    group_h = bar_h * len(series) + gap
    total_w = label_w + plot_w + 70
    legend, legend_h = _legend(series, total_w)
    height = legend_h + group_h * len(files) + 24
    groups = []
    for i, f in enumerate(files):
        y0 = legend_h + i * group_h
        by_key: dict[str, float | None] = {s.key: s.score for s in f.scores}
        if ev.facts is not None:
            acc = f.facts.accuracy if f.facts else None
            by_key["facts"] = None if acc is None else 100 * acc
        bars = []
        for j, (key, name) in enumerate(series):
            value = by_key.get(key)
            y = y0 + j * bar_h
            # TER can exceed 100: the bar is clipped, the label says the real value.
            length = 0.0 if value is None else max(0.0, min(value, 100.0)) / 100 * plot_w
            bars.append(
                {
                    "y": y,
                    "length": f"{length:.1f}",
                    "colour": _COLOURS.get(key, "#777"),
                    "name": name,
                    "shown": "n/a" if value is None else f"{value:.{width}f}",
                    "text_x": f"{label_w + length + 4:.1f}",
                    "text_y": y + bar_h - 3,
                }
            )
        groups.append(
            {
                "y": y0 + group_h / 2,
                "name": f.name,
                "label": f.name if len(f.name) <= 32 else "…" + f.name[-31:],
                "bars": bars,
            }
        )
    axis_y = legend_h + group_h * len(files)
    return {
        "width": total_w,
        "height": height,
        "name": ev.name,
        "legend": legend,
        "groups": groups,
        "label_x": label_w - 8,
        "bar_x": label_w,
        "bar_h": bar_h - 2,
        "axis_top": legend_h - 2,
        "axis_y": axis_y,
        "tick_y": axis_y + 16,
        "ticks": [
            {"x": f"{label_w + v / 100 * plot_w:.1f}", "value": v} for v in (0, 25, 50, 75, 100)
        ],
    }


def _evaluation(ev: Evaluation, width: int, role: str) -> dict[str, Any]:
    """What the template shows of one system: scores, fact accuracy, files, worst segments."""
    facts = None
    if ev.facts is not None:
        fa = ev.facts
        counts = []
        for c in (*fa.counts, None):
            kind, acc, cor, tot, ext = (
                (c.kind, c.accuracy, c.correct, c.total, c.extra)
                if c is not None
                else ("all", fa.accuracy, fa.correct, fa.total, fa.extra)
            )
            counts.append(
                {"kind": kind, "accuracy": fmt_pct(acc), "correct": cor, "total": tot, "extra": ext}
            )
        facts = {"lang": fa.lang, "counts": counts}
    files = []
    for f in ev.files:
        cells = [fmt_num(s.score, width) for s in f.scores]
        if ev.facts is not None:
            cells.append(fmt_pct(f.facts.accuracy if f.facts else None))
        files.append({"name": f.name, "segments": f.segments, "cells": cells})
    worst = [
        {
            "where": seg.where,
            "correct": seg.correct,
            "total": seg.total,
            "missing": ", ".join(seg.missing),
            "extra": ", ".join(seg.extra),
            "reference": marked(seg.reference, seg.missing),
            "hypothesis": marked(seg.hypothesis, seg.extra),
        }
        for seg in (ev.facts.worst if ev.facts is not None else ())
    ]
    return {
        "name": ev.name,
        "role": role,
        "scores": [
            {
                "name": s.name,
                "score": fmt_num(s.score, width),
                "confidence": confidence_text(s, width),
                "signature": s.signature,
            }
            for s in ev.scores
        ],
        "confidence": any(s.mean is not None for s in ev.scores),
        "facts": facts,
        "segments": ev.segments,
        "signature": ev.signature,
        "missing": ev.missing,
        "extra": ev.extra,
        "chart": _bar_chart(ev, width),
        "score_names": score_names(ev),
        "files": files,
        "worst": worst,
    }


def render_html(result: Result, *, width: int = 1) -> str:
    """One self-contained HTML page (inline CSS and SVG, no scripts), every string escaped
    (``templates/evaluation.html.j2``)."""
    from aligntext.render.jinja import asset, render

    evaluations = [result] if isinstance(result, Evaluation) else list(result.evaluations)
    comparison = isinstance(result, Comparison)
    tests = None
    if isinstance(result, Comparison):
        names = {s.key: s.name for ev in result.evaluations for s in ev.scores}
        tests = [
            {
                "system": t.system,
                "metric": names.get(t.metric, t.metric),
                "test": TEST_NAMES.get(t.test, t.test),
                "baseline": fmt_num(t.baseline_score, width),
                "score": fmt_num(t.system_score, width),
                "difference": f"{t.difference:+.{width}f}",
                "p_value": f"{t.p_value:.4f}",
                "cls": "good" if t.significant else "",
                "verdict": verdict_of(t),
            }
            for t in result.tests
        ]
    warnings = [w for ev in evaluations for w in ev.warnings]
    if isinstance(result, Comparison):
        warnings += list(result.warnings)
    return render(
        "evaluation.html.j2",
        css=asset("base.css") + asset("evaluation.css"),
        title="Comparison of systems" if comparison else "Evaluation",
        tests=tests,
        baseline=result.baseline.name if isinstance(result, Comparison) else "",
        segments=result.segments if isinstance(result, Comparison) else 0,
        alpha=f"{result.alpha:g}" if isinstance(result, Comparison) else "",
        evaluations=[
            _evaluation(ev, width, " (baseline)" if comparison and i == 0 else "")
            for i, ev in enumerate(evaluations)
        ],
        warnings=list(dict.fromkeys(warnings)),
    )
