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

Its ``alts`` hold other readings of an ambiguous numeral (``60.000`` in English is 60, or
60000 written the European way; both readings are kept and either may match; ``60,000`` in
English and ``60.000`` in Azerbaijani are 60000 only), of a decade (``the 90s``
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
    scale_words,
    symbols,
)
from aligntext.check.number_values import values_of
from aligntext.check.number_words import word_facts
from aligntext.check.translit import lower
from aligntext.lang import lexicon, ru, turkic
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

_ROMAN = re.compile(r"(?<![\w\-‐])([IVX]+)(?![\w\-‐])")
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
    # The language's own group mark is no decimal mark ("1,500" in English, "1.500" in
    # Turkish are 1500 only: taking 1.5 too let "1,5 тонны" pass for "1,500 tonnes"). Its
    # decimal mark before three digits may be a grouping copied from another convention
    # ("1,500" in a Russian text translated from English), so it keeps both readings.
    if sep == decimal_sym:
        return as_decimal, as_group, True
    return as_group, None, True


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
                # "bin" takes "-e", not "-a": "5 bina" is five buildings, "35 mina" mines.
                and turkic.harmonises(sw, rest)
            ):
                exp = e
    if exp is None:
        return None
    end = m.end()
    if end < len(text) and text[end] == "." and lang == "ru":
        end += 1
    return exp, end


def _joined_scales(
    facts: list[Fact],
    prev_scale: tuple[int, int] | None,
    text: str,
    start: int,
    value: Decimal,
    alt: Decimal | None,
    exp: int,
) -> int | None:
    """The power of ten of the figure just before ``start`` when the figure there (``value``
    before scale word ``exp``) continues it: the figure before has a larger scale word, only
    blanks lie between, and ``value`` fits below it (``1 milyon 200 bin``, not ``5 milyon
    2000 bin``). ``None`` otherwise."""
    if prev_scale is None or not facts or alt is not None:
        return None
    prev_end, prev_exp = prev_scale
    if prev_exp <= exp or text[prev_end:start].strip(_SPACES) or facts[-1].end != prev_end:
        return None
    return prev_exp if 0 < value < Decimal(10) ** (prev_exp - exp) else None


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
    prev_scale: tuple[int, int] | None = None  # (end, power of ten) of the last scaled figure
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
            joined = _joined_scales(facts, prev_scale, text, start, value, alt, scale[0])
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
        if scale and joined is not None:
            # "1 milyon 200 bin", "3 milyard 750 milyon", "1 млн 200 тыс.": one number.
            head = facts.pop()
            taken.pop()
            value += values_of(head)[0]
            span_start, alts = head.start, []
            tags = [t for t in (*head.tags, *tags) if t != "scale"] + ["scale"]
        prev_scale = (end, scale[0]) if scale and "percent" not in tags else None
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


def _roman_value(numeral: str) -> int | None:
    """The value of an upper-case Roman numeral of I, V and X (1 to 39), or ``None`` when it is
    not one written the standard way (``IIII``, ``VX``)."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    if not 1 <= total <= 39:
        return None
    tens, units = divmod(total, 10)
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return total if "X" * tens + ones[units] == numeral else None


def _century_after(text: str, pos: int, lang: str) -> bool:
    """Whether the word after ``pos`` (past a space or a full stop: "XIX. yüzyıl") is the
    language's word for century, or Russian "в." ("XIX в.")."""
    rest = text[pos:]
    skipped = len(rest) - len(rest.lstrip(" .\u00a0"))
    after = _WORD.match(text, pos + skipped)
    if after is None:
        return False
    word = lower(after.group(0), lang)
    if lang == "ru" and word == "в" and text[after.end() : after.end() + 1] == ".":
        return True
    stems = lexicon(lang).century_stems
    return bool(stems) and word.startswith(stems)


def _roman_facts(text: str, lang: str, digits: list[Fact]) -> list[Fact]:
    """Roman numerals: a century (``XIX век``, ``XX əsrin``, ``XIX. yüzyıl``), a monarch or a
    war (``Elizabeth II``, ``World War II``). They are ordinals; one before a century word is a
    date part as firm as digits, any other only confirms a match (weak), and so does a century
    that dates a decade next to it (``XX əsrin 90-cı illəri``, ``90-х годов XX века``: the
    1990s, which the decade's own reading already gives). A lone ``I``, ``V`` or ``X`` counts
    only before a century word (English "I" is a pronoun)."""
    facts = []
    for m in _ROMAN.finditer(text):
        if any(f.start <= m.start() < f.end for f in digits):
            continue
        value = _roman_value(m.group(1))
        if value is None:
            continue
        century = _century_after(text, m.end(), lang)
        if len(m.group(1)) == 1 and not century:
            continue
        decade = any(
            "decade" in f.tags and (0 <= f.start - m.end() <= 20 or 0 <= m.start() - f.end <= 20)
            for f in digits
        )
        tags = {"roman", "ordinal"} if century and not decade else {"roman", "ordinal", "weak"}
        facts.append(Fact("number", str(value), m.group(1), m.start(), m.end(1), frozenset(tags)))
    return facts


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
    digits += _roman_facts(text, lang, digits)
    words = word_facts(text, lang, [(f.start, f.end) for f in digits])
    return sorted(digits + words, key=lambda f: f.start)
