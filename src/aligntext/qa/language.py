"""``wrong_language``: which of en, az, ru, tr a translation is in, if any.

py3langid (through :mod:`aligntext.langid`) tells the script families apart well on a
sentence: English, Russian, and the two Turkic languages together. Between Azerbaijani and
Turkish it errs too often for a check that must stay quiet on correct output, so the split
of the Turkic share is made by :mod:`aligntext.qa.aztr`, a model learnt for that one question.

A sentence that is mostly names and figures ("Liverpool 2-1 Chelsea") reads as any language;
the verdict is only given on text with enough ordinary (lowercase) words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from aligntext.errors import UnsupportedLanguageError
from aligntext.langid import detect_language, language_scores
from aligntext.qa import aztr

# Fewer letters than this: too short to tell a language by.
_MIN_LETTERS = 15
# Fewer ordinary words (lowercase, three letters or more) than this: names, not language.
_MIN_WORDS = 3
# The script family's probability (py3langid, four languages) needed to name it.
_FAMILY_PROB = 0.9
# Mean log-likelihood ratio per n-gram (az over tr) beyond which the az/tr model decides ...
AZTR_MARGIN = 0.12
# ... and beyond which it is sure (an error rather than a warning).
AZTR_SURE = 0.25
# Fewest n-grams the az/tr model must have seen to decide.
_MIN_GRAMS = 25
_ORDINARY = re.compile(r"(?<![^\W\d_])[a-zа-яёçşğüöıə][^\W\d_]{2,}")


@dataclass(frozen=True)
class Verdict:
    """The language a text reads as.

    Args:
        lang: ``en``, ``az``, ``ru`` or ``tr``; ``None`` when it is in none of them.
        sure: a clear case (an error when it is not the language asked for).
        reason: for ``lang=None``, what it looks like instead ("it is written in Han script").
    """

    lang: str | None
    sure: bool
    reason: str = ""


def _script_share(text: str, script: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    hits = 0
    for ch in letters:
        try:
            hits += unicodedata.name(ch).startswith(script)
        except ValueError:
            continue
    return hits / len(letters)


def read_language(text: str, expected: str) -> Verdict | None:
    """The language ``text`` reads as, or ``None`` when it is too short or too name-heavy
    to tell (or reads as ``expected`` without doubt, which callers treat alike).

    Args:
        text: a translation.
        expected: the language asked for.
    """
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < _MIN_LETTERS:
        return None
    try:
        detect_language(text)
    except UnsupportedLanguageError as exc:
        # The reason sits in brackets: "... none of en, az, ru, tr (it looks like Greek); ..."
        m = re.search(r"\(([^()]*)\)", str(exc))
        return Verdict(None, True, m.group(1) if m else "none of the four languages")
    if len(_ORDINARY.findall(text)) < _MIN_WORDS:
        return None
    cyrillic = _script_share(text, "CYRILLIC")
    if expected == "ru" and cyrillic >= 0.5:
        return Verdict("ru", True)
    if expected != "ru" and cyrillic > 0.7:
        return Verdict("ru", True)
    scores = language_scores(text)
    turkic = scores["az"] + scores["tr"]
    families = {"en": scores["en"], "ru": scores["ru"], "turkic": turkic}
    family = max(families, key=families.__getitem__)
    if family != "turkic":
        return Verdict(family, families[family] >= _FAMILY_PROB)
    score, grams = aztr.model().score(text)
    if grams < _MIN_GRAMS or abs(score) < AZTR_MARGIN:
        # Turkic, but which one is unclear: no verdict against either.
        return Verdict(expected if expected in ("az", "tr") else "az", False)
    lang = "az" if score > 0 else "tr"
    return Verdict(lang, turkic >= _FAMILY_PROB and abs(score) >= AZTR_SURE)
