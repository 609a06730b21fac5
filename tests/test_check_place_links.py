"""City exonyms (CLDR exemplar cities, GeoNames): a city each language names its own way is
found across a pair; a city swapped for another place stays a finding."""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences
from aligntext.check.place_links import place_links

# Sentences written for the project: each pair names the same city, in the form the target
# language gives it, which no transcription reaches.
SAME_CITY = [
    (
        "en",
        "ru",
        "The minister flew to Cologne on Tuesday to open the new consulate.",
        "Во вторник министр прилетел в Кельн, чтобы открыть новое консульство.",
    ),
    (
        "az",
        "tr",
        "Nazir çərşənbə axşamı Skopyedə yeni konsulluğu açıb.",
        "Bakan salı günü Üsküp'te yeni konsolosluğu açtı.",
    ),
    (
        "en",
        "tr",
        "The talks in Vienna ended without an agreement.",
        "Görüşmeler Viyana'da anlaşma olmadan sona erdi.",
    ),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), SAME_CITY)
def test_a_city_named_the_target_languages_way_is_found(
    sl: str, tl: str, src: str, tgt: str
) -> None:
    assert place_links(sl, tl).links(src, tgt), "the city's two names are not linked"
    assert [f for f in compare_sentences(src, tgt, sl, tl) if f.type == "entity"] == []


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), SAME_CITY)
def test_a_city_swapped_for_another_stays_a_finding(sl: str, tl: str, src: str, tgt: str) -> None:
    other = {"ru": "Мюнхен", "tr": "Münih"}[tl]
    swapped = tgt.replace("Кельн", other).replace("Üsküp", other).replace("Viyana", other)
    assert not place_links(sl, tl).links(src, swapped)
    found = [f for f in compare_sentences(src, swapped, sl, tl) if f.type == "entity"]
    assert found and found[0].severity == "warning"


def test_cities_come_from_cldr_in_every_language() -> None:
    from aligntext.check.locale_data import city_names

    assert city_names("ru")["скопье"] == city_names("tr")["üsküp"] == "city:Europe/Skopje"
    assert city_names("az")["vyana"] == city_names("en")["vienna"]
