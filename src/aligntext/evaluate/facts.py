"""Fact accuracy: the share of the reference's numbers, dates and names the hypothesis
states correctly, with the checker's extractors (:func:`aligntext.check.extract_facts`,
:func:`aligntext.check.facts_match`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from aligntext.errors import BackendUnavailableError
from aligntext.evaluate.metrics import check_lengths
from aligntext.evaluate.results import FACT_KINDS, FactAccuracy, FactCount, SegmentFacts
from aligntext.types import Fact

Extractor = Callable[[str, str], Sequence[Fact]]
Matcher = Callable[[Fact, Fact], bool]


def _default_fact_functions(lang: str) -> tuple[Extractor, Matcher]:
    try:
        from aligntext.check import (  # type: ignore[attr-defined,unused-ignore]
            extract_facts,
            facts_match,
        )
    except ImportError as exc:  # the checker is part of the package; this is a broken install
        raise BackendUnavailableError(
            "fact accuracy needs aligntext.check (extract_facts, facts_match), which cannot "
            f"be imported ({exc}); reinstall aligntext or turn fact accuracy off (--no-facts)"
        ) from exc
    from functools import partial

    return partial(with_opening_first_names, extract_facts), partial(
        one_language_match, facts_match, lang=lang
    )


_LAST_WORD = re.compile(r"([^\W\d_]+)\s+$")


def with_opening_first_names(extract: Extractor, text: str, lang: str) -> list[Fact]:
    """``extract``'s facts, a name that opens a sentence given back its first name.

    Across languages the checker drops a sentence's first word from a name span unless it
    is plainly a name: opening a sentence, ``Maria`` may be a word there. A reference and a
    hypothesis are in one language, where the same first name is the same word, so a word
    that a dictionary lists as a first name (Webster's ``Maria``, OpenCorpora's ``Мария``)
    is put back: ``Maria Ortiz spoke`` / ``Helen Ortiz spoke`` are two people. Azerbaijani
    and Turkish first names that are words (``İlham``, ``Heydər``) have no such list and
    stay dropped.
    """
    from aligntext.check.lexicon import is_listed_name
    from aligntext.check.translit import translit_key

    out = []
    for f in extract(text, lang):
        m = _LAST_WORD.search(text, 0, f.start)
        if (
            f.kind == "entity"
            and "initial" in f.tags
            and f.words
            and m is not None
            and lang in ("en", "ru")
            and m.group(1)[:1].isupper()
            and is_listed_name(m.group(1), lang)
        ):
            words = (translit_key(m.group(1), lang), *f.words)
            f = replace(
                f,
                key=" ".join(words),
                text=text[m.start(1) : f.end],
                start=m.start(1),
                tags=f.tags - {"initial"},
                words=words,
            )
        out.append(f)
    return out


def one_language_match(facts_match: Matcher, a: Fact, b: Fact, lang: str) -> bool:
    """``facts_match``, and what one language adds: two names whose last words meet but whose
    words before them are two other words are two people or bodies.

    Across languages the checker takes a word before a shared surname for a translated one
    unless it is plainly a first name (``Prezident İlham Əliyev`` / ``Президент Гейдар
    Алиев``); in Azerbaijani ``İlham`` and ``Heydər`` are dictionary words too
    (inspiration, lion), so there it cannot tell. A reference and a hypothesis are in one
    language, where another word before the surname is another name (``İlham Əliyev`` /
    ``Heydər Əliyev``, ``Milli Məclis`` / ``Ali Məclis``). A title there (``Deputy Minister
    Sadigov`` / ``Deputy Minister Elnur Sadigov``) is the same person.
    """
    from aligntext.check.entities import entity_word_keys, entity_words
    from aligntext.check.facts import word_keys_meet
    from aligntext.check.lexicon import is_title

    if not facts_match(a, b):
        return False
    if a.kind != "entity" or b.kind != "entity" or ":" in a.key or ":" in b.key:
        return True
    ka, kb = entity_word_keys(a), entity_word_keys(b)
    wa, wb = entity_words(a), entity_words(b)
    if min(len(ka), len(kb)) < 2 or (len(wa), len(wb)) != (len(ka), len(kb)):
        return True
    if not word_keys_meet(ka[-1], kb[-1]) or word_keys_meet(ka[-2], kb[-2]):
        return True
    return any(is_title(w, lang) for w in (wa[-2], wb[-2]))


def _match_facts(
    ref_facts: Sequence[Fact], hyp_facts: Sequence[Fact], match: Matcher
) -> tuple[list[bool], list[bool]]:
    """Match reference facts to hypothesis facts one to one, same kind first.

    Returns which reference facts found a partner and which hypothesis facts were used.
    """
    found = [False] * len(ref_facts)
    used = [False] * len(hyp_facts)
    # Two passes: same-kind partners first; then a reference number may be found inside a
    # hypothesis date (a year written as part of a date). Never the other way round: a
    # reference date is not stated correctly by a bare year.
    for same_kind in (True, False):
        for i, rf in enumerate(ref_facts):
            if found[i] or (not same_kind and rf.kind == "date"):
                continue
            for j, hf in enumerate(hyp_facts):
                if used[j] or (hf.kind == rf.kind) != same_kind:
                    continue
                # Equal kind and key is the same fact whatever the matcher's heuristics say
                # (short acronyms can fall below a fuzzy matcher's minimum length).
                if (rf.kind == hf.kind and rf.key == hf.key) or match(rf, hf):
                    found[i] = used[j] = True
                    break
    return found, used


def fact_accuracy(
    hypotheses: Sequence[str],
    references: Sequence[str],
    lang: str,
    *,
    worst: int = 10,
    files: Sequence[tuple[str, int]] | None = None,
    extract: Extractor | None = None,
    match: Matcher | None = None,
) -> FactAccuracy:
    """The share of the reference's numbers, dates and names the hypothesis states correctly.

    Each reference fact counts as correct when a hypothesis fact of the same segment matches
    it (one to one: a number stated once does not cover two occurrences in the reference).

    Args:
        hypotheses: hypothesis segments.
        references: reference segments, as many as ``hypotheses`` (with several references,
            pass the first).
        lang: the target language of both sides.
        worst: how many of the worst segments to list.
        files: per segment, ``(file name, 1-based line)`` for the worst-segment list.
        extract: ``extract(text, lang) -> list[Fact]``; default
            :func:`aligntext.check.extract_facts`.
        match: ``match(reference_fact, hypothesis_fact) -> bool``; default
            :func:`aligntext.check.facts_match`.

    Raises:
        InputError: the two sides differ in length, or an unknown language.
    """
    from aligntext.langs import resolve_lang

    lang = resolve_lang(lang)
    check_lengths(hypotheses, [references])
    if extract is None or match is None:
        default_extract, default_match = _default_fact_functions(lang)
        extract = extract or default_extract
        match = match or default_match
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in FACT_KINDS}
    scored: list[SegmentFacts] = []
    for i, (hyp, ref) in enumerate(zip(hypotheses, references, strict=True)):
        ref_facts = list(extract(ref, lang)) if ref.strip() else []
        hyp_facts = list(extract(hyp, lang)) if hyp.strip() else []
        if not ref_facts and not hyp_facts:
            continue
        found, used = _match_facts(ref_facts, hyp_facts, match)
        for rf, ok in zip(ref_facts, found, strict=True):
            t = totals.setdefault(rf.kind, [0, 0, 0])
            t[0] += 1
            t[1] += ok
        for hf, was_used in zip(hyp_facts, used, strict=True):
            if not was_used:
                totals.setdefault(hf.kind, [0, 0, 0])[2] += 1
        file, line = files[i] if files is not None else ("", i + 1)
        scored.append(
            SegmentFacts(
                file=file,
                line=line,
                hypothesis=hyp,
                reference=ref,
                total=len(ref_facts),
                correct=sum(found),
                missing=tuple(rf.text for rf, ok in zip(ref_facts, found, strict=True) if not ok),
                extra=tuple(hf.text for hf, u in zip(hyp_facts, used, strict=True) if not u),
            )
        )
    bad = [s for s in scored if s.missing or s.extra]
    # Worst first: most missing reference facts, then lowest accuracy, then most additions.
    bad.sort(key=_worst_first)
    counts = tuple(FactCount(k, t[0], t[1], t[2]) for k, t in totals.items())
    return FactAccuracy(
        lang=lang, counts=counts, segments=len(hypotheses), worst=tuple(bad[: max(worst, 0)])
    )


def _worst_first(s: SegmentFacts) -> tuple[int, float, int, str, int]:
    """Sort key: most missing reference facts, then lowest accuracy, then most additions."""
    return (
        -len(s.missing),
        s.accuracy if s.accuracy is not None else 1.0,
        -len(s.extra),
        s.file,
        s.line,
    )


def merge_facts(parts: Sequence[FactAccuracy], worst: int) -> FactAccuracy | None:
    """The fact accuracy of several documents added up (``None`` for none), keeping the
    ``worst`` sentences of all."""
    if not parts:
        return None
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in FACT_KINDS}
    for p in parts:
        for c in p.counts:
            t = totals.setdefault(c.kind, [0, 0, 0])
            t[0] += c.total
            t[1] += c.correct
            t[2] += c.extra
    segs = [s for p in parts for s in p.worst]
    segs.sort(key=_worst_first)
    return FactAccuracy(
        lang=parts[0].lang,
        counts=tuple(FactCount(k, t[0], t[1], t[2]) for k, t in totals.items()),
        segments=sum(p.segments for p in parts),
        worst=tuple(segs[: max(worst, 0)]),
    )
