"""Facts of a text and one definition of "same fact" across languages.

:func:`extract_facts` runs the extractors (dates, then numbers outside dates, then names);
:func:`facts_match` says whether two facts from any two languages state the same thing, for
the checker, the aligner's anchors and the evaluation metric alike; :func:`match_facts`
pairs the facts of two sides one to one; :func:`show_fact` writes a fact for a message.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from aligntext.arguments import require
from aligntext.check.dates import date_parts, dates_agree, extract_dates, format_date
from aligntext.check.entities import entity_word_keys, entity_words, extract_entities
from aligntext.check.first_names import other_first_names
from aligntext.check.glossary import Glossary, check_glossary
from aligntext.check.memo import memoized
from aligntext.check.number_values import strength, tags_of, values_of
from aligntext.check.numbers import extract_numbers
from aligntext.check.translit import names_match
from aligntext.langs import resolve_lang
from aligntext.types import Fact

# Web and e-mail addresses, and a Markdown link's target: "https://example.com/2023/98",
# "www.gov.az/news/2024", "](reports/2023.pdf)". Their digits are no facts of the text.
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)[^\s<>()\[\]\"'«»]+[^\s<>()\[\]\"'«».,;:!?]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<=\]\()[^()\s]+(?=\))"
)


def mask_addresses(text: str) -> str:
    """``text`` with web and e-mail addresses and Markdown link targets blanked out, each
    character a space, so offsets stay where they were: a link to ``/reports/2023/987654``
    cited in one version is no number the others lack."""
    return _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)


@memoized
def extract_facts(text: str, lang: str, glossary: Glossary | None = None) -> list[Fact]:
    """Every fact of ``text``: dates, then numbers outside dates, then named entities.

    Args:
        text: a sentence (or paragraph) in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling ``resolve_lang`` accepts).
        glossary: a user glossary; its terms are extracted as entities keyed by concept.

    Returns:
        Facts in order of position (offsets in ``text`` composed to NFC, which is ``text``
        itself for text read by aligntext). A date's day and year are inside the date
        fact, not repeated as numbers.

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
        InputTypeError: ``text`` is not a string, or a glossary of the wrong kind.
    """
    # Here, after the memo's look-up: checked once per distinct text, not per call.
    require(text, str, "text")
    check_glossary(glossary)
    lang = resolve_lang(lang)
    # Offsets are in the composed (NFC) text, as documents are read: decomposed input
    # ("I" + combining dot) would split names and change their keys.
    text = mask_addresses(unicodedata.normalize("NFC", text))
    # The date extractor reads days and years from the numbers: extract them once.
    all_numbers = extract_numbers(text, lang)
    dates = extract_dates(text, lang, all_numbers)
    numbers = [
        f
        for f in all_numbers
        if not any(d.start <= f.start < d.end or f.start <= d.start < f.end for d in dates)
    ]
    taken = [(f.start, f.end) for f in (*dates, *numbers) if "word" not in f.tags]
    entities = [
        f
        for f in extract_entities(text, lang, glossary)
        if not any(a <= f.start < b for a, b in taken)
    ]
    return sorted([*dates, *numbers, *entities], key=lambda f: (f.start, f.kind))


def _number_vs_date(n: Fact, d: Fact) -> bool:
    year, _month, days = date_parts(d)
    for v in values_of(n):
        if v != v.to_integral_value():
            continue
        iv = int(v)
        if str(iv) == year or f"{iv:02d}" in days:
            return True
    return False


def _times_match(a: Fact, b: Fact) -> bool:
    ta, tb = "time" in tags_of(a), "time" in tags_of(b)
    if ta and tb:
        ha, ma = a.key.split(":")
        hb, mb = b.key.split(":")
        return ma == mb and int(ha) % 12 == int(hb) % 12
    t, n = (a, b) if ta else (b, a)
    if strength(n) == "weak":
        return False  # the article "bir" or "one of" is no hour
    hour = int(t.key.split(":")[0])
    return any(
        v in (Decimal(hour), Decimal(hour % 12 or 12)) or v == values_of(t)[0] for v in values_of(n)
    )


def _entities_match(a: Fact, b: Fact) -> bool:
    ca, cb = ":" in a.key, ":" in b.key
    if ca and cb:
        return a.key == b.key
    wa, wb = entity_word_keys(a), entity_word_keys(b)
    met_a = [any(word_keys_meet(x, y) for y in wb) for x in wa]
    if not any(met_a):
        return False
    met_b = [any(word_keys_meet(y, x) for x in wa) for y in wb]
    # Titles and first names come first, the surname last: "Deputy Minister Hasanov" and
    # "Deputy Minister Mammadov", "Рауф Гаджиев" and "Рауф Мамедов" share all but the name
    # that matters. When the last word of each span meets nothing in the other, they are
    # two people, whatever else they share.
    if len(wa) < 2 or len(wb) < 2:
        return True
    if not met_a[-1] and not met_b[-1]:
        return False
    # The surname shared, another first name before it: "Ilham Aliyev" / "Heydər Əliyev".
    xa, xb = entity_words(a), entity_words(b)
    return not (
        met_a[-1]
        and met_b[-1]
        and not met_a[-2]
        and not met_b[-2]
        and len(xa) == len(wa)
        and len(xb) == len(wb)
        and other_first_names(xa[-2], xb[-2])
    )


def word_keys_meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether a key of one word and a key of the other spell the same name (keys as
    :func:`~aligntext.check.entities.entity_word_keys` gives them)."""
    return any(names_match(x, y) for x in a if len(x) >= 2 for y in b if len(y) >= 2)


def facts_match(a: Fact, b: Fact) -> bool:
    """Whether two facts (from any two languages) state the same thing.

    Numbers: equal values (either reading of an ambiguous ``60.000``; a time of day matches
    the same time or its hour); approximate quantities (``dozens``, ``десятки``) the same
    order of magnitude. A number and a date: the number is the date's year or day.
    Dates: equal on every part both give (``April 1993`` matches ``6 April 1993``, not
    ``May 1993``). Entities: the same concept, or word keys that meet by transliteration
    (Russian words in their nominative forms too: ``Куры`` meets ``Kura``), unless both
    spans end in a word the other lacks (a title kept, the surname changed).

    Args:
        a: a fact from one text.
        b: a fact from the other.
    """
    if a.kind == "number" and b.kind == "number":
        if "approx" in tags_of(a) or "approx" in tags_of(b):
            # "dozens", "десятки", "onlarca": the same order of magnitude, never a figure.
            return a.key == b.key and "approx" in tags_of(a) and "approx" in tags_of(b)
        if "time" in tags_of(a) or "time" in tags_of(b):
            return _times_match(a, b)
        va, vb = values_of(a), values_of(b)
        return any(x == y for x in va for y in vb)
    if a.kind == "date" and b.kind == "date":
        return dates_agree(a, b)
    if {a.kind, b.kind} == {"number", "date"}:
        n, d = (a, b) if a.kind == "number" else (b, a)
        return _number_vs_date(n, d)
    if a.kind == "entity" and b.kind == "entity":
        return _entities_match(a, b)
    return False


def show_fact(f: Fact) -> str:
    """A fact as a message writes it: a date in words, a number with its value if it reads
    otherwise (``dozens (tens)``, ``2 млн (2000000)``), a name as written."""
    text = " ".join(f.text.split())
    if f.kind == "date":
        return format_date(f)
    if f.kind == "number" and (
        "approx" in tags_of(f) or re.sub(r"\D", "", text) != re.sub(r"\D", "", f.key)
    ):
        return f"{text} ({f.key})"
    return text


def _is_ordinal(f: Fact) -> bool:
    return f.kind == "number" and "ordinal" in f.tags


def _strength_ok(f: Fact, need: str) -> bool:
    if need == "any":
        return True
    return (strength(f) == "weak") == (need == "weak")


def match_facts(
    src: list[Fact], tgt: list[Fact], pairs: dict[int, int] | None = None
) -> tuple[set[int], set[int]]:
    """Match facts one to one, equal keys first; ``pairs`` receives source -> target index."""
    ms: set[int] = set()
    mt: set[int] = set()
    # Firm facts pair among themselves first: "nine days ... the second reduction" against
    # "два дней" must pair nine with два, not let the ordinal "second" absorb it.
    # Weak ones then pair among themselves ("second" with "второго") before taking leftovers.
    for need, exact in (
        ("firm", True),
        ("firm", False),
        ("weak", True),
        ("weak", False),
        ("any", True),
        ("any", False),
    ):
        for i, a in enumerate(src):
            if i in ms or not _strength_ok(a, need):
                continue
            for j, b in enumerate(tgt):
                if j in mt or not _strength_ok(b, need):
                    continue
                # A leftover count is no ordinal: "two claims ... the second" against "восемь
                # требований ... второе" is two against eight, not two against "second".
                if need == "any" and _is_ordinal(a) != _is_ordinal(b):
                    continue
                # (A range's key holds its first day: "5-7 May" is not exactly "5-1 May".)
                same = a.key == b.key and a.days == b.days
                if same if exact else facts_match(a, b):
                    ms.add(i)
                    mt.add(j)
                    if pairs is not None:
                        pairs[i] = j
                    break
    return ms, mt
