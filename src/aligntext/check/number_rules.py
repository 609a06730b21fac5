"""Rules for numbers: which figures of two sides differ, and how badly.

Numbers are paired with :func:`~aligntext.check.facts.match_facts`; a figure left over on
both sides is a substitution (``number 511 in source; target has 517``, an error when both are
written in digits); a figure in digits with no counterpart is a warning; number words
(``two``) left over alone are only noted, and weak ones (``one of``, the article ``bir``,
ordinals such as ``first``, ``both``) never count. A figure that is a unit conversion of
another (``5 miles (8 km)``) or a rounding of one on the other side is noted (``info``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from aligntext.check.facts import facts_match, match_facts, show_fact
from aligntext.check.findings import FindingCollector
from aligntext.check.number_values import approx_range, strength, tags_of, values_of
from aligntext.types import Fact


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
    # Miles per hour against km/h: the hour cancels out.
    "mile": ("length", 1609.344, ("mile", "mil", "миль", "миля", "mph")),
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
    # Degrees with no scale named: Fahrenheit in one version, Celsius in the other.
    "deg": ("temperature", 1.0, ("degree", "градус", "derece", "dərəcə", "fahrenheit")),
}


def _unit_after(text: str, f: Fact) -> tuple[str, str] | None:
    """(dimension, unit) of the word right after a number (``27ft``, ``120 miles``,
    ``300-килограммовое``), or after the other end of its range (``2 to 4 inches``, ``5 до
    10 см``)."""
    tail = f.text.lower()
    glued = re.search(r"([^\W\d_]+)$", tail)
    words = [glued.group(1)] if glued else []
    rest = text[f.end : f.end + 40]
    m = re.match(r"[\s-]?([^\W\d_]+)", rest)
    if m:
        words.append(m.group(1).lower())
    ranged = re.match(r"\s?(?:[-–—]|to|до|ilə|ile|və|ve|and)\s?[\d.,]+\s?([^\W\d_]+)", rest)
    if ranged:
        words.append(ranged.group(1).lower())
    for candidate in words:
        for unit, (dim, _factor, stems) in _UNITS.items():
            for stem in stems:
                if candidate == stem or (len(stem) >= 3 and candidate.startswith(stem)):
                    return dim, unit
    return None


def _converts(a: Fact, a_text: str, b: Fact, b_text: str) -> bool:
    """``2 to 4 inches`` against ``5 до 10 см``, ``80 degrees`` against ``27 градусов``: the
    target gives the same quantity in another unit, to 4% as a conversion within one
    version (translators round: 2 inches are "5 cm")."""
    ua, ub = _unit_after(a_text, a), _unit_after(b_text, b)
    if ua is None or ub is None or ua[0] != ub[0]:
        return False
    if ua[0] == "temperature":
        # Fahrenheit against Celsius, in either direction, to a degree.
        return any(
            abs((float(x) - 32) * 5 / 9 - float(y)) <= 1.0
            or abs((float(y) - 32) * 5 / 9 - float(x)) <= 1.0
            for x in values_of(a)
            for y in values_of(b)
        )
    if ua[1] == ub[1]:
        return False
    fa, fb = _UNITS[ua[1]][1], _UNITS[ub[1]][1]
    return any(
        x > 0 and y > 0 and abs(float(x) * fa - float(y) * fb) <= 0.04 * float(x) * fa
        for x in values_of(a)
        for y in values_of(b)
    )


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


def compare_numbers(
    ctx: FindingCollector, sn: list[Fact], tn: list[Fact], sd: list[Fact], td: list[Fact]
) -> None:
    ms, mt = match_facts(sn, tn)
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
                    f"number {show_fact(f)} in {where} looks like a unit conversion",
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
        if _converts(a, ctx.src_text, b, ctx.tgt_text):
            ctx.add(
                "number",
                "info",
                f"number {show_fact(a)} in source; target converts it to {show_fact(b)}",
                [a],
                [b],
            )
            continue
        if _approximates(a, b):
            ctx.add(
                "number",
                "info",
                f"number {show_fact(a)} in source; target has {show_fact(b)} "
                "(one approximate, one exact)",
                [a],
                [b],
            )
            continue
        if _is_rounding(a, b):
            ctx.add(
                "number",
                "info",
                f"number {show_fact(a)} in source; target rounds it to {show_fact(b)}",
                [a],
                [b],
            )
            continue
        both_hard = strength(a) == "hard" and strength(b) == "hard"
        ctx.add(
            "number",
            "error" if both_hard else "warning",
            f"number {show_fact(a)} in source; target has {show_fact(b)}",
            [a],
            [b],
        )
    # A figure said twice on one side and once on the other is no omission.
    us = [f for f in us if not any(facts_match(f, o) for o in tn)]
    ut = [f for f in ut if not any(facts_match(f, o) for o in sn)]
    for a in us:
        sev = "warning" if strength(a) == "hard" else "info"
        ctx.add(
            "number", sev, f"number {show_fact(a)} in source has no counterpart in target", [a], []
        )
    for b in ut:
        sev = "warning" if strength(b) == "hard" else "info"
        ctx.add(
            "number", sev, f"number {show_fact(b)} in target has no counterpart in source", [], [b]
        )
