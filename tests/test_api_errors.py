"""The public Python API refuses a mistaken argument with one clear AligntextError.

README: library functions "raise aligntext.errors.AligntextError subclasses on bad input".
These are the common mistakes: one string where a list is expected (taken apart letter by
letter before), a value of the wrong kind (an AttributeError from deep inside before).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import aligntext
from aligntext.align import align, align_multi
from aligntext.errors import AligntextError, InputError, InputTypeError

EN = "The ministry met the delegation on 4 May. Trade grew by 12 percent in 2023.\n"
RU = "Министерство встретилось с делегацией 4 мая. Торговля выросла на 12 процентов в 2023 году.\n"


@pytest.fixture()
def versions(tmp_path: Path) -> tuple[Path, Path]:
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(RU, encoding="utf-8")
    return en, ru


class Upper:
    """A translator that upper-cases, enough for translate_folder's bookkeeping."""

    def __init__(self, src: str, tgt: str) -> None:
        self.src_lang, self.tgt_lang = src, tgt

    def translate(self, sentences, progress=None):
        if progress is not None:
            progress(len(sentences))
        return [s.upper() for s in sentences]

    def signature_fields(self):
        return (("model", "upper"),)


# --- one string where a list is expected (finding 2) --------------------------------------


def test_align_refuses_one_string_instead_of_sentences():
    # Before: 9 beads of single letters, with confidence, and no error.
    with pytest.raises(InputTypeError, match=r"source is one string .*pass a list of sentences"):
        align("One. Two.", ["Одно.", "Два."], "en", "ru")
    with pytest.raises(InputTypeError, match="target is one string"):
        align(["One.", "Two."], "Одно. Два.", "en", "ru")
    # Still an AligntextError and a TypeError both.
    with pytest.raises(AligntextError):
        align(b"One.", ["Одно."], "en", "ru")
    with pytest.raises(TypeError):
        align("One.", ["Одно."], "en", "ru")


def test_align_multi_takes_a_mapping_of_language_to_sentences():
    src, tgt = ["Trade grew by 12 percent.", "It was 2023."], ["Торговля выросла на 12%.", "2023."]
    by_dict = align_multi({"en": src, "ru": tgt})
    by_pairs = align_multi([("en", src), ("ru", tgt)])
    assert by_dict.langs == ("en", "ru")
    assert by_dict.rows == by_pairs.rows
    with pytest.raises(InputTypeError, match="target is one string"):
        align_multi({"en": src, "ru": "Торговля выросла."})
    with pytest.raises(InputTypeError, match=r"version 1 is str .*not a \(language, segments\)"):
        align_multi([("en", src), "ru"])
    with pytest.raises(InputTypeError, match="versions is one string"):
        align_multi("en ru")


def test_compare_versions_refuses_one_path(versions):
    en, _ = versions
    # Before: "file 'e' does not exist" / "'/' is a folder".
    for one in (str(en), en, "en.txt"):
        with pytest.raises(InputTypeError, match=r"one (string|path) .*pass a list of paths"):
            aligntext.compare_versions(one)


def test_compare_versions_takes_langs_as_a_comma_separated_string(versions):
    # Before: 5 languages (e, n, ',', r, u) for 2 versions.
    report = aligntext.compare_versions(list(versions), langs="en,ru")
    assert [v.lang for v in report.versions] == ["en", "ru"]
    # An empty item is detected, as None in a list is.
    report = aligntext.compare_versions(list(versions), langs="en,")
    assert [v.lang for v in report.versions] == ["en", "ru"]
    with pytest.raises(InputError, match="3 language"):
        aligntext.compare_versions(list(versions), langs="en,ru,az")


def test_translate_folder_takes_one_target_language_as_a_string(versions, tmp_path):
    en, _ = versions
    out = tmp_path / "out"
    # Before: "unknown language 'r'".
    run = aligntext.translate_folder(en, "en", "ru", out, translator_factory=Upper, cache=False)
    assert [(r.tgt_lang, r.status) for r in run.files] == [("ru", "done")]
    run = aligntext.translate_folder(
        [en], "en", "ru, az", tmp_path / "out2", translator_factory=Upper, cache=False
    )
    assert sorted((r.tgt_lang, r.status) for r in run.files) == [("az", "done"), ("ru", "done")]


# --- the wrong kind of value at the public entry points (finding 5) ------------------------


@pytest.fixture()
def bitext(tmp_path: Path) -> Path:
    path = tmp_path / "bt.tsv"
    path.write_text(
        "en\tru\n"
        "Trade grew by 12 percent in 2023.\tТорговля выросла на 12 процентов в 2023 году.\n"
        "The ministry met the delegation on 4 May.\tМинистерство встретилось с делегацией 4 мая.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ("abc", "pairs is one string"),
        ([("a", None)], r"pairs\[0\] is \('a', None\); each pair must be two strings"),
        ([("a", "b", "c")], r"pairs\[0\] is \('a', 'b', 'c'\)"),
        ([("Trade grew.", "Торговля выросла.")], None),
    ],
)
def test_check_translations_refuses_what_is_not_text_pairs(pairs, message):
    # Before: ValueError (unpacking) or AttributeError ('NoneType' has no 'strip').
    if message is None:
        assert aligntext.check_translations(pairs, "en", "ru") == []
        return
    with pytest.raises(InputTypeError, match=message):
        aligntext.check_translations(pairs, "en", "ru")


def test_a_glossary_must_be_a_file_or_a_glossary(bitext, versions):
    # A dict of terms says neither which language each term is in nor its forms.
    with pytest.raises(InputTypeError, match="glossary must be a Glossary, not a dict"):
        aligntext.check_bitext_file(bitext, glossary={"trade": "торговля"})
    with pytest.raises(InputTypeError, match="glossary must be a Glossary, not an int"):
        aligntext.compare_versions(list(versions), glossary=5)
    with pytest.raises(InputTypeError, match="glossary must be a Glossary"):
        aligntext.compare_sentences("Trade.", "Торговля.", "en", "ru", glossary={"a": "b"})


def test_segment_document_wants_a_document(versions):
    en, _ = versions
    for path in (str(en), en):
        with pytest.raises(InputTypeError, match=r"read the file first with .*read_document"):
            aligntext.segment_document(path, "en")
    doc = aligntext.read_document(en)
    with pytest.raises(InputError, match="unknown language 'xx'"):
        aligntext.segment_document(doc, "xx")
    assert len(aligntext.segment_document(doc, "en")) == 2


def test_render_report_refuses_a_wrong_report_or_format(versions):
    with pytest.raises(InputTypeError, match="report must be a Report, not a str"):
        aligntext.render_report("x", "text")
    report = aligntext.compare_versions(list(versions))
    for fmt in ("md", "TEXT"):
        with pytest.raises(AligntextError, match=f"unknown report format '{fmt}'"):
            aligntext.render_report(report, fmt)
    # Still a ValueError for code that caught the old one.
    with pytest.raises(ValueError):
        aligntext.render_report(report, "pdf")
    # A Report is no Alignment: check_alignment says where its findings are.
    with pytest.raises(InputTypeError, match=r"a Report's findings are in report\.findings"):
        aligntext.check_alignment(report)  # type: ignore[arg-type]


def test_text_must_be_a_string():
    with pytest.raises(InputTypeError, match="src must be a str, not None"):
        aligntext.compare_sentences(None, "x", "en", "ru")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="tgt must be a str, not None"):
        aligntext.compare_sentences("x", None, "en", "ru")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="text must be a str, not None"):
        aligntext.extract_facts(None, "en")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown language 5"):
        aligntext.extract_facts("On 4 May.", 5)  # type: ignore[arg-type]


def test_score_refuses_bad_settings_metrics_and_language():
    from aligntext.evaluate import MetricSettings

    hyp, refs = ["the talks went on"], [["the talks went on"]]
    with pytest.raises(InputTypeError, match="settings must be a MetricSettings, not a dict"):
        aligntext.score(hyp, refs, settings={"lowercase": True})
    with pytest.raises(InputError, match="no metric given"):  # was "unknown metric ''"
        aligntext.score(hyp, refs, metrics=[])
    with pytest.raises(InputError, match="unknown language 'xx'"):  # accepted before
        aligntext.score(hyp, refs, lang="xx")
    (bleu,) = aligntext.score(hyp, refs, metrics="bleu", settings=MetricSettings(lowercase=True))
    assert bleu.score == pytest.approx(100.0)


def test_evaluation_score_reads_any_case_and_refuses_an_unknown_metric(tmp_path):
    from aligntext.evaluate import evaluate

    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("the talks went on\n", encoding="utf-8")
    ref.write_text("the talks went on\n", encoding="utf-8")
    result = evaluate(hyp, [ref], metrics=["bleu"], facts=False)
    assert result.score("BLEU") is result.score("bleu") is not None  # None before
    assert result.score("ter") is None  # a metric not computed
    with pytest.raises(InputError, match="unknown metric 'meteor'"):
        result.score("meteor")
    with pytest.raises(InputError, match="worst must be a whole number of at least 0, got -1"):
        evaluate(hyp, [ref], worst=-1)


def test_read_document_refuses_a_negative_limit(versions):
    en, _ = versions
    # Before: "over the limit of -1 bytes".
    with pytest.raises(InputError, match="max_bytes must be a whole number of at least 1"):
        aligntext.read_document(en, max_bytes=-1)


def test_translate_folder_refuses_a_missing_factory_and_an_unknown_format(versions, tmp_path):
    en, _ = versions
    out = tmp_path / "out"
    with pytest.raises(InputTypeError, match=r"translator_factory must be a function .*not None"):
        aligntext.translate_folder([en], "en", ["ru"], out, translator_factory=None)
    # Before: no error, and every file 'failed' with the same message.
    with pytest.raises(InputError, match="unknown document format 'pdf'"):
        aligntext.translate_folder(
            [en], "en", ["ru"], out, translator_factory=Upper, input_format="pdf", cache=False
        )
    assert not out.exists()


# --- check_bitext_file: only real pairs, their rows beside (finding 7) -----------------------

LINES = (
    "en\tru\n"
    "Trade grew by 12 percent in 2023.\tТорговля выросла на 13 процентов в 2023 году.\n"
    "\n"
    "The ministry met the delegation on 4 May.\tМинистерство встретилось с делегацией 5 мая.\n"
)


def test_bitext_check_holds_only_sentence_pairs_with_their_rows(tmp_path):
    with_header = tmp_path / "head.tsv"
    with_header.write_text(LINES, encoding="utf-8")
    without = tmp_path / "plain.tsv"
    without.write_text(LINES.split("\n", 1)[1].replace("\n\n", "\n"), encoding="utf-8")
    r = aligntext.check_bitext_file(with_header, "en", "ru")
    # Before: 4 pairs, ('', '') first and in the middle, one more than the CLI's count.
    assert len(r.pairs) == 2 and ("", "") not in r.pairs
    assert r.pairs[1][0] == "The ministry met the delegation on 4 May."
    assert r.rows == (2, 4)  # the file's lines, as the command line numbers them
    # Findings index the pairs; row() gives the line.
    assert [(f.type, r.pairs[f.pair][0][:5], r.row(f.pair)) for f in r.findings] == [
        ("number", "Trade", 2),
        ("date", "The m", 4),
    ]
    assert all(s.segment == f.pair for f in r.findings for s in f.src_spans)
    # The same pairs whether or not the file has a header and blank lines.
    plain = aligntext.check_bitext_file(without, "en", "ru")
    assert plain.pairs == r.pairs and plain.rows == (1, 2)
    assert [f.pair for f in plain.findings] == [f.pair for f in r.findings]
    # by_row() lays them out by line again, for whoever numbers by the file.
    laid, findings = r.by_row()
    assert laid[0] == laid[2] == ("", "") and laid[3] == r.pairs[1]
    assert [f.pair + 1 for f in findings] == [2, 4]


def test_check_cli_still_numbers_rows_by_the_files_lines(cli_runner, tmp_path):
    import json

    from aligntext.cli import cli

    path = tmp_path / "head.tsv"
    path.write_text(LINES, encoding="utf-8")
    text = cli_runner.invoke(cli, ["check", str(path)]).stdout
    assert "row 2 " in text and "row 4 " in text and "head.tsv: 2 pairs en-ru" in text
    assert "Министерство встретилось с делегацией [5 мая]." in text
    rows = cli_runner.invoke(cli, ["check", str(path), "--format", "jsonl", "--mt-qa"]).stdout
    assert [json.loads(line)["row"] for line in rows.splitlines()] == [2, 4]
    html = cli_runner.invoke(cli, ["check", str(path), "--format", "html"]).stdout
    assert 'id="row-4"' in html and 'id="row-2"' in html


def test_bitext_check_is_exported_with_the_pipeline():
    # The README names it there; before, only aligntext.pipeline.compare had it.
    import aligntext.pipeline
    from aligntext.pipeline.compare import BitextCheck

    assert aligntext.pipeline.BitextCheck is BitextCheck
    assert "BitextCheck" in aligntext.pipeline.__all__
