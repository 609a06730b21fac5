"""Reading a number fact: its values, how firmly it was stated, what an approximation covers.

The extractor (:mod:`aligntext.check.numbers`) builds number facts; the rules
(:mod:`aligntext.check.number_rules`) and the matcher (:mod:`aligntext.check.facts`) read them
through these functions.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from aligntext.types import Fact

_MAGNITUDE_HEADS = ("", "tens of ", "hundreds of ")
_MAGNITUDE_UNITS = ("", "thousands", "millions", "billions", "trillions")


def approx_label(exp: int) -> str:
    """The English name of an order of magnitude: ``a few`` (0), ``tens``, ``tens of thousands``.

    It is the ``key`` of an approximate quantity, so two versions agree when their labels do.
    """
    if exp < 3:
        return ("a few", "tens", "hundreds")[max(exp, 0)]
    group = min(exp // 3, len(_MAGNITUDE_UNITS) - 1)
    rest = exp - 3 * group
    return _MAGNITUDE_HEADS[rest] + _MAGNITUDE_UNITS[group] if rest < 3 else f"10^{exp}"


def approx_range(fact: Fact) -> tuple[Decimal, Decimal] | None:
    """The figures an approximate quantity covers, ``[low, high)``; ``None`` for other facts.

    ``tens`` covers 10 to 99, ``thousands`` 1,000 to 9,999; ``a few`` 2 to 9.
    """
    exp = fact.magnitude
    if exp is None:
        return None
    low = Decimal(2) if exp == 0 else Decimal(10) ** exp
    return low, Decimal(10) ** (exp + 1)


def tags_of(fact: Fact) -> frozenset[str]:
    """The tags of a fact (``digits``, ``percent``, ``approx`` ...)."""
    return fact.tags


def values_of(fact: Fact) -> list[Decimal]:
    """Every numeric reading of a number fact: the value, then its alternatives if any."""
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
    out.extend(fact.alts)
    return out


def strength(fact: Fact) -> str:
    """``hard`` (digits), ``soft`` (number words, approximate words, codes) or ``weak``."""
    tags = tags_of(fact)
    if "weak" in tags:
        return "weak"
    if tags & {"word", "approx", "implied", "code"}:
        return "soft"
    return "hard"
