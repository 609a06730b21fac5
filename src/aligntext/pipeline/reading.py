"""How the translate job reads one input: the document, its language, its paragraphs cut
into sentences, or why it cannot be translated (see :func:`load_file`)."""

from __future__ import annotations

from pathlib import Path

from aligntext.errors import AligntextError, InputError
from aligntext.langs import CODES
from aligntext.pipeline.plan import Paragraph, split_paragraph, verbatim_paragraph
from aligntext.types import Document

#: A file read, its language detected and its paragraphs split (or why it could not be):
#: ``(document, language, paragraphs, warning)``.
#: ``bytes``: a file with no text (empty, whitespace only), written out as it is.
Loaded = tuple[Document, str, list[Paragraph], str] | AligntextError | bytes

#: The largest file :func:`_blank_bytes` reads to see whether it holds only whitespace.
_BLANK_BYTES = 1 << 16


def _blank_bytes(source: Path) -> bytes | None:
    """The bytes of a file that holds no text (empty, or whitespace only), else ``None``."""
    try:
        if source.stat().st_size > _BLANK_BYTES:
            return None
        data = source.read_bytes()
    except OSError:
        return None
    for codec in ("utf-8-sig", "utf-16"):  # utf-16 needs its BOM: "\n\n" is no UTF-16
        if codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            if not data.decode(codec).strip():
                return data
        except UnicodeDecodeError:
            continue
    return None


def load_file(
    source: Path, src: str | None, input_format: str | None, max_bytes: int | None
) -> Loaded:
    """Read, detect (``src`` ``None``) and segment ``source``; see :data:`Loaded`."""
    from aligntext.pipeline.versions import load_version

    try:
        # Sentences are split paragraph by paragraph below, keeping what lies between
        # them, so that the translation can be put back in place.
        loaded = load_version(
            source,
            src or None,
            input_format=input_format,
            name=str(source),
            segment=False,
            max_bytes=max_bytes,
            detect=lambda doc: _detect(doc, source),
        )
    except AligntextError as exc:
        # An empty or whitespace-only file is a file with nothing to translate, not a
        # failure: a folder with a blank placeholder must still end with 0.
        blank = _blank_bytes(source)
        return blank if blank is not None else exc
    doc = loaded.document
    assert doc is not None  # a document format, never "lines"
    note = loaded.warnings[0] if loaded.warnings else ""
    # A verbatim paragraph (a code listing) is written back untouched: sending it to the
    # model would only waste its time (most of a run on a long listing).
    paras = [
        verbatim_paragraph(p.text) if p.verbatim else split_paragraph(p.text, loaded.lang)
        for p in doc.paragraphs
    ]
    return doc, loaded.lang, paras, note


def reread_failure(loaded: AligntextError | bytes, source: Path) -> str:
    """Why a file read at the scan could not be read again when its chunk came."""
    if isinstance(loaded, AligntextError):
        return str(loaded)
    return f"{str(source)!r} changed while the job ran: it has no text now"


def _detect(doc: Document, path: Path) -> str:
    """The language of a document whose source language was not given."""
    from aligntext.langid import detect_language

    if not doc.text.strip():
        raise InputError(f"{str(path)!r} has no text to translate")
    try:
        return detect_language(doc.text)
    except InputError as exc:
        # The file is named beside the message wherever it is shown.
        raise InputError(f"{exc}; pass --src if the file is in one of {', '.join(CODES)}") from exc
