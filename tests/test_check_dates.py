"""Date extraction: inflected month names with day and year, numeric dates."""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_dates, format_date


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("en", "It happened on 6 April 1993.", "1993-04-06"),
        ("en", "It happened on April 6, 1993.", "1993-04-06"),
        ("en", "It happened in May 2019.", "2019-05-?"),
        ("az", "Bu, 1993-cü ilin 30 aprel tarixində oldu.", "1993-04-30"),
        ("az", "Bu, aprelin 2-də oldu.", "?-04-02"),
        ("az", "Görüş apreldə keçiriləcək.", "?-04-?"),
        ("ru", "Это случилось 6 апреля 1993 года.", "1993-04-06"),
        ("ru", "Встреча пройдет в апреле.", "?-04-?"),
        ("ru", "Выборы пройдут в мае 2019 г.", "2019-05-?"),
        ("tr", "Bu, 6 Nisan 1993'te oldu.", "1993-04-06"),
        ("tr", "Toplantı Nisan'da yapılacak.", "?-04-?"),
        ("tr", "Saldırı 12 Temmuz'da oldu.", "?-07-12"),
        ("tr", "2019 yılının Mayıs ayında açıklandı.", "2019-05-?"),
        ("ru", "Документ от 12.07.2020 подписан.", "2020-07-12"),
    ],
)
def test_dates(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_dates(text, lang)] == [key]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "You may go now."),  # the verb
        ("en", "May I ask a question?"),
        ("tr", "Ocak başında oturduk."),  # "ocak" is also a hearth
        ("az", "Yan-yana dayandılar."),  # "yan" is no abbreviation of January here
        ("az", "Mayki Herti gəldi."),  # a name
    ],
)
def test_no_false_dates(lang: str, text: str) -> None:
    assert extract_dates(text, lang) == []


def test_day_range_and_format() -> None:
    (fact,) = extract_dates("The talks run 6-7 April.", "en")
    assert fact.detail == "days=6+7"
    assert format_date(fact) == "6-7 April"


# Two days of one month joined in words: a range or a list, in every language's way.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The fair runs from 5 to 7 May."),
        ("en", "The fair runs on May 5 and 7."),
        ("ru", "Ярмарка пройдёт с 5 по 7 мая."),
        ("ru", "Ярмарка пройдёт 5 и 7 мая."),
        ("az", "Sərgi mayın 5-dən 7-dək keçiriləcək."),
        ("az", "Sərgi mayın 5-i və 7-si keçiriləcək."),
        ("tr", "Fuar 5 ve 7 Mayıs tarihlerinde yapılacak."),
    ],
)
def test_days_joined_in_words(lang: str, text: str) -> None:
    (fact,) = extract_dates(text, lang)
    assert fact.days == (5, 7)
    assert format_date(fact) == "5-7 May"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("az", "Mayın 5-də 7 nəfər gəldi."),  # seven people on the 5th, no range
        ("az", "Sentyabrın 29-u 2018-ci ildə açıldı."),  # a day and its year
        ("en", "On 5 May 7 trains were cancelled."),
    ],
)
def test_a_day_and_a_number_after_it_are_no_range(lang: str, text: str) -> None:
    (fact,) = extract_dates(text, lang)
    assert len(fact.days) <= 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Матч пройдет 2 окт. в Оите.", "?-10-02"),
        ("Документ подписан 14 сент. 2020 г.", "2020-09-14"),
    ],
)
def test_russian_abbreviated_months_after_a_day(text: str, key: str) -> None:
    assert [f.key for f in extract_dates(text, "ru")] == [key]


def test_russian_abbreviation_alone_is_no_month() -> None:
    assert extract_dates("Он сказал: окт. и мар. не месяцы здесь.", "ru") == []


def _date_flags(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    return [
        (f.severity, f.message)
        for f in compare_sentences(src, tgt, sl, tl)
        if f.type == "date" and f.severity != "info"
    ]


def test_a_range_of_days_is_compared_whole() -> None:
    src = "The fair runs from 5 to 7 May."
    assert _date_flags(src, "Sərgi mayın 5-dən 7-dək keçiriləcək.", "en", "az") == []
    assert _date_flags(src, "Ярмарка пройдёт с 5 по 7 мая.", "en", "ru") == []
    assert _date_flags(src, "Ярмарка пройдёт с 5 по 8 мая.", "en", "ru") == [
        ("error", "date 5-7 May in source; target has 5-8 May")
    ]
    assert _date_flags(src, "Sərgi mayın 7-dək keçiriləcək.", "en", "az") == [
        ("warning", "date 5-7 May in source; target has 7 May (no day)")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("ru", "Соглашение подписали шестого апреля.", "?-04-06"),
        ("ru", "Выборы пройдут двадцать первого мая 2028 года.", "2028-05-21"),
        ("en", "It was signed on the sixth of April.", "?-04-06"),
        ("en", "It was signed on April sixth.", "?-04-06"),
        ("en", "It was signed on the twenty-first of May 2028.", "2028-05-21"),
    ],
)
def test_days_in_ordinal_words(lang: str, text: str, key: str) -> None:
    assert [f.key for f in extract_dates(text, lang)] == [key]


def test_a_day_in_words_meets_the_day_in_digits() -> None:
    assert (
        _date_flags(
            "Соглашение подписали шестого апреля.", "Saziş aprelin 6-sı imzalanıb.", "ru", "az"
        )
        == []
    )
    assert _date_flags(
        "Соглашение подписали седьмого апреля.", "Saziş aprelin 6-sı imzalanıb.", "ru", "az"
    ) == [("error", "date 7 April in source; target has 6 April")]


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        # Capitals with a plain I for İ, as tools that are not Turkish-aware write them.
        ("tr", "ANKARA, 12 EKIM 2024", "2024-10-12"),
        ("az", "BAKI, 12 IYUN 2024", "2024-06-12"),
        ("az", "IYULDA toplandılar.", "?-07-?"),
    ],
)
def test_all_capital_turkic_months_with_a_plain_i(lang: str, text: str, key: str) -> None:
    from aligntext.check import extract_facts

    assert [f.key for f in extract_facts(text, lang) if f.kind == "date"] == [key]
