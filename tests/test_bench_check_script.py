"""``scripts/bench_check.py``: which perturbations change a figure the source states."""

from __future__ import annotations

import re

import pytest

from script_modules import load_script

bench = load_script("bench_check")


@pytest.mark.parametrize(
    ("kind", "src", "tgt", "new", "src_lang", "tgt_lang", "expected"),
    [
        # The source says two in words or digits: a changed "iki" is visible.
        (
            "number_word",
            "The two ministers met in Ganja.",
            "İki nazir Gəncədə görüşdü.",
            "Üç nazir Gəncədə görüşdü.",
            "en",
            "az",
            True,
        ),
        (
            "number_word",
            "2 ministers met in Ganja.",
            "Два министра встретились в Гяндже.",
            "Пять министра встретились в Гяндже.",
            "en",
            "ru",
            True,
        ),
        # "They" gave the translator's "two countries": nothing in the source to compare.
        (
            "number_word",
            "They disagreed on the border.",
            "İki ülke sınır konusunda anlaşamadı.",
            "Üç ülke sınır konusunda anlaşamadı.",
            "en",
            "tr",
            False,
        ),
        # The same digits, written with other separators, are the same figure.
        (
            "digit",
            "About 60,000 people left.",
            "Около 60 000 человек уехали.",
            "Около 60 900 человек уехали.",
            "en",
            "ru",
            True,
        ),
        # A figure of the translator's own (a converted unit) is not stated by the source.
        (
            "deleted",
            "The wave was six metres high.",
            "Dalğanın hündürlüyü 6 metr idi.",
            "Dalğanın hündürlüyü metr idi.",
            "en",
            "az",
            False,
        ),
        (
            "deleted",
            "On 6 April 1993 the town fell.",
            "6 aprel 1993-cü ildə şəhər süqut etdi.",
            "6 aprel ildə şəhər süqut etdi.",
            "en",
            "az",
            True,
        ),
    ],
)
def test_source_states(
    kind: str, src: str, tgt: str, new: str, src_lang: str, tgt_lang: str, expected: bool
) -> None:
    assert bench.source_states(kind, src, tgt, new, src_lang, tgt_lang) is expected


def test_changed_span_is_the_differing_part() -> None:
    assert bench._changed_span("60 000 people", "60 900 people") == (3, 4)
    assert bench._changed_span("in 1993-cü il", "in il") == (3, 11)


def test_proper_test_reads_the_corpus_lowercase_words() -> None:
    # "Kilisesi" shares its first five letters with the corpus's lowercase "kilise": a word.
    proper = bench.proper_test(["eski kilise restore edildi", "Ankara büyüdü"], "tr")
    assert proper("Kilisesi") is False
    assert proper("Ankara") is True


def test_first_name_spans_follow_the_russian_side() -> None:
    src = "В пятницу мэр Тимур Бабаев встретился с послом."
    tgt = "Cümə günü mer Timur Babayev səfirlə görüşüb."
    (span,) = bench.first_name_spans(src, tgt, "ru", "az")
    assert tgt[span[0] : span[1]] == "Timur"
    assert bench.first_name_spans("The mayor met the envoy.", tgt, "en", "az") == []


def test_opener_swaps_the_counterpart_of_the_name_opening_the_source() -> None:
    import random

    src = "Ağdamın işğalı 23 iyul 1993-cü ildə baş verdi."
    tgt = "Оккупация Агдама произошла 23 июля 1993 года."
    src_proper = bench.proper_test([src, "Rayonun mərkəzi bağlanıb."], "az")
    tgt_proper = bench.proper_test([tgt, "Дорога в Лачин закрыта."], "ru")
    pool = ["Лачина", "Оккупация", "Агдама"]
    new = bench._opener_swap(src, tgt, random.Random(1), pool, src_proper, tgt_proper)
    # The counterpart anywhere in the target; another name of the corpus, not one the pair has.
    assert new == "Оккупация Лачина произошла 23 июля 1993 года."
    # No swap where the source opens with a common word (the corpus writes it in lowercase).
    common = "Rayonun mərkəzi bağlanıb."
    proper = bench.proper_test([common, "rayonun yolları"], "az")
    assert bench._opener_swap(common, tgt, random.Random(1), pool, proper, tgt_proper) is None


def test_currency_swap_changes_the_currency_of_a_figure() -> None:
    import random

    rng = random.Random(1)
    src = "The bank lent $5 million."
    # A Russian word after the scale word and before the country.
    assert (
        bench.currency_swap(src, "Банк выдал 5 млн долларов США.", "en", "ru", rng)
        == "Банк выдал 5 млн евро США."
    )
    # A Turkic word goes whole, its suffix with it; a capitalised word may stand between.
    assert (
        bench.currency_swap(src, "Bank 5 milyon ABŞ dollarına kredit verdi.", "en", "az", rng)
        == "Bank 5 milyon ABŞ avro kredit verdi."
    )
    assert bench.currency_swap(src, "Banka 5 milyon TL'ye kredi verdi.", "en", "tr", rng) == (
        "Banka 5 milyon dolar kredi verdi."
    )
    # A sign next to digits.
    assert bench.currency_swap("Bank 5 manat verdi.", "The bank gave $5.", "az", "en", rng) == (
        "The bank gave €5."
    )
    # No currency in the source, or none next to a figure in the target: no break.
    assert (
        bench.currency_swap(
            "The bank lent 5 million.", "Банк выдал 5 млн долларов.", "en", "ru", rng
        )
        is None
    )
    assert bench.currency_swap(src, "Курс доллара вырос.", "en", "ru", rng) is None


def test_ordinal_swap_changes_an_ordinal_word_into_another_of_its_form() -> None:
    import random

    rng = random.Random(3)
    # A Russian ordinal stays in its case and gender (spelt with "е" as the text spells it).
    new = bench.ordinal_swap("Он выбыл в четвертом раунде.", "ru", rng)
    assert new is not None and new != "Он выбыл в четвертом раунде."
    assert new.startswith("Он выбыл в ") and new.endswith("ом раунде.") and "ё" not in new
    # An Azerbaijani or Turkish one keeps its suffix, in harmony with the new word.
    new = bench.ordinal_swap("Üçüncüsü Bakıda açılacaq.", "az", rng)
    assert new is not None and re.fullmatch(
        r"(İkincisi|Beşincisi|Altıncısı|Yeddincisi|Səkkizincisi|Doqquzuncusu|Onuncusu"
        r"|Dördüncüsü) Bakıda açılacaq\.",
        new,
    )
    new = bench.ordinal_swap("The third quarter was weak.", "en", rng)
    assert new is not None and new != "The third quarter was weak."
    # "First" is no ordinal the break changes; no ordinal, no break.
    assert bench.ordinal_swap("The first quarter was weak.", "en", rng) is None
    assert bench.ordinal_swap("Birinci rüb zəif idi.", "az", rng) is None
    # The source states the place in words or digits.
    assert bench.source_states(
        "ordinal", "He came 3rd.", "Üçüncü oldu.", "Beşinci oldu.", "en", "tr"
    )
    assert not bench.source_states(
        "ordinal", "He came.", "Üçüncü oldu.", "Beşinci oldu.", "en", "tr"
    )
