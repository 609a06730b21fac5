"""Evaluation results to text, JSON, CSV and HTML.

Formats :class:`~aligntext.evaluate.Evaluation` (one system) and
:class:`~aligntext.evaluate.Comparison` (several systems with paired tests). The text format
starts with sacrebleu's own score lines (``BLEU|nrefs:1|...|version:2.6.0 = 25.3 ...``), so
they read exactly as ``sacrebleu -f text`` prints them. The JSON carries, at the top level,
``{"bleu": {"score": x, "signature": "..."}, "chrf": {...}, "chrf++": {...}, "ter": {...}}``
for the corpus (the first system's when comparing) plus ``facts`` and per-file ``files``.
The HTML (:mod:`~aligntext.render.evaluation_html`, a Jinja2 template with autoescape on) is
one self-contained file with an inline-SVG bar chart of per-file scores; every string from
the input is escaped.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aligntext.errors import InputError
from aligntext.evaluate.results import (
    METRICS,
    Comparison,
    Evaluation,
    FactAccuracy,
    FileScores,
    MetricScore,
    PairedResult,
)
from aligntext.render.evaluation_html import (
    render_html,
)
from aligntext.render.evaluation_parts import (
    Result,
    confidence_text,
    fact_summary,
    fmt_num,
    fmt_pct,
    score_line,
    score_names,
    text_table,
    verdict_of,
)
from aligntext.render.report_parts import plural

#: Formats :func:`render_evaluation` accepts.
FORMATS: tuple[str, ...] = ("text", "json", "csv", "html")


def render_evaluation(result: Result, fmt: str = "text", *, width: int = 1) -> str:
    """Render an evaluation or a comparison in ``fmt`` (one of :data:`FORMATS`).

    Args:
        result: what :func:`aligntext.evaluate.evaluate` or :func:`~aligntext.evaluate.compare`
            returned.
        fmt: ``text``, ``json``, ``csv`` or ``html``.
        width: decimals shown for scores in text and HTML (sacrebleu's ``--width``, default
            1); JSON carries full precision (its ``confidence`` string has ``width``
            decimals, as sacrebleu's), CSV four decimals.

    Raises:
        InputError: ``result`` is neither an Evaluation nor a Comparison (for instance the
            tuple of :class:`~aligntext.evaluate.MetricScore` that ``score()`` returns,
            which has no files or facts to report: read its ``.score`` and ``.signature``).
        ValueError: an unknown format.
    """
    if not isinstance(result, (Evaluation, Comparison)):
        raise InputError(
            f"render_evaluation takes what evaluate() or compare() returns, not a "
            f"{type(result).__name__}; score()'s MetricScore tuple has no report: read each "
            "one's .score and .signature"
        )
    if fmt == "text":
        return render_text(result, width=width)
    if fmt == "json":
        return render_json(result, width=width)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "html":
        return render_html(result, width=width)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def _text_evaluation(ev: Evaluation, width: int) -> list[str]:
    lines = [score_line(s, width) for s in ev.scores]
    if ev.facts is not None:
        lines.append(f"Fact accuracy ({ev.facts.lang}): {fact_summary(ev.facts)}")
    lines.append(f"Segments: {ev.segments}; {ev.signature}")
    show_files = len(ev.files) > 1 or ev.missing or ev.extra
    if show_files:
        head = ["file", "segments", *score_names(ev)]
        if ev.facts is not None:
            head.append("facts")
        rows = [head]
        for f in ev.files:
            row = [f.name, str(f.segments)]
            row += [fmt_num(s.score, width) for s in f.scores]
            if ev.facts is not None:
                row.append(fmt_pct(f.facts.accuracy if f.facts else None))
            rows.append(row)
        lines.append("")
        lines.append(f"Per file ({len(ev.files)} matched):")
        lines.extend(text_table(rows, right=range(1, len(head))))
    if ev.missing:
        lines.append("")
        n = len(ev.missing)
        has = "has" if n == 1 else "have"
        lines.append(f"Missing: {plural(n, 'reference file')} {has} no hypothesis:")
        lines.extend(f"  {name}" for name in ev.missing)
    if ev.extra:
        lines.append("")
        n = len(ev.extra)
        has = "has" if n == 1 else "have"
        lines.append(f"Extra: {plural(n, 'hypothesis file')} {has} no reference:")
        lines.extend(f"  {name}" for name in ev.extra)
    if ev.facts is not None and ev.facts.worst:
        lines.append("")
        lines.append("Worst segments by fact accuracy:")
        for s in ev.facts.worst:
            where = s.where
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
                fmt_num(t.baseline_score, width),
                fmt_num(t.system_score, width),
                f"{t.difference:+.{width}f}",
                f"{t.p_value:.4f}",
                verdict_of(t),
            ]
        )
    lines.extend(text_table(rows, right=range(3, 7)))
    lines.append("  (test bs: paired bootstrap resampling; ar: approximate randomisation)")
    # One signature per metric and test, as sacrebleu prints one per metric: each holds
    # that metric's own settings (tokenizer, n-gram orders, case).
    names_done: set[tuple[str, str]] = set()
    for t in cmp.tests:
        if t.system == cmp.tests[0].system and (t.metric, t.test) not in names_done:
            names_done.add((t.metric, t.test))
            lines.append(f"  {names.get(t.metric, t.metric)} {t.test} signature: {t.signature}")
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


def _score_json(s: MetricScore, width: int = 1) -> dict[str, Any]:
    d: dict[str, Any] = {"name": s.name, "score": s.score, "signature": s.signature}
    if s.mean is not None:
        # sacrebleu's keys; its "confidence_var" is the interval's half-width.
        d["confidence_mean"] = s.mean
        d["confidence_var"] = s.ci
        d["confidence"] = confidence_text(s, width)
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
                "side": s.side,
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


def evaluation_dict(ev: Evaluation, *, width: int = 1) -> dict[str, Any]:
    """The JSON-ready dict of one evaluation (the contract: top-level ``bleu``/``chrf``/...).

    ``width`` is the decimals of the ``confidence`` string (numbers keep full precision).
    """
    d: dict[str, Any] = {s.key: _score_json(s, width) for s in ev.scores}
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


def comparison_dict(cmp: Comparison, *, width: int = 1) -> dict[str, Any]:
    """The JSON-ready dict of a comparison: the baseline's keys at the top, then the rest."""
    d = evaluation_dict(cmp.baseline, width=width)
    d["systems"] = [evaluation_dict(ev, width=width) for ev in cmp.evaluations]
    d["significance"] = {
        "alpha": cmp.alpha,
        "segments": cmp.segments,
        "baseline": cmp.baseline.name,
        "tests": [_test_json(t) for t in cmp.tests],
    }
    d["warnings"] = list(dict.fromkeys([*d["warnings"], *cmp.warnings]))
    return d


def render_json(result: Result, *, width: int = 1) -> str:
    """JSON with ``bleu``, ``chrf``, ``chrf++``, ``ter``, ``facts`` and ``files`` on top.

    A bootstrapped score also has sacrebleu's ``confidence_mean``, ``confidence_var`` (the
    95% interval's half-width) and ``confidence`` (``"μ = 43.0 ± 1.2"``, ``width`` decimals).
    """
    d = (
        evaluation_dict(result, width=width)
        if isinstance(result, Evaluation)
        else comparison_dict(result, width=width)
    )
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


#: What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell (a system or file name) safe to open in a spreadsheet: one starting with
    ``= + - @``, a tab or a carriage return gets a leading ``'``, so that a file named
    ``=1+2.txt`` is shown, not computed (OWASP's advice). Number cells are not passed
    through this: a negative score stays a number."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _csv_rows(ev: Evaluation, confidence: bool = False) -> list[list[str]]:
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
    system = csv_text(ev.name)
    rows = []
    for f in ev.files:
        by_key = {s.key: s.score for s in f.scores}
        rows.append(
            [system, csv_text(f.name), "ok", str(f.segments)]
            + [fmt(by_key.get(k)) for k in METRICS]
            + facts_cells(f.facts)
        )
    for name in ev.missing:
        rows.append([system, csv_text(name), "missing", ""] + [""] * (len(METRICS) + 6))
    for name in ev.extra:
        rows.append([system, csv_text(name), "extra", ""] + [""] * (len(METRICS) + 6))
    by_key = {s.key: s.score for s in ev.scores}
    rows.append(
        [system, "(all)", "corpus", str(ev.segments)]
        + [fmt(by_key.get(k)) if k in keys else "" for k in METRICS]
        + facts_cells(ev.facts)
    )
    if confidence:
        # The interval is the corpus score's: file rows leave its columns empty.
        bounds = {s.key: (s.mean, s.ci) for s in ev.scores}
        for row in rows[:-1]:
            row += [""] * (2 * len(METRICS))
        rows[-1] += [fmt(v) for k in METRICS for v in bounds.get(k, (None, None))]
    return rows


def _has_confidence(evaluations: list[Evaluation]) -> bool:
    return any(s.mean is not None for ev in evaluations for s in ev.scores)


def render_csv(result: Result) -> str:
    """One row per file (status ``ok``, ``missing`` or ``extra``) and one corpus row per system.

    Scores have four decimals; fact columns are fractions in [0, 1]. A system or file name
    that a spreadsheet would take for a formula starts with ``'`` (:func:`csv_text`). With
    bootstrap confidence intervals, columns ``bleu_mean``, ``bleu_ci`` (the 95% interval's
    half-width) ... for each metric follow, filled on the corpus row.
    """
    evaluations = [result] if isinstance(result, Evaluation) else list(result.evaluations)
    confidence = _has_confidence(evaluations)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    head = [
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
    if confidence:
        # Appended, so that the columns of a run without --confidence keep their places.
        head += [f"{k}_{part}" for k in METRICS for part in ("mean", "ci")]
    writer.writerow(head)
    for ev in evaluations:
        writer.writerows(_csv_rows(ev, confidence))
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------
