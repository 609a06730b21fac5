"""The MT QA checks as a translation job runs them: with the fact checker, and with retries.

:func:`check_sentence` is what ``translate --check`` and ``check --mt-qa`` report for one
sentence pair: the fact checker's warnings and errors and the MT QA findings, without saying
one thing twice (a copied source is a ``copy``, not also ``untranslated``; the length model's
findings replace the checker's fixed-ratio ``length``). :func:`retry_failed` re-translates the
sentences with an error and keeps, per sentence, whichever output the same checks like better.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from typing import Any

from aligntext.qa.checks import QA_TYPES, check_translation, document_length_shift
from aligntext.types import Finding, severity_rank

# A checker finding type, and the MT QA types that say the same thing better: when the MT QA
# found one of them for the sentence, the checker's is left out.
_SUPERSEDED: dict[str, tuple[str, ...]] = {
    "untranslated": ("copy", "wrong_language"),
    "length": ("length", "truncated", "addition", "repetition", "copy", "wrong_language"),
}


def merge_findings(checker: Iterable[Finding], qa: Iterable[Finding]) -> list[Finding]:
    """The checker's and the MT QA's findings of the same pairs, each thing said once.

    Returns them ordered by pair, the MT QA's first within a pair (they say why the whole
    sentence is wrong; the checker's are about one fact).
    """
    qa = list(qa)
    found = {(f.pair, f.type) for f in qa}
    kept = [
        f for f in checker if not any((f.pair, t) in found for t in _SUPERSEDED.get(f.type, ()))
    ]
    return sorted([*qa, *kept], key=lambda f: (f.pair, f.type not in QA_TYPES))


def check_sentence(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    *,
    pair: int = 0,
    facts: bool = True,
    length_shift: float = 0.0,
) -> list[Finding]:
    """Suspect points of one translated sentence: warnings and errors, no notes.

    Args:
        src: the source sentence.
        tgt: its translation.
        src_lang: the source language.
        tgt_lang: the target language.
        pair: the index stored in the findings.
        facts: also run the fact checker (numbers, dates, names).
        length_shift: the length centre of the sentence's document, in z
            (:func:`aligntext.qa.checks.document_length_shift`); 0 for a sentence alone.
    """
    threshold = severity_rank("warning")
    qa = check_translation(src, tgt, src_lang, tgt_lang, pair=pair, length_shift=length_shift)
    checker: list[Finding] = []
    if facts:
        from aligntext.check import compare_sentences

        checker = compare_sentences(src, tgt, src_lang, tgt_lang, pair=pair)
    merged = merge_findings(checker, qa)
    return [f for f in merged if severity_rank(f.severity) >= threshold]


def badness(findings: Sequence[Finding]) -> tuple[int, int]:
    """How bad a sentence's findings are: (errors, warnings); smaller is better."""
    return (
        sum(1 for f in findings if f.severity == "error"),
        sum(1 for f in findings if f.severity == "warning"),
    )


def needs_retry(findings: Sequence[Finding]) -> bool:
    """Whether a sentence's findings call for another translation: an MT QA error."""
    return any(f.severity == "error" and f.type in QA_TYPES for f in findings)


def retry_failed(
    outputs: Mapping[str, str],
    src_lang: str,
    tgt_lang: str,
    translate: Callable[[list[str]], list[str]],
    *,
    facts: bool = True,
) -> dict[str, tuple[str, str]]:
    """Translate again the sentences whose output has an MT QA error; keep the better one.

    Args:
        outputs: sentence -> its first translation (one document's: lengths are judged
            against their own centre).
        src_lang: the source language.
        tgt_lang: the target language.
        translate: the second translator (beam search, or another model), called once with
            every sentence to retry.
        facts: count the fact checker's findings too when comparing the two outputs.

    Returns:
        For each sentence retried, ``(first output, kept output)``; the kept one is the new
        output when its findings are fewer errors (then fewer warnings) than the first's.
    """
    # The document's length centre is that of the first outputs, for both tries: a better
    # second try should not move the bar it is judged by.
    shift = document_length_shift(list(outputs.items()), src_lang, tgt_lang)
    first = {
        s: check_sentence(s, t, src_lang, tgt_lang, facts=facts, length_shift=shift)
        for s, t in outputs.items()
    }
    todo = [s for s, fs in first.items() if needs_retry(fs)]
    if not todo:
        return {}
    again = translate(todo)
    out: dict[str, tuple[str, str]] = {}
    for sentence, second in zip(todo, again, strict=True):
        before = badness(first[sentence])
        after = badness(
            check_sentence(sentence, second, src_lang, tgt_lang, facts=facts, length_shift=shift)
        )
        kept = second if after < before else outputs[sentence]
        out[sentence] = (outputs[sentence], kept)
    return out


def check_file(
    paras: Sequence[Any],
    translations: Mapping[str, str],
    src_lang: str,
    tgt_lang: str,
    retry_factory: Callable[[str, str], Any] | None = None,
    built: MutableMapping[tuple[str, str], Any] | None = None,
) -> tuple[Mapping[str, str], dict[str, Any]]:
    """The checks (and with ``retry_factory`` the retries) of one file of a translate job.

    Args:
        paras: the file's paragraphs, each with ``sentences`` and ``translate`` (whether
            each sentence was sent to the model) in order.
        translations: sentence -> translation.
        src_lang: the source language.
        tgt_lang: the target language.
        retry_factory: builds the second translator for :func:`retry_document`.
        built: second translators already built, per direction.

    Returns:
        The translations (with better second outputs in) and the file result's fields:
        ``findings``, ``flagged`` and, with retries, ``retried`` and ``improved``.
    """
    sentences = [(s, done) for p in paras for s, done in zip(p.sentences, p.translate, strict=True)]
    extra: dict[str, Any] = {}
    if retry_factory is not None:
        translated = [s for s, done in sentences if done]
        translations, retried, improved = retry_document(
            translated, translations, src_lang, tgt_lang, retry_factory,
            {} if built is None else built,
        )  # fmt: skip
        extra.update(retried=retried, improved=improved)
    findings, flagged = check_document(sentences, translations, src_lang, tgt_lang)
    extra.update(findings=tuple(findings), flagged=tuple(flagged))
    return translations, extra


def manifest_fields(result: Any, *, retry: bool) -> dict[str, Any]:
    """A checked file's counts for its manifest entry: ``flagged`` sentences, findings per
    type (``finding_types``) and, with retries, ``retried`` and ``improved``."""
    fields: dict[str, Any] = {
        "flagged": len({f.pair for f in result.findings}),
        "finding_types": count_types(result.findings),
    }
    if retry:
        fields.update(retried=result.retried, improved=result.improved)
    return fields


def check_document(
    sentences: Sequence[tuple[str, bool]],
    translations: Mapping[str, str],
    src_lang: str,
    tgt_lang: str,
) -> tuple[list[Finding], list[tuple[int, str, str]]]:
    """:func:`check_sentence` on each sentence of a document, as the translate job runs it:
    lengths judged against the document's own centre (:func:`document_length_shift`).

    Args:
        sentences: every sentence in order, with whether it was translated (a sentence
            without letters is copied as is and not checked, but keeps its number).
        translations: sentence -> translation.
        src_lang: the source language.
        tgt_lang: the target language.

    Returns:
        The findings (``pair`` is the sentence's index) and ``(index, source, translation)``
        of each sentence with any.
    """
    findings: list[Finding] = []
    flagged: list[tuple[int, str, str]] = []
    # Lengths are judged against the file's own centre, as check --mt-qa judges a bitext.
    shift = document_length_shift(
        [(sentence, translations[sentence]) for sentence, done in sentences if done],
        src_lang,
        tgt_lang,
    )
    for index, (sentence, done) in enumerate(sentences):
        if not done:
            continue
        found = check_sentence(
            sentence, translations[sentence], src_lang, tgt_lang, pair=index, length_shift=shift
        )
        findings.extend(found)
        if found:
            flagged.append((index, sentence, translations[sentence]))
    return findings, flagged


def count_types(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per type, most frequent first."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.type] = counts.get(f.type, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def retry_document(
    sentences: Sequence[str],
    translations: Mapping[str, str],
    src_lang: str,
    tgt_lang: str,
    factory: Callable[[str, str], Any],
    built: MutableMapping[tuple[str, str], Any],
) -> tuple[Mapping[str, str], int, int]:
    """:func:`retry_failed` on a document's sentences, as the translate job runs it.

    Args:
        sentences: the sentences translated.
        translations: sentence -> first translation.
        src_lang: the source language.
        tgt_lang: the target language.
        factory: builds the second translator of a direction, on first need only.
        built: second translators already built, per direction (kept across files).

    Returns:
        The translations with the better outputs in, how many sentences were retried and
        how many replaced.
    """
    key = (src_lang, tgt_lang)

    def translate(batch: list[str]) -> list[str]:
        if key not in built:
            built[key] = factory(*key)
        return list(built[key].translate(batch))

    mine = {s: translations[s] for s in dict.fromkeys(sentences)}
    done = retry_failed(mine, src_lang, tgt_lang, translate)
    better = {s: kept for s, (first, kept) in done.items() if kept != first}
    if not better:
        return translations, len(done), 0
    # Other files of the chunk may share these sentences; they are checked on their own.
    return {**translations, **better}, len(done), len(better)
