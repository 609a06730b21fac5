"""Weekdays as facts: read in four languages, and a changed one reported.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.check import compare_sentences
from aligntext.check.weekdays import extract_weekdays
from aligntext.pipeline.compare import compare_versions


def _days(text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.text, f.key) for f in extract_weekdays(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The talks resumed on Monday, 6 April.", [("Monday", "1")]),
        ("en", "The office is closed on Saturdays.", [("Saturdays", "6")]),
        ("ru", "Во вторник и в среду шли дожди.", [("вторник", "2"), ("среду", "3")]),
        ("ru", "Выставка продлится до пятницы.", [("пятницы", "5")]),
        ("ru", "Заседание перенесли на воскресенье.", [("воскресенье", "7")]),
        # Two-word names: "bazar ertəsi" is Monday, "çərşənbə axşamı" Tuesday, "cümə axşamı"
        # Thursday (not Sunday, Wednesday or Friday evening).
        ("az", "Bazar ertəsi danışıqlar bərpa olundu.", [("Bazar ertəsi", "1")]),
        ("az", "Görüş çərşənbə axşamı keçirildi.", [("çərşənbə axşamı", "2")]),
        ("az", "Nəticələr cümə axşamı açıqlanacaq.", [("cümə axşamı", "4")]),
        ("az", "Sənədlər cüməyə qədər qəbul edilir.", [("cüməyə", "5")]),
        ("az", "Seçki bazar günü keçirildi.", [("bazar", "7")]),
        ("tr", "Müzakereler pazartesi günü başladı.", [("pazartesi", "1")]),
        ("tr", "Başvurular Cuma'dan itibaren alınıyor.", [("Cuma'dan", "5")]),
        ("tr", "Olay 19 Mayıs Pazar günü yaşandı.", [("Pazar", "7")]),
    ],
)
def test_weekdays_are_read_with_their_endings(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _days(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Names with a weekday in them.
        ("en", "The Sunday Times published the letter."),
        ("en", "Voters went to the polls on Super Tuesday."),
        ("en", "The shops were busy before Good Friday."),
        # "среда" is also the environment, "bazar" / "pazar" also a market.
        ("ru", "Закон защищает окружающую среду и среду обитания птиц."),
        ("ru", "Проект улучшит городскую среду."),
        ("az", "Bazar iqtisadiyyatı sürətlə inkişaf edir."),
        ("tr", "Açık pazar sabahları kalabalık olur."),
    ],
)
def test_words_that_only_look_like_weekdays(lang: str, text: str) -> None:
    assert _days(text, lang) == []


SAME = {
    "en": "The minister spoke to reporters on Tuesday.",
    "ru": "Министр выступил перед журналистами во вторник.",
    "az": "Nazir çərşənbə axşamı jurnalistlər qarşısında çıxış edib.",
    "tr": "Bakan salı günü gazetecilere konuştu.",
}
OTHER_DAY = {
    "en": "The minister spoke to reporters on Wednesday.",
    "ru": "Министр выступил перед журналистами в среду.",
    "az": "Nazir çərşənbə günü jurnalistlər qarşısında çıxış edib.",
    "tr": "Bakan çarşamba günü gazetecilere konuştu.",
}
PAIRS = [(a, b) for a in SAME for b in SAME if a != b]


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_the_same_weekday_agrees(sl: str, tl: str) -> None:
    found = compare_sentences(SAME[sl], SAME[tl], sl, tl)
    assert [f.message for f in found if f.severity != "info"] == []


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_another_weekday_is_a_warning(sl: str, tl: str) -> None:
    found = [f for f in compare_sentences(SAME[sl], OTHER_DAY[tl], sl, tl) if f.severity != "info"]
    assert [(f.type, f.severity) for f in found] == [("date", "warning")]
    assert found[0].message.startswith("weekday ")


def test_a_weekday_left_out_or_given_as_a_date_is_no_finding() -> None:
    src = "The talks resumed on Monday."
    assert compare_sentences(src, "Danışıqlar bərpa olunub.", "en", "az") == []


def test_the_odd_one_out_names_the_day_in_english(tmp_path: Path) -> None:
    texts = {
        "en": "The ministry issued a statement on Monday.",
        "az": "Nazirlik bazar ertəsi bəyanat yayıb.",
        "ru": "Министерство выступило с заявлением во вторник.",
        "tr": "Bakanlık pazartesi günü bir açıklama yaptı.",
    }
    paths = []
    for lang, text in texts.items():
        path = tmp_path / f"{lang}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    report = compare_versions(paths, list(texts))
    messages = [f.message for f in report.cross_findings]
    assert messages == ["ru says Tuesday; en, az and tr say Monday"]
