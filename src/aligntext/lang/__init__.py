"""Per-language grammar data the extractors and matchers read, one module per language.

As spaCy keeps ``spacy/lang/az/lex_attrs.py``: what a language's words look like (number
words beyond what num2words and CLDR give, approximate quantities, case endings, month
forms), written once in :mod:`aligntext.lang.en`, :mod:`aligntext.lang.ru` and
:mod:`aligntext.lang.turkic` (Azerbaijani and Turkish) and read through :func:`lexicon` by
every extractor that needs it. Generated tables (number words from num2words, month names
from CLDR) stay in :mod:`aligntext.check.locale_data`; language codes and model names in
:mod:`aligntext.langs`. Nothing here imports the rest of the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Lexicon:
    """The hand-written number vocabulary of one language.

    Args:
        approx_words: plurals of a power of ten that name an order of magnitude, not a
            figure (``dozens``, ``десятки``, ``onlarca``) -> that power.
        approx_of_words: like ``approx_words``, but only before "of" (``scores of``: "test
            scores" are no quantity).
        few_words: "a few", "several" (``a few``, ``несколько``, ``bir neçə``), one word or
            two separated by a space.
        approx_heads: words that multiply a following approximate plural (Turkish ``on
            binlerce``, tens of thousands) -> their power of ten.
        singular_after: words after which a plural-looking ``тысячи`` / ``сотни`` is the
            genitive singular ("более тысячи", more than a thousand).
        weak_words: words that often are no count at all (``dozen``, ``пара``) -> value.
        times_words: multiplicative adverbs (``twice``, ``дважды``) -> value.
        times_stems: stems of verbs that say "doubled" (``удвои``) -> value.
        quantity_words: words that hold a count (``сутки``, 24 hours) -> value.
        quantity_stems: stems that hold a count (``billionaire``) -> value.
        decade_words: nouns that multiply the count before them by ten (``decades``).
        both_words: words for "both" (value 2, never flagged).
        teens_added: 11-19 are said as ten and a unit (``on iki``), so "ten" takes a unit.
        digit_ordinal: a regular expression for what after digits makes an ordinal
            (``6th``, ``6-cı``, ``6-й``); empty for none.
        century_stems: how the word "century" starts (``век``, ``əsr``, ``yüzyıl``): a Roman
            numeral before it is a century (``XIX век``).
        clock_words: words for a time of day (``noon``, ``полночь``, ``gece yarısı``), as
            regular expressions matched case-blind on whole words -> the hour.
        currency_words: names of currencies (``dollars``, ``долларов``, ``avroya``), as
            regular expressions matched on a whole lowercase word -> the currency (one of
            :data:`CURRENCIES`).
    """

    approx_words: dict[str, int] = field(default_factory=dict)
    approx_of_words: dict[str, int] = field(default_factory=dict)
    few_words: tuple[str, ...] = ()
    approx_heads: dict[str, int] = field(default_factory=dict)
    singular_after: frozenset[str] = frozenset()
    weak_words: dict[str, int] = field(default_factory=dict)
    times_words: dict[str, int] = field(default_factory=dict)
    times_stems: dict[str, int] = field(default_factory=dict)
    quantity_words: dict[str, int] = field(default_factory=dict)
    quantity_stems: dict[str, int] = field(default_factory=dict)
    decade_words: tuple[str, ...] = ()
    both_words: frozenset[str] = frozenset()
    teens_added: bool = False
    digit_ordinal: str = ""
    century_stems: tuple[str, ...] = ()
    clock_words: dict[str, int] = field(default_factory=dict)
    currency_words: dict[str, str] = field(default_factory=dict)


_EMPTY = Lexicon()

#: Temperature scales by name, as lowercase stems in the four languages ("по Цельсию", "Selsi
#: ilə", "santigrat"): a unit after a figure (:mod:`aligntext.check.number_rules`), never a
#: person's name ("Fahrenheit in source; target has Цельсию" is a conversion).
SCALE_NAMES: dict[str, tuple[str, ...]] = {
    "degF": ("fahrenheit", "fahrenhayt", "farengeyt", "farenheyt", "фаренгейт"),
    "degC": ("celsius", "selsi", "цельси", "santigrat", "centigrade"),
}


#: The currencies a figure may be stated in, by family: a US, Canadian or Hong Kong dollar
#: are all "dollar" (a version may name the country or leave it out).
CURRENCIES = ("dollar", "euro", "pound", "manat", "lira", "ruble")

#: Currency signs, in any language, before or after a figure (``$5``, ``US$5``, ``5 €``).
CURRENCY_SIGNS: dict[str, str] = {
    "$": "dollar",
    "€": "euro",
    "£": "pound",
    "₼": "manat",
    "₺": "lira",
    "₽": "ruble",
}

#: Currency codes, in any language, in capitals before or after a figure (``USD 5``, ``5 TL``).
CURRENCY_CODES: dict[str, str] = {
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound",
    "AZN": "manat",
    "TRY": "lira",
    "TL": "lira",
    "RUB": "ruble",
}


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon:
    """The :class:`Lexicon` of ``en``, ``az``, ``ru`` or ``tr`` (an empty one otherwise)."""
    from aligntext.lang import en, ru, turkic  # the language modules import this one

    by_lang = {"en": en.LEXICON, "ru": ru.LEXICON, "az": turkic.AZ, "tr": turkic.TR}
    return by_lang.get(lang, _EMPTY)
