"""English: number vocabulary and the words around a month name in a date."""

from __future__ import annotations

from aligntext.lang import Lexicon

LEXICON = Lexicon(
    approx_words={
        **dict.fromkeys(("tens", "dozens"), 1),
        "hundreds": 2,
        "thousands": 3,
        "millions": 6,
        "billions": 9,
        "trillions": 12,
        # "decades ago": tens of years, against "более 30 лет", "onlarca yıl".
        "decades": 1,
    },
    approx_of_words={"scores": 1},
    few_words=("several", "a few"),
    weak_words={"dozen": 12, "couple": 2, "pair": 2},
    # ("once" is left out: like "one" it is mostly no count at all.)
    times_words={
        **dict.fromkeys(("twice", "double", "doubled", "doubles", "doubling"), 2),
        **dict.fromkeys(("thrice", "triple", "tripled", "triples", "tripling"), 3),
        "quadrupled": 4,
    },
    # "A decade later" is ten years ("на 10 лет позже").
    quantity_words={"decade": 10},
    quantity_stems={"billionaire": 10**9, "millionaire": 10**6},
    decade_words=("decade", "decades"),
    both_words=frozenset({"both"}),
    digit_ordinal=r"^(?:st|nd|rd|th)$",
    century_stems=("centur",),
    clock_words={"noon|midday": 12, "midnight": 0},
    # ("pound" is also a weight; "5 pounds" against "5 фунтов" or "5 funt" is one either way.)
    currency_words={
        "dollars?": "dollar",
        "euros?": "euro",
        "pounds?|sterling": "pound",
        "manats?": "manat",
        "liras?|lire": "lira",
        "r(?:o)?ubles?": "ruble",
    },
)

#: What halves the scale word after it ("half a million", "half a billion").
HALF_BEFORE_SCALE = r"\bhalf[\s-]+an?[\s-]+"

#: What adds a half to the count before it ("two and a half million": 2.5 million).
AND_A_HALF = r"\s+and\s+a\s+half\b"

#: One unit and a half ("an hour and a half", "a year and a half"): 1.5.
UNIT_AND_A_HALF = r"\ban?\s+[^\W\d_]+\s+and\s+a\s+half\b"

#: What joins two days of one month ("from 5 to 7 May", "5 and 7 May", "May 5 through 7").
DAY_LINK = r"\s*(?:[-–—]|to|and|or|through|till|until)\s*"

#: Articles: never part of a name's spelling ("The Red Cross" is "Kızılhaç", not "The...").
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

#: Titles a person's name follows ("President Aliyev"): the word before a surname that is
#: one of these is no first name. Lowercase stems; a word matches with up to three more letters.
TITLES: frozenset[str] = frozenset(
    {
        *("president", "prime", "minister", "deputy", "ambassador", "envoy", "chairman"),
        *("chairwoman", "speaker", "secretary", "senator", "governor", "mayor", "judge"),
        *("general", "colonel", "major", "captain", "commander", "admiral", "marshal"),
        *("king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope"),
        *("patriarch", "bishop", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir"),
        *("lord", "lady", "head", "chief", "director", "spokesman", "spokeswoman"),
    }
)

#: Words allowed between the parts of an English date ("6 April, 1993", "the 6th of April").
DATE_GAP_WORDS: tuple[str, ...] = ("of", "the", "year")

#: Month names that are also verbs: they need a word of :data:`MONTH_CONTEXT` before them.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"March", "May"})

#: Words before "March" or "May" that make it a month.
MONTH_CONTEXT: frozenset[str] = frozenset(
    {
        *("in", "of", "since", "until", "till", "by", "from", "early", "late", "mid"),
        *("last", "next", "this", "on", "during", "through", "between", "end"),
        *("before", "after"),
    }
)
