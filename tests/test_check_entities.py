"""Entity extraction and the transliteration key across scripts."""

from __future__ import annotations

import pytest

from aligntext.check import extract_entities, names_match, translit_key


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("Кельбаджар", "ru"),
        ("Кельбаджара", "ru"),
        ("Kəlbəcər", "az"),
        ("Kəlbəcərin", "az"),
        ("Kelbecer", "tr"),
        ("Kelbecer'in", "tr"),
        ("Kalbajar", "en"),
    ],
)
def test_translit_key_meets(word: str, lang: str) -> None:
    assert translit_key(word, lang) == "kalbajar"


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "same"),
    [
        ("Azerbaijan", "en", "Азербайджан", "ru", True),
        ("Azərbaycan", "az", "Azerbaycan", "tr", True),
        ("Stewart", "en", "Стюарт", "ru", True),
        ("Putin", "en", "Путиным", "ru", True),
        ("Karabakh", "en", "Qarabağ", "az", True),
        ("Lachin", "en", "Кельбаджар", "ru", False),
        ("Moscow", "en", "Баку", "ru", False),
    ],
)
def test_names_match(a: str, la: str, b: str, lb: str, same: bool) -> None:
    assert names_match(translit_key(a, la), translit_key(b, lb)) is same


def test_capitalised_spans_and_concepts() -> None:
    facts = extract_entities("Officials met President Ilham Aliyev in Baku and NATO envoys.", "en")
    texts = [f.text for f in facts]
    assert "President Ilham Aliyev" in texts
    assert any(f.key == "known:Baku" for f in facts)
    assert any(f.key == "known:NATO" for f in facts)
    assert "Officials" not in texts  # a sentence-initial capital is no evidence of a name


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("Визит в Индию состоялся.", "ru", "country:IN"),
        ("Hindistanın nümayəndələri gəldi.", "az", "country:IN"),
        ("Heyet Hindistan'a gitti.", "tr", "country:IN"),
        ("ООН приняла резолюцию.", "ru", "known:UN"),
        ("BMT qətnamə qəbul etdi.", "az", "known:UN"),
    ],
)
def test_known_concepts(text: str, lang: str, concept: str) -> None:
    assert concept in [f.key for f in extract_entities(text, lang)]


def test_us_pronoun_is_not_the_united_states() -> None:
    assert extract_entities("Let us talk.", "en") == []
