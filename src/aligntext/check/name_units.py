"""The units the name rules compare, and how a unit finds its counterpart on the other side.

A name span is compared word by word (:class:`Unit`: ``Ilham`` and ``Aliyev`` of ``Ilham
Aliyev``), a concept (``country:IN``, a glossary term) whole. :class:`Side` holds what one text
offers: its concepts, the keys of its words, initials and acronyms; :func:`found_in` says
whether a unit has its counterpart there, by the transliteration key
(:mod:`aligntext.check.translit`) or the learned matcher (:mod:`aligntext.check.name_model`);
:func:`resembles` whether a word merely sounds like one there (a spelling variant, never a
name put in another's place). Shared by :mod:`aligntext.check.names` and
:mod:`aligntext.check.first_names`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aligntext.check.entities import (
    acronym_keys,
    capitalised_tokens,
    commonness,
    entity_keys,
    initials,
    is_acronym,
    name_keys,
    name_tokens,
    word_keys_by_case,
)
from aligntext.check.lexicon import is_word
from aligntext.check.memo import memoized
from aligntext.check.name_model import name_similarity, same_name
from aligntext.check.translit import keys_close, names_match, names_resemble, translit_keys
from aligntext.types import Fact

#: A source word that is no dictionary word and rarer than this (wordfreq Zipf) is taken for a
#: name that must reappear. The dictionary tells names from translated words; the frequency
#: bound leaves out the few very frequent words a dictionary misses (``The``-like tokens,
#: brand names used as words). Measured on real news translations (scripts/bench_check.py):
#: wordfreq alone (3.5 here, 4.0 on the target side) caught 47% of swapped names; the
#: dictionaries catch more for fewer flags on genuine pairs (see the README's figures).
NAME_ZIPF = 6.0
#: A target word whose learned score (:func:`~aligntext.check.name_model.name_similarity`)
#: against a source word reaches this is a spelling of it, never a name put in its place:
#: positive evidence of a swap needs a word unlike every source word. Much looser than the
#: matcher's own threshold; chosen on the development lines by the rate of flagged genuine
#: pairs against swapped names caught (scripts/bench_check.py).
RESEMBLE_SCORE = 0.0


@dataclass(frozen=True)
class Unit:
    """One thing that needs a counterpart: a concept, or one word of a name."""

    fact: Fact
    word: str
    keys: tuple[str, ...]
    concept: str
    namelike: bool
    #: Order of the word inside its span (a concept is one unit, 0).
    rank: int = 0


def units(facts: list[Fact], lang: str) -> list[Unit]:
    """The units of a text's entity facts: a concept whole, a name word by word."""
    out: list[Unit] = []
    for f in facts:
        if f.kind != "entity":
            continue
        tags = set(f.detail.split(","))
        if "concept" in tags:
            # A lowercase adjective (Russian "индийский") is often dropped in translation.
            # Its words' keys serve only to tell a translation from a swap (resembles):
            # "Fed" and "Федерального" are one body.
            keys = tuple(k for w in name_tokens(f) for k in translit_keys(w, lang))
            out.append(Unit(f, f.text, keys, f.key, f.text[:1].isupper()))
            continue
        for rank, word in enumerate(name_tokens(f)):
            # The dictionary, not capitals, tells a name: Title Case headlines capitalise
            # every word, and a name stays a name at the start of a sentence.
            namelike = (
                not is_acronym(word)
                and len(word) >= 4
                # An English name of a company or body quoted in another language's text
                # ("Japan Airlines", "Warners Solicitors") is translated like its own words.
                and not is_word(word, lang)
                and commonness(word, lang) < NAME_ZIPF
            )
            # A Russian word also by its nominative forms: "Куры" is the river "Кура".
            keys = name_keys(word, lang)
            if "-" in word:
                keys += tuple(
                    k for p in word.split("-") if len(p) >= 4 for k in translit_keys(p, lang)
                )
            out.append(Unit(f, word, keys, "", namelike, rank))
    return out


def related(a: str, b: str) -> bool:
    """Concepts that name one body at two levels: ``known:UN`` and ``known:UN Charter``."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


@dataclass(frozen=True)
class Side:
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
    #: Its capitalised words as written, for the learned matcher, and their language.
    words: tuple[str, ...] = ()
    lang: str = ""

    @classmethod
    def of(cls, text: str, lang: str, facts: list[Fact]) -> Side:
        """What ``text`` (in ``lang``, with its ``facts``) offers."""
        keys, lower_keys, inits, acronyms, words = _text_side(text, lang)
        return cls(
            {f.key for f in facts if f.kind == "entity" and ":" in f.key},
            keys,
            lower_keys,
            inits,
            acronyms,
            words,
            lang,
        )


@memoized
def _text_side(text: str, lang: str) -> list[Any]:
    """What :meth:`Side.of` reads off the text alone, memoized for a comparison (the pivot's
    sentences are looked at once per other version). The key lists are shared between the
    Sides made of one text: a Side is read, never changed."""
    return [
        *word_keys_by_case(text, lang),
        initials(text, lang),
        acronym_keys(text, lang),
        tuple(m.group(0) for m in capitalised_tokens(text) if len(m.group(0)) >= 3),
    ]


def found_in(u: Unit, own: Side, other: Side, lang: str) -> bool:
    """Whether unit ``u`` of the ``own`` side has a counterpart on the ``other``."""
    if u.concept:
        return any(related(u.concept, c) for c in other.concepts) or any(
            matches(k, other) for k in entity_keys(u.fact) if len(k) >= 4
        )
    if is_acronym(u.word):
        if any(k in other.inits for k in u.keys):
            return True
    elif u.fact.text.count(" ") + u.fact.text.count("-") and (
        # An acronym this text has too ("Neumann Kaffee Gruppe (NKG)") answers for itself.
        initials(u.fact.text, lang) & (other.acronyms - own.acronyms)
    ):
        return True
    if any(matches(k, other) for k in u.keys):
        return True
    # The learned matcher, alongside the key: a transcription the key's rules do not join
    # ("Kavanaugh" / "Кавано" is learned from how names are written in parallel news).
    return len(u.word) >= 4 and any(same_name(u.word, lang, w, other.lang) for w in other.words)


def matches(key: str, other: Side) -> bool:
    """Whether a word key meets a capitalised word of ``other``, or closely a lowercase one."""
    return any(names_match(key, w) for w in other.keys) or any(
        keys_close(key, w)
        or (min(len(key), len(w)) >= 4 and key[:3] == w[:3] and names_match(key, w))
        for w in other.lower_keys
    )


def resembles(u: Unit, others: list[Unit], lang: str, other_lang: str) -> bool:
    """Whether ``u`` sounds like a word of ``others``: :func:`names_resemble` on the keys, or
    a learned score of at least :data:`RESEMBLE_SCORE` (a spelling of that word is no name
    put in its place)."""
    if any(names_resemble(k, w) for k in u.keys for v in others for w in v.keys):
        return True
    return any(
        name_similarity(u.word, lang, v.word, other_lang) >= RESEMBLE_SCORE
        for v in others
        if not v.concept and len(v.word) >= 3
    )
