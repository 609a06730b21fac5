"""Compare language versions of a statement, or check an aligned bitext.

:func:`compare_versions` reads, segments and aligns two or more versions (the first is the
pivot every other version is aligned to), runs the mismatch checker on every alignment and,
with three or more versions, puts each disagreement in front of all versions at once to name
the odd one out ("en says 6 April 1993; az, ru and tr say 30 April 1993").
:func:`check_bitext_file` runs the checker over a bitext that is already aligned (TSV, TMX,
XLIFF, PO). Both return typed results and raise :class:`~aligntext.errors.InputError` on bad
input; turning them into text, JSON or HTML is :mod:`aligntext.render.report`'s job.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from aligntext import __version__
from aligntext.arguments import as_items, require, require_callable
from aligntext.errors import InputError
from aligntext.io.spool import display_name
from aligntext.langs import CODES, get_language, resolve_lang
from aligntext.pipeline.cross_versions import cross_version_findings
from aligntext.types import (
    Alignment,
    Bead,
    Document,
    Finding,
    Report,
    Segment,
    Signature,
    Span,
    Version,
    rows_of_beads,
    severity_rank,
)

if TYPE_CHECKING:
    from aligntext.translate.base import Translator, TranslatorFactory


#: One row of a multi-way alignment: a tuple of segment indices per version.
Row = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class BitextCheck:
    """The findings of :func:`check_bitext_file`.

    Args:
        path: the bitext file that was checked.
        pairs: the ``(source, target)`` texts, in file order: the sentence pairs only (a
            TSV's header and blank lines are none); findings' ``pair`` indexes them.
        src_lang: the source language (given, read from the file, or detected).
        tgt_lang: the target language.
        findings: the findings, in pair order.
        signature: how the check was made.
        warnings: doubts about the input, such as a side that does not read as the language
            given for it.
        rows: where each pair is in the file, as the command line numbers it: its 1-based
            line of a TSV, or its translation unit of the other formats; the row of a
            finding is ``rows[finding.pair]``. Empty: pair *i* is row *i + 1*.
    """

    path: str
    pairs: tuple[tuple[str, str], ...]
    src_lang: str
    tgt_lang: str
    findings: tuple[Finding, ...]
    signature: Signature = field(default_factory=Signature)
    warnings: tuple[str, ...] = ()
    rows: tuple[int, ...] = ()

    def row(self, pair: int) -> int:
        """The 1-based row (TSV line, translation unit) of pair ``pair`` in the file."""
        return self.rows[pair] if self.rows else pair + 1

    def by_row(self) -> tuple[tuple[tuple[str, str], ...], tuple[Finding, ...]]:
        """The pairs laid out by row and the findings numbered so: pair *i* of the result
        is row *i + 1* (``("", "")`` for a header or blank line), a finding's ``pair`` its
        row - 1. The layout the command line's text, JSON and HTML output number by."""
        last = self.row(len(self.pairs) - 1) if self.pairs else 0
        laid: list[tuple[str, str]] = [("", "")] * last
        for k, pair in enumerate(self.pairs):
            laid[self.row(k) - 1] = pair
        at_row = {k: self.row(k) - 1 for k in range(len(self.pairs))}
        return tuple(laid), tuple(renumber(f, at_row) for f in self.findings)


def renumber(finding: Finding, new: dict[int, int]) -> Finding:
    """``finding`` with its ``pair`` and its spans' ``segment`` moved by ``new`` (old index
    -> new index; an index not in it is kept)."""

    def spans(items: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(replace(s, segment=new.get(s.segment, s.segment)) for s in items)

    return replace(
        finding,
        pair=new.get(finding.pair, finding.pair),
        src_spans=spans(finding.src_spans),
        tgt_spans=spans(finding.tgt_spans),
    )


# --- multi-version comparison ----------------------------------------------------------


def compare_versions(
    paths_or_documents: Sequence[str | os.PathLike[str] | Document],
    langs: Sequence[str | None] | None = None,
    *,
    glossary: Any = None,
    strict: bool = False,
    input_format: str | None = None,
    translators: TranslatorFactory | None = None,
) -> Report:
    """Segment, align and check two or more language versions of one statement.

    The first version is the pivot: every other version is aligned to it and checked against
    it. With three or more versions each disagreement is also judged across all versions and
    reported once with the odd one out named (``Report.cross_findings``).

    Args:
        paths_or_documents: a list of the versions, as file paths or :class:`Document`
            objects (one path alone is refused: compare needs two or more).
        langs: one language code per version (``None`` entries, or no list at all, are
            detected from the text), or one comma-separated string of them as the command
            line's ``--langs`` takes (``"en,ru"``; an empty item is detected).
        glossary: a glossary file path (TSV or TBX) or a loaded
            :class:`~aligntext.check.Glossary` (a dict of terms is refused: it does not say
            which language each term is in).
        strict: raise :class:`~aligntext.errors.LanguageMismatchError` when a text is not in
            the language it is said to be in, instead of warning.
        input_format: ``txt``, ``md``, ``docx`` or ``html`` to read every path so; ``None``
            reads each by its suffix (by its content when the suffix is unknown).
        translators: builds an MT translator for a pair of languages (``factory(src,
            tgt)``, such as :func:`~aligntext.translate.load_translator` with a model); the
            checker then asks it how the pivot's capitalised words translate, so a word
            translated rather than spelt is no name gone.

    Returns:
        The :class:`Report`: versions, pairwise alignments and findings, the multi-way rows
        and the cross-version findings.

    Raises:
        InputError: fewer than two versions, an unreadable or empty version, an unknown
            language, or a ``langs`` list of the wrong length.
        InputTypeError: one path where a list is expected, or a glossary or
            ``translators`` of the wrong kind.
    """
    from aligntext.align import align_multi
    from aligntext.check import check_alignment
    from aligntext.check.memo import text_memo

    items = as_items(paths_or_documents, "paths_or_documents", "paths or Documents")
    if isinstance(langs, str):
        langs = [code.strip() or None for code in langs.split(",")]
    elif langs is not None:
        langs = as_items(langs, "langs", "language codes")
    _check_translators(translators)
    if len(items) < 2:
        raise InputError(
            f"compare needs at least two versions, got {len(items)}; "
            "pass the files of two or more language versions"
        )
    if langs is not None and len(langs) != len(items):
        raise InputError(
            f"{len(langs)} language(s) given ({', '.join(str(x) for x in langs)}) for "
            f"{len(items)} versions; give one language per version, in the same order"
        )
    gloss = _load_glossary(glossary)
    warnings: list[str] = []
    versions = []
    for i, item in enumerate(items):
        claimed = langs[i] if langs is not None else None
        versions.append(_make_version(item, claimed, strict, warnings, input_format))

    given = [langs is not None and langs[i] is not None for i in range(len(items))]
    for lang in dict.fromkeys(v.lang for v in versions):
        same = [i for i, v in enumerate(versions) if v.lang == lang]
        if len(same) > 1:
            names = [versions[i].name for i in same]
            # Advice to give the languages is no help to whoever gave them all.
            hint = (
                ""
                if all(given[i] for i in same)
                else "; if one is in another language, give --langs"
            )
            warnings.append(
                f"{', '.join(names[:-1])} and {names[-1]} are "
                f"{'both' if len(same) == 2 else 'all'} {lang}: the findings name them by "
                f"file{hint}"
            )
    pivot = versions[0]
    # Each text's facts are read once: the pivot's sentences are checked against every other
    # version, and the aligner and the cross-version step read some of them again.
    with text_memo():
        multi = align_multi([(v.lang, v.segments) for v in versions], pivot=0)
        alignments = list(multi.alignments)
        findings = [
            tuple(
                _sorted_findings(check_alignment(a, gloss, translator=_translator(translators, a)))
            )
            for a in alignments
        ]
        for other, alignment in zip(versions[1:], alignments, strict=True):
            warnings.extend(f"{pivot.name} / {other.name}: {w}" for w in alignment.warnings)
        rows = multi.rows
        bead_rows = rows_of_beads(rows, alignments)
        cross: tuple[Finding, ...] = ()
        if len(versions) >= 3:
            cross = tuple(cross_version_findings(versions, alignments, findings, bead_rows))

    return Report(
        versions=tuple(versions),
        alignments=tuple(alignments),
        findings=tuple(findings),
        cross_findings=cross,
        signature=_signature(versions, alignments, glossary, translators is not None),
        rows=rows,
        warnings=tuple(warnings),
        bead_rows=bead_rows,
    )


def _make_version(
    item: str | os.PathLike[str] | Document,
    claimed: str | None,
    strict: bool,
    warnings: list[str],
    input_format: str | None = None,
) -> Version:
    """Read (if needed), identify the language of and segment one version."""
    from aligntext.pipeline.versions import load_version

    if isinstance(item, Document):
        doc = item
    else:
        from aligntext.io.documents import read_document

        doc = read_document(os.fspath(item), fmt=input_format)
    name = _version_name(doc)
    if not doc.text.strip():
        raise InputError(f"{name} has no text; give a file with the statement's text")
    from aligntext.io.encoding import invisible_characters

    hidden = invisible_characters(doc.text)
    if hidden:
        codes = ", ".join(f"U+{ord(c):04X}" for c in hidden)
        warnings.append(
            f"{name} contains invisible control characters ({codes}) that can make text "
            "display in another order than it reads; the report shows them as \u27e8U+XXXX\u27e9"
        )
    # A language the document declares (an HTML lang attribute) counts as given.
    loaded = load_version(doc, claimed or doc.lang or None, strict=strict, name=name)
    warnings.extend(loaded.warnings)
    if not loaded.segments:
        raise InputError(f"{name} has no sentences; give a file with the statement's text")
    return loaded.version()


def _version_name(doc: Document) -> str:
    return display_name(doc.path) if doc.path else "<text>"


def _load_glossary(glossary: Any) -> Any:
    from aligntext.check.glossary import Glossary, load_glossary

    if isinstance(glossary, (str, os.PathLike)):
        return load_glossary(os.fspath(glossary))
    if glossary is not None:
        # A dict of terms says neither which language each is in nor which forms it takes.
        require(glossary, Glossary, "glossary", "give a TSV or TBX file or a loaded Glossary")
    return glossary


def _check_translators(factory: Any) -> None:
    """Refuse a ``translators`` that cannot be called as ``factory(src, tgt)``."""
    shape = "factory(src, tgt) returning a translator"
    require_callable(factory, "translators", shape, optional=True)


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.pair, -severity_rank(f.severity)))


def _translator(factory: TranslatorFactory | None, alignment: Alignment) -> Translator | None:
    """The checker's translator for an alignment's pair of languages, if one is asked for."""
    if factory is None:
        return None
    return factory(resolve_lang(alignment.src_lang), resolve_lang(alignment.tgt_lang))


def _signature(
    versions: Sequence[Version], alignments: Sequence[Alignment], glossary: Any, mt: bool
) -> Signature:
    fields: dict[str, str] = {
        "langs": ",".join(v.lang for v in versions),
        "pivot": versions[0].lang,
    }
    if alignments:
        for key, value in alignments[0].signature.fields:
            fields.setdefault(key, value)
    fields["glossary"] = (
        os.path.basename(os.fspath(glossary))
        if isinstance(glossary, (str, os.PathLike))
        else ("yes" if glossary is not None else "no")
    )
    fields["check-mt"] = "yes" if mt else "no"
    fields["aligntext"] = __version__
    return Signature(tuple(fields.items()))


# --- multi-way rows --------------------------------------------------------------------


# --- cross-version findings ------------------------------------------------------------


# --- bitext check -----------------------------------------------------------------------


def check_bitext_file(
    path: str | os.PathLike[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    glossary: Any = None,
    *,
    fmt: str | None = None,
    translators: TranslatorFactory | None = None,
) -> BitextCheck:
    """Run the mismatch checker over an aligned bitext file (TSV, TMX, XLIFF 1.2/2.x, PO).

    Args:
        path: the bitext file.
        src_lang: the source language; taken from the file (TMX, XLIFF) or detected if
            ``None``.
        tgt_lang: the target language, likewise.
        glossary: a glossary file path (TSV or TBX) or a loaded
            :class:`~aligntext.check.Glossary`.
        fmt: the bitext format when the extension does not tell it.
        translators: builds an MT translator for the pair of languages, for the name checks
            (see :func:`compare_versions`).

    Returns:
        A :class:`BitextCheck` of the sentence pairs (a TSV's header and blank lines left
        out) whose findings' ``pair`` is the 0-based index into its pairs; ``rows`` (and
        :meth:`BitextCheck.row`) gives each pair's line of a TSV or translation unit of the
        other formats.

    Raises:
        InputError: an unreadable or empty file, or a language that cannot be decided
            (undeclared sides too short to tell that read as one language).
    """
    from aligntext.check import check_pairs
    from aligntext.io.bitext import count_pairs, read_bitext

    require(path, (str, os.PathLike), "path", "give the bitext file's path")
    _check_translators(translators)
    gloss = _load_glossary(glossary)
    bitext = read_bitext(os.fspath(path), fmt=fmt, src_lang=src_lang, tgt_lang=tgt_lang)
    # Pair i of the file's layout is row i + 1 (a TSV's header and blank lines are empty
    # pairs); checked so, then the empty ones are left out of the result.
    pairs = tuple(_pair_texts(p) for p in bitext.pairs)
    name = display_name(path)
    # A TSV of its header alone (an empty export) holds nothing to check, as an empty file.
    if not count_pairs(pairs):
        raise InputError(f"{name} holds no sentence pairs; give a non-empty bitext")
    declared_src, declared_tgt = bitext.src_lang, bitext.tgt_lang
    src_texts, tgt_texts = [s for s, _ in pairs], [t for _, t in pairs]
    src = _bitext_lang(src_lang, declared_src, src_texts, name, "source")
    tgt = _bitext_lang(tgt_lang, declared_tgt, tgt_texts, name, "target")
    detected = [
        (side, code, texts)
        for side, code, texts, known in (
            ("source", src, src_texts, src_lang or declared_src),
            ("target", tgt, tgt_texts, tgt_lang or declared_tgt),
        )
        if not known
    ]
    warnings = _short_sides(name, detected, src == tgt)
    warnings += [
        f"{name} declares {side} language {declared!r}, but it was checked as {code}, as asked"
        for side, declared, code in (("source", declared_src, src), ("target", declared_tgt, tgt))
        if declared and _lang_or_none(declared) != code
    ]
    if bitext.left_out and not (src_lang and tgt_lang):
        # A language not checked must not pass silently unless both sides were picked.
        warnings.append(
            f"{name} holds {len(bitext.left_out) + 2} languages; checked {src}-{tgt}, left out "
            f"{', '.join(bitext.left_out)}; pick another pair with --src/--tgt"
        )
    for given, code, side, texts in (
        (src_lang, src, "source", [s for s, _ in pairs]),
        (tgt_lang, tgt, "target", [t for _, t in pairs]),
    ):
        if given:
            # As compare does: a side that is not in the language given would be read by the
            # wrong rules (a swapped --src/--tgt, the wrong columns) and its errors lost.
            from aligntext.langid import verify_language

            problem = verify_language(_sample(texts), code, name=f"{name} ({side} side)")
            if problem:
                warnings.append(problem)
    translator = translators(src, tgt) if translators is not None else None
    found = check_pairs(pairs, src, tgt, gloss, translator=translator)
    signature = Signature(
        (
            ("langs", f"{src}-{tgt}"),
            ("pairs", str(count_pairs(pairs))),
            ("glossary", "no" if glossary is None else "yes"),
            ("check-mt", "no" if translator is None else "yes"),
            ("aligntext", __version__),
        )
    )
    kept = [i for i, (s, t) in enumerate(pairs) if s.strip() or t.strip()]
    index = {row: k for k, row in enumerate(kept)}
    return BitextCheck(
        path=os.fspath(path),
        pairs=tuple(pairs[i] for i in kept),
        src_lang=src,
        tgt_lang=tgt,
        findings=tuple(renumber(f, index) for f in _sorted_findings(found)),
        signature=signature,
        warnings=tuple(warnings),
        rows=tuple(i + 1 for i in kept),
    )


def bitext_report(check: BitextCheck) -> Report:
    """A bitext check as a two-version :class:`Report`, for the side-by-side HTML page.

    Laid out by row (:meth:`BitextCheck.by_row`): row *i + 1* of the file is segment *i* of
    each version (its paragraph too) and bead and row *i*, so a finding's ``pair`` and its
    spans' ``segment`` land in row *i*, shown as row ``i + 1`` as the text output numbers
    it. An empty side is left out of its bead (the page says the unit has nothing there),
    and a row empty on both sides (a TSV's header or blank line) is an empty row the page
    does not show.
    """
    name = display_name(check.path)
    laid, findings = check.by_row()
    sides = []
    for k, lang in enumerate((check.src_lang, check.tgt_lang)):
        segments = tuple(Segment(p[k], i, paragraph=i, end=len(p[k])) for i, p in enumerate(laid))
        sides.append(Version(lang=lang, segments=segments, name=name))
    src, tgt = sides
    beads = tuple(
        Bead((i,) if s.strip() else (), (i,) if t.strip() else ()) for i, (s, t) in enumerate(laid)
    )
    alignment = Alignment(
        beads,
        src.segments,
        tgt.segments,
        src_lang=check.src_lang,
        tgt_lang=check.tgt_lang,
        signature=check.signature,
    )
    rows = tuple((b.src, b.tgt) for b in beads)
    return Report(
        versions=(src, tgt),
        alignments=(alignment,),
        findings=(findings,),
        signature=check.signature,
        rows=rows,
        warnings=check.warnings,
        bead_rows=rows_of_beads(rows, (alignment,)),
    )


def _pair_texts(pair: Any) -> tuple[str, str]:
    if isinstance(pair, (tuple, list)):
        return str(pair[0]), str(pair[1])
    for src_attr, tgt_attr in (("src", "tgt"), ("source", "target")):
        if hasattr(pair, src_attr) and hasattr(pair, tgt_attr):
            return str(getattr(pair, src_attr)), str(getattr(pair, tgt_attr))
    raise TypeError(f"cannot read a sentence pair from {pair!r}")


def _sample(texts: list[str]) -> str:
    """One side's text to tell its language by: its non-empty lines, at most 20,000 characters."""
    return "\n".join(t for t in texts if t.strip())[:20000]


def _lang_or_none(code: str) -> str | None:
    """aligntext's code for ``code``, ``None`` when it names no supported language."""
    try:
        return resolve_lang(code)
    except InputError:
        return None


def _short_sides(name: str, detected: list[tuple[str, str, list[str]]], same: bool) -> list[str]:
    """Warnings for the detected sides (``(side, code, texts)``) too short to tell.

    Short text in none of the four still gets one of them (a German "Das ist gut." reads as
    English), so a short bitext in another language looked like an English-English one with
    no findings. When both sides come out the same language that is almost surely what
    happened: refused. Otherwise the languages are likely right, but only likely: one
    warning says so.

    Raises:
        InputError: a detected side is short and both sides are in one language.
    """
    from aligntext.langid import too_short_to_tell

    short = [(side, code) for side, code, texts in detected if too_short_to_tell(_sample(texts))]
    if not short:
        return []
    if len(short) == 2:
        what = "both sides are" if same else "its source and target are"
    else:
        what = f"its {short[0][0]} side is"
    if same:
        raise InputError(
            f"{name}: {what} too short to tell the language, and both read as {short[0][1]}; "
            "give the languages with --src and --tgt"
        )
    return [
        f"{name}: {what} too short to tell the language for sure; checked as "
        f"{' and '.join(f'{side} {code}' for side, code in short)}, give --src/--tgt to be sure"
    ]


def _bitext_lang(
    given: str | None, in_file: str | None, texts: list[str], name: str, side: str
) -> str:
    """The language of one side: the one asked for, else the one the file declares (which
    must be supported: checking German as whatever langid guesses finds nothing), else the
    one detected."""
    if given:
        return resolve_lang(given)
    if in_file:
        # The readers give None for "*all*", "und" and the like, so this is a real language.
        code = _lang_or_none(in_file)
        if code is None:
            raise InputError(
                f"{side} language {in_file!r} (declared in {name}) is not supported; use one "
                f"of {', '.join(CODES)}"
            )
        return code
    from aligntext.langid import detect_language

    sample = _sample(texts)
    if not sample:
        raise InputError(f"{name}: one side has no text; give a bitext with both sides filled")
    try:
        lang = detect_language(sample)
    except InputError as exc:
        # "the text is in none of en, az, ru, tr": say which file and which side.
        raise type(exc)(f"{name} ({side} side): {exc}") from None
    get_language(lang)
    return lang
