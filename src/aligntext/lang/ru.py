"""Russian: number vocabulary, case and adjective endings, month forms, name base forms.

A Russian name takes a case ending (``Кура``, ``Куры``, ``Куре``, ``Курой``) and a place
makes an adjective (``Габала`` -> ``Габалинский район``). :func:`base_forms` undoes both, so
the name meets its spelling in another text; the transliteration keys only strip an ending
from a stem of four letters or more, which leaves short names (``Кура``) unmatched.
"""

from __future__ import annotations

from functools import lru_cache

from aligntext.lang import Lexicon

LEXICON = Lexicon(
    # Every case of the plural: "десятки", "десятков", "десяткам", "десятками", "десятках".
    approx_words={
        stem + end: exp
        for stem, ends, exp in (
            ("десятк", ("и", "ов", "ам", "ами", "ах"), 1),
            ("сотн", ("и", "ям", "ями", "ях"), 2),
            ("сотен", ("",), 2),
            ("тысяч", ("и", "", "ам", "ами", "ах"), 3),
            ("миллион", ("ы", "ов", "ам", "ами", "ах"), 6),
            ("миллиард", ("ы", "ов", "ам", "ами", "ах"), 9),
            # Decades, tens of years; "десятилетия" is also the genitive singular: left out.
            ("десятилети", ("й", "ям", "ями", "ях"), 1),
        )
        for end in ends
    },
    few_words=("несколько", "нескольких", "нескольким", "несколькими"),
    # "тысячи" and "сотни" are also the genitive singular, which these words govern: "более
    # тысячи" is "more than a thousand", not "more than thousands".
    singular_after=frozenset(
        {"более", "менее", "свыше", "около", "порядка", "почти", "до", "от", "из", "без", "с"}
    ),
    weak_words={"дюжина": 12, "пара": 2, "пару": 2, "пары": 2},
    times_words={"дважды": 2, "трижды": 3, "четырежды": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4},
    # Verbs that say "doubled" / "tripled" ("удвоилась", "утроили").
    times_stems={"удвои": 2, "удваива": 2, "утрои": 3, "утраива": 3},
    # "сутки" are 24 hours, "полгода" six months.
    quantity_words={
        **dict.fromkeys(("сутки", "суток", "суткам", "сутками", "сутках"), 24),
        **dict.fromkeys(("полгода", "полугода", "полугоду"), 6),
        **dict.fromkeys(("десятилетие", "десятилетием", "десятилетию"), 10),
    },
    quantity_stems={"миллиардер": 10**9, "миллионер": 10**6},
    decade_words=("десятилетие", "десятилетия", "десятилетий", "десятилетиями", "десятилетиях"),
    both_words=frozenset({"оба", "обе", "обоих", "обеих", "обоим", "обеим", "обоими", "обеими"}),
    # "6-й", "6-го", "6-му": an ending after a hyphen.
    digit_ordinal=r"^-(?:й|я|е|го|му|м|х|ой|ый|ий|ая|ое|ые|ых|ым|ом|ю)$",
    # "XIX век", "XIX вв." (and "XIX в.", which the extractor reads as well).
    century_stems=("век", "вв"),
    # ("полночи" is also "half the night", "полудня" the "p.m." of "два часа полудня".)
    clock_words={"полдень": 12, "полночь|полуночи": 0},
    # Every case of each noun ("долларов", "рублей", "лир"), and the abbreviations "долл.",
    # "руб." ("евро" does not decline).
    currency_words={
        "доллар(?:а|у|ом|е|ы|ов|ам|ами|ах)?|долл": "dollar",
        "евро": "euro",
        "фунт(?:а|у|ом|е|ы|ов|ам|ами|ах)?|стерлинг(?:а|ов)?": "pound",
        "манат(?:а|у|ом|е|ы|ов|ам|ами|ах)?": "manat",
        "лир(?:а|ы|е|у|ой|ам|ами|ах)?": "lira",
        "рубл(?:ь|я|ю|ём|ем|е|и|ей|ям|ями|ях)|руб": "ruble",
    },
)

#: Adjectives of a scale word after a figure and a hyphen (``25-тысячная толпа``, a crowd of
#: 25,000; ``5-миллионный город``), by stem; they take :data:`ADJECTIVE_ENDINGS`.
SCALE_ADJECTIVE_STEMS: dict[str, int] = {
    "тысячн": 3,
    "миллионн": 6,
    "миллиардн": 9,
    "триллионн": 12,
}

#: Half of a scale word, written as one word (``полмиллиона``, half a million), and one and a
#: half before one (``полтора миллиона``, ``полутора тысяч``).
HALF_PREFIX = "пол"
ONE_AND_A_HALF: frozenset[str] = frozenset({"полтора", "полторы", "полутора"})

#: Collective numerals by stem (``двое``, ``троих``) and the endings they take.
COLLECTIVE_STEMS: dict[str, int] = {
    "дво": 2,
    "тро": 3,
    "четвер": 4,
    "пятер": 5,
    "шестер": 6,
    "семер": 7,
    "восьмер": 8,
    "девятер": 9,
    "десятер": 10,
}
#: After a vowel (``двоих``) the oblique endings are written with ``и``, after a consonant
#: with ``ы`` (``четверых``, ``пятерым``).
COLLECTIVE_ENDINGS: tuple[str, ...] = ("е", "о", "их", "им", "ими", "ых", "ым", "ыми")

#: Endings of ordinals (``второго``, ``третьей``, ``пятую``), soft-stem forms included.
ORDINAL_ENDINGS: frozenset[str] = frozenset(
    {
        *("ый", "ий", "ой", "ая", "ья", "ое", "ье", "ые", "ьи", "ого", "ьего", "ому", "ьему"),
        *("ым", "ьим", "ом", "ьем", "ую", "ью", "ых", "ьих", "ыми", "ьими", "ей", "ьей"),
    }
)

#: Endings a month name takes after its stem (``апреля``, ``апреле``, ``маем``).
MONTH_ENDINGS: tuple[str, ...] = ("а", "я", "е", "ю", "ом", "ем")

#: Words allowed between the parts of a Russian date ("30 апреля 1993 года").
DATE_GAP_WORDS: tuple[str, ...] = ("г", "года", "году", "год")

#: Titles a person's name follows ("президент Алиев"), as stems (see
#: :data:`aligntext.lang.en.TITLES`).
TITLES: frozenset[str] = frozenset(
    {
        *("президент", "премьер", "министр", "замминистр", "посол", "председател"),
        *("спикер", "секретар", "сенатор", "губернатор", "мэр", "судья", "генерал"),
        *("полковник", "майор", "капитан", "командующ", "адмирал", "маршал", "король"),
        *("королев", "принц", "шейх", "эмир", "султан", "папа", "патриарх", "епископ"),
        *("господин", "госпожа", "профессор", "глава", "директор", "пресс-секретар"),
    }
)
#: What adds a half to the count before it ("два с половиной миллиона": 2.5 million).
AND_A_HALF = r"\s+с\s+половиной\b"
#: What joins two days of one month ("с 5 по 7 мая", "5 и 7 мая", "с 5 до 7 мая").
DAY_LINK = r"\s*(?:[-–—]|по|до|и|или)\s*"

#: Case endings of nouns, singular and plural, longest first. (The genitive plural ``-ов``
#: is left out: it is how Russian surnames end in the nominative, ``Мамедов``.)
NOUN_ENDINGS: tuple[str, ...] = (
    *("ами", "ями"),
    *("ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ах", "ях"),
    *("а", "я", "у", "ю", "е", "ы", "и", "ь"),
)

#: Endings of adjectives (``Габалинский``, ``двухлетнего``, ``апрельских``), longest first.
ADJECTIVE_ENDINGS: tuple[str, ...] = (
    *("ого", "его", "ому", "ему", "ыми", "ими"),
    *("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю"),
    *("ом", "ем", "ей"),
)

#: What joins a place name to its adjective's ending, longest first: ``Габал-инск-ий``,
#: ``Москв-ов-ск-ий`` (``московский``), ``Кельбаджар-ск-ий``.
PLACE_ADJECTIVE_SUFFIXES: tuple[str, ...] = ("инск", "енск", "овск", "евск", "ск")

# A stem shorter than this is too little of a name to meet another by.
_MIN_STEM = 3


@lru_cache(maxsize=65536)
def base_forms(word: str) -> tuple[str, ...]:
    """Nominative forms a Russian name may have, from an inflected or adjectival form.

    ``Куры`` and ``Куре`` give ``кур`` and ``кура``; ``Габалинский`` gives ``габал`` and
    ``габала``. The word itself is not among them; a word with no ending gives nothing.

    Args:
        word: one Russian word, any case.
    """
    w = word.lower().replace("ё", "е")
    for end in ADJECTIVE_ENDINGS:
        if w.endswith(end):
            stem = w[: -len(end)]
            for suffix in PLACE_ADJECTIVE_SUFFIXES:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
                    base = stem[: -len(suffix)]
                    return (base, base + "а")  # an adjective: no noun ending to cut
            break
    for end in NOUN_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= _MIN_STEM:
            stem = w[: -len(end)]
            return (stem,) if end == "а" else (stem, stem + "а")
    return ()
