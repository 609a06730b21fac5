"""Comparing language versions: the pipeline, the odd one out, and the sample corpus.

The sample corpus tests are the acceptance test of the whole checker: the planted
differences listed in ``corpora/planted.json`` must all be found, and nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aligntext.check import compare_sentences, extract_facts
from aligntext.errors import InputError
from aligntext.pipeline.compare import compare_versions, rows_of_beads
from aligntext.pipeline.cross_versions import cross_version_findings
from aligntext.types import Alignment, Bead, Document, Finding, Paragraph, Report, Segment, Span

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
LANGS = ("en", "az", "ru", "tr")

# Four versions of a short statement written for these tests: en has the wrong day, ru the
# wrong figure; az and tr agree with each other everywhere.
STATEMENT = {
    "en": "The agreement was signed in Ankara on 12 March 2024.\n\n"
    "Trade between the two countries reached 511 million dollars last year.\n\n"
    "The commission will meet in Baku.\n",
    "az": "Saziş 14 mart 2024-cü ildə Ankarada imzalanıb.\n\n"
    "Ötən il iki ölkə arasında ticarət 511 milyon dollara çatıb.\n\n"
    "Komissiya Bakıda toplanacaq.\n",
    "ru": "Соглашение было подписано в Анкаре 14 марта 2024 года.\n\n"
    "В прошлом году товарооборот между двумя странами достиг 517 млн долларов.\n\n"
    "Комиссия соберётся в Баку.\n",
    "tr": "Anlaşma 14 Mart 2024'te Ankara'da imzalandı.\n\n"
    "İki ülke arasındaki ticaret geçen yıl 511 milyon dolara ulaştı.\n\n"
    "Komisyon Bakü'de toplanacak.\n",
}


@pytest.fixture()
def statement(tmp_path: Path) -> list[Path]:
    paths = []
    for lang in LANGS:
        p = tmp_path / f"{lang}.txt"
        p.write_text(STATEMENT[lang], encoding="utf-8")
        paths.append(p)
    return paths


# --- the pipeline on hand-written versions ---------------------------------------------


def test_compare_four_versions_names_the_odd_one_out(statement):
    report = compare_versions(statement)
    assert [v.lang for v in report.versions] == list(LANGS)  # detected
    messages = [f.message for f in report.cross_findings]
    assert messages == [
        "en says 12 March 2024; az, ru and tr say 14 March 2024",
        "ru says 517 million; en, az and tr say 511 million",
    ]
    assert [f.tgt_lang for f in report.cross_findings] == ["en", "ru"]
    assert [f.pair for f in report.cross_findings] == [0, 1]
    assert report.cross_findings[0].src_spans[0].text == "12 March 2024"
    # Pairwise: the date in all three alignments, the figure in en-ru only.
    per_lang = {
        report.versions[k].lang: sorted(f.type for f in found)
        for k, found in enumerate(report.findings, start=1)
    }
    assert per_lang == {"az": ["date"], "ru": ["date", "number"], "tr": ["date"]}
    assert len(report.rows) == 3
    assert all(len(row) == 4 for row in report.rows)


def test_compare_two_versions_has_no_cross_findings(statement):
    report = compare_versions(statement[:2], ["en", "az"])
    assert report.cross_findings == ()
    assert [f.type for f in report.findings[0]] == ["date"]
    assert "12 March 2024" in report.findings[0][0].message
    assert "langs:en,az" in str(report.signature)


def test_compare_agreeing_versions_find_nothing(statement, tmp_path):
    fixed = tmp_path / "en-fixed.txt"
    fixed.write_text(
        STATEMENT["en"].replace("12 March", "14 March").replace("511", "517"), encoding="utf-8"
    )
    report = compare_versions([fixed, statement[2]])
    assert report.all_findings() == []


def test_compare_accepts_documents(statement):
    docs = [
        Document((Paragraph(STATEMENT[lang].split("\n\n")[0], 0),), lang=lang) for lang in LANGS
    ]
    report = compare_versions(docs)
    assert [f.tgt_lang for f in report.cross_findings] == ["en"]
    assert report.versions[0].name == "<text>"


@pytest.mark.parametrize(
    ("setup", "match"),
    [
        ("one", "at least two versions, got 1"),
        ("langs", r"1 language\(s\) given .* for 2 versions"),
        ("empty", "empty|no text"),
        ("missing", "nope.txt"),
        ("badlang", "unknown language 'xx'"),
    ],
)
def test_compare_bad_input(statement, tmp_path, setup, match):
    paths: list = statement[:2]
    langs = None
    if setup == "one":
        paths = statement[:1]
    elif setup == "langs":
        langs = ["en"]
    elif setup == "empty":
        empty = tmp_path / "empty.txt"
        empty.write_text("  \n\n", encoding="utf-8")
        paths = [statement[0], empty]
    elif setup == "missing":
        paths = [statement[0], tmp_path / "nope.txt"]
    elif setup == "badlang":
        langs = ["en", "xx"]
    with pytest.raises((InputError, FileNotFoundError), match=match):
        compare_versions(paths, langs)


# --- cross-version findings from pairwise ones (no checker involved) ---------------------


def _versions(*langs: str):
    from aligntext.types import Version

    return [Version(lang, (Segment("s", 0),), None, f"{lang}.txt") for lang in langs]


def _aligned(k: int) -> list[Alignment]:
    return [Alignment((Bead((0,), (0,)),), src_lang="en", tgt_lang="x") for _ in range(k)]


PIVOT_SPAN = Span(0, 10, 20, "6 April 1993")


def _date_finding(tgt: str | None, lang: str) -> Finding:
    # As the checker builds it: the spans and the typed facts they show.
    return Finding(
        0,
        "date",
        "error",
        "date mismatch",
        src_spans=(PIVOT_SPAN,),
        tgt_spans=(Span(0, 0, len(tgt), tgt),) if tgt else (),
        src_facts=tuple(extract_facts(PIVOT_SPAN.text, "en")),
        tgt_facts=tuple(extract_facts(tgt, lang)) if tgt else (),
    )


@pytest.mark.parametrize(
    ("targets", "message", "odd"),
    [
        # Every other version contradicts the pivot the same way: the pivot is the odd one.
        (
            {"az": "30 aprel 1993", "ru": "30 апреля 1993", "tr": "30 Nisan 1993"},
            "en says 6 April 1993; az, ru and tr say 30 April 1993",
            "en",
        ),
        # One version contradicts the pivot: that version is the odd one.
        ({"ru": "30 апреля 1993"}, "ru says 30 April 1993; en, az and tr say 6 April 1993", "ru"),
        # One version has no date there.
        ({"tr": None}, "tr has no date there; en, az and ru say 6 April 1993", "tr"),
        # Two against two: both sides named, the pivot's side last.
        (
            {"az": "7 aprel 1993", "tr": "7 Nisan 1993"},
            "az and tr say 7 April 1993; en and ru say 6 April 1993",
            "az,tr",
        ),
        # Three different values.
        (
            {"az": "7 aprel 1993", "ru": "8 апреля 1993"},
            "az says 7 April 1993; ru says 8 April 1993; en and tr say 6 April 1993",
            "az,ru",
        ),
    ],
)
def test_cross_findings_name_the_odd_one_out(targets, message, odd):
    versions = _versions(*LANGS)
    findings = [
        [_date_finding(targets[lang], lang)] if lang in targets else [] for lang in LANGS[1:]
    ]
    out = cross_version_findings(versions, _aligned(3), findings, [(0,), (0,), (0,)])
    assert [f.message for f in out] == [message]
    assert out[0].tgt_lang == odd
    assert out[0].severity == "error" and out[0].type == "date"
    assert out[0].src_spans == (PIVOT_SPAN,)


def test_cross_findings_for_omitted_and_added_sentences():
    versions = _versions(*LANGS)
    omission = Finding(0, "omission", "warning", "dropped", src_spans=(Span(0, 0, 1, "s"),))
    addition = Finding(1, "addition", "warning", "added", tgt_spans=(Span(1, 0, 1, "t"),))
    aligned = [
        Alignment((Bead((0,), ()), Bead((), (0,))), src_lang="en", tgt_lang="az"),
        Alignment((Bead((0,), (0,)),), src_lang="en", tgt_lang="ru"),
        Alignment((Bead((0,), (0,)), Bead((), (1,))), src_lang="en", tgt_lang="tr"),
    ]
    out = cross_version_findings(
        versions, aligned, [[omission, addition], [], [addition]], [(0, 1), (0,), (0, 1)]
    )
    assert [f.message for f in out] == [
        "az lacks this sentence; en, ru and tr have it",
        "az and tr add a sentence that en and ru do not have",
    ]


def test_cross_findings_ignore_kinds_that_are_not_facts():
    versions = _versions(*LANGS)
    length = Finding(0, "length", "info", "much longer")
    assert cross_version_findings(versions, _aligned(3), [[length], [], []], [(0,)] * 3) == []


def test_rows_of_beads_maps_every_bead_to_its_row():
    rows = (((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), ()))
    alignment = Alignment(
        (Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((), (2,)), Bead((3,), ())),
        src_lang="en",
        tgt_lang="az",
    )
    assert rows_of_beads(rows, [alignment]) == ((0, 1, 2, 3),)


# --- the sample corpus: the acceptance test of the checker ------------------------------

PLANTED = json.loads((CORPUS / "planted.json").read_text(encoding="utf-8"))["differences"]
DOCUMENTS = sorted({d["document"] for d in PLANTED})


@pytest.fixture(scope="module")
def corpus_reports() -> dict[str, Report]:
    return {
        name: compare_versions([CORPUS / name / f"{lang}.txt" for lang in LANGS], list(LANGS))
        for name in DOCUMENTS
    }


def _en_segment(report: Report, paragraph: int, sentence: int) -> int:
    in_para = [s for s in report.versions[0].segments if s.paragraph == paragraph - 1]
    return in_para[sentence - 1].index


def _bead_of(report: Report, k: int, pair: int) -> Bead:
    return report.alignments[k - 1].beads[pair]


def _explains(report: Report, planted: dict, k: int, f: Finding) -> bool:
    """Whether planted difference ``planted`` accounts for finding ``f`` of alignment ``k``."""
    lang = report.versions[k].lang
    seg = _en_segment(report, planted["paragraph"], planted["sentence"])
    return (
        f"en-{lang}" in planted["pairs"]
        and f.type == planted["type"]
        and seg in _bead_of(report, k, f.pair).src
    )


def _describe(report: Report, k: int, f: Finding) -> str:
    bead = _bead_of(report, k, f.pair)
    en = " ".join(report.versions[0].segments[i].text for i in bead.src)
    return f"en-{report.versions[k].lang} {f.severity} {f.type}: {f.message} [en: {en[:70]!r}]"


@pytest.mark.parametrize("planted", PLANTED, ids=[d["id"] for d in PLANTED])
def test_corpus_planted_difference_is_found(corpus_reports, planted):
    report = corpus_reports[planted["document"]]
    for pair in planted["pairs"]:
        k = LANGS.index(pair.split("-")[1])
        hits = [f for f in report.findings[k - 1] if _explains(report, planted, k, f)]
        assert hits, f"{planted['id']} ({planted['type']}) not found in {pair}"
    # And across all four versions, the odd version is named.
    seg = _en_segment(report, planted["paragraph"], planted["sentence"])
    cross = [
        f
        for f in report.cross_findings
        if f.type == planted["type"] and seg in report.rows[f.pair][0]
    ]
    assert [f.tgt_lang for f in cross] == [planted["odd"]], [f.message for f in cross]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_corpus_nothing_else_is_flagged(corpus_reports, document):
    report = corpus_reports[document]
    planted = [d for d in PLANTED if d["document"] == document]
    unexpected = [
        _describe(report, k, f)
        for k, found in enumerate(report.findings, start=1)
        for f in found
        if not any(_explains(report, d, k, f) for d in planted)
    ]
    assert unexpected == []
    rows_of_planted = {
        (report.rows.index(next(r for r in report.rows if s in r[0])), d["type"])
        for d in planted
        for s in [_en_segment(report, d["paragraph"], d["sentence"])]
    }
    extra_cross = [
        f.message for f in report.cross_findings if (f.pair, f.type) not in rows_of_planted
    ]
    assert extra_cross == []


def test_compare_with_a_glossary_file(statement, tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\taz\nBaku\tBakı\n", encoding="utf-8")
    report = compare_versions(statement[:2], ["en", "az"], glossary=glossary)
    assert "glossary:terms.tsv" in str(report.signature)
    with pytest.raises(InputError, match=r"nope\.tsv"):
        compare_versions(statement[:2], ["en", "az"], glossary=tmp_path / "nope.tsv")


def test_compare_language_doubts_warn_or_fail_in_strict_mode(statement):
    from aligntext.errors import LanguageMismatchError

    report = compare_versions(statement[:2], ["en", "ru"])
    assert any("az.txt" in w for w in report.warnings), report.warnings
    with pytest.raises(LanguageMismatchError, match=r"az\.txt"):
        compare_versions(statement[:2], ["en", "ru"], strict=True)


# --- versions in one language, versions without a sentence in a row ----------------------

APPROVED = (
    "The fund will support 214 schools in the region from 3 May 2025.\n\n"
    "The programme is run by Deputy Minister Elnur Sadigov and the regional office.\n\n"
    "Applications are accepted until the end of the year.\n"
)
PUBLISHED = (
    "The fund will support 241 schools in the region from 3 June 2025.\n\n"
    "The programme is run by Deputy Minister Elnur Gasimzade and the regional office.\n\n"
    "Applications are accepted until the end of the year.\n"
)


def test_two_versions_in_one_language_compare_like_two_languages(tmp_path):
    approved, published = tmp_path / "en_approved.txt", tmp_path / "en_published.txt"
    approved.write_text(APPROVED, encoding="utf-8")
    published.write_text(PUBLISHED, encoding="utf-8")
    report = compare_versions([approved, published])
    found = [(f.type, f.severity, f.message) for f in report.findings[0]]
    assert not any(t == "untranslated" for t, _, _ in found), found
    assert ("number", "error", "number 214 in source; target has 241") in found
    assert ("date", "error", "date 3 May 2025 in source; target has 3 June 2025") in found
    assert ("entity", "warning", "entity Sadigov in source; target has Gasimzade") in found


def test_a_version_without_the_sentence_does_not_side_with_the_pivot():
    versions = _versions(*LANGS)
    gone = Finding(0, "omission", "warning", "dropped", src_spans=(Span(0, 0, 1, "s"),))
    name = Finding(
        0,
        "entity",
        "warning",
        "entity Sadigov in source has no counterpart in target",
        src_spans=(Span(0, 30, 37, "Sadigov"),),
    )
    aligned = [
        Alignment((Bead((0,), ()),), src_lang="en", tgt_lang="az"),
        Alignment((Bead((0,), (0,)),), src_lang="en", tgt_lang="ru"),
        Alignment((Bead((0,), (0,)),), src_lang="en", tgt_lang="tr"),
    ]
    out = cross_version_findings(versions, aligned, [[gone], [name], []], [(0,), (0,), (0,)])
    assert [f.message for f in out] == [
        "ru has no name there; en and tr say Sadigov; az lacks the sentence",
        "az lacks this sentence; en, ru and tr have it",
    ]
    assert [f.tgt_lang for f in out] == ["ru", "az"]


def test_cross_findings_read_values_from_the_findings_facts():
    # The value a version "says" is the typed fact the checker attached to its finding, not
    # a second reading of the span's text: a fact for 30 April reads as such even where the
    # span shows only "30".
    versions = _versions(*LANGS)
    fact = extract_facts("30 апреля 1993", "ru")[0]
    finding = Finding(
        0,
        "date",
        "error",
        "date mismatch",
        src_spans=(PIVOT_SPAN,),
        tgt_spans=(Span(0, 0, 2, "30"),),
        src_facts=tuple(extract_facts(PIVOT_SPAN.text, "en")),
        tgt_facts=(fact,),
    )
    out = cross_version_findings(versions, _aligned(3), [[], [finding], []], [(0,), (0,), (0,)])
    assert [f.message for f in out] == ["ru says 30 April 1993; en, az and tr say 6 April 1993"]


def test_checker_findings_carry_their_facts():
    out = compare_sentences(
        "Prices rose 12% in 2019.", "Цены выросли на 15% в 2019 году.", "en", "ru"
    )
    (finding,) = [f for f in out if f.type == "number"]
    assert [f.key for f in finding.src_facts] == ["12"]
    assert [f.key for f in finding.tgt_facts] == ["15"]
    assert "percent" in finding.tgt_facts[0].tags


# A land the English version calls by its old name (Bohemia), the others by the country's
# (Чехия): no spelling rule or place list joins them; each version spells its own name.
_CITY = {
    "en": "The minister flew to Bohemia on Tuesday.",
    "az": "Nazir çərşənbə axşamı Çexiyaya uçub.",
    "ru": "Во вторник министр улетел в Чехию.",
    "tr": "Bakan salı günü Çekya'ya uçtu.",
}


def _city_report(tmp_path: Path, **changed: str):  # type: ignore[no-untyped-def]
    paths = []
    for lang, text in {**_CITY, **changed}.items():
        p = tmp_path / f"city.{lang}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(p)
    return compare_versions(paths, ["en", "az", "ru", "tr"])


def test_versions_with_the_same_name_in_their_own_spelling_say_it(tmp_path: Path) -> None:
    # The pairwise checks find "Bohemia" in none of them; across versions, az, ru and tr
    # agree on one name, so the pivot is the odd one, and nobody "has no name there".
    # Three translators do not make one slip: they render the name so, which is noted.
    [finding] = _city_report(tmp_path).cross_findings
    assert finding.message == (
        "en says Bohemia; az, ru and tr say Çexiyaya / Чехию / Çekya'ya; "
        "versions that agree render the name so"
    )
    assert (finding.tgt_lang, finding.severity) == ("en", "info")


def test_a_version_that_names_another_city_is_the_odd_one(tmp_path: Path) -> None:
    report = _city_report(tmp_path, ru="Во вторник министр улетел в Мюнхен.")
    [finding] = report.cross_findings
    assert finding.message == "ru says Мюнхен; en says Bohemia; az and tr say Çexiyaya / Çekya'ya"
    assert (finding.tgt_lang, finding.severity) == ("ru", "warning")


def test_a_name_other_versions_have_too_is_no_name_from_nowhere(tmp_path: Path) -> None:
    # ru writes the party as "the party of Wales"; az and tr keep "Plaid" and also name
    # Wales, which the English sentence does not: ru's word is corroborated, so only noted.
    texts = {
        "en": "A Plaid member said the plan was unfair.",
        "az": "Plaid partiyasının Uels üzvü planın ədalətsiz olduğunu bildirib.",
        "ru": "Член партии Уэльса заявил, что план несправедлив.",
        "tr": "Galler partisi Plaid'in bir üyesi planın adil olmadığını söyledi.",
    }
    paths = []
    for lang, text in texts.items():
        p = tmp_path / f"party.{lang}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(p)
    report = compare_versions(paths, list(texts))
    assert [f.severity for f in report.findings[1]] == ["warning"]  # the en-ru pair alone
    [finding] = report.cross_findings
    assert finding.message == (
        "ru says Уэльса; en, az and tr say Plaid; other versions name it too"
    )
    assert (finding.tgt_lang, finding.severity) == ("ru", "info")


def test_fail_on_judges_what_the_summary_counts(cli_runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aligntext.cli import cli

    def run(ru: str) -> int:
        paths = []
        for lang, text in {**_CITY, "ru": ru}.items():
            p = tmp_path / f"fail.{lang}.txt"
            p.write_text(text + "\n", encoding="utf-8")
            paths.append(str(p))
        args = ["compare", *paths, "--langs", "en,az,ru,tr", "--fail-on", "warning"]
        return cli_runner.invoke(cli, args).exit_code

    # The en-ru pair alone warns about "Кельн"; across the four versions it is a rendering.
    assert run(_CITY["ru"]) == 0
    assert run("Во вторник министр улетел в Мюнхен.") == 1


_LOOPED = {
    "en": "Trade grew by 12 percent in May. The port opened on Monday.",
    "az": "Ticarət mayda 13 13 13 13 13 13 faiz artıb. Liman bazar ertəsi açıldı.",
    "ru": "Торговля выросла на 13 13 13 13 13 процентов в мае. Порт открылся в понедельник.",
}


def _looped_files(folder: Path) -> list[str]:
    """The versions of :data:`_LOOPED` written as files in ``folder``."""
    paths = []
    for lang, text in _LOOPED.items():
        p = folder / f"loop.{lang}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def test_text_says_a_message_a_versions_sentence_repeats_once(cli_runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aligntext.cli import cli

    paths = _looped_files(tmp_path)
    args = ["compare", *paths, "--langs", "en,az,ru"]
    text = cli_runner.invoke(cli, args).stdout
    said = [line for line in text.splitlines() if line.startswith("  row ")]
    assert len(said) == len(set(said)), text
    # Once per version, with its count: az and ru say it of their own sentence.
    looped = [line for line in said if "number 13 in target has no counterpart" in line]
    assert [line.split()[:3] for line in looped] == [["row", "1", "az"], ["row", "1", "ru"]]
    assert all(line.endswith("in source (x3)") for line in looped)
    data = json.loads(cli_runner.invoke(cli, [*args, "--format", "json"]).stdout)
    messages = [f["message"] for f in data["findings"]]
    assert messages.count("number 13 in target has no counterpart in source") == 6


def test_html_says_a_message_a_versions_sentence_repeats_once(cli_runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aligntext.cli import cli

    paths = _looped_files(tmp_path)
    out = tmp_path / "r.html"
    args = ["compare", *paths, "--langs", "en,az,ru", "--format", "html", "-o", str(out)]
    assert cli_runner.invoke(cli, args).exit_code == 0
    page = out.read_text(encoding="utf-8")
    message = "number 13 in target has no counterpart in source"
    # The lists say it once per version, with its count (each copy keeps its own mark,
    # whose title is the message).
    said = re.findall(r"(\w\w): " + re.escape(message) + r"( \(x\d+\))?<", page)
    assert sorted(said) == [("az", " (x3)"), ("ru", " (x3)")]
    assert page.count(f'title="{message}"') == 6
