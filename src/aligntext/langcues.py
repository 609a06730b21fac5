"""Letters and words that tell languages apart where py3langid's scores do not.

:mod:`aligntext.langid` reads its verdicts from py3langid's model; this module holds the
evidence it weighs on top, all of it plain facts about alphabets and capitalisation:

* Cyrillic letters Russian does not use (``і ї є ґ``, ``ә ө ү``, ``ј љ њ`` ...) and the
  languages that use them, to name the language of a Cyrillic text that is not Russian.
* ``x`` and ``q``, letters of Azerbaijani that Turkish does not use, counted in ordinary
  words only: a Turkish text quoting "Xankəndi" or "Netflix" has them in names; and, the
  other way, words only Turkish writes ("için", "değil", "-yor").
* The ordinary words of a text (names left out), so that an English text full of
  Azerbaijani names is judged by its English words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

#: The Russian alphabet (lowercase); any other Cyrillic letter is evidence of another language.
RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

# Languages written in Cyrillic with letters Russian does not use: English name, py3langid
# code, those letters (lowercase). Bulgarian uses no letter outside the Russian alphabet.
_OTHER_CYRILLIC: tuple[tuple[str, str, str], ...] = (
    ("Azerbaijani in Cyrillic script", "az", "әһјҹҝөүғ"),
    ("Ukrainian", "uk", "іїєґ"),
    ("Belarusian", "be", "іў"),
    ("Serbian", "sr", "јљњћђџ"),
    ("Macedonian", "mk", "јљњѓќџѕ"),
    ("Kazakh", "kk", "әөүұқңһіғ"),
    ("Tatar", "tt", "әөүҗңһ"),
    ("Bashkir", "ba", "әөүҙҫғҡңһ"),
    ("Kyrgyz", "ky", "өүң"),
    ("Tajik", "tg", "ғӣқӯҳҷ"),
    ("Uzbek in Cyrillic script", "uz", "ўқғҳ"),
    ("Mongolian", "mn", "өү"),
)


# A word, with a Turkish proper-noun suffix after an apostrophe (Bakü'de) kept on it; or a
# mark after which the next word starts a sentence (its capital says nothing).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[.!?…:;\"“”«»„()\n]")


def non_russian_cyrillic(letters: list[str]) -> tuple[Counter[str], int]:
    """The Cyrillic letters of ``letters`` outside the Russian alphabet (lowercased, with
    their counts), and how many Cyrillic letters there are in all."""
    foreign: Counter[str] = Counter()
    cyrillic = 0
    for ch in letters:
        # By name, as langid counts scripts: the Cyrillic Extended blocks too (ꙮ, ᲀ).
        if unicodedata.name(ch, "").startswith("CYRILLIC"):
            cyrillic += 1
            low = ch.lower()
            if low not in RUSSIAN_LETTERS:
                foreign[low] += 1
    return foreign, cyrillic


def cyrillic_language(foreign: Mapping[str, int], model: Mapping[str, float]) -> str | None:
    """The language whose alphabet best explains the non-Russian Cyrillic letters found.

    Each language scores the letters it uses less those it does not; among equal scores the
    one py3langid (``model``: its probabilities by code) finds likeliest wins. ``None`` when
    no language explains more letters than it leaves out.
    """
    best: tuple[int, float] | None = None
    name: str | None = None
    for lang, code, alphabet in _OTHER_CYRILLIC:
        score = sum(n if ch in alphabet else -n for ch, n in foreign.items())
        key = (score, model.get(code, 0.0))
        if score > 0 and (best is None or key > best):
            best, name = key, lang
    return name


def _words(text: str) -> list[tuple[str, bool]]:
    """The words of ``text``, each with whether it is a name: capitalised where a sentence
    (or a line, a quotation, a bracket) does not start, or bearing a Turkish name suffix."""
    out: list[tuple[str, bool]] = []
    first = True
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[0].isalpha():
            first = True
            continue
        name = (word[0].isupper() and not first) or "'" in word or "’" in word
        out.append((word, name))
        first = False
    return out


def ordinary_text(text: str) -> str:
    """``text`` without its names (capitalised words inside a sentence, words with a Turkish
    name suffix), the other words joined by spaces."""
    return " ".join(word for word, name in _words(text) if not name)


def azerbaijani_letters(text: str) -> tuple[int, int, int]:
    """Evidence for Azerbaijani over Turkish: ``x`` and ``q`` in lowercase words; ``x`` and
    ``q`` in a sentence's capitalised first word followed by a word that is not a name
    ("Xankəndi şəhərində", but also "Brexit için"; not "Brexit Haberleri"); and ``x``, ``q``
    and ``ə`` in any word that is not a name (not "Bakü'de Xankəndi").

    Turkish writes none of the three letters; in Turkish text they occur in names and
    foreign words. The first count is what detection relies on (in 1,650 Turkish news
    sentences one lowercase word had one: "box"); the second only where the text has no
    word only Turkish writes (:func:`turkish_words`; 9 of 1,450 Turkish sentences start with
    a word like "Sussex" or "Brexit", none of them counted so); the third only says that a
    text may well be Azerbaijani.
    """
    lower = 0
    first = 0
    ordinary = 0
    words = _words(text)
    for i, (word, name) in enumerate(words):
        if name:
            continue
        hits = sum(1 for ch in word if ch in "xqXQ")
        ordinary += hits + sum(1 for ch in word if ch in "əƏ")
        if word[0].islower():
            lower += hits
        elif i + 1 == len(words) or not words[i + 1][1]:
            first += hits  # a capitalised word before a name may start a title
    return lower, first, ordinary


# Frequent Turkish words whose Azerbaijani counterparts are spelt otherwise even when "ə" is
# typed as "e" and the text is typed without diacritics (için: üçün, çok: çox, kadar: qədər,
# gibi: kimi ...), and the Turkish present tense in -yor (Azerbaijani -ır): none of them is in
# 1,350 Azerbaijani news sentences, one of them is in 893 of 1,450 Turkish ones. Compared without
# diacritics, so that Turkish typed in ASCII ("icin", "degil") counts.
_TURKISH_ONLY = frozenset({
    "icin", "degil", "degildir", "gibi", "kadar", "cok", "yok", "olarak", "ancak", "simdi",
    "nasil", "ama", "veya", "yani", "hic", "tarafindan", "buyuk", "yil", "yilinda", "ulke",
    "belirtti", "tum", "cunku", "herkes", "uzere", "artik",
})  # fmt: skip
_TURKISH_PRESENT = re.compile(r"[aeiou]yor")
_FOLD = str.maketrans("çğıöşüâîûÇĞIİÖŞÜÂÎÛ", "cgiosuaiuCGIIOSUAIU")


def turkish_words(text: str) -> int:
    """How many words of ``text`` (names left out) only Turkish writes: evidence for
    Turkish over Azerbaijani that does not depend on how "ə" was typed."""
    count = 0
    for word, name in _words(text):
        if name:
            continue
        folded = word.translate(_FOLD).lower()
        if folded in _TURKISH_ONLY or _TURKISH_PRESENT.search(folded):
            count += 1
    return count
