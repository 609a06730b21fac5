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
        # English spelling rules: a lone i before a silent e, silent w and gh, -ies, aw,
        # a compound's inner silent e, W written "у" (word-initial, or as a variant).
        ("Price", "en", "Прайс", "ru"),
        ("Wright", "en", "Райт", "ru"),
        ("Wallace", "en", "Уоллес", "ru"),
        ("Stonehaven", "en", "Стонхейвен", "ru"),
        ("Edwin", "en", "Эдуин", "ru"),
        ("Shaw", "en", "Шоу", "ru"),
        ("Rouen", "en", "Руане", "ru"),
    ],
)
def test_names_match_across_spelling_schemes(a: str, la: str, b: str, lb: str) -> None:
    from aligntext.check.translit import keys_match, translit_keys

    assert keys_match(translit_keys(a, la), translit_keys(b, lb))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A country name must not swallow a longer word that merely starts like it.
        ("Финал Кубка прошёл в Палате.", "ru"),
        ("Они летели на самолетах.", "ru"),
        ("Maliyyə Nazirliyinin hesabatı çıxdı.", "az"),
        ("San Francisco’da toplandılar.", "tr"),
        ("Kanalizasiya sistemi yeniləndi.", "az"),
    ],
)
def test_concepts_take_inflections_only(text: str, lang: str) -> None:
    from aligntext.check.entities import concepts_in

    assert [c for _, _, c in concepts_in(text, lang) if c.startswith("country:")] == []


@pytest.mark.parametrize(
    ("text", "lang", "concepts"),
    [
        ("Соединенные Штаты предложили переговоры.", "ru", ["country:US"]),
        ("tüm Hint-Pak sınırı boyunca", "tr", ["country:IN", "country:PK"]),
        ("along the Indo-Pak border", "en", ["country:IN", "country:PK"]),
        ("в индийском городе", "ru", ["country:IN"]),
        ("Hindistan'a ve Birleşik Devletler'e gitti.", "tr", ["country:IN", "country:US"]),
        ("Many Londoners agree.", "en", ["known:London"]),
    ],
)
def test_concepts_with_inflections(text: str, lang: str, concepts: list[str]) -> None:
    from aligntext.check.entities import concepts_in

    assert [c for _, _, c in concepts_in(text, lang)] == concepts


def test_quotes_open_a_sentence() -> None:
    facts = extract_entities("‘ ’ Daha fazla bilgi yok, dedi Hasanov.", "tr")
    assert [f.text for f in facts] == ["Hasanov"]


@pytest.mark.parametrize(
    ("word", "lang", "common"),
    [
        ("Kurullarına", "tr", True),  # kurul + lar + ı + na
        ("Anayasamız", "tr", True),
        ("Bakanlığına", "tr", True),
        ("Komitəsinə", "az", True),
        ("Hasanov’un", "tr", False),
        ("Magombeyi", "az", False),
    ],
)
def test_commonness_sees_through_suffixes(word: str, lang: str, common: bool) -> None:
    from aligntext.check.entities import commonness

    assert (commonness(word, lang) >= 3.5) is common


@pytest.mark.parametrize(
    ("text", "lang", "headline"),
    [
        ("Facebook Removes Fake Accounts Targeting Local Journalists In Baku", "en", True),
        ("Aliyev met Hasanov and later Mammadov in Ganja.", "en", False),
        # Names and an all-capitals dateline are no Title Case.
        (
            "BAKU (AP) - Rashad Hasanov and Leyla Mammadova will open a new Water Plant near"
            " Ganja with their partners this summer.",
            "en",
            False,
        ),
    ],
)
def test_headline_counts_common_words(text: str, lang: str, headline: bool) -> None:
    from aligntext.check.entities import is_headline

    assert is_headline(text, lang) is headline


def test_brackets_do_not_open_a_sentence() -> None:
    facts = extract_entities("The Ganja Water Board (Kalambar) met on Friday.", "en")
    assert "Kalambar" in [f.text for f in facts]


@pytest.mark.parametrize(
    ("text", "lang", "acronym", "acronym_lang", "spelt"),
    [
        ("a consulate in Los Angeles", "en", "LA", "en", True),
        ("консульство в Лос-Анджелесе", "ru", "LA", "en", True),
        ("Federal Rezerv Sistemi faizi sabit tuttu", "tr", "ФРС", "ru", True),
        ("the Organisation for Economic Cooperation and Development", "en", "OECD", "en", True),
        ("the Organisation for Economic Cooperation and Development", "en", "OSCE", "en", False),
        ("a consulate in Los Angeles", "en", "NY", "en", False),
    ],
)
def test_initials_spell_acronyms(
    text: str, lang: str, acronym: str, acronym_lang: str, spelt: bool
) -> None:
    from aligntext.check.entities import acronym_keys, initials

    assert bool(acronym_keys(acronym, acronym_lang) & initials(text, lang)) is spelt


def test_acronym_and_capitalised_keys() -> None:
    from aligntext.check.entities import acronym_keys, capitalised_keys

    assert acronym_keys("ФРС и ЕЦБ сохранили ставки", "ru") >= {"frs"}
    assert acronym_keys("rates were kept", "en") == frozenset()
    # Sentence-initial names are counted too: two Hasanovs, one Baku.
    keys = capitalised_keys("Hasanov spoke; Hasanov left Baku.", "en")
    assert len(keys) == 3
    assert keys[0] == keys[1]


def test_word_keys_by_case() -> None:
    from aligntext.check.entities import word_keys, word_keys_by_case

    upper, lower = word_keys_by_case("Hasanov met the press in Ganja", "en")
    assert upper and lower
    assert not set(upper) & set(lower)
    assert sorted(upper + lower) == sorted(word_keys("Hasanov met the press in Ganja", "en"))


def test_an_article_is_no_part_of_a_joined_spelling() -> None:
    from aligntext.check import compare_sentences
    from aligntext.check.entities import word_keys_by_case

    # "Kızılhaç" is "Red Cross" written as one word; "The Red" is no name.
    upper, _ = word_keys_by_case("The Red Cross came.", "en")
    assert "radkros" in upper
    assert not any(k.startswith("tarad") or k.startswith("tharad") for k in upper)
    src = "Qırmızı Xaç Tərtərə yardım çatdırıb."
    assert compare_sentences(src, "The Red Cross delivered aid to Tartar.", "az", "en") == []
    (finding,) = compare_sentences(src, "The Red Cross delivered aid to Agdam.", "az", "en")
    assert (finding.severity, finding.message) == (
        "warning",
        "entity Tərtərə in source; target has Agdam",
    )


def test_a_turkish_name_opening_a_sentence_is_known_by_its_apostrophe() -> None:
    from aligntext.check import compare_sentences, extract_facts

    # Turkish sets a suffix off by an apostrophe only after a proper noun.
    facts = extract_facts("Kelbecer'in işgali 1993'te başladı.", "tr")
    assert [f.text for f in facts if f.kind == "entity"] == ["Kelbecer'in"]
    assert [
        f for f in extract_facts("Bunun ardından toplantı başladı.", "tr") if f.kind == "entity"
    ] == []
    src = "Kelbecer'in işgali 2 Nisan 1993'te başladı."
    assert (
        compare_sentences(src, "The occupation of Kalbajar began on 2 April 1993.", "tr", "en")
        == []
    )
    (finding,) = compare_sentences(
        src, "The occupation of Lachin began on 2 April 1993.", "tr", "en"
    )
    assert finding.severity == "warning"
    assert "Kelbecer" in finding.message
