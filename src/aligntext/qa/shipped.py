"""Tables the MT QA checks ship in ``aligntext/data``, each parsed once on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import resources
from typing import Generic, TypeVar

T = TypeVar("T")


class Shipped(Generic[T]):
    """A data file of the package, read and parsed by ``parse`` the first time :meth:`get` is
    called, under a lock (``translate --check`` checks sentences from several threads).

    Args:
        name: the file name under ``aligntext/data``.
        parse: turns the file's text into the table.
    """

    def __init__(self, name: str, parse: Callable[[str], T]) -> None:
        self._name, self._parse = name, parse
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        """The parsed table."""
        if self._value is None:
            with self._lock:
                if self._value is None:
                    path = resources.files("aligntext").joinpath(f"data/{self._name}")
                    self._value = self._parse(path.read_text("utf-8"))
        return self._value
