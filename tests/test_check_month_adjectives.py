"""A month adjective (Russian ``апрельских боёв``, "the April fighting") is a month mention.

It agrees with the month in any language, a different month against it is still a changed
date, and on its own it is only noted. Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_dates
from aligntext.evaluate import fact_accuracy


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Депутаты обсудили итоги апрельских боёв.", "04"),
        ("Об этом писали в январском номере журнала.", "01"),
        ("Майские праздники продлятся четыре дня.", "05"),
        ("Мартовское заявление министра осталось без ответа.", "03"),
    ],
)
def test_month_adjectives_are_month_mentions(text: str, month: str) -> None:
    (fact,) = extract_dates(text, "ru")
    assert fact.key == f"?-{month}-?"
    assert fact.tags == {"month"}


@pytest.mark.parametrize(
    ("sl", "src", "tl", "tgt"),
    [
        ("en", "Deputies discussed the April fighting.", "ru", "Депутаты обсудили апрельские бои."),
        ("ru", "Депутаты обсудили апрельские бои.", "en", "Deputies discussed the April fighting."),
        (
            "ru",
            "Депутаты обсудили апрельские бои.",
            "az",
            "Deputatlar aprel döyüşlərini müzakirə etdi.",
        ),
        (
            "ru",
            "Депутаты обсудили апрельские бои 2016 года.",
            "en",
            "Deputies discussed the fighting of April 2016.",
        ),
    ],
)
def test_a_month_adjective_agrees_with_its_month(sl: str, src: str, tl: str, tgt: str) -> None:
    assert compare_sentences(src, tgt, sl, tl) == []


def test_a_changed_month_against_an_adjective_is_an_error() -> None:
    findings = compare_sentences(
        "Deputies discussed the April fighting.", "Депутаты обсудили майские бои.", "en", "ru"
    )
    assert [(f.type, f.severity, f.message) for f in findings] == [
        ("date", "error", "date April in source; target has May")
    ]


def test_a_month_adjective_alone_is_only_noted() -> None:
    findings = compare_sentences(
        "Депутаты обсудили апрельские бои.", "Deputies discussed the recent fighting.", "ru", "en"
    )
    assert [(f.type, f.severity) for f in findings] == [("date", "info")]


def test_fact_accuracy_counts_a_month_adjective_as_its_month() -> None:
    fa = fact_accuracy(
        ["Депутаты обсудили бои в апреле.", "Депутаты обсудили бои в мае."],
        ["Депутаты обсудили апрельские бои.", "Депутаты обсудили апрельские бои."],
        "ru",
    )
    assert (fa.count("date").total, fa.count("date").correct) == (2, 1)


# Turkish month names that are also common words ("ekim", sowing; "ocak", hearth; "aralık",
# interval), written in lower case with a case ending: a mention of the month.
@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Bakü ekimde konferansa ev sahipliği yapacak.", "10"),
        ("Konferans ekime kadar sürecek.", "10"),
        ("Seçim aralıkta yapılacak.", "12"),
    ],
)
def test_an_inflected_turkish_month_word_is_a_month_mention(text: str, month: str) -> None:
    (fact,) = extract_dates(text, "tr")
    assert (fact.key, fact.tags) == (f"?-{month}-?", {"month"})


def test_an_inflected_turkish_month_word_agrees_with_its_month_and_no_other() -> None:
    tgt = "Bakü ekimde konferansa ev sahipliği yapacak."

    def flags(src: str) -> list[str]:
        return [f.severity for f in compare_sentences(src, tgt, "en", "tr") if f.type == "date"]

    assert flags("Baku will host the conference in October.") == []
    assert flags("Baku will host the conference in November.") == ["error"]
    # The common words stay common words.
    assert extract_dates("Buğday ekimi başladı.", "tr") == []
    assert extract_dates("İki toplantı arasında aralık yok.", "tr") == []
