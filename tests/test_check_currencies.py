"""A figure stated in one currency in one version and another in the other.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from finding_helpers import flags as _flags


@pytest.mark.parametrize(
    ("src", "tgt", "a", "b", "said"),
    [
        # A sign against a word, past the scale word on both sides.
        (
            "The bank lent $5 million to the city.",
            "Банк выдал городу 5 млн евро.",
            "en",
            "ru",
            "евро",
        ),
        # Two Turkic words with their suffixes.
        (
            "Bank şəhərə 5 milyon dollar verdi.",
            "Banka şehre 5 milyon avroya kredi verdi.",
            "az",
            "tr",
            "avroya",
        ),
        # A word against a declined Russian word.
        ("Bilet 100 manat idi.", "Билет стоил 100 долларов.", "az", "ru", "долларов"),
        # A code before the figure, a word with its country between after it.
        ("The grant is EUR 20,000.", "Qrant 20 min ABŞ dollarıdır.", "en", "az", "dollarıdır"),
        # Turkish "TL" with its suffix against pounds sterling.
        ("Ceza 300 TL'dir.", "The fine is 300 pounds.", "tr", "en", "pounds"),
        # A sign after the figure against a word.
        ("Стоимость составила 40 ₽.", "The cost was 40 dollars.", "ru", "en", "dollars"),
    ],
)
def test_another_currency_on_a_matched_figure_is_an_error(
    src: str, tgt: str, a: str, b: str, said: str
) -> None:
    flags = _flags(src, tgt, a, b)
    assert len(flags) == 1, flags
    severity, message = flags[0]
    assert severity == "error"
    assert said in message and "in source; target has" in message


def test_a_number_word_in_another_currency_is_a_warning() -> None:
    flags = _flags("They paid five dollars.", "Они заплатили пять евро.", "en", "ru")
    assert [s for s, _ in flags] == ["warning"]


@pytest.mark.parametrize(
    ("src", "tgt", "a", "b"),
    [
        # The same currency, sign against word, declined, or with the country named.
        (
            "The bank lent $5 million to the city.",
            "Банк выдал городу 5 млн долларов США.",
            "en",
            "ru",
        ),
        ("The fee is £100.", "Плата — 100 фунтов стерлингов.", "en", "ru"),
        ("It costs 5 million US dollars.", "Bu, 5 milyon ABŞ dolları dəyərindədir.", "en", "az"),
        ("Ceza 300 TL'dir.", "Cərimə 300 lirədir.", "tr", "az"),
        # A currency on one side only: translations often leave it out.
        ("The bank lent $5 million to the city.", "Банк выдал городу 5 млн.", "en", "ru"),
        ("Şirkət 5 milyon manat qazandı.", "Şirket 5 milyon kazandı.", "az", "tr"),
        # Two figures of one value, their currencies in the other order.
        ("It costs $5 or €5.", "Это стоит 5 евро или 5 долларов.", "en", "ru"),
        # A word after the figure that only starts like a currency: Europe, not the euro.
        ("He visited 5 European countries.", "O, 5 Avropa ölkəsinə səfər edib.", "en", "az"),
        # A currency before a year is no currency of the year.
        ("The euro fell in 2020.", "Евро упал в 2020 году.", "en", "ru"),
    ],
)
def test_the_same_currency_or_one_stated_once_is_no_finding(
    src: str, tgt: str, a: str, b: str
) -> None:
    assert _flags(src, tgt, a, b) == []


def test_a_changed_figure_in_another_currency_names_both() -> None:
    flags = _flags("The plan costs £26 billion.", "Plan 26 milyon dolara mal olur.", "en", "tr")
    assert flags == [
        (
            "error",
            "number 26 billion (26000000000) (pounds) in source; "
            "target has 26 milyon (26000000) (dollars)",
        )
    ]


def test_a_price_read_as_a_time_of_day_keeps_its_currency() -> None:
    # Turkish "18.40" is also 18:40; followed by a currency it is a price all the same.
    flags = _flags("The share closed at $18.40.", "Hisse 18.40 avrodan kapandı.", "en", "tr")
    assert [s for s, _ in flags] == ["error"]
