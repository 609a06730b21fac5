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


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("Azerbaijan joined the United Nations in 1992.", "en", "known:UN"),
        ("Азербайджан вступил в Организацию Объединённых Наций.", "ru", "known:UN"),
        ("Azərbaycan Birləşmiş Millətlər Təşkilatına qoşuldu.", "az", "known:UN"),
        (
            "Azerbaycan Bağlantısızlar Hareketi'ne başkanlık etti.",
            "tr",
            "known:Non-Aligned Movement",
        ),
        (
            "Азербайджан председательствовал в Движении неприсоединения.",
            "ru",
            "known:Non-Aligned Movement",
        ),
        ("Принципы Устава ООН важны.", "ru", "known:UN Charter"),
        ("BMT Nizamnaməsinin prinsipləri.", "az", "known:UN Charter"),
        ("Заявление Министерства иностранных дел.", "ru", "known:Ministry of Foreign Affairs"),
        ("Книга о взятии Белого дома.", "ru", "known:White House"),
        ("Military aid from the U.S. was blocked.", "en", "country:US"),
        ("Nümayəndə heyəti BƏƏ-yə getdi.", "az", "country:AE"),
    ],
)
def test_builtin_concept_list(text: str, lang: str, concept: str) -> None:
    assert concept in [f.key for f in extract_entities(text, lang)]


def test_title_dot_does_not_open_a_sentence() -> None:
    facts = extract_entities("The envoy, Mr. Rashad Hasanov, spoke.", "en")
    assert [(f.text, "initial" in f.detail) for f in facts] == [("Rashad Hasanov", False)]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Xhaka", "en", "Джака", "ru"),
        ("Wembley", "en", "Уэмбли", "ru"),
        ("Owen", "en", "Оуэна", "ru"),
        ("Tate", "en", "Тейт", "ru"),
        ("Wayne", "en", "Уэйн", "ru"),
        ("Migos", "en", "Miqos", "az"),
        ("Graham", "en", "Грэма", "ru"),
    ],
)
def test_names_match_across_spelling_schemes(a: str, la: str, b: str, lb: str) -> None:
    from aligntext.check.translit import keys_match, translit_keys

    assert keys_match(translit_keys(a, la), translit_keys(b, lb))
