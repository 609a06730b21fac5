"""``aligntext check --format html``: the bitext as compare's side-by-side page."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from aligntext.cli import cli

# Line 1 is a header, line 3 is blank: rows keep the file's line numbers. Line 4 changes a
# figure next to markup that must come out as text; line 5 has no translation.
TSV = (
    "en\taz\n"
    "The committee meets in Baku every spring.\tKomitə hər yaz Bakıda toplanır.\n"
    "\n"
    "The fee is 250 euros <script>alert('x')</script>.\t"
    "Haqq 350 avrodur <script>alert('x')</script>.\n"
    "The ministry published its annual report.\t\n"
)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args])


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _cells(soup: BeautifulSoup, row: int) -> list:
    tr = soup.find("tr", id=f"row-{row}")
    assert tr is not None, f"no row {row}"
    return tr.find_all("td")[1:]


def test_html_report_of_a_tsv(tmp_path: Path) -> None:
    src = tmp_path / "fees.tsv"
    src.write_text(TSV, encoding="utf-8")
    out = tmp_path / "out.html"
    result = _run(str(src), "--format", "html", "-o", str(out))
    # The same exit code as every other format: an error reaches --fail-on warning.
    assert result.exit_code == 1, result.output
    assert _run(str(src), "--format", "html", "-o", str(out), "--fail-on", "never").exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    soup = _page(out)
    title = soup.find("h1").get_text()
    assert title == "Check of fees.tsv: en-az, 3 translation units"
    assert soup.title.get_text().startswith(title)
    # The rows are numbered as the text output numbers them (the file's lines); the header
    # and the blank line have no row.
    text = _run(str(src)).output
    assert sorted({int(n) for n in re.findall(r"^  row (\d+)", text, re.M)}) == [4, 5]
    rows = [int(tr["data-row"]) for tr in soup.find_all("tr", attrs={"data-row": True})]
    assert rows == [2, 4, 5]
    flagged = [int(tr["data-row"]) for tr in soup.select("tr[data-row].has-notes")]
    assert flagged == [4, 5]
    # The changed figure is marked in row 4's target cell, and its source in the source.
    en, az = _cells(soup, 4)
    assert (en["lang"], az["lang"]) == ("en", "az")
    assert [m.get_text() for m in az.find_all("mark")] == ["350"]
    assert [m.get_text() for m in en.find_all("mark")] == ["250"]
    assert az.find("script") is None and "<script>alert('x')</script>" in az.get_text()
    assert not _cells(soup, 2)[1].find("mark")
    # The missing translation: its source marked, the target cell says it has nothing.
    en5, az5 = _cells(soup, 5)
    assert en5.find("mark").get_text() == "The ministry published its annual report."
    assert "empty" in az5["class"] and not az5.has_attr("lang")
    assert az5.get_text() == "no translation"
    # One pair: the findings are not prefixed with the target's language, and not "against" it.
    assert "az: " not in page and "Findings against" not in page
    links = [a["href"] for a in soup.select("#findings a[href]")]
    assert "#row-4" in links and "#row-5" in links
    assert "<code>langs:en-az|" in page


def test_html_to_stdout(tmp_path: Path) -> None:
    src = tmp_path / "fees.tsv"
    src.write_text(TSV, encoding="utf-8")
    result = _run(str(src), "--format", "html")
    assert result.exit_code == 1
    assert result.output.startswith("<!DOCTYPE html>")


def test_html_report_of_a_tmx(tmp_path: Path) -> None:
    src = tmp_path / "memory.tmx"
    units = [
        ("It was signed on 6 April 1993 in Baku.", "Bu, 1993-cü il aprelin 6-da Bakıda imzalanıb."),
        ("The report lists 511 casualties.", "Hesabatda 517 itki göstərilir."),
    ]
    body = "".join(
        f'<tu><tuv xml:lang="en-US"><seg>{s}</seg></tuv><tuv xml:lang="az-AZ"><seg>{t}</seg>'
        "</tuv></tu>"
        for s, t in units
    )
    src.write_text(
        '<?xml version="1.0" encoding="utf-8"?><tmx version="1.4"><header srclang="en-US" '
        f'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        f'creationtoolversion="1"/><body>{body}</body></tmx>',
        encoding="utf-8",
    )
    out = tmp_path / "memory.html"
    assert _run(str(src), "--format", "html", "-o", str(out)).exit_code == 1
    soup = _page(out)
    assert soup.find("h1").get_text() == "Check of memory.tmx: en-az, 2 translation units"
    assert [int(tr["data-row"]) for tr in soup.find_all("tr", attrs={"data-row": True})] == [1, 2]
    en, az = _cells(soup, 2)
    assert [m.get_text() for m in az.find_all("mark")] == ["517"]
    assert (en["lang"], az["lang"]) == ("en", "az")
    assert not _cells(soup, 1)[1].find("mark")


def test_html_marks_an_mt_loop(tmp_path: Path) -> None:
    src = tmp_path / "mt.tsv"
    src.write_text(
        "The ministry said on Monday that the new bridge will open in spring.\t"
        "Nazirlik bazar ertəsi bildirib ki, yeni körpü yazda açılacaq açılacaq açılacaq "
        "açılacaq açılacaq açılacaq.\n"
        "The committee meets in Baku every spring.\tKomitə hər yaz Bakıda toplanır.\n",
        encoding="utf-8",
    )
    out = tmp_path / "mt.html"
    result = _run(
        str(src), "--src", "en", "--tgt", "az", "--mt-qa", "--format", "html", "-o", str(out)
    )
    assert result.exit_code == 1, result.output
    soup = _page(out)
    loop = soup.select('#row-1 mark[data-type="repetition"]')
    assert loop and "açılacaq" in loop[0].get_text()
    assert loop[0].find_parent("td")["lang"] == "az"
    assert soup.select('#notes-1 li[data-type="repetition"]')
    assert not soup.select("#row-2 mark")
    assert "mt-qa:" in soup.find("footer").get_text()
