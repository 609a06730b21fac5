"""The HTML comparison report as a reader uses it: without JavaScript, with a screen reader,
on paper, on a phone, and on a long statement.

The filters are checked by evaluating the page's own CSS selectors with soupsieve (which
knows ``:has()`` and ``:checked``), as a browser without JavaScript would apply them.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from aligntext.render.report import render_report
from aligntext.types import Finding, Report, Span
from test_report import EVIL, _two_version_report

LIGHT_BACKGROUNDS = ("#ffffff", "#f5f7fa", "#eef1f5", "#f0f2f5", "#fafbfc")


def _page(report: Report | None = None) -> tuple[str, BeautifulSoup]:
    page = render_report(report or _two_version_report(), "html")
    return page, BeautifulSoup(page, "html.parser")


def _css_rules(css: str) -> list[tuple[str, str, str]]:
    """``(media, selector, declarations)`` of every rule (one level of @-blocks)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[tuple[str, str, str]] = []
    media = ""
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        close = css.find("}", i)
        if close != -1 and (brace == -1 or close < brace):
            media, i = "", close + 1
            continue
        if brace == -1:
            break
        head = css[i:brace].strip()
        if head.startswith("@"):
            media, i = head, brace + 1
            continue
        end = css.find("}", brace)
        out.append((media, head, css[brace + 1 : end]))
        i = end + 1
    return out


def _hidden(soup: BeautifulSoup) -> set[str]:
    """Ids of the elements the page's rules hide (``display:none``), as a browser would."""
    css = "".join(s.string or "" for s in soup.find_all("style"))
    out = set()
    for media, selector, decls in _css_rules(css):
        if media or "display:none" not in decls.replace(" ", ""):
            continue
        if ":has(" not in selector and "[data-" not in selector:
            continue  # the fixed rules (.hidden, .filters before :has support ...)
        for el in soup.select(selector):
            out.add(el.get("id") or f"{el.name}:{el.get('data-type')}:{el.get_text(strip=True)}")
    return out


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_each_column_says_its_language_and_direction():
    _, soup = _page()
    assert soup.html["lang"] == "en" and soup.html["dir"] == "ltr"
    for row in soup.select("table.side tr[data-row]"):
        cells = row.find_all("td")[1:]
        for cell, lang, name in zip(cells, ("en", "az"), ("English", "Azerbaijani"), strict=True):
            if "empty" not in (cell.get("class") or []):
                assert cell["lang"] == lang and cell["dir"] == "ltr"
            # The label a phone shows above each version's text, the header being gone.
            assert cell["data-label"] == name


def test_tables_have_headers_a_screen_reader_can_use():
    _, soup = _page()
    assert all(th.get("scope") == "col" for th in soup.select("table.side thead th"))
    assert soup.select_one("table.side caption").get_text(strip=True)
    summary = soup.select("table.summary tbody tr")
    assert all(tr.find("th", scope="row") for tr in summary)
    assert all(th.get("scope") == "col" for th in soup.select("table.summary thead th"))


def test_row_marks_are_labelled_not_colour_alone():
    _, soup = _page()
    n = soup.select_one("tr#row-2 td.n")
    sev = n.select_one(".sev")
    assert sev["role"] == "img" and sev["aria-label"] == "error"
    q = soup.select_one("tr#row-3 td.n .q")
    assert q["role"] == "img" and q["aria-label"] == "uncertain alignment"
    assert soup.select_one("tr#row-2 td.n .p")["aria-label"] == "paragraph 2"
    assert soup.select_one("tr#row-1 td.n .sev") is None


def test_summary_types_link_to_their_first_row_and_notes_to_the_next():
    _, soup = _page()
    links = {a.get_text(): a["href"] for a in soup.select("table.summary tbody th a")}
    assert links == {"date": "#row-2", "omission": "#row-4", "alignment": "#row-3"}
    assert all(soup.select_one(href) is not None for href in links.values())
    nav = [a["href"] for a in soup.select("tr#notes-2 a.nav")]
    assert nav == ["#row-3", "#findings"]
    assert [a["href"] for a in soup.select("tr#notes-4 a.nav")] == ["#findings"]


def test_filters_work_without_javascript():
    _, soup = _page()
    for script in soup.find_all("script"):
        script.decompose()
    rules = _css_rules(soup.find("style").string)
    # Shown whenever :has() can drive them, not only once the script has run.
    assert any(
        m.startswith("@supports selector(:has(") and s == ".filters" and "display:flex" in d
        for m, s, d in rules
    )
    assert _hidden(soup) == set()
    # "Only rows with findings": the agreeing headline row goes, the flagged ones stay.
    soup.select_one("#only-flagged")["checked"] = ""
    assert _hidden(soup) == {"row-1"}
    # Untick "date": its row (it has no other finding), its note and its list lines go,
    # and its highlights are switched off.
    date_box = soup.select_one('#filters input[data-type="date"]')
    del date_box["checked"]
    hidden = _hidden(soup)
    assert {"row-1", "row-2", "notes-2"} <= hidden
    assert "row-3" not in hidden and "row-4" not in hidden
    assert any(h.startswith("li:date") for h in hidden)
    assert not any(h.startswith("li:omission") for h in hidden)
    css = soup.find("style").string
    off = [s for _, s, d in _css_rules(css) if "background:none" in d and "date" in s]
    assert off and all(m in soup.select(off[0]) for m in soup.select('mark[data-type="date"]'))


def test_a_strange_finding_type_never_reaches_the_stylesheet():
    report = _two_version_report()
    f = report.findings[0][0]
    odd = Finding(f.pair, f"x{EVIL}", f.severity, f.message, f.src_spans)
    report = Report(report.versions, report.alignments, ((odd,),), signature=report.signature)
    page, soup = _page(report)
    assert "alert" not in soup.find("style").string
    assert len(soup.find_all("script")) == 1 and EVIL not in page
    # Its checkbox is there all the same (the script filters it).
    assert soup.select('#filters input[data-type^="x<script>"]')


def test_the_column_headers_can_stick_while_the_rows_scroll():
    # An ancestor that clips its overflow becomes the sticky header's scroll box, and the
    # header then scrolls away with the page.
    _, soup = _page()
    rules = _css_rules(soup.find("style").string)
    sticky = [s for m, s, d in rules if not m and "position:sticky" in d]
    assert any("table.side th" in s for s in sticky)
    for media, selector, decls in rules:
        if media:
            continue
        if re.search(r"(^|,)\s*(\.versions|main|body|table\.side)\s*(,|$)", selector):
            assert not re.search(r"overflow(-[xy])?:(hidden|auto|scroll)", decls), selector
    # A row reached by a link is not hidden under that header, and is marked.
    assert any("scroll-margin-top" in d for _, s, d in rules if "table.side tr" in s)
    assert any(":target" in s for _, s, _ in rules)


def test_text_colours_are_readable():
    _, soup = _page()
    css = soup.find("style").string
    variables = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{3,6})", css))
    checked = 0
    for media, selector, decls in _css_rules(css):
        if media or selector.startswith(("header", ":root")):
            continue  # the dark header band is checked below
        for value in re.findall(r"(?:^|;)\s*color:([^;]+)", decls):
            value = value.strip()
            ref = re.fullmatch(r"var\(--([\w-]+)\)", value)
            colour = variables.get(ref.group(1), "") if ref else value
            if not colour.startswith("#"):
                continue
            own = re.search(r"background(?:-color)?:(#[0-9a-fA-F]{3,6}|var\(--[\w-]+\))", decls)
            backgrounds = LIGHT_BACKGROUNDS
            if own:
                bg = own.group(1)
                inner = re.fullmatch(r"var\(--([\w-]+)\)", bg)
                backgrounds = (variables[inner.group(1)] if inner else bg,)
            for bg in backgrounds:
                assert _contrast(colour, bg) >= 4.5, (selector, colour, bg)
            checked += 1
    assert checked > 10
    assert _contrast("#c8d1dc", "#1d2939") >= 4.5


def test_print_keeps_the_highlights_and_a_phone_gets_one_column():
    _, soup = _page()
    rules = _css_rules(soup.find("style").string)
    printed = [(s, d) for m, s, d in rules if m == "@media print"]
    assert any("mark" in s and "print-color-adjust:exact" in d for s, d in printed)
    assert any(".filters" in s and "display:none" in d for s, d in printed)
    narrow = [(s, d) for m, s, d in rules if m.startswith("@media (max-width")]
    assert any(s == ".grid" and "grid-template-columns:1fr" in d for s, d in narrow)
    labels = [d for s, d in narrow if "data-label" in s and "attr(data-label)" in d]
    # The label inherits the cell's lang: uppercased in an az or tr cell it reads AZERBAİJANİ.
    assert labels and all("text-transform" not in d for d in labels)
    # A long word (a link) wraps inside its column instead of running over the next one.
    assert any(s == "table.side td" and "overflow-wrap:anywhere" in d for m, s, d in rules)


def test_keyboard_users_see_where_they_are_and_can_skip_to_the_rows():
    _, soup = _page()
    rules = _css_rules(soup.find("style").string)
    assert any(":focus-visible" in s and "outline:" in d for _, s, d in rules)
    skip = soup.select_one("body > a.skip")
    assert skip["href"] == "#versions" and soup.select_one("#versions table.side")


def test_highlighted_span_text_stays_escaped_in_every_new_attribute():
    report = _two_version_report(name=f"{EVIL}.txt")
    f = report.findings[0][0]
    bad = Finding(
        f.pair, f.type, f.severity, f"{EVIL} {f.message}", (Span(1, 3, 15, "6 April 1993"),)
    )
    report = Report(report.versions, report.alignments, ((bad,),), signature=report.signature)
    page, soup = _page(report)
    assert EVIL not in page
    assert len(soup.find_all("script")) == 1
    assert soup.select_one("mark")["title"].startswith(EVIL)
