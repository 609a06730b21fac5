"""Inputs that can be read only once (stdin, a pipe, a FIFO), copied to a file first.

The readers open a file more than once: to sniff its format from its first bytes, then to
read it (and an HTML page a third time for its declared charset). On a pipe such as
``<(cat a.txt)`` the sniffing consumes what the reading needs, and the file then looks
empty. So the bytes are read once, at most the input cap, into a private temporary file
that carries the input's name (its suffix still says the format), and errors name the
input, not the copy.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from aligntext.errors import InputError

T = TypeVar("T")


def is_stream(path: str | Path) -> bool:
    """Whether ``path`` exists but is no regular file or folder (a pipe, a FIFO, a device)."""
    p = Path(path)
    return p.exists() and not p.is_file() and not p.is_dir()


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
