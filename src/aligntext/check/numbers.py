"""Number extraction for en, az, ru and tr: digits, separators, scale and number words, times.

A number fact's ``key`` is its value written plainly (``60000``, ``3.5``, ``13:00`` for a time
of day); its ``detail`` is a comma-separated list of tags:

- ``digits`` or ``word``: how it was written;
- ``percent``, ``year``, ``decade``, ``ordinal``, ``range``, ``time``, ``scale``, ``code``
  (digits inside a name such as ``COVID-19``), ``approx`` (``thousands``, ``onlarla``),
  ``times`` (a multiplicative adverb: ``twice``, ``дважды``, value 2);
- ``both``: a word for "both" (``both``, ``оба``, ``hər iki``), also ``weak``;
- ``weak``: a word that is often no number at all (``one of``, Turkish and Azerbaijani ``bir``
  as the article, ordinals such as ``first``, ``both``); weak facts confirm a match but are
  never reported missing;
- ``alt=V``: a second reading of an ambiguous numeral (``60.000`` is 60 in English and 60000
  in Azerbaijani; both readings are kept and either may match).
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal, InvalidOperation

from aligntext.check.locale_data import (
    BOTH_WORDS,
    RU_ORDINAL_ENDINGS,
    locale_tables,
    month_of,
    number_words,
    ru_ordinal_stems,
    scale_words,
    symbols,
)
from aligntext.check.translit import lower
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

_EN_ORDINAL = re.compile(r"^(?:st|nd|rd|th)$")
_TURKIC_ORDINAL = re.compile(r"^-?(?:ı|i|u|ü)?n?c[ıiuü]$|^['’]?(?:ı|i|u|ü)?nc[ıiuü]$")
_RU_ORDINAL = re.compile(r"^-(?:й|я|е|го|му|м|х|ой|ый|ий|ая|ое|ые|ых|ым|ом|ю)$")
_DECADE = re.compile(
    r"^(?:'?s|-?х|-?е|-?ые|-?ых|-c[ıi]\b.*|-?l[ae]r.*|['’]l[ıiuü].*|['’]l[ae]r.*)$"
)

_APPROX_WORDS = {
    "en": {
        "dozens": 12,
        "hundreds": 100,
        "thousands": 1000,
        "millions": 10**6,
        "billions": 10**9,
        "tens": 10,
    },
    "ru": {
        "десятки": 10,
        "десятков": 10,
        "десятками": 10,
        "десятках": 10,
        "сотни": 100,
        "сотен": 100,
        "сотнями": 100,
        "сотнях": 100,
        "тысячи": 1000,
        "тысяч": 1000,
        "тысячами": 1000,
        "тысячах": 1000,
        "миллионы": 10**6,
        "миллионов": 10**6,
        "миллионами": 10**6,
        "миллиарды": 10**9,
        "миллиардов": 10**9,
    },
    "az": {
        "onlarla": 10,
        "yüzlərlə": 100,
        "minlərlə": 1000,
        "milyonlarla": 10**6,
        "milyardlarla": 10**9,
        "onlarca": 10,
    },
    "tr": {
        "onlarca": 10,
        "yüzlerce": 100,
        "binlerce": 1000,
        "milyonlarca": 10**6,
        "milyarlarca": 10**9,
    },
}
_WEAK_WORDS = {
    "en": {"dozen": 12, "couple": 2, "pair": 2},
    "ru": {"дюжина": 12, "пара": 2, "пару": 2, "пары": 2},
    "az": {},
    "tr": {},
}
# Multiplicative adverbs: "twice a year" is "ildə iki dəfə", "два раза в год", "yılda iki kez".
# ("once" is left out: like "one" it is mostly no count at all.)
_TIMES_WORDS = {
    "en": {
        "twice": 2,
        "thrice": 3,
        "double": 2,
        "doubled": 2,
        "doubles": 2,
        "doubling": 2,
        "triple": 3,
        "tripled": 3,
        "triples": 3,
        "tripling": 3,
        "quadrupled": 4,
    },
    "ru": {"дважды": 2, "трижды": 3, "четырежды": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4},
    "az": {"ikiqat": 2, "üçqat": 3},
    "tr": {},
}
# Stems of verbs that say "doubled" / "tripled" ("удвоилась", "утроили").
_TIMES_STEMS = {"ru": {"удвои": 2, "удваива": 2, "утрои": 3, "утраива": 3}}
# Words that carry a quantity in themselves: "billionaire", "сутки" (24 hours), "полгода".
_QUANTITY_STEMS = {
    "en": {"billionaire": 10**9, "millionaire": 10**6},
    "ru": {"миллиардер": 10**9, "миллионер": 10**6},
    "az": {"milyarder": 10**9, "milyoner": 10**6},
    "tr": {"milyarder": 10**9, "milyoner": 10**6},
}
_QUANTITY_WORDS = {
    "ru": {
        "сутки": 24,
        "суток": 24,
        "суткам": 24,
        "сутками": 24,
        "сутках": 24,
        "полгода": 6,
        "полугода": 6,
        "полугоду": 6,
    },
}
# Nouns that multiply the count before them: "two decades" is 20 years (and still 2).
_DECADE_WORDS = {
    "en": ("decade", "decades"),
    "ru": ("десятилетие", "десятилетия", "десятилетий", "десятилетиями", "десятилетиях"),
    "az": ("onillik", "onilliyi", "onillikdə", "onilliklər", "onilliklərdə", "onillikdir"),
    "tr": ("onyıl",),
}
# Cardinals whose suffixed forms are mostly other words (tr "onu" = "it", "altında" =
# "under", "yüzünden" = "because of", "bindi" = "got on").
_NO_SUFFIX = {"on", "yüz", "bin", "min", "altı", "yedi", "bir", "sıfır"}
# Case and possessive endings a Turkic number word takes ("ikisi", "üçə", "beşdən").
_NUMERAL_ENDINGS = (
    *("si", "sı", "su", "sü", "i", "ı", "u", "ü"),
    *("yə", "ye", "ya", "ə", "e", "a"),
    *("də", "de", "da", "dən", "den", "dan"),
)
# A cardinal also takes the accusative after a vowel, the case endings after a voiceless
# consonant and the copula ("altıyı", "üçte", "beştir").
_CARDINAL_SUFFIXES = frozenset(
    {
        *_NUMERAL_ENDINGS,
        *("yi", "yı", "yu", "yü", "te", "ta", "ten", "tan"),
        *("dir", "dır", "dur", "dür"),
    }
)
_ORDINAL_SUFFIXES = frozenset({"", *_NUMERAL_ENDINGS})


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
            if len(sw) > 2 and low.startswith(sw) and low[len(sw) :] in _CARDINAL_SUFFIXES:
                exp = e
    if exp is None:
        return None
    end = m.end()
    if end < len(text) and text[end] == "." and lang == "ru":
        end += 1
    return exp, end


def _tags(*tags: str) -> str:
    return ",".join(t for t in tags if t)


def _digit_facts(text: str, lang: str) -> list[Fact]:
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    for m in _TIME.finditer(text):
        h, mi, ampm = int(m.group("h")), int(m.group("m")), m.group("ampm")
        if m.group("sep") == "." and not ampm and lang == "en":
            continue  # "13.00" is a decimal in English text unless "pm" follows
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
                _tags("digits", "time", f"alt={h}"),
            )
        )
        taken.append((m.start(), m.end()))

    if lang == "ru":
        # "в час ночи" / "в час дня": one o'clock said without a digit.
        for m in _RU_ONE_OCLOCK.finditer(text):
            h = 1 if m.group(1).lower() == "ночи" else 13
            facts.append(
                Fact("number", f"{h:02d}:00", m.group(0), m.start(), m.end(), "word,time,alt=1")
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
                    _tags("digits", "time", f"alt={h}"),
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
                    if (
                        (lang == "en" and _EN_ORDINAL.match(low))
                        or (lang in ("az", "tr") and _TURKIC_ORDINAL.match(low))
                        or (lang == "ru" and _RU_ORDINAL.match(low))
                    ):
                        tags.append("ordinal")
                    glued = low[:1] in "-‐'’" or low in ("s", "'s")
                    if glued or (lang == "en" and _EN_ORDINAL.match(low)):
                        end = sm.end()
                    if _DECADE.match(low) and raw.endswith("0") and len(raw) in (2, 4):
                        tags.append("decade")
                        if len(raw) == 2:  # "the 90s" is the 1990s
                            tags.append(f"alt=19{raw}")
                            if raw <= "20":
                                tags.append(f"alt=20{raw}")
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
            tags.append(f"alt={_canon(alt)}")
        facts.append(
            Fact("number", _canon(value), text[span_start:end], span_start, end, _tags(*tags))
        )
        taken.append((span_start, end))
    return facts


def _lookup_word(low: str, lang: str, after_number: bool = False) -> tuple[int, str] | None:
    """(value, kind) of one lowercase word: cardinal, ordinal, hundred, scale, approx, weak.

    ``after_number``: the word follows a number word, so ``тысяч`` is a scale, not "thousands".
    """
    table = number_words(lang)
    if lang == "ru":
        low = low.replace("ё", "е")
    if after_number and len(low) > 2 and low in scale_words(lang):
        return 10 ** scale_words(lang)[low], "scale"
    if low in _APPROX_WORDS.get(lang, {}):
        return _APPROX_WORDS[lang][low], "approx"
    if low in _TIMES_WORDS.get(lang, {}):
        return _TIMES_WORDS[lang][low], "times"
    for stem, n in _TIMES_STEMS.get(lang, {}).items():
        if low.startswith(stem):
            return n, "times"
    if low in _QUANTITY_WORDS.get(lang, {}):
        return _QUANTITY_WORDS[lang][low], "approx"
    for stem, n in _QUANTITY_STEMS.get(lang, {}).items():
        if low.startswith(stem) and len(low) - len(stem) <= 5:
            return n, "approx"
    if low in _WEAK_WORDS.get(lang, {}):
        return _WEAK_WORDS[lang][low], "weak"
    if low in BOTH_WORDS.get(lang, ()):
        return 2, "both"
    if low in table:
        nw = table[low]
        return nw.value, nw.kind
    scales = scale_words(lang)
    if len(low) > 2 and low in scales:
        return 10 ** scales[low], "scale"
    if lang == "ru":
        for stem, n in _RU_COLLECTIVE.items():
            if low.startswith(stem) and low[len(stem) :] in ("е", "о", "их", "им", "ими"):
                return n, "cardinal"
        # Compound adjectives: "двухлетнего" (two-year), "пятидневного" (five-day).
        for prefix, n in ru_compound_prefixes().items():
            if (
                low.startswith(prefix)
                and len(low) - len(prefix) >= 4
                and low.endswith(_RU_ADJ_ENDINGS)
            ):
                return n, "cardinal"
        for stem, n in ru_ordinal_stems().items():
            if low.startswith(stem) and low[len(stem) :] in RU_ORDINAL_ENDINGS:
                return n, "ordinal"
    if lang in ("az", "tr"):
        for word, nw in table.items():
            if not low.startswith(word) or len(word) < 2:
                continue
            rest = low[len(word) :]
            if nw.kind == "ordinal" and rest in _ORDINAL_SUFFIXES:
                return nw.value, "ordinal"
            if nw.kind == "cardinal" and word not in _NO_SUFFIX and rest in _CARDINAL_SUFFIXES:
                return nw.value, "cardinal"
    return None


# Russian collective numerals (двое, троих) and adjective endings of compounds (двухлетний).
_RU_COLLECTIVE = {"дво": 2, "тро": 3, "четвер": 4, "пятер": 5, "шестер": 6, "семер": 7}
_RU_ADJ_ENDINGS = (
    "ый",
    "ий",
    "ой",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ых",
    "их",
    "ую",
    "юю",
    "ыми",
    "ими",
)


@locale_tables
def ru_compound_prefixes() -> dict[str, int]:
    """Genitive numerals that open Russian compounds: ``двух``, ``трех``, ``пяти``, ``десяти``."""
    out: dict[str, int] = {}
    from num2words import num2words

    for n in (*range(2, 21), 30, 40, 50, 100):
        word = num2words(n, lang="ru", case="genitive").replace("ё", "е")
        if " " not in word:
            out[word] = n
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _can_extend(current: int, value: int, kind: str) -> bool:
    if kind in ("scale", "hundred"):
        return True
    if value < 10:
        return current % 10 == 0 and not 10 <= current % 100 < 20
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
        first = _lookup_word(lower(words[i].group(0), lang), lang)
        if first is None:
            i += 1
            continue
        start, end = words[i].start(), words[i].end()
        seq: list[tuple[int, str]] = [first]
        joined_by_and = False
        j = i + 1
        while j < len(words) and seq[-1][1] not in ("ordinal", "approx", "weak", "both", "times"):
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
            if nxt0 is None or nxt0[1] in ("approx", "weak", "both", "times"):
                break
            acc = _accumulate(seq)
            if nxt0[1] == "scale" and seq[-1][1] == "scale":
                break
            if not _can_extend(acc % 1000 if nxt0[1] != "scale" else acc, nxt0[0], nxt0[1]):
                break
            seq.append(nxt0)
            end = words[j].end()
            j += 1
        value = _accumulate(seq)
        kinds = {k for _, k in seq}
        surface = text[start:end]
        low_first = lower(words[i].group(0), lang)
        tags = ["word"]
        weak = False
        if "ordinal" in kinds:
            tags.append("ordinal")
            weak = True
        if "approx" in kinds:
            tags.append("approx")
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
            and lower(following.group(1), lang) in _DECADE_WORDS.get(lang, ())
        ):
            tags.append(f"alt={value}")
            value *= 10
        if lang in ("az", "tr") and low_first == "yüz" and re.match(r"\s+yüz", text[end:]):
            i = j + 1
            continue  # "yüz yüze": face to face
        if weak:
            tags.append("weak")
        facts.append(Fact("number", str(value), surface, start, end, _tags(*tags)))
        i = j
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


def extract_numbers(text: str, lang: str) -> list[Fact]:
    """Every number in ``text``, in order: digits, number words, percentages, times.

    Args:
        text: a sentence (or any text) in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling :func:`resolve_lang` accepts).

    Returns:
        Number facts (``kind="number"``) whose ``key`` is the value (``60000``, ``0.5``,
        ``13:00``) and whose ``detail`` holds the tags described in the module docstring.

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    lang = resolve_lang(lang)
    digits = _digit_facts(text, lang)
    words = _word_facts(text, lang, [(f.start, f.end) for f in digits])
    return sorted(digits + words, key=lambda f: f.start)


def tags_of(fact: Fact) -> set[str]:
    """The detail tags of a fact, ``alt=`` entries included."""
    return {t for t in fact.detail.split(",") if t}


def values_of(fact: Fact) -> list[Decimal]:
    """Every numeric reading of a number fact: the value, then the ``alt=`` one if any."""
    out: list[Decimal] = []
    key = fact.key
    try:
        if ":" in key:
            h, m = key.split(":")
            out.append(Decimal(h) + Decimal(m) / 100)
        else:
            out.append(Decimal(key))
    except (InvalidOperation, ValueError):
        return out
    for tag in tags_of(fact):
        if tag.startswith("alt="):
            with contextlib.suppress(InvalidOperation):
                out.append(Decimal(tag[4:]))
    return out


def strength(fact: Fact) -> str:
    """``hard`` (digits), ``soft`` (number words, approximate words, codes) or ``weak``."""
    tags = tags_of(fact)
    if "weak" in tags:
        return "weak"
    if "word" in tags or "approx" in tags or "code" in tags:
        return "soft"
    return "hard"
