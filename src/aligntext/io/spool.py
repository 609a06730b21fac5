"""Inputs that can be read only once (stdin, a pipe, a FIFO), copied to a file first.

The readers open a file more than once: to sniff its format from its first bytes, then to
read it (and an HTML page a third time for its declared charset). On a pipe such as
``<(cat a.txt)`` the sniffing consumes what the reading needs, and the file then looks
empty. So the bytes are read once, at most the input cap, into a private temporary file
that carries the input's name (its suffix still says the format), and errors name the
input, not the copy.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from aligntext.errors import InputError

T = TypeVar("T")


def is_stream(path: str | Path) -> bool:
    """Whether ``path`` exists but is no regular file or folder (a pipe, a FIFO, a device)."""
    p = Path(path)
    return p.exists() and not p.is_file() and not p.is_dir()


def read_stdin_bytes() -> bytes:
    """Standard input's bytes, refused past the ``--max-input-mb`` limit."""

    from aligntext.io.encoding import max_input_bytes, over_limit

    limit = max_input_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise over_limit("stdin", None, limit)  # read up to the cap: its size is unknown
    return data


def display_name(path: str | os.PathLike[str]) -> str:
    """What an input is called in messages and reports: its file name, or its whole path
    where the name says nothing (``/dev/fd/63`` from a shell's ``<(...)``, ``/dev/stdin``)."""
    text = os.fspath(path)
    if text.startswith(("/dev/", "/proc/")):
        return text
    return os.path.basename(text) or text


def read_spooled(data: bytes, name: str, read: Callable[[Path], T]) -> T:
    """``read`` of a temporary file holding ``data`` and named as ``name``'s last part;
    an :class:`InputError` it raises names ``name`` instead of the copy."""
    with tempfile.TemporaryDirectory(prefix="aligntext-") as tmp:
        copy = Path(tmp) / (Path(name).name or "input")
        copy.write_bytes(data)
        try:
            return read(copy)
        except InputError as exc:
            raise type(exc)(str(exc).replace(str(copy), name)) from None


@contextlib.contextmanager
def stdin_as_file(paths: Sequence[str], name: str = "stdin") -> Iterator[list[str]]:
    """``paths`` with ``-`` replaced by a temporary file holding standard input, named
    ``name`` (so reports call it so); an :class:`InputError` raised inside names ``name``
    instead of the copy. For commands whose readers take paths (bitexts, line files).

    Raises:
        InputError: ``-`` given more than once, or stdin over the input cap.
    """
    if "-" not in paths:
        yield list(paths)
        return
    if list(paths).count("-") > 1:
        raise InputError(
            "'-' (standard input) can be only one of the inputs; give the others as files"
        )
    data = read_stdin_bytes()
    with tempfile.TemporaryDirectory(prefix="aligntext-") as tmp:
        copy = Path(tmp) / name
        copy.write_bytes(data)
        try:
            yield [str(copy) if p == "-" else p for p in paths]
        except InputError as exc:
            raise type(exc)(str(exc).replace(str(copy), name)) from None
