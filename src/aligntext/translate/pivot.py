"""Pivot translation: two translators chained through a third language.

A wrapper, not a special case inside a backend (argos-translate's ``CompositeTranslation``):
any two translators with a matching middle language compose, and the signature says
``pivot:en``.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligntext.errors import InputError
from aligntext.translate.base import ProgressCallback, Translator

#: Sentences per chunk: the two legs alternate chunk by chunk, so progress moves steadily and
#: the first leg's output is never held for a whole folder.
CHUNK = 256


class PivotTranslator:
    """Translate ``src -> pivot -> tgt`` with two translators.

    Args:
        first: translates from the source into the pivot language.
        second: translates from the pivot language into the target.
        chunk: sentences per chunk (each chunk goes through both legs before the next).

    Raises:
        InputError: the first leg's target is not the second leg's source.
    """

    def __init__(self, first: Translator, second: Translator, *, chunk: int = CHUNK) -> None:
        if first.tgt_lang != second.src_lang:
            raise InputError(
                f"cannot chain {first.src_lang}-{first.tgt_lang} with "
                f"{second.src_lang}-{second.tgt_lang}; the middle languages differ"
            )
        self.first = first
        self.second = second
        self.src_lang = first.src_lang
        self.tgt_lang = second.tgt_lang
        self.pivot = first.tgt_lang
        self.chunk = max(1, chunk)

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate through the pivot; same length and order as ``sentences``."""
        results: list[str] = []
        for start in range(0, len(sentences), self.chunk):
            part = sentences[start : start + self.chunk]
            middle = self.first.translate(part)
            results.extend(self.second.translate(middle))
            if progress:
                progress(len(part))
        return results

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """The legs' fields merged (``model:A+B`` where they differ) plus ``pivot:en``."""
        first = dict(self.first.signature_fields())
        second = dict(self.second.signature_fields())
        fields: list[tuple[str, str]] = []
        for key in dict.fromkeys([*first, *second]):
            a, b = first.get(key, "-"), second.get(key, "-")
            fields.append((key, a if a == b else f"{a}+{b}"))
        fields.append(("pivot", self.pivot))
        return tuple(fields)

    def __repr__(self) -> str:
        return f"PivotTranslator({self.first!r}, {self.second!r})"
