"""Line-aligned files: one segment per line, as MT test sets and aligner outputs store them.

Two readers, named by their rule for empty lines: :func:`read_lines` skips them (the
aligner's input, where a blank line is layout), :func:`read_aligned_lines` keeps them (an
MT test set, where line *i* of the hypothesis answers line *i* of the reference, exactly as
the ``sacrebleu`` command line reads it).
"""

from __future__ import annotations

import os
from pathlib import Path

from aligntext.errors import InputError
from aligntext.io.encoding import decode_bytes, max_input_bytes, read_bounded, read_text

_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(path: Path, data: bytes) -> bytes:
    """The decompressed bytes of a gzip file (sacrebleu reads ``.gz`` test sets), refused
    when they exceed the input cap: a small archive can unpack to gigabytes."""
    import gzip
    import io
    import zlib

    limit = max_input_bytes()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
            out = archive.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"{str(path)!r} is not a valid gzip file ({exc}); give a plain or gzipped text file"
        ) from None
    if len(out) > limit:
        raise InputError(
            f"{str(path)!r} decompresses to more than {limit / 1048576:g} MiB, over the limit; "
            "split it, or raise the limit with --max-input-mb"
        )
    return out


def read_lines(path: str | os.PathLike[str], encoding: str | None = None) -> list[str]:
    """Read one segment per line; empty (or whitespace-only) lines are skipped.

    Segment ``i`` is the ``i``-th non-empty line (0-based), stripped of surrounding
    whitespace. Encoding detection and bad-input errors are those of
    :func:`aligntext.io.encoding.read_text`.

    Raises:
        InputError: a missing, empty, binary or undecodable file, or a huge line.
    """
    text, _ = read_text(path, encoding=encoding)
    return [line.strip() for line in text.split("\n") if line.strip()]


def read_aligned_lines(path: str | os.PathLike[str], *, blank_ok: bool = False) -> list[str]:
    """Read a line-aligned file exactly as the ``sacrebleu`` command line reads it.

    Lines are split on ``\\n`` only and trailing whitespace (including ``\\r``) is stripped
    from each. Two differences, both where sacrebleu's reading is a trap: a UTF-8
    byte-order mark is dropped (sacrebleu keeps it as part of the first word, which then
    matches nothing), and a file that is not UTF-8 (cp1251, koi8-r, cp1254, UTF-16), which
    sacrebleu would refuse, is decoded with aligntext's encoding detection instead (read
    like UTF-8: not NFC-normalised, a lone ``\\r`` kept inside its line). A gzip file is
    decompressed first, as sacrebleu does for ``.gz`` (the cap applies to the
    decompressed bytes).

    ``blank_ok`` takes a file of blank lines (a system that output nothing for every
    segment: it scores 0, as sacrebleu scores it); a file of no bytes at all is still empty.

    Raises:
        InputError: the file is missing, a folder, binary, undecodable, has no text (unless
            ``blank_ok``) or is over the input cap
            (:func:`aligntext.io.encoding.max_input_bytes`).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"file not found: {str(p)!r}; check the path")
    if p.is_dir():
        raise InputError(f"{str(p)!r} is a folder; give a file, or folders for both sides")
    data = read_bounded(p)  # the --max-input-mb cap, as every other reader
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(p, data)
    try:
        text = data.decode("utf-8")  # sacrebleu's own reading, so the scores are identical
    except UnicodeDecodeError:
        text = ""
    if data and (not text or "\x00" in text):
        # A legacy code page (cp1251, koi8-r, cp1254) or UTF-16, which sacrebleu cannot read
        # at all: decode it as every other aligntext reader does.
        try:
            text, _ = decode_bytes(data, p, raw=True)  # as sacrebleu reads UTF-8: no NFC
        except InputError as exc:
            if b"\x00" not in data[:8192]:
                raise
            raise InputError(
                f"{str(p)!r} is not a text file; for .docx and other documents use "
                "--input-format doc (input_format='doc')"
            ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip() and not (blank_ok and text):
        raise InputError(f"{str(p)!r} is empty; give a file with one segment per line")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line.rstrip() for line in lines]
