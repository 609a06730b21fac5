"""Named-entity extraction: glossary terms, known names (CLDR countries), capitalised spans.

An entity fact's ``key`` is a concept (``glossary:3``, ``country:IN``, ``known:UN``) when the
span is a glossary or built-in term, else the transliteration keys of its words joined by
spaces (``ilham aliyev``). Its ``words`` hold those word keys, always, so a concept can still
be compared with a name spelled out on the other side; its ``tags``:

- ``concept``: from the user glossary or the built-in lists (CLDR territories);
- ``acronym``: all capitals (``NATO``, ``ООН``);
- ``initial``: the span starts a sentence, so its first word may just be capitalised there.

Only words that start with a capital (or acronyms, or glossary terms) are taken: Russian,
Azerbaijani and Turkish capitalise names and little else, and English titles (``President``)
ride along in a span with the name they precede.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from aligntext.check.glossary import Glossary, builtin_index, find_terms
from aligntext.check.lexicon import is_vocabulary, is_word
from aligntext.check.locale_data import month_of, weekday_forms
from aligntext.check.morph import cut_endings
from aligntext.check.translit import TURKIC_MORPHS, lower, translit_key, translit_keys
from aligntext.lang import SCALE_NAMES, en
from aligntext.lang.ru import base_forms as ru_base_forms
from aligntext.langs import resolve_lang
from aligntext.types import Fact

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Lowercase particles inside names: "Ministry of Foreign Affairs", "Jaish-e-Mohammad" is one
# token already; "bin", "al", "de" join Arabic and Romance names.
_CONNECTORS = {"of", "the", "de", "da", "al", "el", "bin", "ibn", "von", "van", "der", "la", "du"}
# A sentence starts at the text's start, after final punctuation, or after an opening quote
# or dash that itself follows a space (a closing quote follows a letter or comma). Brackets
# hold names and acronyms ("Neumann Kaffee Gruppe (NKG)"), not new sentences.
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|(?:^|\s)(?:[\"'«“„‘’—–-]\s*)+)$")


# Cached: the names checks ask it about the same words of a text a great many times.
@lru_cache(maxsize=65536)
def _is_acronym(tok: str) -> bool:
    # A suffix after an apostrophe or hyphen (NATO's, BMT-nin) or a plural s (IITs) aside.
    tok = re.split(r"['’]|-(?=[^\W\d_]*[a-zəçşğıöü]$)", tok)[0]
    if len(tok) >= 3 and tok.endswith("s") and tok[:-1].isupper():
        tok = tok[:-1]
    letters = [c for c in tok if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


# Abbreviated titles and initials whose dot does not end a sentence: "Mr. Rashad Hasanov",
# "Dr. V. Ahmadov", "г-на В. Ахмедова".
_TITLE_DOT = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Rev|Sgt|Jr|Sr|Hon|Amb"
    r"|[^\W\d_])\.\s+$"
)
_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Prof"}


def _is_initial(text: str, start: int) -> bool:
    if _TITLE_DOT.search(text[max(0, start - 8) : start]):
        return False
    # Searched in place (not in a slice) so that "^" is the text's start only; a run of
    # quotes such as "‘ ’ " may open a quoted sentence.
    return bool(_SENTENCE_START.search(text, max(0, start - 12), start))


# Languages whose dictionary lists inflected forms (Webster's and GCIDE, OpenCorpora), so that
# a word it lacks is no common word. The Azerbaijani and Turkish ones are roots reached by
# cutting suffixes by rule, which leaves inflected common words unknown ("Bununla", "with
# this", "Rapçi", rapper), so there a word must also be rare (below COMMON_ZIPF, looked up
# under its stems) to open a sentence as a name.
_FULL_FORM_DICTIONARIES = frozenset({"en", "ru"})


def _unknown_word(word: str, lang: str) -> bool:
    """A word of four letters or more that neither ``lang``'s dictionary nor English's has
    (an English word quoted in Russian text is a word too), and no month or weekday; in
    Azerbaijani and Turkish also a rare one (``Kəlbəcərin``, not ``Bununla``)."""
    base = re.split(r"['’]", word)[0]
    if len(base) < 4 or not base.isalpha() or not_a_name(base, lang):
        return False
    if lang not in _FULL_FORM_DICTIONARIES:
        return (
            lang in ("az", "tr")
            and not is_word(base, lang)
            and commonness(base, lang) < COMMON_ZIPF
        )
    return not is_word(base, lang)


def _apostrophe_name(word: str, lang: str) -> bool:
    """A Turkish proper noun by its spelling: Turkish sets a suffix off by an apostrophe only
    after a proper noun ("Kelbecer'in", "Hocalı'da"), and the part before it is no
    dictionary word."""
    if lang != "tr":
        return False
    parts = re.split(r"['’]", word)
    return (
        len(parts) == 2
        and len(parts[0]) >= 3
        and parts[1].isalpha()
        and not is_word(parts[0], lang)
    )


def not_a_name(tok: str, lang: str) -> bool:
    """Capitalised words that are not names: months, weekdays, temperature scales."""
    base = re.split(r"['’]", tok)[0]
    low = lower(base, lang)
    return (
        month_of(base, lang) is not None
        or low in weekday_forms(lang)
        or any(low.startswith(s) for stems in SCALE_NAMES.values() for s in stems)
    )


# Cached: asked for every word of every text the name rules read, and texts repeat their words.
@lru_cache(maxsize=65536)
def name_keys(word: str, lang: str) -> tuple[str, ...]:
    """:func:`translit_keys` of a word, and for a Russian word those of its nominative forms
    (:func:`aligntext.lang.ru.base_forms`: ``Куры`` -> ``Кура``, ``Габалинский`` ->
    ``Габала``)."""
    keys = translit_keys(word, lang)
    if lang == "ru" and word[:1].isupper():
        extra = (k for form in ru_base_forms(word) for k in translit_keys(form, lang))
        keys = tuple(dict.fromkeys((*keys, *extra)))
    return keys


def word_keys(text: str, lang: str) -> list[str]:
    """Transliteration keys of every word of ``text`` (3+ letters), for name look-ups.

    Hyphenated words also give their parts, and two capitalised words in a row also give
    their concatenation (``Hong Kong`` meets ``Гонконг``).
    """
    return [key for key, _ in _word_key_items(text, lang)]


def word_keys_by_case(text: str, lang: str) -> tuple[list[str], list[str]]:
    """:func:`word_keys` in two lists: those of capitalised words, and those of the others."""
    upper: list[str] = []
    lower_: list[str] = []
    for key, capitalised in _word_key_items(text, lang):
        (upper if capitalised else lower_).append(key)
    return upper, lower_


def _word_key_items(text: str, lang: str) -> list[tuple[str, bool]]:
    """The keys of :func:`word_keys`, each with whether its word is capitalised."""
    out: list[tuple[str, bool]] = []
    prev: re.Match[str] | None = None
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        cap = tok[0].isupper()
        if len(tok) >= 3 or _is_acronym(tok):
            out.extend((k, cap) for k in _token_keys(tok, lang))
        if (
            prev is not None
            and cap
            and prev.group(0)[0].isupper()
            and text[prev.end() : m.start()] == " "
            # An article is no part of a one-word spelling of a name: "The Red"
            # would give "tarad", which meets "Tərtər".
            and prev.group(0).lower() not in en.ARTICLES
        ):
            out.extend((k, True) for k in translit_keys(prev.group(0) + tok.lower(), lang))
        prev = m
    return out


@lru_cache(maxsize=65536)
def _token_keys(tok: str, lang: str) -> tuple[str, ...]:
    """The keys of one word for :func:`_word_key_items`: its :func:`name_keys`, then those of
    the parts of a hyphenated word (cached: a text repeats its words)."""
    keys = name_keys(tok, lang)
    if "-" in tok:
        keys += tuple(
            k for part in tok.split("-") if len(part) >= 3 for k in translit_keys(part, lang)
        )
    return keys


def concepts_in(
    text: str, lang: str, glossary: Glossary | None = None
) -> list[tuple[int, int, str]]:
    """Glossary and built-in concept occurrences: ``(start, end, concept)``, glossary first."""
    found: list[tuple[int, int, str]] = []
    if glossary is not None:
        found.extend(glossary.find(text, lang))
    for s, e, c in find_terms(text, lang, builtin_index(lang)):
        if not any(a < e and s < b for a, b, _ in found):
            found.append((s, e, c))
    return sorted(found)


def extract_entities(text: str, lang: str, glossary: Glossary | None = None) -> list[Fact]:
    """Named entities in ``text``: glossary and known terms, then capitalised spans.

    Args:
        text: a sentence in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr``.
        glossary: a user glossary; its terms win over every heuristic.

    Returns:
        Entity facts (``kind="entity"``) in order of position.
    """
    lang = resolve_lang(lang)
    facts: list[Fact] = []
    concept_spans = concepts_in(text, lang, glossary)
    for s, e, concept in concept_spans:
        keys = tuple(translit_key(t, lang) for t in _TOKEN.findall(text[s:e]))
        facts.append(Fact("entity", concept, text[s:e], s, e, frozenset({"concept"}), words=keys))

    tokens = [
        m for m in _TOKEN.finditer(text) if not any(a <= m.start() < b for a, b, _ in concept_spans)
    ]
    # A text in capitals (a headline) gives no capitalisation signal.
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return sorted(facts, key=lambda f: f.start)

    spans: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for i, m in enumerate(tokens):
        tok = m.group(0)
        capital = (
            tok[0].isupper()
            and not not_a_name(tok, lang)
            and not (tok in _TITLES and text[m.end() : m.end() + 1] == ".")
        )
        joined = current and re.fullmatch(r"[ \u00a0]", text[current[-1].end() : m.start()] or "x")
        if capital and joined:
            current.append(m)
            continue
        if (
            current
            and joined
            and lang == "en"
            and tok in _CONNECTORS
            and i + 1 < len(tokens)
            and tokens[i + 1].group(0)[0].isupper()
        ):
            current.append(m)
            continue
        if current:
            spans.append(current)
        current = [m] if capital else []
    if current:
        spans.append(current)

    for span in spans:
        while span and span[-1].group(0) in _CONNECTORS:
            span.pop()
        if not span:
            continue
        tags = []
        if _is_initial(text, span[0].start()):
            first = span[0].group(0)
            inner_capital = any(c.isupper() for c in first[1:])
            # A word no dictionary knows is a name wherever it stands ("Kalbajar was ...").
            sure = (
                _is_acronym(first)
                or inner_capital
                or _unknown_word(first, lang)
                or _apostrophe_name(first, lang)
            )
            if len(span) == 1 and not sure:
                continue  # one capitalised word opening a sentence: no evidence of a name
            if not sure:
                span = span[1:]
                while span and span[0].group(0) in _CONNECTORS:
                    span = span[1:]
                if not span:
                    continue
                tags.append("initial")
        words = [m.group(0) for m in span if m.group(0) not in _CONNECTORS]
        if all(_is_acronym(w) for w in words):
            tags.append("acronym")
        keys = tuple(translit_key(w, lang) for w in words)
        s, e = span[0].start(), span[-1].end()
        facts.append(Fact("entity", " ".join(keys), text[s:e], s, e, frozenset(tags), words=keys))
    return sorted(facts, key=lambda f: f.start)


#: Words at least this frequent (wordfreq's Zipf scale) are common words, not names, even when
#: capitalised: ``Council``, ``Федерального``, ``Kurulu``. Most names are rarer (``Devlin``
#: 2.3 in Russian spelling, ``Magombeyi`` 0); famous ones (``Trump``) are not checked as names,
#: the price of staying quiet on translated institution names.
COMMON_ZIPF = 3.0

_AZ_TO_TR = str.maketrans({"x": "h", "q": "k"})

# Turkish and Azerbaijani suffix morphs (case, possessive, plural, copula, -lı, -ca, -ki), cut
# from a word's end to find the common word under an inflected or compound form:
# "Kurullarına" is "kurul", "Anayasamız" is "anayasa", "Heyətlərinə" is "heyət".
# On top of the shared morphs: first-person possessive, possessive plurals, the copula -dır
# and the instrumental -yla.
_V4 = ("ı", "i", "u", "ü")
_TURKIC_MORPHS = tuple(
    sorted(
        {
            *TURKIC_MORPHS,
            *(v + "m" for v in _V4),
            "m",
            "n",
            *(p + v + "z" for p in ("m", "n", "ım", "im", "um", "üm") for v in _V4),
            *("yl" + v for v in ("a", "e", "ə", *_V4)),
            *(d + v + "r" for d in ("d", "t") for v in _V4),
        },
        key=len,
        reverse=True,
    )
)
_SOFTENED = {"ğ": "k", "b": "p", "c": "ç", "d": "t"}


@lru_cache(maxsize=65536)
def turkic_stems(word: str) -> frozenset[str]:
    """``word`` and what is left of it after cutting one to three suffix morphs (4+ letters)."""
    stems = cut_endings(word, _TURKIC_MORPHS, 3, 4)
    stems |= {w[:-1] + _SOFTENED[w[-1]] for w in stems if w[-1] in _SOFTENED}
    return frozenset(stems)


@lru_cache(maxsize=65536)
def commonness(word: str, lang: str) -> float:
    """How common a word is in ``lang`` (Zipf frequency, 0 if unknown), apostrophe suffix cut.

    Turkish and Azerbaijani words are looked up under their stems too (the most common one
    counts), since inflected and compound forms are rare as strings. Azerbaijani has no word
    list of its own here; it is looked up in Turkish after folding its letters
    (``heyəti`` -> ``heyeti``). Returns 0 when wordfreq is not installed.
    """
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    base = lower(re.split(r"['’]", word)[0], lang)
    if lang == "az":
        # Many Azerbaijani words have a Turkish cognate a letter or two away: ə is e or a,
        # doubled consonants are single (cəmiyyət / cemiyet), x is h, q is k.
        variants = set()
        for stem in turkic_stems(base):
            folded = stem.translate(_AZ_TO_TR)
            # Each ə on its own (məhkəmə / mahkeme), up to four of them.
            parts = folded.split("ə")
            choices = (
                product("ea", repeat=len(parts) - 1) if len(parts) <= 5 else ["e" * 9, "a" * 9]
            )
            for letters in choices:
                v = parts[0] + "".join(x + p for x, p in zip(letters, parts[1:], strict=False))
                variants |= {v, re.sub(r"(.)\1", r"\1", v)}
        return max(float(zipf_frequency(v, "tr")) for v in variants)
    if lang == "tr":
        return max(float(zipf_frequency(v, "tr")) for v in turkic_stems(base))
    if lang == "ru":
        base = base.replace("ё", "е")
    return float(zipf_frequency(base, lang))


def name_tokens(fact: Fact) -> list[str]:
    """The words of an entity span that may be names (connectors and short words left out)."""
    return [t for t in _TOKEN.findall(fact.text) if t not in _CONNECTORS and len(t) >= 3]


def initials(text: str, lang: str) -> frozenset[str]:
    """The initials of every run of two to six words that starts with a capital.

    Short lowercase words (``of``, ``and``, ``и``) are passed over and hyphenated words count
    their parts, so an acronym finds its spelt-out form in the other text: ``LA`` meets
    ``Лос-Анджелес``, ``ФРС`` meets ``Federal Reserve System``, ``OECD`` meets ``Organisation
    for Economic Cooperation and Development``. Initials are transliteration keys' first
    letters.
    """
    firsts: list[str] = []
    caps: list[bool] = []
    for m in _TOKEN.finditer(text):
        for first, cap in _token_initials(m.group(0), lang):
            firsts.append(first)
            caps.append(cap)
    # Each initial is one letter, so a run's initials are a slice of them all.
    letters = "".join(firsts)
    out: set[str] = set()
    for i, cap in enumerate(caps):
        if not cap:
            continue
        for n in range(2, 7):
            if i + n <= len(letters):
                out.add(letters[i : i + n])
    return frozenset(out)


@lru_cache(maxsize=65536)
def _token_initials(tok: str, lang: str) -> tuple[tuple[str, bool], ...]:
    """The initial (first letter of the key) of each part of a word :func:`initials` counts,
    with whether the part is capitalised (cached: a text repeats its words)."""
    out = []
    for part in tok.split("-"):
        if not part or (len(part) <= 3 and part.islower()):
            continue
        key = translit_key(part, lang)
        if key:
            out.append((key[0], part[0].isupper()))
    return tuple(out)


def acronym_keys(text: str, lang: str) -> frozenset[str]:
    """Transliteration keys of the acronyms of ``text`` (``LA`` -> ``la``, ``ФРС`` -> ``frs``)."""
    return frozenset(
        k
        for m in _TOKEN.finditer(text)
        if _is_acronym(m.group(0))
        for k in translit_keys(m.group(0), lang)
    )


def is_acronym(word: str) -> bool:
    """All capitals, 2-6 letters, an apostrophe suffix aside (``NATO``, ``UAE’s``, ``ООН``)."""
    return _is_acronym(word)


def is_headline(text: str, lang: str | None = None) -> bool:
    """Title Case text (most words capitalised) gives no capitalisation signal.

    With ``lang``, capitalised words count only if they are dictionary words of that
    language, so that a sentence full of names ("Aliyev met Hasanov and Mammadov in Ganja",
    "Leyla Mammadova and Rashad Hasanov will open the Ganja Water Plant") is not taken
    for a headline while "Facebook Removes Fake Accounts" is.
    """
    words = re.findall(r"[^\W\d_]{4,}", text)
    if lang is not None:
        # Capitalised dictionary words against all lowercase words: names ("Jennifer
        # Lopez", "NEW YORK") are neither, so a sentence full of them stays a sentence.
        caps = sum(
            1
            for w in words
            # (An all-capitals dateline, "NEW YORK (AP)", is no Title Case.)
            if w[0].isupper()
            and not w.isupper()
            and is_vocabulary(w, lang)
            and commonness(w, lang) >= 3.0
        )
        lows = sum(1 for w in words if w[0].islower())
        return caps >= 3 and caps >= 0.6 * (caps + lows)
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def capitalised_keys(text: str, lang: str, lowercase: bool = False) -> list[tuple[str, ...]]:
    """Transliteration keys of each capitalised word of ``text`` (4+ letters), one tuple a
    word, sentence-initial ones included: for counting how often a name occurs. With
    ``lowercase``, those of the other words instead ("луандского")."""
    return [
        translit_keys(m.group(0), lang)
        for m in _TOKEN.finditer(text)
        if m.group(0)[0].isupper() is not lowercase and len(m.group(0)) >= 4
    ]


def capitalised_tokens(text: str) -> list[re.Match[str]]:
    """Capitalised words and acronyms of ``text`` that do not open a sentence."""
    return [
        m
        for m in _TOKEN.finditer(text)
        if m.group(0)[0].isupper() and (not _is_initial(text, m.start()) or _is_acronym(m.group(0)))
    ]


def entity_word_keys(fact: Fact) -> list[tuple[str, ...]]:
    """The keys of each word of an entity fact, in order: its ``words`` entry, and for a
    Russian (Cyrillic) word also those of its nominative forms (see :func:`name_keys`)."""
    keys = entity_keys(fact)
    words = entity_words(fact)
    if len(words) != len(keys):
        return [(k,) for k in keys]
    return [
        name_keys(w, "ru") if _CYRILLIC.search(w) else (k,)
        for w, k in zip(words, keys, strict=True)
    ]


def entity_words(fact: Fact) -> list[str]:
    """The words of an entity fact as written, in order, as its keys take them (``of``,
    ``de``, ``bin`` left out of a name that is no concept)."""
    words = _TOKEN.findall(fact.text)
    if "concept" not in fact.tags:
        words = [w for w in words if w not in _CONNECTORS]
    return words


def entity_keys(fact: Fact) -> list[str]:
    """The word keys of an entity fact (its ``words``; for a fact without them, its key's)."""
    if fact.words:
        return [k for k in fact.words if k]
    return fact.key.split() if ":" not in fact.key else []
