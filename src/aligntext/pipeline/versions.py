"""One way to load a language version: read the file, identify or verify its language, segment it.

Every command that reads a statement (``segment``, ``align``, ``compare``, ``evaluate``'s
document mode, the ``translate`` job) goes through :func:`load_version`, so a file is read,
its language checked and its sentences split the same way everywhere. What differs between
the callers (what a file is called in messages, whether a mismatched language is fatal,
whether sentences are needed at all) is a parameter, not a copy of the code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from aligntext.errors import InputError, UnsupportedLanguageError
from aligntext.types import Document, Segment, Version

#: How a version is read: a document to segment (``doc``: its format from its name or
#: content; or one named format), or one segment per line (``lines``).
INPUT_FORMATS: tuple[str, ...] = ("doc", "lines", "txt", "md", "docx", "html")

Source = str | os.PathLike[str] | Document


@dataclass(frozen=True)
class LoadedVersion:
    """A version read, its language known and (unless asked not to) segmented.

    Args:
        lang: the language code, given (and verified) or detected.
        segments: the sentences (or lines, in ``lines`` mode), indexed from 0.
        document: the document read; ``None`` in ``lines`` mode.
        name: what the version is called in messages.
        warnings: things the user should know (a language that looks wrong ...).
    """

    lang: str
    segments: tuple[Segment, ...]
    document: Document | None
    name: str
    warnings: tuple[str, ...] = ()

    @property
    def offsets(self) -> tuple[tuple[int, int, int], ...]:
        """Per segment, ``(paragraph, start, end)``: where it lies in the document."""
        return tuple((s.paragraph, s.start, s.end) for s in self.segments)

    def version(self, name: str | None = None) -> Version:
        """The :class:`~aligntext.types.Version` a comparison holds."""
        return Version(
            lang=self.lang,
            segments=self.segments,
            document=self.document,
            name=self.name if name is None else name,
        )


def load_version(
    source: Source,
    lang: str | None = None,
    *,
    input_format: str | None = "doc",
    strict: bool = False,
    name: str | None = None,
    verify: bool = True,
    segment: bool = True,
    max_bytes: int | None = None,
    detect: Callable[[Document], str] | None = None,
) -> LoadedVersion:
    """Read one version, identify (or verify) its language and split it into sentences.

    Args:
        source: a file path, or a :class:`~aligntext.types.Document` already read (stdin,
            a caller that inspected the document first).
        lang: the language; detected from the text when ``None``, verified otherwise.
        input_format: ``doc`` or ``None`` (the format from the name or content), ``txt``,
            ``md``, ``docx``, ``html`` (that format whatever the name) or ``lines`` (one
            segment per line, empty lines skipped).
        strict: raise :class:`~aligntext.errors.LanguageMismatchError` when the text is
            clearly not in ``lang`` instead of returning a warning.
        name: what to call the version in messages (default: the path in quotes).
        verify: check a given ``lang`` against the text, or a detected one for paragraphs
            in another language (off where the language was just detected from a sibling
            version).
        segment: split into sentences (off for the translate job, which splits paragraph
            by paragraph to put the translation back around the sentences).
        max_bytes: the cap on what the file may hold (default: the run's input limit).
        detect: how to find the language when ``lang`` is ``None`` (default:
            :func:`aligntext.langid.detect_language` on the whole text).

    Raises:
        InputError: an unreadable file, an unknown format or language, or a text in no
            supported language.
    """
    from aligntext.langid import (
        detect_language,
        is_a_guess,
        mixed_languages,
        verify_language,
    )
    from aligntext.langs import LANGUAGES, resolve_lang

    fmt = "doc" if input_format is None else input_format
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of {', '.join(INPUT_FORMATS)}")
    if name is not None:
        label = name
    else:
        label = "" if isinstance(source, Document) else f"'{os.fspath(source)}'"
    lines: list[str] = []
    doc: Document | None = None
    if isinstance(source, Document):
        doc = source
        text = doc.text
    elif fmt == "lines":
        from aligntext.io.lines import read_lines

        lines = read_lines(source)
        text = "\n".join(lines)
    else:
        from aligntext.io.documents import read_document

        doc = read_document(
            os.fspath(source), fmt=None if fmt == "doc" else fmt, max_bytes=max_bytes
        )
        text = doc.text
    warnings: list[str] = []
    if lang is None:
        try:
            code = detect(doc) if detect is not None and doc is not None else detect_language(text)
        except UnsupportedLanguageError as exc:
            # Among several versions the user must know which one is in another language.
            if not label:
                raise
            raise UnsupportedLanguageError(f"{label}: {exc}") from None
        if is_a_guess(text):
            # A few words get one of the four languages whatever they are in: a guess that
            # an output (a TSV header, a TMX) would otherwise carry on as a fact.
            warnings.append(
                f"{label or 'the text'} is too short to tell its language for sure: read as "
                f"{LANGUAGES[code].name} ({code}); give its language to be sure"
            )
        if verify:
            # A language given is checked for paragraphs in another (verify_language); one
            # detected must be too, or a file half in each language passes in silence.
            mixed = mixed_languages(text, code)
            if mixed:
                warnings.append(
                    f"{label or 'the text'} {mixed}; it was read as "
                    f"{LANGUAGES[code].name} ({code}) throughout"
                )
    else:
        code = resolve_lang(lang)
        if verify:
            problem = verify_language(text, code, strict, name=label or None)
            if problem:
                warnings.append(problem)
    segments: tuple[Segment, ...] = ()
    if doc is None:
        segments = tuple(Segment(text=line, index=k) for k, line in enumerate(lines))
    elif segment:
        from aligntext.segment import segment_document

        segments = tuple(segment_document(doc, code))
    return LoadedVersion(code, segments, doc, label, tuple(warnings))
