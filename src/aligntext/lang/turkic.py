"""Azerbaijani and Turkish: number vocabulary, the suffixes numerals and month names take.

The two languages share their morphology closely enough for one table of suffixes: a
numeral or a month name carries a possessive and then a case ending (``aprelin``,
``Nisan'da``, ``ikisi``, ``beşdən``), with vowel harmony giving both spellings.
"""

from __future__ import annotations

from aligntext.lang import Lexicon

# "On binlerce" (tens of thousands), "yüz minlərlə" (hundreds of thousands): "ten" or "a
# hundred" goes before the approximate plural.
_APPROX_HEADS = {"on": 1, "yüz": 2}
# "6-cı", "6-ncı", "6'ncı": the ordinal suffix after a hyphen or apostrophe.
_DIGIT_ORDINAL = r"^-?(?:ı|i|u|ü)?n?c[ıiuü]$|^['’]?(?:ı|i|u|ü)?nc[ıiuü]$"

#: "XIX əsr", "XIX. yüzyıl", "XX asrın": the word for century.
_CENTURY_STEMS = ("əsr", "yüzyıl", "asır", "asr")

#: Azerbaijani: plural plus -la / -lə ("with") or -ca / -cə names a magnitude (onlarla,
#: minlərlə, yüzlərcə).
AZ = Lexicon(
    approx_words={
        **dict.fromkeys(("onlarla", "onlarca"), 1),
        **dict.fromkeys(("yüzlərlə", "yüzlərcə"), 2),
        **dict.fromkeys(("minlərlə", "minlərcə"), 3),
        **dict.fromkeys(("milyonlarla", "milyonlarca"), 6),
        **dict.fromkeys(("milyardlarla", "milyardlarca"), 9),
        # Decades, tens of years ("onilliklər boyu", for decades).
        **dict.fromkeys(("onilliklər", "onilliklərlə", "onilliklərdir"), 1),
    },
    few_words=("bir neçə",),
    approx_heads=_APPROX_HEADS,
    times_words={"ikiqat": 2, "üçqat": 3},
    quantity_words=dict.fromkeys(("onillik", "onilliyi", "onillikdə"), 10),
    quantity_stems={"milyarder": 10**9, "milyoner": 10**6},
    decade_words=("onillik", "onilliyi", "onillikdə", "onilliklər", "onilliklərdə", "onillikdir"),
    teens_added=True,
    digit_ordinal=_DIGIT_ORDINAL,
    century_stems=_CENTURY_STEMS,
    # ("günorta" is also the "lunch" of "günorta yeməyi": left out.)
    clock_words={r"gecə\s+yarısı\w*": 0},
    # With any suffix ("dolları", "avroya", "manatlıq"); "avro" not before "p" (Avropa).
    currency_words={
        r"dollar\w*": "dollar",
        r"avro(?!p)\w*": "euro",
        r"funt\w*|sterlinq\w*": "pound",
        r"manat\w*": "manat",
        r"lir[əa]\w*": "lira",
        r"rubl\w*": "ruble",
    },
)

#: Turkish: plural plus -ca / -ce names a magnitude (onlarca, yüzlerce, binlerce).
TR = Lexicon(
    approx_words={
        **dict.fromkeys(("onlarca", "düzinelerce"), 1),
        "yüzlerce": 2,
        "binlerce": 3,
        "milyonlarca": 6,
        "milyarlarca": 9,
    },
    few_words=("birkaç", "bir kaç"),
    approx_heads=_APPROX_HEADS,
    quantity_stems={"milyarder": 10**9, "milyoner": 10**6},
    decade_words=("onyıl",),
    teens_added=True,
    digit_ordinal=_DIGIT_ORDINAL,
    century_stems=_CENTURY_STEMS,
    # ("öğle" and "öğlen" are also the "lunch" of "öğle yemeği": left out.)
    clock_words={r"gece\s+yarısı\w*": 0},
    # With any suffix ("doları", "avroya", "liralık"); "avro" not before "p" (Avrupa's "avru"
    # differs already, but Azerbaijani spellings turn up in Turkish text).
    currency_words={
        r"dolar\w*": "dollar",
        r"avro(?!p)\w*|euro\w*": "euro",
        r"sterlin\w*|pound\w*": "pound",
        r"manat\w*": "manat",
        r"lira\w*": "lira",
        r"ruble\w*": "ruble",
    },
)

#: What adds a half to the count before it: Azerbaijani "iki yarım milyon", Turkish "iki
#: buçuk milyon" (2.5 million); "yarım" alone before a scale word halves it instead.
AZ_AND_A_HALF = r"\s+yarım\b"
TR_AND_A_HALF = r"\s+buçuk\b"

#: What halves the scale word after it ("yarım milyon", half a million).
HALF_BEFORE_SCALE = r"\byarım\s+"

# The third-person possessive ("ikisi", "üçü"), after a vowel with the buffer ``s``.
_BUFFERED_POSSESSIVE = ("si", "sı", "su", "sü")
_POSSESSIVE_3 = (*_BUFFERED_POSSESSIVE, "i", "ı", "u", "ü")
# Case endings after a possessive ("ikisinin", "üçüne", "beşinde", "dördünü"; on ``altı``
# and ``yedi`` after the buffer ``s``: "altısının", "yedisine").
_AFTER_POSSESSIVE = (
    *("nin", "nın", "nun", "nün", "ne", "na", "nə", "nde", "nda", "ndə"),
    *("nden", "ndan", "ndən", "ni", "nı", "nu", "nü"),
)

#: Cardinals whose suffixed forms are mostly other words (tr "onu" = "it", "altında" =
#: "under", "yüzünden" = "because of", "bindi" = "got on").
NO_SUFFIX: frozenset[str] = frozenset({"on", "yüz", "bin", "min", "altı", "yedi", "bir", "sıfır"})
#: Case and possessive endings after a buffer consonant (``y``, ``s``), which only a
#: vowel-final stem takes: on ``altı`` and ``yedi`` they make no other word ("altıya", to six;
#: "yediyi"; "altısı"), so those two take them although their other suffixed forms are left
#: alone.
BUFFER_SUFFIXES: frozenset[str] = frozenset(
    {"yə", "ye", "ya", "yi", "yı", "yu", "yü", *_BUFFERED_POSSESSIVE}
    | {p + c for p in _BUFFERED_POSSESSIVE for c in _AFTER_POSSESSIVE}
)
#: The locative and ablative of ``altı`` and Turkish ``yedi``, a time of day ("saat altıda",
#: at six; "yedide"): no other word either ("altında", under, has an ``n``). Azerbaijani
#: ``yeddi`` is no other word and takes every ending.
CLOCK_CASE: dict[str, frozenset[str]] = {
    "altı": frozenset({"da", "dan"}),
    "yedi": frozenset({"de", "den"}),
}
#: Turkish softens a final ``t`` before a vowel: ``dört`` becomes ``dörd-`` ("dördü", the
#: four of them; "dörde", to four). Azerbaijani writes ``dörd`` throughout.
SOFTENED: dict[str, str] = {"dört": "dörd"}

# Case and possessive endings a number word takes ("ikisi", "üçə", "beşdən").
_NUMERAL_ENDINGS = (
    *_POSSESSIVE_3,
    *("yə", "ye", "ya", "ə", "e", "a"),
    *("də", "de", "da", "dən", "den", "dan"),
)
# The genitive ("beşin", of five; "ikinin"), and a possessive followed by a case ending
# ("ikisinin", of the two of them; "üçüne", "beşinde", "dördünü") or by a plural person
# ("ikimiz", the two of us; "üçünüz").
_GENITIVE = ("in", "ın", "un", "ün", "nin", "nın", "nun", "nün")
_POSSESSIVE_CASE = tuple(p + c for p in _POSSESSIVE_3 for c in _AFTER_POSSESSIVE)
_PERSONAL = tuple(
    v + p
    for v in ("", "i", "ı", "u", "ü")
    for p in ("miz", "mız", "muz", "müz", "niz", "nız", "nuz", "nüz")
)
#: What a cardinal may carry: those endings, the accusative after a vowel, the case endings
#: after a voiceless consonant, the copula ("altıyı", "üçte", "beştir"), the genitive and a
#: possessive with a case ending or a plural person.
CARDINAL_SUFFIXES: frozenset[str] = frozenset(
    {
        *_NUMERAL_ENDINGS,
        *("yi", "yı", "yu", "yü", "te", "ta", "ten", "tan"),
        *("dir", "dır", "dur", "dür"),
        *_GENITIVE,
        *_POSSESSIVE_CASE,
        *_PERSONAL,
    }
)
#: Suffixed numerals that are another, far more frequent word: Azerbaijani "üçün" is the
#: postposition "for".
NOT_NUMERALS: dict[str, frozenset[str]] = {"az": frozenset({"üçün"}), "tr": frozenset()}
#: Possessive and genitive endings: after Turkish ``yüz`` they make "face" after a number as
#: well ("madalyonun iki yüzü", the two faces of the medal).
FACE_SUFFIXES: frozenset[str] = frozenset({"ı", "i", "u", "ü", "ın", "in", "un", "ün"})
#: Case endings a scale word or ``yüz`` takes after a number word ("üç mindən çox", more than
#: three thousand; "iki yüzden fazla"; "beş milyona"): alone such a form is often another
#: word ("yüzünden", because of), after a number word it is the number's last word.
SCALE_CASE_SUFFIXES: frozenset[str] = frozenset(
    {
        *("a", "e", "ə", "ya", "ye", "yə"),
        *("da", "de", "də", "ta", "te", "dan", "den", "dən", "tan", "ten"),
        *FACE_SUFFIXES,
        *("dir", "dır", "dur", "dür"),
    }
)
#: What makes an adjective of a scale word ("2,8 milyardlıq bazar", a market worth 2.8
#: billion; "10 binlik kalabalık", a crowd of 10,000).
SCALE_ADJECTIVE_SUFFIXES: frozenset[str] = frozenset({"lıq", "lik", "luq", "lük", "lık", "luk"})
#: What an ordinal may carry ("ikinci", "ikincisi").
ORDINAL_SUFFIXES: frozenset[str] = frozenset({"", *_NUMERAL_ENDINGS})

# Suffixes a month name may carry: a possessive, then a case ending.
_POSSESSIVE = ("", "ın", "in", "un", "ün", "ı", "i", "u", "ü", "nın", "nin", "sı", "si")
_CASE = (
    *("", "da", "də", "de", "ta", "te", "dan", "dən", "den", "tan", "ten"),
    *("a", "ə", "e", "ya", "yə", "ye", "n"),
    *("nda", "ndə", "nde", "ndan", "ndən", "nden", "na", "nə", "ne"),
    *("dakı", "dəki", "daki", "deki", "takı", "teki", "ki"),
)
#: Every possessive-plus-case suffix of a month name ("aprelin", "apreldə", "Nisan'da").
MONTH_SUFFIXES: frozenset[str] = frozenset(a + b for a in _POSSESSIVE for b in _CASE)

#: Turkish month names that are also common words ("ocak", hearth; "ekim", sowing; "aralık",
#: interval): only capitalised inside a sentence, or before "ay", are they months.
MONTHS_ALSO_WORDS: tuple[str, ...] = ("ocak", "ekim", "aralık", "aralığ")

#: Titles a person's name follows ("Prezident Əliyev", "Cumhurbaşkanı Erdoğan"), Azerbaijani
#: and Turkish, as stems (see :data:`aligntext.lang.en.TITLES`).
TITLES: frozenset[str] = frozenset(
    {
        *("prezident", "cumhurbaşkan", "başbakan", "baş", "nazir", "bakan", "müavin"),
        *("yardımcı", "səfir", "büyükelçi", "elçi", "sədr", "başkan", "spiker", "sekreter"),
        *("katib", "senator", "senatör", "qubernator", "vali", "mer", "hakim", "general"),
        *("orgeneral", "polkovnik", "albay", "mayor", "kapitan", "komandan", "komutan"),
        *("admiral", "amiral", "marşal", "mareşal", "kral", "prens", "şahzadə", "şeyx"),
        *("şeyh", "əmir", "emir", "sultan", "papa", "patriarx", "patrik", "yepiskop"),
        *("cənab", "xanım", "bay", "bayan", "sayın", "professor", "profesör", "rəhbər"),
        *("direktor", "müdür", "sözçü", "sözcü"),
    }
)

#: What joins two days of one month ("5 ve 7 Mayıs", "mayın 5-i və 7-si"); nothing but a
#: space after a day in the ablative ("mayın 5-dən 7-dək", from the 5th to the 7th of May).
DAY_LINK = r"\s*(?:[-–—]|və|ve|ilə|ile|ya da|və ya|veya|yaxud)?\s*"

#: Words allowed between the parts of a date ("1993-cü ilin 6 aprel", "2019 yılının Nisan
#: ayında"), Azerbaijani and Turkish.
DATE_GAP_WORDS: tuple[str, ...] = (
    *("il", "ilin", "ili", "ildə"),
    *("yıl", "yılı", "yılın", "yılının", "yılında"),
    *("ayı", "ayının", "ayın", "ayında", "ay"),
)


_FRONT = frozenset("eəiöü")
_BACK = frozenset("aıou")
#: The vowels of both alphabets.
VOWELS: frozenset[str] = _FRONT | _BACK


def harmonises(stem: str, suffix: str) -> bool:
    """Whether ``suffix``'s first vowel agrees in backness with ``stem``'s last vowel.

    Azerbaijani and Turkish suffixes follow the stem's last vowel (``Mart`` takes ``-ın``,
    ``aprel`` takes ``-in``), so a word that breaks the rule is no stem with that suffix
    (``Martin`` is a name). A suffix or stem without vowels says nothing.
    """
    last = next((c for c in reversed(stem.lower()) if c in _FRONT or c in _BACK), "")
    first = next((c for c in suffix.lower() if c in _FRONT or c in _BACK), "")
    if not last or not first:
        return True
    return (last in _FRONT) == (first in _FRONT)
