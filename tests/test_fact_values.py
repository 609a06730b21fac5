"""Facts carry typed values: tags, alternative readings, magnitude, days and word keys."""

from __future__ import annotations

from decimal import Decimal

from aligntext.check import extract_dates, extract_entities, extract_numbers
from aligntext.types import Fact


def test_number_readings_are_decimals() -> None:
    # In Azerbaijani a dot before three digits groups thousands: one reading. A comma there
    # is the language's decimal mark, or a copied English grouping: two readings.
    (fact,) = extract_numbers("Tədbirdə 60.000 nəfər iştirak etdi.", "az")
    assert (fact.key, fact.alts) == ("60000", ())
    (fact,) = extract_numbers("Tədbirdə 60,000 nəfər iştirak etdi.", "az")
    assert fact.key == "60"
    assert fact.alts == (Decimal(60000),)
    assert "digits" in fact.tags


def test_approximate_quantity_has_a_magnitude() -> None:
    (fact,) = extract_numbers("Yüzlerce kişi geldi.", "tr")
    assert (fact.key, fact.magnitude, fact.alts) == ("hundreds", 2, ())


def test_date_range_has_its_days() -> None:
    (fact,) = extract_dates("Talks were held on 6-7 April 1993.", "en")
    assert (fact.key, fact.days) == ("1993-04-06", (6, 7))


def test_entity_has_a_key_per_word() -> None:
    (fact,) = [f for f in extract_entities("Then Rashad Hasanov spoke.", "en")]
    assert len(fact.words) == 2
    assert fact.key == " ".join(fact.words)


def test_a_detail_string_is_read_into_the_fields() -> None:
    fact = Fact("number", "90", "the 90s", 0, 7, "digits,decade,alt=1990")
    assert fact.tags == {"digits", "decade"}
    assert fact.alts == (Decimal(1990),)
    assert fact.detail == "decade,digits,alt=1990"
