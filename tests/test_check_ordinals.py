"""A place in a series stated in words on both sides (or in words and digits) with another value.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check.numbers import extract_numbers
from finding_helpers import flags as _flags


@pytest.mark.parametrize(
    ("src", "tgt", "a", "b", "said"),
    [
        # A Russian ordinal in the prepositional case.
        (
            "Exports fell in the third quarter.",
            "Экспорт упал во втором квартале.",
            "en",
            "ru",
            "втором",
        ),
        # Azerbaijani with a case ending on the noun, the ordinal bare.
        ("Exports fell in the third quarter.", "İxrac ikinci rübdə azaldı.", "en", "az", "ikinci"),
        # Turkish against Russian, the ordinal with the possessive ("the fourth of them").
        ("Он выбыл в пятом раунде.", "Altıncı turda elendi.", "ru", "tr", "Altıncı"),
        ("Üçüncüsü Bakıda açılacaq.", "Dördüncüsü Bakü'de açılacak.", "az", "tr", "Dördüncüsü"),
        # Russian feminine accusative and genitive plural.
        ("Она выиграла третью партию.", "She won the fourth game.", "ru", "en", "fourth"),
        # A digit ordinal on one side, a word on the other.
        ("He was knocked out in the 5th round.", "Он выбыл в шестом раунде.", "en", "ru", "шестом"),
        ("Komanda 7-ci yeri tutdu.", "The team finished eighth.", "az", "en", "eighth"),
        # Of two places left on one side, the one the other side states as a count is not
        # the changed place (heat five).
        (
            "He finished sixth in heat five.",
            "O, beşinci qaçışda yeddinci oldu.",
            "en",
            "az",
            "yeddinci",
        ),
        # The other ordinal of the sentence agrees and is left out of the pairing.
        (
            "The second and the fifth rounds were cancelled.",
            "İkinci ve altıncı turlar iptal edildi.",
            "en",
            "tr",
            "altıncı",
        ),
    ],
)
def test_another_place_is_a_warning(src: str, tgt: str, a: str, b: str, said: str) -> None:
    flags = _flags(src, tgt, a, b)
    assert len(flags) == 1, flags
    severity, message = flags[0]
    assert severity == "warning"
    assert message.startswith("ordinal ") and said in message and "target has" in message


@pytest.mark.parametrize(
    ("src", "tgt", "a", "b"),
    [
        # The same place in any form.
        ("Exports fell in the third quarter.", "Экспорт упал в третьем квартале.", "en", "ru"),
        ("O, ikinci dəfə qalib gəldi.", "He won for the second time.", "az", "en"),
        ("Он занял четвёртое место.", "Dördüncü oldu.", "ru", "tr"),
        ("He finished 4th.", "O, dördüncü oldu.", "en", "az"),
        # "First" is left out: "for the first time" is "впервые", "ilk dəfə".
        ("For the first time, the third team won.", "Впервые победила третья команда.", "en", "ru"),
        (
            "İlk dəfə üçüncü komanda qalib gəldi.",
            "The third team won for the first time.",
            "az",
            "en",
        ),
        # "First" against another place is not judged either (the earliest, the first time).
        ("Birinci tur ertelendi.", "Второй тур отложили.", "tr", "ru"),
        # "Second" as a unit of time.
        ("A second later, the car stopped.", "Через секунду машина остановилась.", "en", "ru"),
        ("He stopped for a second.", "O, üçüncü dəfə dayandı.", "en", "az"),
        # An ordinal on one side only.
        ("The third report was late.", "Отчёт опоздал.", "en", "ru"),
        # Two places left on one side: no pairing is clear.
        ("The third and fifth rounds were cancelled.", "Второй тур отменили.", "en", "ru"),
        # The place stated as a count or in a date on the other side.
        ("The third attempt failed.", "Попытка номер три провалилась.", "en", "ru"),
    ],
)
def test_the_same_place_or_no_clear_pair_stays_quiet(src: str, tgt: str, a: str, b: str) -> None:
    assert _flags(src, tgt, a, b) == []


def test_a_second_of_time_is_no_place() -> None:
    from aligntext.check.ordinals import is_place

    def places(text: str) -> list[str]:
        return [f.text for f in extract_numbers(text, "en") if is_place(f, text, "en")]

    assert places("He stopped for a second.") == []
    assert places("A second later the fifth car left.") == ["fifth"]
    assert places("She won a second term.") == ["second"]
    assert places("He faces a second-degree charge.") == ["second"]
    assert places("It was a split-second decision.") == []
    assert places("The first car left.") == []
