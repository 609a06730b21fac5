"""Weekdays: "on Monday", "в понедельник", "bazar ertəsi", "Pazartesi günü".

A weekday is a fact of a dated statement like the day of the month: a translation that says
Tuesday where the source says Monday has the event on another day. The names come from CLDR
(Babel, through :func:`~aligntext.check.locale_data.weekday_names`), in all four languages,
with the endings each language puts on them: Russian case endings (``в среду``, ``до
пятницы``), Azerbaijani and Turkish case and possessive suffixes (``cüməyə``,
``Pazartesi'den``), English plurals (``on Mondays``).

Three names are also ordinary words, and are read as weekdays only where that reading is
clear: Russian ``среда`` (also "environment": only ``в среду``, ``со среды``, ``к среде``
and the like), Azerbaijani ``bazar`` and Turkish ``pazar`` ("market": only capitalised
inside a sentence, or before ``günü`` and the like). An English weekday with a capitalised
neighbour is part of a name (``Sunday Times``, ``Super Tuesday``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from aligntext.check.locale_data import month_of, weekday_forms, weekday_names
from aligntext.check.memo import memoized
from aligntext.check.translit import lower
from aligntext.lang import turkic
from aligntext.langs import resolve_lang
from aligntext.types import Fact

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Russian endings on a weekday's stem (its name less a final vowel): ``среду``, ``пятницы``,
#: ``понедельника``, ``воскресенье`` / ``воскресенья``.
_RU_ENDINGS = frozenset(
    {"", "а", "я", "у", "ю", "е", "ы", "и", "ой", "ей", "ом", "ем", "ам", "ям", "ами", "ах", "ов"}
)
#: Words after which a Turkic "bazar" / "pazar" is the day ("pazar günü", on Sunday).
_TURKIC_DAY_WORDS = frozenset(
    {"günü", "gecəsi", "gecesi", "səhəri", "sabahı", "axşamı", "akşamı", "günündən", "gününə"}
)
#: Words before which Russian "среда" is the day, and the form it then takes.
_RU_WEDNESDAY = {
    "в": "среду",
    "на": "среду",
    "по": "средам",
    "каждую": "среду",
    "со": "среды",
    "с": "среды",
    "до": "среды",
    "к": "среде",
}
#: Names also ordinary words, by language (lowercase).
_AMBIGUOUS = {"az": "bazar", "tr": "pazar", "ru": "среда"}


def _last_word_ok(name: str, word: str, lang: str) -> bool:
    """Whether ``word`` (lowercase) is the weekday word ``name`` with an ending of ``lang``."""
    if lang == "en":
        return word in (name, name + "s")
    if lang == "ru":
        stem = name[:-1] if name[-1] in "аяеоь" else name
        if name.endswith("ье"):
            stem = name[:-1]
        return word.startswith(stem) and word[len(stem) :] in _RU_ENDINGS
    base, _, after = word.partition("'") if "'" in word else word.partition("’")
    if after:
        return base == name
    return word.startswith(name) and word[len(name) :] in turkic.MONTH_SUFFIXES


def _clear(lang: str, name: tuple[str, ...], words: list[re.Match[str]], i: int, j: int) -> bool:
    """Whether an ambiguous name (words ``i`` to ``j``) reads as the day here."""
    if " ".join(name) != _AMBIGUOUS.get(lang):
        return True
    low = lower(words[j - 1].group(0), lang)
    if lang == "ru":
        return i > 0 and _RU_WEDNESDAY.get(lower(words[i - 1].group(0), lang)) == low
    if j < len(words) and lower(words[j].group(0), lang) in _TURKIC_DAY_WORDS:
        return True
    # Capitalised inside a sentence: a date's weekday ("5 Nisan Pazar").
    return words[i].group(0)[:1].isupper() and i > 0


def _en_day(words: list[re.Match[str]], i: int) -> bool:
    """Whether the English weekday at ``i`` stands alone, not in a name with a capitalised
    neighbour ("Sunday Times", "Super Tuesday", "Good Friday"; a month or another weekday
    next to it is a date: "Monday, April 6")."""

    def dated(k: int) -> bool:
        word = words[k].group(0)
        return month_of(word, "en") is not None or lower(word, "en") in weekday_forms("en")

    after = i + 1 < len(words) and words[i + 1].group(0)[:1].isupper() and not dated(i + 1)
    # The sentence's first word is capitalised whatever it is ("On Monday").
    before = i > 1 and words[i - 1].group(0)[:1].isupper() and not dated(i - 1)
    return not after and not before


@lru_cache(maxsize=8)
def _names_by_prefix(lang: str) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]] | None:
    """``weekday_names(lang)`` by the first three letters of their first word, each group in
    the same order; ``None`` when a first word is too short to be filed so.

    A name can start at a word only when the word begins with the name's first word less
    its last letter (the shortest stem any language's endings leave: "воскресень-е",
    "cüm-ə"), so :func:`extract_weekdays` tries only the names filed under the word's first
    three letters instead of every name at every word (a tenth of a long comparison's time).
    """
    names = weekday_names(lang)
    if any(len(name[0]) < 4 for name, _ in names):
        return None
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for name, day in names:
        out.setdefault(name[0][:3], []).append((name, day))
    return {k: tuple(v) for k, v in out.items()}


def _candidates(lang: str, word: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    """The weekday names that may start at ``word`` (lowercase), in ``weekday_names`` order."""
    index = _names_by_prefix(lang)
    if index is None:
        return weekday_names(lang)
    return index.get(word[:3], ())


@memoized
def extract_weekdays(text: str, lang: str) -> list[Fact]:
    """The weekdays named in ``text``, as facts of kind ``weekday`` whose key is the ISO day
    number (``1`` Monday to ``7`` Sunday).

    Args:
        text: a sentence (or paragraph) in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling ``resolve_lang`` accepts).

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    lang = resolve_lang(lang)
    words = list(_WORD.finditer(text))
    lows = [lower(m.group(0), lang) for m in words]
    facts: list[Fact] = []
    i = 0
    while i < len(words):
        for name, day in _candidates(lang, lows[i]):
            j = i + len(name)
            if j > len(words) or tuple(lows[i : j - 1]) != name[:-1]:
                continue
            if lang == "en" and not (words[i].group(0)[:1].isupper() and _en_day(words, i)):
                continue
            if not _last_word_ok(name[-1], lows[j - 1], lang) or not _clear(
                lang, name, words, i, j
            ):
                continue
            start, end = words[i].start(), words[j - 1].end()
            facts.append(Fact("weekday", str(day), text[start:end], start, end))
            i = j - 1
            break
        i += 1
    return facts
