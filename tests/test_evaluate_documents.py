"""``evaluate --input-format doc``: a hypothesis document that lacks much of the reference,
and what the worst-segment labels count."""

from __future__ import annotations

import json

import pytest

from aligntext.cli import cli

# Sentences written for these tests: a reference document and parts of a translation of it.
REF = [
    "The government approved the budget for 2025 on Tuesday.",
    "Spending on education will rise by 12 percent.",
    "The president received the ambassador of Turkey in Baku on 4 May.",
    "Construction of 40 new schools will begin in the spring.",
    "The national bank kept its interest rate at 7.25 percent.",
    "Around 1,200 people attended the opening ceremony in Sheki.",
]


def _doc(path, sentences):
    path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return str(path)


def _evaluate(cli_runner, hyp, ref, *extra):
    args = ["evaluate", "--hyp", hyp, "--ref", ref, "--input-format", "doc", "--lang", "en"]
    return cli_runner.invoke(cli, [*args, "-m", "bleu", *extra])


def test_a_hypothesis_lacking_most_sentences_gets_a_warning(tmp_path, cli_runner):
    """It scored near 0 without a word, where align warned about the sentences left over."""
    ref = _doc(tmp_path / "ref.txt", REF)
    hyp = _doc(tmp_path / "short.txt", ["Spending on education will increase by 12 percent."])
    result = _evaluate(cli_runner, hyp, ref)
    assert result.exit_code == 0, result.output
    assert (
        "aligntext: warning: short.txt: 5 of the reference's 6 sentences and 0 of the "
        "hypothesis's 1 have no counterpart: the documents may differ in content, and the "
        "missing ones score as untranslated"
    ) in result.stderr.splitlines()


def test_a_whole_translation_gets_no_such_warning(tmp_path, cli_runner):
    ref = _doc(tmp_path / "ref.txt", REF)
    hyp = _doc(tmp_path / "hyp.txt", [s.replace("Around", "About") for s in REF])
    result = _evaluate(cli_runner, hyp, ref)
    assert result.exit_code == 0, result.output
    assert "no counterpart" not in result.stderr


def test_worst_segments_say_which_documents_sentence_they_are(tmp_path, cli_runner):
    """Labels were 'short.txt:3', a number of aligned segments under the name of a
    hypothesis that has two sentences; now the reference's sentence, named as such."""
    ref = _doc(tmp_path / "ref.txt", REF)
    hyp = _doc(tmp_path / "short.txt", [REF[1], REF[3]])
    result = _evaluate(cli_runner, hyp, ref, "--format", "json", "--worst", "10")
    assert result.exit_code == 0, result.output
    worst = json.loads(result.stdout)["facts"]["worst"]
    assert [(w["side"], w["file"], w["line"]) for w in worst] == [
        ("ref", "ref.txt", 3),  # its date and two names have no translation
        ("ref", "ref.txt", 6),
        ("ref", "ref.txt", 1),
        ("ref", "ref.txt", 5),
    ]
    assert [w["reference"] for w in worst] == [REF[2], REF[5], REF[0], REF[4]]
    text = _evaluate(cli_runner, hyp, ref).stdout
    assert "  ref ref.txt:3: 0/3 facts; missing or wrong: Turkey, Baku, 4 May" in text
    assert "short.txt:3" not in text  # the hypothesis has two sentences


def test_a_sentence_only_the_hypothesis_has_is_numbered_in_it(tmp_path, cli_runner):
    ref = _doc(tmp_path / "ref.txt", REF)
    added = "Officials from 17 ministries in Ganja met on 9 June."
    hyp = _doc(tmp_path / "hyp.txt", [*REF[:3], added, *REF[3:]])
    result = _evaluate(cli_runner, hyp, ref)
    assert result.exit_code == 0, result.output
    assert "  hyp hyp.txt:4: 0/0 facts; not in reference: 17, Ganja, 9 June" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_line_aligned_files_keep_their_line_labels(tmp_path, cli_runner, fmt):
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join(REF) + "\n", encoding="utf-8")
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("\n".join([*REF[:2], "The president met the ambassador.", *REF[3:]]) + "\n")
    args = ["evaluate", "--hyp", str(hyp), "--ref", str(ref), "--lang", "en", "-m", "bleu"]
    result = cli_runner.invoke(cli, [*args, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        (w,) = json.loads(result.stdout)["facts"]["worst"]
        assert (w["side"], w["file"], w["line"]) == ("", "hyp.txt", 3)
    else:
        assert "  hyp.txt:3: 0/" in result.stdout


def test_in_folder_mode_the_label_has_the_relative_path(tmp_path, cli_runner):
    (tmp_path / "refs" / "sub").mkdir(parents=True)
    (tmp_path / "hyps" / "sub").mkdir(parents=True)
    _doc(tmp_path / "refs" / "sub" / "a.txt", REF)
    _doc(tmp_path / "hyps" / "sub" / "a.txt", [REF[1], REF[3]])
    result = _evaluate(cli_runner, str(tmp_path / "hyps"), str(tmp_path / "refs"))
    assert result.exit_code == 0, result.output
    assert "  ref sub/a.txt:3: 0/3 facts" in result.stdout
    assert "aligntext: warning: sub/a.txt: 4 of the reference's 6 sentences" in result.stderr
