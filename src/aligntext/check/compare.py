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
- names: see :mod:`aligntext.check.names` (a name gone counts when something took its
  place);
- untranslated: a target identical to the source, in the source's script, or identified as
  the source language; length: a pair whose lengths are wildly apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache

from aligntext.check.dates import (
    date_parts,
    dates_agree,
    extract_dates,
    format_date,
    is_month_mention,
)
from aligntext.check.entities import entity_word_keys, extract_entities
from aligntext.check.glossary import Glossary
from aligntext.check.names import compare_names
from aligntext.check.numbers import (
    approx_range,
    extract_numbers,
    strength,
    tags_of,
    values_of,
)
from aligntext.check.translit import names_match
from aligntext.langs import resolve_lang
from aligntext.types import Alignment, Fact, Finding, Span

#: Beads whose confidence is below this get an ``alignment`` warning.
LOW_CONFIDENCE = 0.5

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
    hour = int(t.key.split(":")[0])
    return any(
        v in (Decimal(hour), Decimal(hour % 12 or 12)) or v == values_of(t)[0] for v in values_of(n)
    )


def _entities_match(a: Fact, b: Fact) -> bool:
    ca, cb = ":" in a.key, ":" in b.key
    if ca and cb:
        return a.key == b.key
    wa, wb = entity_word_keys(a), entity_word_keys(b)
    met_a = [any(_word_meets(x, y) for y in wb) for x in wa]
    if not any(met_a):
        return False
    met_b = [any(_word_meets(y, x) for x in wa) for y in wb]
    # Titles and first names come first, the surname last: "Deputy Minister Hasanov" and
    # "Deputy Minister Mammadov", "Рауф Гаджиев" and "Рауф Мамедов" share all but the name
    # that matters. When the last word of each span meets nothing in the other, they are
    # two people, whatever else they share.
    return not (len(wa) > 1 and len(wb) > 1 and not met_a[-1] and not met_b[-1])


def _word_meets(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether a key of one word and a key of the other spell the same name."""
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


def _show(f: Fact) -> str:
    text = " ".join(f.text.split())
    if f.kind == "date":
        return format_date(f)
    if f.kind == "number" and (
        "approx" in tags_of(f) or re.sub(r"\D", "", text) != re.sub(r"\D", "", f.key)
    ):
        return f"{text} ({f.key})"
    return text


def _approximates(a: Fact, b: Fact) -> bool:
    """One side approximate and the other an exact figure it covers: ``dozens`` and ``40``."""
    for approx, exact in ((a, b), (b, a)):
        span = approx_range(approx)
        if span is not None and "approx" not in tags_of(exact):
            return any(span[0] <= v < span[1] for v in values_of(exact))
    return False


def _same_exactness(a: Fact, b: Fact) -> bool:
    """Both exact figures, or both approximate quantities."""
    return ("approx" in tags_of(a)) == ("approx" in tags_of(b))


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

    # Pair leftovers: an exact figure inside an approximate quantity first, then two
    # approximate quantities, a rounding, the same kind (year with year), then in order.
    # An approximate quantity is never paired with a figure outside its range: "thousands"
    # against a stray "два" is no changed figure, and each is reported on its own.
    pairs: list[tuple[Fact, Fact]] = []
    for pred in (
        _approximates,
        lambda a, b: "approx" in tags_of(a) and "approx" in tags_of(b),
        _is_rounding,
        lambda a, b: _same_exactness(a, b) and ("year" in tags_of(a)) == ("year" in tags_of(b)),
        _same_exactness,
    ):
        for a in list(us):
            for b in ut:
                if pred(a, b):
                    pairs.append((a, b))
                    us.remove(a)
                    ut.remove(b)
                    break
    for a, b in pairs:
        if _approximates(a, b):
            ctx.add(
                "number",
                "info",
                f"number {_show(a)} in source; target has {_show(b)} (one approximate, one exact)",
                [a],
                [b],
            )
            continue
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
    # A month adjective left over is only noted: "the April fighting" is often rendered
    # without the month ("the four-day war").
    for a in us:
        sev = "info" if is_month_mention(a) else "warning"
        ctx.add("date", sev, f"date {_show(a)} in source has no counterpart in target", [a], [])
    for b in ut:
        sev = "info" if is_month_mention(b) else "warning"
        ctx.add("date", sev, f"date {_show(b)} in target has no counterpart in source", [], [b])


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
    if ctx.src_lang == ctx.tgt_lang:
        return  # two copies in one language (approved and published): nothing to translate
    s, t = " ".join(src.split()), " ".join(tgt.split())
    words = re.findall(r"[^\W\d_]{2,}", t)
    if len(words) >= 2 and s.casefold() == t.casefold():
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
    compare_names(ctx, src, tgt, sf, tf)
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
