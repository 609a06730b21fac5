"""A name that opens a sentence is still a name: the dictionary, not the position, tells it
(English and Russian, whose dictionaries list inflected forms)."""

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
