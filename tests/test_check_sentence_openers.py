"""A name that opens a sentence is still a name: the dictionary, not the position, tells it
(English and Russian, whose dictionaries list inflected forms; in Azerbaijani and Turkish,
whose dictionaries are roots, a word unknown to them must also be rare by word frequency)."""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_facts

SRC = "Kalbajar was occupied on 2 April 1993."


def names(text: str, lang: str) -> list[str]:
    return [f.text for f in extract_facts(text, lang) if f.kind == "entity"]


def test_an_unknown_word_opening_a_sentence_is_a_name() -> None:
    assert names(SRC, "en") == ["Kalbajar"]
    assert names("Кельбаджар был оккупирован 2 апреля 1993 года.", "ru") == ["Кельбаджар"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Officials said the road was closed on Monday.", "en"),
        ("Чиновники сообщили, что дорога закрыта.", "ru"),
        ("Monday brought more rain.", "en"),
        ("Bununla bağlı məlumat verilməyib.", "az"),  # "with this": a root dictionary's gap
        ("Bununla birlikte yol kapalı kaldı.", "tr"),
        ("Rapçi konserini iptal etti.", "tr"),  # rapper: a common word the roots miss
        ("Məhkəmə cümə günü qərar verdi.", "az"),  # the court: Turkish mahkeme, ə as a and e
    ],
)
def test_a_common_word_opening_a_sentence_is_not(text: str, lang: str) -> None:
    assert names(text, lang) == []


def test_a_name_opening_a_sentence_is_checked_like_any_other() -> None:
    def entity(tgt: str) -> list[tuple[str, str]]:
        found = compare_sentences(SRC, tgt, "en", "ru")
        return [(f.severity, f.message) for f in found if f.type == "entity"]

    assert entity("Кельбаджар был оккупирован 2 апреля 1993 года.") == []
    assert entity("Лачин был оккупирован 2 апреля 1993 года.") == [
        ("warning", "entity Kalbajar in source; target has Лачин")
    ]
    assert entity("2 апреля 1993 года город был оккупирован.") == [
        ("info", "entity Kalbajar in source has no counterpart in target")
    ]


AZ = "Kəlbəcərin işğalı 2 aprel 1993-cü ildə baş verdi."
TR = "Kelbecer'in işgali 2 Nisan 1993'te gerçekleşti."


@pytest.mark.parametrize(
    ("text", "lang", "name"), [(AZ, "az", "Kəlbəcərin"), (TR, "tr", "Kelbecer'in")]
)
def test_a_rare_unknown_word_opening_an_azerbaijani_or_turkish_sentence_is_a_name(
    text: str, lang: str, name: str
) -> None:
    assert names(text, lang) == [name]


@pytest.mark.parametrize(
    ("src", "sl", "good", "swapped", "tl"),
    [
        (
            AZ,
            "az",
            "Оккупация Кельбаджара произошла 2 апреля 1993 года.",
            "Оккупация Лачина произошла 2 апреля 1993 года.",
            "ru",
        ),
        (
            AZ,
            "az",
            "The occupation of Kalbajar took place on 2 April 1993.",
            "The occupation of Lachin took place on 2 April 1993.",
            "en",
        ),
        (
            "The occupation of Kalbajar took place on 2 April 1993.",
            "en",
            AZ,
            "Füzulinin işğalı 2 aprel 1993-cü ildə baş verdi.",
            "az",
        ),
    ],
)
def test_a_name_opening_an_azerbaijani_sentence_is_checked(
    src: str, sl: str, good: str, swapped: str, tl: str
) -> None:
    def flags(tgt: str) -> list[str]:
        return [
            f.severity
            for f in compare_sentences(src, tgt, sl, tl)
            if f.type == "entity" and f.severity != "info"
        ]

    assert flags(good) == []
    assert flags(swapped) == ["warning"]
