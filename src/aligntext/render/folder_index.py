"""The index page of a folder comparison (``compare A/ B/ --out R``): ``R/index.html``.

A news desk opens the index first and the reports only where it must, so the index says per
statement what the report would: its headline (file names are often numbers), its counts,
and the findings to look at first, each with its severity, linked to the statement's report.
It looks like the reports (the same header, badges and colours) and stands alone: no
script, no external file.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from aligntext.render.jinja import asset
from aligntext.render.report_parts import plural

if TYPE_CHECKING:
    from aligntext.pipeline.compare_folders import StatementResult

_STYLE = (
    "header p{margin:4px 0 0;color:#c8d1dc;font-size:13px}"
    ".counts{font-size:16px;font-weight:600;margin:0 0 14px}"
    "th[scope=row]{font-weight:400;min-width:14em}"
    "th[scope=row] a{font-weight:600}"
    ".title{color:var(--muted);font-size:14px;margin-top:2px}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td.zero{color:#98a2b3}"
    "tr.bad td.e{color:var(--err);font-weight:700}"
    "tr.warn td.w{color:var(--warn);font-weight:700}"
    "tr.bad>th{box-shadow:inset 4px 0 0 var(--err)}"
    "tr.warn>th{box-shadow:inset 4px 0 0 #f79009}"
    "ul.top{margin:0;padding:0;list-style:none}ul.top li{margin:0 0 4px}"
    ".badge,.type{margin-right:6px}"
    ".more,.times{color:var(--muted);font-size:13px}"
    "a{color:var(--info)}a:focus-visible{outline:3px solid var(--info);outline-offset:2px}"
    # A phone: each statement a card, its counts on one line, its findings under them.
    "@media (max-width:700px){header,main{padding-left:12px;padding-right:12px}"
    "table,tbody,tr,th,td{display:block}thead{display:none}table{border:none;background:none}"
    "tr{background:#fff;border:1px solid var(--line);border-radius:10px;margin-bottom:10px;"
    "overflow:hidden}td,th{border-bottom:none;padding:4px 12px}th[scope=row]{padding-top:10px}"
    "td.n{display:inline-block;text-align:left}td.n::before,td.remarks::before"
    "{content:attr(data-label) ': ';color:var(--muted);font-size:13px}"
    "td:last-child{padding-bottom:10px}td:empty{display:none}}"
    "@media print{header{background:none;color:#000}header p{color:#333}"
    "thead th{position:static}}"
)


def relative_url(path: str) -> str:
    """A link to a report by its relative path: each part percent-encoded and the whole
    made relative with ``./``, so a file named ``javascript:x.txt`` or ``a#b?.txt`` links to
    that file, not to a script or a fragment."""
    from urllib.parse import quote

    return "./" + quote(PurePosixPath(path.replace(os.sep, "/")).as_posix(), safe="/")


def _statement_cell(r: StatementResult) -> str:
    e = html.escape
    link = next((x for x in r.reports if x.endswith(".html")), None)
    name = e(r.statement)
    if link:
        name = f'<a href="{e(relative_url(link))}">{name}</a>'
    if r.title:
        lang = f' lang="{e(r.title_lang)}"' if r.title_lang else ""
        name += f'<div class="title"{lang}>{e(r.title)}</div>'
    return f'<th scope="row">{name}</th>'


def _top_cell(r: StatementResult) -> str:
    e = html.escape
    items = [
        f'<li><span class="badge {e(sev)}">{e(sev)}</span><span class="type">{e(kind)}</span>'
        f"{e(message)}{f' <span class=times>({n} sentences)</span>' if n > 1 else ''}</li>"
        for sev, kind, message, n in r.top
    ]
    if r.more:
        items.append(f'<li class="more">and {plural(r.more, "more finding")} in the report</li>')
    return f'<td><ul class="top">{"".join(items)}</ul></td>' if items else "<td></td>"


def _remarks(r: StatementResult) -> list[str]:
    remarks = [f"missing in {m}" for m in r.missing]
    if r.message:
        remarks.append(r.message)
    return remarks + list(r.notes)


def index_html(results: Sequence[StatementResult], folders: Sequence[str]) -> str:
    """The index as one self-contained page: a table, worst first, linking the reports.

    Each statement shows its headline, its counts of errors, warnings and notes, and its
    most serious findings; a "remarks" column (shown when any statement has one) says why a
    statement was not compared or what doubts its comparison raised. The page says its
    language, fits a phone's width, keeps its column headers in view on a long folder, and
    escapes every string it shows.
    """
    e = html.escape
    total = {s: 0 for s in ("errors", "warnings", "infos")}
    for r in results:
        for key in total:
            total[key] += getattr(r, key)
    with_remarks = any(_remarks(r) for r in results)
    rows = []
    for r in results:
        level = "bad" if r.errors else "warn" if r.warnings else "ok"
        counts = "".join(
            f'<td class="n {cls}{"" if n else " zero"}" data-label="{label}">{n}</td>'
            for cls, label, n in (
                ("e", "errors", r.errors),
                ("w", "warnings", r.warnings),
                ("i", "notes", r.infos),
            )
        )
        said = e("; ".join(_remarks(r)))
        remarks = f'<td class="remarks" data-label="remarks">{said}</td>' if with_remarks else ""
        rows.append(f'<tr class="{level}">{_statement_cell(r)}{counts}{_top_cell(r)}{remarks}</tr>')
    heading = " · ".join(e(f) for f in folders)
    counts = ", ".join(
        plural(total[key], noun)
        for key, noun in (("errors", "error"), ("warnings", "warning"), ("infos", "note"))
    )
    columns = ["statement", "errors", "warnings", "notes", "to look at first"]
    if with_remarks:
        columns.append("remarks")
    head = "".join(f'<th scope="col">{h}</th>' for h in columns)
    title = plural(len(results), "statement")
    # Joined as text: Markup + str would escape the quotes in _STYLE's content: ': '.
    style = f"{asset('base.css')}{asset('sheet.css')}{_STYLE}"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>aligntext: {title}</title><style>{style}</style></head>"
        "<body>\n"
        f"<header><h1>{title} compared</h1><p>{heading}</p></header>\n<main>"
        f'<p class="counts">{counts}; worst first.</p>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></main></body></html>\n"
    )
