"""``aligntext evaluate --confidence``: sacrebleu's bootstrap confidence intervals, the same
figures as ``sacrebleu --confidence`` in every output format."""

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
from aligntext.errors import InputError

# Sentences written for these tests (English references, a flawed translation of them).
REF = [
    "The cabinet met on Friday to discuss the new energy law.",
    "Exports of oil fell by 7 percent in the first quarter.",
    "The mayor opened a bridge across the river in Ganja.",
    "Two hundred volunteers cleaned the beach near Sumgait.",
    "The museum will stay closed until the end of June.",
    "Teachers asked for higher salaries and smaller classes.",
    "A new railway line will link the port to the border.",
    "The football team won its third match in a row.",
    "Heavy snow closed several mountain roads on Sunday.",
    "The bank plans to open ten branches in the regions.",
]
HYP = [
    "The cabinet met Friday to discuss a new energy law.",
    "Oil exports dropped by 7 percent in the first quarter.",
    "The mayor opened a bridge over the river in Ganja.",
    "Two hundred volunteers cleaned up the beach near Sumgait.",
    "The museum stays closed until late June.",
    "Teachers demanded higher pay and smaller classes.",
    "A new rail line will connect the port with the border.",
    "The football team won a third game in a row.",
    "Heavy snowfall closed some mountain roads on Sunday.",
    "The bank intends to open ten regional branches.",
]


def _write(path: Path, lines: list[str]) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _sacrebleu_cli(refs: list[str], hyp: str, *args: str, check: bool = True) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *refs, "-i", hyp, *args],
        capture_output=True,
        text=True,
        check=check,
    )
    # sacrebleu right-aligns the score lines of several metrics; the lines themselves match.
    return [line.strip() for line in proc.stdout.strip().splitlines()]


def _evaluate(cli_runner, args: list[str]):
    result = cli_runner.invoke(cli, ["evaluate", "--no-facts", *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    ("width", "resamples", "nrefs"), [(1, None, 1), (3, "200", 1), (2, None, 2)]
)
def test_text_lines_equal_sacrebleu_confidence(tmp_path, cli_runner, width, resamples, nrefs):
    hyp = _write(tmp_path / "hyp.txt", HYP)
    refs = [_write(tmp_path / "ref.txt", REF)]
    if nrefs == 2:
        refs.append(_write(tmp_path / "ref2.txt", [s.replace("The ", "A ") for s in HYP]))
    n = ["--confidence-n", resamples] if resamples else []
    common = ["--confidence", *n, "-f", "text", "-w", str(width)]
    theirs = _sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter", *common)
    theirs += _sacrebleu_cli(refs, hyp, "-m", "chrf", "--chrf-word-order", "2", *common)
    args = ["--hyp", hyp, "--confidence", *n, "-w", str(width)]
    for r in refs:
        args += ["--ref", r]
    ours = _evaluate(cli_runner, args).stdout.splitlines()[:4]
    # ours: BLEU, chrF2, chrF2++, TER; theirs: BLEU, chrF2, TER, then chrF2++
    assert ours == [theirs[0], theirs[1], theirs[3], theirs[2]]
    assert f"|bs:{resamples or 1000}|seed:12345|" in ours[0]
    assert " (μ = " in ours[0] and " ± " in ours[3]


def test_json_figures_equal_sacrebleu_confidence(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    theirs = json.loads(
        "\n".join(
            _sacrebleu_cli([ref], hyp, "-m", "bleu", "chrf", "ter", "--confidence", "-w", "2")
        )
    )
    args = ["--hyp", hyp, "--ref", ref, "--confidence", "--format", "json", "-w", "2"]
    ours = json.loads(_evaluate(cli_runner, args).stdout)
    for key, t in zip(("bleu", "chrf", "ter"), theirs, strict=True):
        assert ours[key]["signature"] == t["signature"]
        assert ours[key]["confidence"] == t["confidence"]
        assert round(ours[key]["confidence_mean"], 2) == t["confidence_mean"]
        assert round(ours[key]["confidence_var"], 2) == t["confidence_var"]
    # Per-file scores carry no interval: it is the corpus score's.
    assert "confidence" not in ours["files"][0]["bleu"]


def test_sacrebleu_seed_from_the_environment(tmp_path, cli_runner, monkeypatch):
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    theirs = _sacrebleu_cli([ref], hyp, "-m", "bleu", "--confidence", "-f", "text", "-w", "4")
    ours = _evaluate(cli_runner, ["--hyp", hyp, "--ref", ref, "-m", "bleu", "-ci", "-w", "4"])
    assert ours.stdout.splitlines()[:1] == theirs
    assert "|seed:7|" in theirs[0]


def test_python_api_equals_sacrebleu_corpus_score(tmp_path):
    from sacrebleu.metrics import BLEU, CHRF, TER

    from aligntext.evaluate import evaluate, evaluate_segments

    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    ev = evaluate(hyp, [ref], facts=False, confidence=True, confidence_n=300)
    mem = evaluate_segments(HYP, [REF], facts=False, confidence=True, confidence_n=300)
    for key, metric in (("bleu", BLEU()), ("chrf++", CHRF(word_order=2)), ("ter", TER())):
        expected = metric.corpus_score(HYP, [REF], n_bootstrap=300)
        sig = metric.get_signature().format()
        for got in (ev.score(key), mem.score(key)):
            assert got is not None
            assert (got.score, got.mean, got.ci) == (expected.score, expected._mean, expected._ci)
            assert got.signature == sig and "bs:300|seed:12345" in sig
    plain = evaluate(hyp, [ref], facts=False)
    assert all(s.mean is None and s.ci is None and "bs:" not in s.signature for s in plain.scores)


def test_folder_interval_is_the_corpus_scores(tmp_path, cli_runner):
    from sacrebleu.metrics import BLEU

    _write(tmp_path / "ref" / "a.txt", REF[:6])
    _write(tmp_path / "ref" / "b.txt", REF[6:])
    _write(tmp_path / "hyp" / "a.txt", HYP[:6])
    _write(tmp_path / "hyp" / "b.txt", HYP[6:])
    args = ["--hyp", str(tmp_path / "hyp"), "--ref", str(tmp_path / "ref"), "-m", "bleu"]
    data = json.loads(_evaluate(cli_runner, [*args, "--confidence", "--format", "json"]).stdout)
    expected = BLEU().corpus_score(HYP, [REF], n_bootstrap=1000)
    assert data["bleu"]["confidence_mean"] == expected._mean
    assert data["bleu"]["confidence_var"] == expected._ci


def test_csv_and_html_show_the_interval(tmp_path, cli_runner):
    from sacrebleu.metrics import BLEU, TER

    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    args = ["--hyp", hyp, "--ref", ref, "-m", "bleu,ter", "--confidence"]
    bleu = BLEU().corpus_score(HYP, [REF], n_bootstrap=1000)
    ter = TER().corpus_score(HYP, [REF], n_bootstrap=1000)

    rows = list(
        csv.DictReader(io.StringIO(_evaluate(cli_runner, [*args, "--format", "csv"]).stdout))
    )
    corpus = next(r for r in rows if r["status"] == "corpus")
    assert corpus["bleu_mean"] == f"{bleu._mean:.4f}" and corpus["bleu_ci"] == f"{bleu._ci:.4f}"
    assert corpus["ter_mean"] == f"{ter._mean:.4f}" and corpus["ter_ci"] == f"{ter._ci:.4f}"
    assert corpus["chrf_mean"] == "" and corpus["chrf"] == ""

    html = _evaluate(cli_runner, [*args, "--format", "html", "-w", "2"]).stdout
    cells = [td.get_text() for td in BeautifulSoup(html, "html.parser").find_all("td")]
    assert f"μ = {bleu._mean:.2f} ± {bleu._ci:.2f}" in cells
    assert f"μ = {ter._mean:.2f} ± {ter._ci:.2f}" in cells


def test_without_confidence_nothing_changes(tmp_path, cli_runner):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    args = ["--hyp", hyp, "--ref", ref, "--confidence-n", "50"]  # no --confidence: ignored
    assert " (μ = " not in _evaluate(cli_runner, args).stdout
    head = _evaluate(cli_runner, [*args, "--format", "csv"]).stdout.splitlines()[0]
    assert not head.endswith("_ci")
    data = json.loads(_evaluate(cli_runner, [*args, "--format", "json"]).stdout)
    assert "confidence" not in data["bleu"] and "bs:" not in data["bleu"]["signature"]


def test_perfect_translation_lines_stay_sacrebleus(tmp_path, cli_runner):
    # Every resample of a perfect translation has TER 0: sacrebleu then prints no interval.
    hyp, ref = _write(tmp_path / "h.txt", REF), _write(tmp_path / "r.txt", REF)
    theirs = _sacrebleu_cli([ref], hyp, "-m", "bleu", "ter", "--confidence", "-f", "text")
    ours = _evaluate(cli_runner, ["--hyp", hyp, "--ref", ref, "-m", "bleu,ter", "--confidence"])
    assert ours.stdout.splitlines()[:2] == theirs
    assert theirs[1].endswith("= 0.0")
    data = json.loads(
        _evaluate(
            cli_runner,
            ["--hyp", hyp, "--ref", ref, "-m", "ter", "--confidence", "--format", "json"],
        ).stdout
    )
    assert data["ter"]["confidence_mean"] == 0.0 and data["ter"]["confidence"] == "μ = 0.0 ± 0.0"


def test_confidence_with_several_systems_exits_2(tmp_path, cli_runner):
    ref = _write(tmp_path / "r.txt", REF)
    a, b = _write(tmp_path / "a.txt", HYP), _write(tmp_path / "b.txt", REF[:5] + HYP[5:])
    # sacrebleu refuses it too ("Use paired tests (--paired) for multiple systems").
    proc = subprocess.run(
        [sys.executable, "-m", "sacrebleu", ref, "-i", a, b, "--confidence"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0 and "paired" in proc.stderr
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", a, "--hyp", b, "--ref", ref, "--no-facts", "--confidence"]
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--confidence takes one system" in lines[0]
    assert "Traceback" not in result.output


def test_too_few_resamples_is_bad_input(tmp_path, cli_runner):
    from aligntext.evaluate import evaluate, score

    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    result = cli_runner.invoke(
        cli, ["evaluate", "--hyp", hyp, "--ref", ref, "--confidence", "--confidence-n", "1"]
    )
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--confidence-n" in result.stderr
    with pytest.raises(InputError, match="at least 2 bootstrap resamples"):
        evaluate(hyp, [ref], facts=False, confidence=True, confidence_n=1)
    with pytest.raises(InputError, match="bootstrap resamples"):
        score(HYP, [REF], n_bootstrap=0)
