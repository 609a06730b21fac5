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
