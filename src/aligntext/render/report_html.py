"""A comparison report as one self-contained HTML page: side by side, the findings
highlighted, a summary and filters."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from aligntext.io.encoding import show_invisible
from aligntext.render.report_parts import (
    _CROSS_TYPES,
    _bead_rows,
    _findings_by_row,
    _row_spans,
    _segment,
    _segment_pieces,
    _type_key,
    headline_findings,
    lang_name,
    report_rows,
    summarize,
)
from aligntext.types import (
    LOW_CONFIDENCE,
    SEVERITIES,
    Finding,
    Report,
    Span,
    Version,
    severity_rank,
)

_CSS = """
:root{--ink:#1d2330;--muted:#5f6b7a;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;
--err:#b42318;--err-bg:#fee4e2;--warn:#a15c07;--warn-bg:#fef0c7;--info:#175cd3;
--info-bg:#e0eaff}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--ink);background:var(--bg)}
header{background:#1d2939;color:#fff;padding:20px 32px}
header h1{margin:0;font-size:20px;font-weight:600}
header .files{margin-top:4px;color:#c8d1dc;font-size:13px}
main{padding:20px 32px 40px;max-width:1800px;margin:0 auto}
.verdict{display:flex;align-items:center;gap:14px;padding:14px 18px;border-radius:10px;
margin-bottom:18px;font-size:17px;font-weight:600;background:var(--card);
border:1px solid var(--line);
border-left:6px solid #12b76a}
.verdict.bad{border-left-color:var(--err)}.verdict.meh{border-left-color:#f79009}
.verdict small{font-weight:400;color:var(--muted);font-size:14px}
.grid{display:grid;grid-template-columns:minmax(260px,340px) 1fr;gap:18px;margin-bottom:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);
margin:0 0 10px}
table.summary{border-collapse:collapse;width:100%;font-size:14px}
table.summary th,table.summary td{padding:4px 8px;border-bottom:1px solid var(--line);
text-align:right}
table.summary th:first-child,table.summary td:first-child{text-align:left}
table.summary tr.total td{font-weight:600;border-bottom:none}
table.summary td.zero{color:#b6bfca}
ul.issues{list-style:none;margin:0;padding:0}
ul.issues li{padding:8px 0;border-bottom:1px solid var(--line);display:flex;gap:10px;
align-items:baseline}
ul.issues li:last-child{border-bottom:none}
ul.issues a{color:var(--ink);text-decoration:none}ul.issues a:hover{text-decoration:underline}
.where{color:var(--muted);font-size:13px;white-space:nowrap;min-width:52px}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;
letter-spacing:.04em;padding:1px 7px;border-radius:999px;white-space:nowrap}
.badge.error{background:var(--err-bg);color:var(--err)}
.badge.warning{background:var(--warn-bg);color:var(--warn)}
.badge.info{background:var(--info-bg);color:var(--info)}
.type{font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:4px;
padding:0 5px;
white-space:nowrap}
details.more{margin-top:10px}details.more summary{cursor:pointer;color:var(--muted);
font-size:14px}
.filters{display:none;gap:14px;flex-wrap:wrap;align-items:center;margin:0 0 10px;font-size:14px}
.js .filters{display:flex}
.filters label{cursor:pointer;user-select:none}
.versions{background:var(--card);border:1px solid var(--line);border-radius:10px;
overflow:hidden}
table.side{border-collapse:collapse;width:100%;table-layout:fixed}
table.side th{position:sticky;top:0;background:#eef1f5;text-align:left;padding:10px 12px;
font-size:14px;border-bottom:1px solid var(--line);z-index:1}
table.side th .lang{font-weight:700}table.side th .file{font-weight:400;color:var(--muted);
font-size:12px}
table.side td{vertical-align:top;padding:9px 12px;border-bottom:1px solid var(--line)}
table.side td.n{width:46px;color:var(--muted);font-size:12px;text-align:right;padding-right:8px}
table.side col.n{width:52px}
tr.flag-error td.n{border-left:4px solid var(--err)}
tr.flag-warning td.n{border-left:4px solid #f79009}
tr.flag-info td.n{border-left:4px solid #84adff}
td.empty{background:repeating-linear-gradient(135deg,#fafbfc 0 8px,#f0f2f5 8px 16px);
color:#98a2b3;font-style:italic;font-size:13px}
tr.lowconf td:not(.n){background-color:#fcfcfd}
tr.lowconf td.n::after{content:"?";display:block;margin-top:4px;color:#f79009;font-weight:700;
font-size:14px;text-align:right}
.lc{display:inline-block;margin-top:2px;font-size:11px;color:var(--warn)}
mark{background:none;color:inherit;padding:0 1px;border-radius:3px}
mark.error{background:var(--err-bg);box-shadow:inset 0 -2px 0 var(--err)}
mark.warning{background:var(--warn-bg);box-shadow:inset 0 -2px 0 #f79009}
mark.info{background:var(--info-bg);box-shadow:inset 0 -2px 0 #84adff}
mark.off{background:none;box-shadow:none}
tr.notes td{padding:0 12px 10px;border-bottom:1px solid var(--line);font-size:13.5px}
tr.notes ul{margin:0;padding:0;list-style:none}
tr.notes li{display:flex;gap:8px;align-items:baseline;padding:2px 0}
tr.has-notes td{border-bottom:none}
.hidden{display:none!important}
td.n .p{display:block;color:#98a2b3;font-size:11px}
tr.para td{border-top:2px solid #c5ccd6}
.warnings{color:var(--warn);font-size:14px;margin:0 0 14px;padding-left:18px}
footer{color:var(--muted);font-size:12px;padding:16px 32px 28px;max-width:1800px;margin:0 auto;
word-break:break-all}
footer code{background:#eef1f5;padding:2px 6px;border-radius:4px}
"""


_JS = """
document.documentElement.classList.add('js');
function applyFilters(){
  var on={};
  document.querySelectorAll('.filters input[data-type]').forEach(function(i){
    on[i.dataset.type]=i.checked;});
  var only=document.getElementById('only-flagged').checked;
  document.querySelectorAll('[data-type]').forEach(function(el){
    if(el.tagName==='INPUT')return;
    var t=el.dataset.type, show=on[t]!==false;
    if(el.tagName==='MARK'){el.classList.toggle('off',!show);
}else{el.classList.toggle('hidden',!show);}
  });
  document.querySelectorAll('tr[data-row]').forEach(function(tr){
    var types=(tr.dataset.types||'').split(' ').filter(Boolean);
    var hit=types.some(function(t){return on[t]!==false;});
    tr.classList.toggle('hidden',only&&!hit);
    var notes=document.getElementById('notes-'+tr.dataset.row);
    if(notes){notes.classList.toggle('hidden',(only&&!hit)||!hit);}
  });
}
document.addEventListener('change',function(e){if(e.target.closest('.filters'))applyFilters();
});
"""


def _e(text: Any) -> str:
    return html.escape(show_invisible(str(text)), quote=True)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def verdict_line(report: Report) -> tuple[str, str]:
    """The HTML headline and its CSS class: everything a reader must look at, by severity.

    Someone signing a statement off may read only this line, so it counts the errors and the
    warnings (a dropped sentence or a swapped name is a warning), and the warnings about the
    input itself (a file not in its language, a doubtful alignment) with the latter.
    """
    headline = headline_findings(report)
    n_err = sum(1 for f in headline if f.severity == "error")
    n_warn = sum(1 for f in headline if f.severity == "warning") + len(report.warnings)
    parts = [_plural(n, s) for n, s in ((n_err, "error"), (n_warn, "warning")) if n]
    if not parts:
        return "", "No differences found"
    return ("bad" if n_err else "meh"), f"{', '.join(parts)} to look at"


def report_to_html(report: Report) -> str:
    """The report as one self-contained HTML page.

    The page shows a verdict, a summary table of findings by type and severity, the
    cross-version findings (the odd one out) and every finding, then the versions side by
    side, one aligned row per group of corresponding sentences, with the disputed stretches
    highlighted in every version, uncertain alignments marked, and the signature in the
    footer. A few lines of inline JavaScript filter by type; without it everything shows.
    Every input string is escaped; nothing is loaded from outside the file.
    """
    versions = report.versions
    rows = report_rows(report)
    pairwise = [f for group in report.findings for f in group]
    by_row = _findings_by_row(report)
    cross_by_row: dict[int, list[Finding]] = {}
    for f in report.cross_findings:
        cross_by_row.setdefault(f.pair, []).append(f)
    bead_conf = _confidences(report)

    headline = headline_findings(report)
    title = _title(report)
    files = " · ".join(
        (v.document.path if v.document is not None and v.document.path else v.name)
        for v in versions
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} · aligntext</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>"
        f'<div class="files">Comparison of {len(versions)} language versions: '
        f"{_e(files)}</div></header><main>",
    ]
    cls, verdict = verdict_line(report)
    n_info = sum(1 for f in headline if f.severity == "info")
    detail = [f"{n_info} note{'s' if n_info != 1 else ''}"] if n_info else []
    detail.append(f"{len(rows)} aligned rows")
    detail.append("sentences " + ", ".join(f"{v.lang} {len(v.segments)}" for v in versions))
    out.append(
        f'<div class="verdict {cls}" id="verdict">{_e(verdict)} '
        f"<small>{_e(' · '.join(detail))}</small></div>"
    )
    if report.warnings:
        out.append(
            '<ul class="warnings">'
            + "".join(f"<li>{_e(w)}</li>" for w in report.warnings)
            + "</ul>"
        )

    # Summary table and the list of differences.
    out.append('<div class="grid"><section class="card"><h2>Summary</h2>')
    out.append(_html_summary(headline))
    out.append('</section><section class="card" id="findings">')
    if report.cross_findings:
        out.append("<h2>Differences across versions</h2>")
        out.append(_html_issue_list(report.cross_findings, lambda f: None))
        others = [
            (r, k, f) for r in sorted(by_row) for k, f in by_row[r] if f.type not in _CROSS_TYPES
        ]
        if others:
            out.append('<ul class="issues">')
            out += [
                _html_issue(f, f"row {r + 1}", r, f"{versions[k].lang}: ") for r, k, f in others
            ]
            out.append("</ul>")
        out.append(
            '<details class="more"><summary>'
            f"{len(pairwise)} findings against {_e(versions[0].lang)}, version by version"
            "</summary>"
        )
        out.append(_html_issue_list_pairwise(report, by_row))
        out.append("</details>")
    elif pairwise:
        out.append(f"<h2>Findings against {_e(versions[0].lang)}</h2>")
        out.append(_html_issue_list_pairwise(report, by_row))
    else:
        out.append(
            "<h2>Findings</h2><p>The versions agree on every number, date and name "
            "the checker found, and no sentence is missing.</p>"
        )
    out.append("</section></div>")

    # Filters (shown only when JavaScript runs).
    types = sorted({f.type for f in report.all_findings()}, key=_type_key)
    out.append('<div class="filters" id="filters"><strong>Show</strong>')
    for t in types:
        out.append(f'<label><input type="checkbox" checked data-type="{_e(t)}"> {_e(t)}</label>')
    out.append(
        '<label><input type="checkbox" id="only-flagged"> only rows with findings</label></div>'
    )

    # Side by side.
    out.append('<div class="versions"><table class="side"><colgroup><col class="n">')
    out.append("".join("<col>" for _ in versions) + "</colgroup><thead><tr><th>#</th>")
    for version in versions:
        out.append(
            f'<th><span class="lang">{_e(lang_name(version.lang))}</span> '
            f'<span class="file">{_e(version.lang)} · {_e(version.name)}</span></th>'
        )
    out.append("</tr></thead><tbody>")
    last_para: int | None = None
    for r, row in enumerate(rows):
        items = by_row.get(r, [])
        row_findings = [f for _, f in items] + cross_by_row.get(r, [])
        row_types = sorted({f.type for f in row_findings}, key=_type_key)
        worst = max((f.severity for f in row_findings), key=severity_rank, default="")
        conf = min((c for (row_i, _), c in bead_conf.items() if row_i == r), default=1.0)
        classes = []
        if worst:
            classes.append(f"flag-{worst}")
        if conf < LOW_CONFIDENCE or any(f.type == "alignment" for f in row_findings):
            classes.append("lowconf")
        if row_findings:
            classes.append("has-notes")
        para = _row_paragraph(versions, row)
        if para is not None and para != last_para:
            classes.append("para")
            last_para = para
        para_label = f'<span class="p">¶{para + 1}</span>' if para is not None else ""
        out.append(
            f'<tr id="row-{r + 1}" data-row="{r + 1}" data-types="{_e(" ".join(row_types))}"'
            f' class="{" ".join(classes)}"><td class="n">{r + 1}{para_label}</td>'
        )
        for v, seg_ids in enumerate(row):
            spans = _row_spans(report, r, v, items)
            if not seg_ids:
                out.append('<td class="empty">no corresponding sentence</td>')
                continue
            out.append(
                f'<td lang="{_e(versions[v].lang)}">{_html_cell(versions[v], seg_ids, spans)}'
            )
            if v > 0 and "lowconf" in classes:
                c = bead_conf.get((r, v))
                if c is not None and c < LOW_CONFIDENCE:
                    out.append(f'<br><span class="lc">uncertain alignment ({c:.2f})</span>')
            out.append("</td>")
        out.append("</tr>")
        if row_findings:
            out.append(
                f'<tr class="notes" id="notes-{r + 1}"><td></td><td colspan="{len(versions)}"><ul>'
            )
            shown = cross_by_row.get(r, []) or [f for _, f in items]
            labels = (
                {id(f): "" for f in shown}
                if cross_by_row.get(r)
                else {id(f): f"{versions[k].lang}: " for k, f in items}
            )
            for f in shown:
                out.append(
                    f'<li data-type="{_e(f.type)}"><span class="badge {_e(f.severity)}">'
                    f'{_e(f.severity)}</span><span class="type">{_e(f.type)}</span> '
                    f"<span>{_e(labels.get(id(f), ''))}{_e(f.message)}</span></li>"
                )
            if cross_by_row.get(r):
                # Pairwise findings that no cross finding restates (untranslated, length ...)
                for k, f in items:
                    if f.type not in _CROSS_TYPES:
                        out.append(
                            f'<li data-type="{_e(f.type)}"><span class="badge '
                            f'{_e(f.severity)}">{_e(f.severity)}</span><span class="type">'
                            f"{_e(f.type)}</span> <span>{_e(versions[k].lang)}: "
                            f"{_e(f.message)}</span></li>"
                        )
            out.append("</ul></td></tr>")
    out.append("</tbody></table></div></main>")
    out.append(
        f"<footer>Made with aligntext. Signature: <code>{_e(report.signature)}</code></footer>"
    )
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out) + "\n"


def _title(report: Report) -> str:
    """The statement's headline (the pivot's first paragraph), or a generic title."""
    doc = report.versions[0].document if report.versions else None
    if doc is not None and doc.paragraphs:
        head = " ".join(doc.paragraphs[0].text.split())
        if head:
            return head if len(head) <= 120 else head[:119] + "…"
    return f"Comparison of {len(report.versions)} language versions"


def _row_paragraph(versions: Sequence[Version], row: Sequence[Sequence[int]]) -> int | None:
    """The paragraph (0-based) of the row's first sentence, in the first version that has one."""
    for version, seg_ids in zip(versions, row, strict=False):
        for i in seg_ids:
            seg = _segment(version, i)
            if seg is not None:
                return seg.paragraph
    return None


def _html_summary(findings: Sequence[Finding]) -> str:
    summary = summarize(findings)
    sev = list(reversed(SEVERITIES))
    out = ['<table class="summary"><thead><tr><th>type</th>']
    out += [f'<th><span class="badge {s}">{s}</span></th>' for s in sev]
    out.append("</tr></thead><tbody>")
    if not summary["by_type"]:
        out.append(f"<tr><td>none</td>{''.join('<td class=zero>0</td>' for _ in sev)}</tr>")
    for t, counts in summary["by_type"].items():
        out.append(f'<tr data-type="{_e(t)}"><td>{_e(t)}</td>')
        for s in sev:
            n = counts[s]
            out.append(f'<td class="{"zero" if not n else ""}">{n}</td>')
        out.append("</tr>")
    out.append('<tr class="total"><td>total</td>')
    out += [f"<td>{summary['by_severity'][s]}</td>" for s in sev]
    out.append("</tr></tbody></table>")
    return "".join(out)


def _html_issue(f: Finding, where: str, anchor: int | None, prefix: str = "") -> str:
    link = f'<a href="#row-{anchor + 1}">' if anchor is not None and anchor >= 0 else "<a>"
    return (
        f'<li data-type="{_e(f.type)}"><span class="where">{_e(where)}</span>'
        f'<span class="badge {_e(f.severity)}">{_e(f.severity)}</span>'
        f'<span class="type">{_e(f.type)}</span> '
        f"{link}{_e(prefix)}{_e(f.message)}</a></li>"
    )


def _html_issue_list(findings: Sequence[Finding], _unused: Callable[[Finding], Any]) -> str:
    return (
        '<ul class="issues">'
        + "".join(_html_issue(f, f"row {f.pair + 1}", f.pair) for f in findings)
        + "</ul>"
    )


def _html_issue_list_pairwise(report: Report, by_row: dict[int, list[tuple[int, Finding]]]) -> str:
    out = ['<ul class="issues">']
    for r in sorted(by_row):
        for k, f in by_row[r]:
            where = f"row {r + 1}" if r >= 0 else "row ?"
            out.append(_html_issue(f, where, r, f"{report.versions[k].lang}: "))
    out.append("</ul>")
    return "".join(out)


def _html_cell(
    version: Version, seg_ids: Sequence[int], spans: Sequence[tuple[Span, Finding]]
) -> str:
    parts = []
    for i, pieces in _segment_pieces(version, seg_ids, spans):
        out = []
        for text, found in pieces:
            if not found:
                out.append(_e(text))
                continue
            worst = max(found, key=lambda f: severity_rank(f.severity))
            tip = " | ".join(dict.fromkeys(f.message for f in found))
            out.append(
                f'<mark class="{_e(worst.severity)}" data-type="{_e(worst.type)}" '
                f'title="{_e(tip)}">{_e(text)}</mark>'
            )
        parts.append(f'<span class="seg" data-seg="{i}">{"".join(out)}</span>')
    return " ".join(parts)


def _confidences(report: Report) -> dict[tuple[int, int], float]:
    """``(row, version)`` -> the lowest confidence of that version's beads in that row."""
    out: dict[tuple[int, int], float] = {}
    for k, rows in enumerate(_bead_rows(report), start=1):
        beads = report.alignments[k - 1].beads
        for b, r in enumerate(rows):
            out[(r, k)] = min(out.get((r, k), 1.0), beads[b].confidence)
    return out
