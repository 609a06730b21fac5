"""Comparisons: facts of two sides of a sentence pair (or bead) turned into findings.

The rules aim at a checker that stays quiet on a correct translation and speaks up on a
changed figure:

- numbers and dates are matched with :func:`facts_match` (one definition of "same fact" for
  the checker, the aligner's anchors and the evaluation metric); a fact left over on both
  sides is a substitution (``number 511 in source; target has 517``, an error when both are
  written in digits); a figure in digits with no counterpart is a warning; number words
  (``two``) left over alone are only noted, and weak ones (``one of``, the article ``bir``,
  ordinals such as ``first``, ``both``) never count;
- a figure that is a unit conversion of another (``5 miles (8 km)``) or a rounding of one on
  the other side is noted (``info``), not flagged;
- names: a name (not a known concept, not an acronym, no dictionary word of its language by
  :func:`~aligntext.check.lexicon.is_vocabulary`, not very frequent, :data:`NAME_ZIPF`)
  that has no counterpart anywhere in the other sentence, while the other sentence has a
  capitalised word with no counterpart either (no dictionary word either or a rare one, not
  a month or weekday, not the translated head of a name whose later words have
  counterparts, not in a Title Case headline; or a capitalised dictionary word when the
  source has no unmatched dictionary word it could translate), is a warning naming the word
  that stands nearest its place (a swapped name); so is a Russian first name or surname
  (OpenCorpora's tags) in the target that nothing in the source explains, a person's full
  name (two or more rare capitalised words)
  gone without trace, and a name whose letters reappear in another order (``Balakot`` /
  ``Бакалот``, a misspelling); a lone unmatched word of a name is only noted, because
  translated organisation names cannot be matched by spelling (the built-in concept list,
  ``aligntext/data/concepts.tsv``, and a user glossary cover the frequent ones);
- untranslated: a target identical to the source, in the source's script, or identified as
  the source language; length: a pair whose lengths are wildly apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from aligntext.check.dates import date_parts, dates_agree, extract_dates, format_date
from aligntext.check.entities import (
    acronym_keys,
    capitalised_keys,
    capitalised_tokens,
    commonness,
    entity_keys,
    extract_entities,
    initials,
    is_acronym,
    is_headline,
    name_tokens,
    not_a_name,
    word_keys,
)
from aligntext.check.glossary import Glossary
from aligntext.check.lexicon import is_listed_name, is_person_name, is_vocabulary
from aligntext.check.numbers import extract_numbers, strength, tags_of, values_of
from aligntext.check.translit import keys_close, names_match, names_resemble, translit_keys
from aligntext.langs import resolve_lang
from aligntext.types import Alignment, Fact, Finding, Span

#: Beads whose confidence is below this get an ``alignment`` warning.
LOW_CONFIDENCE = 0.5
#: A source word that is no dictionary word and rarer than this (wordfreq Zipf) is taken for a
#: name that must reappear. The dictionary tells names from translated words; the frequency
#: bound leaves out the few very frequent words a dictionary misses (``The``-like tokens,
#: brand names used as words). Measured on real news translations (scripts/bench_check.py):
#: wordfreq alone (3.5 here, 4.0 on the target side) caught 47% of swapped names; the
#: dictionaries catch more for fewer flags on genuine pairs (see the README's figures).
NAME_ZIPF = 6.0
#: A capitalised target word rarer than this counts as a name even when a dictionary has it.
RARE_WORD_ZIPF = 3.5

Mapper = Callable[[int, int], Span]


def extract_facts(text: str, lang: str, glossary: Glossary | None = None) -> list[Fact]:
    """Every fact of ``text``: dates, then numbers outside dates, then named entities.

    Args:
        text: a sentence (or paragraph) in ``lang``.
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling ``resolve_lang`` accepts).
        glossary: a user glossary; its terms are extracted as entities keyed by concept.

    Returns:
        Facts in order of position. A date's day and year are inside the date fact, not
        repeated as numbers.

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    lang = resolve_lang(lang)
    dates = extract_dates(text, lang)
    numbers = [
        f
        for f in extract_numbers(text, lang)
        if not any(d.start <= f.start < d.end or f.start <= d.start < f.end for d in dates)
    ]
    taken = [(f.start, f.end) for f in (*dates, *numbers) if "word" not in f.detail]
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
    hour = int(t.key.split(":")[0])
    return any(
        v in (Decimal(hour), Decimal(hour % 12 or 12)) or v == values_of(t)[0] for v in values_of(n)
    )


def _entities_match(a: Fact, b: Fact) -> bool:
    ca, cb = ":" in a.key, ":" in b.key
    if ca and cb:
        return a.key == b.key
    ka, kb = entity_keys(a), entity_keys(b)
    return any(names_match(x, y) for x in ka if len(x) >= 2 for y in kb if len(y) >= 2)


def facts_match(a: Fact, b: Fact) -> bool:
    """Whether two facts (from any two languages) state the same thing.

    Numbers: equal values (either reading of an ambiguous ``60.000``; a time of day matches
    the same time or its hour). A number and a date: the number is the date's year or day.
    Dates: equal on every part both give (``April 1993`` matches ``6 April 1993``, not
    ``May 1993``). Entities: the same concept, or word keys that meet by transliteration.

    Args:
        a: a fact from one text.
        b: a fact from the other.
    """
    if a.kind == "number" and b.kind == "number":
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


def _show(f: Fact) -> str:
    text = " ".join(f.text.split())
    if f.kind == "date":
        return format_date(f)
    if f.kind == "number" and re.sub(r"\D", "", text) != re.sub(r"\D", "", f.key):
        return f"{text} ({f.key})"
    return text


def _sig_digits(v: Decimal) -> int:
    digits = v.normalize().as_tuple().digits
    return len(digits)


def _is_rounding(a: Fact, b: Fact) -> bool:
    """``1.46 million`` in the source, ``1.5 million`` in the target: the target rounds it.

    The target must be the less precise one, and the source rounded to the target's
    precision must give the target exactly; a target more precise than its source is a
    changed figure, not a rounding.
    """
    for x in values_of(a):
        for y in values_of(b):
            if x <= 0 or y <= 0 or x == y:
                continue
            if _sig_digits(y) >= _sig_digits(x) or abs(x - y) > x * Decimal("0.05"):
                continue
            exp = y.normalize().as_tuple().exponent
            quantum = Decimal(1).scaleb(int(exp))
            if (x / quantum).quantize(Decimal(1)) * quantum == y.normalize():
                return True
    return False


# Units by dimension, as word stems in the four languages; conversion factors to a base unit.
_UNITS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "mile": ("length", 1609.344, ("mile", "mil", "миль", "миля")),
    "km": ("length", 1000.0, ("km", "kilomet", "километр", "км", "kilometr")),
    "m": ("length", 1.0, ("m", "metre", "meter", "metr", "метр", "м")),
    "ft": ("length", 0.3048, ("ft", "feet", "foot", "fut", "фут", "ayaq")),
    "inch": ("length", 0.0254, ("inch", "in", "дюйм", "düym", "inç")),
    "cm": ("length", 0.01, ("cm", "santimet", "сантиметр", "см")),
    "lb": ("mass", 0.45359237, ("lb", "pound", "funt", "фунт", "pound")),
    "kg": ("mass", 1.0, ("kg", "kilogram", "килограмм", "кг", "kilo")),
    "oz": ("mass", 0.028349523, ("oz", "ounce", "унци", "unsiya", "ons")),
    "g": ("mass", 0.001, ("g", "gram", "грамм", "г", "qram")),
    "acre": ("area", 4046.8564, ("acre", "akr", "акр", "dönüm")),
    "ha": ("area", 10000.0, ("ha", "hectare", "hektar", "гектар", "га")),
    "gal": ("volume", 3.785411784, ("gallon", "galon", "галлон", "qallon")),
    "l": ("volume", 1.0, ("litre", "liter", "litr", "литр", "l")),
}


def _unit_after(text: str, f: Fact) -> tuple[str, str] | None:
    """(dimension, unit) of the word right after a number (``27ft``, ``120 miles``)."""
    m = re.match(r"\s?([^\W\d_]+)", text[f.end :])
    word = (m.group(1) if m else "").lower()
    tail = f.text.lower()
    glued = re.search(r"([^\W\d_]+)$", tail)
    for candidate in filter(None, (glued.group(1) if glued else "", word)):
        for unit, (dim, _factor, stems) in _UNITS.items():
            for stem in stems:
                if candidate == stem or (len(stem) >= 3 and candidate.startswith(stem)):
                    return dim, unit
    return None


def _is_conversion(x: Fact, x_text: str, others: Sequence[tuple[Fact, str]]) -> bool:
    """``5 miles (8 km)``: a figure in one unit and another of the same quantity in another."""
    ux = _unit_after(x_text, x)
    if ux is None:
        return False
    for o, o_text in others:
        if o is x or o.kind != "number":
            continue
        uo = _unit_after(o_text, o)
        if uo is None or uo[0] != ux[0] or uo[1] == ux[1]:
            continue
        fx, fo = _UNITS[ux[1]][1], _UNITS[uo[1]][1]
        for a in values_of(x):
            for b in values_of(o):
                if a > 0 and b > 0 and abs(float(a) * fx - float(b) * fo) <= 0.04 * float(a) * fx:
                    return True
    return False


def _strength_ok(f: Fact, need: str) -> bool:
    if need == "any":
        return True
    return (strength(f) == "weak") == (need == "weak")


def _greedy_match(
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
                if (a.key == b.key) if exact else facts_match(a, b):
                    ms.add(i)
                    mt.add(j)
                    if pairs is not None:
                        pairs[i] = j
                    break
    return ms, mt


class _Ctx:
    def __init__(self, pair: int, src_lang: str, tgt_lang: str, smap: Mapper, tmap: Mapper):
        self.pair, self.src_lang, self.tgt_lang = pair, src_lang, tgt_lang
        self.smap, self.tmap = smap, tmap
        self.src_text = self.tgt_text = ""
        self.out: list[Finding] = []

    def add(
        self,
        type_: str,
        severity: str,
        message: str,
        src: Sequence[Fact] = (),
        tgt: Sequence[Fact] = (),
    ) -> None:
        self.out.append(
            Finding(
                pair=self.pair,
                type=type_,
                severity=severity,
                message=message,
                src_spans=tuple(self.smap(f.start, f.end) for f in src),
                tgt_spans=tuple(self.tmap(f.start, f.end) for f in tgt),
                src_lang=self.src_lang,
                tgt_lang=self.tgt_lang,
            )
        )


def _compare_numbers(
    ctx: _Ctx, sn: list[Fact], tn: list[Fact], sd: list[Fact], td: list[Fact]
) -> None:
    ms, mt = _greedy_match(sn, tn)
    us = [f for i, f in enumerate(sn) if i not in ms]
    ut = [f for j, f in enumerate(tn) if j not in mt]

    # Part of a date over there ("2019" and "April 2019").
    us = [f for f in us if not any(facts_match(f, d) for d in td)]
    ut = [f for f in ut if not any(facts_match(f, d) for d in sd)]
    both = [(f, ctx.src_text) for f in sn] + [(f, ctx.tgt_text) for f in tn]
    for side, own, own_text in ((us, sn, ctx.src_text), (ut, tn, ctx.tgt_text)):
        for f in list(side):
            if strength(f) != "weak" and _is_conversion(f, own_text, both):
                side.remove(f)
                where = "source" if own is sn else "target"
                ctx.add(
                    "number",
                    "info",
                    f"number {_show(f)} in {where} looks like a unit conversion",
                    *(([f], []) if own is sn else ([], [f])),
                )
    # "Both" is a weak 2, but "both" against a lone "three" is a changed count.
    us_both = [f for f in us if "both" in tags_of(f)]
    ut_both = [f for f in ut if "both" in tags_of(f)]
    us = [f for f in us if strength(f) != "weak"]
    ut = [f for f in ut if strength(f) != "weak"]
    if us_both and ut and not us:
        us = us_both[:1]
    elif ut_both and us and not ut:
        ut = ut_both[:1]

    # Pair leftovers: rounding first, then same kind (year with year), then in order.
    pairs: list[tuple[Fact, Fact]] = []
    for pred in (
        _is_rounding,
        lambda a, b: ("year" in tags_of(a)) == ("year" in tags_of(b)),
        lambda a, b: True,
    ):
        for a in list(us):
            for b in ut:
                if pred(a, b):
                    pairs.append((a, b))
                    us.remove(a)
                    ut.remove(b)
                    break
    for a, b in pairs:
        if _is_rounding(a, b):
            ctx.add(
                "number",
                "info",
                f"number {_show(a)} in source; target rounds it to {_show(b)}",
                [a],
                [b],
            )
            continue
        both_hard = strength(a) == "hard" and strength(b) == "hard"
        ctx.add(
            "number",
            "error" if both_hard else "warning",
            f"number {_show(a)} in source; target has {_show(b)}",
            [a],
            [b],
        )
    # A figure said twice on one side and once on the other is no omission.
    us = [f for f in us if not any(facts_match(f, o) for o in tn)]
    ut = [f for f in ut if not any(facts_match(f, o) for o in sn)]
    for a in us:
        sev = "warning" if strength(a) == "hard" else "info"
        ctx.add("number", sev, f"number {_show(a)} in source has no counterpart in target", [a], [])
    for b in ut:
        sev = "warning" if strength(b) == "hard" else "info"
        ctx.add("number", sev, f"number {_show(b)} in target has no counterpart in source", [], [b])


def _lost_parts(a: Fact, b: Fact, b_numbers: list[Fact], b_dates: list[Fact]) -> list[str]:
    """Day or year that date ``a`` gives, its matching date ``b`` lacks, and ``b``'s side
    does not state elsewhere either (as a number, or in another date: "March and May 2020")."""
    ya, _ma, da = date_parts(a)
    yb, _mb, db = date_parts(b)
    values = {str(int(v)) for f in b_numbers for v in values_of(f) if v == v.to_integral_value()}
    values |= {date_parts(d)[0] for d in b_dates}
    lost = []
    if da and not db and not {str(int(d)) for d in da} & values:
        lost.append("day")
    if ya != "?" and yb == "?" and ya not in values:
        lost.append("year")
    return lost


def _compare_dates(
    ctx: _Ctx, sd: list[Fact], td: list[Fact], sn: list[Fact], tn: list[Fact]
) -> None:
    matched: dict[int, int] = {}
    ms, mt = _greedy_match(sd, td, matched)
    # Matched on the parts both give; a day or year dropped on one side is still worth a look.
    for i, j in matched.items():
        a, b = sd[i], td[j]
        lost = _lost_parts(a, b, tn, td)
        if lost:
            ctx.add(
                "date",
                "warning",
                f"date {_show(a)} in source; target has {_show(b)} (no {' or '.join(lost)})",
                [a],
                [b],
            )
            continue
        lost = _lost_parts(b, a, sn, sd)
        if lost:
            ctx.add(
                "date",
                "warning",
                f"date {_show(a)} in source; target has {_show(b)} (added {' and '.join(lost)})",
                [a],
                [b],
            )
    us = [f for i, f in enumerate(sd) if i not in ms and not any(facts_match(f, o) for o in td)]
    ut = [f for j, f in enumerate(td) if j not in mt and not any(facts_match(f, o) for o in sd)]
    # "November 2020" against a bare "2020" on the other side: the parts both give agree.
    for side, other_numbers, where in ((us, tn, "target"), (ut, sn, "source")):
        for f in list(side):
            year, _month, days = date_parts(f)
            if days or year == "?":
                continue
            if any(str(int(v)) == year for n in other_numbers for v in values_of(n) if v % 1 == 0):
                side.remove(f)
                other = "source" if where == "target" else "target"
                ctx.add(
                    "date",
                    "info",
                    f"date {_show(f)} in {other}; {where} gives only the year {year}",
                    *(([f], []) if where == "target" else ([], [f])),
                )
    while us and ut:
        a, b = us.pop(0), ut.pop(0)
        ctx.add("date", "error", f"date {_show(a)} in source; target has {_show(b)}", [a], [b])
    for a in us:
        ctx.add(
            "date", "warning", f"date {_show(a)} in source has no counterpart in target", [a], []
        )
    for b in ut:
        ctx.add(
            "date", "warning", f"date {_show(b)} in target has no counterpart in source", [], [b]
        )


@dataclass(frozen=True)
class _Unit:
    """One thing that needs a counterpart: a concept, or one word of a name."""

    fact: Fact
    word: str
    keys: tuple[str, ...]
    concept: str
    namelike: bool
    #: Order of the word inside its span (a concept is one unit, 0).
    rank: int = 0


def _units(facts: list[Fact], text: str, lang: str) -> list[_Unit]:
    out: list[_Unit] = []
    for f in facts:
        if f.kind != "entity":
            continue
        tags = set(f.detail.split(","))
        if "concept" in tags:
            # A lowercase adjective (Russian "индийский") is often dropped in translation.
            # Its words' keys serve only to tell a translation from a swap (_resembles):
            # "Fed" and "Федерального" are one body.
            keys = tuple(k for w in name_tokens(f) for k in translit_keys(w, lang))
            out.append(_Unit(f, f.text, keys, f.key, f.text[:1].isupper()))
            continue
        for rank, word in enumerate(name_tokens(f)):
            # The dictionary, not capitals, tells a name: Title Case headlines capitalise
            # every word, and a name stays a name at the start of a sentence.
            namelike = (
                not is_acronym(word)
                and len(word) >= 4
                # An English name of a company or body quoted in another language's text
                # ("Japan Airlines", "Warners Solicitors") is translated like its own words.
                and not _is_word(word, lang)
                and commonness(word, lang) < NAME_ZIPF
            )
            keys = translit_keys(word, lang)
            if "-" in word:
                keys += tuple(
                    k for p in word.split("-") if len(p) >= 4 for k in translit_keys(p, lang)
                )
            out.append(_Unit(f, word, keys, "", namelike, rank))
    return out


def _related(a: str, b: str) -> bool:
    """Concepts that name one body at two levels: ``known:UN`` and ``known:UN Charter``."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


@dataclass(frozen=True)
class _Side:
    """What one text offers the other's units to be found in."""

    concepts: set[str]
    #: Keys of its capitalised words, and of the others: a name is looked for among the
    #: latter only by near-equal spelling or with the same first three letters, since the
    #: skeleton and fuzzy rules that let "Kəlbəcər" meet "Kalbajar" would let a name meet
    #: some common word of a long sentence ("Samira" and "summer").
    keys: list[str]
    lower_keys: list[str]
    #: Initials of its word runs and keys of its acronyms: "LA" is spelt out as
    #: "Лос-Анджелес", "ФРС" as "Federal Reserve System", and the other way round.
    inits: frozenset[str]
    acronyms: frozenset[str]

    @classmethod
    def of(cls, text: str, lang: str, facts: list[Fact]) -> _Side:
        return cls(
            {f.key for f in facts if f.kind == "entity" and ":" in f.key},
            word_keys(text, lang, case="upper"),
            word_keys(text, lang, case="lower"),
            initials(text, lang),
            acronym_keys(text, lang),
        )


def _found(u: _Unit, own: _Side, other: _Side, lang: str) -> bool:
    if u.concept:
        return any(_related(u.concept, c) for c in other.concepts) or any(
            _matches(k, other) for k in entity_keys(u.fact) if len(k) >= 4
        )
    if is_acronym(u.word):
        if any(k in other.inits for k in u.keys):
            return True
    elif u.fact.text.count(" ") + u.fact.text.count("-") and (
        # An acronym this text has too ("Neumann Kaffee Gruppe (NKG)") answers for itself.
        initials(u.fact.text, lang) & (other.acronyms - own.acronyms)
    ):
        return True
    return any(_matches(k, other) for k in u.keys)


def _matches(key: str, other: _Side) -> bool:
    return any(names_match(key, w) for w in other.keys) or any(
        keys_close(key, w)
        or (min(len(key), len(w)) >= 4 and key[:3] == w[:3] and names_match(key, w))
        for w in other.lower_keys
    )


def _compare_entities(ctx: _Ctx, src: str, tgt: str, sf: list[Fact], tf: list[Fact]) -> None:
    sl, tl = ctx.src_lang, ctx.tgt_lang
    s_side, t_side = _Side.of(src, sl, sf), _Side.of(tgt, tl, tf)
    s_units = _units(sf, src, sl)
    found = {id(u): _found(u, s_side, t_side, sl) for u in s_units}
    # A word of a name counts as missing when no word of its span has a counterpart, or when
    # it is the span's last word (translators drop first names and titles, not surnames).
    missing = []
    # Common-looking words with no counterpart are checked for a misspelling only.
    unmatched = []
    # Words gone that a translation often drops or translates, counted as gone only when the
    # target has a clear name in their place: a first name whose surname was kept, an
    # acronym, a capitalised dictionary word inside a sentence ("Twitter", "Cooper").
    doubtful = []
    for u in s_units:
        if found[id(u)]:
            continue
        if not u.namelike:
            if u.concept:
                continue
            if not is_acronym(u.word):
                unmatched.append(u)
            # (A span never holds a sentence's first word: the extractor drops it.)
            if is_acronym(u.word) or len(u.word) >= 4:
                doubtful.append(u)
            continue
        span = [v for v in s_units if v.fact is u.fact]
        if not any(found[id(v)] for v in span) or span[-1] is u:
            missing.append(u)
        else:
            doubtful.append(u)
    # The target is searched for a replacement when a source word has no counterpart, and a
    # Russian target for a person nothing in the source explains.
    s_tokens = capitalised_keys(src, sl)
    repeats = len({k[0] for k in s_tokens if k}) < len(s_tokens)
    if not missing and not unmatched and not doubtful and tl != "ru" and not repeats:
        return
    # What the target has instead: a capitalised word or concept with no source counterpart.
    t_units = _units(tf, tgt, tl)
    t_units += [
        _Unit(
            Fact("entity", "", m.group(0), m.start(), m.end()),
            m.group(0),
            translit_keys(m.group(0), tl),
            "",
            False,
        )
        for m in capitalised_tokens(tgt)
        if not any(u.fact.start <= m.start() < u.fact.end for u in t_units)
    ]
    t_headline = is_headline(tgt, tl)
    t_found = {id(u): _found(u, t_side, s_side, tl) for u in t_units}
    unexplained = [
        u
        for u in t_units
        if (u.concept or not t_headline or not is_vocabulary(u.word, tl))
        and not t_found[id(u)]
        # A dictionary word or a first name in a span whose later words have counterparts is
        # the translated head of a name ("Kölgə Açıq Bazar Komitəsi", "Shadow Open Market")
        # or a first name spelt another way, not a name put in another's place; a changed
        # last word (a surname after a kept first name) still counts, and so does a name run
        # into the next one ("Kalambar Neftçi Bakü’ye").
        and not (
            (u.concept or _is_word(u.word, tl) or is_listed_name(u.word, tl))
            and any(v.fact is u.fact and v.rank > u.rank and t_found[id(v)] for v in t_units)
        )
    ]
    words = [
        u
        for u in unexplained
        if not u.concept
        and len(u.word) >= 4
        and not is_acronym(u.word)
        and not not_a_name(u.word, tl)
    ]
    # Only a name counts as the replacement: a capitalised word that is no dictionary word (a
    # translated title such as "Kurulu" or "Агентства" is one) or a rare one, or a concept;
    # a month or weekday is no name, and a target in Title Case gives no capitalisation signal.
    extra = [u for u in unexplained if u.concept and u.namelike] + [
        u
        for u in words
        if (
            not is_vocabulary(u.word, tl)
            # Azerbaijani has no word frequencies of its own (they are Turkish ones).
            or (tl != "az" and commonness(u.word, tl) < RARE_WORD_ZIPF)
        )
        and not _resembles(u, s_units)
    ]
    if any(not u.concept for u in missing):
        # An acronym that stands for nothing in the source, where a name went missing.
        extra += [u for u in unexplained if not u.concept and is_acronym(u.word)]
    # A clear name (no dictionary word, nothing like any source word: "Ball" and "Болла" are
    # one name however spelt) put where a doubtful source word stood took that word's place.
    strong = [
        u
        for u in extra
        if not u.concept and not is_vocabulary(u.word, tl) and not _resembles(u, s_units)
    ]
    suspects = {id(u) for u in doubtful} if strong else set()
    if suspects:
        # One finding per span, named by its last word gone: the head of an English name
        # ("Water Plant In Ganja").
        missing += sorted(doubtful, key=lambda u: (u.fact.start, -u.rank))
    lone = [u for u in doubtful if not u.namelike and not is_acronym(u.word)]
    if len(doubtful) == 1 and lone and not suspects:
        # One capitalised dictionary word gone ("Standard", "Official") and a country or
        # body the source does not name in its place ("Австралии"): it took the word's place.
        places = [u for u in unexplained if u.concept and u.namelike]
        if places:
            missing += lone
            suspects = {id(lone[0])}
            strong = places
    if not missing:
        # A name the source repeats that the target has fewer times ("Hasanov ... Hasanov"
        # -> "Гасанов ... Каламбар"): one went, if a word from nowhere stands in.
        # (A first name is no stand-in: "Leyla Mammadova ... Mammadova" is "Лейла
        # Мамедова ... Лейлу" for variety.)
        stand_ins = [
            u for u in words if not _resembles(u, s_units) and not is_listed_name(u.word, tl)
        ]
        if stand_ins:
            lost = _fewer_in_target(s_units, s_tokens, tgt, tl)
            missing += lost
            if lost and not extra:
                extra = stand_ins
    # A name gone while a capitalised dictionary word ("Президента") came from nowhere: the
    # word took the name's place, unless it translates a source word, which it then looks
    # like ("Ассоциации" and "Association"; "Золото" is not "Karen Pence"). A country left
    # out ("the US President" -> "Başkan") is common, so a country gone counts this way only
    # from a language that capitalises every word of a body's name: Russian writes all but
    # the first in lowercase ("Европейский банк реконструкции"), and the capitalised words
    # of a Turkish or Azerbaijani translation may come from any of them.
    if missing and not extra and (any(not u.concept for u in missing) or sl != "ru"):
        extra = [u for u in words if not _resembles(u, s_units)]
    if tl == "ru" and not missing:
        # A Russian first name or surname (OpenCorpora's Name and Surn tags) with no source
        # counterpart is a person put into the text (with a name gone, the swap says more).
        for u in words:
            if is_person_name(u.word, tl):
                ctx.add(
                    "entity",
                    "warning",
                    f"name {u.word} in target has no counterpart in source",
                    [],
                    [u.fact],
                )
    if not missing and not unmatched:
        return
    shown: set[int] = set()
    for u in unmatched:
        twisted = _misspelt(u, t_units)
        if twisted is not None and id(u.fact) not in shown:
            shown.add(id(u.fact))
            ctx.add(
                "entity",
                "warning",
                f"entity {u.word} in source; target spells it {twisted.word}",
                [u.fact],
                [twisted.fact],
            )
    for u in missing:
        if id(u.fact) in shown:
            continue
        shown.add(id(u.fact))
        word = u.fact.text if u.concept else u.word
        twisted = _misspelt(u, t_units)
        span = [v for v in s_units if v.fact is u.fact]
        if twisted is not None:
            ctx.add(
                "entity",
                "warning",
                f"entity {word} in source; target spells it {twisted.word}",
                [u.fact],
                [twisted.fact],
            )
        elif extra:
            e = _nearest(u, strong if id(u) in suspects else extra, len(src), len(tgt))
            other = e.fact.text if e.concept else e.word
            ctx.add(
                "entity",
                "warning",
                f"entity {word} in source; target has {other}",
                [u.fact],
                [e.fact],
            )
        elif _is_full_name(span, found):
            # "Mr. Rashad Hasanov" with no trace in the target: first name and surname both
            # gone is an omitted person, not a translated title.
            name = " ".join(v.word for v in span)
            ctx.add(
                "entity",
                "warning",
                f"name {name} in source has no counterpart in target",
                [u.fact],
                [],
            )
        else:
            ctx.add(
                "entity",
                "info",
                f"entity {word} in source has no counterpart in target",
                [u.fact],
                [],
            )


def _count(u: _Unit, tokens: list[tuple[str, ...]]) -> int:
    """How many capitalised words of a text (their keys in ``tokens``) spell ``u``."""
    return sum(1 for keys in tokens if any(names_match(k, w) for k in u.keys for w in keys))


def _fewer_in_target(
    s_units: list[_Unit], s_tokens: list[tuple[str, ...]], tgt: str, tl: str
) -> list[_Unit]:
    """The last unit of each name the source has more times than the target.

    Words are counted, not units: a name opening a sentence is no unit ("Hasanov opened the
    session and Hasanov closed it"); in the target, a lowercase word made from the name
    counts too ("Luanda ... in Luanda" / "Луанда ... луандского").
    """
    t_tokens = capitalised_keys(tgt, tl)
    t_lower = capitalised_keys(tgt, tl, lowercase=True)
    out: list[_Unit] = []
    done: set[str] = set()
    for u in reversed(s_units):
        if not u.namelike or u.concept or not u.keys or u.keys[0] in done:
            continue
        done.update(u.keys)
        n_src = _count(u, s_tokens)
        if n_src < 2:
            continue
        n_tgt = _count(u, t_tokens) + sum(
            1
            for keys in t_lower
            if any(keys_close(k, w) or k[:4] == w[:4] for k in u.keys for w in keys)
        )
        if n_tgt < n_src:
            out.append(u)
    return out


def _resembles(u: _Unit, others: list[_Unit]) -> bool:
    """Whether ``u`` sounds like a word of ``others`` (:func:`names_resemble`)."""
    return any(names_resemble(k, w) for k in u.keys for v in others for w in v.keys)


def _is_word(word: str, lang: str) -> bool:
    """A dictionary word of ``lang``, or an English one quoted in another language's text."""
    if is_vocabulary(word, lang):
        return True
    # "Town-dakı", "Shadow’un": an English word with a Turkic ending.
    base = re.split(r"['’]|-(?=[a-zəçşğıöü]+$)", word)[0]
    return lang != "en" and base.isascii() and is_vocabulary(base, "en")


def _nearest(u: _Unit, others: list[_Unit], src_len: int, tgt_len: int) -> _Unit:
    """The unit of ``others`` whose relative position in its text is closest to ``u``'s.

    A swapped name stands about where the original stood, so the message names the word
    that most likely took its place (and two swaps in one pair give two messages).
    """
    where = u.fact.start / max(src_len, 1)
    return min(others, key=lambda o: abs(o.fact.start / max(tgt_len, 1) - where))


def _misspelt(u: _Unit, others: list[_Unit]) -> _Unit | None:
    """A word of ``others`` whose key has the letters of ``u``'s in another order.

    ``Balakot`` written ``Бакалот``: transliteration never reorders letters, a typist does.
    """
    if u.concept:
        return None
    for k in u.keys:
        if len(k) < 5:
            continue
        for o in others:
            if any(ok != k and sorted(ok) == sorted(k) for ok in o.keys):
                return o
    return None


def _is_full_name(span: list[_Unit], found: dict[int, bool]) -> bool:
    """Two or more rare capitalised words in a row (a person's name), none found over there."""
    words = [v for v in span if not v.concept and not is_acronym(v.word)]
    return (
        len(words) >= 2
        and "initial" not in span[0].fact.detail
        and all(v.namelike for v in words)
        and not any(found[id(v)] for v in span)
    )


_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f\u0259\u018f]")


@lru_cache(maxsize=1)
def _langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _identify(text: str, langs: tuple[str, str]) -> tuple[str, float]:
    ident = _langid()
    ident.set_languages(list(langs))
    lang, prob = ident.classify(text)
    return str(lang), float(prob)


def _compare_language(ctx: _Ctx, src: str, tgt: str) -> None:
    s, t = " ".join(src.split()), " ".join(tgt.split())
    words = re.findall(r"[^\W\d_]{2,}", t)
    if len(words) >= 2 and s.casefold() == t.casefold() and ctx.src_lang != ctx.tgt_lang:
        ctx.out.append(
            Finding(
                ctx.pair,
                "untranslated",
                "warning",
                "target is identical to the source",
                src_lang=ctx.src_lang,
                tgt_lang=ctx.tgt_lang,
            )
        )
        return
    letters = _CYR.findall(t) + _LAT.findall(t)
    if len(letters) < 20:
        return
    cyr = len(_CYR.findall(t)) / len(letters)
    expect_cyr = ctx.tgt_lang == "ru"
    if (expect_cyr and cyr < 0.3) or (not expect_cyr and cyr > 0.7):
        script = "Latin" if expect_cyr else "Cyrillic"
        ctx.out.append(
            Finding(
                ctx.pair,
                "untranslated",
                "warning",
                f"target is in {script} script, not {ctx.tgt_lang}",
                src_lang=ctx.src_lang,
                tgt_lang=ctx.tgt_lang,
            )
        )
        return
    if len(t) >= 40 and (ctx.src_lang == "ru") == (ctx.tgt_lang == "ru"):
        lang, prob = _identify(t, (ctx.src_lang, ctx.tgt_lang))
        if lang == ctx.src_lang and prob > 0.999:
            ctx.out.append(
                Finding(
                    ctx.pair,
                    "untranslated",
                    "warning",
                    f"target reads as {ctx.src_lang}, not {ctx.tgt_lang}",
                    src_lang=ctx.src_lang,
                    tgt_lang=ctx.tgt_lang,
                )
            )


def _compare_length(ctx: _Ctx, src: str, tgt: str) -> None:
    ls, lt = len(src.strip()), len(tgt.strip())
    if max(ls, lt) < 60 or min(ls, lt) == 0:
        return
    r = lt / ls
    if r < 0.25 or r > 4:
        sev = "warning"
    elif r < 0.45 or r > 2.2:
        sev = "info"
    else:
        return
    ctx.out.append(
        Finding(
            ctx.pair,
            "length",
            sev,
            f"target is {lt} characters long for a source of {ls} (ratio {r:.2f})",
            src_lang=ctx.src_lang,
            tgt_lang=ctx.tgt_lang,
        )
    )


def _compare(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    pair: int,
    glossary: Glossary | None,
    smap: Mapper,
    tmap: Mapper,
) -> list[Finding]:
    ctx = _Ctx(pair, src_lang, tgt_lang, smap, tmap)
    ctx.src_text, ctx.tgt_text = src, tgt
    if not src.strip() or not tgt.strip():
        return []
    sf = extract_facts(src, src_lang, glossary)
    tf = extract_facts(tgt, tgt_lang, glossary)

    def kind(fs: list[Fact], k: str) -> list[Fact]:
        return [f for f in fs if f.kind == k]

    sn, tn, sd, td = kind(sf, "number"), kind(tf, "number"), kind(sf, "date"), kind(tf, "date")
    _compare_language(ctx, src, tgt)
    if any(f.type == "untranslated" for f in ctx.out):
        return ctx.out
    _compare_dates(ctx, sd, td, sn, tn)
    _compare_numbers(ctx, sn, tn, sd, td)
    _compare_entities(ctx, src, tgt, sf, tf)
    _compare_length(ctx, src, tgt)
    return ctx.out


def compare_sentences(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    *,
    pair: int = 0,
    glossary: Glossary | None = None,
) -> list[Finding]:
    """Compare one source sentence with its translation.

    Args:
        src: the source text.
        tgt: the target text.
        src_lang: the source language.
        tgt_lang: the target language.
        pair: the index stored in each finding's ``pair`` and its spans' ``segment``.
        glossary: a user glossary whose terms count as entities.

    Returns:
        Findings (types ``number``, ``date``, ``entity``, ``untranslated``, ``length``) with
        spans relative to ``src`` and ``tgt``.
    """
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)

    def smap(s: int, e: int) -> Span:
        return Span(pair, s, e, src[s:e])

    def tmap(s: int, e: int) -> Span:
        return Span(pair, s, e, tgt[s:e])

    return _compare(src, tgt, sl, tl, pair, glossary, smap, tmap)


def _joined(texts: Sequence[str], indices: Sequence[int]) -> tuple[str, Mapper]:
    bases: list[int] = []
    parts: list[str] = []
    pos = 0
    for t in texts:
        bases.append(pos)
        parts.append(t)
        pos += len(t) + 1
    joined = " ".join(parts)

    def mapper(s: int, e: int) -> Span:
        k = max(i for i, b in enumerate(bases) if b <= s) if bases else 0
        local_s = s - bases[k]
        local_e = min(e - bases[k], len(texts[k]))
        return Span(indices[k], local_s, local_e, texts[k][local_s:local_e])

    return joined, mapper


def check_alignment(alignment: Alignment, glossary: Glossary | None = None) -> list[Finding]:
    """Check every bead of an alignment; ``pair`` is the bead index.

    Null beads give ``omission`` (source only) and ``addition`` (target only) warnings; a bead
    with confidence below :data:`LOW_CONFIDENCE` an ``alignment`` warning; other beads are
    compared as :func:`compare_sentences` does on their joined sentences, with spans pointing
    at segment indices of each version and offsets inside those segments.

    Args:
        alignment: the alignment, with its segments and languages.
        glossary: a user glossary.
    """
    sl, tl = resolve_lang(alignment.src_lang), resolve_lang(alignment.tgt_lang)
    src_by_index = {s.index: s for s in alignment.src}
    tgt_by_index = {s.index: s for s in alignment.tgt}
    out: list[Finding] = []
    for n, bead in enumerate(alignment.beads):
        stexts = [src_by_index[i].text for i in bead.src if i in src_by_index]
        ttexts = [tgt_by_index[i].text for i in bead.tgt if i in tgt_by_index]
        if not bead.tgt and bead.src:
            spans = tuple(Span(i, 0, len(t), t) for i, t in zip(bead.src, stexts, strict=False))
            preview = _preview(" ".join(stexts))
            out.append(
                Finding(
                    n,
                    "omission",
                    "warning",
                    f"source sentence has no counterpart in target: {preview}",
                    src_spans=spans,
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
            continue
        if not bead.src and bead.tgt:
            spans = tuple(Span(i, 0, len(t), t) for i, t in zip(bead.tgt, ttexts, strict=False))
            preview = _preview(" ".join(ttexts))
            out.append(
                Finding(
                    n,
                    "addition",
                    "warning",
                    f"target sentence has no counterpart in source: {preview}",
                    tgt_spans=spans,
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
            continue
        if bead.confidence < LOW_CONFIDENCE:
            out.append(
                Finding(
                    n,
                    "alignment",
                    "warning",
                    f"uncertain alignment ({bead.kind} bead, confidence {bead.confidence:.2f}); "
                    "check that these sentences correspond",
                    src_spans=tuple(
                        Span(i, 0, len(t), t) for i, t in zip(bead.src, stexts, strict=False)
                    ),
                    tgt_spans=tuple(
                        Span(i, 0, len(t), t) for i, t in zip(bead.tgt, ttexts, strict=False)
                    ),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        src, smap = _joined(stexts, bead.src)
        tgt, tmap = _joined(ttexts, bead.tgt)
        out.extend(_compare(src, tgt, sl, tl, n, glossary, smap, tmap))
    return out


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'


def check_pairs(
    pairs: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str, glossary: Glossary | None = None
) -> list[Finding]:
    """Check a bitext: each ``(source, target)`` pair compared; ``pair`` is its index.

    An empty target for a non-empty source is an ``omission``; the reverse an ``addition``.

    Args:
        pairs: the sentence (or TU) pairs, in order.
        src_lang: the source language.
        tgt_lang: the target language.
        glossary: a user glossary.
    """
    sl, tl = resolve_lang(src_lang), resolve_lang(tgt_lang)
    out: list[Finding] = []
    for i, (src, tgt) in enumerate(pairs):
        if src.strip() and not tgt.strip():
            out.append(
                Finding(
                    i,
                    "omission",
                    "warning",
                    f"source has no translation: {_preview(src)}",
                    src_spans=(Span(i, 0, len(src), src),),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        elif tgt.strip() and not src.strip():
            out.append(
                Finding(
                    i,
                    "addition",
                    "warning",
                    f"target has no source: {_preview(tgt)}",
                    tgt_spans=(Span(i, 0, len(tgt), tgt),),
                    src_lang=sl,
                    tgt_lang=tl,
                )
            )
        else:
            out.extend(compare_sentences(src, tgt, sl, tl, pair=i, glossary=glossary))
    return out
