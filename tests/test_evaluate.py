"""Evaluation library: sacrebleu parity, files and folders, significance, fact accuracy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sacrebleu

from aligntext.errors import InputError
from aligntext.evaluate import (
    Fact,
    FolderMatch,
    MetricSettings,
    compare,
    evaluate,
    evaluate_segments,
    fact_accuracy,
    match_folders,
    paired_test,
    read_lines,
    score,
)

# Sentences written for these tests.
REF = [
    "The ministry published its annual report on 12 March 2021.",
    "Exports grew by 15 percent compared with the previous year.",
    "The delegation met representatives of the European Union in Brussels.",
    "A total of 2,500 new jobs were created in the region.",
    "The minister said the programme would continue until 2025.",
    "Schools in the capital will reopen on Monday.",
    "The committee approved the draft law without amendments.",
    "Prices for bread and milk remained stable in the second quarter.",
    "The new bridge connects the two banks of the river.",
    "Officials expect the harvest to exceed last year's record.",
    "The agreement was signed by both parties in Baku.",
    "More than 300 volunteers took part in the clean-up campaign.",
]
HYP = [
    "The ministry has published the annual report on 12 March 2021.",
    "Exports increased by 15 percent compared to last year.",
    "The delegation met with European Union representatives in Brussels.",
    "In total 2,500 new jobs were created in the region.",
    "The minister said that the programme will continue until 2025.",
    "Schools of the capital will open again on Monday.",
    "The committee adopted the draft law with no amendments.",
    "Bread and milk prices stayed stable in the second quarter.",
    "The new bridge links both banks of the river.",
    "Officials expect that the harvest will exceed the record of last year.",
    "Both sides signed the agreement in Baku.",
    "Over 300 volunteers took part in the cleaning campaign.",
]


def _write(path: Path, lines: list[str], end: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(end.join(lines) + end, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- parity


@pytest.mark.parametrize(
    ("key", "metric"),
    [
        ("bleu", sacrebleu.metrics.BLEU()),
        ("chrf", sacrebleu.metrics.CHRF()),
        ("chrf++", sacrebleu.metrics.CHRF(word_order=2)),
        ("ter", sacrebleu.metrics.TER()),
    ],
)
def test_scores_equal_sacrebleu_api(key, metric):
    ours = {s.key: s for s in score(HYP, [REF])}[key]
    theirs = metric.corpus_score(HYP, [REF])
    assert ours.score == theirs.score
    assert ours.name == theirs.name
    assert ours.signature == metric.get_signature().format()


@pytest.mark.parametrize(
    ("settings", "kwargs", "key"),
    [
        (MetricSettings(tokenize="intl"), {"tokenize": "intl"}, "bleu"),
        (MetricSettings(lowercase=True), {"lowercase": True}, "bleu"),
        (MetricSettings(smooth_method="floor"), {"smooth_method": "floor"}, "bleu"),
        (MetricSettings(ter_case_sensitive=True), {"case_sensitive": True}, "ter"),
    ],
)
def test_settings_reach_sacrebleu(settings, kwargs, key):
    cls = {"bleu": sacrebleu.metrics.BLEU, "ter": sacrebleu.metrics.TER}[key]
    metric = cls(**kwargs)
    theirs = metric.corpus_score(HYP, [REF])
    (ours,) = score(HYP, [REF], metrics=[key], settings=settings)
    assert (ours.score, ours.signature) == (theirs.score, metric.get_signature().format())


def test_default_tokenizer_is_sacrebleus_choice_for_each_language():
    for lang in ("en", "az", "ru", "tr"):
        (bleu,) = score(HYP, [REF], metrics=["bleu"], lang=lang)
        assert "tok:13a" in bleu.signature


def test_multiple_references():
    ref2 = list(HYP)  # the second reference agrees with the hypothesis word for word
    scores = {s.key: s for s in score(HYP, [REF, ref2])}
    assert scores["bleu"].score == pytest.approx(100.0)
    assert scores["bleu"].signature.startswith("nrefs:2|")
    assert scores["ter"].score == 0.0
    theirs = sacrebleu.corpus_chrf(HYP, [REF, ref2])
    assert scores["chrf"].score == theirs.score
    single = {s.key: s for s in score(HYP, [REF])}
    assert single["bleu"].score < scores["bleu"].score


# ---------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a b\nc d\n", ["a b", "c d"]),
        (b"a b\nc d", ["a b", "c d"]),
        (b"a b \r\nc d\t\r\n", ["a b", "c d"]),
        (b"a\n\nb\n", ["a", "", "b"]),  # an empty line is a segment, as in sacrebleu
        ("\ufeffüç\n".encode(), ["üç"]),
    ],
)
def test_read_lines_like_sacrebleu(tmp_path, raw, expected):
    p = tmp_path / "f.txt"
    p.write_bytes(raw)
    assert read_lines(p) == expected


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Правительство выделило 5 млн рублей.\nВторая строка.\n", "cp1251"),
        ("Правительство выделило 5 млн рублей.\nВторая строка.\n", "koi8-r"),
        ("Hükümet 5 milyon lira ayırdı.\nİkinci satır şöyle.\n", "cp1254"),
        ("Hükümet 5 milyon lira ayırdı.\nİkinci satır şöyle.\n", "utf-16"),
    ],
)
def test_read_lines_reads_legacy_code_pages(tmp_path, text, codec):
    p = tmp_path / "f.txt"
    p.write_bytes(text.encode(codec))
    assert read_lines(p) == text.splitlines()


@pytest.mark.parametrize("codec", ["cp1251", "utf-16"])
def test_read_lines_of_a_code_page_are_those_of_the_same_utf8_file(tmp_path, codec):
    # A lone \r stays inside its line and decomposed letters stay decomposed, as sacrebleu
    # reads the UTF-8 file (NFC and a new line there shifted every later segment).
    text = "Новый мост\rоткрыт.\r\nЁлка стоит.\n"
    if codec == "utf-16":
        text = "Йошкар-Ола и Ёлкино\n".replace("Й", "И\u0306").replace("Ё", "Е\u0308") + text
    legacy, utf8 = tmp_path / "legacy.txt", tmp_path / "utf8.txt"
    legacy.write_bytes(text.encode(codec))
    utf8.write_bytes(text.encode())
    assert read_lines(legacy) == read_lines(utf8)
    assert len(read_lines(legacy)) == len(text.splitlines()) - 1  # split on \n only


def test_read_lines_of_a_gzip_file(tmp_path):
    import gzip

    from aligntext.io.encoding import input_limit

    p = tmp_path / "hyp.en.gz"
    p.write_bytes(gzip.compress(b"The port opened.\nPrices rose.\n" + b"x" * 3000 + b"\n"))
    assert read_lines(p)[:2] == ["The port opened.", "Prices rose."]
    with input_limit(0.002), pytest.raises(InputError, match="decompresses to more than"):
        read_lines(p)
    p.write_bytes(b"\x1f\x8b\x08\x00broken")
    with pytest.raises(InputError, match="not a valid gzip file"):
        read_lines(p)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"PK\x03\x04\x00\x00binary", "not a text file.*--input-format doc"),
    ],
)
def test_read_lines_rejects_bad_files(tmp_path, raw, message):
    p = tmp_path / "f.txt"
    p.write_bytes(raw)
    with pytest.raises(InputError, match=message):
        read_lines(p)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"not found.*nope.txt"):
        evaluate(tmp_path / "nope.txt", [_write(tmp_path / "r.txt", REF)], facts=False)
    with pytest.raises(InputError, match="reference file not found"):
        evaluate(_write(tmp_path / "h.txt", HYP), [tmp_path / "nope.txt"], facts=False)


def test_length_mismatch_names_both_counts(tmp_path):
    hyp = _write(tmp_path / "hyp.txt", [f"line {i}" for i in range(249)])
    ref = _write(tmp_path / "ref.txt", [f"line {i}" for i in range(250)])
    with pytest.raises(InputError, match="hypothesis has 249 lines, reference has 250"):
        evaluate(hyp, [ref], facts=False)
    with pytest.raises(InputError, match="hypothesis has 12 lines, reference has 11"):
        score(HYP, [REF[:-1]])


def test_second_reference_length_is_checked(tmp_path):
    with pytest.raises(InputError, match="hypothesis has 12 lines, reference has 3"):
        score(HYP, [REF, REF[:3]])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"metrics": ["bleu", "meteor"]}, "unknown metric 'meteor'"),
        ({"settings": MetricSettings(tokenize="moses")}, "unknown tokenizer 'moses'.*13a"),
        ({"settings": MetricSettings(smooth_method="x")}, "unknown smoothing method"),
    ],
)
def test_bad_settings(kwargs, message):
    with pytest.raises(InputError, match=message):
        score(HYP, [REF], **kwargs)


def test_file_evaluation_matches_in_memory_scores(tmp_path):
    ev = evaluate(
        _write(tmp_path / "h.txt", HYP, end="\r\n"), [_write(tmp_path / "r.txt", REF)], facts=False
    )
    assert [s.score for s in ev.scores] == [s.score for s in score(HYP, [REF])]
    assert ev.segments == 12 and len(ev.files) == 1 and ev.files[0].name == "h.txt"
    assert ev.complete and ev.facts is None
    assert ev.score("bleu") is not None and ev.score("bleu").higher_is_better
    assert not ev.score("ter").higher_is_better


# ---------------------------------------------------------------------------- folders


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    hyp, ref = tmp_path / "hyp", tmp_path / "ref"
    _write(hyp / "a.txt", HYP[:6])
    _write(ref / "a.txt", REF[:6])
    _write(hyp / "news" / "b.txt", HYP[6:])
    _write(ref / "news" / "b.txt", REF[6:])
    _write(ref / "c.txt", REF[:2])  # not translated
    _write(hyp / "notes.txt", HYP[:2])  # no reference
    _write(hyp / ".hidden.txt", ["ignored"])
    return hyp, ref


def test_match_folders_reports_missing_and_extra(tmp_path):
    hyp, ref = _folders(tmp_path)
    match = match_folders(hyp, [ref])
    assert isinstance(match, FolderMatch)
    assert [p.name for p in match.pairs] == ["a.txt", "news/b.txt"]
    assert match.missing == ("c.txt",)
    assert match.extra == ("notes.txt",)
    assert match.pairs[1].references == (str(ref / "news" / "b.txt"),)


def test_folder_evaluation_scores_the_concatenation(tmp_path):
    hyp, ref = _folders(tmp_path)
    ev = evaluate(hyp, [ref], facts=False)
    assert ev.missing == ("c.txt",) and ev.extra == ("notes.txt",) and not ev.complete
    assert [f.name for f in ev.files] == ["a.txt", "news/b.txt"]
    assert ev.score("bleu").score == sacrebleu.corpus_bleu(HYP, [REF]).score
    assert ev.files[0].score("bleu").score == sacrebleu.corpus_bleu(HYP[:6], [REF[:6]]).score
    assert ev.segments == 12


def test_reference_folders_must_hold_the_same_files(tmp_path):
    hyp, ref = _folders(tmp_path)
    ref2 = tmp_path / "ref2"
    _write(ref2 / "a.txt", REF[:6])
    with pytest.raises(InputError, match=r"hold different files.*c.txt"):
        match_folders(hyp, [ref, ref2])


def test_file_and_folder_cannot_be_mixed(tmp_path):
    hyp, ref = _folders(tmp_path)
    with pytest.raises(InputError, match="folders on both sides"):
        evaluate(hyp / "a.txt", [ref], facts=False)
    with pytest.raises(InputError, match="is not a folder"):
        evaluate(hyp, [ref / "a.txt"], facts=False)


def test_folder_without_any_match(tmp_path):
    _write(tmp_path / "hyp" / "x.txt", HYP)
    _write(tmp_path / "ref" / "y.txt", REF)
    with pytest.raises(InputError, match=r"no hypothesis file.*matches.*y.txt"):
        evaluate(tmp_path / "hyp", [tmp_path / "ref"], facts=False)


def test_folder_with_two_references(tmp_path):
    hyp, ref = _folders(tmp_path)
    ref2 = tmp_path / "ref2"
    for name in ("a.txt", "news/b.txt", "c.txt"):
        _write(ref2 / name, read_lines(hyp / name) if (hyp / name).exists() else ["x", "y"])
    ev = evaluate(hyp, [ref, ref2], facts=False)
    assert ev.score("bleu").signature.startswith("nrefs:2|")
    assert ev.score("bleu").score == pytest.approx(100.0)


# ---------------------------------------------------------------------------- significance


def _drop_word(line: str, which: int) -> str:
    words = line.split()
    del words[which % len(words)]
    return " ".join(words)


def test_paired_tests_find_a_clear_winner():
    refs = REF * 3
    good = list(refs)
    good[::4] = [_drop_word(s, 2) for s in refs[::4]]
    bad = [" ".join(reversed(s.split())) for s in refs]
    results = paired_test(
        [("bad", bad), ("good", good)], [refs], test="both", ar_samples=2000, bs_samples=500
    )
    assert {(r.metric, r.test) for r in results} == {
        (m, t) for m in ("bleu", "chrf", "ter") for t in ("bs", "ar")
    }
    for r in results:
        assert r.significant, r
        assert r.p_value < 0.01
        assert r.better == "good"
        assert "seed:12345" in r.signature
    ter = next(r for r in results if r.metric == "ter" and r.test == "bs")
    assert ter.difference < 0 and ter.mean is not None and ter.ci is not None


def test_paired_tests_find_no_difference_between_equal_systems():
    refs = REF * 3
    # Each system drops one word from half of the sentences, on different halves.
    a = [_drop_word(s, 1) if i % 2 else s for i, s in enumerate(refs)]
    b = [s if i % 2 else _drop_word(s, 1) for i, s in enumerate(refs)]
    results = paired_test([("a", a), ("b", b)], [refs], ar_samples=2000, bs_samples=500)
    assert results
    for r in results:
        assert not r.significant, r
        assert r.p_value > 0.05
        assert r.better is None


def test_identical_systems_are_not_significantly_different():
    results = paired_test([("a", HYP), ("b", list(HYP))], [REF], test="ar", ar_samples=200)
    assert all(r.difference == 0 and not r.significant for r in results)


@pytest.mark.parametrize(
    ("systems", "kwargs", "message"),
    [
        ([("a", HYP)], {}, "at least two systems"),
        ([("a", HYP), ("a", HYP)], {}, "names must differ"),
        ([("a", HYP), ("b", HYP[:3])], {}, "hypothesis has 3 lines, reference has 12"),
        ([("a", HYP), ("b", HYP)], {"test": "t-test"}, "unknown paired test"),
    ],
)
def test_paired_test_bad_input(systems, kwargs, message):
    with pytest.raises(InputError, match=message):
        paired_test(systems, [REF], **kwargs)


def test_compare_folders_tests_common_files(tmp_path):
    hyp, ref = _folders(tmp_path)
    other = tmp_path / "other"
    _write(other / "a.txt", REF[:6])  # perfect on a.txt, lacks news/b.txt
    cmp = compare([hyp, other], [ref], names=["base", "other"], facts=False, test="bs")
    assert [ev.name for ev in cmp.evaluations] == ["base", "other"]
    assert cmp.segments == 6
    assert any("news/b.txt" in w for w in cmp.warnings)
    assert cmp.evaluations[1].missing == ("c.txt", "news/b.txt")
    assert {t.system for t in cmp.tests} == {"other"}


# ---------------------------------------------------------------------------- fact accuracy

_NUM = re.compile(r"\d+(?:,\d{3})*")
_NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+")


def _toy_extract(text: str, lang: str) -> list[Fact]:
    """A stand-in extractor: digit groups are numbers, inner capitalised words entities."""
    facts = [
        Fact("number", m.group().replace(",", ""), m.group(), *m.span())
        for m in _NUM.finditer(text)
    ]
    facts += [Fact("entity", m.group().lower(), m.group(), *m.span()) for m in _NAME.finditer(text)]
    return facts


def _toy_match(a: Fact, b: Fact) -> bool:
    return a.kind == b.kind and a.key == b.key


def test_fact_accuracy_counts_per_kind_one_to_one():
    refs = [
        "Exports reached 2,500 tonnes in Baku and 2,500 tonnes in Ganja.",
        "Nothing here to count.",
        "The talks in Brussels lasted 3 days.",
    ]
    hyps = [
        "Exports reached 2500 tonnes in Baku and 250 tonnes in Ganja.",
        "Nothing here to count.",
        "The talks in Paris lasted 3 days and 4 nights.",
    ]
    fa = fact_accuracy(hyps, refs, "en", extract=_toy_extract, match=_toy_match)
    number, entity = fa.count("number"), fa.count("entity")
    assert (number.total, number.correct, number.extra) == (3, 2, 2)  # 250 and 4 unmatched
    assert (entity.total, entity.correct, entity.extra) == (3, 2, 1)
    assert fa.count("date").accuracy is None
    assert (fa.total, fa.correct) == (6, 4)
    assert fa.accuracy == pytest.approx(4 / 6)
    assert [kind for kind in (c.kind for c in fa.counts)][:3] == ["number", "date", "entity"]
    # Worst first: segment 3 misses Brussels and adds 4 and Paris; segment 1 misses one 2,500.
    assert [(s.line, s.missing) for s in fa.worst] == [(3, ("Brussels",)), (1, ("2,500",))]
    assert fa.worst[0].extra == ("4", "Paris")


def test_fact_accuracy_worst_limit_and_file_names():
    refs = [f"Item {i} costs 10 manat." for i in range(5)]
    hyps = [f"Item {i} costs 12 manat." for i in range(5)]
    fa = fact_accuracy(
        hyps,
        refs,
        "en",
        worst=2,
        files=[("prices.txt", i + 10) for i in range(5)],
        extract=_toy_extract,
        match=_toy_match,
    )
    assert len(fa.worst) == 2 and fa.worst[0].file == "prices.txt" and fa.worst[0].line == 10
    assert fa.count("number").accuracy == pytest.approx(0.5)


def test_fact_accuracy_without_facts_is_none():
    fa = fact_accuracy(["a b c"], ["d e f"], "en", extract=_toy_extract, match=_toy_match)
    assert fa.accuracy is None and fa.total == 0 and fa.worst == ()


def test_fact_accuracy_checks_language_and_lengths():
    with pytest.raises(InputError, match="unknown language 'xx'"):
        fact_accuracy(["a"], ["a"], "xx", extract=_toy_extract, match=_toy_match)
    with pytest.raises(InputError, match="hypothesis has 1 lines, reference has 2"):
        fact_accuracy(["a"], ["a", "b"], "en", extract=_toy_extract, match=_toy_match)


# The real extractors (aligntext.check), on hand-written cases in each language.
REAL_CASES = [
    # lang, reference, correct hypothesis, hypothesis with a wrong fact
    (
        "en",
        "The budget rose by 20% to 60,000 manat on 6 April 1993.",
        "On 6 April 1993 the budget grew by 20% to 60,000 manat.",
        "The budget rose by 25% to 60,000 manat on 6 April 1993.",
    ),
    (
        "ru",
        "Бюджет вырос на 20% до 60 000 манатов 6 апреля 1993 года.",
        "6 апреля 1993 года бюджет увеличился на 20% до 60 000 манатов.",
        "Бюджет вырос на 20% до 60 000 манатов 30 апреля 1993 года.",
    ),
    (
        "az",
        "Büdcə 1993-cü il aprelin 6-da 20% artaraq 60.000 manata çatıb.",
        "1993-cü il aprelin 6-da büdcə 20% artımla 60.000 manata yüksəlib.",
        "Büdcə 1993-cü il aprelin 6-da 20% artaraq 80.000 manata çatıb.",
    ),
    (
        "tr",
        "Bütçe 6 Nisan 1993'te yüzde 20 artarak 60.000 manata ulaştı.",
        "6 Nisan 1993'te bütçe yüzde 20 artışla 60.000 manata yükseldi.",
        "Bütçe 6 Nisan 1994'te yüzde 20 artarak 60.000 manata ulaştı.",
    ),
]


@pytest.mark.parametrize(("lang", "ref", "good", "bad"), REAL_CASES)
def test_fact_accuracy_with_the_checkers_extractors(lang, ref, good, bad):
    try:
        from aligntext.check import extract_facts, facts_match  # noqa: F401
    except ImportError:
        pytest.skip("the checker's extractors (aligntext.check) are not there yet")
    perfect = fact_accuracy([good], [ref], lang)
    assert perfect.total >= 3
    assert perfect.accuracy == 1.0, perfect.worst
    flawed = fact_accuracy([bad], [ref], lang)
    assert flawed.total == perfect.total
    assert flawed.correct < flawed.total
    assert len(flawed.worst) == 1 and flawed.worst[0].missing


def test_evaluate_segments_reports_facts_beside_metrics():
    ev = evaluate_segments(HYP, [REF], lang="en", facts=False)
    assert ev.facts is None and ev.lang == "en"
    assert ev.score("chrf++") is not None


def _fixed_extract(table: dict[str, list[Fact]]):
    return lambda text, lang: table[text]


def test_a_reference_year_may_be_found_in_a_date_but_not_the_reverse():
    year = Fact("number", "1993", "1993", 0, 4, "year")
    date = Fact("date", "1993-04-06", "6 April 1993", 0, 12)
    table = {"ref year": [year], "hyp date": [date], "ref date": [date], "hyp year": [year]}

    def lenient(a: Fact, b: Fact) -> bool:  # like the checker: a year matches its date
        return a.key[:4] == b.key[:4]

    kwargs = {"extract": _fixed_extract(table), "match": lenient}
    assert fact_accuracy(["hyp date"], ["ref year"], "en", **kwargs).correct == 1
    assert fact_accuracy(["hyp year"], ["ref date"], "en", **kwargs).correct == 0


def test_equal_facts_match_even_when_the_matcher_says_no():
    acronym = Fact("entity", "s", "СССС", 0, 4, "acronym")
    fa = fact_accuracy(
        ["x"], ["x"], "ru", extract=lambda t, lang: [acronym], match=lambda a, b: False
    )
    assert (fa.total, fa.correct, fa.extra) == (1, 1, 0)


@pytest.mark.parametrize(
    ("lang", "ref", "hyp", "correct"),
    [
        # Another first name opening the sentence is another person.
        ("en", "Helen Ortiz spoke in Boston.", "Maria Ortiz spoke in Boston.", 1),
        ("ru", "Елена Орлова выступила в Казани.", "Мария Орлова выступила в Казани.", 1),
        # The same one is the same person; an ordinary opening word is no first name.
        ("en", "Maria Ortiz spoke in Boston.", "Maria Ortiz spoke in Boston.", 2),
        ("en", "Yesterday Ortiz spoke in Boston.", "Today Ortiz spoke in Boston.", 2),
    ],
)
def test_a_first_name_opening_a_sentence_counts(lang, ref, hyp, correct):
    acc = fact_accuracy([hyp], [ref], lang)
    assert (acc.correct, acc.total) == (correct, 2)


def test_a_system_that_output_nothing_scores_zero(tmp_path):
    hyp = tmp_path / "h.txt"
    hyp.write_text("\n" * len(REF), encoding="utf-8")
    result = evaluate(hyp, [_write(tmp_path / "r.txt", REF)], lang="en")
    scores = {s.key: s.score for s in result.scores}
    assert scores["bleu"] == 0.0 and scores["ter"] == 100.0
    assert result.facts is not None and result.facts.correct == 0


def test_python_callers_get_python_answers(tmp_path):
    hyp, ref = _write(tmp_path / "h.txt", HYP), _write(tmp_path / "r.txt", REF)
    # One reference path, not a list of paths: read as one reference, not letter by letter.
    assert evaluate(hyp, ref, facts=False).segments == len(REF)
    with pytest.raises(InputError, match="one list of segments per reference"):
        score(HYP, REF)  # for score(HYP, [REF])
