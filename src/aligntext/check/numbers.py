"""Number extraction for en, az, ru and tr: digits, separators, scale and number words, times.

A number fact's ``key`` is its value written plainly (``60000``, ``3.5``, ``13:00`` for a time
of day); its ``tags``:

- ``digits`` or ``word``: how it was written;
- ``percent``, ``year``, ``decade``, ``ordinal``, ``range``, ``time``, ``scale``, ``code``
  (digits inside a name such as ``COVID-19``), ``implied`` (a word that holds a count:
  ``billionaire``, ``сутки``), ``approx`` (an approximate quantity, below),
  ``times`` (a multiplicative adverb: ``twice``, ``дважды``, value 2);
- ``both``: a word for "both" (``both``, ``оба``, ``hər iki``), also ``weak``;
- ``weak``: a word that is often no number at all (``one of``, Turkish and Azerbaijani ``bir``
  as the article, ordinals such as ``first``, ``both``); weak facts confirm a match but are
  never reported missing.

Its ``alts`` hold other readings of an ambiguous numeral (``60.000`` is 60 in English and
60000 in Azerbaijani; both readings are kept and either may match), of a decade (``the 90s``
is also 1990) and of a count of decades (``two decades``: 20, also 2).

An approximate quantity (``dozens``, ``десятки тысяч``, ``bir neçə``, ``several hundred``)
is no figure: its ``key`` is the order of magnitude it names, in English (``tens``, ``tens of
thousands``, ``a few``; see :func:`approx_label`), its ``magnitude`` the power of ten, its
tags ``word`` and ``approx`` (``weak`` too for a bare "a few"). It matches another
approximate quantity of the same magnitude in any language, never an exact figure by value.
The words themselves are per language in :mod:`aligntext.lang`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from aligntext.check.locale_data import (
    month_of,
    number_words,
    ru_compound_prefixes,
    ru_ordinal_stems,
    scale_words,
    symbols,
)
from aligntext.check.number_values import approx_label
from aligntext.check.translit import lower
from aligntext.lang import en, lexicon, ru, turkic
from aligntext.langs import resolve_lang
from aligntext.types import Fact

_SPACES = "\u00a0\u202f\u2009 "
_NUMERAL = re.compile(
    r"(?<![\d])(?<!\d[.,])"
    r"(?:\d{1,3}(?:(?:[\u00a0\u202f\u2009 ]|[.,])\d{3}(?![\d]))+(?:[.,]\d+(?![.,]?\d))?"
    r"|\d+(?:[.,]\d+)?)"
)
_TIME = re.compile(
    r"(?<![\d.,:])(?P<h>[01]?\d|2[0-4])(?P<sep>:\s?|\.)(?P<m>[0-5]\d)(?![\d])(?![.,]\d)"
    r"(?:\s?(?P<ampm>[ap]\.?\s?m\b\.?))?",
    re.IGNORECASE,
)
_RU_ONE_OCLOCK = re.compile(r"(?<![^\W\d_])час\s+(ночи|дня)(?![^\W\d_])", re.IGNORECASE)
_AMPM = re.compile(r"\s?(?P<ampm>[ap])\.?\s?m\b\.?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PERCENT_AFTER = re.compile(
    r"\s?%|\s(?:percent|per\s+cent|процент\w*|faiz\w*)\b|\s?pct\b", re.IGNORECASE
)
_PERCENT_BEFORE = re.compile(r"(?:%\s?|yüzde\s|yuzde\s)$", re.IGNORECASE)
_SUFFIX = re.compile(r"(?:[-‐'’]?[^\W\d_]{1,8})(?![\w])")
_RANGE = re.compile(r"\s?[-–—]\s?(?=\d)")

_DECADE = re.compile(
    r"^(?:'?s|-?х|-?е|-?ые|-?ых|-c[ıi]\b.*|-?l[ae]r.*|['’]l[ıiuü].*|['’]l[ae]r.*)$"
)


@lru_cache(maxsize=8)
def _digit_ordinal(lang: str) -> re.Pattern[str]:
    """What after digits makes an ordinal in ``lang`` (a pattern that never matches if none)."""
    return re.compile(lexicon(lang).digit_ordinal or r"(?!)")


def _canon(value: Decimal) -> str:
    """Plain decimal text: ``60000``, ``3.5``."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _parse_numeral(text: str, lang: str) -> tuple[Decimal, Decimal | None, bool]:
    """Value, alternative reading and whether the numeral had separators."""
    s = text
    for sp in _SPACES:
        s = s.replace(sp, "")
    seps = [c for c in s if c in ".,"]
    if not seps:
        return Decimal(s), None, s != text
    decimal_sym, _group = symbols(lang)
    if "." in seps and "," in seps:
        dec = s[max(s.rfind("."), s.rfind(","))]
        grp = "," if dec == "." else "."
        return Decimal(s.replace(grp, "").replace(dec, ".")), None, True
    sep = seps[0]
    if len(seps) > 1:
        return Decimal(s.replace(sep, "")), None, True
    head, tail = s.split(sep)
    as_decimal = Decimal(f"{head}.{tail}")
    if len(tail) != 3 or head == "0":
        return as_decimal, None, True
    as_group = Decimal(head + tail)
    # Three digits after one separator: thousands unless it is the language's decimal mark.
    if sep == decimal_sym:
        return as_decimal, as_group, True
    return as_group, as_decimal, True


def _word_at(text: str, pos: int) -> re.Match[str] | None:
    m = re.compile(r"[\s\u200b\u2060]*").match(text, pos)
    return _WORD.match(text, m.end() if m else pos)


def _scale_after(text: str, pos: int, lang: str) -> tuple[int, int] | None:
    """(power of ten, end) of a scale word right after ``pos`` (``million``, ``млн.``, ``5M``)."""
    scales = scale_words(lang)
    attached = _WORD.match(text, pos)
    if attached and attached.group(0) in scales and len(attached.group(0)) <= 3:
        return scales[attached.group(0)], attached.end()
    # "£50m", "$2bn", "$150k": after a currency sign a glued letter is a scale, not a unit.
    if attached and re.search(r"[$£€₹¥]\s?[\d.,]+$", text[max(0, pos - 20) : pos]):
        glued = attached.group(0).lower()
        exp = {"k": 3, "m": 6, "mn": 6, "mln": 6, "bn": 9, "b": 9, "tn": 12}.get(glued)
        if exp:
            return exp, attached.end()
    if lang == "ru" and text[pos : pos + 1] in "-‐":
        # "25-тысячная толпа": the scale as an adjective glued on with a hyphen.
        glued_adj = _WORD.match(text, pos + 1)
        if glued_adj:
            low = lower(glued_adj.group(0), lang)
            for stem, e in ru.SCALE_ADJECTIVE_STEMS.items():
                if low.startswith(stem) and low[len(stem) :] in ru.ADJECTIVE_ENDINGS:
                    return e, glued_adj.end()
    m = _word_at(text, pos)
    if not m:
        return None
    word = m.group(0)
    low = lower(word, lang)
    stem = re.split(r"['’]", low)[0]
    exp = None
    if word in scales and len(word) <= 2 and m.start() == pos:
        exp = scales[word]
    elif len(low) > 2 and low in scales:
        exp = scales[low]
    elif len(stem) > 2 and stem in scales:
        exp = scales[stem]
    elif lang in ("az", "tr"):
        for sw, e in scales.items():
            rest = low[len(sw) :]
            if (
                len(sw) > 2
                and low.startswith(sw)
                and (rest in turkic.CARDINAL_SUFFIXES or rest in turkic.SCALE_ADJECTIVE_SUFFIXES)
            ):
                exp = e
    if exp is None:
        return None
    end = m.end()
    if end < len(text) and text[end] == "." and lang == "ru":
        end += 1
    return exp, end


def _digit_facts(text: str, lang: str) -> list[Fact]:
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    for m in _TIME.finditer(text):
        h, mi, ampm = int(m.group("h")), int(m.group("m")), m.group("ampm")
        if m.group("sep") == "." and not ampm and lang == "en":
            continue  # "13.00" is a decimal in English text unless "pm" follows
        if m.group("sep") == "." and not ampm and _scale_after(text, m.end(), lang):
            continue  # "3.26 milyon": a scale word follows a figure, never a time of day
        if ampm and h <= 12:
            h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
        if h > 24:
            continue
        facts.append(
            Fact(
                "number",
                f"{h:02d}:{mi:02d}",
                m.group(0).strip(),
                m.start(),
                m.end(),
                frozenset({"digits", "time"}),
                (Decimal(h),),
            )
        )
        taken.append((m.start(), m.end()))

    if lang == "ru":
        # "в час ночи" / "в час дня": one o'clock said without a digit.
        for m in _RU_ONE_OCLOCK.finditer(text):
            h = 1 if m.group(1).lower() == "ночи" else 13
            facts.append(
                Fact(
                    "number",
                    f"{h:02d}:00",
                    m.group(0),
                    m.start(),
                    m.end(),
                    frozenset({"word", "time"}),
                    (Decimal(1),),
                )
            )
            taken.append((m.start(), m.end()))

    prev_range_end = -1
    for m in _NUMERAL.finditer(text):
        start, end = m.start(), m.end()
        if any(a <= start < b for a, b in taken):
            continue
        raw = m.group(0).rstrip(_SPACES)
        end = start + len(raw)
        try:
            value, alt, grouped = _parse_numeral(raw, lang)
        except (InvalidOperation, ValueError):
            continue
        tags: list[str] = ["digits"]
        alts: list[Decimal] = []
        before = text[max(0, start - 12) : start]
        # Digits glued to letters are part of a name or code: COVID-19, G20, Су-25.
        if re.search(r"[^\W\d_][-‐]?$", before):
            tags.append("code")
        span_start = start
        pct = _PERCENT_BEFORE.search(before)
        if pct:
            tags.append("percent")
            span_start = start - (len(before) - pct.start())
        if start == prev_range_end:
            tags.append("range")
        am = _AMPM.match(text, end)
        if am and value == value.to_integral_value() and 1 <= value <= 12 and not grouped:
            h = int(value) % 12 + (12 if am.group("ampm").lower() == "p" else 0)
            facts.append(
                Fact(
                    "number",
                    f"{h:02d}:00",
                    text[start : am.end()],
                    start,
                    am.end(),
                    frozenset({"digits", "time"}),
                    (Decimal(h),),
                )
            )
            continue
        pa = _PERCENT_AFTER.match(text, end)
        if pa:
            tags.append("percent")
            end = pa.end()
        rng = _RANGE.match(text, end)
        if rng and "percent" not in tags:
            tags.append("range")
            prev_range_end = rng.end()
        scale = None if pa else _scale_after(text, end, lang)
        if scale:
            value = value * (Decimal(10) ** scale[0])
            alt = alt * (Decimal(10) ** scale[0]) if alt is not None else None
            end = scale[1]
            tags.append("scale")
            pa = _PERCENT_AFTER.match(text, end)
            if pa:
                tags.append("percent")
                end = pa.end()
        elif not pa:
            sm = _SUFFIX.match(text, end)
            if sm and not _RANGE.match(text, end):
                suffix = sm.group(0)
                low = lower(suffix, lang)
                plain = low.lstrip("-‐'’")
                if month_of(plain, lang) is None and plain not in ("am", "pm"):
                    ordinal = _digit_ordinal(lang).match(low) is not None
                    if ordinal:
                        tags.append("ordinal")
                    glued = low[:1] in "-‐'’" or low in ("s", "'s")
                    if glued or (lang == "en" and ordinal):  # "6th": one word
                        end = sm.end()
                    if _DECADE.match(low) and raw.endswith("0") and len(raw) in (2, 4):
                        tags.append("decade")
                        if len(raw) == 2:  # "the 90s" is the 1990s
                            alts.append(Decimal(f"19{raw}"))
                            if raw <= "20":
                                alts.append(Decimal(f"20{raw}"))
            elif lang == "tr" and text[end : end + 2] == ". " and end + 2 < len(text):
                nxt = text[end + 2]
                if nxt.isalpha() and nxt.islower():
                    tags.append("ordinal")  # Turkish "2. tur"
        if (
            not grouped
            and len(raw) == 4
            and value == value.to_integral_value()
            and 1000 <= value <= 2100
            and "percent" not in tags
        ):
            tags.append("year")
        if alt is not None and alt != value:
            alts.append(Decimal(_canon(alt)))
        facts.append(
            Fact(
                "number",
                _canon(value),
                text[span_start:end],
                span_start,
                end,
                frozenset(tags),
                tuple(alts),
            )
        )
        taken.append((span_start, end))
    return facts


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
        for word, nw in table.items():
            soft = turkic.SOFTENED.get(word, word) if lang == "tr" else word
            if low.startswith(soft) and soft != word and low[len(soft) :][:1] in turkic.VOWELS:
                word = soft
            elif not low.startswith(word) or len(word) < 2:
                continue
            rest = low[len(word) :]
            if nw.kind == "ordinal" and rest in turkic.ORDINAL_SUFFIXES:
                return nw.value, "ordinal"
            if (
                nw.kind == "cardinal"
                and (word not in turkic.NO_SUFFIX or rest in turkic.BUFFER_SUFFIXES)
                and rest in turkic.CARDINAL_SUFFIXES
            ):
                return nw.value, "cardinal"
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


def _word_facts(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Fact]:
    """Number words, read in runs: ``twenty-five``, ``iyirmi beş min``, ``двадцати пяти``.

    Hyphenated words are read part by part, so ``five-day`` gives 5 and ``семь-восемь`` gives
    7 and 8.
    """
    words = [m for m in _PART.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    facts: list[Fact] = []
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
                value, j = halves
                start, end = words[i].start(), words[j - 1].end()
                marks = frozenset({"word", "scale"})
                facts.append(Fact("number", str(value), text[start:end], start, end, marks))
                i = j
                continue
        if first is None:
            i += 1
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
            if nxt0[1] == "scale" and seq[-1][1] == "scale":
                break
            if not _can_extend(acc % 1000 if nxt0[1] != "scale" else acc, nxt0[0], nxt0[1], lang):
                break
            seq.append(nxt0)
            end = words[j].end()
            j += 1
        value = _accumulate(seq)
        kinds = {k for _, k in seq}
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


#: What halves a scale word right after it, per language (the pattern ends where the scale
#: word starts).
_HALF_BEFORE_SCALE: dict[str, re.Pattern[str]] = {
    "en": re.compile(en.HALF_BEFORE_SCALE, re.IGNORECASE),
    "az": re.compile(turkic.HALF_BEFORE_SCALE, re.IGNORECASE),
    "tr": re.compile(turkic.HALF_BEFORE_SCALE, re.IGNORECASE),
}


def _ru_halves(text: str, words: list[re.Match[str]], i: int) -> tuple[int, int] | None:
    """A Russian half of a scale word at word ``i``: ``полмиллиона`` (500,000), or ``полтора``
    before a scale word (``полтора миллиона``, 1,500,000). Returns the value and the index of
    the word after it."""
    low = lower(words[i].group(0), "ru").replace("ё", "е")
    scales = scale_words("ru")
    rest = low[len(ru.HALF_PREFIX) :]
    if low.startswith(ru.HALF_PREFIX) and rest in scales and scales[rest] >= 3:
        return 10 ** scales[rest] // 2, i + 1
    if low in ru.ONE_AND_A_HALF and i + 1 < len(words):
        nxt = lower(words[i + 1].group(0), "ru")
        gap = text[words[i].end() : words[i + 1].start()]
        if not gap.strip() and nxt in scales and scales[nxt] >= 3:
            return 3 * 10 ** scales[nxt] // 2, i + 2
    return None


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


def extract_numbers(text: str, lang: str) -> list[Fact]:
    """Every number in ``text``, in order: digits, number words, percentages, times.

    Args:
        text: a sentence (or any text) in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling :func:`resolve_lang` accepts).

    Returns:
        Number facts (``kind="number"``) whose ``key`` is the value (``60000``, ``0.5``,
        ``13:00``), with the tags and readings described in the module docstring.

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    lang = resolve_lang(lang)
    digits = _digit_facts(text, lang)
    words = _word_facts(text, lang, [(f.start, f.end) for f in digits])
    return sorted(digits + words, key=lambda f: f.start)
