"""The rule that reports a place in a series stated on both sides with another value.

Ordinal words (``third``, ``втором``, ``üçüncü``) are weak numbers: a translation often says
"first" where the other says "for the first time" (``впервые``, ``ilk``), and English
``second`` is also a unit of time. They still confirm a match (:func:`match_facts`), but one
left over alone is never reported. This rule reports the one case that is a changed figure:
each side states exactly one ordinal that found no counterpart, at least one of them in words
(the other may be in digits: ``3rd``, ``3-cü``, ``2. tur``), their values differ, and neither
value is stated on the other side by a figure left unpaired or a date (``third`` against
``три`` or ``3 мая``). Of several ordinals left on one side, those whose value the other
side states as a count are set aside first (``sixth in heat five`` / ``beşinci qaçışda
yeddinci``: ``beşinci`` is the heat, ``yeddinci`` the changed place).
``the third quarter`` / ``во втором квартале``, ``the fifth round`` / ``шестой раунд``.

Left out: the value 1 (``first``, ``первый``, ``birinci``: the noisiest, often "for the first
time" or "the earliest" on the other side); English ``second`` after ``a``, ``one``, ``per``
... that is no ordinal of a noun (``for a second``, ``a second later``); Roman numerals
(names: ``Elizabeth II``); ordinals that are years, decades, percentages or codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aligntext.check.facts import facts_match, show_fact
from aligntext.check.findings import FindingCollector
from aligntext.check.number_values import values_of
from aligntext.types import Fact

_NOT_A_PLACE = frozenset(
    {"roman", "year", "decade", "percent", "range", "time", "code", "scale", "approx", "both"}
)
# "a second", "one second", "per second", "every second": a unit of time,
# unless a noun follows ("a second term", "every second person").
_SECOND_UNIT_BEFORE = re.compile(r"(?:^|\W)(?:a|one|per|each|every|half\s+a)\s+$", re.I)
# "a split second", "a split-second decision": always time.
_SPLIT = re.compile(r"(?:^|\W)split[\s-]+$", re.I)
_SECOND_UNIT_AFTER = re.compile(
    r"\s*(?:$|[^\w\s-]|(?:or|and|later|earlier|ago|before|after|longer|faster|slower|of|to|"
    r"in|at|on|for|too|the|when|while|as|than)\b)",
    re.I,
)


def _time_second(f: Fact, text: str) -> bool:
    """English ``second`` as a unit of time (``for a second.``, ``a second later``)."""
    if f.text.lower() != "second":
        return False
    if _SPLIT.search(text[max(0, f.start - 8) : f.start]):
        return True
    return bool(
        _SECOND_UNIT_BEFORE.search(text[max(0, f.start - 12) : f.start])
        and _SECOND_UNIT_AFTER.match(text, f.end)
    )


def is_place(f: Fact, text: str, lang: str) -> bool:
    """Whether number fact ``f`` of ``text`` (in ``lang``) is an ordinal this rule compares:
    a place in a series in words or digits, other than 1 (see the module docstring)."""
    if f.kind != "number" or "ordinal" not in f.tags or f.tags & _NOT_A_PLACE:
        return False
    if values_of(f)[:1] == [1]:
        return False
    return not (lang == "en" and _time_second(f, text))


def compare_ordinals(
    ctx: FindingCollector,
    sn: list[Fact],
    tn: list[Fact],
    ms: set[int],
    mt: set[int],
    others: tuple[Sequence[Fact], Sequence[Fact]] = ((), ()),
) -> list[Fact]:
    """Report an ordinal of source ``sn`` and one of target ``tn`` left unpaired (``ms`` /
    ``mt``: indexes paired by :func:`match_facts`) that state another place; return the two
    facts reported (empty when none), which need no other finding.

    ``others``: the source's and the target's other facts (dates) a value may be stated in.
    """
    src = [f for i, f in enumerate(sn) if i not in ms and is_place(f, ctx.src_text, ctx.src_lang)]
    tgt = [f for j, f in enumerate(tn) if j not in mt and is_place(f, ctx.tgt_text, ctx.tgt_lang)]
    # Of several places left on one side, one whose value the other side states as a count
    # is that count's ("sixth in heat five" / "beşinci istiliyində üçüncü": 5 is the heat).
    if len(src) > 1:
        src = [f for f in src if not any(facts_match(f, o) for o in (*tn, *others[1]))]
    if len(tgt) > 1:
        tgt = [f for f in tgt if not any(facts_match(o, f) for o in (*sn, *others[0]))]
    if len(src) != 1 or len(tgt) != 1:
        return []
    a, b = src[0], tgt[0]
    if "word" not in a.tags and "word" not in b.tags:
        return []  # two digit ordinals are figures: the number rule reports them
    # The value said otherwise over there and left unpaired: "the third attempt" / "попытка
    # номер три ... второй раз" is no changed place.
    left_t = [f for j, f in enumerate(tn) if j not in mt]
    left_s = [f for i, f in enumerate(sn) if i not in ms]
    if any(facts_match(a, o) for o in (*left_t, *others[1])):
        return []
    if any(facts_match(o, b) for o in (*left_s, *others[0])):
        return []
    ctx.add(
        "number",
        "warning",
        f"ordinal {show_fact(a)} in source; target has {show_fact(b)}",
        [a],
        [b],
    )
    return [a, b]
