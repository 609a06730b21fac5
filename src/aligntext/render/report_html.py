"""A comparison report as one self-contained HTML page: side by side, the findings
highlighted, a summary and filters."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aligntext.render.report_parts import (
    CROSS_TYPES,
    CSS_NAME,
    findings_by_row,
    headline_findings,
    lang_name,
    plural,
    report_rows,
    row_spans,
    rows_by_bead,
    segment_at,
    segment_pieces,
    statement_title,
    summarize,
    type_key,
)
from aligntext.types import (
    LOW_CONFIDENCE,
    SEVERITIES,
    Finding,
    Report,
    Span,
    Version,
    same_findings,
    severity_rank,
)

if TYPE_CHECKING:
    from markupsafe import Markup


#: Finding types that may name a CSS rule as they are (every type the checker has).

#: The glyph beside a flagged row's number (labelled for screen readers: the colour of the
#: row's edge alone says nothing to them, nor on a black-and-white printout).
SEVERITY_ICONS = {"error": "✖", "warning": "▲", "info": "ℹ"}

#: The languages aligntext reads, all written left to right; another code gets ``dir=auto``.
LTR_LANGS = frozenset({"en", "az", "ru", "tr"})


def verdict_line(report: Report) -> tuple[str, str]:
    """The HTML headline and its CSS class: everything a reader must look at, by severity.

    Someone signing a statement off may read only this line, so it counts the errors and the
    warnings (a dropped sentence or a swapped name is a warning), and the warnings about the
    input itself (a file not in its language, a doubtful alignment) with the latter.
    """
    headline = headline_findings(report)
    n_err = sum(1 for f in headline if f.severity == "error")
    n_warn = sum(1 for f in headline if f.severity == "warning") + len(report.warnings)
    parts = [plural(n, s) for n, s in ((n_err, "error"), (n_warn, "warning")) if n]
    if not parts:
        return "", "No differences found"
    return ("bad" if n_err else "meh"), f"{', '.join(parts)} to look at"


def report_to_html(
    report: Report,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    unit: str | None = None,
) -> str:
    """The report as one self-contained HTML page (``templates/report.html.j2``).

    The page shows a verdict, a summary table of findings by type and severity, the
    cross-version findings (the odd one out) and every finding, then the versions side by
    side, one aligned row per group of corresponding sentences, with the disputed stretches
    highlighted in every version, uncertain alignments marked, and the signature in the
    footer. Filters by type and "only rows with findings" work through CSS ``:has()``
    (:func:`filter_css`), and a few lines of inline JavaScript do the same where ``:has()``
    is missing; each cell carries its version's ``lang`` and ``dir``; ``@media`` rules lay
    the page out for a phone and for paper.
    Every input string is escaped (the template autoescapes); nothing is loaded from outside
    the file. A row with nothing in any version (a bitext's blank line) is left out.

    Args:
        report: the report.
        title: the page's headline; by default the statement's own (its first paragraph),
            which a page that is no statement (a bitext check) replaces with what it is.
        subtitle: the line under the headline; by default "Comparison of N language
            versions" and the files.
        unit: what one row is when each row is a unit of its own (``translation unit``): the
            detail line counts rows by it, and rows carry no paragraph marks (the row's
            number already says it).
    """
    from aligntext.render.jinja import asset, render

    versions = report.versions
    rows = report_rows(report)
    pairwise = [f for group in report.findings for f in group]
    by_row = findings_by_row(report)
    headline = headline_findings(report)
    cls, verdict = verdict_line(report)
    n_info = sum(1 for f in headline if f.severity == "info")
    detail = [plural(n_info, "note")] if n_info else []
    html_rows = _rows(report, rows, by_row, units=unit is not None)
    if unit is None:
        detail.append(plural(len(rows), "aligned row"))
        detail.append("sentences " + ", ".join(f"{v.lang} {len(v.segments)}" for v in versions))
    else:
        detail.append(plural(len(html_rows), unit))
    summary = summarize(headline)
    severities = list(reversed(SEVERITIES))
    types = sorted({f.type for f in report.all_findings()}, key=type_key)
    filter_ids = {t: f"f-{t}" for t in types if CSS_NAME.fullmatch(t)}
    others = [
        _issue(same[0], f"row {r + 1}", r, f"{versions[k].lang}: ", len(same))
        for r in sorted(by_row)
        for k, same in _same_by_version(by_row[r])
        if same[0].type not in CROSS_TYPES
    ]
    return render(
        "report.html.j2",
        css=asset("base.css") + asset("report.css"),
        js=asset("report.js"),
        title=title or statement_title(report),
        subtitle=subtitle or _comparison_line(versions),
        versions=[
            {"lang": v.lang, "name": v.name, "language": lang_name(v.lang)} for v in versions
        ],
        verdict_class=cls,
        verdict=verdict,
        detail=" · ".join(detail),
        warnings=report.warnings,
        severities=severities,
        summary=[
            {
                "type": t,
                "counts": [counts[s] for s in severities],
                "first": next((r["number"] for r in html_rows if t in r["types"].split()), None),
            }
            for t, counts in summary["by_type"].items()
        ],
        totals=[summary["by_severity"][s] for s in severities],
        cross=[_issue(f, f"row {f.pair + 1}", f.pair) for f in report.cross_findings],
        others=others,
        pairwise=_pairwise_issues(report, by_row, labelled=unit is None),
        pairwise_count=len(pairwise),
        pivot_lang=versions[0].lang,
        bitext=unit is not None,
        types=types,
        filter_ids=filter_ids,
        filter_css=filter_css(filter_ids, [r["types"] for r in html_rows]),
        icons=SEVERITY_ICONS,
        rows=html_rows,
        signature=report.signature,
    )


def _comparison_line(versions: Sequence[Version]) -> str:
    """The line under a comparison's headline: how many versions, and their files."""
    files = " · ".join(
        (v.document.path if v.document is not None and v.document.path else v.name)
        for v in versions
    )
    return f"Comparison of {len(versions)} language versions: {files}"


def _rows(
    report: Report,
    rows: Sequence[Sequence[Sequence[int]]],
    by_row: dict[int, list[tuple[int, Finding]]],
    *,
    units: bool = False,
) -> list[dict[str, Any]]:
    """The side-by-side rows: classes, paragraph mark, cells and the notes under each row; a
    row with nothing in it and no finding is left out. ``units``: each row is a unit of a
    bitext, so no paragraph mark (the row number says it) and no version label on a note
    (there is one pair)."""
    versions = report.versions
    cross_by_row: dict[int, list[Finding]] = {}
    for f in report.cross_findings:
        cross_by_row.setdefault(f.pair, []).append(f)
    bead_conf = _confidences(report)
    # The lowest confidence per row, found once: scanning every bead for each row made the
    # page quadratic in the rows (most of the rendering time of a long statement).
    row_conf: dict[int, float] = {}
    for (row_i, _), bead_c in bead_conf.items():
        row_conf[row_i] = min(row_conf[row_i], bead_c) if row_i in row_conf else bead_c
    out = []
    last_para: int | None = None
    for r, row in enumerate(rows):
        items = by_row.get(r, [])
        row_findings = [f for _, f in items] + cross_by_row.get(r, [])
        if not row_findings and not any(row):
            # A bitext keeps its header and blank lines as empty pairs so that row i stays
            # line i: nothing to show. (A comparison's rows always hold a sentence.)
            continue
        row_types = sorted({f.type for f in row_findings}, key=type_key)
        worst = max((f.severity for f in row_findings), key=severity_rank, default="")
        conf = row_conf.get(r, 1.0)
        classes = []
        if worst:
            classes.append(f"flag-{worst}")
        if conf < LOW_CONFIDENCE or any(f.type == "alignment" for f in row_findings):
            classes.append("lowconf")
        if row_findings:
            classes.append("has-notes")
        para = None if units else _row_paragraph(versions, row)
        if para is not None and para != last_para:
            classes.append("para")
            last_para = para
        cells: list[dict[str, Any]] = []
        for v, seg_ids in enumerate(row):
            if not seg_ids:
                cells.append({"empty": True, "language": lang_name(versions[v].lang)})
                continue
            c = bead_conf.get((r, v)) if v > 0 and "lowconf" in classes else None
            cells.append(
                {
                    "empty": False,
                    "lang": versions[v].lang,
                    "language": lang_name(versions[v].lang),
                    "dir": "ltr" if versions[v].lang in LTR_LANGS else "auto",
                    "segments": _cell(versions[v], seg_ids, row_spans(report, r, v, items)),
                    "confidence": c if c is not None and c < LOW_CONFIDENCE else None,
                }
            )
        out.append(
            {
                "number": r + 1,
                "types": " ".join(row_types),
                "classes": " ".join(classes),
                "worst": worst,
                "lowconf": "lowconf" in classes,
                "next": None,
                "paragraph": para + 1 if para is not None else None,
                "cells": cells,
                "notes": (
                    _notes(versions, items, cross_by_row.get(r, []), labelled=not units)
                    if row_findings
                    else []
                ),
            }
        )
    # Each flagged row's notes link to the next flagged row: a long statement is read
    # finding by finding without scrolling through the rows that agree.
    flagged = [line for line in out if line["notes"]]
    for line, after in itertools.pairwise(flagged):
        line["next"] = after["number"]
    return out


def filter_css(filter_ids: dict[str, str], row_types: Sequence[str]) -> Markup:
    """The stylesheet that makes the filter checkboxes work without JavaScript.

    ``:has()`` lets a checkbox anywhere in the page hide what it names: an unticked type
    hides its findings and summary line and takes its highlights off; "only rows with
    findings" hides the rows that have none, and the rows all of whose findings are of
    unticked types (one rule per set of types a row has, as the script decides). Only types
    with a plain name get a rule (``filter_ids``), so nothing from a finding reaches CSS.
    """
    from markupsafe import Markup

    def off(types: Sequence[str]) -> str:
        return "".join(f":has(#{filter_ids[t]}:not(:checked))" for t in types)

    rules = ['body:has(#only-flagged:checked) tr[data-row][data-types=""]{display:none}']
    for t in filter_ids:
        rules.append(f'body{off([t])} mark[data-type="{t}"]{{background:none;box-shadow:none}}')
        rules.append(
            f'body{off([t])} :is(#findings li,tr.notes li,table.summary tr)[data-type="{t}"]'
            "{display:none}"
        )
    for key in sorted({k for k in row_types if k}):
        types = key.split()
        if all(t in filter_ids for t in types):
            rules.append(
                f'body:has(#only-flagged:checked){off(types)} tr[data-row][data-types="{key}"]'
                "{display:none}"
            )
            rules.append(f'body{off(types)} tr.notes[data-types="{key}"]{{display:none}}')
    return Markup("\n".join(rules) + "\n")


def _label(versions: Sequence[Version], k: int, labelled: bool) -> str:
    """What a pairwise finding is prefixed with: its version's language (``az: ``), or
    nothing where there is one pair only (a bitext: naming its target says nothing)."""
    return f"{versions[k].lang}: " if labelled else ""


def _notes(
    versions: Sequence[Version],
    items: Sequence[tuple[int, Finding]],
    cross: Sequence[Finding],
    labelled: bool = True,
) -> list[dict[str, str]]:
    """The findings listed under a row: the cross-version ones when there are some (plus the
    pairwise findings no cross finding restates), else the pairwise ones by version."""
    grouped = _same_by_version(items)
    if cross:
        shown: list[tuple[tuple[Finding, ...], str]] = [((f,), "") for f in cross]
        # Pairwise findings that no cross finding restates (untranslated, length ...)
        shown += [
            (same, _label(versions, k, labelled))
            for k, same in grouped
            if same[0].type not in CROSS_TYPES
        ]
    else:
        shown = [(same, _label(versions, k, labelled)) for k, same in grouped]
    return [
        {
            "type": same[0].type,
            "severity": same[0].severity,
            "label": label,
            "message": same[0].message + _times(len(same)),
        }
        for same, label in shown
    ]


def _same_by_version(
    items: Sequence[tuple[int, Finding]],
) -> list[tuple[int, tuple[Finding, ...]]]:
    """A row's pairwise findings ``(version, finding)`` with the ones a version's sentence
    says many times (each copy of a looped figure) grouped, in the order first said: the
    reader needs the message once, with its count, as the text output gives it."""
    versions = dict.fromkeys(k for k, _ in items)
    return [
        (k, same)
        for k in versions
        for same in same_findings([f for j, f in items if j == k], per_pair=False)
    ]


def _times(n: int) -> str:
    """`` (x3)`` after a message said ``n`` times, nothing after one said once."""
    return f" (x{n})" if n > 1 else ""


def _row_paragraph(versions: Sequence[Version], row: Sequence[Sequence[int]]) -> int | None:
    """The paragraph (0-based) of the row's first sentence, in the first version that has one."""
    for version, seg_ids in zip(versions, row, strict=False):
        for i in seg_ids:
            seg = segment_at(version, i)
            if seg is not None:
                return seg.paragraph
    return None


def _issue(
    f: Finding, where: str, row: int | None, prefix: str = "", times: int = 1
) -> dict[str, Any]:
    """One line of a findings list, linked to its row when it has one; ``times``: how many
    findings say it."""
    return {
        "type": f.type,
        "severity": f.severity,
        "where": where,
        "anchor": row + 1 if row is not None and row >= 0 else None,
        "prefix": prefix,
        "message": f.message + _times(times),
    }


def _pairwise_issues(
    report: Report, by_row: dict[int, list[tuple[int, Finding]]], labelled: bool = True
) -> list[dict[str, Any]]:
    return [
        _issue(
            same[0],
            f"row {r + 1}" if r >= 0 else "row ?",
            r,
            _label(report.versions, k, labelled),
            len(same),
        )
        for r in sorted(by_row)
        for k, same in _same_by_version(by_row[r])
    ]


def _cell(
    version: Version, seg_ids: Sequence[int], spans: Sequence[tuple[Span, Finding]]
) -> list[dict[str, Any]]:
    """A version's sentences in one row, cut into pieces; a disputed piece carries its worst
    finding's severity and type and every finding's message as a tooltip."""
    segments = []
    for i, pieces in segment_pieces(version, seg_ids, spans):
        parts: list[dict[str, Any]] = []
        for text, found in pieces:
            if not found:
                parts.append({"text": text, "severity": ""})
                continue
            worst = max(found, key=lambda f: severity_rank(f.severity))
            tip = " | ".join(dict.fromkeys(f.message for f in found))
            parts.append({"text": text, "severity": worst.severity, "type": worst.type, "tip": tip})
        segments.append({"index": i, "pieces": parts})
    return segments


def _confidences(report: Report) -> dict[tuple[int, int], float]:
    """``(row, version)`` -> the lowest confidence of that version's beads in that row."""
    out: dict[tuple[int, int], float] = {}
    for k, rows in enumerate(rows_by_bead(report), start=1):
        beads = report.alignments[k - 1].beads
        for b, r in enumerate(rows):
            out[(r, k)] = min(out.get((r, k), 1.0), beads[b].confidence)
    return out
