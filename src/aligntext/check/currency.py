"""The currency a figure is stated in, and the rule that reports a changed one.

A figure carries a currency when a sign or a code stands right before or after it (``$5``,
``US$ 5``, ``5 €``, ``USD 5``, ``5 TL``) or a currency word right after it, past its scale
word (``5 million dollars``, ``5 млн долларов``, ``5 milyon avro``), a capitalised word
between them allowed (``5 milyon ABŞ dolları``, ``5 million US dollars``). The words are
per language in :mod:`aligntext.lang` (``currency_words``); signs and codes are shared.

Two figures paired as one number (:func:`~aligntext.check.facts.match_facts`) whose currencies
are both stated and differ (``$5 million`` / ``5 млн евро``) are a finding; a currency stated
on one side only is none (translations often leave it out, or give it once for a list).
"""

from __future__ import annotations

import re
from functools import lru_cache

from aligntext.check.facts import facts_match, show_fact
from aligntext.check.findings import FindingCollector
from aligntext.check.number_values import strength
from aligntext.check.translit import lower
from aligntext.lang import CURRENCY_CODES, CURRENCY_SIGNS, lexicon
from aligntext.types import Fact

_SIGN = "[" + re.escape("".join(CURRENCY_SIGNS)) + "]"
_CODE = "|".join(sorted(CURRENCY_CODES, key=len, reverse=True))
# A sign or code right before the figure: "$5", "US$5", "A$ 5", "€ 5", "USD 5".
_BEFORE = re.compile(rf"(?:(?<![^\W\d_])[A-Z]{{0,2}}({_SIGN})|(?<![^\W\d_])({_CODE}))\s?$")
# A sign or code right after it: "5$", "5 €", "5 TL", "5 USD", "5 TL'lik".
_AFTER_MARK = re.compile(rf"\s?(?:({_SIGN})|({_CODE})(?![^\W\d_]))")
# The next word (an abbreviation with its dots: "U.S.", "долл."), after a blank or a hyphen.
_NEXT_WORD = re.compile(r"[\s\u00a0-]{0,2}([^\W\d_]+(?:\.[^\W\d_]+)*)\.?")
#: Figures whose neighbour word is no currency of theirs (a year, a percentage, a name's
#: digits). A time stays: Azerbaijani and Turkish "18.40" may be a price ("18.40 dollar").
_NO_CURRENCY_TAGS = frozenset({"percent", "year", "decade", "ordinal", "approx", "code"})


@lru_cache(maxsize=8)
def _words(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(f"(?:{pattern})"), currency)
        for pattern, currency in lexicon(lang).currency_words.items()
    )


def _currency_word(word: str, lang: str) -> str | None:
    """The currency a word names (``долларов``, ``avroya``, ``USD``), or ``None``."""
    if word in CURRENCY_CODES:
        return CURRENCY_CODES[word]
    low = re.split(r"['’]", lower(word, lang))[0]
    for pattern, currency in _words(lang):
        if pattern.fullmatch(low):
            return currency
    return None


def currency_of(text: str, fact: Fact, lang: str) -> tuple[str, str] | None:
    """(currency, the sign or word that states it) of number ``fact`` in ``text``, or
    ``None`` when no currency is stated next to it."""
    if fact.kind != "number" or fact.tags & _NO_CURRENCY_TAGS:
        return None
    before = _BEFORE.search(text[max(0, fact.start - 6) : fact.start])
    if before:
        mark = before.group(1) or before.group(2)
        return (CURRENCY_SIGNS.get(mark) or CURRENCY_CODES[mark]), mark
    rest = text[fact.end : fact.end + 60]
    after = _AFTER_MARK.match(rest)
    if after:
        mark = after.group(1) or after.group(2)
        return (CURRENCY_SIGNS.get(mark) or CURRENCY_CODES[mark]), mark
    pos = 0
    for _ in range(2):
        m = _NEXT_WORD.match(rest, pos)
        if m is None:
            return None
        word = m.group(1)
        currency = _currency_word(word, lang)
        if currency is not None:
            return currency, word
        # One capitalised word may name the country between: "ABŞ dolları", "US dollars".
        if not word[:1].isupper():
            return None
        pos = m.end()
    return None


def other_currencies(ctx: FindingCollector, a: Fact, b: Fact) -> tuple[str, str] | None:
    """The currencies of source figure ``a`` and target figure ``b`` when both are stated
    and differ (``pounds``, ``dollars``), else ``None``: a changed figure's message names
    them."""
    ca = currency_of(ctx.src_text, a, ctx.src_lang)
    cb = currency_of(ctx.tgt_text, b, ctx.tgt_lang)
    if ca is None or cb is None or ca[0] == cb[0]:
        return None
    return f"{ca[0]}s", f"{cb[0]}s"


def compare_currencies(
    ctx: FindingCollector, sn: list[Fact], tn: list[Fact], matched: dict[int, int]
) -> None:
    """Report the figures of source ``sn`` and target ``tn`` paired as one number
    (``matched``: source index -> target index) whose currencies are both stated and differ.
    A pair is let off when the source's currency goes with another figure of the same value
    over there (``$5 and €5`` / ``5 евро и 5 долларов``: only the order changed)."""
    src_cur = [currency_of(ctx.src_text, f, ctx.src_lang) for f in sn]
    tgt_cur = [currency_of(ctx.tgt_text, f, ctx.tgt_lang) for f in tn]
    for i, j in matched.items():
        a, b, ca, cb = sn[i], tn[j], src_cur[i], tgt_cur[j]
        if ca is None or cb is None or ca[0] == cb[0]:
            continue
        there = zip(tn, tgt_cur, strict=True)
        if any(c is not None and c[0] == ca[0] and facts_match(a, t) for t, c in there):
            continue
        here = zip(sn, src_cur, strict=True)
        if any(c is not None and c[0] == cb[0] and facts_match(s, b) for s, c in here):
            continue
        both_hard = strength(a) == "hard" and strength(b) == "hard"
        ctx.add(
            "number",
            "error" if both_hard else "warning",
            f"number {show_fact(a)} in {ca[0]}s ({ca[1]}) in source; "
            f"target has {show_fact(b)} in {cb[0]}s ({cb[1]})",
            [a],
            [b],
        )
