"""Figures converted between units across versions, figures with a scale word, month endings.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences, extract_facts


def _flags(src: str, tgt: str, a: str, b: str) -> list[str]:
    return [f.message for f in compare_sentences(src, tgt, a, b) if f.severity != "info"]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # A range with its unit after the second figure, converted to centimetres.
        ("The storm brought 2 to 4 inches of rain.", "Шторм принёс от 5 до 10 см осадков."),
        # A unit glued to the figure with a hyphen.
        (
            "A 650 pound bear was seen near the farm.",
            "Возле фермы видели 300-килограммового медведя.",
        ),
        # Degrees Fahrenheit against degrees Celsius, neither scale named.
        ("It could reach 80 degrees on Monday.", "В понедельник может быть до 27 градусов."),
        # Miles per hour against kilometres an hour.
        ("Winds reached 85 mph near the coast.", "У побережья ветер достигал 137 км/ч."),
    ],
)
def test_a_figure_converted_to_another_unit_is_no_mismatch(src: str, tgt: str) -> None:
    assert _flags(src, tgt, "en", "ru") == []


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("The storm brought 2 to 4 inches of rain.", "Шторм принёс от 9 до 10 см осадков."),
        ("It could reach 80 degrees on Monday.", "В понедельник может быть до 37 градусов."),
        ("The ship is 200 miles off the coast.", "Судно находится в 520 км от побережья."),
    ],
)
def test_a_wrong_conversion_is_still_flagged(src: str, tgt: str) -> None:
    assert _flags(src, tgt, "en", "ru")


def test_a_scale_word_after_a_dotted_figure_rules_out_a_time() -> None:
    (fact,) = [f for f in extract_facts("Şou 3.26 milyon izləyici topladı.", "az")]
    assert fact.key == "3260000"
    assert (
        _flags(
            "The show had 3.26 million viewers.", "Şou 3.26 milyon izləyici topladı.", "en", "az"
        )
        == []
    )
    # Without a scale word it stays a time of day.
    (time,) = extract_facts("Qatar saat 3.26-da gəldi.", "az")
    assert "time" in time.tags


def test_a_name_breaking_vowel_harmony_is_no_month() -> None:
    # "Martin" is no "Mart" with an ending: March takes "-ın" ("Martın").
    dates = [
        f for f in extract_facts("Müqəddəs Martin kilsəsi bağlandı.", "az") if f.kind == "date"
    ]
    assert dates == []
    (march,) = [f for f in extract_facts("Martın 5-də sərgi açıldı.", "az") if f.kind == "date"]
    assert march.key.endswith("-03-05")
    assert (
        _flags("The St. Martin church was closed.", "Müqəddəs Martin kilsəsi bağlandı.", "en", "az")
        == []
    )


def test_a_capitalised_turkish_month_takes_its_ending() -> None:
    (june,) = [
        f
        for f in extract_facts("Bakan Haziranda Ankara'yı ziyaret etti.", "tr")
        if f.kind == "date"
    ]
    assert june.key == "?-06-?"
    assert (
        _flags(
            "The minister visited Ankara in June.",
            "Bakan Haziranda Ankara'yı ziyaret etti.",
            "en",
            "tr",
        )
        == []
    )
