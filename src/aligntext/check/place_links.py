"""Cities each language names its own way, linked across a sentence pair (CLDR, GeoNames).

A transcription reaches ``Chicago`` / ``Чикаго``, but not the exonyms languages give the
cities they have long written about: ``Skopje`` / ``Skopye`` / ``Скопье`` / ``Üsküp``,
``Vienna`` / ``Vyana`` / ``Вена`` / ``Viyana``, ``Athens`` / ``Афины`` / ``Atina``. CLDR
writes about 400 cities in every language, as the exemplar cities of time zones
(:func:`~aligntext.check.locale_data.city_names`), from the same data as the country names;
GeoNames adds the one-word names of some 4,100 cities of 100,000 people or more, in the
letters of the four languages (``Cologne`` / ``Кельн`` / ``Köln``), as word stems in
``aligntext/data/place_stems.tsv`` (built by ``scripts/learn_places.py``; CC BY 4.0).

:class:`PlaceLinks` is a :class:`~aligntext.check.model_links.Lexicon`: for a pair it links a
source word that begins a city's name to the target word that begins that city's name in the
target language. It can only explain a word: a city that a translation swapped for another
place is not linked (the other place is not the city's name), so the swap stays a finding.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from aligntext.check.locale_data import city_names
from aligntext.check.model_links import same_stem
from aligntext.check.text_lexicon import stem, stems

_WORD = re.compile(r"[^\W\d_]{3,}")


@cache
def _first_stems(lang: str) -> dict[str, frozenset[str]]:
    """City key -> the stems of the first word of its name(s) in ``lang``."""
    out: dict[str, set[str]] = {}
    for name, key in city_names(lang).items():
        m = _WORD.search(name)
        if m:
            out.setdefault(key, set()).add(stem(m.group(0), lang))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _geonames() -> dict[str, frozenset[str]]:
    """Stem -> the stems of the other names of the cities it names (GeoNames)."""
    text = resources.files("aligntext").joinpath("data/place_stems.tsv").read_text("utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        stems_ = line.split("\t")[1].split()
        for s in stems_:
            out.setdefault(s, set()).update(t for t in stems_ if not same_stem(s, t))
    return {s: frozenset(t) for s, t in out.items() if t}


@cache
def _table(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """Source stem -> the target stems of the cities whose name begins with it."""
    src, tgt = _first_stems(src_lang), _first_stems(tgt_lang)
    out: dict[str, set[str]] = {}
    for key, firsts in src.items():
        targets = tgt.get(key, frozenset())
        for s in firsts:
            # A name that only a transcription joins needs no link; keep the others.
            other = {t for t in targets if not same_stem(s, t)}
            if other:
                out.setdefault(s, set()).update(other)
    return {s: frozenset(t) for s, t in out.items()}


class PlaceLinks:
    """The built-in city exonyms between two languages, as a lexicon.

    Args:
        src_lang: the source language.
        tgt_lang: the target language.
    """

    def __init__(self, src_lang: str, tgt_lang: str) -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self._table = _table(src_lang, tgt_lang)

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """Source stems of capitalised words of ``src`` that begin a city whose name in the
        target language begins a word of ``tgt`` (``Skopyedəki`` -> ``Üsküp'te``)."""
        out: dict[str, str] = {}
        t_stems: list[str] | None = None
        for m in _WORD.finditer(src):
            if not m.group(0)[0].isupper():
                continue
            s = stem(m.group(0), self.src_lang)
            targets = self._table.get(s, frozenset()) | _geonames().get(s, frozenset())
            if not targets:
                continue
            if t_stems is None:
                t_stems = sorted(stems(tgt, self.tgt_lang))
            hit = next((t for t in t_stems if any(same_stem(t, x) for x in targets)), None)
            if hit is not None:
                out.setdefault(s, hit)
        return out


@cache
def place_links(src_lang: str, tgt_lang: str) -> PlaceLinks:
    """The (shared) :class:`PlaceLinks` of a pair of languages."""
    return PlaceLinks(src_lang, tgt_lang)
