"""What an MT model makes of the source's capitalised words: the checker's bilingual signal
when the user has a model.

Without a model the name rules know a translated word only by spelling, by the built-in
concepts and by what the text itself repeats (:mod:`aligntext.check.text_lexicon`), so a
capitalised word that is translated once (``Judiciary`` / ``Məhkəmə``, ``Cologne`` /
``Кельн``) can look like a name gone. With a model (``check --mt-model``, ``compare
--mt-model``), every capitalised source word of a block of the text is translated on its own,
in one batch, and a word whose translation shares a stem with the target counts as found
there (and that target word as explained).

A swapped name stays a swap: the model's rendering of the name taken out is not in the
target, and the name put in is nothing's translation. The words are translated out of
context, so a word the model renders otherwise than the translator did is simply not linked
(the finding stays as it would without a model).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from aligntext.check.entities import capitalised_tokens
from aligntext.check.text_lexicon import BLOCK, stem, stems
from aligntext.errors import InputError

if TYPE_CHECKING:
    from aligntext.translate.base import Translator

#: Words of this many letters or more are translated (shorter ones are initials or noise).
MIN_LETTERS = 3


class Lexicon(Protocol):
    """Anything that links the words of a sentence pair (source stem -> target stem)."""

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """The source stems of ``src`` linked to target stems of ``tgt``."""
        ...


class ModelLinks:
    """The translations of the capitalised source words of a text by one MT model.

    The text is taken in blocks of :data:`~aligntext.check.text_lexicon.BLOCK` pairs, as
    the text's own lexicon is: the words of a block are translated in one batch when a pair
    of it is first asked about, and those of the block before are forgotten (memory stays
    bounded on a long text; ask in order of the pairs).

    Args:
        translator: a translator from ``src_lang`` into ``tgt_lang``.
        sources: the source text of every pair, in order.
        src_lang: the source language.
        tgt_lang: the target language.

    Raises:
        InputError: the translator is for another pair of languages.
    """

    def __init__(
        self, translator: Translator, sources: Sequence[str], src_lang: str, tgt_lang: str
    ) -> None:
        t_src, t_tgt = translator.src_lang, translator.tgt_lang
        if (t_src, t_tgt) != (src_lang, tgt_lang):
            raise InputError(
                f"the MT model translates {t_src}->{t_tgt} but the text is "
                f"{src_lang}->{tgt_lang}; give a {src_lang}->{tgt_lang} model"
            )
        self.translator, self.src_lang, self.tgt_lang = translator, src_lang, tgt_lang
        self._sources = sources
        self._block = -1
        self._stems: dict[str, frozenset[str]] = {}

    def for_pair(self, k: int) -> ModelLinks:
        """These links, with the words of pair ``k``'s block translated."""
        if k // BLOCK != self._block:
            self._block = k // BLOCK
            self._stems = {}
            self._learn(self._sources[self._block * BLOCK : (self._block + 1) * BLOCK])
        return self

    def _learn(self, sources: Iterable[str]) -> None:
        words = sorted(
            {
                m.group(0)
                for text in sources
                for m in capitalised_tokens(text)
                if len(m.group(0)) >= MIN_LETTERS
            }
        )
        out = self.translator.translate(words) if words else []
        self._stems = {
            w: frozenset(stems(t, self.tgt_lang)) for w, t in zip(words, out, strict=True)
        }

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """Source stems of ``src`` whose word the model translates into a stem of ``tgt``."""
        t_sorted = sorted(stems(tgt, self.tgt_lang))
        out: dict[str, str] = {}
        for m in capitalised_tokens(src):
            rendered = self._stems.get(m.group(0))
            if not rendered:
                continue
            hit = next((t for t in t_sorted if any(same_stem(t, x) for x in rendered)), None)
            if hit is not None:
                out.setdefault(stem(m.group(0), self.src_lang), hit)
        return out


def same_stem(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one (of four letters or more) begins the other (the
    model's ``Кельн`` and the target's ``Кельне``, cut to five letters: ``keln``, ``kelne``)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short == long_ or (len(short) >= 4 and long_.startswith(short))


class Lexicons:
    """Several lexicons asked in turn; the first to link a source stem wins."""

    def __init__(self, *parts: Lexicon) -> None:
        self.parts = parts

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """The union of the parts' links."""
        out: dict[str, str] = {}
        for part in self.parts:
            for s, t in part.links(src, tgt).items():
                out.setdefault(s, t)
        return out
