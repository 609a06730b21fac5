"""Folder compare: statements paired by relative path, one report each, an index worst first."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from aligntext.errors import InputError
from aligntext.pipeline.compare_folders import compare_folders

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture()
def folders(tmp_path) -> list[Path]:
    """en/ and ru/ with the sample statements; sub/ nests one; en/only-en.txt lacks ru."""
    en, ru = tmp_path / "en", tmp_path / "ru"
    for lang, root in (("en", en), ("ru", ru)):
        (root / "sub").mkdir(parents=True)
        for doc in ("un-membership", "trade-agreement"):
            (root / f"{doc}.txt").write_bytes((CORPORA / doc / f"{lang}.txt").read_bytes())
        source = CORPORA / "demining-kalbajar" / f"{lang}.txt"
        (root / "sub" / "demining.txt").write_bytes(source.read_bytes())
    (en / "only-en.txt").write_text("The ministry met on Monday.\n", encoding="utf-8")
    return [en, ru]


def index(out: Path) -> list[dict]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_statements_are_paired_by_relative_path_with_a_report_each(folders, tmp_path):
    result = compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=2)
    names = {s.statement for s in result.statements}
    assert names == {"un-membership.txt", "trade-agreement.txt", "sub/demining.txt", "only-en.txt"}
    for name in ("un-membership.txt", "trade-agreement.txt", "sub/demining.txt"):
        assert (tmp_path / "out" / f"{name}.html").is_file()
        report = json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))
        assert [v["lang"] for v in report["versions"]] == ["en", "ru"]
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_missing_counterpart_is_a_finding_not_a_crash(folders, tmp_path):
    result = compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=1)
    lonely = next(s for s in result.statements if s.statement == "only-en.txt")
    assert lonely.missing == (str(folders[1]),)
    assert lonely.errors == 1 and lonely.worst == "error"
    assert lonely.reports == ()
    line = next(x for x in index(tmp_path / "out") if x["statement"] == "only-en.txt")
    assert line["missing"] == [str(folders[1])]
    assert "missing in" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_the_index_lists_every_statement_worst_first(folders, tmp_path):
    compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=2)
    lines = index(tmp_path / "out")
    assert len(lines) == 4
    keys = [(-x["errors"], -x["warnings"], -x["infos"]) for x in lines]
    assert keys == sorted(keys)
    assert lines[0]["errors"] >= 1
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    order = [page.index(x["statement"]) for x in lines]
    assert order == sorted(order)


def test_fail_on_follows_the_worst_finding(folders, tmp_path):
    result = compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=1)
    assert result.fails("error") and result.fails("warning")
    assert not result.fails("never")
    (folders[0] / "only-en.txt").unlink()
    clean = compare_folders(
        [folders[0] / "sub", folders[1] / "sub"], tmp_path / "o2", langs=["en", "ru"], workers=1
    )
    worst = {s.worst for s in clean.statements}
    assert clean.fails("info") == bool(worst - {""})
    assert not clean.fails("error") or "error" in worst


def test_findings_equal_one_by_one_compare(folders, tmp_path):
    from aligntext.pipeline.compare import compare_versions
    from aligntext.render.report import render_report

    compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=2)
    for name in ("un-membership.txt", "trade-agreement.txt", "sub/demining.txt"):
        one = compare_versions([str(folders[0] / name), str(folders[1] / name)], ["en", "ru"])
        written = (tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8")
        assert written == render_report(one, "json")
        html = (tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8")
        assert html == render_report(one, "html")


def test_the_output_folder_may_not_be_inside_an_input(folders):
    with pytest.raises(InputError, match="inside input folder"):
        compare_folders(folders, folders[0] / "reports")
    with pytest.raises(InputError, match="at least two folders"):
        compare_folders(folders[:1], "x")


def test_an_unreadable_statement_fails_alone(folders, tmp_path):
    (folders[1] / "trade-agreement.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    result = compare_folders(folders, tmp_path / "out", langs=["en", "ru"], workers=2)
    broken = next(s for s in result.statements if s.statement == "trade-agreement.txt")
    assert broken.message and broken.errors >= 1 and broken.reports == ()
    assert len(result.statements) == 4


def test_ray_without_ray_installed_says_how_to_get_it(monkeypatch):
    from aligntext.pipeline import ray_engine

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(ray_engine.RayUnavailableError) as info:
        ray_engine.RayEngine()
    assert str(info.value) == ray_engine.INSTALL_HINT
    assert "pip install 'aligntext[ray]'" in str(info.value)


def test_cli_folder_mode_exit_codes_and_index(cli_runner, folders, tmp_path):
    from aligntext.cli import cli

    out = tmp_path / "reports"
    args = ["compare", str(folders[0]), str(folders[1]), "--langs", "en,ru", "--out", str(out)]
    never = cli_runner.invoke(cli, args)
    assert never.exit_code == 0, never.output
    assert "4 statements compared" in never.stderr
    failing = cli_runner.invoke(cli, [*args, "--fail-on", "error", "--workers", "2"])
    assert failing.exit_code == 1
    assert len(index(out)) == 4
    mixed = cli_runner.invoke(cli, ["compare", str(folders[0]), str(folders[1] / "x.txt")])
    assert mixed.exit_code == 2 and mixed.stderr.count("\n") == 1
    no_out = cli_runner.invoke(cli, ["compare", str(folders[0]), str(folders[1])])
    assert no_out.exit_code == 2 and "--out" in no_out.stderr
    # A folder named after --ray is not taken for a Ray address.
    taken = cli_runner.invoke(cli, ["compare", "--ray", str(folders[0]), str(folders[1])])
    assert taken.exit_code == 2 and "is not a Ray address" in taken.stderr


def test_cli_folder_reports_equal_one_by_one_cli_compare(cli_runner, folders, tmp_path):
    from aligntext.cli import cli

    out = tmp_path / "reports"
    folder = cli_runner.invoke(
        cli, ["compare", str(folders[0]), str(folders[1]), "--langs", "en,ru", "--out", str(out)]
    )
    assert folder.exit_code == 0, folder.output
    name = "sub/demining.txt"
    one = cli_runner.invoke(
        cli,
        ["compare", str(folders[0] / name), str(folders[1] / name), "--langs", "en,ru",
         "--format", "json"],
    )  # fmt: skip
    assert one.exit_code == 0, one.output
    assert (out / f"{name}.json").read_text(encoding="utf-8") == one.stdout


@pytest.mark.parametrize("command", ["translate", "compare"])
def test_cli_ray_without_ray_is_one_line_exit_2(
    cli_runner, monkeypatch, folders, tmp_path, command
):
    from aligntext.cli import cli

    monkeypatch.setitem(sys.modules, "ray", None)
    if command == "translate":
        args = ["translate", str(folders[0]), "--src", "en", "--tgt", "ru", "--out",
                str(tmp_path / "t"), "--ray"]  # fmt: skip
    else:
        args = ["compare", str(folders[0]), str(folders[1]), "--out", str(tmp_path / "r"),
                "--ray"]  # fmt: skip
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 2
    hint = "--ray needs Ray; pip install 'aligntext[ray]' (or run without --ray)"
    assert result.stderr == f"aligntext: error: {hint}\n"


def test_index_links_are_encoded_paths_not_scripts(tmp_path):
    from urllib.parse import unquote

    from bs4 import BeautifulSoup

    en, ru = tmp_path / "en", tmp_path / "ru"
    for root, text in ((en, "The council met on 5 May."), (ru, "Совет собрался 5 мая.")):
        root.mkdir()
        for name in ("javascript:alert(1).txt", "a#b?.txt"):
            (root / name).write_text(text + "\n", encoding="utf-8")
    compare_folders([en, ru], tmp_path / "out", langs=["en", "ru"], workers=1)
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "lxml")
    hrefs = sorted(a["href"] for a in page.find_all("a"))
    assert hrefs == ["./a%23b%3F.txt.html", "./javascript%3Aalert%281%29.txt.html"]
    for href in hrefs:  # each link opens its report
        assert (tmp_path / "out" / unquote(href)).is_file()


def test_names_that_differ_only_in_case_leave_one_out_not_the_folder(tmp_path):
    en, ru = tmp_path / "en", tmp_path / "ru"
    for root, text in ((en, "The council met on 5 May."), (ru, "Совет собрался 5 мая.")):
        root.mkdir()
        for name in ("a.txt", "b.txt"):
            (root / name).write_text(text + "\n", encoding="utf-8")
    (ru / "B.txt").write_text("Совет собрался 5 мая.\n", encoding="utf-8")
    result = compare_folders([en, ru], tmp_path / "out", langs=["en", "ru"], workers=1)
    assert {s.statement: s.missing for s in result.statements} == {"a.txt": (), "b.txt": ()}
    assert any("B.txt" in w and "only in case" in w for w in result.warnings)


def test_the_index_page_names_its_language_columns_and_doubts():
    from bs4 import BeautifulSoup

    from aligntext.pipeline.compare_folders import StatementResult
    from aligntext.render.folder_index import index_html

    evil = "<script>alert(1)</script>"
    results = [
        StatementResult("a.txt", ("en/a.txt", None), errors=1, missing=("ru",)),
        StatementResult(
            "b.txt",
            ("en/b.txt", "ru/b.txt"),
            warnings=1,
            reports=("b.txt.html",),
            notes=(f"ru/b.txt looks like English (en), not Russian (ru) {evil}",),
        ),
    ]
    page = index_html(results, ["en", "ru"])
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.find("meta", attrs={"name": "viewport"}) is not None
    heads = soup.select("thead th")
    assert [th.get_text() for th in heads][-1] == "remarks"
    assert all(th.get_text(strip=True) and th["scope"] == "col" for th in heads)
    assert [th.get_text() for th in soup.select("tbody th[scope=row]")] == ["a.txt", "b.txt"]
    # The doubt about b.txt's input is on the index, escaped, next to its statement.
    remark = soup.select("tbody tr")[1].find_all("td")[-1].get_text()
    assert remark.startswith("ru/b.txt looks like English") and evil in remark
    assert evil not in page and len(soup.find_all("script")) == 0
    assert "1 error, 1 warning, 0 notes; worst first." in soup.get_text()


def test_the_index_says_each_statements_headline_and_what_to_look_at(tmp_path):
    from bs4 import BeautifulSoup

    en, ru = tmp_path / "en", tmp_path / "ru"
    en.mkdir(), ru.mkdir()
    (en / "7731.txt").write_text(
        "Council <b>meets</b> in Baku\n\nThe council met on 5 May.\n\n"
        "It approved 120 projects.\n\nIt approved 300 grants.\n",
        encoding="utf-8",
    )
    (ru / "7731.txt").write_text(
        "Совет <b>собрался</b> в Баку\n\nСовет собрался 7 мая.\n\n"
        "Он одобрил 121 проект.\n\nОн одобрил 301 грант.\n",
        encoding="utf-8",
    )
    compare_folders([en, ru], tmp_path / "out", langs=["en", "ru"], workers=1)
    [line] = index(tmp_path / "out")
    # The JSON line: the headline, and the findings to look at first, worst first.
    assert line["title"] == "Council <b>meets</b> in Baku"
    top = line["top_findings"]
    assert [t["severity"] for t in top] == ["error"] * 3 and all(t["count"] == 1 for t in top)
    assert {t["type"] for t in top} == {"date", "number"}
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in page and "Council &lt;b&gt;meets&lt;/b&gt; in Baku" in page
    soup = BeautifulSoup(page, "html.parser")
    row = soup.select("tbody tr")[0]
    title = row.find("div", class_="title")
    assert title["lang"] == "en" and title.get_text() == "Council <b>meets</b> in Baku"
    shown = [li.get_text(" ", strip=True) for li in row.select("ul.top li")]
    assert len(shown) == 3 and all(s.startswith("error ") for s in shown)
    assert any("5 May" in s and "7 May" in s for s in shown)
    # No statement has a remark: no empty remarks column; the counts say what they count.
    assert [th.get_text() for th in soup.select("thead th")][-1] == "to look at first"
    assert [td["data-label"] for td in row.select("td.n")] == ["errors", "warnings", "notes"]
    # ... which the phone layout shows: the stylesheet is written as CSS, not HTML-escaped.
    assert "content:attr(data-label) ': '" in page and "&#39;" not in page.split("</style>")[0]


def test_the_index_gives_a_repeated_finding_once_with_its_count():
    from bs4 import BeautifulSoup

    from aligntext.pipeline.compare_folders import StatementResult
    from aligntext.render.folder_index import index_html

    same = ("warning", "untranslated", "target is identical to the source", 10)
    results = [
        StatementResult("a.txt", ("en/a.txt", "az/a.txt"), warnings=12, top=(same,), more=2),
    ]
    soup = BeautifulSoup(index_html(results, ["en", "az"]), "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.select("ul.top li")]
    assert items == [
        "warning untranslated target is identical to the source (10 sentences)",
        "and 2 more findings in the report",
    ]


def test_a_statement_linked_from_outside_is_read_only_with_follow_links(tmp_path, cli_runner):
    from aligntext.cli import cli

    outside = tmp_path / "outside.txt"
    outside.write_bytes((CORPORA / "trade-agreement" / "ru.txt").read_bytes())
    en, ru = tmp_path / "en", tmp_path / "ru"
    en.mkdir(), ru.mkdir()
    (en / "s.txt").write_bytes((CORPORA / "trade-agreement" / "en.txt").read_bytes())
    (ru / "s.txt").symlink_to(outside)
    args = ["compare", str(en), str(ru), "--langs", "en,ru"]
    skipped = cli_runner.invoke(cli, [*args, "--out", str(tmp_path / "a")])
    # The warning names the flag, and the flag exists.
    assert "symlinked file that leads out" in skipped.stderr and "--follow-links" in (
        skipped.stderr
    )
    assert index(tmp_path / "a")[0]["missing"] == [str(ru)]
    followed = cli_runner.invoke(cli, [*args, "--out", str(tmp_path / "b"), "--follow-links"])
    assert followed.exit_code == 0, followed.output
    assert index(tmp_path / "b")[0]["missing"] == []
    # Files, not folders: the flag has nothing to do there.
    files = cli_runner.invoke(cli, ["compare", str(en / "s.txt"), str(outside), "--follow-links"])
    assert files.exit_code == 2 and "are for folders" in files.stderr


@pytest.mark.parametrize(
    ("fmt", "suffixes", "index_page"),
    [
        (None, {"html", "json"}, True),
        ("json", {"json"}, False),
        ("html", {"html"}, True),
        ("text", {"txt"}, False),
    ],
)
def test_cli_folder_mode_honours_format(cli_runner, folders, tmp_path, fmt, suffixes, index_page):
    """--format picks each statement's report, as one-by-one compare writes it; left out,
    html and json as before. index.jsonl always; index.html only with HTML reports to link."""
    from aligntext.cli import cli

    out = tmp_path / "reports"
    sub = [str(folders[0] / "sub"), str(folders[1] / "sub")]
    given = ["--format", fmt] if fmt else []
    args = ["compare", *sub, "--langs", "en,ru", "--out", str(out), "--workers", "1", *given]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    written = {p.name for p in out.iterdir()}
    assert written == {f"demining.txt.{s}" for s in suffixes} | {"index.jsonl"} | (
        {"index.html"} if index_page else set()
    )
    assert result.stderr.strip().endswith("index.html" if index_page else "index.jsonl")
    (line,) = index(out)
    assert sorted(line["reports"]) == sorted(f"demining.txt.{s}" for s in suffixes)
    if fmt in ("json", "text"):
        name = "demining.txt"
        one = cli_runner.invoke(
            cli, ["compare", str(folders[0] / "sub" / name), str(folders[1] / "sub" / name),
                  "--langs", "en,ru", "--format", fmt],
        )  # fmt: skip
        report = (out / f"{name}.{'txt' if fmt == 'text' else 'json'}").read_text("utf-8")
        # stdout ends the text with a line break where the report (as -o writes it) has none.
        assert one.stdout in (report, report + "\n")


def test_an_unknown_report_format_is_refused(folders, tmp_path):
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        compare_folders(folders, tmp_path / "out", formats=("pdf",))
    assert not (tmp_path / "out").exists()
