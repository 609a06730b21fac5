"""``translate --check`` with the MT QA checks, ``--retry-failed``, ``--report`` and
``check --mt-qa``: fake translators that fail the ways MT fails, and a tiny real model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from aligntext.cli import cli
from aligntext.pipeline import translate_folder
from aligntext.translate import loader

SOURCE = "The delegation visited the port and met the workers of the shipyard.\n"
GOOD = "Nümayəndə heyəti limanı ziyarət edib və gəmiqayırma zavodunun işçiləri ilə görüşüb."
LOOP = "Nümayəndə heyəti limanı ziyarət edib edib edib edib edib edib edib edib edib"


class Looping:
    """Loops on its first call, answers well on the next ones (as beam search would)."""

    calls: ClassVar[list[tuple[str, list[str]]]] = []

    def __init__(self, src: str, tgt: str, name: str = "greedy") -> None:
        self.src_lang, self.tgt_lang, self.name = src, tgt, name

    def translate(self, sentences, progress=None):
        Looping.calls.append((self.name, list(sentences)))
        out = [LOOP if self.name == "greedy" else GOOD for _ in sentences]
        if progress is not None:
            progress(len(sentences))
        return out

    def signature_fields(self):
        return (("model", self.name), ("backend", "fake"))


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "port.txt"
    path.parent.mkdir()
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_check_counts_mt_findings_per_file(source, tmp_path):
    Looping.calls = []
    events = []
    run = translate_folder(
        [source], "en", ["az"], tmp_path / "o", cache=False, check=True,
        translator_factory=lambda s, t: Looping(s, t), progress=events.append,
    )  # fmt: skip
    # The running count the progress line shows comes from these events.
    assert [(e.path, e.findings) for e in events if e.kind == "findings"] == [("az/port.txt", 1)]
    [result] = run.files
    assert [f.type for f in result.findings] == ["repetition"]
    assert result.flagged == ((0, SOURCE.strip(), LOOP),)
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["az/port.txt"]
    assert entry["flagged"] == 1 and entry["finding_types"] == {"repetition": 1}
    assert manifest["totals"]["finding_types"] == {"repetition": 1}


def test_retry_failed_keeps_the_better_translation(source, tmp_path):
    Looping.calls = []
    run = translate_folder(
        [source], "en", ["az"], tmp_path / "o", cache=False, retry_failed=True,
        translator_factory=lambda s, t: Looping(s, t),
        retry_factory=lambda s, t: Looping(s, t, name="beam"),
    )  # fmt: skip
    [result] = run.files
    assert [name for name, _ in Looping.calls] == ["greedy", "beam"]
    assert Looping.calls[1][1] == [SOURCE.strip()]
    assert (result.retried, result.improved, result.findings) == (1, 1, ())
    assert (tmp_path / "o" / "az" / "port.txt").read_text(encoding="utf-8").strip() == GOOD
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["az/port.txt"]["retried"] == 1


def test_retry_keeps_the_first_output_when_the_second_is_no_better(source, tmp_path):
    Looping.calls = []
    run = translate_folder(
        [source], "en", ["az"], tmp_path / "o", cache=False, retry_failed=True,
        translator_factory=lambda s, t: Looping(s, t),
        retry_factory=lambda s, t: Looping(s, t),
    )  # fmt: skip
    [result] = run.files
    assert (result.retried, result.improved) == (1, 0)
    assert [f.type for f in result.findings] == ["repetition"]
    assert (tmp_path / "o" / "az" / "port.txt").read_text(encoding="utf-8").strip() == LOOP


def test_cli_retry_summary_and_html_report(cli_runner, source, tmp_path, monkeypatch):
    Looping.calls = []
    built: list[tuple] = []

    def factory(
        model=None, backend="auto", device="auto", beam_size=None, batch_tokens=None, options=None
    ):
        built.append((model, beam_size))
        return lambda s, t: Looping(s, t, name="greedy" if beam_size in (None, 1) else "beam")

    monkeypatch.setattr(loader, "translator_factory", factory)
    report = tmp_path / "report.html"
    result = cli_runner.invoke(
        cli,
        ["translate", str(source), "--src", "en", "--tgt", "az", "--out", str(tmp_path / "o"),
         "--no-cache", "--beam", "1", "--retry-failed", "--report", str(report)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert built == [(None, 1), (None, 8)]
    assert "az/port.txt: 0 of 1 sentence flagged (nothing); 1 retried, 1 replaced" in (
        result.stderr
    )
    assert "No sentence was flagged" in report.read_text(encoding="utf-8")


def test_cli_summary_lists_the_worst_sentences_and_escapes_the_report(
    cli_runner, tmp_path, monkeypatch
):
    class Echo(Looping):
        def translate(self, sentences, progress=None):
            return [s if "<b>" in s else LOOP for s in sentences]

    monkeypatch.setattr(loader, "translator_factory", lambda *a, **k: lambda s, t: Echo(s, t))
    src = tmp_path / "a.txt"
    src.write_text(
        SOURCE + "\nThe <b>minister</b> & the mayor opened the new railway station together.\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.html"
    result = cli_runner.invoke(
        cli,
        ["translate", str(src), "--src", "en", "--tgt", "az", "--out", str(tmp_path / "o"),
         "--no-cache", "--report", str(report)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "az/a.txt: 2 of 2 sentences flagged (copy 1, repetition 1)" in result.stderr
    assert "worst 2 of 2 flagged sentences:" in result.stderr
    assert "    translation: " + LOOP in result.stderr
    page = report.read_text(encoding="utf-8")
    assert "<b>minister</b>" not in page
    assert "The &lt;b&gt;minister&lt;/b&gt; &amp; the mayor" in page
    assert page.count("<tr") == 3  # the header and two sentences


def test_fallback_model_needs_retry_failed(cli_runner, source, tmp_path):
    result = cli_runner.invoke(
        cli,
        ["translate", str(source), "--src", "en", "--tgt", "az", "--out", str(tmp_path / "o"),
         "--fallback-model", "x"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--retry-failed" in result.stderr


def test_check_mt_qa_on_a_bitext(cli_runner, tmp_path):
    tsv = tmp_path / "mt.tsv"
    tsv.write_text(
        f"{SOURCE.strip()}\t{GOOD}\n"
        f"{SOURCE.strip()}\t{LOOP}\n"
        "The talks will continue in Baku next week.\tThe talks will continue in Baku next week.\n",
        encoding="utf-8",
    )
    plain = cli_runner.invoke(cli, ["check", str(tsv), "--src", "en", "--tgt", "az",
                                    "--format", "jsonl"])  # fmt: skip
    qa = cli_runner.invoke(cli, ["check", str(tsv), "--src", "en", "--tgt", "az", "--mt-qa",
                                 "--format", "jsonl"])  # fmt: skip
    assert qa.exit_code == 1, qa.output
    rows = [json.loads(line) for line in qa.stdout.splitlines()]
    assert [(r["row"], r["type"]) for r in rows] == [(2, "repetition"), (3, "copy")]
    assert "repetition" not in plain.stdout and '"copy"' not in plain.stdout


def test_check_text_says_a_repeated_message_of_a_pair_once_json_keeps_each(cli_runner, tmp_path):
    tsv = tmp_path / "loop.tsv"
    tsv.write_text(
        "Trade grew by 12 percent in May.\tTicarət mayda 13 13 13 13 13 13 faiz artıb.\n"
        "The port opened on Monday.\tLiman bazar ertəsi açıldı.\n",
        encoding="utf-8",
    )
    args = ["check", str(tsv), "--src", "en", "--tgt", "az", "--mt-qa"]
    text = cli_runner.invoke(cli, args)
    assert text.exit_code == 1, text.output
    said = [line for line in text.stdout.splitlines() if line.startswith("  row ")]
    assert len(said) == len(set(said))
    [loop] = [line for line in said if "13 in target has no counterpart" in line]
    assert loop.endswith("in source (x3)")
    # The line under it marks every copy.
    az = text.stdout.splitlines()[text.stdout.splitlines().index(loop) + 2]
    assert az.count("[13]") == 3
    rows = [
        json.loads(line)
        for line in cli_runner.invoke(cli, [*args, "--format", "jsonl"]).stdout.splitlines()
    ]
    messages = [r["message"] for r in rows]
    assert messages.count("number 13 in target has no counterpart in source") == 3
    # The summary counts every finding, as JSON does.
    assert f"{len(rows)} findings:" in text.stdout
    # The HTML page's notes under the row and its findings list say it once each, too.
    page_file = tmp_path / "loop.html"
    html = cli_runner.invoke(cli, [*args, "--format", "html", "-o", str(page_file)])
    assert html.exit_code == 1, html.output
    page = page_file.read_text(encoding="utf-8")
    message = "number 13 in target has no counterpart in source"
    assert page.count(f"{message} (x3)<") == 2
    assert page.count(f"{message}<") == 0


@pytest.mark.model
def test_translate_check_flags_a_tiny_models_gibberish(cli_runner, tmp_path, monkeypatch):
    from tiny_models import tiny_model

    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    src = tmp_path / "note.txt"
    src.write_text(
        "The delegation met the President in Baku on Monday. "
        "The parties agreed to continue the negotiations in good faith.\n",
        encoding="utf-8",
    )
    model = str(tiny_model("marian"))
    result = cli_runner.invoke(
        cli,
        ["translate", str(src), "--src", "en", "--tgt", "ru", "--model", model, "--backend",
         "hf", "--beam", "1", "--out", str(tmp_path / "o"), "--no-cache", "--check"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["ru/note.txt"]
    assert entry["flagged"] == 2, entry
    mt_types = {"repetition", "copy", "wrong_language", "length", "truncated", "addition"}
    assert set(entry["finding_types"]) & mt_types


def test_report_may_not_overwrite_an_input(cli_runner, source, tmp_path):
    result = cli_runner.invoke(
        cli,
        ["translate", str(source), "--src", "en", "--tgt", "az", "--out", str(tmp_path / "o"),
         "--report", str(source)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is one of the inputs" in result.stderr
    assert source.read_text(encoding="utf-8") == SOURCE


@pytest.mark.parametrize(
    "where",
    [
        "in/other.txt",  # a file inside an input folder (not itself named)
        "o/az/port.txt",  # a translation
        "o/manifest.json",  # the manifest
        "o/",  # a folder
    ],
)
def test_report_may_not_replace_a_file_the_run_reads_or_writes(cli_runner, source, tmp_path, where):
    (tmp_path / "in" / "other.txt").write_text("The port opened.\n", encoding="utf-8")
    report = str(tmp_path / where) + ("/" if where.endswith("/") else "")
    result = cli_runner.invoke(
        cli,
        ["translate", str(tmp_path / "in"), "--src", "en", "--tgt", "az", "--out",
         str(tmp_path / "o"), "--report", report],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "--report" in result.stderr and result.stderr.count("\n") == 1
    assert (tmp_path / "in" / "other.txt").read_text(encoding="utf-8") == "The port opened.\n"
    assert not (tmp_path / "o" / "az").exists()  # refused before any work


def _run(source, out, **options):
    return translate_folder(
        [source], "en", ["az"], out, cache=False,
        translator_factory=lambda s, t: Looping(s, t), **options,
    )  # fmt: skip


def test_a_rerun_reports_the_findings_of_files_an_earlier_run_finished(source, tmp_path):
    first = _run(source, tmp_path / "o", check=True)
    again = _run(source, tmp_path / "o", check=True)
    [result] = again.files
    assert result.status == "skipped"
    assert [f.type for f in result.findings] == [f.type for f in first.files[0].findings]
    assert result.flagged == first.files[0].flagged
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["finding_types"] == {"repetition": 1}
    # Sentences are counted from 1 in the manifest, as in the findings and on stderr.
    [flagged] = manifest["files"]["az/port.txt"]["flagged_sentences"]
    assert flagged["sentence"] == 1 and flagged["target"] == LOOP


def test_check_added_on_a_rerun_checks_the_finished_files(source, tmp_path):
    _run(source, tmp_path / "o")
    again = _run(source, tmp_path / "o", check=True)
    [result] = again.files
    assert result.status == "done"  # checked now, not skipped unchecked
    assert [f.type for f in result.findings] == ["repetition"]


def test_a_damaged_manifest_entry_redoes_the_file(source, tmp_path):
    _run(source, tmp_path / "o")
    path = tmp_path / "o" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"]["az/port.txt"]["sentences"] = None
    path.write_text(json.dumps(manifest), encoding="utf-8")
    [result] = _run(source, tmp_path / "o").files
    assert result.status == "done"


def test_the_report_marks_the_loop_and_says_a_repeated_finding_once():
    from aligntext.qa.summary import Flagged
    from aligntext.render.mt_qa import summary_html, summary_text
    from aligntext.types import Finding, Span

    target = "Liman <b> 12 12 12 12 12 gəmi qəbul etdi."
    start = target.index("12")
    loop = Finding(0, "repetition", "error", 'target repeats the word "12" 5 times in a row',
                   tgt_spans=(Span(0, start, start + 14, "12 12 12 12 12"),),
                   src_lang="en", tgt_lang="az")  # fmt: skip
    extra = Finding(0, "number", "warning", "number 12 in target has no counterpart in source",
                    src_lang="en", tgt_lang="az")  # fmt: skip
    flagged = [Flagged("az/a.txt", 0, "The port took ships.", target, (extra, loop, extra, extra))]
    page = summary_html(flagged, "aligntext translate: out", {"repetition": 1, "number": 3})
    assert "<b>" not in page and "Liman &lt;b&gt; " in page
    assert '<mark class="error">12 12 12 12 12</mark>' in page
    # The error first; the checker's three identical findings said once, with their count.
    assert page.index('type">repetition</span>') < page.index('type">number</span>')
    assert page.count("number 12 in target has no counterpart") == 1
    assert "(3 times)" in page and "1 flagged sentence <small>" in page
    text = summary_text(flagged)
    assert text.startswith("worst 1 of 1 flagged sentence:")
    assert "warning number: number 12 in target has no counterpart in source (x3)" in text


def test_stderr_lists_a_finding_repeated_in_a_sentence_once_with_its_count(
    cli_runner, tmp_path, monkeypatch
):
    class Figures(Looping):
        def translate(self, sentences, progress=None):
            return ["Ticarət mayda 13 13 13 13 13 13 faiz artıb." for _ in sentences]

    monkeypatch.setattr(loader, "translator_factory", lambda *a, **k: lambda s, t: Figures(s, t))
    src = tmp_path / "a.txt"
    src.write_text("Trade grew by 12 percent in May.\n", encoding="utf-8")
    result = cli_runner.invoke(
        cli,
        ["translate", str(src), "--src", "en", "--tgt", "az", "--out", str(tmp_path / "o"),
         "--no-cache", "--check", "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("az/a.txt: sentence 1: error: repetition: target repeats the word")
    assert len(lines) == len(set(lines))
    assert any(line.endswith(")") and "(x" in line for line in lines), lines
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    # The manifest keeps every finding: only what is printed is grouped.
    assert len(manifest["files"]["az/a.txt"]["findings"]) > len(lines)


def test_the_report_lists_the_files_most_flagged_first_linked_to_their_sentences():
    from bs4 import BeautifulSoup

    from aligntext.qa.summary import Flagged
    from aligntext.render.mt_qa import FileSummary, summary_html
    from aligntext.types import Finding

    loop = Finding(0, "repetition", "error", "target repeats the word x", src_lang="en",
                   tgt_lang="az")  # fmt: skip
    flagged = [
        Flagged("az/a.txt", 0, "One.", "Bir bir bir bir.", (loop,)),
        Flagged("az/b.txt", 2, "Two.", "İki iki iki iki.", (loop,)),
    ]
    files = [
        FileSummary("az/a.txt", 1, 10, "repetition 1"),
        FileSummary("az/b.txt", 1, 2, "repetition 1"),
        FileSummary("az/c.txt", 0, 5, "nothing"),
    ]
    soup = BeautifulSoup(summary_html(flagged, "t", {"repetition": 2}, files), "html.parser")
    table = soup.find("table", class_="files")
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    # Half of b's sentences are flagged, a tenth of a's: b first; c has nothing to link to.
    assert [c[0] for c in cells] == ["az/b.txt", "az/a.txt", "az/c.txt"]
    assert cells[0][1] == "1 of 2" and cells[2][2] == "nothing"
    links = {a.get_text(): a["href"] for a in table.find_all("a")}
    assert set(links) == {"az/a.txt", "az/b.txt"}
    for name, href in links.items():
        row = soup.find(id=href[1:])
        assert row is not None and row.find("td", class_="file").get_text() == name
    # One file: no table, the verdict says it all.
    one = summary_html(flagged[:1], "t", {"repetition": 1}, files[:1])
    assert 'class="files"' not in one


def test_the_report_filters_by_finding_type_without_a_script():
    from bs4 import BeautifulSoup

    from aligntext.qa.summary import Flagged
    from aligntext.render.mt_qa import summary_html
    from aligntext.types import Finding

    def finding(kind: str) -> Finding:
        return Finding(0, kind, "warning", f"a {kind} finding", src_lang="en", tgt_lang="az")

    flagged = [
        Flagged("az/a.txt", 0, "One.", "Bir.", (finding("copy"),)),
        Flagged("az/a.txt", 1, "Two.", "İki.", (finding("number"), finding("copy"))),
    ]
    page = summary_html(flagged, "t", {"copy": 2, "number": 1})
    soup = BeautifulSoup(page, "html.parser")
    assert [i["id"] for i in soup.select(".filters input[type=radio]")] == [
        "only-all", "only-copy", "only-number",
    ]  # fmt: skip
    assert [tr["data-types"] for tr in soup.select("tbody.sentences tr")] == ["copy", "copy number"]
    # Checking "number" hides every sentence without a number finding: CSS, no script.
    rule = "body:has(#only-number:checked) tbody.sentences tr:not([data-types~=number])"
    assert rule + "{display:none}" in page and "<script" not in page
    # One type only: nothing to filter.
    one = summary_html(flagged[:1], "t", {"copy": 1})
    assert 'class="filters"' not in one
