"""User glossaries (TSV or TBX): one concept per entry, its forms in each language.

A glossary term found in a sentence becomes an entity fact whose key is the concept
(``glossary:3``), so ``UN Security Council`` and ``Совет Безопасности ООН`` match whatever their
spelling. Terms are found with their inflections: each word of a term may carry a case ending
(``Совета Безопасности``, ``Təhlükəsizlik Şurasının``, ``Konseyi'nin``).
The same machinery finds the built-in concepts (CLDR country names, a few international
bodies) in :mod:`aligntext.check.entities`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from aligntext.arguments import require
from aligntext.check.locale_data import locale_tables
from aligntext.check.translit import TURKIC_MORPHS, lower, strip_suffix
from aligntext.errors import InputError, UnsupportedLanguageError
from aligntext.langs import resolve_lang


@dataclass(frozen=True)
class Glossary:
    """Concepts and their terms per language.

    Args:
        entries: ``(concept, lang, term)`` triples; one concept has several rows, one per
            language form (and variant).
        source: where it was read from.
    """

    entries: tuple[tuple[str, str, str], ...] = ()
    source: str = ""
    _index: dict[str, dict[str, list[_Entry]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def terms(self, lang: str) -> list[tuple[str, str]]:
        """``(term, concept)`` pairs of one language."""
        lang = resolve_lang(lang)
        return [(t, c) for c, lg, t in self.entries if lg == lang]

    def __len__(self) -> int:
        return len({c for c, _, _ in self.entries})

    def find(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """Occurrences of this glossary's terms: ``(start, end, concept)``, longest first wins."""
        lang = resolve_lang(lang)
        index = self._index.get(lang)
        if index is None:
            index = _build_index(self.terms(lang), lang)
            self._index[lang] = index
        return find_terms(text, lang, index)


_RU_ADJ = ("ый", "ий", "ой", "ая", "яя", "ое", "ее")

# Inflections a term's word may take, as closed sets: a free "any letters" tail let short names
# swallow unrelated words (Куба in "Кубка", Mali in "Maliyyə", Самоа in "самолетах").
# Russian noun endings, and the adjective a country name forms (Индия -> индийском).
_RU_NOUN_END = (
    "(?:а|я|у|ю|е|и|ы|о|ь|ой|ей|ом|ем|ою|ею|ам|ям|ами|ями|ах|ях|ов|ев|ью|ии|ию|ией|ия|ие|ий)"
)
_RU_ADJ_END = "(?:ий|ый|ой|ая|яя|ое|ее|ие|ые|ого|его|ому|ему|им|ым|ом|ем|ую|юю|их|ых|ими|ыми|ей)"
_RU_TAIL = rf"(?:{_RU_NOUN_END}|{_RU_ADJ_END}|й|й?ск{_RU_ADJ_END})?(?:['’][\w]{{1,6}})?"
# Azerbaijani and Turkish suffix morphs (the shared set, plus the locative adjective -dakı);
# up to three chain (Kəlbəcərlilərin), or any suffix after an apostrophe (Nisan'da).
_TURKIC_MORPHS = sorted({*TURKIC_MORPHS, "dakı", "daki", "deki", "dəki"}, key=len, reverse=True)
_TURKIC_TAIL = "(?:" + "|".join(_TURKIC_MORPHS) + r"){0,3}(?:['’][\w]{1,8})?"


def _word_pattern(word: str, lang: str) -> tuple[str, str]:
    """The pattern of one word of a term, and the literal text every match starts with."""
    low = lower(word, lang)
    if lang == "ru" and len(low) >= 5 and low[-2:] in _RU_ADJ:
        return re.escape(low[:-2]) + _RU_ADJ_END, low[:-2]  # "Белый дом" -> "Белого дома"
    if lang == "ru":
        stem = strip_suffix(low, lang) if len(low) >= 5 else low
        if stem == low and low[-1] in "аяеиоуыьйё" and len(low) >= 4:
            stem = low[:-1]  # Азия -> Азии; neuter nouns: "Министерство" -> "Министерства"
        return re.escape(stem) + _RU_TAIL, stem
    if lang in ("az", "tr"):
        # A term is given in its dictionary form; a final k may soften before a vowel
        # (Bakı, Bakıya; Irak, Irağa).
        if low.endswith("k"):
            return re.escape(low[:-1]) + "[kğy]" + _TURKIC_TAIL, low[:-1]
        return re.escape(low) + _TURKIC_TAIL, low
    # English: plural and possessive, and the demonym a place name forms (India -> Indian,
    # London -> Londoners, Iraq -> Iraqi, Egypt -> Egyptian, Japan -> Japanese), which
    # translators render with the place's own name.
    pattern = re.escape(low) + r"(?:n|ns|ers|er|s|es|is?|ians?|ese)?"
    literal = low
    if len(low) >= 4 and low[-1] in "aeoy":
        # The final vowel gives way: Europe -> European, Canada -> Canadian, Italy -> Italian,
        # Mexico -> Mexican, Malta -> Maltese.
        pattern = f"(?:{pattern}|{re.escape(low[:-1])}(?:e?ans?|ians?|ese))"
        literal = low[:-1]
    return pattern + r"(?:['’]s?)?", literal


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True)
class _Entry:
    # The regular expression's source: compiled on first use, since a text meets only the
    # few terms sharing its words' first letters and compiling all of a language's ~500
    # built-in terms up front cost a third of a second of every `align` start.
    source: str
    concept: str
    term: str
    # "exact": acronym, matched with its case; "cap": a name, found capitalised; "any": a user
    # term or a built-in adjective written in lower case (Russian "ирландский"), any case.
    mode: str
    # Text every match starts with (the term as written for "exact", else lower case with ё
    # read as е): a cheap test that spares compiling and running most patterns.
    literal: str = ""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once per source)."""
        return _compiled(self.source)


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) <= 6 and all(c.isupper() for c in letters) and len(letters) >= 2


def _build_index(
    terms: Iterable[tuple[str, str]], lang: str, names: bool = False
) -> dict[str, list[_Entry]]:
    """Terms grouped by their first two letters, each with its inflection-tolerant pattern.

    ``names``: the terms are proper names (built-in concepts), found only capitalised.
    """
    index: dict[str, list[_Entry]] = {}
    for term, concept in terms:
        words = re.findall(r"[^\W_]+(?:\.[^\W_]+)*\.?", term)
        if not words:
            continue
        if _is_acronym(term):
            pattern = re.escape(term) + r"(?:[-'’][^\W\d_]{1,6})?(?![\w])"
            entry = _Entry(pattern, concept, term, "exact", term)
        else:
            parts = [_word_pattern(w, lang) for w in words]
            pattern = r"[\s\-]+".join(p for p, _ in parts)
            literal = parts[0][1].replace("ё", "е")
            if lang == "ru":  # "Объединённых" is often printed "Объединенных"
                pattern = pattern.replace("ё", "е").replace("е", "[её]")
            mode = "cap" if names else "any"
            entry = _Entry(pattern + r"(?![\w])", concept, term, mode, literal)
        key = _probe(lower(term, lang))
        index.setdefault(key, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.term))
    return index


def _probe(text: str) -> str:
    """The first two letters or digits, dots and spaces skipped (``U.S.`` -> ``us``)."""
    return re.sub(r"[\W_]+", "", text)[:2]


def find_terms(text: str, lang: str, index: dict[str, list[_Entry]]) -> list[tuple[int, int, str]]:
    """Non-overlapping term occurrences in ``text``: ``(start, end, concept)``."""
    low = lower(text, lang)
    exact_case = len(low) == len(text)
    if not exact_case:  # a lowercase letter that expands: fall back to per-char lower
        low = "".join(lower(ch, lang)[:1] for ch in text)
    folded = low.replace("ё", "е")
    found: list[tuple[int, int, str]] = []
    pos_end = 0
    for m in re.finditer(r"[^\W_]+", low):
        if m.start() < pos_end:
            continue
        word = m.group(0)
        # A word of two letters or more is its own probe (no dot or space to skip).
        probe = word[:2] if len(word) >= 2 else _probe(low[m.start() : m.start() + 8])
        cands = index.get(probe, ())
        best: tuple[int, int, str] | None = None
        initial_cap = text[m.start()].isupper()
        for entry in cands:
            if exact_case and not (text if entry.mode == "exact" else folded).startswith(
                entry.literal, m.start()
            ):
                continue
            if entry.mode == "exact":
                mm = entry.pattern.match(text, m.start())
            elif (
                entry.mode == "cap"
                and not initial_cap
                and not (lang == "ru" and len(m.group(0)) >= 6)
            ):
                continue
            else:
                mm = entry.pattern.match(low, m.start())
            if mm and (best is None or mm.end() > best[1]):
                best = (mm.start(), mm.end(), entry.concept)
        if best:
            found.append(best)
            pos_end = best[1]
    return found


def _split_cell(cell: str) -> list[str]:
    return [v.strip() for v in re.split(r"[|;]", cell) if v.strip()]


def _load_tsv(path: Path) -> Glossary:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"glossary {path} is not UTF-8 text; save it as UTF-8") from exc
    # Cells are literal: a term may start with a quote ("Azerenerji" OJSC), and csv's
    # quoting would swallow the rows after it into one term.
    rows = [
        r
        for r in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        if any(c.strip() for c in r)
    ]
    if not rows:
        raise InputError(f"glossary {path} is empty; give a header row such as 'en<TAB>az<TAB>ru'")
    langs = []
    for cell in rows[0]:
        try:
            langs.append(resolve_lang(cell.strip()))
        except UnsupportedLanguageError as exc:
            raise InputError(
                f"glossary {path}: header cell {cell.strip()!r} is not a language code; "
                "the first row must name the columns' languages, e.g. 'en<TAB>az<TAB>ru<TAB>tr'"
            ) from exc
    entries: list[tuple[str, str, str]] = []
    for n, row in enumerate(rows[1:], start=1):
        concept = f"glossary:{n}"
        for lang, cell in zip(langs, row, strict=False):
            for term in _split_cell(cell):
                entries.append((concept, lang, term))
    return Glossary(tuple(entries), str(path))


def _load_tbx(path: Path) -> Glossary:
    # lxml with entities and network access off: a glossary is untrusted input.
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"glossary {path} is not valid TBX/XML ({exc}); fix the file") from exc
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries: list[tuple[str, str, str]] = []
    concepts = root.xpath("//*[local-name()='termEntry' or local-name()='conceptEntry']")
    for n, concept_el in enumerate(concepts, start=1):
        concept = f"glossary:{concept_el.get('id') or n}"
        for lang_el in concept_el.xpath("./*[local-name()='langSet' or local-name()='langSec']"):
            code = lang_el.get(xml_lang) or lang_el.get("lang") or ""
            try:
                lang = resolve_lang(code.split("-")[0])
            except UnsupportedLanguageError:
                continue  # other languages in a shared termbase are not ours to check
            for term_el in lang_el.xpath(".//*[local-name()='term']"):
                term = "".join(term_el.itertext()).strip()
                if term:
                    entries.append((concept, lang, term))
    if not entries:
        raise InputError(f"glossary {path} has no terms in en, az, ru or tr")
    return Glossary(tuple(entries), str(path))


def check_glossary(glossary: object) -> None:
    """Refuse a glossary that is neither ``None`` nor a :class:`Glossary` (a dict of terms
    says neither which language each term is in nor which forms it takes).

    Raises:
        InputTypeError: ``glossary`` is of another type.
    """
    if glossary is not None:
        require(glossary, Glossary, "glossary", "read one with aligntext.check.load_glossary")


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary: TSV (header row of language codes, one concept per row) or TBX.

    A TSV cell may hold variants separated by ``|`` or ``;``.

    Args:
        path: a ``.tsv`` / ``.txt`` / ``.csv`` (tab-separated) or ``.tbx`` / ``.xml`` file.

    Raises:
        InputError: the file is missing, empty, not UTF-8, or its header is not language codes.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"glossary file {str(path)!r} does not exist; check the path")
    if p.suffix.lower() in (".tbx", ".xml"):
        return _load_tbx(p)
    return _load_tsv(p)


@locale_tables
def builtin_index(lang: str) -> dict[str, list[_Entry]]:
    """The index of built-in concepts: CLDR countries, their demonyms, international bodies.

    Country names and the nationality adjectives and language names that stand for them
    (``Irish``, ``испанский``, ``İspanyolca``) share one ``country:XX`` key, so either side
    of a pair may use either; ``concepts.tsv`` adds bodies, institutions and translated places.
    """
    from aligntext.check.locale_data import country_names, demonyms, known_concepts

    names: list[tuple[str, str]] = list(country_names(lang).items())  # lowercased by CLDR
    # Forms listed in lower case are adjectives (Azerbaijani "ispan", Russian "ирландский"),
    # written in lower case in running text: found in any case. Capitalised ones are names.
    adjectives: list[tuple[str, str]] = []
    for name, concept in [*demonyms(lang).items(), *known_concepts(lang).items()]:
        (adjectives if name[:1].islower() else names).append((name, concept))
    index = _build_index(names, lang, names=True)
    for key, entries in _build_index(adjectives, lang).items():
        index.setdefault(key, []).extend(entries)
        index[key].sort(key=lambda e: -len(e.term))
    return index
