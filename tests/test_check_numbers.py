"""Number extraction per language: separators, words, scales, percentages, times."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aligntext.check import extract_numbers
from aligntext.check.number_values import strength, tags_of, values_of
from aligntext.errors import UnsupportedLanguageError


def keys(text: str, lang: str) -> list[str]:
    return [f.key for f in extract_numbers(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Exports rose to 60,000 tonnes.", ["60000"]),
        ("en", "Growth was 3.5 per cent.", ["3.5"]),
        ("az", "İxrac 60.000 tona çatdı.", ["60000"]),
        ("tr", "İhracat 60.000 tona ulaştı.", ["60000"]),
        ("ru", "Экспорт достиг 60 000 тонн.", ["60000"]),
        ("ru", "Рост составил 3,5 процента.", ["3.5"]),
        ("az", "Artım 3,5 faiz oldu.", ["3.5"]),
        ("en", "The budget is 1,234.5 dollars.", ["1234.5"]),
        ("tr", "Bütçe 1.234,5 lira.", ["1234.5"]),
    ],
)
def test_separators(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "It cost 5 million dollars.", ["5000000"]),
        ("en", "It cost $2bn and £50m.", ["2000000000", "50000000"]),
        ("az", "Layihə 1,5 milyard manata başa gəldi.", ["1500000000"]),
        ("ru", "Проект стоил 60 тыс. рублей и 3 млн долларов.", ["60000", "3000000"]),
        ("ru", "Проект стоил 2 миллиарда рублей.", ["2000000000"]),
        ("tr", "Proje 2 milyar liraya mal oldu.", ["2000000000"]),
        ("tr", "Toplam 25 bin kişi katıldı.", ["25000"]),
    ],
)
def test_scale_words(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "They signed twenty-five contracts.", "25"),
        ("en", "Three hundred and five delegates came.", "305"),
        ("az", "İyirmi beş müqavilə imzalandı.", "25"),
        ("tr", "Yirmi beş sözleşme imzalandı.", "25"),
        ("ru", "Подписано двадцать пять договоров.", "25"),
        ("ru", "Делегации двух стран встретились.", "2"),
        ("ru", "Он встретился с тремя министрами.", "3"),
        ("ru", "Двое из них уехали.", "2"),
        ("ru", "После двухлетнего перерыва.", "2"),
        ("az", "İki min nəfər gəldi.", "2000"),
        ("ru", "Пришли две тысячи человек.", "2000"),
        ("en", "a five-day visit", "5"),
        # A genitive, a possessive with a case ending, a plural person, a time of day.
        ("tr", "Yaralılardan beşinin durumu ağır.", "5"),
        ("tr", "Yaralılardan ikisinin durumu ağır.", "2"),
        ("az", "Yaralılardan üçünün vəziyyəti ağırdır.", "3"),
        ("az", "Komissiya dördünün də adını açıqlamayıb.", "4"),
        ("tr", "Komisyon üyelerden ikisini dün dinledi.", "2"),
        ("tr", "İkimiz de oradaydık.", "2"),
        ("tr", "Altısının adı açıklanmadı.", "6"),
        ("tr", "Toplantı saat yedide başladı.", "7"),
        ("tr", "Toplantı saat altıda başladı.", "6"),
        ("az", "İclas saat altıda başladı.", "6"),
    ],
)
def test_number_words(lang: str, text: str, value: str) -> None:
    assert keys(text, lang) == [value]


@pytest.mark.parametrize(
    ("lang", "text", "tag"),
    [
        ("en", "Unemployment fell to 20%.", "percent"),
        ("ru", "Безработица снизилась до 20 %.", "percent"),
        ("tr", "İşsizlik %20 seviyesine düştü.", "percent"),
        ("tr", "İşsizlik yüzde 20 oldu.", "percent"),
        ("en", "She came 2nd.", "ordinal"),
        ("az", "O, 2-ci yeri tutdu.", "ordinal"),
        ("ru", "Он занял 2-й этаж.", "ordinal"),
        ("az", "1993-cü ildə baş verdi.", "year"),
        ("tr", "1993'te oldu.", "year"),
        ("ru", "Это было в 1993 году.", "year"),
    ],
)
def test_tags(lang: str, text: str, tag: str) -> None:
    facts = extract_numbers(text, lang)
    assert len(facts) == 1
    assert tag in tags_of(facts[0])


def test_range_gives_both_ends() -> None:
    facts = extract_numbers("The programme ran in 2002-2008.", "en")
    assert [f.key for f in facts] == ["2002", "2008"]
    assert all("range" in tags_of(f) for f in facts)


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "The meeting starts at 1 pm.", "13:00"),
        ("ru", "Встреча начнется в 13:00.", "13:00"),
        ("az", "Görüş saat 13.00-da başlayacaq.", "13:00"),
    ],
)
def test_times(lang: str, text: str, key: str) -> None:
    assert keys(text, lang) == [key]


def test_ambiguous_numeral_keeps_both_readings() -> None:
    (fact,) = extract_numbers("The figure was 60.000 exactly.", "en")
    assert [int(v) for v in values_of(fact)] == [60, 60000]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "It is one of the best."),
        ("az", "Bu, bir nümunədir."),
        ("tr", "Her iki taraf anlaştı."),
        ("en", "It was the first visit."),
        ("ru", "Обе стороны согласились."),
    ],
)
def test_weak_words(lang: str, text: str) -> None:
    facts = extract_numbers(text, lang)
    assert facts and all(strength(f) == "weak" for f in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Onu dün gördüm."),  # "onu" is "him", not ten
        ("tr", "Masanın altında duruyor."),  # "altında" is "under"
        ("tr", "Yüz yüze görüştüler."),  # face to face
        ("az", "Bu layihə üçün vəsait ayrılıb."),  # "üçün" is "for", not of three
        ("tr", "Onun adı açıklanmadı."),  # "onun" is "his"
        ("tr", "Altının fiyatı yükseldi."),  # "altının" is "of the gold"
    ],
)
def test_no_false_number_words(lang: str, text: str) -> None:
    assert extract_numbers(text, lang) == []


def test_unknown_language() -> None:
    with pytest.raises(UnsupportedLanguageError, match="unknown language 'xx'"):
        extract_numbers("5", "xx")


@pytest.mark.parametrize(
    ("lang", "text", "key", "tag"),
    [
        ("en", "The board meets twice a year.", "2", "times"),
        ("ru", "Совет собирается дважды в год.", "2", "times"),
        ("ru", "Число членов утроилось.", "3", "times"),
        ("en", "Sales more than doubled.", "2", "times"),
        ("en", "The billionaire founder spoke.", "1000000000", "implied"),
        ("ru", "Миллионер купил клуб.", "1000000", "implied"),
        ("ru", "Переговоры шли сутки.", "24", "implied"),
        ("ru", "Работа заняла полгода.", "6", "implied"),
    ],
)
def test_words_that_hold_a_count(lang: str, text: str, key: str, tag: str) -> None:
    (fact,) = extract_numbers(text, lang)
    assert fact.key == key
    assert tag in tags_of(fact)
    assert strength(fact) == "soft"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "It lasted two decades."), ("ru", "Это длилось два десятилетия.")],
)
def test_decades_count_twenty_and_two(lang: str, text: str) -> None:
    (fact,) = extract_numbers(text, lang)
    assert [int(v) for v in values_of(fact)] == [20, 2]


@pytest.mark.parametrize(
    ("lang", "text", "both"),
    [("en", "Both sides agreed.", True), ("az", "Hər iki tərəf razılaşdı.", True)],
)
def test_both_is_weak_and_tagged(lang: str, text: str, both: bool) -> None:
    (fact,) = extract_numbers(text, lang)
    assert ("both" in tags_of(fact)) is both
    assert strength(fact) == "weak"


def test_russian_one_oclock_in_words() -> None:
    assert keys("Полицию вызвали в час ночи.", "ru") == ["01:00"]
    assert keys("Встреча началась в час дня.", "ru") == ["13:00"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A numeral in the locative before "bir" is a fraction (a third, a quarter), no count.
        ("tr", "İhracat üçte bir artarak 4,2 milyar dolara ulaştı.", ["4200000000"]),
        ("az", "İxrac dörddə bir artaraq 4,2 milyard dollara çatıb.", ["4200000000"]),
        ("tr", "Nüfusun onda biri kırsalda yaşıyor.", []),
        # The same numeral as a time of day is still read.
        ("tr", "Toplantı saat üçte başladı.", ["3"]),
    ],
)
def test_turkic_fractions_are_no_counts(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected


def test_a_figure_changed_beside_a_fraction_is_an_error() -> None:
    from aligntext.check import compare_sentences

    found = compare_sentences(
        "Exports rose by a third, to 2.4 billion dollars.",
        "İhracat üçte bir artarak 4,2 milyar dolara ulaştı.",
        "en",
        "tr",
    )
    assert [(f.type, f.severity) for f in found] == [("number", "error")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Nouns that start like a scale word but break vowel harmony: no thousands.
        ("tr", "Depremde 5 bina yıkıldı.", ["5"]),
        ("az", "Kəlbəcərdə 35 mina tapıldı.", ["35"]),
        # The scale words with their own case endings still are.
        ("tr", "Sayı 5 bine yaklaştı.", ["5000"]),
        ("az", "Sayı 35 minə çatıb.", ["35000"]),
        ("tr", "Nüfus 2 milyona ulaştı.", ["2000000"]),
    ],
)
def test_turkic_scale_words_keep_vowel_harmony(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        # The language's group mark before three digits is thousands, never a decimal mark.
        ("The depot stores 1,500 tonnes of salt.", "В хранилище 1,5 тонны соли.", "en", "ru"),
        ("The firm laid off 2,400 workers.", "Фирма уволила 2,4 работника.", "en", "ru"),
        ("The depot stores 1,500 tonnes of salt.", "Depoda 1,5 ton tuz var.", "en", "tr"),
        ("The depot stores 1.5 tonnes of salt.", "Depoda 1.500 ton tuz var.", "en", "tr"),
        ("The depot stores 1.5 tonnes of salt.", "Anbarda 1.500 ton duz var.", "en", "az"),
    ],
)
def test_a_thousandfold_slip_is_an_error(src: str, tgt: str, src_lang: str, tgt_lang: str) -> None:
    from aligntext.check import compare_sentences

    found = compare_sentences(src, tgt, src_lang, tgt_lang)
    assert [(f.type, f.severity) for f in found] == [("number", "error")]


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("en", "It weighs 1,500 kg.", [1500]),
        ("tr", "1.500 kilo geliyor.", [1500]),
        ("az", "1.500 kiloqram gəlir.", [1500]),
        # The language's decimal mark before three digits may be a copied grouping: both.
        ("ru", "Вес 1,500 кг.", [Decimal("1.5"), 1500]),
        ("tr", "1,500 kilo geliyor.", [Decimal("1.5"), 1500]),
    ],
)
def test_group_mark_gives_one_reading(lang: str, text: str, values: list[object]) -> None:
    (fact,) = extract_numbers(text, lang)
    assert values_of(fact) == values


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Exports reached 60,000 tonnes.", "İxrac 60.000 tona çatdı."),
        ("Exports reached 60,000 tonnes.", "İxrac 60 000 tona çatdı."),
        ("Exports reached 60.000 tonnes.", "İxrac 60 000 tona çatdı."),
    ],
)
def test_thousands_in_any_grouping_agree(src: str, tgt: str) -> None:
    from aligntext.check import compare_sentences

    assert compare_sentences(src, tgt, "en", "az") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A figure with a smaller scale word right after one with a larger: one number.
        ("az", "Tikintiyə 2 milyon 300 min manat xərclənib.", ["2300000"]),
        ("tr", "Tikintiye 2 milyon 300 bin lira harcandı.", ["2300000"]),
        ("ru", "На стройку ушло 2 млн 300 тыс. рублей.", ["2300000"]),
        ("tr", "Şirket 4 milyar 250 milyon dolar kazandı.", ["4250000000"]),
        # Not when the second does not fit below the first, or something lies between.
        ("tr", "Önce 2 milyon, sonra 300 bin kişi geldi.", ["2000000", "300000"]),
        ("tr", "Sayı 2 milyon 3000 bin oldu.", ["2000000", "3000000"]),
    ],
)
def test_figures_with_two_scale_words(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang"),
    [
        ("It cost 2.3 million manats.", "Tikintiyə 2 milyon 300 min manat xərclənib.", "az"),
        ("Building it cost 2.3 million roubles.", "На стройку ушло 2 млн 300 тыс. рублей.", "ru"),
        ("The firm earned 4.25 billion dollars.", "Şirket 4 milyar 250 milyon dolar aldı.", "tr"),
    ],
)
def test_a_figure_split_over_two_scale_words_agrees(src: str, tgt: str, tgt_lang: str) -> None:
    from aligntext.check import compare_sentences

    assert compare_sentences(src, tgt, "en", tgt_lang) == []


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        # One unit and a half, a time of day in words, a Turkic fraction's numerator.
        ("The hearing lasted an hour and a half.", "Слушание длилось 1,5 часа.", "en", "ru"),
        ("The repairs took a month and a half.", "Onarım 1,5 ay sürdü.", "en", "tr"),
        ("Слушание длилось полтора часа.", "Duruşma bir buçuk saat sürdü.", "ru", "tr"),
        ("Полторы недели ушло на ремонт.", "Onarım 1,5 hafta sürdü.", "ru", "tr"),
        ("The polls close at noon.", "Участки закроются в 12:00.", "en", "ru"),
        ("The polls close at midnight.", "Участки закроются в 00:00.", "en", "ru"),
        ("Участки закроются в полночь.", "Sandıklar gece yarısı kapanacak.", "ru", "tr"),
        ("Three-quarters of members agreed.", "Üyelerin dörtte üçü kabul etti.", "en", "tr"),
        ("Two-thirds of members agreed.", "Üzvlərin üçdə ikisi razılaşdı.", "en", "az"),
    ],
)
def test_numbers_said_as_phrases_agree(src: str, tgt: str, src_lang: str, tgt_lang: str) -> None:
    from aligntext.check import compare_sentences

    assert compare_sentences(src, tgt, src_lang, tgt_lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The hearing lasted an hour and a half.", ["1.5"]),
        ("ru", "Слушание длилось полтора часа.", ["1.5"]),
        ("en", "The polls close at noon.", ["12:00"]),
        ("en", "Polls stay open all afternoon.", []),
        ("ru", "Участки закроются после полуночи.", ["00:00"]),
        ("tr", "Üyelerin dörtte üçü kabul etti.", ["3"]),
        # After "saat" the locative is a time of day, and the next numeral a count.
        ("tr", "Saat üçte iki kişi geldi.", ["3", "2"]),
    ],
)
def test_phrases_read_as_numbers(lang: str, text: str, expected: list[str]) -> None:
    assert keys(text, lang) == expected
