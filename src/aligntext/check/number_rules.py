"""Rules for numbers: which figures of two sides differ, and how badly.

Numbers are paired with :func:`~aligntext.check.facts.match_facts`; a figure left over on
both sides is a substitution (``number 511 in source; target has 517``, an error when both are
written in digits); a figure in digits with no counterpart is a warning; number words
(``two``) left over alone are only noted, and weak ones (``one of``, the article ``bir``,
ordinals such as ``first``, ``both``) never count, save one ordinal left on each side with
another value (:mod:`aligntext.check.ordinals`: ``third`` / ``втором``). A figure that is a
unit conversion of another (``5 miles (8 km)``) or a rounding of one on the other side is
noted (``info``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from aligntext.check.currency import compare_currencies, other_currencies
from aligntext.check.facts import facts_match, match_facts, show_fact
from aligntext.check.findings import FindingCollector
from aligntext.check.locale_data import ru_compound_prefixes
from aligntext.check.number_values import approx_range, strength, tags_of, values_of
from aligntext.check.ordinals import compare_ordinals
from aligntext.lang import SCALE_NAMES
from aligntext.types import Fact


def _approximates(a: Fact, b: Fact) -> bool:
    """One side approximate and the other an exact figure it covers: ``dozens`` and ``40``."""
    for approx, exact in ((a, b), (b, a)):
        span = approx_range(approx)
        if span is not None and "approx" not in tags_of(exact):
            return any(span[0] <= v < span[1] for v in values_of(exact))
    return False


def _same_role(a: Fact, b: Fact) -> bool:
    """Both times of day, or neither."""
    return ("time" in tags_of(a)) == ("time" in tags_of(b))


def _same_exactness(a: Fact, b: Fact) -> bool:
    """Both exact figures, or both approximate quantities."""
    return ("approx" in tags_of(a)) == ("approx" in tags_of(b))


def _sig_digits(v: Decimal) -> int:
    digits = v.normalize().as_tuple().digits
    return len(digits)


def _written_decimals(f: Fact) -> int:
    """Decimal places a figure is written with ("2,0" and "2.0" have one: a value given to
    the tenth, not a rounded 2); 0 for a whole number or an ambiguous "1,500"."""
    if len(values_of(f)) != 1:
        return 0
    m = re.search(r"\d[.,](\d{1,2})(?!\d)", f.text)
    return len(m.group(1)) if m else 0


def _is_rounding(a: Fact, b: Fact) -> bool:
    """``1.46 million`` in the source, ``1.5 million`` in the target: the target rounds it.

    The target must be the less precise one, and the source rounded to the target's
    precision must give the target exactly; a target more precise than its source is a
    changed figure, not a rounding.
    """
    if "time" in tags_of(a) or "time" in tags_of(b):
        return False  # 10:25 is no rounding of 10:15 (the hour is only another reading)
    if "year" in tags_of(a) and "year" in tags_of(b):
        return False  # a year is named, never rounded: 1990 for 1994 is another year
    if "ordinal" in tags_of(a) or "ordinal" in tags_of(b):
        return False  # nor is a place in a series: the 20th session is not the 21st
    if _written_decimals(b) >= max(_written_decimals(a), 1):
        return False  # "2,0" for 2.1 is given to the tenth as well: another figure
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
    "yd": ("length", 0.9144, ("yard", "yd", "ярд")),
    "ft": ("length", 0.3048, ("ft", "feet", "foot", "fut", "fit", "фут", "ayaq")),
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
    # Degrees: Fahrenheit and Celsius by name, or with no scale named (either).
    "degF": ("temperature", 1.0, SCALE_NAMES["degF"]),
    "degC": ("temperature", 1.0, SCALE_NAMES["degC"]),
    "deg": ("temperature", 1.0, ("degree", "градус", "derece", "dərəcə")),
}
# A degree sign, with the scale's letter or without: "80°F", "27 °C", "30°".
_DEGREE_SIGN = re.compile(r"\s?°\s?([CF](?![^\W\d_]))?")
# What joins the two ends of a range: "2 to 4 inches", "5 до 10 см", "2 ila 3 inç".
_RANGE_WORD = r"(?:[-–—]|to|до|ilə|ile|ila|və|ve|and)"
# An Azerbaijani or Turkish figure in the ablative opens a range by itself: "1'den 4 inçe"
# ("from 1 to 4 inches").
_ABLATIVE = re.compile(r"[-'’]?(?:[dt][ae]n|[dt]ən)$")


@lru_cache(maxsize=1 << 14)
def _unit_of(word: str) -> str | None:
    # Cached: every word after every figure is tried against every unit's stems.
    for unit, (_dim, _factor, stems) in _UNITS.items():
        for stem in stems:
            if word == stem or (len(stem) >= 3 and word.startswith(stem)):
                return unit
    return None


def _unit_after(text: str, f: Fact) -> tuple[str, str] | None:
    """(dimension, unit) of the word right after a number (``27ft``, ``120 miles``,
    ``300-килограммовое``, ``80°F``), or after the other end of its range (``2 to 4 inches``,
    ``5 до 10 см``), or inside a Russian compound (``двухметровый``)."""
    if f.tags & {"scale", "percent", "time", "year"}:
        return None  # the word after "125m" or "125 milyon" is no unit ("mil" starts "milyon")
    tail = f.text.lower()
    words: list[str] = []
    glued = re.search(r"([^\W\d_]+)$", tail)
    if glued:
        words.append(glued.group(1))
        # "Двухметровый" (two-metre): the unit follows the numeral inside the word.
        words.extend(
            glued.group(1)[len(p) :] for p in ru_compound_prefixes() if glued.group(1).startswith(p)
        )
    rest = text[f.end : f.end + 40]
    degree = _DEGREE_SIGN.match(rest)
    if degree:
        return "temperature", {"F": "degF", "C": "degC"}.get(degree.group(1) or "", "deg")
    m = re.match(r"[\s-]?([^\W\d_]+)", rest)
    if m:
        words.append(m.group(1).lower())
    joiner = f"{_RANGE_WORD}?" if _ABLATIVE.search(tail) else _RANGE_WORD
    ranged = re.match(rf"\s?{joiner}\s?[\d.,]+\s?([^\W\d_]+)", rest)
    if ranged:
        words.append(ranged.group(1).lower())
    for candidate in words:
        unit = _unit_of(candidate)
        if unit is not None:
            return _UNITS[unit][0], unit
    return None


def _half_unit(v: Decimal) -> Decimal:
    """Half a unit of the last digit ``v`` is written to: 0.5 for ``8``, 0.05 for ``2.5``."""
    exponent = v.as_tuple().exponent
    return Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)


def _same_quantity(x: Decimal, ux: str, y: Decimal, uy: str) -> bool:
    """Whether ``x`` in unit ``ux`` and ``y`` in unit ``uy`` (another unit of the same
    dimension) are one quantity: to 4%, or to half a unit of the last digit written (3 inches
    are "8 cm", 7.62 rounded)."""
    if _UNITS[ux][0] == "temperature":
        if ux == uy != "deg":
            return False  # both on one named scale: no conversion between them
        # Fahrenheit against Celsius, in either direction, to a degree.
        return (
            abs((float(x) - 32) * 5 / 9 - float(y)) <= 1.0
            or abs((float(y) - 32) * 5 / 9 - float(x)) <= 1.0
        )
    if x <= 0 or y <= 0:
        return False
    fx, fy = Decimal(str(_UNITS[ux][1])), Decimal(str(_UNITS[uy][1]))
    bx, by = x * fx, y * fy
    # Rounded to the finer of the two precisions: "1 inch" is no rounding of "2.9 cm" (2.54),
    # though 2.9 cm is 1.1 inches.
    return abs(bx - by) <= max(Decimal("0.04") * bx, min(_half_unit(x) * fx, _half_unit(y) * fy))


def _converts(a: Fact, a_text: str, b: Fact, b_text: str) -> bool:
    """``2 to 4 inches`` against ``5 до 10 см``, ``80 degrees`` against ``27 градусов``: the
    target gives the same quantity in another unit (:func:`_same_quantity`)."""
    ua, ub = _unit_after(a_text, a), _unit_after(b_text, b)
    if ua is None or ub is None or ua[0] != ub[0]:
        return False
    if ua[1] == ub[1] and ua[0] != "temperature":
        return False
    return any(_same_quantity(x, ua[1], y, ub[1]) for x in values_of(a) for y in values_of(b))


def _other_unit(a: Fact, a_text: str, b: Fact, b_text: str) -> tuple[str, str] | None:
    """The units of two figures of one dimension in different units that are not one
    quantity (``3 inches`` and ``3 см``), else ``None``. Degrees with no scale named go with
    any scale."""
    ua, ub = _unit_after(a_text, a), _unit_after(b_text, b)
    if ua is None or ub is None or ua[0] != ub[0] or ua[1] == ub[1] or "deg" in (ua[1], ub[1]):
        return None
    if any(_same_quantity(x, ua[1], y, ub[1]) for x in values_of(a) for y in values_of(b)):
        return None
    return ua[1], ub[1]


def _is_conversion(
    x: Fact, x_text: str, others: Sequence[tuple[Fact, str]], explained: Sequence[Fact] = ()
) -> bool:
    """``5 miles (8 km)``, ``80°F (26.667°C)``: a figure in one unit and another of the same
    quantity in another. A figure in ``explained`` (itself taken for a conversion) explains
    nothing: of two figures that only convert each other, one must still be found."""
    ux = _unit_after(x_text, x)
    if ux is None:
        return False
    for o, o_text in others:
        if o is x or o.kind != "number" or any(o is e for e in explained):
            continue
        uo = _unit_after(o_text, o)
        if uo is None or uo[0] != ux[0] or uo[1] == ux[1]:
            continue
        if any(_same_quantity(a, ux[1], b, uo[1]) for a in values_of(x) for b in values_of(o)):
            return True
    return False


def compare_numbers(
    ctx: FindingCollector, sn: list[Fact], tn: list[Fact], sd: list[Fact], td: list[Fact]
) -> None:
    """Report the figures of source ``sn`` and target ``tn`` that differ or have no
    counterpart (a figure that is part of a date ``sd`` / ``td`` over there counts as found)."""
    matched: dict[int, int] = {}
    ms, mt = match_facts(sn, tn, matched)
    # One figure in two units of one dimension ("3 inches", "3 см") is two quantities.
    for i, j in matched.items():
        if _other_unit(sn[i], ctx.src_text, tn[j], ctx.tgt_text):
            ms.discard(i)
            mt.discard(j)
    # One figure in two currencies ("$5 million", "5 млн евро") is reported as it stays paired.
    compare_currencies(ctx, sn, tn, {i: j for i, j in matched.items() if i in ms})
    # One ordinal left on each side, in words on one at least ("third" / "втором").
    placed = {id(f) for f in compare_ordinals(ctx, sn, tn, ms, mt, (sd, td))}
    us = [f for i, f in enumerate(sn) if i not in ms and id(f) not in placed]
    ut = [f for j, f in enumerate(tn) if j not in mt and id(f) not in placed]

    # Part of a date over there ("2019" and "April 2019").
    us = [f for f in us if not any(facts_match(f, d) for d in td)]
    ut = [f for f in ut if not any(facts_match(f, d) for d in sd)]
    both = [(f, ctx.src_text) for f in sn] + [(f, ctx.tgt_text) for f in tn]
    for side, own, own_text in ((us, sn, ctx.src_text), (ut, tn, ctx.tgt_text)):
        explained: list[Fact] = []
        for f in list(side):
            if strength(f) != "weak" and _is_conversion(f, own_text, both, explained):
                side.remove(f)
                explained.append(f)
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
        # Another unit, or another currency ("£26billion" / "26 milyon dolar"), is named.
        units = _other_unit(a, ctx.src_text, b, ctx.tgt_text) or other_currencies(ctx, a, b)
        ua, ub = (f" ({units[0]})", f" ({units[1]})") if units else ("", "")
        ctx.add(
            "number",
            "error" if both_hard else "warning",
            f"number {show_fact(a)}{ua} in source; target has {show_fact(b)}{ub}",
            [a],
            [b],
        )
    # A figure said twice on one side and once on the other is no omission; but a time of
    # day and a count are two figures ("At 2pm two vans" / "saat iki ... iki maşın").
    us = [f for f in us if not any(facts_match(f, o) and _same_role(f, o) for o in tn)]
    ut = [f for f in ut if not any(facts_match(f, o) and _same_role(f, o) for o in sn)]
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
