"""Read and write documents: plain text, Markdown, Word (.docx) and HTML.

:func:`read_document` picks the reader from the file suffix (or ``fmt``) and returns a
:class:`~aligntext.types.Document` whose paragraphs carry a ``kind`` and a ``locator``;
:func:`write_document` writes a translation back in the same structure:

- ``txt`` / ``md``: the original separators, blank lines, Markdown prefixes and code blocks
  are reproduced exactly; each paragraph's text is replaced (a hard-wrapped paragraph is
  written on one line).
- ``docx``: the ORIGINAL file at ``doc.path`` is opened and its paragraph texts replaced, so
  styles, numbering, tables, headers and footers are kept.
- ``html``: the ORIGINAL page at ``doc.path`` is re-read and the text of each extracted
  element replaced in it (menus, scripts and layout kept; charset set to UTF-8).

Output is always UTF-8 and written atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from aligntext.arguments import require, require_count
from aligntext.errors import InputError
from aligntext.io.atomic import atomic_write_bytes, atomic_write_text
from aligntext.io.encoding import read_text
from aligntext.types import Document

#: File suffixes :func:`read_document` understands, and the format each maps to.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

#: The format names accepted by ``fmt``.
FORMATS: tuple[str, ...] = ("txt", "md", "docx", "html")


def _resolve_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    from aligntext.langs import resolve_lang

    return resolve_lang(lang)


#: How binary files that people mistake for documents begin, and what to call them.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx under another name? pass --input-format docx)"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _refuse_binary(path: str | os.PathLike[str], head: bytes) -> None:
    """Refuse a file whose first bytes are those of a binary format (a PDF, an archive)."""
    for magic, what in _BINARY_SIGNATURES:
        if head.startswith(magic):
            raise InputError(
                f"'{path}' is {what}, not a text document; aligntext reads .txt, .md, .docx "
                "and .html documents and text under any other name"
            )


def sniff_format(path: str | os.PathLike[str]) -> str:
    """The document format of a file whose name does not say it, from its first bytes.

    Corpora name files by language (``news.en``, ``newstest.ru``), so a name aligntext does
    not know is read as plain text, or as HTML when it starts like a page.

    Raises:
        InputError: the file starts like a binary format (PDF, an image, an archive) or holds
            NUL bytes outside UTF-16 text.
    """
    with open(path, "rb") as fh:
        head = fh.read(4096)
    _refuse_binary(path, head)
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        # UTF-16 without a byte order mark is left to the decoder, which recognises it.
        from aligntext.io.encoding import decode_bytes

        decode_bytes(head[: len(head) // 2 * 2], path)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The document format for ``path``: ``fmt`` when given, else from the suffix.

    A suffix aligntext does not know (``.en``, ``.ru``, none at all) is read by content
    (:func:`sniff_format`): text is a plain-text document. A file named as text (``.txt``,
    ``.md``, ``.html``) that starts like a PDF, an archive or an image is refused as under
    an unknown suffix.

    Raises:
        InputError: an unknown ``fmt``, a binary file without a known suffix, or a binary
            format under a text suffix.
    """
    if fmt is not None:
        name = fmt.lower().lstrip(".")
        name = SUPPORTED_SUFFIXES.get(f".{name}", name)
        if name not in FORMATS:
            raise InputError(f"unknown document format {fmt!r}; use one of {', '.join(FORMATS)}")
        return name
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return sniff_format(path)
    kind = SUPPORTED_SUFFIXES[suffix]
    if kind != "docx":
        # A PDF or a .docx renamed .txt would otherwise decode as a code page's mojibake.
        with open(path, "rb") as fh:
            _refuse_binary(path, fh.read(16))
    return kind


def read_document(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    encoding: str | None = None,
    lang: str | None = None,
    *,
    max_bytes: int | None = None,
) -> Document:
    """Read a .txt, .md, .docx or .html file into a :class:`Document`.

    Args:
        path: the file.
        fmt: ``txt``, ``md``, ``docx`` or ``html``; from the suffix when ``None``, and from
            the content when the suffix is none of those (text is read as ``txt``).
        encoding: overrides encoding detection for text formats.
        lang: the document's language code, stored on the document when given.
        max_bytes: the cap on the file (the unpacked XML of a .docx); default
            :func:`~aligntext.io.encoding.max_input_bytes`. Checked before parsing.

    Raises:
        InputError: missing / empty / binary / undecodable file, a file over the cap, a
            paragraph over :data:`~aligntext.io.encoding.MAX_LINE_CHARS`, or a document
            without text.
        InputTypeError: ``path`` is not a path.
        InputValueError: ``max_bytes`` below 1.
    """
    require(path, (str, os.PathLike), "path", "give the document's file path")
    if max_bytes is not None:
        require_count(max_bytes, "max_bytes", 1)
    p = Path(path)
    # A missing file or a folder is the more useful message than its suffix.
    if not p.exists():
        raise InputError(f"file '{path}' does not exist; check the path")
    if p.is_dir():
        raise InputError(f"'{path}' is a folder, not a file; give a file path")
    if not p.is_file():
        # A pipe (`<(cat a.txt)`), a FIFO, /dev/stdin: read once (aligntext.io.spool).
        from aligntext.io.encoding import read_bounded

        return read_document_bytes(
            read_bounded(p, max_bytes), str(path), fmt, encoding, lang, max_bytes=max_bytes
        )
    kind = format_of(path, fmt)
    code = _resolve_lang(lang)
    name = str(path)
    if kind == "docx":
        from aligntext.io.docx import read_docx

        return _check_paragraphs(read_docx(path, lang=code, max_bytes=max_bytes))
    if kind == "html":
        from aligntext.io.html import declared_charset, read_html_string

        # A minified page is one long line of markup: the limit is for its paragraphs.
        text, used = read_text(path, encoding=encoding, max_bytes=max_bytes, max_line_chars=None)
        if encoding is None and used not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
            # A legacy page usually says what it is; trust the declaration over our guess.
            with Path(path).open("rb") as fh:
                declared = declared_charset(fh.read(4096))
            if declared and declared not in ("utf-8", "utf8"):
                with contextlib.suppress(InputError):
                    text, used = read_text(
                        path, encoding=declared, max_bytes=max_bytes, max_line_chars=None
                    )
        return _check_paragraphs(read_html_string(text, path=name, encoding=used, lang=code))
    text, used = read_text(path, encoding=encoding, max_bytes=max_bytes)
    if kind == "md":
        from aligntext.io.markdown import read_markdown_string

        doc = read_markdown_string(text, path=name, encoding=used, lang=code)
    else:
        from aligntext.io.txt import read_txt_string

        doc = read_txt_string(text, path=name, encoding=used, lang=code)
    if not doc.paragraphs:
        raise InputError(f"file '{path}' has no text outside code and markup; nothing to read")
    return doc


def _check_paragraphs(doc: Document) -> Document:
    """Refuse a paragraph longer than the line limit of text files, after parsing."""
    from aligntext.io.encoding import MAX_LINE_CHARS, line_too_long

    for para in doc.paragraphs:
        if len(para.text) > MAX_LINE_CHARS:
            what = f"paragraph {para.index + 1} of '{doc.path}'"
            raise line_too_long(what, len(para.text), MAX_LINE_CHARS, advice="")
    return doc


def read_document_bytes(
    data: bytes,
    name: str,
    fmt: str | None = None,
    encoding: str | None = None,
    lang: str | None = None,
    *,
    max_bytes: int | None = None,
) -> Document:
    """A document from bytes already read (stdin, a pipe), read exactly as
    :func:`read_document` reads a file called ``name`` holding them: encoding detection,
    the format from ``fmt``, the name's suffix or the content, the same errors (naming
    ``name``).

    Raises:
        InputError: as :func:`read_document`.
    """
    from aligntext.io.spool import read_spooled

    doc = read_spooled(
        data, name, lambda copy: read_document(copy, fmt, encoding, lang, max_bytes=max_bytes)
    )
    return dataclasses.replace(doc, path=name)


def read_stdin(fmt: str | None = None, lang: str | None = None) -> Document:
    """The document on standard input, read as :func:`read_document` reads a file: its
    bytes (at most the input cap), their encoding detected, the format from ``fmt`` or the
    content.

    Raises:
        InputError: as :func:`read_document`, naming ``stdin``.
    """
    from aligntext.io.spool import read_stdin_bytes

    return read_document_bytes(read_stdin_bytes(), "stdin", fmt, lang=lang)


def document_from_text(text: str, lang: str | None = None) -> Document:
    """A :class:`Document` from text in memory, paragraphs split as for a .txt file.

    Raises:
        InputError: the text is empty or whitespace only.
    """
    import unicodedata

    from aligntext.io.txt import read_txt_string

    if not text or not text.strip():
        raise InputError("the text is empty; give some text")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return read_txt_string(text, lang=_resolve_lang(lang))


def _with_newlines(text: str, doc: Document) -> str:
    """``text`` (``\\n`` line ends, as documents are read) with the line ends of ``doc``'s
    original file: a Windows file gets ``\\r\\n`` back."""
    if not doc.path:
        return text
    try:
        with Path(doc.path).open("rb") as fh:
            head = fh.read(65536).decode((doc.encoding or "utf-8").split("+")[0], errors="ignore")
    except (OSError, LookupError):
        return text
    crlf = head.count("\r\n")
    if crlf and crlf * 2 >= head.count("\n"):
        return text.replace("\n", "\r\n")
    return text


def write_document(
    doc: Document,
    texts: Sequence[str],
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
) -> None:
    """Write ``doc`` with paragraph ``i``'s text replaced by ``texts[i]``, same format.

    Args:
        doc: a document from :func:`read_document` or :func:`document_from_text`.
        texts: one text per paragraph, in order.
        path: the output file (written atomically, UTF-8).
        lang: the language of ``texts``; sets ``<html lang>`` for HTML output.

    Raises:
        InputError: ``texts`` does not have one entry per paragraph, or a docx/html
            document's original file is missing or changed.
    """
    if len(texts) != len(doc.paragraphs):
        raise InputError(
            f"got {len(texts)} texts for a document of {len(doc.paragraphs)} paragraphs; "
            "give exactly one text per paragraph"
        )
    if Path(path).is_dir():
        raise InputError(f"'{path}' is a folder; give an output file path")
    if doc.format == "docx":
        from aligntext.io.docx import docx_bytes

        atomic_write_bytes(path, docx_bytes(doc, texts))
    elif doc.format == "html":
        from aligntext.io.html import render_html

        if not doc.path:
            raise InputError(
                "an HTML translation is written into a copy of the original page, but this "
                "document has no path; read it with read_document"
            )
        source, _ = read_text(doc.path, encoding=doc.encoding, max_line_chars=None)
        atomic_write_bytes(path, render_html(source, doc, texts, lang=_resolve_lang(lang)))
    elif doc.format == "md":
        from aligntext.io.markdown import render_markdown

        atomic_write_text(path, _with_newlines(render_markdown(doc, list(texts)), doc))
    elif doc.format == "txt":
        from aligntext.io.txt import render_spans

        atomic_write_text(path, _with_newlines(render_spans(doc, texts), doc))
    else:
        raise InputError(f"unknown document format {doc.format!r}; use one of {', '.join(FORMATS)}")
