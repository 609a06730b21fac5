"""Rendering of findings and comparison reports: text, JSON, JSON Lines and HTML.

The reports here are built by hand, so these tests exercise the renderer alone.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from aligntext.render.report import (
    finding_to_dict,
    headline_findings,
    render_findings,
    render_report,
    summarize,
)
from aligntext.types import (
    Alignment,
    Bead,
    Document,
    Finding,
    Paragraph,
    Report,
    Segment,
    Signature,
    Span,
    Version,
)

EVIL = "<script>alert('x')</script>"


def _segs(*texts: str) -> tuple[Segment, ...]:
    return tuple(Segment(t, i, paragraph=i, start=0, end=len(t)) for i, t in enumerate(texts))


def _two_version_report(extra_src: str = "", name: str = "en.txt") -> Report:
    en = _segs(
        "Statement on trade" + extra_src,
        "On 6 April 1993 the agreement was signed.",
        "It covers 511 product groups.",
        "A commission meets twice a year.",
    )
    az = _segs(
        "Ticarət haqqında bəyanat",
        "Saziş 1993-cü il aprelin 30-da imzalanıb.",
        "O, 511 məhsul qrupunu əhatə edir.",
    )
    alignment = Alignment(
        beads=(
            Bead((0,), (0,), 1.0, 0.95),
            Bead((1,), (1,), 0.8, 0.9),
            Bead((2,), (2,), 0.4, 0.3),
            Bead((3,), (), 0.0, 0.9),
        ),
        src=en,
        tgt=az,
        src_lang="en",
        tgt_lang="az",
    )
    findings = (
        Finding(
            1,
            "date",
            "error",
            "date 6 April 1993 in source; target has 30 April 1993",
            src_spans=(Span(1, 3, 15, "6 April 1993"),),
            tgt_spans=(Span(1, 6, 30, "1993-cü il aprelin 30-da"),),
            src_lang="en",
            tgt_lang="az",
        ),
        Finding(
            2,
            "alignment",
            "warning",
            "uncertain alignment (1-1 bead, confidence 0.30)",
            src_lang="en",
            tgt_lang="az",
        ),
        Finding(
            3,
            "omission",
            "warning",
            'source sentence has no counterpart in target: "A commission meets twice a year."',
            src_spans=(Span(3, 0, len(en[3].text), en[3].text),),
            src_lang="en",
            tgt_lang="az",
        ),
    )
    doc = Document((Paragraph("Statement on trade" + extra_src, 0),), path=f"/data/{name}")
    return Report(
        versions=(Version("en", en, doc, name), Version("az", az, None, "az.txt")),
        alignments=(alignment,),
        findings=(findings,),
        signature=Signature((("aligner", "1.0"), ("aligntext", "0.1.0"))),
    )


def _html(report: Report) -> BeautifulSoup:
    return BeautifulSoup(render_report(report, "html"), "html.parser")


# --- HTML ------------------------------------------------------------------------------


def test_html_is_one_self_contained_page():
    page = render_report(_two_version_report(), "html")
    soup = BeautifulSoup(page, "html.parser")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing is loaded from outside the file.
    assert not soup.find_all("link")
    assert all(not s.get("src") for s in soup.find_all("script"))
    assert all(not i.get("src") for i in soup.find_all("img"))
    assert "http://" not in page and "https://" not in page
    assert soup.find("style") is not None


def test_html_shows_versions_side_by_side_in_aligned_rows():
    soup = _html(_two_version_report())
    heads = [th.get_text(" ", strip=True) for th in soup.select("table.side thead th")]
    assert heads[1].startswith("English") and heads[2].startswith("Azerbaijani")
    rows = soup.select("table.side tr[data-row]")
    assert len(rows) == 4
    cells = rows[1].find_all("td")
    assert "6 April 1993" in cells[1].get_text() and "aprelin 30-da" in cells[2].get_text()
    # The omitted sentence leaves the Azerbaijani cell of its row empty, and says so.
    assert "empty" in rows[3].find_all("td")[2]["class"]


def test_html_highlights_findings_in_both_texts():
    soup = _html(_two_version_report())
    marks = soup.select("table.side tr#row-2 mark")
    assert [m.get_text() for m in marks] == ["6 April 1993", "1993-cü il aprelin 30-da"]
    assert all("error" in m["class"] and m["data-type"] == "date" for m in marks)
    assert "30 April 1993" in marks[0]["title"]
    assert "flag-error" in soup.select_one("tr#row-2")["class"]


def test_html_lists_findings_with_summary_and_filters():
    soup = _html(_two_version_report())
    issues = [li.get_text(" ", strip=True) for li in soup.select("#findings ul.issues li")]
    assert len(issues) == 3
    assert any("6 April 1993 in source; target has 30 April 1993" in t for t in issues)
    summary = {
        tr.find("th").get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in soup.select("table.summary tbody tr")
    }
    # Columns: error, warning, info.
    assert summary["date"] == ["1", "0", "0"]
    assert summary["omission"] == ["0", "1", "0"]
    assert summary["total"] == ["1", "2", "0"]
    filters = {i["data-type"] for i in soup.select("#filters input[data-type]")}
    assert filters == {"date", "omission", "alignment"}
    assert "applyFilters" in soup.find("script").string


def test_html_marks_low_confidence_rows_and_signs_the_footer():
    soup = _html(_two_version_report())
    assert "lowconf" in soup.select_one("tr#row-3")["class"]
    assert "lowconf" not in soup.select_one("tr#row-2")["class"]
    assert "uncertain alignment (0.30)" in soup.select_one("tr#row-3").get_text()
    assert "aligner:1.0|aligntext:0.1.0" in soup.find("footer").get_text()


@pytest.mark.parametrize("where", ["text", "name", "message"])
def test_html_escapes_every_input_string(where):
    report = _two_version_report(
        extra_src=EVIL if where == "text" else "",
        name=f"{EVIL}.txt" if where == "name" else "en.txt",
    )
    if where == "message":
        f = report.findings[0][0]
        bad = Finding(f.pair, f.type, f.severity, f"{EVIL} {f.message}", f.src_spans)
        report = Report(report.versions, report.alignments, ((bad,),), signature=report.signature)
    page = render_report(report, "html")
    soup = BeautifulSoup(page, "html.parser")
    # One script element only: the report's own; the input's comes out as text.
    assert len(soup.find_all("script")) == 1
    assert "alert('x')" not in soup.find("script").string
    assert EVIL in soup.get_text()
    assert "&lt;script&gt;" in page


def test_html_headline_counts_errors_and_warnings():
    # One changed date (error), a dropped sentence and an uncertain alignment (warnings):
    # a reader who stops at the headline must learn of all three.
    report = _two_version_report()
    verdict = _html(report).select_one("#verdict")
    assert verdict.contents[0].strip() == "1 error, 2 warnings to look at"
    assert "bad" in verdict["class"]
    only_warnings = Report(
        report.versions,
        report.alignments,
        (tuple(f for f in report.findings[0] if f.severity == "warning"),),
        signature=report.signature,
        warnings=("az.txt looks like Turkish (tr), not Azerbaijani (az) as given",),
    )
    verdict = _html(only_warnings).select_one("#verdict")
    assert verdict.contents[0].strip() == "3 warnings to look at"
    assert "meh" in verdict["class"]


def test_html_for_a_clean_comparison_says_so():
    report = _two_version_report()
    clean = Report(report.versions, report.alignments, ((),), signature=report.signature)
    soup = _html(clean)
    assert "No differences found" in soup.select_one("#verdict").get_text()
    assert not soup.select("table.side mark")


def test_html_with_three_versions_leads_with_the_odd_one_out():
    base = _two_version_report()
    ru = _segs("Заявление о торговле", "30 апреля 1993 года соглашение подписано.", "511 групп.")
    alignment = Alignment(
        beads=(Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,)), Bead((3,), ())),
        src=base.versions[0].segments,
        tgt=ru,
        src_lang="en",
        tgt_lang="ru",
    )
    cross = Finding(
        1,
        "date",
        "error",
        "en says 6 April 1993; az and ru say 30 April 1993",
        src_spans=(Span(1, 3, 15, "6 April 1993"),),
        src_lang="en",
        tgt_lang="en",
    )
    report = Report(
        versions=(*base.versions, Version("ru", ru, None, "ru.txt")),
        alignments=(*base.alignments, alignment),
        findings=(base.findings[0], ()),
        cross_findings=(cross,),
        rows=(((0,), (0,), (0,)), ((1,), (1,), (1,)), ((2,), (2,), (2,)), ((3,), (), ())),
    )
    soup = _html(report)
    first = soup.select_one("#findings ul.issues li").get_text(" ", strip=True)
    assert "en says 6 April 1993; az and ru say 30 April 1993" in first
    notes = soup.select_one("tr#notes-2").get_text(" ", strip=True)
    assert "en says 6 April 1993" in notes
    assert len(soup.select("table.side thead th")) == 4


# --- JSON, text ------------------------------------------------------------------------


def test_report_json_structure():
    data = json.loads(render_report(_two_version_report(), "json"))
    assert [v["lang"] for v in data["versions"]] == ["en", "az"]
    assert data["versions"][0]["segments"][1]["text"].startswith("On 6 April")
    assert data["alignments"][0]["beads"][3] == {
        "src": [3],
        "tgt": [],
        "score": 0.0,
        "confidence": 0.9,
    }
    assert data["rows"] == [[[0], [0]], [[1], [1]], [[2], [2]], [[3], []]]
    first = data["findings"][0]
    assert list(first)[:5] == ["version", "row", "type", "severity", "message"]
    # The row a reader sees (1-based) and the bead it came from (0-based), each named so.
    assert [(f["row"], f["bead_index"]) for f in data["findings"]] == [
        (f.pair + 1, f.pair) for f in _two_version_report().findings[0]
    ]
    assert first["src_spans"] == [{"segment": 1, "start": 3, "end": 15, "text": "6 April 1993"}]
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 2, "info": 0}
    assert data["signature"] == "aligner:1.0|aligntext:0.1.0"


def test_report_text_marks_spans_without_colour():
    text = render_report(_two_version_report(), "text", color=False)
    assert "\x1b[" not in text
    assert "[6 April 1993]" in text and "[1993-cü il aprelin 30-da]" in text
    assert "1 error" in text and "2 warnings" in text
    coloured = render_report(_two_version_report(), "text", color=True)
    assert "\x1b[" in coloured


def test_report_text_counts_in_singular_and_plural():
    report = _two_version_report()
    one = Alignment(
        (Bead((0,), (0,), 1.0, 0.95),),
        report.versions[0].segments[:1],
        report.versions[1].segments[:1],
        "en",
        "az",
    )
    single = Report(
        (
            Version("en", report.versions[0].segments[:1], None, "en.txt"),
            Version("az", report.versions[1].segments[:1], None, "az.txt"),
        ),
        (one,),
        ((),),
        signature=report.signature,
    )
    text = render_report(single, "text", color=False)
    assert "(en.txt, 1 sentence)" in text and "in 1 aligned row\n" in text
    page = _html(single).get_text()
    assert "1 aligned row" in page and "1 aligned rows" not in page
    four = render_report(report, "text", color=False)
    assert "(en.txt, 4 sentences)" in four and "(az.txt, 3 sentences)" in four
    assert "in 4 aligned rows" in four


def test_unknown_formats_are_refused():
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render_report(_two_version_report(), "pdf")
    with pytest.raises(ValueError, match="unknown findings format 'xml'"):
        render_findings([], "xml")


# --- bitext findings -------------------------------------------------------------------


def test_findings_jsonl_one_object_per_line_with_the_contract_keys():
    findings = _two_version_report().findings[0]
    lines = render_findings(findings, "jsonl").splitlines()
    assert len(lines) == 3
    for line, f in zip(lines, findings, strict=True):
        obj = json.loads(line)
        assert list(obj)[:4] == ["row", "type", "severity", "message"]
        assert (obj["row"], obj["type"], obj["severity"]) == (f.pair + 1, f.type, f.severity)
    assert render_findings([], "jsonl") == ""


def test_findings_text_shows_the_row_from_1():
    f = Finding(0, "number", "error", "number 12 in source; target has 13", (Span(0, 6, 8, "12"),))
    text = render_findings([f], "text", pairs=[("I saw 12 cats.", "13 pişik gördüm.")],
                           src_lang="en", tgt_lang="az", source="x.tsv")  # fmt: skip
    assert "row 1 " in text and "I saw [12] cats." in text
    assert "x.tsv: 1 pair en-az, 1 finding: 1 error" in text


def test_summarize_and_headline():
    report = _two_version_report()
    assert summarize(report.findings[0])["by_type"]["date"] == {"error": 1, "warning": 0, "info": 0}
    assert headline_findings(report) == list(report.findings[0])
    assert finding_to_dict(report.findings[0][0])["tgt_spans"][0]["text"].startswith("1993")


def test_html_templates_autoescape():
    """Every ``{{ value }}`` of the report templates is escaped by the environment itself.

    Turning autoescape off in :mod:`aligntext.render.jinja` makes the first assertion fail
    (the value comes out raw); the second shows that it would.
    """
    from aligntext.render import jinja

    env = jinja.environment()
    template = '<p title="{{ v }}">{{ v }}</p>'
    page = env.from_string(template).render(v=EVIL)
    assert page == (
        '<p title="&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;">'
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"
    )
    unescaped = env.overlay(autoescape=False).from_string(template).render(v=EVIL)
    assert EVIL in unescaped


def test_html_report_escapes_through_the_template():
    # The same escaping on a whole page: the version name sits in a template expression.
    report = _two_version_report(name=f"{EVIL}.txt")
    page = render_report(report, "html")
    assert f"{EVIL}" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;.txt" in page
