"""``aligntext evaluate``: parity with the sacrebleu command line, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aligntext.cli import cli

# Sentences written for these tests (English references, a flawed translation of them).
REF = [
    "The government approved the budget for next year on Tuesday.",
    "Spending on education will rise by 12 percent.",
    "The president received the ambassador of Turkey in Baku.",
    "Construction of 40 new schools will begin in the spring.",
    "The national bank kept its interest rate unchanged.",
    "Around 1,200 people attended the opening ceremony.",
    "The festival will be held in Sheki for the third time.",
    "Farmers expect a good harvest of wheat and cotton this year.",
]
HYP = [
    "The government approved next year's budget on Tuesday.",
    "Education spending will increase by 12 percent.",
    "The president received Turkey's ambassador in Baku.",
    "The construction of 40 new schools will start in spring.",
    "The national bank left the interest rate unchanged.",
    "About 1,200 people attended the opening ceremony.",
    "The festival will take place in Sheki for a third time.",
    "Farmers are expecting a good wheat and cotton harvest this year.",
]


def _write(path: Path, lines: list[str]) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _sacrebleu_cli(refs: list[str], hyp: str, *args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *refs, "-i", hyp, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    # sacrebleu right-aligns the score lines of several metrics; the lines themselves match.
    return [line.strip() for line in proc.stdout.strip().splitlines()]


@pytest.mark.parametrize("width", [1, 6])
@pytest.mark.parametrize("nrefs", [1, 2])
def test_parity_with_the_sacrebleu_command_line(tmp_path, cli_runner, width, nrefs):
    hyp = _write(tmp_path / "hyp.txt", HYP)
    refs = [_write(tmp_path / "ref.txt", REF)]
    if nrefs == 2:
        refs.append(_write(tmp_path / "ref2.txt", [s.replace("The ", "A ") for s in HYP]))
    theirs = _sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter", "-f", "text", "-w", str(width))
    theirs += _sacrebleu_cli(
        refs, hyp, "-m", "chrf", "--chrf-word-order", "2", "-f", "text", "-w", str(width)
    )
    args = ["evaluate", "--hyp", hyp, "--no-facts", "-w", str(width)]
    for r in refs:
        args += ["--ref", r]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    ours = result.stdout.splitlines()[:4]
    # ours: BLEU, chrF2, chrF2++, TER; theirs: BLEU, chrF2, TER, then chrF2++
    assert ours == [theirs[0], theirs[1], theirs[3], theirs[2]]
    assert ours[0].startswith(f"BLEU|nrefs:{nrefs}|case:mixed|eff:no|tok:13a|smooth:exp|")


def test_parity_of_json_scores(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    theirs = json.loads(
        "\n".join(_sacrebleu_cli([ref], hyp, "-m", "bleu", "chrf", "ter", "-w", "2"))
    )
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--format", "json", "--no-facts"]
    )
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    for key, t in zip(("bleu", "chrf", "ter"), theirs, strict=True):
        assert ours[key]["name"] == t["name"]
        assert ours[key]["signature"] == t["signature"]
        assert round(ours[key]["score"], 2) == t["score"]


def test_json_contract(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--format", "json", "--no-facts"]
    )
    data = json.loads(result.stdout)
    for key in ("bleu", "chrf", "chrf++", "ter"):
        assert isinstance(data[key]["score"], float)
        assert data[key]["signature"].startswith("nrefs:1|")
    assert data["facts"] is None
    assert [f["name"] for f in data["files"]] == ["h.txt"]
    assert data["files"][0]["segments"] == len(HYP)
    assert data["missing"] == [] and data["extra"] == []


def test_length_mismatch_exits_2_with_both_counts(tmp_path, cli_runner):
    hyp = _write(tmp_path / "h.txt", HYP[:-1])
    ref = _write(tmp_path / "r.txt", REF)
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"])
    assert result.exit_code == 2
    assert "hypothesis has 7 lines, reference has 8" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("empty", "is empty"),
        ("missing", "does not exist"),
        ("tokenizer", "unknown tokenizer 'moses'"),
        ("metric", "unknown metric 'bleurt'"),
        ("lang", "unknown language 'xx'"),
        ("cap", "h.txt' is 435 bytes, over the limit of 104 bytes"),
        ("download", "BLEU tokenizer 'flores200' cannot be loaded here"),
    ],
)
def test_bad_input_exits_2(tmp_path, cli_runner, monkeypatch, setup, message):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    args = ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"]
    if setup == "empty":
        Path(hyp).write_text("", encoding="utf-8")
    elif setup == "missing":
        args[2] = str(tmp_path / "nope.txt")
    elif setup == "tokenizer":
        args += ["--tokenize", "moses"]
    elif setup == "metric":
        args += ["-m", "bleu,bleurt"]
    elif setup == "lang":
        args += ["--lang", "xx"]
    elif setup == "cap":
        args += ["--max-input-mb", "0.0001"]  # line-aligned files too, not only documents
    elif setup == "download":
        # sacrebleu fetches this tokenizer's SentencePiece model on first use.
        import urllib.error

        import sacrebleu.tokenizers.tokenizer_spm as spm

        def offline(*_args: object, **_kwargs: object) -> None:
            raise urllib.error.URLError("no network")

        monkeypatch.setattr(spm, "SACREBLEU_DIR", str(tmp_path / "sacrebleu"))
        monkeypatch.setattr(spm, "download_file", offline)
        args += ["--tokenize", "flores200"]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def _folders(tmp_path: Path) -> tuple[str, str]:
    _write(tmp_path / "hyp" / "a.txt", HYP[:4])
    _write(tmp_path / "ref" / "a.txt", REF[:4])
    _write(tmp_path / "hyp" / "sub" / "b.txt", HYP[4:])
    _write(tmp_path / "ref" / "sub" / "b.txt", REF[4:])
    _write(tmp_path / "ref" / "c.txt", REF[:2])
    _write(tmp_path / "hyp" / "extra.txt", HYP[:2])
    return str(tmp_path / "hyp"), str(tmp_path / "ref")


def test_folders_report_missing_and_extra_files(tmp_path, cli_runner):
    hyp, ref = _folders(tmp_path)
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"])
    assert result.exit_code == 1  # scores cover fewer files than the references
    assert "no hypothesis for reference file c.txt" in result.stderr
    assert "no reference for hypothesis file extra.txt" in result.stderr
    assert "Missing: 1 reference file has no hypothesis:\n  c.txt" in result.stdout
    assert "sub/b.txt" in result.stdout


def test_folder_json_and_csv_list_missing_files(tmp_path, cli_runner):
    hyp, ref = _folders(tmp_path)
    base = ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts", "-q"]
    data = json.loads(cli_runner.invoke(cli, [*base, "--format", "json"]).stdout)
    assert data["missing"] == ["c.txt"] and data["extra"] == ["extra.txt"]
    assert [f["name"] for f in data["files"]] == ["a.txt", "sub/b.txt"]
    rows = list(
        csv.DictReader(io.StringIO(cli_runner.invoke(cli, [*base, "--format", "csv"]).stdout))
    )
    assert [(r["file"], r["status"]) for r in rows] == [
        ("a.txt", "ok"),
        ("sub/b.txt", "ok"),
        ("c.txt", "missing"),
        ("extra.txt", "extra"),
        ("(all)", "corpus"),
    ]
    assert float(rows[-1]["bleu"]) == pytest.approx(data["bleu"]["score"], abs=1e-4)


def test_complete_folder_exits_0(tmp_path, cli_runner):
    hyp, ref = _folders(tmp_path)
    Path(ref, "c.txt").unlink()
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"])
    assert result.exit_code == 0, result.output


def test_html_is_self_contained_and_escaped(tmp_path, cli_runner):
    evil = "<script>alert(1)</script>.txt"
    _write(tmp_path / "hyp" / evil, HYP)
    _write(tmp_path / "ref" / evil, REF)
    _write(tmp_path / "hyp" / "plain.txt", HYP)
    _write(tmp_path / "ref" / "plain.txt", REF)
    out = tmp_path / "report.html"
    args = ["evaluate", "--hyp", str(tmp_path / "hyp"), "--ref", str(tmp_path / "ref")]
    result = cli_runner.invoke(cli, [*args, "--no-facts", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page
    assert page.count("<svg") == 1 and "<rect" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_two_systems_run_the_paired_tests(tmp_path, cli_runner):
    ref = _write(tmp_path / "r.txt", REF * 4)
    good = _write(tmp_path / "good.txt", HYP * 4)
    bad = _write(tmp_path / "bad.txt", [" ".join(reversed(s.split())) for s in HYP * 4])
    args = ["evaluate", "--hyp", bad, "--hyp", good, "--ref", ref, "--no-facts"]
    args += ["--paired-ar-n", "500", "--paired-bs-n", "200", "-m", "bleu,chrf"]
    result = cli_runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["system"] == bad  # the baseline's scores stay at the top level
    assert [s["system"] for s in data["systems"]] == [bad, good]
    tests = data["significance"]["tests"]
    assert {(t["metric"], t["test"]) for t in tests} == {
        ("bleu", "bs"),
        ("bleu", "ar"),
        ("chrf", "bs"),
        ("chrf", "ar"),
    }
    assert all(t["significant"] and t["better"] == good for t in tests)
    text = cli_runner.invoke(cli, args).stdout
    assert f"significant: {good} is better" in text


def test_facts_need_the_checker(tmp_path, cli_runner):
    try:
        from aligntext.check import extract_facts  # noqa: F401
    except ImportError:
        pytest.skip("the checker's extractors (aligntext.check) are not there yet")
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--lang", "en", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert facts["lang"] == "en"
    assert set(facts["by_kind"]) >= {"number", "date", "entity"}
    assert facts["total"] > 0


def test_document_mode_segments_and_aligns(tmp_path, cli_runner):
    ref = tmp_path / "ref.md"
    ref.write_text(
        "# Budget\n\nThe government approved the budget on Tuesday. Spending on education will "
        "rise by 12 percent.\n\nAround 1,200 people attended the opening ceremony.\n",
        encoding="utf-8",
    )
    hyp = tmp_path / "hyp.md"
    hyp.write_text(
        "# Budget\n\nThe government approved the budget on Tuesday. Education spending will "
        "increase. It will rise by 12 percent.\n\nAbout 1,200 people attended the opening "
        "ceremony.\n",
        encoding="utf-8",
    )
    args = ["evaluate", "--hyp", str(hyp), "--ref", str(ref), "--input-format", "doc"]
    result = cli_runner.invoke(cli, [*args, "--lang", "en", "--no-facts", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # heading, two reference sentences (one split in two in the hypothesis), last sentence
    assert data["segments"] == 4
    assert 0 < data["bleu"]["score"] < 100
    assert data["signature"].startswith("input:doc|lang:en|")


def test_document_mode_takes_one_reference(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    args = ["evaluate", "--hyp", hyp, "--ref", ref, "--ref", ref, "--input-format", "doc"]
    result = cli_runner.invoke(cli, [*args, "--lang", "en", "--no-facts"])
    assert result.exit_code == 2
    assert "one reference per hypothesis" in result.stderr


SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def test_evaluate_folder_script_writes_csv_and_markdown(tmp_path):
    _folders(tmp_path)
    out = tmp_path / "translated"  # aligntext translate mirrors its input under OUT/<tgt>/
    out.mkdir()
    (tmp_path / "hyp").rename(out / "en")
    report = tmp_path / "report"
    cmd = [sys.executable, str(SCRIPTS / "evaluate_folder.py"), str(out), "--tgt", "en"]
    proc = subprocess.run(
        [*cmd, "--ref", str(tmp_path / "ref"), "--report-dir", str(report), "--no-facts"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr  # c.txt has no translation
    rows = list(csv.DictReader(io.StringIO((report / "scores.csv").read_text(encoding="utf-8"))))
    assert {r["file"]: r["status"] for r in rows}["c.txt"] == "missing"
    table = (report / "scores.md").read_text(encoding="utf-8")
    assert table.startswith("| file | segments | BLEU | chrF2 | chrF2++ | TER |")
    assert "| `sub/b.txt` | 4 |" in table and "Missing translations: `c.txt`" in table


def test_compare_systems_script(tmp_path):
    ref = _write(tmp_path / "r.txt", REF * 4)
    good = _write(tmp_path / "good.txt", HYP * 4)
    bad = _write(tmp_path / "bad.txt", [" ".join(reversed(s.split())) for s in HYP * 4])
    cmd = [sys.executable, str(SCRIPTS / "compare_systems.py"), "--ref", ref, "--no-facts"]
    cmd += ["--system", f"bad={bad}", "--system", f"good={good}", "--test", "bs"]
    proc = subprocess.run(
        [*cmd, "--json", str(tmp_path / "c.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "good: bleu" in proc.stdout and "good is better" in proc.stdout
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["system"] == "bad" and len(data["significance"]["tests"]) == 4


def test_html_chart_legend_fits_inside_the_picture(tmp_path, cli_runner):
    # Five series (four metrics and fact accuracy): the legend once ran past the SVG's right
    # edge and showed "fact accurac".
    _write(tmp_path / "hyp" / "a.txt", HYP)
    _write(tmp_path / "ref" / "a.txt", REF)
    out = tmp_path / "report.html"
    args = ["evaluate", "--hyp", str(tmp_path / "hyp"), "--ref", str(tmp_path / "ref")]
    result = cli_runner.invoke(cli, [*args, "--lang", "en", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").find("svg")
    width, height = float(svg["width"]), float(svg["height"])
    names = {t.get_text(): t for t in svg.find_all("text", recursive=False)}
    assert "fact accuracy %" in names and "TER (lower is better)" in names
    for name in ("BLEU", "chrF2", "chrF2++", "TER (lower is better)", "fact accuracy %"):
        text = names[name]
        # 12px text is at most 8px a character wide.
        assert float(text["x"]) + 8 * len(name) <= width, name
        assert 0 < float(text["y"]) < height
    # The legend sits above the bars: no bar starts higher than the last legend line.
    legend_bottom = max(float(names[n]["y"]) for n in ("BLEU", "fact accuracy %"))
    bars = [r for r in svg.find_all("rect", recursive=False) if r.find("title")]
    assert bars and min(float(r["y"]) for r in bars) > legend_bottom


def test_a_lang_given_against_the_text_is_warned_about(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    wrong = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--lang", "ru"])
    assert wrong.exit_code == 0
    assert "the reference looks like English (en), not Russian (ru)" in wrong.stderr
    right = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--lang", "en"])
    assert "warning" not in right.stderr


@pytest.mark.parametrize(
    "options",
    [
        ["-m", "chrf", "--chrf-char-order", "4", "--chrf-word-order", "1", "--chrf-beta", "3"],
        ["-m", "chrf", "--chrf-eps-smoothing"],
        ["-m", "ter", "--ter-asian-support"],
        ["-m", "bleu", "--force"],
    ],
)
def test_sacrebleu_options_give_sacrebleu_scores(tmp_path, cli_runner, options):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    theirs = _sacrebleu_cli([ref], hyp, *options, "-f", "text")
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts", *options]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:1] == theirs


def test_paired_tests_print_each_metrics_signature(tmp_path, cli_runner):
    ref = _write(tmp_path / "r.txt", REF)
    base, other = _write(tmp_path / "a.txt", HYP), _write(tmp_path / "b.txt", REF[:4] + HYP[4:])
    args = ["evaluate", "--hyp", base, "--hyp", other, "--ref", ref, "--no-facts"]
    args += ["-m", "bleu,chrf", "--paired", "bs", "--paired-bs-n", "20"]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    signatures = [line.strip() for line in result.stdout.splitlines() if "signature:" in line]
    assert [s.split(" signature:")[0] for s in signatures] == ["BLEU bs", "chrF2 bs"]
    assert "tok:13a" in signatures[0] and "nc:6" in signatures[1]


def test_score_takes_metrics_as_one_string():
    from aligntext.evaluate.metrics import score

    (bleu,) = score(HYP, [REF], metrics="bleu")
    assert bleu.key == "bleu"
    assert [s.key for s in score(HYP, [REF], metrics="bleu, ter")] == ["bleu", "ter"]
    with pytest.raises(TypeError, match="metrics must be names"):
        score(HYP, [REF], metrics=[1])  # type: ignore[list-item]


def test_a_folder_that_cannot_be_read_is_an_error(tmp_path, cli_runner, monkeypatch):
    import os

    hyp, ref = _folders(tmp_path)
    Path(ref, "c.txt").unlink()
    real, blocked = os.scandir, str(Path(ref, "sub"))

    def scandir(path=".", *a, **kw):  # chmod 000 for a user other than root
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", blocked)
        return real(path, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"])
    assert result.exit_code == 2, result.output
    assert f"cannot read folder {blocked!r}: Permission denied" in result.stderr


def test_html_worst_segments_say_their_language(tmp_path, cli_runner):
    from bs4 import BeautifulSoup

    ref = _write(tmp_path / "ref.txt", ["Совет собрался 5 мая в Баку.", "Было 120 гостей."])
    hyp = _write(tmp_path / "hyp.txt", ["Совет собрался 7 мая в Баку.", "Было 120 гостей."])
    out = tmp_path / "report.html"
    args = ["evaluate", "--hyp", hyp, "--ref", ref, "--lang", "ru", "-m", "bleu"]
    result = cli_runner.invoke(cli, [*args, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert all(th.get("scope") == "col" for th in soup.find_all("th"))
    worst = next(t for t in soup.find_all("table") if "reference / hypothesis" in t.get_text())
    cells = worst.find_all("tr")[1].find_all("td")
    # The Russian sentences (and the facts taken from them) are marked Russian in an English page.
    assert cells[-1]["lang"] == "ru" and "7 мая" in cells[-1].get_text()
    assert cells[2]["lang"] == "ru" and cells[3]["lang"] == "ru"


def test_html_worst_segments_mark_the_facts_in_the_sentences(tmp_path, cli_runner):
    from bs4 import BeautifulSoup

    ref = _write(tmp_path / "ref.txt", ["Совет <b> собрался 5 мая в Баку.", "Было 120 гостей."])
    hyp = _write(tmp_path / "hyp.txt", ["Совет <b> собрался 7 мая в Баку.", "Было 120 гостей."])
    out = tmp_path / "report.html"
    args = ["evaluate", "--hyp", hyp, "--ref", ref, "--lang", "ru", "-m", "bleu"]
    result = cli_runner.invoke(cli, [*args, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;" in page and "<b>" not in page  # the sentences are escaped, marks or not
    soup = BeautifulSoup(page, "html.parser")
    worst = next(t for t in soup.find_all("table") if "reference / hypothesis" in t.get_text())
    cell = worst.find_all("tr")[1].find_all("td")[-1]
    # The reference's missing date and the hypothesis's own are marked where they stand.
    assert [m.get_text() for m in cell.find_all("mark", class_="miss")] == ["5 мая"]
    assert [m.get_text() for m in cell.find_all("mark", class_="extra")] == ["7 мая"]
    assert cell.get_text().count("Совет <b> собрался") == 2


def test_marked_pieces_take_each_fact_once_and_never_overlap():
    from aligntext.render.evaluation_parts import marked

    text = "2,1 млн т в 2023 году, и ещё 2,1 млн"
    assert marked(text, ["2,1 млн", "2,1 млн т", " "]) == [
        ("2,1 млн т", True),
        (" в 2023 году, и ещё ", False),
        ("2,1 млн", True),
    ]
    assert marked(text, ["нет такого"]) == [(text, False)]
    assert marked("", []) == [("", False)]


def test_counts_in_the_text_output_are_spelt_as_numbers_say_them(tmp_path, cli_runner):
    ref = _write(tmp_path / "ref.txt", ["Заместитель министра Рауф Гаджиев посетил Габалу."])
    hyp = _write(tmp_path / "hyp.txt", ["Заместитель министра Рауф Мамедов посетил Габалу."])
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "-l", "ru",
                                     "-m", "bleu"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "; 1 fact in the hypothesis matches nothing in the reference" in result.stdout


def test_a_hypothesis_in_another_language_than_the_references_is_warned(tmp_path, cli_runner):
    ref = _write(
        tmp_path / "ref.txt",
        ["Совет собрался в Баку в понедельник.", "Министр встретился со студентами университета."],
    )
    src = _write(
        tmp_path / "src.txt",
        ["The council met in Baku on Monday.", "The minister met the university students."],
    )
    slip = cli_runner.invoke(cli, ["evaluate", "--hyp", src, "--ref", ref, "-m", "bleu"])
    assert slip.exit_code == 0, slip.output
    assert "hypothesis " in slip.stderr and "looks like English (en), not Russian (ru)" in (
        slip.stderr
    )
    fine = cli_runner.invoke(cli, ["evaluate", "--hyp", ref, "--ref", ref, "-m", "bleu"])
    assert fine.exit_code == 0 and "looks like" not in fine.stderr


def test_a_hypothesis_linked_from_outside_is_said_to_be_skipped(tmp_path, cli_runner):
    hyp_dir, ref_dir = tmp_path / "hyp", tmp_path / "ref"
    hyp_dir.mkdir(), ref_dir.mkdir()
    for name in ("a.txt", "b.txt"):
        _write(ref_dir / name, ["Совет собрался 5 мая."])
    _write(hyp_dir / "a.txt", ["Совет собрался 5 мая."])
    outside = _write(tmp_path / "elsewhere.txt", ["Совет собрался 7 мая."])
    (hyp_dir / "b.txt").symlink_to(outside)
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", str(hyp_dir), "--ref", str(ref_dir)])
    # b.txt is "missing" because it was not read, and the user is told why and what to do.
    assert result.exit_code == 1, result.output
    assert "skipped" in result.stderr and "b.txt" in result.stderr
    assert "copy the file into the folder" in result.stderr and "--follow-links" not in (
        result.stderr
    )
    (hyp_dir / "a.txt").unlink()
    (hyp_dir / "a.txt").symlink_to(outside)
    none = cli_runner.invoke(cli, ["evaluate", "--hyp", str(hyp_dir), "--ref", str(ref_dir)])
    assert none.exit_code == 2 and "symlinked file" in none.stderr


@pytest.mark.parametrize(
    "args",
    [["-m", "bleu", "-m", "chrf"], ["-m", "bleu,chrf"], ["-m", "chrf", "-m", "bleu,chrf"]],
)
def test_repeated_metrics_add_up(tmp_path, cli_runner, args):
    """-m bleu -m chrf printed chrF alone: the last -m silently won."""
    hyp = _write(tmp_path / "hyp.txt", HYP)
    ref = _write(tmp_path / "ref.txt", REF)
    argv = ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts", "--format", "json", *args]
    result = cli_runner.invoke(cli, argv)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [key for key in ("bleu", "chrf", "chrf++", "ter") if key in data] == ["bleu", "chrf"]


def test_all_four_metrics_by_default(tmp_path, cli_runner):
    hyp = _write(tmp_path / "hyp.txt", HYP)
    ref = _write(tmp_path / "ref.txt", REF)
    result = cli_runner.invoke(cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--no-facts"])
    assert result.exit_code == 0, result.output
    names = [line.split("|")[0] for line in result.stdout.splitlines()[:4]]
    assert names == ["BLEU", "chrF2", "chrF2++", "TER"]


def test_csv_names_that_look_like_formulas_are_quoted(tmp_path, cli_runner, monkeypatch):
    """A file named '=1+2.txt' went raw into a cell, which a spreadsheet computes."""
    monkeypatch.chdir(tmp_path)
    for name in ("=1+2.txt", "@sum.txt", "plain.txt"):
        _write(tmp_path / "=sys" / name, HYP)
        _write(tmp_path / "refs" / name, REF)
    _write(tmp_path / "refs" / "+gone.txt", REF)
    _write(tmp_path / "=sys" / "-extra.txt", HYP)
    args = ["evaluate", "--hyp", "=sys", "--ref", "refs", "--no-facts", "--format", "csv"]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 1, result.output  # a reference file has no translation
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["system"] for r in rows} == {"'=sys"}
    assert [(r["file"], r["status"]) for r in rows] == [
        ("'=1+2.txt", "ok"),
        ("'@sum.txt", "ok"),
        ("plain.txt", "ok"),
        ("'+gone.txt", "missing"),
        ("'-extra.txt", "extra"),
        ("(all)", "corpus"),
    ]
    assert float(rows[0]["bleu"]) > 0


def test_csv_keeps_a_negative_number_a_number():
    from aligntext.evaluate import Evaluation, FileScores, MetricScore
    from aligntext.render.evaluation import render_csv

    scores = (MetricScore("bleu", "BLEU", -1.5, "nrefs:1"),)
    files = (FileScores("-a.txt", "-a.txt", ("r.txt",), 3, scores),)
    ev = Evaluation(name="sys", scores=scores, files=files, facts=None, segments=3)
    rows = list(csv.DictReader(io.StringIO(render_csv(ev))))
    assert [(r["file"], r["bleu"]) for r in rows] == [("'-a.txt", "-1.5000"), ("(all)", "-1.5000")]


def test_render_evaluation_refuses_scores_tuple_with_a_clear_error():
    """The docs said it formats score()'s result: it raised AttributeError on the tuple."""
    from aligntext.errors import InputError
    from aligntext.evaluate import score
    from aligntext.render.evaluation import render_evaluation

    with pytest.raises(InputError, match=r"takes what evaluate\(\) or compare\(\) returns"):
        render_evaluation(score(HYP, [REF], metrics="bleu"), "text")
