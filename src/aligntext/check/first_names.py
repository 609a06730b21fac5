"""Another first name before the same surname: "Ilham Aliyev" / "Heydər Əliyev" is another person.

The name rules (:mod:`aligntext.check.names`) take a first name gone for a word translators
often drop; this module finds where one first name stands in another's place before a
surname both sides share.
"""

from __future__ import annotations

import math
import re

from aligntext.check.entities import is_acronym, not_a_name
from aligntext.check.lexicon import is_listed_name, is_person_name, is_title, is_word
from aligntext.check.name_model import name_similarity, same_name
from aligntext.check.name_units import Unit, resembles
from aligntext.check.translit import names_match

#: Two first names before one surname are two people only when the learned score of the pair
#: is below this. Chosen on first names written for the project in the four scripts (30 names,
#: 12 spellings each; not the development lines): one name in two spellings never scored
#: below -0.54 ("Hugh" / "Хью"), and 77% of two different names score below -0.8.
FIRST_NAMES_APART = -0.8


def first_names_changed(
    s_units: list[Unit],
    t_units: list[Unit],
    found: dict[int, bool],
    t_found: dict[int, bool],
    langs: tuple[str, str],
) -> list[tuple[Unit, Unit, Unit, Unit]]:
    """(source first name, target first name, their surnames) of one person whose surname
    both sides share and whose first names differ ("Ilham Aliyev" / "Heydər Əliyev").

    On each side a person is a first name and the surname right after it in one span, after
    nothing but titles (:func:`~aligntext.check.lexicon.is_title`) or other words; the
    surnames meet, the first names have no counterpart and are far apart by the learned
    matcher (:data:`FIRST_NAMES_APART`): a first name spelt another way ("Hugh" / "Хью") is
    the same person, a title put in its place ("Prezident Əliyev") or a translated word
    ("Baja California" / "Нижняя Калифорния") no first name.
    """
    sl, tl = langs
    out = []
    for u in s_units:
        surname = _person(u, s_units, sl)
        if surname is None or found[id(u)] or not found[id(surname)] or is_acronym(u.word):
            continue
        # The source's surname is a name by the dictionary: a word there is part of a body's
        # name ("Senat Məhkəmə Komitəsinə"), unless a dictionary lists it as a name too
        # ("Emery", "Milner") or the target's is a surname by OpenCorpora ("Паркера").
        listed = surname.namelike or _listed_first_name(surname.word, sl)
        # The full-form dictionaries tell a word from a name; the Azerbaijani and Turkish
        # ones list many first names as words ("Heydər", lion), so there a dictionary word
        # counts as a first name only against one that is no word ("Ilham"): two words are
        # the translated words of a body's name ("Ümumi Məclisində" / "Genel Meclisinde").
        u_word = is_word(u.word, sl) and not _listed_first_name(u.word, sl)
        if u_word and sl in ("en", "ru"):
            continue
        for w in t_units:
            t_surname = _person(w, t_units, tl)
            if (
                t_surname is None
                or t_found[id(w)]
                or not t_found[id(t_surname)]
                or not _same_word(surname, t_surname, langs)
                or is_acronym(w.word)
                or not_a_name(w.word, tl)
                # A full-form dictionary's word is a translated part of a name ("Нижняя").
                or (
                    tl in ("en", "ru")
                    and is_word(w.word, tl)
                    and not _listed_first_name(w.word, tl)
                )
                or not (listed or is_person_name(t_surname.word, tl))
                or (u_word and is_word(w.word, tl) and not is_person_name(w.word, tl))
                or resembles(w, s_units, tl, sl)
            ):
                continue
            score = name_similarity(u.word, sl, w.word, tl)
            if -math.inf < score < FIRST_NAMES_APART:
                out.append((u, w, surname, t_surname))
                break
    return out


def _listed_first_name(word: str, lang: str) -> bool:
    """A name a dictionary lists as one, though it is also a word: OpenCorpora's tags in
    Russian, Webster's capitalised entries in English (``Brett``, ``Guy``; "brett" and "guy"
    are words too). Azerbaijani and Turkish first names that are words (``Heydər``, lion)
    have no such list."""
    return lang in ("en", "ru") and is_listed_name(word, lang)


def _person(u: Unit, units: list[Unit], lang: str) -> Unit | None:
    """The surname after first name ``u``, when ``u``'s span has only titles or words before
    it; else ``None``."""
    span = [v for v in units if v.fact is u.fact]
    # The surname need not end the span: Azerbaijani and Turkish run a name into the next
    # ("Vüqar Əhmədov Gəncəyə", Vugar Ahmadov to Ganja).
    if u.concept or len(u.word) < 3 or len(span) < u.rank + 2:
        return None
    if is_title(u.word, lang):
        return None
    # Before it only titles and words ("Coach", "Тренер"); a name there ("Boris Conson
    # Terezanın Brexit", a run of names) makes the span no one person.
    if not all(is_title(v.word, lang) or is_word(v.word, lang) for v in span if v.rank < u.rank):
        return None
    surname = next(v for v in span if v.rank == u.rank + 1)
    return None if is_title(surname.word, lang) else surname


def _same_word(a: Unit, b: Unit, langs: tuple[str, str]) -> bool:
    """Whether two units spell one name, by the key or the learned matcher."""
    return any(names_match(k, x) for k in a.keys for x in b.keys) or same_name(
        a.word, langs[0], b.word, langs[1]
    )


def _script_lang(word: str) -> str:
    """A language to spell ``word`` by when none is known (fact accuracy compares facts
    without their languages): Russian for Cyrillic, Azerbaijani or Turkish by their letters,
    else English."""
    if re.search(r"[а-яё]", word, re.IGNORECASE):
        return "ru"
    if re.search(r"[əƏ]", word):
        return "az"
    return "tr" if re.search(r"[ıİğĞşŞ]", word) else "en"


def other_first_names(a: str, b: str) -> bool:
    """Whether ``a`` and ``b``, standing before one surname in two name spans, are two
    people's first names ("Ilham" / "Heydər" before "Aliyev" / "Əliyev"), by the same
    evidence as :func:`first_names_changed` with the languages read off the letters: no
    title or acronym, no English or Russian dictionary word, not both words of a dictionary,
    and far apart by the learned matcher."""
    la, lb = _script_lang(a), _script_lang(b)
    if is_acronym(a) or is_acronym(b):
        return False
    if any(is_title(w, lang) for w in (a, b) for lang in ("en", "az", "ru", "tr")):
        return False
    words = [
        (is_word(w, lang) and not _listed_first_name(w, lang), lang)
        for w, lang in ((a, la), (b, lb))
    ]
    if all(w for w, _ in words) or any(w and lang in ("en", "ru") for w, lang in words):
        return False
    return name_similarity(a, la, b, lb) < FIRST_NAMES_APART
