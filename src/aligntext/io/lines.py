"""Line-aligned files: one segment per line, as MT test sets and aligner outputs store them."""

from __future__ import annotations

import os

from aligntext.io.encoding import read_text


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
