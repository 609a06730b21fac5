"""Benchmark the mismatch checker on real translations: false alarms and recall per error type.

Usage:
    python scripts/bench_check.py ../shared/data/xwmt-dev [--seed 13] [--show-flagged N]
    python scripts/bench_check.py ../shared/data/ntrex-dev --lines 0-499 --unseen 500-999
    python scripts/bench_check.py ../shared/data/xwmt-dev --mt-model models/nllb --pairs en-ru

``--lines A-B`` keeps lines A to B (inclusive, 0-based) of the ``fourway.*`` files and drops
the ``extra.*`` ones, which are not line-aligned with them; ``--unseen C-D`` measures a second
range the same way and prints both parts side by side. The unseen part is for reporting only:
do not read its flagged pairs or misses while changing rules (``--show-*`` apply to the first
part only).

For each of the six language pairs (en-ru, en-az, en-tr, ru-az, ru-tr, az-tr; ``fourway.*`` and
``extra.*`` files) it takes the genuine line pairs and perturbed copies of the target:

- ``digit``: one digit of a figure changed;
- ``deleted``: a figure deleted with its attached suffix (``1993-cü``, ``20%``); a time of
  day goes whole (``15:00``, not its minutes only);
- ``number_word``: a small number word changed (``iki`` -> ``üç``, ``двух`` -> ``трёх``);
- ``scale``: a scale word changed (``milyon`` -> ``milyard``, ``тыс.`` -> ``млн``);
- ``month``: a month name changed, keeping its inflection (``aprelin`` -> ``mayın``); in
  Azerbaijani and Turkish not a word whose suffix breaks vowel harmony (``Martin``, a name);
- ``entity``: a name carried over from the source replaced by another name of the corpus.
  "Name" is any capitalised span here, so the spans taken out and put in include ordinary
  words capitalised in titles or after a quote (``Pazar``, ``Группе``, ``Polis``) and
  weekdays and months;
- ``entity_names``: the same, but every word of both spans is a proper noun by the corpus
  itself (no lowercase word of that language's side of the corpus starts with its first five
  letters, and it is no month or weekday by CLDR), as in the issue's "a named entity
  replaced by another";
- ``first_name``: a person's first name changed, the surname kept (``Ilham Aliyev`` ->
  ``Heydər Əliyev``), where the Russian side says who is a person: a Russian word OpenCorpora
  tags as a first name (``Name``) before a capitalised word, with the surname on the other
  side starting with the same four letters (in Latin letters); the target's first name is
  replaced by another target first name found so in the corpus. Pairs with Russian on one
  side only (en-ru, ru-az, ru-tr);
- ``currency``: the currency of a figure changed (``5 million dollars`` -> ``5 million
  euros``, ``$5`` -> ``€5``, ``100 manat`` -> ``100 dollar``), where the source states a
  currency too (a sign, or a currency word of the source's language): a sign right before or
  after digits, or a currency word after them (a scale word or a capitalised word may stand
  between: ``5 milyon ABŞ dolları``), replaced by another currency of the same language
  from this script's own table (:data:`CURRENCY_SWAPS`); an Azerbaijani or Turkish word
  loses its suffix (``dolları`` -> ``avro``);
- ``ordinal``: an ordinal word of 2 to 10 in the target replaced by another of the same
  form (num2words: a Russian case and gender or plural, ``втором`` -> ``пятом``, ``четвертом``
  spelt with ``е`` as the text spells it; an Azerbaijani or Turkish one keeps its suffix in
  vowel harmony with the new word, ``üçüncüsü`` -> ``ikincisi``; ``third`` -> ``sixth``).
  ``first`` and its counterparts are left alone (the checker does not judge them). Its
  ``(src)`` row counts the changes to a place the source states (an ordinal word of that
  value, or its digits with an ordinal ending: ``3rd``, ``3-cü``);
- ``opener``: the name that opens the source sentence (its first word, a proper noun by the
  source side of the corpus as for ``entity_names``) swapped in the target: a target word
  whose first four letters (in Latin letters) match it, replaced by another proper name of
  the corpus (``Kəlbəcərin işğalı ...`` / ``Оккупация Лачина ...``). The other kinds leave a
  sentence's first word alone; an Azerbaijani or Turkish opener is where the checker is
  least sure what is a name (measure az and tr sources with ``--pairs az-en,tr-ru,...``).

It prints the share of genuine pairs flagged (a finding of severity warning or error) and, per
perturbation, the recall: the share of perturbed pairs with a new warning or error. For
``digit``, ``deleted`` and ``number_word`` it also prints the recall over the changes to a
figure the source states (``(src)`` rows; :func:`source_states`, rules of this script's own):
a translator's "the two countries" for the source's "they" can be changed to "three" with
nothing in the source to show it, so the gap between the two figures is what no comparison
can see, and the gap to 1.0 in the ``(src)`` row is what the checker misses. A change
that only removes flags of its genuine pair (it turned a real slip back into the right figure)
is left out of the recall and counted on its own line. The
perturbations are built with plain string rules and Babel / num2words forms, not with the
checker's extractors. ``--show-flagged`` lists flagged genuine pairs for review.

The genuine lines of a pair of languages are checked as one bitext (``check_pairs``), which
learns from them how the text translates its words (:mod:`aligntext.check.text_lexicon`).
A perturbed line is checked as the one slip of that text: the lexicon is learned from the
genuine lines with only that line changed, as in a user's document, not from a text in which
every line has a slip.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

from anyascii import anyascii
from babel import Locale
from num2words import num2words

from aligntext.check import check_pairs, compare_sentences
from aligntext.check.model_links import Lexicon, Lexicons, ModelLinks
from aligntext.check.text_lexicon import BlockLexicons
from aligntext.translate import load_translator

PAIRS = (("en", "ru"), ("en", "az"), ("en", "tr"), ("ru", "az"), ("ru", "tr"), ("az", "tr"))
KINDS = (
    "digit",
    "deleted",
    "number_word",
    "scale",
    "month",
    "entity",
    "entity_names",
    "first_name",
    "opener",
    "currency",
    "ordinal",
)
TARGETS = {
    "genuine": 0.015,
    "digit": 0.98,
    "deleted": 0.95,
    "month": 0.95,
    "number_word": 0.90,
    "scale": 0.90,
    "entity": 0.85,
    "entity_names": 0.85,
    # No issue sets one; the bar of a name swapped whole.
    "first_name": 0.85,
    "opener": 0.85,
    # No issue sets one; the bar of a changed scale word.
    "currency": 0.90,
    # No issue sets one; the bar of a changed number word.
    "ordinal": 0.90,
}

_LETTER = r"[^\W\d_]"
_FIGURE = re.compile(rf"(?<!{_LETTER})(?<![-\d.,])\d+(?:[.,\u00a0 ]\d+)*")
_FIGURE_SUFFIX = re.compile(
    rf"(?<!{_LETTER})(?<![-\d.,])\d+(?:[.,\u00a0 ]\d{{3}})*(?:[.,]\d+)?"
    rf"(?:\s?%|[-'’]{_LETTER}+|{_LETTER}+)?"
)
# A time of day, "15:00" or "4:40" (deleted whole, see ``perturb``).
_CLOCK = re.compile(r"(?<![\d.,:])\d{1,2}:\d{2}(?![\d:])")
_CAP = re.compile(r"(?<![\w-])[A-ZА-ЯЁÇŞĞÜÖİƏ][^\W\d_]{3,}(?:-[^\W\d_]+)*")
# A name: capitalised words in a row (``Kingstone Magombeyi``, ``Лашкаре-Тайба``).
_SPAN = re.compile(rf"{_CAP.pattern}(?:\s{_CAP.pattern})*")
# Case endings an Azerbaijani or Turkish month name takes ("aprelin", "apreldə", "Nisan'da").
_TURKIC_CASE = "|".join(
    [
        "ın",
        "in",
        "un",
        "ün",
        "ı",
        "i",
        "u",
        "ü",
        "a",
        "ə",
        "e",
        "ya",
        "yə",
        "ye",
        "da",
        "də",
        "de",
        "ta",
        "te",
        "dan",
        "dən",
        "den",
        "tan",
        "ten",
        "ında",
        "ində",
        "ində",
        "unda",
        "ündə",
        "'da",
        "'de",
        "'ta",
        "'te",
        "'ın",
        "'in",
        "'un",
        "'ün",
        "’da",
        "’de",
        "’ta",
        "’te",
        "’ın",
        "’in",
        "’un",
        "’ün",
    ]
)
_RU_CASES = ("nominative", "genitive", "dative", "instrumental", "prepositional")

SCALE_SWAPS = {
    "en": [("million", "billion"), ("billion", "million"), ("thousand", "million")],
    "ru": [
        ("миллион", "миллиард"),
        ("миллиард", "миллион"),
        ("млн", "млрд"),
        ("млрд", "млн"),
        ("тыс.", "млн"),
        ("тысяч", "миллионов"),
    ],
    "az": [
        ("milyon", "milyard"),
        ("milyard", "milyon"),
        ("min", "milyon"),
        ("mln", "mlrd"),
        ("mlrd", "mln"),
    ],
    "tr": [("milyon", "milyar"), ("milyar", "milyon"), ("bin", "milyon")],
}


# Currency words of each language (lowercase, as a word starts) -> what replaces them; signs
# are shared. An Azerbaijani or Turkish word is replaced whole, suffix and all.
CURRENCY_SWAPS = {
    "en": {
        "dollars": "euros",
        "dollar": "euro",
        "euros": "dollars",
        "euro": "dollar",
        "pounds": "dollars",
        "manats": "dollars",
        "manat": "dollar",
        "liras": "dollars",
        "lira": "dollar",
        "rubles": "dollars",
        "roubles": "dollars",
    },
    "ru": {
        "долларов": "евро",
        "доллара": "евро",
        "доллар": "евро",
        "евро": "долларов",
        "рублей": "долларов",
        "рубля": "доллара",
        "рубль": "доллар",
        "манатов": "долларов",
        "маната": "доллара",
        "манат": "доллар",
        "фунтов": "долларов",
        "лир": "долларов",
    },
    "az": {
        "dollar": "avro",
        "avro": "dollar",
        "manat": "dollar",
        "lirə": "dollar",
        "lira": "dollar",
        "rubl": "dollar",
        "funt": "dollar",
    },
    "tr": {
        "dolar": "avro",
        "avro": "dolar",
        "euro": "dolar",
        "lira": "dolar",
        "tl": "dolar",
        "sterlin": "dolar",
        "ruble": "dolar",
        "manat": "dolar",
    },
}
CURRENCY_SIGN_SWAPS = {"$": "€", "€": "$", "£": "$", "₼": "$", "₺": "$", "₽": "$"}


def _currency_word_pattern(lang: str) -> str:
    words = sorted(CURRENCY_SWAPS[lang], key=len, reverse=True)
    whole = "" if lang in ("az", "tr") else r"(?!\w)"
    return rf"(?<!\w)(?:{'|'.join(map(re.escape, words))}){whole}"


def states_currency(text: str, lang: str) -> bool:
    """Whether ``text`` names a currency: a sign, or a currency word of ``lang`` (any case)."""
    return any(c in text for c in CURRENCY_SIGN_SWAPS) or bool(
        re.search(_currency_word_pattern(lang), _lower(text, lang), re.IGNORECASE)
    )


def currency_swap(src: str, tgt: str, a: str, b: str, rng: random.Random) -> str | None:
    """``tgt`` with the currency of one of its figures replaced (see ``currency``), when
    the source names a currency too."""
    if not states_currency(src, a):
        return None
    hits: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[$€£₼₺₽]", tgt):
        near = tgt[max(0, m.start() - 3) : m.start()] + tgt[m.end() : m.end() + 2]
        if re.search(r"\d", near):
            hits.append((m.start(), m.end(), CURRENCY_SIGN_SWAPS[m.group(0)]))
    low = _lower(tgt, b)
    for m in re.finditer(_currency_word_pattern(b), low, re.IGNORECASE):
        # A figure before it, a scale word or a capitalised word at most between.
        if not re.search(r"\d[\d.,]*(?:[\s-][^\W\d_]+\.?){0,2}[\s-]$", tgt[: m.start()]):
            continue
        end = m.end()
        if b in ("az", "tr"):
            end = re.match(r"[\w'’]*", tgt[end:]).end() + end  # type: ignore[union-attr]
        new = CURRENCY_SWAPS[b][m.group(0).lower()]
        if tgt[m.start()].isupper() and m.group(0) != "tl":
            new = _capitalised(new, b)
        hits.append((m.start(), end, new))
    if not hits:
        return None
    start, end, new = rng.choice(sorted(hits))
    return tgt[:start] + new + tgt[end:]


_RU_GENDERS = ("m", "f", "n")
_RU_ORDINAL_CASES = (*_RU_CASES, "accusative")


@cache
def ordinal_words(lang: str) -> dict[str, dict[str, int]]:
    """Ordinal words for 2 to 10 (num2words), lowercase: per grammatical form (a Russian
    case and gender, or the plural of a case), word -> value. "First" is left out: the
    checker does not judge it (``for the first time`` / ``впервые``)."""
    forms: dict[str, dict[str, int]] = {}
    for n in range(2, 11):
        if lang != "ru":
            forms.setdefault("", {})[_lower(num2words(n, lang=lang, to="ordinal"), lang)] = n
            continue
        for case in _RU_ORDINAL_CASES:
            for gender in _RU_GENDERS:
                word = num2words(n, lang="ru", to="ordinal", case=case, gender=gender)
                forms.setdefault(f"{case}-{gender}", {})[word] = n
            word = num2words(n, lang="ru", to="ordinal", case=case, plural=True)
            forms.setdefault(f"{case}-plural", {})[word] = n
    if lang == "ru":
        # Most texts write "четвертый" for "четвёртый".
        for key in list(forms):
            forms[key + "-e"] = {w.replace("ё", "е"): n for w, n in forms[key].items()}
    return {k: v for k, v in forms.items() if v}


_HIGH = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}


def _reharmonised(stem: str, suffix: str, lang: str) -> str:
    """``suffix`` with its vowels following the last vowel of ``stem`` (Azerbaijani and
    Turkish vowel harmony): ``üçüncüsü`` -> ``ikincisi``, ``ikincidə`` -> ``altıncıda``."""
    out = []
    last = next((c for c in reversed(stem) if c in _HIGH), "")
    for c in suffix:
        low = _lower(c, lang)
        if low in "ıiuü" and last:
            c = _HIGH[last]
        elif low in "aeə" and last:
            c = "a" if last in "aıou" else ("ə" if lang == "az" else "e")
        if _lower(c, lang) in _HIGH:
            last = _lower(c, lang)
        out.append(c)
    return "".join(out)


def ordinal_swap(tgt: str, lang: str, rng: random.Random) -> str | None:
    """``tgt`` with one ordinal word (2 to 10) replaced by another of the same form
    (``втором`` -> ``пятом``, ``third`` -> ``sixth``); an Azerbaijani or Turkish one keeps its
    suffix, in harmony with the new word (``üçüncüsü`` -> ``ikincisi``)."""
    hits: dict[tuple[int, int], tuple[str, dict[str, int]]] = {}
    turkic = lang in ("az", "tr")
    for table in ordinal_words(lang).values():
        for word in table:
            tail = "" if turkic else r"(?!\w)"
            for m in re.finditer(rf"(?<!\w){re.escape(word)}{tail}", _lower(tgt, lang)):
                # A word of several forms ("второй") is replaced in the first one's.
                hits.setdefault((m.start(), m.end()), (word, table))
    if not hits:
        return None
    start, end = rng.choice(sorted(hits))
    word, table = hits[start, end]
    other = rng.choice(sorted(w for w, v in table.items() if v != table[word]))
    if turkic:
        rest = re.match(r"[\w'’]*", tgt[end:]).group(0)  # type: ignore[union-attr]
        new = other + _reharmonised(other, rest, lang)
        end += len(rest)
    else:
        new = other
    if tgt[start].isupper():
        new = _capitalised(new, lang)
    return tgt[:start] + new + tgt[end:]


def _capitalised(word: str, lang: str) -> str:
    """``word`` with a capital first letter as the language writes it: Azerbaijani and
    Turkish ``iki`` is ``İki`` (``Iki`` reads ``ıki``, no word at all)."""
    if lang in ("az", "tr") and word[:1] == "i":
        return "İ" + word[1:]
    return word[:1].upper() + word[1:]


_FRONT, _BACK = set("eəiöü"), set("aıou")


def _harmonious(stem: str, rest: str) -> bool:
    """Whether the suffix at the start of ``rest`` agrees in backness with ``stem``'s last
    vowel (Azerbaijani and Turkish vowel harmony); no suffix or no vowel agrees."""
    suffix = re.match(r"[^\W\d_]*", rest)
    last = next((c for c in reversed(stem.lower()) if c in _FRONT | _BACK), "")
    first = next(
        (c for c in (suffix.group(0) if suffix else "").lower() if c in _FRONT | _BACK), ""
    )
    return not last or not first or (last in _FRONT) == (first in _FRONT)


def load(root: Path, a: str, b: str, lines: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    """Line pairs of ``a`` and ``b``: ``fourway.*`` (lines ``lines`` only, when given) and,
    without ``lines``, the pair's ``extra.*`` files."""
    out: list[tuple[str, str]] = []
    files = [(f"fourway.{a}", f"fourway.{b}")]
    if lines is None:
        # An extra file serves either direction of its pair.
        files.append((f"extra.{a}-{b}.{a}", f"extra.{a}-{b}.{b}"))
        files.append((f"extra.{b}-{a}.{a}", f"extra.{b}-{a}.{b}"))
    for name_a, name_b in files:
        pa, pb = root / name_a, root / name_b
        if pa.exists() and pb.exists():
            la = pa.read_text(encoding="utf-8").splitlines()
            lb = pb.read_text(encoding="utf-8").splitlines()
            rows = list(zip(la, lb, strict=False))
            if lines is not None and name_a.startswith("fourway."):
                rows = rows[lines[0] : lines[1] + 1]
            out.extend((x, y) for x, y in rows if x.strip() and y.strip())
    return out


def line_range(text: str) -> tuple[int, int]:
    """``"0-499"`` -> ``(0, 499)`` (inclusive)."""
    m = re.fullmatch(r"(\d+)-(\d+)", text.strip())
    if not m or int(m.group(1)) > int(m.group(2)):
        raise argparse.ArgumentTypeError(f"expected A-B, got {text!r}")
    return int(m.group(1)), int(m.group(2))


def small_number_words(lang: str) -> list[dict[str, int]]:
    """Per grammatical form, word -> value for 2..9 (num2words)."""
    if lang == "ru":
        tables = []
        for case in _RU_CASES:
            tables.append({num2words(n, lang="ru", case=case): n for n in range(2, 10)})
        return tables
    return [{num2words(n, lang=lang): n for n in range(2, 10)}]


def month_table(lang: str) -> list[str]:
    loc = Locale.parse(lang)
    if lang == "ru":
        return [loc.months["stand-alone"]["wide"][m] for m in range(1, 13)]
    return [loc.months["format"]["wide"][m] for m in range(1, 13)]


def _lower(word: str, lang: str) -> str:
    if lang in ("az", "tr"):
        word = word.replace("İ", "i").replace("I", "ı")
    return word.lower()


def _stub(low: str) -> str:
    return low[:5]


def calendar_words(lang: str) -> list[str]:
    """Month and weekday names (CLDR), lowercase: capitalised in az / tr / en, no names."""
    loc = Locale.parse(lang)
    out = []
    for table in (loc.months, loc.days):
        for context in ("format", "stand-alone"):
            out.extend(_lower(v, lang) for v in table[context]["wide"].values())
    return sorted(set(out))


def proper_test(targets: list[str], lang: str):  # type: ignore[no-untyped-def]
    """A test for spans whose every word is a proper noun by the corpus itself.

    A word is one when no word of ``targets`` in lowercase starts with its first five
    letters (the whole word if shorter: inflected forms share them, ``Kilisesi`` and
    ``kilise``) and it is no month or weekday (a Turkic one with its case ending:
    ``Temmuz'da``, ``Fevralda``).
    """
    lowered = {_stub(w) for t in targets for w in re.findall(r"[^\W\d_]+", t) if w[0].islower()}
    calendar = calendar_words(lang)

    def proper(span: str) -> bool:
        for word in re.findall(r"[^\W\d_]+", span):
            low = _lower(word, lang)
            if _stub(low) in lowered:
                return False
            if lang in ("az", "tr") and any(low.startswith(c) for c in calendar):
                return False
            if low in calendar:
                return False
        return True

    return proper


def perturb(
    kind: str,
    src: str,
    tgt: str,
    lang: str,
    rng: random.Random,
    pool: list[str],
    proper=None,  # type: ignore[no-untyped-def]
) -> str | None:
    if kind == "digit":
        figs = list(_FIGURE.finditer(tgt))
        if not figs:
            return None
        m = rng.choice(figs)
        positions = [i for i in range(m.start(), m.end()) if tgt[i].isdigit()]
        i = rng.choice(positions)
        choices = [d for d in "0123456789" if d != tgt[i] and not (d == "0" and i == m.start())]
        return tgt[:i] + rng.choice(choices) + tgt[i + 1 :]
    if kind == "deleted":
        figs = list(_FIGURE_SUFFIX.finditer(tgt))
        if not figs:
            return None
        m = rng.choice(figs)
        start, end = m.start(), m.end()
        # The hours or the minutes of a time of day are half a figure: "15:00" with its
        # minutes cut still reads 15 o'clock, and "3 p.m." matches it. The whole time goes.
        clock = next((t for t in _CLOCK.finditer(tgt) if t.start() <= start < t.end()), None)
        if clock is not None:
            start, end = clock.start(), max(end, clock.end())
        return re.sub(r"\s{2,}", " ", tgt[:start] + tgt[end:]).strip()
    if kind == "number_word":
        hits = []
        for table in small_number_words(lang):
            for word, value in table.items():
                for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", tgt, re.IGNORECASE):
                    hits.append((m, value, table))
        if not hits:
            return None
        m, value, table = rng.choice(hits)
        other = rng.choice([w for w, v in table.items() if v != value])
        word = _capitalised(other, lang) if m.group(0)[0].isupper() else other
        return tgt[: m.start()] + word + tgt[m.end() :]
    if kind == "scale":
        hits = []
        for a, b in SCALE_SWAPS[lang]:
            for m in re.finditer(rf"(?<!\w){re.escape(a)}", tgt, re.IGNORECASE):
                if a in ("min", "bin") and not re.match(r"\w*\s", tgt[m.end() :] + " "):
                    continue
                if a in ("min", "bin") and not re.search(r"\d\s*$|\w\s$", tgt[: m.start()]):
                    continue
                if a in ("min", "bin", "млн", "млрд", "mln", "mlrd") and re.match(
                    r"\w", tgt[m.end() :]
                ):
                    continue
                hits.append((m, b))
        if not hits:
            return None
        m, b = rng.choice(hits)
        return tgt[: m.start()] + b + tgt[m.end() :]
    if kind == "month":
        names = month_table(lang)
        hits = []
        for num, name in enumerate(names):
            stem = name.lower()[:-1] if lang == "ru" and name[-1] in "ьй" else name.lower()
            if lang == "ru" and num == 4:
                stem = "ма"
            if lang == "ru":
                pattern = rf"(?<!\w){re.escape(stem)}(\w{{0,4}})"
            elif lang in ("az", "tr"):
                pattern = rf"(?<!\w){re.escape(name)}(?=(?:{_TURKIC_CASE})?(?!\w))"
            else:
                pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
            for m in re.finditer(pattern, tgt, re.IGNORECASE):
                if lang == "ru" and m.group(1) not in ("", "я", "а", "е", "ь", "й"):
                    continue
                if lang == "ru" and num == 4 and m.group(1) not in ("й", "я", "е"):
                    continue
                hits.append((m, num))
        if not hits:
            return None
        m, num = rng.choice(hits)
        new = rng.choice([k for k in range(12) if k != num])
        if lang in ("az", "tr") and not _harmonious(m.group(0), tgt[m.end() :]):
            # "Martin" (St. Martin's church) is "Mart" and a suffix that breaks vowel harmony
            # (the month's genitive is "Martın"): a name, whose change is no changed month.
            # Decided after the draws, so that every other perturbation stays as it was.
            return None
        if lang == "ru":
            nom = names[new].lower()
            stem = nom[:-1] if nom[-1] in "ьй" else nom
            ending = m.group(1)
            word = (
                nom
                if ending in ("", "ь", "й")
                else stem + ("я" if nom[-1] in "ьй" else "а" if ending in "ая" else ending)
            )
            if ending == "е":
                word = stem + "е"
        else:
            word = names[new]
        if m.group(0)[0].isupper():
            word = _capitalised(word, lang)
        elif lang != "tr" and lang != "en":
            word = word.lower()
        return tgt[: m.start()] + word + tgt[m.end() :]
    if kind in ("entity", "entity_names"):
        # A name on both sides (a capitalised target span with a word whose first letters match
        # those of a capitalised source word) replaced whole by another name of the corpus.
        def prefixes(text: str) -> set[str]:
            return {anyascii(w).lower()[:4] for w in re.findall(r"[^\W\d_]{4,}", text)}

        src_names = {anyascii(m.group(0)).lower()[:4] for m in _CAP.finditer(src) if m.start() > 0}
        cands = [
            m
            for m in _SPAN.finditer(tgt)
            if m.start() > 0
            and not re.search(r"[.!?:\"«]\s*$", tgt[: m.start()])
            and prefixes(m.group(0)) & src_names
            and (kind == "entity" or proper(m.group(0)))
        ]
        if not cands:
            return None
        m = rng.choice(cands)
        taken = prefixes(src) | prefixes(tgt)
        options = [p for p in pool if not prefixes(p) & taken and (kind == "entity" or proper(p))]
        if not options:
            return None
        return tgt[: m.start()] + rng.choice(options) + tgt[m.end() :]
    raise ValueError(kind)


#: Kinds whose recall is also shown over the changes to a figure the source states.
STATED_KINDS = ("digit", "deleted", "number_word", "ordinal")


def _changed_span(old: str, new: str) -> tuple[int, int]:
    """The span of ``old`` that differs from ``new`` (common prefix and suffix left out)."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    return p, len(old) - q


def source_states(kind: str, src: str, tgt: str, new: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether the source states the figure a perturbation changed, by rules of this script's
    own (not the checker's extractors): the same digits in a figure of the source, or for a
    number word a word of the same value (num2words forms) or that value in digits.

    A change to a figure the source does not state ("the two countries" for "they") leaves
    nothing to compare with; the recall over the stated ones tells a checker that misses a
    changed fact from one that cannot know it changed.
    """
    start, end = _changed_span(tgt, new)
    if kind == "ordinal":
        for table in ordinal_words(tgt_lang).values():
            for word, value in table.items():
                for m in re.finditer(rf"(?<!\w){re.escape(word)}", _lower(tgt, tgt_lang)):
                    if m.start() <= start < m.end():
                        return _states_ordinal(src, src_lang, value)
        return False
    if kind == "number_word":
        for table in small_number_words(tgt_lang):
            for word, value in table.items():
                for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", tgt, re.IGNORECASE):
                    if m.start() <= start < m.end() or start <= m.start() < end:
                        words = {
                            w
                            for t in small_number_words(src_lang)
                            for w, v in t.items()
                            if v == value
                        }
                        low = {w.lower() for w in re.findall(r"\w+", src)}
                        return bool(words & low) or bool(
                            re.search(rf"(?<![\d.,]){value}(?![\d.,]?\d)", src)
                        )
        return False
    figure = next(
        (
            m
            for m in _FIGURE.finditer(tgt)
            if m.start() <= start < m.end() or start <= m.start() < end
        ),
        None,
    )
    if figure is None:
        return False
    digits = re.sub(r"\D", "", figure.group(0))
    return any(re.sub(r"\D", "", m.group(0)) == digits for m in _FIGURE.finditer(src))


def _states_ordinal(src: str, lang: str, value: int) -> bool:
    """Whether ``src`` states the place ``value``: an ordinal word of that value (any form;
    in Azerbaijani and Turkish with any suffix) or that value in digits with an ordinal
    ending (``3rd``, ``3-cü``, ``3-го``, ``3.``)."""
    low = _lower(src, lang)
    for table in ordinal_words(lang).values():
        for word, n in table.items():
            tail = "" if lang in ("az", "tr") else r"(?!\w)"
            if n == value and re.search(rf"(?<!\w){re.escape(word)}{tail}", low):
                return True
    return bool(re.search(rf"(?<![\d.,]){value}(?:st|nd|rd|th|[-'’]\w+|\.\s)", low))


@cache
def _morph():  # type: ignore[no-untyped-def]
    """OpenCorpora's analyser, loaded once and only for ``first_name``."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _ru_first_name(word: str) -> bool:
    """A Russian first name by OpenCorpora (its best reading carries ``Name``)."""
    return "Name" in _morph().parse(word.lower())[0].tag.grammemes


def _latin_stub(word: str) -> str:
    return anyascii(word).lower()[:4]


def first_name_spans(src: str, tgt: str, a: str, b: str) -> list[tuple[int, int]]:
    """Spans of the target's person first names, as the Russian side shows them (see
    ``first_name``): a first name, then a surname both sides share."""
    out = []
    if b == "ru":
        src_caps = {_latin_stub(m.group(0)) for m in _CAP.finditer(src) if m.start() > 0}
        for m in _SPAN.finditer(tgt):
            words = m.group(0).split()
            if (
                m.start() > 0
                and len(words) == 2
                and _ru_first_name(words[0])
                and _latin_stub(words[1]) in src_caps
            ):
                out.append((m.start(), m.start() + len(words[0])))
    elif a == "ru":
        surnames = {
            _latin_stub(m.group(0).split()[1])
            for m in _SPAN.finditer(src)
            if len(m.group(0).split()) == 2 and _ru_first_name(m.group(0).split()[0])
        }
        for m in _SPAN.finditer(tgt):
            words = m.group(0).split()
            if m.start() > 0 and len(words) == 2 and _latin_stub(words[1]) in surnames:
                out.append((m.start(), m.start() + len(words[0])))
    return out


def _first_name_swap(
    src: str, tgt: str, a: str, b: str, rng: random.Random, pool: list[str]
) -> str | None:
    """``tgt`` with a person's first name replaced by another from ``pool``."""
    spans = first_name_spans(src, tgt, a, b)
    if not spans:
        return None
    start, end = rng.choice(spans)
    taken = {_latin_stub(w) for w in re.findall(r"[^\W\d_]{3,}", src + " " + tgt)}
    options = [f for f in pool if _latin_stub(f) not in taken]
    if not options:
        return None
    return tgt[:start] + rng.choice(options) + tgt[end:]


def _opener_swap(
    src: str,
    tgt: str,
    rng: random.Random,
    pool: list[str],
    src_proper,  # type: ignore[no-untyped-def]
    tgt_proper,  # type: ignore[no-untyped-def]
) -> str | None:
    """``tgt`` with the counterpart of the name that opens ``src`` replaced by another name
    of ``pool`` (see ``opener``): the source's first word, a proper noun by the source side
    of the corpus, and a target word whose first letters match it, wherever it stands."""
    m = _CAP.match(src, len(src) - len(src.lstrip(" \"'«“„‘(")))
    if m is None or not src_proper(m.group(0)):
        return None
    stub = _latin_stub(m.group(0))
    # The word itself, not the run of capitals it stands in: a target sentence may open
    # with a capitalised common word before it ("Оккупация Агдама").
    cands = [
        t for t in _CAP.finditer(tgt) if tgt_proper(t.group(0)) and _latin_stub(t.group(0)) == stub
    ]
    if not cands:
        return None
    t = rng.choice(cands)
    taken = {_latin_stub(w) for w in re.findall(r"[^\W\d_]{4,}", src + " " + tgt)}
    options = [
        p
        for p in pool
        if tgt_proper(p) and not {_latin_stub(w) for w in re.findall(r"[^\W\d_]{4,}", p)} & taken
    ]
    if not options:
        return None
    return tgt[: t.start()] + rng.choice(options) + tgt[t.end() :]


def check_as_slips(
    pairs: list[tuple[str, str]],
    lexicons: BlockLexicons,
    idx: list[int],
    pert: list[tuple[str, str]],
    a: str,
    b: str,
    model: ModelLinks | None = None,
) -> list:  # type: ignore[type-arg]
    """Check each perturbed pair ``pert[k]`` (line ``idx[k]`` changed) as the one slip of the
    otherwise genuine text, as a user's document would be: the text lexicon
    (:mod:`aligntext.check.text_lexicon`, ``lexicons`` as learned from the genuine ``pairs``)
    counts every genuine line but that one, not a text in which every line has a slip. With
    ``model`` (``--mt-model``), the model's links of the source words are asked too."""
    out = []
    for k, (i, (s, t)) in enumerate(zip(idx, pert, strict=True)):
        lexicon: Lexicon = lexicons.for_pair(i).leaving_out(*pairs[i])
        if model is not None:
            lexicon = Lexicons(lexicon, model.for_pair(i))
        out += compare_sentences(s, t, a, b, pair=k, lexicon=lexicon)
    return out


def flagged(findings, n: int) -> list[set[str]]:  # type: ignore[no-untyped-def]
    out: list[set[str]] = [set() for _ in range(n)]
    for f in findings:
        if f.severity in ("error", "warning"):
            out[f.pair].add(f"{f.type}:{f.message}")
    return out


def run_part(
    data: Path,
    lines: tuple[int, int] | None,
    seed: int,
    show_flagged: int = 0,
    show_missed: str = "",
    kinds: tuple[str, ...] = KINDS,
    mt_model: str | None = None,
    pairs_measured: tuple[tuple[str, str], ...] = PAIRS,
) -> dict[str, object]:
    """Measure one part of the data; print its per-pair table; return its totals."""
    rng = random.Random(seed)
    # entity_names draws from its own generator, so that adding it left every other
    # perturbation as it was (figures stay comparable with earlier runs).
    names_rng = random.Random(seed + 1)
    first_rng = random.Random(seed + 2)
    opener_rng = random.Random(seed + 3)
    currency_rng = random.Random(seed + 4)
    ordinal_rng = random.Random(seed + 5)
    totals = {k: [0, 0] for k in ("genuine", *KINDS)}
    # Recall over the changes to a figure the source states (:func:`source_states`).
    stated = {k: [0, 0] for k in STATED_KINDS}
    reverted = dict.fromkeys(KINDS, 0)
    # Flagged genuine pairs by the types of their warnings and errors (a pair may count
    # under several).
    by_type: Counter[str] = Counter()
    print(f"{'pair':6} {'n':>5} {'genuine':>8} " + " ".join(f"{k:>11}" for k in kinds))
    shown = 0
    for a, b in pairs_measured:
        pairs = load(data, a, b, lines)
        if not pairs:
            continue
        pool = sorted({m.group(0) for _, t in pairs for m in _SPAN.finditer(t) if m.start() > 0})
        proper = proper_test([t for _, t in pairs], b)
        src_proper = proper_test([s for s, _ in pairs], a)
        translator = load_translator(a, b, model=mt_model, download=False) if mt_model else None
        base = flagged(check_pairs(pairs, a, b, translator=translator), len(pairs))
        lexicons = BlockLexicons(pairs, a, b)
        links = ModelLinks(translator, [s for s, _ in pairs], a, b) if translator else None
        row = {"genuine": [sum(1 for x in base if x), len(pairs)]}
        for x in base:
            by_type.update({f.split(":", 1)[0] for f in x})
        for i, x in enumerate(base):
            if x and shown < show_flagged:
                shown += 1
                print(f"  [{a}-{b} #{i}] {sorted(x)}\n    S: {pairs[i][0]}\n    T: {pairs[i][1]}")
        firsts = sorted(
            {t[x:y] for s, t in pairs for x, y in first_name_spans(s, t, a, b)}
            if "first_name" in kinds
            else set()
        )
        for kind in KINDS:
            idx, pert = [], []
            for i, (s, t) in enumerate(pairs):
                if kind == "first_name":
                    # Drawn only when measured: it came last, and needs a tagger.
                    new = _first_name_swap(s, t, a, b, first_rng, firsts) if firsts else None
                elif kind == "opener":
                    new = _opener_swap(s, t, opener_rng, pool, src_proper, proper)
                elif kind == "currency":
                    new = currency_swap(s, t, a, b, currency_rng)
                elif kind == "ordinal":
                    new = ordinal_swap(t, b, ordinal_rng)
                else:
                    new = perturb(
                        kind, s, t, b, names_rng if kind == "entity_names" else rng, pool, proper
                    )
                if new is not None and new != t:
                    idx.append(i)
                    pert.append((s, new))
            if kind not in kinds:
                # Drawn all the same, so that the kinds measured get the draws of a full run.
                continue
            res = flagged(check_as_slips(pairs, lexicons, idx, pert, a, b, links), len(pert))
            hits = 0
            for k, (i, r) in enumerate(zip(idx, res, strict=False)):
                if r < base[i]:
                    # The change undid a flagged difference of the genuine pair (a real slip
                    # such as "26 milyon" for 26 billion, turned back into "26 milyar"): the
                    # perturbed pair is correct, so staying quiet on it is no miss.
                    reverted[kind] += 1
                    continue
                said = kind in STATED_KINDS and source_states(
                    kind, pert[k][0], pairs[i][1], pert[k][1], a, b
                )
                if said:
                    stated[kind][1] += 1
                if r - base[i]:
                    hits += 1
                    if said:
                        stated[kind][0] += 1
                elif kind == show_missed:
                    print(
                        f"  MISSED {kind} [{a}-{b} #{i}]\n    S: {pert[k][0]}\n"
                        f"    T: {pairs[i][1]}\n    P: {pert[k][1]}"
                    )
            row[kind] = [
                hits,
                len(pert) - sum(1 for i, r in zip(idx, res, strict=False) if r < base[i]),
            ]
        for k, (h, n) in row.items():
            totals[k][0] += h
            totals[k][1] += n
        cells = " ".join(f"{row[k][0] / max(row[k][1], 1):>6.3f} ({row[k][1]:>3})" for k in kinds)
        print(f"{a}-{b:3} {len(pairs):>5} {row['genuine'][0] / len(pairs):>8.3f} {cells}")
    cells = " ".join(
        f"{totals[k][0] / max(totals[k][1], 1):>6.3f} ({totals[k][1]:>3})" for k in kinds
    )
    g = totals["genuine"]
    print(f"{'all':6} {g[1]:>5} {g[0] / max(g[1], 1):>8.3f} {cells}")
    print(
        "genuine pairs flagged, by finding type: "
        + (", ".join(f"{t} {n}" for t, n in by_type.most_common()) or "none")
    )
    undone = ", ".join(f"{k} {n}" for k, n in reverted.items() if n)
    if undone:
        print(f"left out of recall (the change undid a flagged slip): {undone}")
    measured_stated = [k for k in STATED_KINDS if k in kinds]
    if measured_stated:
        print(
            "recall on changes to a figure the source states: "
            + ", ".join(
                f"{k} {stated[k][0] / max(stated[k][1], 1):.3f} ({stated[k][0]}/{stated[k][1]})"
                for k in measured_stated
            )
        )
    return {"totals": totals, "by_type": by_type, "stated": stated}


def _rate(totals: dict[str, list[int]], kind: str) -> str:
    h, n = totals[kind]
    return f"{h / max(n, 1):.3f} ({h}/{n})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="a data folder (xwmt-dev, ntrex-dev)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lines", type=line_range, help="fourway lines A-B only (inclusive)")
    ap.add_argument("--unseen", type=line_range, help="also measure lines C-D, to report only")
    ap.add_argument(
        "--show-flagged", type=int, default=0, help="list up to N flagged genuine pairs"
    )
    ap.add_argument("--show-missed", default="", help="list missed perturbations of this kind")
    ap.add_argument(
        "--kinds", default=",".join(KINDS), help="comma-separated perturbations to measure"
    )
    ap.add_argument(
        "--mt-model",
        help="a local MT model folder (NLLB or M2M100 for every pair; a one-direction model "
        "with --pairs): the name checks ask it how source words translate, as check "
        "--mt-model does",
    )
    ap.add_argument(
        "--pairs",
        default=",".join(f"{a}-{b}" for a, b in PAIRS),
        help="comma-separated language pairs to measure (en-ru,az-tr ...)",
    )
    args = ap.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        print(
            f"--kinds: unknown {', '.join(unknown)}; choose from {', '.join(KINDS)}",
            file=sys.stderr,
        )
        return 2
    measured = tuple(tuple(p.split("-", 1)) for p in args.pairs.split(",") if p)
    langs = {x for pair in PAIRS for x in pair}
    if not all(len(p) == 2 and p[0] != p[1] and set(p) <= langs for p in measured):
        print(f"--pairs: two of {', '.join(sorted(langs))} (en-ru, tr-az ...)", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    label = f"lines {args.lines[0]}-{args.lines[1]}" if args.lines else "all lines"
    print(f"== {args.data.name}, {label}")
    parts = [
        (
            label,
            run_part(
                args.data,
                args.lines,
                args.seed,
                args.show_flagged,
                args.show_missed,
                kinds,
                args.mt_model,
                measured,
            ),
        )
    ]
    if args.unseen:
        label = f"unseen {args.unseen[0]}-{args.unseen[1]}"
        print(f"== {args.data.name}, {label}")
        parts.append(
            (
                label,
                run_part(
                    args.data,
                    args.unseen,
                    args.seed,
                    kinds=kinds,
                    mt_model=args.mt_model,
                    pairs_measured=measured,
                ),
            )
        )
    print()
    print(f"{'figure':17} " + " ".join(f"{lab:>22}" for lab, _ in parts) + "   target")
    for kind in ("genuine", *kinds):
        cells = " ".join(f"{_rate(p['totals'], kind):>22}" for _, p in parts)  # type: ignore[arg-type]
        op = "<=" if kind == "genuine" else ">="
        print(f"{kind:17} {cells}   {op} {TARGETS[kind]}")
    for kind in (k for k in STATED_KINDS if k in kinds):
        cells = " ".join(f"{_rate(p['stated'], kind):>22}" for _, p in parts)  # type: ignore[arg-type]
        print(f"{kind + ' (src)':17} {cells}   (changes to a figure the source states)")
    print(f"time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
