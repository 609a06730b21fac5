"""The :class:`Translator` protocol every backend and wrapper implements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

#: Called with the number of sentences just finished; drives the CLI's progress bar.
ProgressCallback = Callable[[int], None]


@runtime_checkable
class Translator(Protocol):
    """Translates sentences from one language into another.

    Backends (``hf``, ``ct2``) and wrappers (pivot, cache) share this shape, so a wrapper
    can hold any translator. Implementations load their model on first use, batch and sort
    by length internally under a token budget, and return outputs in input order.
    """

    src_lang: str
    tgt_lang: str

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate ``sentences``; the result has the same length and order."""
        ...

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """``(key, value)`` pairs for the run's signature: model id, revision, backend,
        beam, compute type, pivot chain ..."""
        ...
