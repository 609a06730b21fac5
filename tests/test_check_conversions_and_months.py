"""Figures in other units, scale adjectives, decades, months alone, times and lost date parts.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_dates, extract_facts, extract_numbers


def _flags(src: str, tgt: str, a: str, b: str) -> list[str]:
    return [f.message for f in compare_sentences(src, tgt, a, b) if f.severity != "info"]


def _numbers(text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.key, f.text) for f in extract_facts(text, lang) if f.kind == "number"]


@pytest.mark.parametrize(
    ("src", "a", "tgt", "b"),
    [
        # Yards against metres (30 yards are 27.4 m).
        ("He shot from 30 yards out.", "en", "Он пробил примерно с 27 метров.", "ru"),
        # A Turkish range joined by "ila"; 3 inches are 7.62 cm, written "8".
        ("Ожидается от 5 до 8 см осадков.", "ru", "Saatte 2 ila 3 inç yağış bekleniyor.", "tr"),
        # A Turkish range opened by an ablative ("1'den 4 inçe": from 1 to 4 inches).
        ("Выпадет от 2,5 до 10 см осадков.", "ru", "1'den 4 inçe kadar yağış düşecek.", "tr"),
        # Feet written the Turkish way.
        ("Волны достигали 6 метров.", "ru", "Dalgalar 20 fit yüksekliğe ulaştı.", "tr"),
        # Fahrenheit named in Turkish, against Celsius degrees.
        ("В среду будет до 27 градусов.", "ru", "Çarşamba günü hava 80 fahrenhayta çıkacak.", "tr"),
        # A degree sign with its scale, and the Celsius figure the version adds itself.
        ("Highs near 80 degrees are likely.", "en", "Hava 80°F (26.7°C) olacaq.", "az"),
    ],
)
def test_a_figure_in_another_unit_is_no_mismatch(src: str, a: str, tgt: str, b: str) -> None:
    assert _flags(src, tgt, a, b) == []


@pytest.mark.parametrize(
    ("src", "a", "tgt", "b"),
    [
        # The figure copied, the unit changed: 3 inches are not 3 cm.
        ("Up to 3 inches of rain fell.", "en", "Выпало до 3 см осадков.", "ru"),
        # Rounded to the finer precision: 1 inch is 2.54 cm, never "2.9 cm".
        ("Up to 1 inch of rain fell.", "en", "Выпало до 2,9 см осадков.", "ru"),
        ("Ожидается от 5 до 9 см осадков.", "ru", "Saatte 2 ila 3 inç yağış bekleniyor.", "tr"),
    ],
)
def test_a_wrong_figure_in_another_unit_is_flagged(src: str, a: str, tgt: str, b: str) -> None:
    assert _flags(src, tgt, a, b)


def test_the_same_figure_in_two_units_names_the_units() -> None:
    (message,) = _flags("Up to 3 inches of rain fell.", "Выпало до 3 см осадков.", "en", "ru")
    assert message == "number 3 (inch) in source; target has 3 (cm)"


def test_two_figures_that_only_convert_each_other_still_need_a_counterpart() -> None:
    src = "The town lies 45 miles (72 kilometres) from the border."
    # Either figure alone is enough ...
    assert _flags(src, "Город находится в 72 км от границы.", "en", "ru") == []
    # ... but with neither, the distance is gone.
    assert _flags(src, "Город находится недалеко от границы.", "en", "ru")


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        ("Полиция не пропустила 25-тысячную толпу.", "ru", "25000"),
        ("Город стал 3-миллионным.", "ru", "3000000"),
        ("£2.8 milyardlıq bazar böyüyür.", "az", "2800000000"),
        ("2,8 milyarlık pazar büyüyor.", "tr", "2800000000"),
        ("10 binlik kalabalık toplandı.", "tr", "10000"),
    ],
)
def test_a_scale_adjective_multiplies_its_figure(text: str, lang: str, key: str) -> None:
    assert [k for k, _ in _numbers(text, lang)] == [key]


def test_a_scale_adjective_matches_the_scale_word() -> None:
    src = "The £2.8bn market keeps growing."
    assert _flags(src, "£2.8 milyardlıq bazar böyüməkdə davam edir.", "en", "az") == []


def test_decades_are_tens_of_years_and_a_decade_is_ten() -> None:
    assert _numbers("He denied it decades ago.", "en") == [("tens", "decades")]
    assert _numbers("It was finished a decade later.", "en") == [("10", "decade")]
    # A count of decades is one number, the decade word read with it.
    assert _numbers("It took two decades.", "en") == [("20", "two")]
    assert _numbers("Это заняло два десятилетия.", "ru") == [("20", "два")]
    assert (
        _flags("He denied it decades ago.", "Он отрицал это более 30 лет назад.", "en", "ru") == []
    )
    assert (
        _flags("It was finished a decade later.", "Его закончили на 10 лет позже.", "en", "ru")
        == []
    )
    assert _flags("It was finished a decade later.", "Его закончили на 20 лет позже.", "en", "ru")


@pytest.mark.parametrize(
    ("text", "lang", "month"),
    [
        # An English month opening a sentence is the month; "May" and "March" still need a
        # word before them.
        ("October brings cold nights to the valley.", "en", "10"),
        ("May we begin the meeting now?", "en", None),
        # Turkish writes a month alone in lower case, or capitalised opening a sentence.
        ("Liderler haziran zirvesinde buluştu.", "tr", "06"),
        ("Temmuzda festival yeniden açıldı.", "tr", "07"),
        # Unless it is also a common word ("ocak", hearth; "aralık", interval).
        ("Ocak başında çay demlendi.", "tr", None),
        ("İki direk arasında geniş bir aralık var.", "tr", None),
    ],
)
def test_a_month_alone(text: str, lang: str, month: str | None) -> None:
    dates = extract_dates(text, lang)
    assert [d.key.split("-")[1] for d in dates] == ([month] if month else [])


def test_a_month_opening_an_english_sentence_meets_its_translation() -> None:
    src = "October brings cold nights to the valley."
    assert _flags(src, "В октябре в долине холодные ночи.", "en", "ru") == []


def test_the_article_bir_states_no_day() -> None:
    src = "A year after the vote on 1 October, the region is calm."
    # "bir il sonra" (a year later) holds the article "bir", no day of the month.
    flags = _flags(src, "Oktyabrda keçirilən səsvermədən bir il sonra bölgə sakitdir.", "en", "az")
    assert any("no day" in m for m in flags)


def test_a_changed_minute_is_no_rounding() -> None:
    (finding,) = compare_sentences(
        "The crash happened at about 10:15.", "Qəza təxminən 10:25-də baş verib.", "en", "az"
    )
    assert finding.severity == "error"
    assert "rounds" not in finding.message


@pytest.mark.parametrize(
    ("tgt", "tl"),
    [
        ("Соглашение о прекращении огня подписали в 1990 году.", "ru"),
        ("Atəşkəs 1990-cı ildə imzalanıb.", "az"),
        ("Ateşkes 1990 yılında imzalandı.", "tr"),
    ],
)
def test_a_changed_year_is_no_rounding(tgt: str, tl: str) -> None:
    (finding,) = compare_sentences("The ceasefire was signed in 1994.", tgt, "en", tl)
    assert finding.severity == "error"
    assert "rounds" not in finding.message


def test_a_figure_given_to_the_same_decimal_is_no_rounding() -> None:
    (finding,) = compare_sentences(
        "The deficit was 2.1 percent.", "Дефицит составил 2,0 процента.", "en", "ru"
    )
    assert finding.severity == "error"
    (finding,) = compare_sentences(
        "The deficit was 2.14 percent.", "Дефицит составил 2,1 процента.", "en", "ru"
    )
    assert (finding.severity, "rounds" in finding.message) == ("info", True)


@pytest.mark.parametrize(
    ("tgt", "tl"),
    [
        ("В городе было 32 градуса по Цельсию.", "ru"),
        ("Şəhərdə hava 32 dərəcə Selsi idi.", "az"),
        ("Şehirde hava 32 santigrat dereceydi.", "tr"),
    ],
)
def test_fahrenheit_against_celsius_is_a_conversion(tgt: str, tl: str) -> None:
    src = "It was 90 degrees Fahrenheit in the city."
    assert _flags(src, tgt, "en", tl) == []
    changed = tgt.replace("32", "40")
    assert [m for m in _flags(src, changed, "en", tl) if m.startswith("number 90")]


def test_a_changed_ordinal_is_no_rounding() -> None:
    (finding,) = compare_sentences(
        "The 21st session opened in Baku.",
        "Komissiyanın 20-ci sessiyası Bakıda açılıb.",
        "en",
        "az",
    )
    assert (finding.severity, "rounds" in finding.message) == ("error", False)


def test_a_count_near_a_year_is_still_rounded() -> None:
    (finding,) = compare_sentences(
        "About 1,994 people came.", "Пришли около 2000 человек.", "en", "ru"
    )
    assert finding.severity == "info"
    assert "rounds it to 2000" in finding.message


def test_dates_read_the_numbers_given_to_them() -> None:
    text = "The talks opened on 6 April 1993 in Baku."
    numbers = extract_numbers(text, "en")
    assert extract_dates(text, "en", numbers) == extract_dates(text, "en")


def test_the_article_bir_is_no_hour() -> None:
    src = "No incidents were reported by 1 p.m."
    assert _flags(src, "Saat 13:00-a qədər heç bir hadisə qeydə alınmayıb.", "en", "az") == []
    # With the time gone, "heç bir" (not a single) does not stand in for it.
    assert _flags(src, "Saat qədər heç bir hadisə qeydə alınmayıb.", "en", "az")
