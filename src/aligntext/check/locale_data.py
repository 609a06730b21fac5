"""Locale facts for the extractors, derived from Babel (CLDR) and num2words at first use.

Month names in every CLDR form, decimal and group symbols, scale words and country names come
from Babel; number words from num2words (Russian in every case and gender, Turkish split into
its atomic words, since num2words writes ``yirmibeş`` as one word). Inflected forms that CLDR
does not list (Russian ``апреле``, Azerbaijani ``aprelində``, Turkish ``Nisan'da``) are
recognised by rule from the CLDR stems, with the endings of :mod:`aligntext.lang`. Every
table is built once per language and kept between runs in the user cache
(:class:`~aligntext.io.cachedir.TableCache`): building them takes a fifth of a short command's
time, and Babel and num2words are imported only then. What neither library knows is typed in
:mod:`aligntext.lang` (one module per language); the names of international bodies and
institutions are a data file (``aligntext/data/concepts.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from aligntext.check.translit import lower
from aligntext.io.cachedir import TableCache
from aligntext.lang import ru, turkic

if TYPE_CHECKING:
    from babel import Locale


def _table_inputs() -> list[Path]:
    """What the tables are derived from: this package's checker code and data, Babel and
    num2words (whose files an upgrade rewrites)."""
    import importlib.util

    package = Path(__file__).resolve().parent.parent
    files = [
        *sorted((package / "check").glob("*.py")),
        *sorted((package / "lang").glob("*.py")),
        *sorted((package / "data").iterdir()),
    ]
    for library in ("babel", "num2words"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    return files


#: Tables built once from Babel and num2words and kept between runs (also by check.numbers).
locale_tables = TableCache("locale-tables", _table_inputs)

_RU_CASES = ("nominative", "genitive", "dative", "instrumental", "prepositional", "accusative")
_ATOMS = (*range(0, 21), 30, 40, 50, 60, 70, 80, 90)
_RU_HUNDREDS = (100, 200, 300, 400, 500, 600, 700, 800, 900)
_SCALES = {1000: 3, 1_000_000: 6, 1_000_000_000: 9, 1_000_000_000_000: 12}


@dataclass(frozen=True)
class NumberWord:
    """One number word: its value and kind (``cardinal``, ``ordinal``, ``scale``, ``hundred``)."""

    value: int
    kind: str


def _n2w(n: int, lang: str, **kw: str) -> str:
    from num2words import num2words

    try:
        return str(num2words(n, lang=lang, **kw))
    except (NotImplementedError, TypeError, ValueError, KeyError, AttributeError):
        return ""


def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(lang)


@locale_tables
def symbols(lang: str) -> tuple[str, str]:
    """The (decimal, group) symbols of ``lang`` from CLDR."""
    sym = _locale(lang).number_symbols["latn"]
    return sym["decimal"], sym["group"]


@locale_tables
def month_forms(lang: str) -> dict[str, int]:
    """Lowercase month forms of ``lang`` -> month number (CLDR forms plus inflected ones).

    Azerbaijani and Turkish suffixed forms are not listed here: :func:`month_of` strips them.
    """
    loc = _locale(lang)
    forms: dict[str, int] = {}
    # Abbreviations only where running text uses them (English "Sept. 27"); Azerbaijani and
    # Turkish ones ("yan", "sen", "ara") are everyday words.
    widths = ("wide", "abbreviated") if lang == "en" else ("wide",)
    for context in ("format", "stand-alone"):
        for width in widths:
            for num, name in loc.months[context][width].items():
                name = lower(name, lang).rstrip(".")
                if len(name) >= 3:
                    forms[name] = num
    if lang == "ru":
        for num, nom in loc.months["stand-alone"]["wide"].items():
            nom = nom.lower()
            stem = nom[:-1] if nom[-1] in "ьй" else nom
            for end in ru.MONTH_ENDINGS:
                forms[stem + end] = num
            forms[nom] = num
        # CLDR abbreviations such as "мар" or "июн" are not used in running Russian text.
        forms = {k: v for k, v in forms.items() if len(k) >= 4 or k in ("май", "мая", "мае")}
    if lang == "en":
        forms["sept"] = 9  # "may" stays: the date extractor asks for context
    return forms


@locale_tables
def month_adjective_stems(lang: str) -> dict[str, int]:
    """Stems of the adjectives made from month names -> month number (Russian only).

    Russian says "the April fighting" with an adjective (``апрельских боёв``, ``майские
    праздники``): ``апрельск``, ``январск``, ``майск``, ``мартовск``. The other three languages
    put the month noun itself before the noun, which :func:`month_of` reads already.
    """
    if lang != "ru":
        return {}
    out: dict[str, int] = {}
    for num, nom in _locale(lang).months["stand-alone"]["wide"].items():
        nom = nom.lower()
        if nom.endswith("ь"):
            # апрель -> апрельский, but январь -> январский: both spellings are kept.
            out[nom + "ск"] = out[nom[:-1] + "ск"] = num
        elif nom.endswith("й"):
            out[nom + "ск"] = num
        else:
            out[nom + "овск"] = num  # март -> мартовский, август -> августовский
    return out


@lru_cache(maxsize=65536)
def month_adjective_of(word: str, lang: str) -> int | None:
    """The month an adjective names (``апрельских`` -> 4), or ``None``.

    Args:
        word: one word as written.
        lang: its language; only Russian makes such adjectives.
    """
    w = lower(word, lang).replace("ё", "е")
    for stem, num in month_adjective_stems(lang).items():
        if w.startswith(stem) and w[len(stem) :] in ru.ADJECTIVE_ENDINGS:
            return num
    return None


@locale_tables
def month_abbreviations(lang: str) -> dict[str, int]:
    """CLDR abbreviated month names that end in a dot (Russian ``окт.``, ``сент.``), dot cut.

    Only meaningful after a day number (``2 окт.``): on their own they are word fragments.
    """
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for num, name in _locale(lang).months[context]["abbreviated"].items():
            name = lower(name, lang)
            if name.endswith(".") and len(name) >= 4:
                out[name[:-1]] = num
    return out


# Asked of every word of a sentence by the date extractor, and again by the number and name
# extractors: the answer depends on the word alone.
@lru_cache(maxsize=65536)
def month_of(word: str, lang: str) -> int | None:
    """The month number a word names in ``lang`` (any inflected form), or ``None``.

    Args:
        word: one word as written (``apreldə``, ``Nisan'da``, ``апреле``, ``April``).
        lang: its language.
    """
    found = _month_of(word, lang)
    if found is None and lang in ("az", "tr") and word.isupper() and "I" in word:
        # "12 EKIM 2024": capitals from a tool that is not Turkish-aware put a plain I for
        # İ, which Turkic lower-casing reads as dotless ı.
        return _month_of(word.replace("I", "İ"), lang)
    return found


def _month_of(word: str, lang: str) -> int | None:
    forms = month_forms(lang)
    w = lower(word, lang)
    for ch in "'’`ʼ":
        if ch in w:
            w = w.split(ch, 1)[0]
    if w in forms:
        return forms[w]
    # A suffix glued on ("Temmuzda", "aprelin"). On a capitalised word a suffix that breaks
    # vowel harmony makes it a name ("Martin"; the month's is "Martın"), and so does a bare
    # possessive or "-ki" ("Mayki"); a lowercase word is a month however it is spelt.
    capital = word[:1].isupper()
    if lang in ("az", "tr"):
        for name, num in forms.items():
            rest = w[len(name) :]
            if len(name) >= 3 and w.startswith(name) and rest in turkic.MONTH_SUFFIXES:
                if capital and (rest.endswith("ki") or rest in ("", "ı", "i")):
                    continue  # "Mayki" is a name
                if capital and not turkic.harmonises(name, rest):
                    continue  # a capitalised word whose ending breaks harmony is a name
                return num
    return None


@locale_tables
def weekday_forms(lang: str) -> frozenset[str]:
    """Lowercase weekday names (not entities)."""
    loc = _locale(lang)
    out = set()
    for context in ("format", "stand-alone"):
        for name in loc.days[context]["wide"].values():
            out.add(lower(name, lang))
    return frozenset(out)


@locale_tables
def weekday_names(lang: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    """The weekday names of ``lang`` as lowercase word tuples with their ISO number (Monday
    1), longest first, so that "bazar ertəsi" (Monday) is tried before "bazar" (Sunday)."""
    days = _locale(lang).days
    out: dict[tuple[str, ...], int] = {}
    for context in ("format", "stand-alone"):
        for index, name in days[context]["wide"].items():
            out[tuple(lower(name, lang).split())] = index + 1
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), -len(" ".join(kv[0])))))


def _scale_text(pattern: str) -> str:
    return re.sub(r"[0#.,'\s\u00a0]+", " ", pattern.replace("'", "")).strip()


@locale_tables
def scale_words(lang: str) -> dict[str, int]:
    """Scale words of ``lang`` (``thousand``, ``млн``, ``milyard`` ...) -> power of ten.

    From CLDR's compact decimal formats (long and short) and, for Russian, num2words in every
    case. Single-letter short forms (``5K``, ``5M``) are kept with their case.
    """
    loc = _locale(lang)
    out: dict[str, int] = {}
    for style in ("long", "short"):
        fmts = loc.compact_decimal_formats.get(style) or {}
        for plural_forms in fmts.values():
            for magnitude, pattern in plural_forms.items():
                exp = len(magnitude) - 1
                if exp not in (3, 6, 9, 12):
                    continue
                word = _scale_text(str(pattern.pattern if hasattr(pattern, "pattern") else pattern))
                if word:
                    out[word if len(word) <= 2 else lower(word, lang)] = exp
    for value, exp in _SCALES.items():
        words = [_n2w(value, lang)]
        if lang == "ru":
            words += [_n2w(n * value, lang, case=c) for c in _RU_CASES for n in (1, 2, 5)]
        for text in words:
            parts = lower(text, lang).split()
            if parts:
                last = parts[-1]
                if lang == "tr" and last.startswith("bir") and len(last) > 4:
                    last = last[3:]  # num2words writes "birmilyon"
                out[last] = exp
    # Spellings used in news that CLDR does not list.
    extra = {
        "en": {"bn": 9, "mln": 6, "mn": 6, "trn": 12, "crore": 7, "crores": 7, "lakh": 5},
        "ru": {"тыс": 3, "млн": 6, "млрд": 9, "трлн": 12},
        "az": {"mln": 6, "mlrd": 9, "milyon": 6, "milyard": 9},
        "tr": {"milyar": 9, "mlr": 9, "mln": 6, "milyon": 6},
    }
    out.update(extra.get(lang, {}))
    return out


@locale_tables
def number_words(lang: str) -> dict[str, NumberWord]:
    """Lowercase number words of ``lang`` -> value and kind, generated with num2words.

    Cardinals 0-20, tens, Russian hundreds (all cases and genders), ordinals; Turkish and
    Azerbaijani atomic words (their compounds are written as separate words).
    """
    table: dict[str, NumberWord] = {}

    def add(text: str, value: int, kind: str) -> None:
        text = lower(text, lang).strip()
        for form in {text, text.replace("ё", "е")}:
            if form and " " not in form and "-" not in form and form not in table:
                table[form] = NumberWord(value, kind)

    for n in _ATOMS:
        if lang == "tr" and 11 <= n <= 19:
            continue  # "on bir": written as two words
        add(_n2w(n, lang), n, "cardinal")
        if lang == "ru":
            for case in _RU_CASES:
                for gender in ("", "f", "n"):
                    kw = {"case": case}
                    if gender:
                        kw["gender"] = gender
                    add(_n2w(n, lang, **kw), n, "cardinal")
        if n >= 1:
            if lang == "tr" and 11 <= n <= 19:
                continue
            add(_n2w(n, lang, to="ordinal"), n, "ordinal")
    if lang == "ru":
        for n in _RU_HUNDREDS:
            for case in _RU_CASES:
                add(_n2w(n, lang, case=case), n, "hundred")
        # "сотня" in the singular cases ("более сотни", more than a hundred); the plural is
        # an approximate quantity (numbers.py).
        for form in ("сотня", "сотни", "сотне", "сотню", "сотней"):
            add(form, 100, "hundred")
    else:
        word = lower(_n2w(100, lang), lang).split()[-1]
        table[word] = NumberWord(100, "hundred")
        ordinal = lower(_n2w(100, lang, to="ordinal"), lang).split()[-1]
        table.setdefault(ordinal, NumberWord(100, "ordinal"))
    if lang == "en":
        table.pop("naught", None)
    table.pop("", None)
    return table


@locale_tables
def ru_ordinal_stems() -> dict[str, int]:
    """Russian ordinal stems (``втор``, ``трет`` ...) for inflected ordinals (``второго``)."""
    out: dict[str, int] = {}
    for n in (*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100):
        word = _n2w(n, "ru", to="ordinal")
        if word and " " not in word:
            stem = word[:-2].replace("ё", "е")
            if stem.endswith("ь"):
                stem = stem[:-1]
            if len(stem) >= 3:
                out[stem] = n
    return out


@locale_tables
def day_ordinals(lang: str) -> dict[str, int]:
    """Days of the month written as ordinal words, lowercase, with a space for a hyphen:
    English ``sixth``, ``twenty first``; Russian in the nominative and genitive
    (``шестое``, ``шестого``, ``двадцать первого``). Empty for Azerbaijani and Turkish,
    which write the day in digits."""
    out: dict[str, int] = {}
    if lang not in ("en", "ru"):
        return out
    for n in range(1, 32):
        forms = (
            [_n2w(n, "en", to="ordinal")]
            if lang == "en"
            else [
                _n2w(n, "ru", to="ordinal", case=case, gender=gender)
                for case in ("nominative", "genitive")
                for gender in ("m", "n")
            ]
        )
        for form in forms:
            if form:
                out[form.lower().replace("-", " ").replace("ё", "е")] = n
    return out


@locale_tables
def ru_compound_prefixes() -> dict[str, int]:
    """Genitive numerals that open Russian compounds: ``двух``, ``трех``, ``пяти``, ``десяти``."""
    out: dict[str, int] = {}
    from num2words import num2words

    for n in (*range(2, 21), 30, 40, 50, 100):
        word = num2words(n, lang="ru", case="genitive").replace("ё", "е")
        if " " not in word:
            out[word] = n
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


# Country names that are also common words of the language, capitalised in the names of
# bodies: Turkish "Mali" is "financial" ("Mali Araştırmalar Enstitüsü").
_COUNTRY_COMMON = {"tr": frozenset({"mali"})}


@locale_tables
def country_names(lang: str) -> dict[str, str]:
    """Lowercase country and region names of ``lang`` (CLDR territories) -> concept key."""
    loc = _locale(lang)
    out: dict[str, str] = {}
    skip = _COUNTRY_COMMON.get(lang, frozenset())
    for code, name in loc.territories.items():
        if lower(name, lang) in skip:
            continue
        # UN, EU and the euro area are bodies, not countries: concepts.tsv has them.
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "XK", "UN", "EU", "EZ", "QO"):
            out[lower(name, lang)] = f"country:{code}"
            # "Myanmar (Burma)", "Мьянма (Бирма)": running text writes either name alone. An
            # acronym in brackets ("Гонконг (САР)") is a qualifier, not a name.
            m = re.fullmatch(r"(.+?) \((.+)\)", name)
            if m:
                for part in m.groups():
                    if not part.isupper() and " " not in part:
                        out.setdefault(lower(part, lang), f"country:{code}")
    return out


# Time-zone regions whose exemplar cities are places the news names; Antarctic stations
# (Casey, Davis, Palmer) read as surnames, and Etc/ holds no places.
_CITY_REGIONS = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/",
                 "Indian/", "Pacific/")  # fmt: skip


@locale_tables
def city_names(lang: str) -> dict[str, str]:
    """City names of ``lang`` (CLDR's exemplar cities of time zones) -> ``city:`` concept key.

    CLDR writes each city as the language does (``Üsküp`` / ``Skopye`` / ``Скопье``,
    ``Viyana`` / ``Вена``), so exonyms a transcription cannot reach are joined: about 400
    cities, from the same data as the country names. Where a locale gives no name the city is
    written as its time-zone id spells it (``Europe/Berlin`` -> ``Berlin``), which is how
    Latin-script languages write it.
    """
    ids = [str(z) for z in _locale("ru").time_zones if str(z).startswith(_CITY_REGIONS)]
    zones = _locale(lang).time_zones
    out: dict[str, str] = {}
    for zone in sorted(ids):
        own = str(zones.get(zone, {}).get("city") or "")
        name = own or (zone.rsplit("/", 1)[-1].replace("_", " ") if lang != "ru" else "")
        # Names of one or two letters, or with a bracket ("Kiritimati (Line Is.)"), are no
        # words running text writes.
        if len(name) >= 3 and name[:1].isupper() and not re.search(r"[()]", name):
            out.setdefault(lower(name, lang), f"city:{zone}")
    return out


@locale_tables
def known_concept_rows() -> tuple[tuple[str, ...], ...]:
    """The built-in concept table (``aligntext/data/concepts.tsv``): one row per concept.

    Each row holds the ``|``-separated forms in en, az, ru and tr. The table lists what CLDR
    does not carry: international bodies (``UN`` / ``BMT`` / ``ООН`` / ``BM``), state
    institutions named in official statements, and places whose names are translated.
    """
    text = resources.files("aligntext").joinpath("data/concepts.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]
    header, body = rows[0], rows[1:]
    order = [header.index(lang) for lang in ("en", "az", "ru", "tr")]
    return tuple(tuple(row[i].strip() if i < len(row) else "" for i in order) for row in body)


@locale_tables
def known_concepts(lang: str) -> dict[str, str]:
    """Built-in concept names of ``lang`` (international bodies, institutions, places).

    Returns:
        Each form as written (``ООН``, ``Организация Объединённых Наций``) -> its concept key,
        ``known:`` plus the first English form (``known:UN``); a row that names a CLDR country
        (``United States``, ``United Kingdom``) shares its concept (``country:US``).
    """
    col = {"en": 0, "az": 1, "ru": 2, "tr": 3}[lang]
    countries = country_names("en")
    out: dict[str, str] = {}
    for row in known_concept_rows():
        forms = row[0].split("|")
        # A row that names a CLDR country (short forms, other spellings) joins its concept.
        concept = next(
            (countries[f.lower()] for f in forms if f.lower() in countries), "known:" + forms[0]
        )
        for form in row[col].split("|"):
            if form.strip():
                out.setdefault(form.strip(), concept)
    return out


# Languages whose CLDR name is not taken as the demonym of the country CLDR's likely subtags
# give. English (likely en_US) and Arabic (likely ar_EG) are first languages of many
# countries: "English" is the England/UK row of concepts.tsv, "Arab"/"Arabic" the Arab world
# row. Welsh and Scottish Gaelic are regional in GB, so the official-language test below drops
# them; concepts.tsv links them to Wales and Scotland.
_DEMONYM_SKIP = frozenset({"en", "ar"})
# Where the likely territory is not the country the adjective names in the news: likely
# subtags give pt_BR, but "Portuguese" is Portugal's (Brazil's is "Brazilian").
_DEMONYM_TERRITORY = {"pt": "PT"}
# Language names that are, or with a suffix spell, everyday words (checked against wordfreq's
# most frequent words): Azerbaijani "tay" (peer), "marşal" (the rank), "fin" (finala) and
# "çin" (çini, tile; the country is capitalised "Çin"); Turkish "Dan" (a given name), "Leh"
# (Lehine, in favour of), "Çek" (cheque), "Fin" (Finali), "Tay" (Tayin, appointment) and
# "Kazak" (Kazaya: kaza, accident, with the k softened).
_DEMONYM_COMMON = {
    "az": frozenset({"tay", "marşal", "fin", "çin"}),
    "tr": frozenset({"dan", "leh", "çek", "fin", "tay", "kazak"}),
}
# Turkish language names are the demonym plus -ca/-ce/-ça/-çe (İspanyolca, Fransızca, Çince);
# the stem is the demonym (İspanyol, Fransız), and the suffix chain matches both.
_TR_LANGUAGE_SUFFIX = re.compile(r"(?<=\w{3})[cç][aeıi]$")


@locale_tables
def _demonym_territories() -> dict[str, str]:
    """Language code -> the country whose demonym its name doubles as (``ga`` -> ``IE``).

    A language counts when CLDR's likely subtags put it in a country where it is an official
    (or de facto official) language: Irish in Ireland, Spanish in Spain, Chinese in China.
    """
    from babel.core import get_global

    likely = get_global("likely_subtags")
    spoken = get_global("territory_languages")
    out: dict[str, str] = {}
    for code, subtags in likely.items():
        if "_" in code or code in _DEMONYM_SKIP or code == "und":
            continue
        territory = _DEMONYM_TERRITORY.get(code, str(subtags).rsplit("_", 1)[-1])
        if not (len(territory) == 2 and territory.isalpha()):
            continue
        status = spoken.get(territory, {}).get(code, {}).get("official_status")
        if status in ("official", "de_facto_official"):
            out[code] = territory
    return out


@locale_tables
def demonyms(lang: str) -> dict[str, str]:
    """Nationality adjectives and language names of ``lang`` -> country concept key.

    From CLDR's language names: ``Irish`` / ``irland`` / ``ирландский`` / ``İrlanda(ca)`` ->
    ``country:IE``, so "Irish" meets "Ирландии" and "Spanish" meets "İspanyol". Only one-word
    names are kept (``Swiss German`` is no demonym). Forms keep CLDR's case: lowercase ones
    (Azerbaijani and Russian write adjectives in lower case) are matched in any case.
    """
    names = _locale(lang).languages
    skip = _DEMONYM_COMMON.get(lang, frozenset())
    out: dict[str, str] = {}
    for code, territory in sorted(_demonym_territories().items()):
        name = names.get(code, "").strip()
        if not name or " " in name or "-" in name:
            continue
        if lang == "tr":
            name = _TR_LANGUAGE_SUFFIX.sub("", name)
        if len(name) < 3 or lower(name, lang) in skip:
            continue
        # Short Russian nouns (шона, урду, хинди) end like inflected names: "Шон" is a person.
        if lang == "ru" and not name.endswith("ий") and len(name) < 6:
            continue
        out.setdefault(name, f"country:{territory}")
    return out
