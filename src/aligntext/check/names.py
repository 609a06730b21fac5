"""Names across two versions of a sentence: which name went, and what took its place.

A name must reappear; the words of an organisation's name are translated. So the checker
reports a name gone (a warning, "entity X in source; target has Y") only when the other side
has something in its place, and notes a lone unmatched word (info) otherwise:

- a name (no dictionary word of its language by :func:`~aligntext.check.lexicon.is_vocabulary`,
  rarer than :data:`~aligntext.check.name_units.NAME_ZIPF`, no known concept or acronym)
  with no counterpart, against a name or concept from nowhere on the other side, or a
  capitalised word there that looks like no source word (``Ассоциации`` translates
  ``Association``; ``Золото`` replaces nothing);
- a doubtful word with no counterpart (a first name whose surname stayed, an acronym, a
  capitalised dictionary word such as ``Twitter``), against a clear name: no dictionary word
  and no spelling of any source word (``Ball`` and ``Болла`` are one name);
- one capitalised source word gone, against a country or body the source never names;
- a name the source repeats that the other side has fewer times, with a word from nowhere
  standing in;
- a person's full name gone without trace, and a name spelt with its letters in another order
  (``Balakot`` / ``Бакалот``).

A Russian first name or surname (OpenCorpora's tags) that nothing in the source explains is
noted (info): no name went for it to replace.

Counterparts are found by transliteration keys (:mod:`aligntext.check.translit`), the learned
matcher (:mod:`aligntext.check.name_model`), the built-in concepts and a user glossary,
acronyms by the initials of their spelt-out form (``LA`` / ``Лос-Анджелес``), and words the
rest of the text shows translated so (:mod:`aligntext.check.text_lexicon`).
"""

from __future__ import annotations

from functools import cached_property

from aligntext.check.entities import (
    capitalised_keys,
    capitalised_tokens,
    commonness,
    is_acronym,
    is_headline,
    not_a_name,
)
from aligntext.check.findings import FindingCollector
from aligntext.check.first_names import first_names_changed
from aligntext.check.lexicon import (
    is_listed_name,
    is_person_name,
    is_vocabulary,
    is_word,
)
from aligntext.check.name_gate import decide
from aligntext.check.name_model import name_similarity
from aligntext.check.name_units import (
    RESEMBLE_SCORE,
    Side,
    Unit,
    found_in,
    resembles,
    units,
)
from aligntext.check.text_lexicon import stem
from aligntext.check.translit import keys_close, names_match, translit_keys
from aligntext.types import Fact

#: A capitalised target word rarer than this counts as a name even when a dictionary has it.
RARE_WORD_ZIPF = 3.5


def compare_names(
    ctx: FindingCollector, src: str, tgt: str, sf: list[Fact], tf: list[Fact]
) -> None:
    """Report the names of ``src`` gone from ``tgt`` where something took their place, and
    the other name findings this module's docstring lists (``sf`` / ``tf``: their facts)."""
    sl, tl = ctx.src_lang, ctx.tgt_lang
    s_side, t_side = Side.of(src, sl, sf), Side.of(tgt, tl, tf)
    s_units = units(sf, sl)
    # What the rest of the text shows these words translated as (Judiciary / Məhkəmə):
    # source and target stems linked one to one, from the other pairs only.
    links = _Links(ctx, src, tgt)
    found = {id(u): found_in(u, s_side, t_side, sl) or _linked(u, sl, links.src) for u in s_units}
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
    t_units = units(tf, tl)
    t_units += [
        Unit(
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
    t_found = {id(u): found_in(u, t_side, s_side, tl) or _linked(u, tl, links.tgt) for u in t_units}
    # A first name changed before a surname kept ("Ilham Aliyev" / "Heydər Əliyev") is
    # another person: reported here, and no longer a doubtful word gone.
    for u, w, su, tu in first_names_changed(s_units, t_units, found, t_found, (sl, tl)):
        ctx.add(
            "entity",
            "warning",
            f"name {u.word} {su.word} in source; target has {w.word} {tu.word} "
            "(another first name)",
            [u.fact],
            [w.fact],
        )
        found[id(u)] = True
        t_found[id(w)] = True
        doubtful = [v for v in doubtful if v is not u]
        missing = [v for v in missing if v is not u]
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
            (u.concept or is_word(u.word, tl) or is_listed_name(u.word, tl))
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
    # The ones that sound like no source word: a word like one is a spelling of it.
    unlike = [u for u in words if not resembles(u, s_units, tl, sl)]
    # Only a name counts as the replacement: a capitalised word that is no dictionary word (a
    # translated title such as "Kurulu" or "Агентства" is one) or a rare one, or a concept;
    # a month or weekday is no name, and a target in Title Case gives no capitalisation signal.
    extra = [u for u in unexplained if u.concept and u.namelike] + [
        u
        for u in unlike
        if not is_vocabulary(u.word, tl)
        # Azerbaijani has no word frequencies of its own (they are Turkish ones).
        or (tl != "az" and commonness(u.word, tl) < RARE_WORD_ZIPF)
    ]
    if any(not u.concept for u in missing):
        # An acronym that stands for nothing in the source, where a name went missing.
        extra += [u for u in unexplained if not u.concept and is_acronym(u.word)]
    # A clear name (no dictionary word, nothing like any source word: "Ball" and "Болла" are
    # one name however spelt) put where a doubtful source word stood took that word's place.
    strong = [
        u
        for u in extra
        if not u.concept and not is_vocabulary(u.word, tl) and not resembles(u, s_units, tl, sl)
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
        stand_ins = [u for u in unlike if not is_listed_name(u.word, tl)]
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
        extra = unlike
    if tl == "ru" and not missing:
        # A Russian first name or surname (OpenCorpora's Name and Surn tags) with no source
        # counterpart is a person put into the text (with a name gone, the swap says more).
        # Only noted: nothing went for it to replace, and translators name the speaker that
        # the source calls "he" (on the development lines 11 genuine pairs flagged this way
        # for 4 swaps caught by nothing else).
        for u in words:
            if is_person_name(u.word, tl):
                ctx.add(
                    "entity",
                    "info",
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
            # A target word that spells this one by the learned matcher, though not enough
            # to count as its counterpart, is what stands in its place ("Hasanov" /
            # "Гусейновым"); otherwise the candidate nearest its position.
            alike = [
                (name_similarity(u.word, sl, w.word, tl), w.fact.start, w)
                for w in words
                if not u.concept and name_similarity(u.word, sl, w.word, tl) >= RESEMBLE_SCORE
            ]
            e = (
                max(alike, key=lambda t: (t[0], -t[1]))[2]
                if alike
                else _nearest(u, strong if id(u) in suspects else extra, len(src), len(tgt))
            )
            other = e.fact.text if e.concept else e.word
            message = f"entity {word} in source; target has {other}"
            ctx.add(
                "entity",
                decide(
                    message,
                    lambda u=u, e=e: _swap_features(  # type: ignore[misc]
                        u,
                        e,
                        s_units,
                        t_units,
                        (sl, tl),
                        (len(src), len(tgt)),
                        (len(unexplained), len(missing), id(u) in suspects),
                    ),
                ),
                message,
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


class _Links:
    """The pair's words linked by the text's lexicon
    (:meth:`~aligntext.check.text_lexicon.TextLexicon.links`), worked out on first use: most
    pairs have every name matched by spelling, and ``found_in(...) or _linked(...)`` asks only
    for the others."""

    def __init__(self, ctx: FindingCollector, src: str, tgt: str) -> None:
        self._args = (ctx.lexicon, src, tgt)

    @cached_property
    def _pairs(self) -> dict[str, str]:
        lex, src, tgt = self._args
        return lex.links(src, tgt) if lex is not None else {}

    @cached_property
    def src(self) -> set[str]:
        """Linked source stems."""
        return set(self._pairs)

    @cached_property
    def tgt(self) -> set[str]:
        """Linked target stems."""
        return set(self._pairs.values())


def _linked(u: Unit, lang: str, linked: set[str]) -> bool:
    """Whether the word of ``u`` (any word, for a concept) is among the stems ``linked``."""
    words = u.fact.text.split() if u.concept else [u.word]
    return bool(linked) and any(stem(w, lang) in linked for w in words)


def _clip(x: float) -> float:
    return max(-3.0, min(3.0, x))


def _swap_features(
    u: Unit,
    e: Unit,
    s_units: list[Unit],
    t_units: list[Unit],
    langs: tuple[str, str],
    lengths: tuple[int, int],
    counts: tuple[int, int, bool],
) -> tuple[float, ...]:
    """The features of :data:`aligntext.check.name_gate.FEATURES` for source unit ``u``
    gone and target unit ``e`` standing in its place."""
    sl, tl = langs
    s_words = [v.word for v in s_units if not v.concept and len(v.word) >= 3]
    t_words = [v.word for v in t_units if not v.concept and len(v.word) >= 3]
    best_s = max((name_similarity(u.word, sl, w, tl) for w in t_words), default=-3.0)
    best_t = max((name_similarity(e.word, tl, w, sl) for w in s_words), default=-3.0)
    gap = abs(u.fact.start / max(lengths[0], 1) - e.fact.start / max(lengths[1], 1))
    return (
        float(u.namelike),
        float(is_vocabulary(u.word, sl)),
        commonness(u.word, sl),
        float(is_acronym(u.word)),
        float(bool(u.concept)),
        float(is_vocabulary(e.word, tl)),
        commonness(e.word, tl),
        float(bool(e.concept)),
        float(is_acronym(e.word)),
        _clip(name_similarity(u.word, sl, e.word, tl)),
        _clip(best_s),
        _clip(best_t),
        gap,
        float(counts[0]),
        float(counts[1]),
        float(counts[2]),
    )


def _count(u: Unit, tokens: list[tuple[str, ...]]) -> int:
    """How many capitalised words of a text (their keys in ``tokens``) spell ``u``."""
    return sum(1 for keys in tokens if any(names_match(k, w) for k in u.keys for w in keys))


def _fewer_in_target(
    s_units: list[Unit], s_tokens: list[tuple[str, ...]], tgt: str, tl: str
) -> list[Unit]:
    """The last unit of each name the source has more times than the target.

    Words are counted, not units: a name opening a sentence is no unit ("Hasanov opened the
    session and Hasanov closed it"); in the target, a lowercase word made from the name
    counts too ("Luanda ... in Luanda" / "Луанда ... луандского").
    """
    t_tokens = capitalised_keys(tgt, tl)
    t_lower = capitalised_keys(tgt, tl, lowercase=True)
    out: list[Unit] = []
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


def _nearest(u: Unit, others: list[Unit], src_len: int, tgt_len: int) -> Unit:
    """The unit of ``others`` whose relative position in its text is closest to ``u``'s.

    A swapped name stands about where the original stood, so the message names the word
    that most likely took its place (and two swaps in one pair give two messages).
    """
    where = u.fact.start / max(src_len, 1)
    return min(others, key=lambda o: abs(o.fact.start / max(tgt_len, 1) - where))


def _misspelt(u: Unit, others: list[Unit]) -> Unit | None:
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


def _is_full_name(span: list[Unit], found: dict[int, bool]) -> bool:
    """Two or more rare capitalised words in a row (a person's name), none found over there."""
    words = [v for v in span if not v.concept and not is_acronym(v.word)]
    return (
        len(words) >= 2
        and "initial" not in span[0].fact.detail
        and all(v.namelike for v in words)
        and not any(found[id(v)] for v in span)
    )
