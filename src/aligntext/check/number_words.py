"""Number words, read in runs: ``twenty-five``, ``iyirmi beş min``, ``двадцати пяти``.

The word half of :mod:`aligntext.check.numbers` (which reads digits and calls
:func:`word_facts` for the rest): a word's value from the per-language tables
(:mod:`aligntext.check.locale_data`, :mod:`aligntext.lang`), with Russian case forms and
Azerbaijani and Turkish suffixes; runs of words summed (``two hundred thousand``); approximate
quantities (``dozens``, ``десятки тысяч``, ``bir neçə``) and halves of a scale word (``half a
million``, ``полмиллиона``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from aligntext.check.locale_data import (
    number_words,
    ru_compound_prefixes,
    ru_ordinal_stems,
    scale_words,
)
from aligntext.check.number_values import approx_label
from aligntext.check.translit import lower
from aligntext.lang import en, lexicon, ru, turkic
from aligntext.types import Fact


# Every word of every sentence is looked up, and most are looked up many times over (a pivot
# is checked against each of its translations): the answer depends on the word alone.
@lru_cache(maxsize=65536)
def _lookup_word(low: str, lang: str, after_number: bool = False) -> tuple[int, str] | None:
    """(value, kind) of one lowercase word: cardinal, ordinal, hundred, scale, implied, weak.

    ``after_number``: the word follows a number word, so ``тысяч`` is a scale, not "thousands".
    """
    table = number_words(lang)
    if lang == "ru":
        low = low.replace("ё", "е")
    if after_number and len(low) > 2 and low in scale_words(lang):
        return 10 ** scale_words(lang)[low], "scale"
    if after_number and lang in ("az", "tr"):
        suffixed = _turkic_scale_case(low, lang)
        if suffixed is not None:
            return suffixed
    lex = lexicon(lang)
    if low in lex.times_words:
        return lex.times_words[low], "times"
    for stem, n in lex.times_stems.items():
        if low.startswith(stem):
            return n, "times"
    if low in lex.quantity_words:
        return lex.quantity_words[low], "implied"
    for stem, n in lex.quantity_stems.items():
        if low.startswith(stem) and len(low) - len(stem) <= 5:
            return n, "implied"
    if low in lex.weak_words:
        return lex.weak_words[low], "weak"
    if low in lex.both_words:
        return 2, "both"
    if low in table:
        nw = table[low]
        return nw.value, nw.kind
    scales = scale_words(lang)
    if len(low) > 2 and low in scales:
        return 10 ** scales[low], "scale"
    if lang == "ru":
        for stem, n in ru.COLLECTIVE_STEMS.items():
            if low.startswith(stem) and low[len(stem) :] in ru.COLLECTIVE_ENDINGS:
                return n, "cardinal"
        # Compound adjectives: "двухлетнего" (two-year), "пятидневного" (five-day).
        for prefix, n in ru_compound_prefixes().items():
            if (
                low.startswith(prefix)
                and len(low) - len(prefix) >= 4
                and low.endswith(ru.ADJECTIVE_ENDINGS)
            ):
                return n, "cardinal"
        for stem, n in ru_ordinal_stems().items():
            if low.startswith(stem) and low[len(stem) :] in ru.ORDINAL_ENDINGS:
                return n, "ordinal"
    if lang in ("az", "tr"):
        if low in turkic.NOT_NUMERALS[lang]:
            return None
        for word, nw in table.items():
            soft = turkic.SOFTENED.get(word, word) if lang == "tr" else word
            if low.startswith(soft) and soft != word and low[len(soft) :][:1] in turkic.VOWELS:
                word = soft
            elif not low.startswith(word) or len(word) < 2:
                continue
            rest = low[len(word) :]
            if nw.kind == "ordinal" and rest in turkic.ORDINAL_SUFFIXES:
                return nw.value, "ordinal"
            if nw.kind == "cardinal" and rest in turkic.CLOCK_CASE.get(word, ()):
                return nw.value, "cardinal"
            if (
                nw.kind == "cardinal"
                and (word not in turkic.NO_SUFFIX or rest in turkic.BUFFER_SUFFIXES)
                and rest in turkic.CARDINAL_SUFFIXES
            ):
                return nw.value, "cardinal"
    return None


def _turkic_scale_case(low: str, lang: str) -> tuple[int, str] | None:
    """A scale word or ``yüz`` with a case ending, after a number word (``mindən``,
    ``yüzden``, ``milyona``): (value, kind), else ``None``."""
    for word, exp in scale_words(lang).items():
        if (
            len(word) > 2
            and word.islower()
            and low.startswith(word)
            and low[len(word) :] in turkic.SCALE_CASE_SUFFIXES
            and turkic.harmonises(word, low[len(word) :])  # "mina" is a mine, not "minə"
        ):
            return 10**exp, "scale"
    rest = low[3:]
    if (
        low.startswith("yüz")
        and rest in turkic.SCALE_CASE_SUFFIXES
        and not (lang == "tr" and rest in turkic.FACE_SUFFIXES)
    ):
        return 100, "hundred"
    return None


def _can_extend(current: int, value: int, kind: str, lang: str) -> bool:
    if kind in ("scale", "hundred"):
        return True
    if value < 10:
        # Azerbaijani and Turkish say 11-19 as ten and a unit ("on iki"); English and Russian
        # have a word of their own, so "ten two" there is two numbers.
        teen_ok = lexicon(lang).teens_added
        return current % 10 == 0 and (teen_ok or not 10 <= current % 100 < 20)
    return current % 100 == 0


_PART = re.compile(r"[^\W\d_]+")


def word_facts(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Fact]:
    """Number words, read in runs: ``twenty-five``, ``iyirmi beş min``, ``двадцати пяти``.

    Hyphenated words are read part by part, so ``five-day`` gives 5 and ``семь-восемь`` gives
    7 and 8.
    """
    facts = _phrase_facts(text, lang, taken)
    taken = [*taken, *((f.start, f.end) for f in facts)]
    words = [m for m in _PART.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    i = 0
    while i < len(words):
        approx = _approx_at(text, words, i, lang)
        if approx is not None:
            exp, j = approx
            start, end = words[i].start(), words[j - 1].end()
            # "several" alone is vague enough to be rendered "some" or "a number of": it
            # confirms a match but is never reported missing.
            marks = frozenset({"word", "approx", *(("weak",) if exp == 0 else ())})
            key = approx_label(exp)
            facts.append(Fact("number", key, text[start:end], start, end, marks, (), exp))
            i = j
            continue
        low = lower(words[i].group(0), lang)
        first = _lookup_word(low, lang)
        if first is None and lang == "ru":
            halves = _ru_halves(text, words, i)
            if halves is not None:
                halved, j = halves
                start, end = words[i].start(), words[j - 1].end()
                marks = frozenset({"word", *(("scale",) if halved > 2 else ())})
                facts.append(Fact("number", _key(halved), text[start:end], start, end, marks))
                i = j
                continue
        if first is None:
            i += 1
            continue
        skip = _turkic_fraction(text, words, i, low, lang) if lang in ("az", "tr") else 0
        if skip:
            # "üçte bir", "dörddə bir": a third, a quarter, no count of three or four; the
            # numerator of "üçte ikisi" (two thirds) is read as "two-thirds" reads "two".
            i += skip
            continue
        start, end = words[i].start(), words[i].end()
        seq: list[tuple[int, str]] = [first]
        joined_by_and = False
        j = i + 1
        while j < len(words) and seq[-1][1] not in ("ordinal", "implied", "weak", "both", "times"):
            gap = text[end : words[j].start()]
            w = lower(words[j].group(0), lang)
            if lang == "en" and w == "and" and gap.strip() == "" and j + 1 < len(words):
                nxt = _lookup_word(lower(words[j + 1].group(0), lang), lang)
                if nxt and seq[-1][1] in ("hundred", "scale") and nxt[1] == "cardinal":
                    joined_by_and = True
                    j += 1
                    continue
            if gap.strip() not in ("", "-", "‐") and not (joined_by_and and gap.strip() == "and"):
                break
            joined_by_and = False
            nxt0 = _lookup_word(w, lang, after_number=True)
            if nxt0 is None or nxt0[1] in ("implied", "weak", "both", "times"):
                break
            acc = _accumulate(seq)
            if nxt0[1] == seq[-1][1] and nxt0[1] in ("scale", "hundred"):
                break  # no number says "hundred hundred" ("yüz yüze" is face to face)
            if not _can_extend(acc % 1000 if nxt0[1] != "scale" else acc, nxt0[0], nxt0[1], lang):
                break
            seq.append(nxt0)
            end = words[j].end()
            j += 1
        value = _accumulate(seq)
        kinds = {k for _, k in seq}
        and_a_half = _and_a_half(text, words, j, end, lang) if kinds <= {"cardinal"} else None
        if and_a_half is not None:
            # "two and a half million", "iki buçuk milyon", "два с половиной": n + 0.5, then
            # the scale word after it, if any.
            scale, end, j = and_a_half
            exact = (Decimal(value) + Decimal("0.5")) * scale
            marks = frozenset({"word", *(["scale"] if scale > 1 else [])})
            facts.append(Fact("number", _key(exact), text[start:end], start, end, marks))
            i = j
            continue
        half = _HALF_BEFORE_SCALE.get(lang)
        before = half.search(text, 0, start) if half is not None and kinds == {"scale"} else None
        if before is not None and before.end() == start:
            # "half a million" is 500,000, not a million ("yarım milyon").
            value //= 2
            start = before.start()
        surface = text[start:end]
        low_first = lower(words[i].group(0), lang)
        tags = ["word"]
        alts: tuple[Decimal, ...] = ()
        weak = False
        if "ordinal" in kinds:
            tags.append("ordinal")
            weak = True
        if "implied" in kinds:
            tags.append("implied")
        if kinds & {"weak", "both"} or (value == 1 and len(seq) == 1) or value == 0:
            weak = True
        if "scale" in kinds:
            tags.append("scale")
        if "times" in kinds:
            tags.append("times")
        # "hər iki" / "her iki" is "both".
        prev = text[max(0, start - 5) : start].lower()
        if lang in ("az", "tr") and value == 2 and re.search(r"h[əe]r\s$", prev):
            weak = True
            kinds.add("both")
        if "both" in kinds:
            tags.append("both")
        following = re.match(r"[\s\-‐]*([^\W\d_]+)", text[end:])
        if (
            following is not None
            and not weak
            and kinds <= {"cardinal"}
            and lower(following.group(1), lang) in lexicon(lang).decade_words
        ):
            alts = (Decimal(value),)
            value *= 10
            if j < len(words) and words[j].start() == end + following.start(1):
                j += 1  # the decade word is read: it is no quantity of its own ("decades")
        if lang in ("az", "tr") and low_first == "yüz" and re.match(r"\s+yüz", text[end:]):
            i = j + 1
            continue  # "yüz yüze": face to face
        if weak:
            tags.append("weak")
        facts.append(Fact("number", str(value), surface, start, end, frozenset(tags), alts))
        i = j
    return facts


def _turkic_fraction(text: str, words: list[re.Match[str]], i: int, low: str, lang: str) -> int:
    """How many words to pass over when the numeral at ``words[i]`` (``low``, lower-cased)
    starts a Turkic fraction, the numeral in the locative before another (``üçte bir``, one
    in three: a third; ``onda bir``, a tenth; ``üçte ikisi``, two thirds): 2 before ``bir``,
    which is no count either, 1 before another numeral, which is read, else 0. ``yüzde
    bir`` is one per cent, read as a percentage elsewhere, ``ikide bir`` ("every so often")
    is no number either way, and after ``saat`` the locative is a time ("saat üçte iki kişi",
    at three, two people)."""
    if i + 1 >= len(words) or low.startswith("yüz") or not re.search(r"[dt][aeə]$", low):
        return 0
    gap = text[words[i].end() : words[i + 1].start()]
    if gap.strip():
        return 0
    if i > 0 and lower(words[i - 1].group(0), lang) == "saat":
        return 0
    numerator = lower(words[i + 1].group(0), lang)
    if numerator == "bir":
        return 2
    found = _lookup_word(numerator, lang)
    return 1 if found is not None and found[1] == "cardinal" and found[0] < 10**3 else 0


@lru_cache(maxsize=8)
def _approx_starts(lang: str) -> frozenset[str]:
    """The words an approximate quantity can start with in ``lang``."""
    lex = lexicon(lang)
    firsts = {phrase.split()[0] for phrase in lex.few_words}
    return frozenset({*firsts, *lex.approx_words, *lex.approx_of_words, *lex.approx_heads})


def _approx_at(text: str, words: list[re.Match[str]], i: int, lang: str) -> tuple[int, int] | None:
    """(power of ten, index past its last word) of an approximate quantity at word ``i``.

    ``several`` / ``несколько`` / ``bir neçə`` alone are a few (0); before a hundred, a scale
    word or a plural of one they take its power (``several hundred``, ``несколько тысяч``,
    ``birkaç bin``). A plural of a power of ten takes a following one too (``tens of
    thousands``, ``десятки тысяч``), and in Azerbaijani and Turkish "ten" or "a hundred"
    goes before it (``on binlerce``).
    """

    def word(k: int) -> str:
        w = lower(words[k].group(0), lang)
        return w.replace("ё", "е") if lang == "ru" else w

    def next_to(k: int) -> bool:
        """Word ``k`` exists and follows word ``k - 1`` across blanks only."""
        return k < len(words) and not text[words[k - 1].end() : words[k].start()].strip()

    if word(i) not in _approx_starts(lang):
        return None  # most words: no need to look further
    lex = lexicon(lang)
    plurals = lex.approx_words
    exp: int | None = None
    j = i
    for phrase in lex.few_words:
        parts = phrase.split()
        if all((n == 0 or next_to(i + n)) and word(i + n) == p for n, p in enumerate(parts)):
            exp, j = 0, i + len(parts)
            break
    else:
        first = word(i)
        if (
            first in ("тысячи", "сотни")
            and i > 0
            and next_to(i)
            and word(i - 1) in lex.singular_after
        ):
            return None
        if first in plurals:
            exp, j = plurals[first], i + 1
        elif first in lex.approx_of_words and next_to(i + 1) and word(i + 1) == "of":
            exp, j = lex.approx_of_words[first], i + 1
        elif first in lex.approx_heads and next_to(i + 1) and word(i + 1) in plurals:
            return lex.approx_heads[first] + plurals[word(i + 1)], i + 2
    if exp is None:
        return None
    k = j + 1 if exp > 0 and lang == "en" and next_to(j) and word(j) == "of" else j
    if not next_to(k):
        return exp, j
    after = word(k)
    more = plurals.get(after)
    if more is None and exp == 0:
        # "a few" counts what follows: a scale word, a hundred, a dozen ("several dozen").
        scales = scale_words(lang)
        if len(after) > 2 and after in scales:
            more = scales[after]
        else:
            found = _lookup_word(after, lang, after_number=True)
            if found is not None and found[1] in ("hundred", "weak", "scale") and found[0] >= 10:
                more = len(str(found[0])) - 1
    return (exp + more, k + 1) if more is not None else (exp, j)


#: What adds a half to the count before it, per language ("two and a half", "iki buçuk").
_AND_A_HALF: dict[str, re.Pattern[str]] = {
    lang: re.compile(pattern, re.IGNORECASE)
    for lang, pattern in (
        ("en", en.AND_A_HALF),
        ("ru", ru.AND_A_HALF),
        ("az", turkic.AZ_AND_A_HALF),
        ("tr", turkic.TR_AND_A_HALF),
    )
}
#: What halves a scale word right after it, per language (the pattern ends where the scale
#: word starts).
_HALF_BEFORE_SCALE: dict[str, re.Pattern[str]] = {
    "en": re.compile(en.HALF_BEFORE_SCALE, re.IGNORECASE),
    "az": re.compile(turkic.HALF_BEFORE_SCALE, re.IGNORECASE),
    "tr": re.compile(turkic.HALF_BEFORE_SCALE, re.IGNORECASE),
}


def _and_a_half(
    text: str, words: list[re.Match[str]], j: int, end: int, lang: str
) -> tuple[int, int, int] | None:
    """After a count ending at ``end`` (word ``j`` next): "and a half" and a scale word if
    one follows, as (scale, end, next word), else ``None``."""
    pattern = _AND_A_HALF.get(lang)
    m = pattern.match(text, end) if pattern is not None else None
    if m is None:
        return None
    end = m.end()
    while j < len(words) and words[j].start() < end:
        j += 1
    scale = 1
    if j < len(words) and not text[end : words[j].start()].strip():
        nxt = _lookup_word(lower(words[j].group(0), lang), lang, after_number=True)
        if nxt is not None and nxt[1] == "scale":
            scale, end, j = nxt[0], words[j].end(), j + 1
    return scale, end, j


def _ru_halves(text: str, words: list[re.Match[str]], i: int) -> tuple[Decimal, int] | None:
    """A Russian half of a scale word at word ``i``: ``полмиллиона`` (500,000), or ``полтора``
    before a scale word (``полтора миллиона``, 1,500,000) or alone (``полтора часа``, 1.5).
    Returns the value and the index of the word after it."""
    low = lower(words[i].group(0), "ru").replace("ё", "е")
    scales = scale_words("ru")
    rest = low[len(ru.HALF_PREFIX) :]
    if low.startswith(ru.HALF_PREFIX) and rest in scales and scales[rest] >= 3:
        return Decimal(10 ** scales[rest] // 2), i + 1
    if low not in ru.ONE_AND_A_HALF:
        return None
    if i + 1 < len(words):
        nxt = lower(words[i + 1].group(0), "ru")
        gap = text[words[i].end() : words[i + 1].start()]
        if not gap.strip() and nxt in scales and scales[nxt] >= 3:
            return Decimal(3 * 10 ** scales[nxt] // 2), i + 2
    return Decimal("1.5"), i + 1


def _key(value: Decimal) -> str:
    """A number fact's key: ``1500000``, ``1.5``."""
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


#: One unit and a half in words, per language ("an hour and a half"; Russian "полтора" and
#: the Turkic "bir buçuk" are read as numerals).
_UNIT_AND_A_HALF: dict[str, re.Pattern[str]] = {
    "en": re.compile(en.UNIT_AND_A_HALF, re.IGNORECASE),
}


@lru_cache(maxsize=8)
def _clock_words(lang: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """The language's words for a time of day, compiled, with their hours."""
    return tuple(
        (re.compile(rf"(?<![^\W\d_])(?:{pattern})(?![^\W\d_])", re.IGNORECASE), hour)
        for pattern, hour in lexicon(lang).clock_words.items()
    )


def _phrase_facts(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Fact]:
    """Numbers said as a phrase with no number word in it: a time of day (``at noon``,
    ``в полночь``: 12:00, 00:00) and one unit and a half (``an hour and a half``: 1.5)."""
    facts: list[Fact] = []
    found: list[tuple[re.Match[str], str, frozenset[str], tuple[Decimal, ...]]] = [
        (m, f"{hour:02d}:00", frozenset({"word", "time"}), (Decimal(hour),))
        for pattern, hour in _clock_words(lang)
        for m in pattern.finditer(text)
    ]
    half = _UNIT_AND_A_HALF.get(lang)
    if half is not None:
        found += [(m, "1.5", frozenset({"word"}), ()) for m in half.finditer(text)]
    for m, key, tags, alts in found:
        if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            facts.append(Fact("number", key, m.group(0), m.start(), m.end(), tags, alts))
            taken = [*taken, (m.start(), m.end())]
    return facts


def _accumulate(seq: list[tuple[int, str]]) -> int:
    total = 0
    current = 0
    for value, kind in seq:
        if kind == "scale":
            total += (current or 1) * value
            current = 0
        elif kind == "hundred" and value == 100:
            current = (current or 1) * 100
        else:
            current += value
    return total + current
