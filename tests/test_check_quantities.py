"""Approximate quantities and Turkic teens: what a number word stands for, across languages.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_numbers, facts_match
from aligntext.check.number_values import approx_label, tags_of


def _warnings(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    return [
        (f.severity, f.message) for f in compare_sentences(src, tgt, sl, tl) if f.severity != "info"
    ]


# --- approximate quantities --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "Dozens of families left the village.", "tens"),
        ("en", "Tens of thousands of fans filled the square.", "tens of thousands"),
        ("en", "Several hundred volunteers came.", "hundreds"),
        ("en", "Scores of volunteers came.", "tens"),
        ("ru", "Десятки семей покинули село.", "tens"),
        ("ru", "Десятки тысяч болельщиков заполнили площадь.", "tens of thousands"),
        ("ru", "Пришли несколько сотен добровольцев.", "hundreds"),
        ("ru", "Тысячи людей вышли на улицы.", "thousands"),
        ("az", "Onlarla ailə kəndi tərk etdi.", "tens"),
        ("az", "On minlərlə azarkeş meydanı doldurdu.", "tens of thousands"),
        ("az", "Bir neçə yüz könüllü gəldi.", "hundreds"),
        ("az", "Minlərlə insan küçələrə çıxdı.", "thousands"),
        ("az", "Yüzlərcə könüllü gəldi.", "hundreds"),
        ("tr", "Onlarca aile köyü terk etti.", "tens"),
        ("tr", "On binlerce taraftar meydanı doldurdu.", "tens of thousands"),
        ("tr", "Birkaç yüz gönüllü geldi.", "hundreds"),
        ("tr", "Yüzlerce kişi yaralandı.", "hundreds"),
    ],
)
def test_approximate_quantities_are_orders_of_magnitude(lang: str, text: str, key: str) -> None:
    (fact,) = extract_numbers(text, lang)
    assert fact.key == key
    assert "approx" in tags_of(fact)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A few families left the village."),
        ("ru", "Несколько семей покинули село."),
        ("az", "Bir neçə ailə kəndi tərk etdi."),
        ("tr", "Birkaç aile köyü terk etti."),
    ],
)
def test_a_few_is_a_weak_approximate_quantity(lang: str, text: str) -> None:
    (fact,) = extract_numbers(text, lang)
    assert fact.key == approx_label(0) == "a few"
    assert {"approx", "weak"} <= tags_of(fact)


def test_scores_without_of_are_no_quantity() -> None:
    assert extract_numbers("Average test scores rose.", "en") == []
    (fact,) = extract_numbers("Scores of teachers signed the letter.", "en")
    assert fact.key == "tens"


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        # Genitive singular after "more than": a hundred, a thousand, not hundreds.
        ("ru", "Эвакуировали более сотни жителей.", "100"),
        ("ru", "Эвакуировали более тысячи жителей.", "1000"),
    ],
)
def test_russian_singular_hundred_and_thousand_are_figures(lang: str, text: str, key: str) -> None:
    (fact,) = extract_numbers(text, lang)
    assert fact.key == key
    assert "approx" not in tags_of(fact)


DOZENS = {
    "en": "Dozens of families left the village.",
    "ru": "Десятки семей покинули село.",
    "az": "Onlarla ailə kəndi tərk etdi.",
    "tr": "Onlarca aile köyü terk etti.",
}


@pytest.mark.parametrize(
    ("sl", "tl"),
    [("en", "ru"), ("en", "az"), ("en", "tr"), ("ru", "en"), ("az", "en"), ("tr", "en")],
)
def test_dozens_agree_in_every_language(sl: str, tl: str) -> None:
    assert compare_sentences(DOZENS[sl], DOZENS[tl], sl, tl) == []


@pytest.mark.parametrize(
    ("sl", "src", "tl", "tgt", "message"),
    [
        (
            "en",
            "Dozens of families left the village.",
            "en",
            "Hundreds of families left the village.",
            "number Dozens (tens) in source; target has Hundreds (hundreds)",
        ),
        (
            "ru",
            "Десятки семей покинули село.",
            "tr",
            "Yüzlerce aile köyü terk etti.",
            "number Десятки (tens) in source; target has Yüzlerce (hundreds)",
        ),
        (
            "en",
            "Thousands of fans filled the square.",
            "az",
            "On minlərlə azarkeş meydanı doldurdu.",
            "number Thousands (thousands) in source; target has On minlərlə (tens of thousands)",
        ),
    ],
)
def test_a_changed_magnitude_is_a_warning(
    sl: str, src: str, tl: str, tgt: str, message: str
) -> None:
    assert _warnings(src, tgt, sl, tl) == [("warning", message)]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Dozens of families left the village.", "Из села уехали 40 семей."),
        ("Из села уехали 12 семей.", "Dozens of families left the village."),
    ],
)
def test_an_exact_figure_inside_an_approximate_quantity_is_only_noted(src: str, tgt: str) -> None:
    sl, tl = ("en", "ru") if src.startswith("Dozens") else ("ru", "en")
    findings = compare_sentences(src, tgt, sl, tl)
    assert [(f.type, f.severity) for f in findings] == [("number", "info")]
    assert "one approximate, one exact" in findings[0].message


def test_an_exact_figure_outside_the_approximate_range_is_reported_on_its_own() -> None:
    findings = compare_sentences(
        "Dozens of families left the village.", "Из села уехали 400 семей.", "en", "ru"
    )
    assert [(f.severity, f.message) for f in findings] == [
        ("info", "number Dozens (tens) in source has no counterpart in target"),
        ("warning", "number 400 in target has no counterpart in source"),
    ]


def test_an_approximate_quantity_is_not_paired_with_a_stray_number_word() -> None:
    findings = compare_sentences(
        "Thousands of fans came to the square.",
        "На площадь пришли болельщики, разделившись на два лагеря.",
        "en",
        "ru",
    )
    assert [f.severity for f in findings] == ["info", "info"]


def test_approximate_quantities_match_by_magnitude_only() -> None:
    (dozens,) = extract_numbers("Dozens came.", "en")
    (desyatki,) = extract_numbers("Пришли десятки.", "ru")
    (hundreds,) = extract_numbers("Yüzlerce kişi geldi.", "tr")
    (twelve,) = extract_numbers("12 came.", "en")
    assert facts_match(dozens, desyatki)
    assert not facts_match(dozens, hundreds)
    assert not facts_match(dozens, twelve)


# --- Azerbaijani and Turkish 11-19 -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("tr", "On iki kişi geldi.", "12"),
        ("tr", "Toplantı on bir gün sürdü.", "11"),
        ("tr", "Yüz on beş aday var.", "115"),
        ("az", "On iki nəfər gəldi.", "12"),
        ("az", "Görüş on beş dəqiqə çəkdi.", "15"),
    ],
)
def test_turkic_teens_are_one_number(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_numbers(text, lang)] == [key]


@pytest.mark.parametrize(
    ("tl", "tgt"),
    [
        ("tr", "On iki kişi toplantıya geldi."),
        ("az", "On iki nəfər iclasa gəldi."),
    ],
)
def test_turkic_teens_agree_with_their_translation(tl: str, tgt: str) -> None:
    assert compare_sentences("Twelve people came to the meeting.", tgt, "en", tl) == []


@pytest.mark.parametrize(
    ("tl", "tgt", "shown"),
    [
        ("tr", "On bir kişi toplantıya geldi.", "On bir (11)"),
        ("az", "On beş nəfər iclasa gəldi.", "On beş (15)"),
    ],
)
def test_a_wrong_turkic_teen_is_named_with_its_value(tl: str, tgt: str, shown: str) -> None:
    found = _warnings("Twelve people came to the meeting.", tgt, "en", tl)
    assert found == [("warning", f"number Twelve (12) in source; target has {shown}")]


# A count changed next to an ordinal of its old value: "second" is no count, so it must not
# stand in for the "two" the slip took away.
COUNT_SRC = "The referee waved away two penalty claims, one for a foul and one for handball."
COUNT_TGT = {
    "ru": "Судья отклонил {n} требования пенальти: одно за фол, второе за игру рукой.",
    "tr": "Hakem {n} penaltı itirazını reddetti: biri faul, ikincisi el ile oynama içindi.",
}


@pytest.mark.parametrize(("tl", "right", "wrong"), [("ru", "два", "восемь"), ("tr", "iki", "beş")])
def test_an_ordinal_does_not_stand_in_for_a_changed_count(tl: str, right: str, wrong: str) -> None:
    def warnings(n: str) -> list[str]:
        found = compare_sentences(COUNT_SRC, COUNT_TGT[tl].format(n=n), "en", tl)
        return [f.message for f in found if f.type == "number" and f.severity != "info"]

    assert warnings(right) == []
    assert warnings(wrong) == [
        f"number two (2) in source; target has {wrong} ({'8' if tl == 'ru' else '5'})"
    ]


# Inflected number words: "altı" and "yedi" take no ordinary suffix ("altında" is "under",
# "yedi" also "ate"), but the endings after a buffer "y" or "s" make no other word ("altıya",
# to six); Turkish "dört" softens to "dörd-" before a vowel; Russian collective numerals
# after a consonant take "-ых" ("четверых").
@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("az", "Qələbələrin sayını altıya çatdırdılar.", "6"),
        ("tr", "Galibiyet sayısını yediye çıkardılar.", "7"),
        ("tr", "Takım altıyı da kazandı.", "6"),
        ("az", "Namizədlərin altısı qadındır.", "6"),
        ("tr", "Adayların dördü kadındı.", "4"),
        ("tr", "Sayı dörde yükseldi.", "4"),
        ("ru", "Полиция задержала четверых подозреваемых.", "4"),
        ("ru", "Награды вручили пятерым спасателям.", "5"),
    ],
)
def test_inflected_number_words(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_numbers(text, lang)] == [key]


def test_a_count_changed_against_a_buffered_six_is_a_warning() -> None:
    src = "Qələbələrin sayını altıya çatdırdılar."
    assert _warnings(src, "Galibiyet sayısını altıya çıkardılar.", "az", "tr") == []
    assert _warnings(src, "Galibiyet sayısını sekize çıkardılar.", "az", "tr") == [
        ("warning", "number altıya (6) in source; target has sekize (8)")
    ]


def test_a_changed_count_against_an_inflected_collective_numeral_is_a_warning() -> None:
    src = "Police detained four suspects."
    assert _warnings(src, "Полиция задержала четверых подозреваемых.", "en", "ru") == []
    assert _warnings(src, "Полиция задержала пятерых подозреваемых.", "en", "ru") == [
        ("warning", "number four (4) in source; target has пятерых (5)")
    ]


# --- half of a scale word --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "Half a million people fled the floods.", "500000"),
        ("az", "Yarım milyon insan daşqından qaçdı.", "500000"),
        ("tr", "Yarım milyon kişi selden kaçtı.", "500000"),
        ("ru", "Полмиллиона человек бежали от наводнения.", "500000"),
        ("ru", "Полтора миллиона человек бежали от наводнения.", "1500000"),
        ("ru", "Собрали более полутора тысяч подписей.", "1500"),
    ],
)
def test_half_of_a_scale_word(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_numbers(text, lang)] == [key]


def test_half_a_million_is_not_a_million() -> None:
    src = "Half a million people fled the floods."
    assert _warnings(src, "Полмиллиона человек бежали от наводнения.", "en", "ru") == []
    assert _warnings(src, "Bir milyon insan daşqından qaçdı.", "en", "az") == [
        ("warning", "number Half a million (500000) in source; target has Bir milyon (1000000)")
    ]


# --- Roman numerals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tl", "tgt"),
    [
        ("ru", "Церковь была построена в XIX веке."),
        ("az", "Kilsə XIX əsrdə tikilib."),
        ("tr", "Kilise XIX. yüzyılda inşa edildi."),
    ],
)
def test_a_century_in_roman_numerals_agrees(tl: str, tgt: str) -> None:
    src = "The church was built in the 19th century."
    assert _warnings(src, tgt, "en", tl) == []
    changed = tgt.replace("XIX", "XVIII")
    assert _warnings(src, changed, "en", tl) == [
        ("error", "number 19th in source; target has XVIII (18)")
    ]


@pytest.mark.parametrize(
    ("tl", "tgt"),
    [
        ("az", "XX əsrin 90-cı illərində region işğal olunub."),
        ("ru", "В 90-х годах XX века регион был оккупирован."),
    ],
)
def test_a_century_that_dates_a_decade_is_part_of_it(tl: str, tgt: str) -> None:
    assert _warnings("In the 1990s the region was occupied.", tgt, "en", tl) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Queen Elizabeth II opened the bridge.", [("2", True)]),
        ("en", "I think the V-shaped valley is in section IIII.", []),
        ("ru", "Это случилось в V в. до нашей эры.", [("5", False)]),
    ],
)
def test_roman_numerals_outside_centuries_are_weak(
    lang: str, text: str, expected: list[tuple[str, bool]]
) -> None:
    facts = [f for f in extract_numbers(text, lang) if "roman" in f.tags]
    assert [(f.key, "weak" in f.tags) for f in facts] == expected


# --- a scale word with a case ending after a number word ------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("az", "Mitinqdə üç mindən çox insan iştirak edib.", "3000"),
        ("tr", "Mitinge üç binden fazla kişi katıldı.", "3000"),
        ("tr", "Katılımcı sayısı üç bine yaklaştı.", "3000"),
        ("az", "Zərər beş milyondan artıqdır.", "5000000"),
        ("tr", "Plan iki yüzden fazla sayfa.", "200"),
        ("az", "Kəndə iki yüzə yaxın ailə qayıdıb.", "200"),
        ("az", "On iki mindən çox imza toplanıb.", "12000"),
        # "yüz" is also "face": "the two faces of the medal" is two, not two hundred.
        ("tr", "Madalyonun iki yüzü var.", "2"),
    ],
)
def test_turkic_scale_word_with_a_case_ending(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_numbers(text, lang)] == [key]


def test_more_than_three_thousand_is_not_three() -> None:
    src = "More than three thousand people attended the rally."
    assert _warnings(src, "Mitinqdə üç mindən çox insan iştirak edib.", "en", "az") == []
    assert _warnings(src, "Mitinge üç binden fazla kişi katıldı.", "en", "tr") == []
    assert _warnings(src, "Mitinge dört binden fazla kişi katıldı.", "en", "tr") == [
        ("warning", "number three thousand (3000) in source; target has dört binden (4000)")
    ]


# --- "and a half" -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "Two and a half million people voted.", "2500000"),
        ("en", "One and a half thousand people came.", "1500"),
        ("en", "The talks took two and a half years.", "2.5"),
        ("tr", "İki buçuk milyon kişi oy verdi.", "2500000"),
        ("az", "İki yarım milyon nəfər səs verib.", "2500000"),
        ("ru", "Проголосовали два с половиной миллиона человек.", "2500000"),
        # "yarım" alone before a scale word still halves it.
        ("az", "Yarım milyon insan daşqından qaçdı.", "500000"),
    ],
)
def test_and_a_half(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_numbers(text, lang)] == [key]


def test_two_and_a_half_million_is_not_two() -> None:
    src = "Two and a half million people voted."
    assert _warnings(src, "İki buçuk milyon kişi oy verdi.", "en", "tr") == []
    assert _warnings(src, "Проголосовали три с половиной миллиона человек.", "en", "ru") == [
        (
            "warning",
            "number Two and a half million (2500000) in source; target has "
            "три с половиной миллиона (3500000)",
        )
    ]
