"""Date extraction: month names in any inflected form, with the day and year around them.

A date fact's ``key`` is ``YYYY-MM-DD`` with ``?`` for a part the text does not give
(``1993-04-06``, ``?-04-06``, ``1993-04-?``); :func:`dates_agree` compares two dates on the
parts both give. The day and year numbers belong to the date (their spans are inside it), so
:func:`aligntext.check.extract_facts` does not report them again as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aligntext.check.locale_data import (
    day_ordinals,
    month_abbreviations,
    month_adjective_of,
    month_of,
)
from aligntext.check.number_values import tags_of
from aligntext.check.numbers import extract_numbers
from aligntext.check.translit import lower
from aligntext.lang import en, ru, turkic
from aligntext.langs import resolve_lang
from aligntext.types import Fact

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMERIC = re.compile(
    r"(?<![\d.])(?:(?P<y>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}))(?![\d])"
)
# Words allowed between a date's parts, in any of the four languages: "6 April, 1993",
# "1993-cü ilin 6 aprel", "2019 yılının Nisan ayında", "30 апреля 1993 года".
_GAP_WORDS = frozenset({*en.DATE_GAP_WORDS, *ru.DATE_GAP_WORDS, *turkic.DATE_GAP_WORDS})
_EN_NAMES = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}


def _gap_ok(gap: str, lang: str) -> bool:
    words = [lower(w, lang) for w in re.findall(r"[^\W\d_]+", gap)]
    rest = re.sub(r"[^\W\d_]+", "", gap)
    return (
        len(words) <= 2 and all(w in _GAP_WORDS for w in words) and set(rest) <= set(" ,.-\u00a0")
    )


def _is_day(f: Fact) -> bool:
    tags = tags_of(f)
    if "digits" not in tags or tags & {"percent", "time", "year", "scale", "code"}:
        return False
    return f.key.isdigit() and 1 <= int(f.key) <= 31


_DAY_LINK: dict[str, re.Pattern[str]] = {
    "en": re.compile(en.DAY_LINK, re.IGNORECASE),
    "ru": re.compile(ru.DAY_LINK, re.IGNORECASE),
    "az": re.compile(turkic.DAY_LINK, re.IGNORECASE),
    "tr": re.compile(turkic.DAY_LINK, re.IGNORECASE),
}


def _days_linked(text: str, first: Fact, second: Fact, lang: str) -> bool:
    """Two days of one month joined as a range or a list ("5 to 7 May", "с 5 по 7 мая",
    "mayın 5-dən 7-dək"): the words between them are the language's link, and a bare space
    only after a day in the ablative."""
    link = _DAY_LINK.get(lang)
    gap = text[first.end : second.start]
    if link is None or not (_is_day(first) and _is_day(second)) or not link.fullmatch(gap):
        return False
    # A bare space only after an ablative ("5-dən 7-dək", from the 5th to the 7th): "mayın
    # 5-də 7 nəfər" is seven people on the 5th of May.
    return bool(gap.strip()) or bool(re.search(r"[dt][əae]n$", first.text))


# Before the month: Russian "шестого апреля"; English only with "of" ("the sixth of April":
# "the first May rally" is no date).
_WORDS_BEFORE = {
    "ru": re.compile(r"([^\W\d_]+(?:\s[^\W\d_]+)?)\s+$"),
    "en": re.compile(r"([^\W\d_]+(?:[\s-][^\W\d_]+)?)\s+of\s+$", re.IGNORECASE),
}
_WORDS_AFTER = re.compile(r"\s+(?:the\s+)?([^\W\d_]+(?:[\s-][^\W\d_]+)?)")


def _word_day(text: str, start: int, end: int, lang: str) -> Fact | None:
    """A day of the month in ordinal words next to the month at ``start``-``end``: before it
    ("шестого апреля", "the sixth of April"), or after it in English ("April sixth"), as a
    number fact over the words."""
    table = day_ordinals(lang)
    if not table:
        return None
    # (start, end, whether the words stand before the month)
    spans = []
    offset = max(0, start - 60)
    before = _WORDS_BEFORE[lang].search(text, offset, start)
    if before is not None:
        spans.append((before.start(1), before.end(1), True))
    after = _WORDS_AFTER.match(text, end) if lang == "en" else None
    if after is not None:
        spans.append((after.start(1), after.end(1), False))
    for s, e, ahead in spans:
        words = text[s:e].lower().replace("-", " ").split()
        # The two words together ("twenty first"), else the one next to the month.
        for k in (2, 1):
            phrase = " ".join(words[-k:] if ahead else words[:k])
            n = table.get(phrase) if len(words) >= k else None
            if n is not None:
                s, e = (e - len(phrase), e) if ahead else (s, s + len(phrase))
                return Fact("number", str(n), text[s:e], s, e, frozenset({"word", "ordinal"}))
    return None


def _is_year(f: Fact) -> bool:
    return "year" in tags_of(f) or ("decade" in tags_of(f))


def _month_ok(text: str, m: re.Match[str], lang: str, has_part: bool) -> bool:
    """Ambiguous month words (English "May", Turkish "ocak" = hearth) need context."""
    word = m.group(0)
    before = text[: m.start()].rstrip()
    initial = not before or before[-1] in '.!?:;"«“('
    prev = re.findall(r"[^\W\d_]+", before[-20:])
    prev_word = prev[-1].lower() if prev else ""
    if has_part:
        return True
    if lang == "en":
        if not word[0].isupper():
            return False
        # Only a month name that is also a verb ("March", "May") needs a word before it that
        # makes it a month; "October" opening a sentence is the month.
        if word in en.AMBIGUOUS_MONTHS:
            return prev_word in en.MONTH_CONTEXT
        return True
    if lang == "tr":
        after = text[m.end() : m.end() + 8].lower()
        if re.match(r"\s+ay", after):
            return True
        # Turkish writes a month alone in lower case ("haziran zirvesi") or capitalised at the
        # start of a sentence: only the names that are also common words ("ocak", hearth;
        # "ekim", sowing; "aralık", interval) need a capital inside a sentence.
        if not lower(word, lang).startswith(turkic.MONTHS_ALSO_WORDS):
            return True
        return word[0].isupper() and not initial
    return True


def _inflected_month_word(word: str, lang: str) -> bool:
    """A Turkish month name that is also a common word, in lower case with a case ending
    ("ekimde", "ocakta", "aralığa"): read as a mention of the month, not a date."""
    low = lower(word, lang)
    # (A lone possessive vowel makes the common word: "buğday ekimi", the wheat sowing.)
    return (
        lang == "tr"
        and word[0].islower()
        and any(
            low.startswith(w) and low[len(w) :] not in ("", "i", "ı", "u", "ü")
            for w in turkic.MONTHS_ALSO_WORDS
        )
    )


def extract_dates(text: str, lang: str, numbers: Sequence[Fact] | None = None) -> list[Fact]:
    """Every date in ``text``: month name plus nearby day and year, or a numeric date.

    Args:
        text: a sentence in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr``.
        numbers: ``extract_numbers(text, lang)``, when the caller has it already (the days
            and years are taken from it); extracted here otherwise.

    Returns:
        Date facts (``kind="date"``) with ``key`` ``YYYY-MM-DD`` (``?`` for missing parts);
        ``days`` holds both days of a range such as ``6-7 April``; ``tags`` is
        ``{"month"}`` for a month adjective (Russian ``апрельских``, key ``?-04-?``): a mention
        of the month that agrees with any date in it and alone is only noted.
    """
    lang = resolve_lang(lang)
    if numbers is None:
        numbers = extract_numbers(text, lang)
    facts: list[Fact] = []
    used: set[int] = set()

    for m in _NUMERIC.finditer(text):
        if m.group("y"):
            yn, mo, dn = int(m.group("y")), int(m.group("m2")), int(m.group("d2"))
        else:
            a, b, yn = int(m.group("a")), int(m.group("b")), int(m.group("year"))
            # English slashes are month/day; the other languages write day.month.
            mo, dn = (a, b) if lang == "en" and m.group("sep") == "/" else (b, a)
            if mo > 12 >= dn:
                mo, dn = dn, mo
        if 1 <= mo <= 12 and 1 <= dn <= 31:
            facts.append(
                Fact(
                    "date",
                    f"{yn}-{mo:02d}-{dn:02d}",
                    m.group(0),
                    m.start(),
                    m.end(),
                    frozenset({"numeric"}),
                )
            )
    numeric_spans = [(f.start, f.end) for f in facts]

    for m in _WORD.finditer(text):
        adjective = month_adjective_of(m.group(0), lang)
        if adjective is not None:
            # "апрельских боёв", the April fighting: a mention of the month, with no day or
            # year of its own (a year nearby is read as a number and still matches).
            key = f"?-{adjective:02d}-?"
            facts.append(Fact("date", key, m.group(0), m.start(), m.end(), frozenset({"month"})))
            continue
        month = month_of(m.group(0), lang)
        if (
            month is None
            and text[m.end() : m.end() + 1] == "."
            and re.search(r"\d\s?$", text[: m.start()])
        ):
            month = month_abbreviations(lang).get(lower(m.group(0), lang))  # "2 окт."
        if month is None or any(a <= m.start() < b for a, b in numeric_spans):
            continue
        start, end = m.start(), m.end()
        days: list[Fact] = []
        # Day right before the month ("6 April", "6-7 April", "30 aprel") ...
        for i, f in enumerate(numbers):
            if i in used or not _is_day(f) or f.end > start:
                continue
            if _gap_ok(text[f.end : start], lang) and not re.search(
                r"[^\W\d_]", text[f.end : start]
            ):
                days = [f]
                prev = numbers[i - 1] if i > 0 else None
                if prev and "range" in tags_of(f) and _is_day(prev) and "range" in tags_of(prev):
                    days = [prev, f]
                    used.add(i - 1)
                elif prev and i - 1 not in used and _days_linked(text, prev, f, lang):
                    days = [prev, f]  # "from 5 to 7 May", "с 5 по 7 мая"
                    used.add(i - 1)
                used.add(i)
        # ... or in words ("шестого апреля", "the sixth of April", "April sixth").
        if not days:
            word_day = _word_day(text, start, end, lang)
            if word_day is not None:
                days = [word_day]
        # ... or right after it ("April 6", "aprelin 6-da").
        if not days:
            for i, f in enumerate(numbers):
                if i in used or not _is_day(f) or f.start < end:
                    continue
                gap = text[end : f.start]
                if re.fullmatch(r"\.?\s*(?:the\s+)?", gap):  # "April 6", "Oct. 2"
                    days = [f]
                    used.add(i)
                    nxt = numbers[i + 1] if i + 1 < len(numbers) else None
                    if nxt is not None and _days_linked(text, f, nxt, lang):
                        days.append(nxt)  # "May 5 to 7", "mayın 5-dən 7-dək"
                        used.add(i + 1)
                break
        day_start = min([start] + [f.start for f in days])
        day_end = max([end] + [f.end for f in days])
        year: Fact | None = None
        for i, f in enumerate(numbers):
            if i in used or not _is_year(f):
                continue
            gap = text[day_end : f.start]
            # A comma before the year only in English "April 6, 1993"; in Azerbaijani and
            # Turkish a year after a comma starts the next date ("2019-cu il mayın 5-də").
            comma_ok = lang == "en" and bool(days) and days[0].start > start
            after = f.start >= day_end and _gap_ok(gap, lang) and (comma_ok or "," not in gap)
            before = f.end <= day_start and _gap_ok(text[f.end : day_start], lang)
            if after or before:
                year = f
            if year is not None:
                used.add(i)
                break
        if not _month_ok(text, m, lang, bool(days or year)):
            if _inflected_month_word(m.group(0), lang):
                # "ekimde", in October or at the sowing: too unsure for a date, but it
                # agrees with the source's October (a month mention, as "апрельских" is).
                key = f"?-{month:02d}-?"
                facts.append(Fact("date", key, m.group(0), start, end, frozenset({"month"})))
            continue
        spans = [start, end] + [
            p for f in [*days, *([year] if year else [])] for p in (f.start, f.end)
        ]
        s, e = min(spans), max(spans)
        # The year of "2019-cu ilin" / "1993 года" ends before its word: extend over it.
        tail = re.match(r"\s*(?:года|году|г\.)", text[e:])
        if tail and year is not None and year.end == e:
            e += tail.end()
        y = year.key if year else "?"
        d = f"{int(days[0].key):02d}" if days else "?"
        spread = tuple(int(f.key) for f in days) if len(days) > 1 else ()
        facts.append(Fact("date", f"{y}-{month:02d}-{d}", text[s:e], s, e, days=spread))
    return sorted(facts, key=lambda f: f.start)


def is_month_mention(fact: Fact) -> bool:
    """A month adjective (``апрельских боёв``) rather than a date."""
    return fact.kind == "date" and "month" in fact.tags


def date_parts(fact: Fact) -> tuple[str, str, set[str]]:
    """(year, month, days) of a date fact; ``?`` for a missing year, empty set for no day."""
    y, mo, d = fact.key.split("-")
    days = {f"{x:02d}" for x in fact.days}
    if d != "?":
        days.add(d)
    return y, mo, days


def dates_agree(a: Fact, b: Fact) -> bool:
    """Two dates agree on every part both of them give (month always; day, year if both).

    A single day agrees with a range or list that holds it; two ranges must be the same.
    """
    ya, ma, da = date_parts(a)
    yb, mb, db = date_parts(b)
    if ma != mb:
        return False
    if ya != "?" and yb != "?" and ya != yb:
        return False
    if len(da) > 1 and len(db) > 1:
        return da == db  # two ranges or lists: "5-8 May" is not "5-7 May"
    return not (da and db and not da & db)


def format_date(fact: Fact) -> str:
    """A date for messages, in English: ``6 April 1993``, ``April 1993``, ``6-7 April``."""
    y, mo, days = date_parts(fact)
    parts = []
    if days:
        parts.append("-".join(str(int(x)) for x in sorted(days)))
    parts.append(_EN_NAMES.get(int(mo), mo))
    if y != "?":
        parts.append(y)
    return " ".join(parts)
