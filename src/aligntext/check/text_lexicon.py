"""Words that go together across the two versions of one text, learned from the text itself.

The name rules judge each sentence pair alone, so a word they cannot match is "gone" even when
the rest of the text shows plainly what the translator made of it: ``Judiciary`` is
``Məhkəmə`` in every sentence of the story, ``Северная`` is ``Kuzey``, ``Кавано`` is
``Kavanaugh'un``. Like the aligner's own lexicon, this one is learned from the text being
checked (no dictionary, nothing shipped): a word and its translation share sentence pairs far
more often than chance. In a sentence pair, words are linked
one to one, best first, by how often they share the *other* sentence pairs of the text
(competitive linking; see :meth:`TextLexicon.links`).

A swapped name is not hidden by this: the name put in is in that sentence pair only, and the
name taken out is not in the target at all. A name that is the same mistake in two sentences
and nowhere else right would be; precision comes first here (the finding stays, as ``info``).

Words are compared by their first :data:`STEM` letters in plain Latin, which folds most case
endings (``Məhkəməsi``, ``Məhkəmənin``). Memory is bounded: the text is learned in blocks of
:data:`BLOCK` consecutive pairs (a statement or an article fits in one), one held at a time
(:class:`BlockLexicons`).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from aligntext.check.name_model import plain_form

# MIN_PAIRS, MIN_DICE and NEAR_BEST were chosen on the tuning lines of scripts/bench_check.py
# (xwmt-dev, ntrex-dev 0-499): the fewest flagged genuine pairs for which swapped-name recall
# fell by no more than half a point. Looser settings (2 pairs, Dice 0.4, 0.8 of the best)
# flag fewer genuine pairs still but link too many words of a story that merely go together.

#: Other sentence pairs two words must share to link: counts of one or two are chance.
MIN_PAIRS = 4
#: Dice coefficient (2 * shared / (count a + count b)) a link needs at least.
MIN_DICE = 0.5
#: Letters of the plain Latin form that stand for a word.
STEM = 5
#: A link's Dice must be at least this share of the best Dice of either of its words.
NEAR_BEST = 0.9
#: Consecutive pairs learned together; bounds memory on a long bitext.
BLOCK = 500

_WORD = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """What stands for ``word`` here: its first :data:`STEM` letters in plain Latin (kept
    for the words seen last: a text repeats its words, and every pair's stems are read at
    least twice, to learn the lexicon and to link)."""
    return plain_form(word, lang)[:STEM]


def stems(text: str, lang: str) -> set[str]:
    """The word stems of ``text`` (its words of three letters or more, by :func:`stem`)."""
    return {s for _, s in stemmed_words(text, lang)}


def stemmed_words(text: str, lang: str) -> list[tuple[str, str]]:
    """``(word, stem)`` for the words of ``text`` whose stem has three letters or more."""
    return [(w, s) for m in _WORD.finditer(text) if len(s := stem(w := m.group(0), lang)) >= 3]


class TextLexicon:
    """How the words of one block of sentence pairs are translated (see the module docstring).

    Counts are kept and links worked out when asked, so a pair can be added or taken out
    (:meth:`add` with ``sign=-1``) and a changed pair checked against the rest of the text
    (:meth:`leaving_out`).

    Args:
        src_lang: the source language.
        tgt_lang: the target language.
    """

    def __init__(self, src_lang: str, tgt_lang: str) -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self._n: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        # Sentence pairs shared, by source stem and by target stem.
        self._shared: tuple[dict[str, Counter[str]], dict[str, Counter[str]]] = ({}, {})
        # Per word, the other side's words it shares at least MIN_PAIRS pairs with: the only
        # candidates for a link (taking one pair out never raises a count). Filled when asked,
        # dropped for the words of a pair added or taken out.
        self._strong: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})
        # Per (word, whether the left-out pair has it), the Dice of each strong partner with no
        # partner left out, best first: links() asks for the best Dice of many words per pair,
        # and only the few partners of the pair left out differ from it (see _row). Counts
        # changed by add() change every Dice, so it empties them all (in place: a view made by
        # leaving_out() shares them).
        self._ranked: tuple[dict[tuple[str, bool], list[tuple[float, str]]], ...] = ({}, {})
        # The pair left out of the counts by links(), when not the linked pair itself.
        self._left_out: tuple[frozenset[str], frozenset[str]] | None = None

    def leaving_out(self, src: str, tgt: str) -> TextLexicon:
        """A view of the same counts whose :meth:`links` leave out the pair ``(src, tgt)``
        instead of the pair being linked: a changed version of that pair is then checked
        as the one slip of the otherwise unchanged text (how ``scripts/bench_check.py``
        checks its perturbed lines) without counting the text again."""
        view = copy.copy(self)
        view._left_out = (
            frozenset(stems(src, self.src_lang)),
            frozenset(stems(tgt, self.tgt_lang)),
        )
        return view

    @classmethod
    def learn(cls, pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> TextLexicon:
        """Learn the partners of one block of ``(source, target)`` pairs."""
        lex = cls(src_lang, tgt_lang)
        for src, tgt in pairs:
            lex.add(src, tgt)
        return lex

    def add(self, src: str, tgt: str, sign: int = 1) -> None:
        """Count one more sentence pair (``sign=-1``: one fewer)."""
        s_all = stems(src, self.src_lang)
        t_all = stems(tgt, self.tgt_lang)
        # Every word with every word: a name's translation may be lowercase (Russian
        # "юридический"), and a word's best partner must be known to tell a translation from
        # a word that merely keeps company with it ("ago" goes with "назад", not with a name
        # of the story it was said in).
        for side, own, other in ((0, s_all, t_all), (1, t_all, s_all)):
            rows, strong = self._shared[side], self._strong[side]
            if sign > 0:
                self._n[side].update(own)
                for w in own:
                    rows.setdefault(w, Counter()).update(other)
            else:
                self._n[side].subtract(own)
                for w in own:
                    rows.setdefault(w, Counter()).subtract(other)
            # Only the rows of this side's words changed (the other side's are the loop's
            # other turn).
            for w in own:
                strong.pop(w, None)
        for ranked in self._ranked:
            ranked.clear()

    def _strong_of(self, side: int, word: str) -> tuple[str, ...]:
        """The other side's words ``word`` shares at least :data:`MIN_PAIRS` pairs with."""
        strong = self._strong[side].get(word)
        if strong is None:
            row: Counter[str] = self._shared[side].get(word, Counter())
            strong = tuple(o for o, c in row.items() if c >= MIN_PAIRS)
            self._strong[side][word] = strong
        return strong

    def _dice(
        self, side: int, word: str, own_out: frozenset[str], other_out: frozenset[str]
    ) -> dict[str, float]:
        """Dice coefficient of ``word`` (a stem of ``side``, 0 for the source) with each word
        of the other side it shares at least :data:`MIN_PAIRS` pairs with, the pair whose
        stems are ``own_out`` (this side) and ``other_out`` left out of the counts."""
        return self._exact(side, word, word in own_out, other_out, self._strong_of(side, word))

    def _exact(
        self, side: int, word: str, inside: bool, other_out: frozenset[str], among: Iterable[str]
    ) -> dict[str, float]:
        """:meth:`_dice` for the partners ``among`` only (``inside``: the pair left out has
        ``word``)."""
        row = self._shared[side].get(word)
        if row is None:
            return {}
        strong = among
        n_own = self._n[side][word] - inside
        n_other = self._n[1 - side]
        out: dict[str, float] = {}
        for o in strong:
            out_o = o in other_out
            c = row[o] - (inside and out_o)
            if c >= MIN_PAIRS:
                out[o] = 2 * c / (n_own + n_other[o] - out_o)
        return out

    def _row(
        self,
        side: int,
        word: str,
        own_out: frozenset[str],
        other_out: frozenset[str],
        wanted: frozenset[str],
    ) -> tuple[float, dict[str, float]]:
        """The best Dice of :meth:`_dice` (0 for none), and its Dice with the partners in
        ``wanted`` (where it has one).

        Worked out without the whole row: a partner outside ``other_out`` has the Dice it has
        with nothing left out (the same sum, the same float), read off the ranked row, whose
        first such partner is the best of them; the few partners in ``other_out`` are
        computed as :meth:`_dice` computes them.
        """
        strong = self._strong_of(side, word)
        if not strong:
            return 0.0, {}
        inside = word in own_out
        ranked = self._ranked[side].get((word, inside))
        if ranked is None:
            ranked = sorted(
                ((v, o) for o, v in self._exact(side, word, inside, frozenset(), strong).items()),
                reverse=True,
            )
            self._ranked[side][(word, inside)] = ranked
        # A strong partner is one with MIN_PAIRS shared pairs: asked of the row (a dict), not
        # looked for in the tuple, which holds thousands of words for a frequent one.
        row = self._shared[side][word]
        near = [o for o in other_out if row.get(o, 0) >= MIN_PAIRS]
        exact = self._exact(side, word, inside, other_out, near) if near else {}
        best = max(exact.values(), default=0.0)
        for value, o in ranked:
            if o not in other_out:
                best = max(best, value)
                break
        if not best:
            return 0.0, {}
        found: dict[str, float] = {}
        for o in wanted:
            if o in exact:
                found[o] = exact[o]
            elif o not in other_out and row.get(o, 0) >= MIN_PAIRS:
                # As _exact computes it for a partner the left-out pair does not have.
                found[o] = 2 * row[o] / (self._n[side][word] - inside + self._n[1 - side][o])
        return best, found

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """The words of a sentence pair linked one to one, as source stem -> target stem.

        Evidence comes from the *other* pairs of the text only (the pair, which must be one
        the lexicon was learned from, is left out of the counts): two words link when they
        share at least :data:`MIN_PAIRS` other pairs with a Dice coefficient of at least
        :data:`MIN_DICE` and within :data:`NEAR_BEST` of the best of either word (a name whose
        translation was swapped out does not link with some word of its story instead), best
        first, each word once (competitive linking, Melamed 2000).
        """
        s_set = frozenset(stems(src, self.src_lang))
        t_set = frozenset(stems(tgt, self.tgt_lang))
        s_out, t_out = self._left_out or (s_set, t_set)
        return _link(
            s_set,
            t_set,
            lambda s: self._row(0, s, s_out, t_out, t_set),
            lambda t: self._row(1, t, t_out, s_out, frozenset())[0],
        )

    def source_stems(self) -> list[str]:
        """The source stems counted in at least :data:`MIN_PAIRS` pairs, sorted."""
        return sorted(w for w, c in self._n[0].items() if c >= MIN_PAIRS)

    def dice(self, word: str) -> dict[str, float]:
        """Dice of the source stem ``word`` with each target stem it shares at least
        :data:`MIN_PAIRS` pairs with, over every pair counted."""
        return self._dice(0, word, frozenset(), frozenset())


def link_one_to_one(
    s_set: Iterable[str],
    t_set: Iterable[str],
    row: Callable[[str], dict[str, float]],
    best_of_target: Callable[[str], float],
) -> dict[str, str]:
    """The stems of a sentence pair linked one to one, best first, source stem -> target stem.

    ``row(s)`` gives the Dice of source stem ``s`` with target stems, ``best_of_target(t)``
    the best Dice of target stem ``t`` with any source stem. A link needs a Dice of at least
    :data:`MIN_DICE` and within :data:`NEAR_BEST` of the best of either word; each word links
    once (competitive linking, Melamed 2000).
    """

    def best_and_row(s: str) -> tuple[float, dict[str, float]]:
        dice = row(s)
        return max(dice.values(), default=0.0), dice

    return _link(s_set, t_set, best_and_row, best_of_target)


def _link(
    s_set: Iterable[str],
    t_set: Iterable[str],
    row: Callable[[str], tuple[float, dict[str, float]]],
    best_of_target: Callable[[str], float],
) -> dict[str, str]:
    """:func:`link_one_to_one`, with ``row(s)`` giving the best Dice of ``s`` and its Dice
    with (at least) the target stems of ``t_set`` it has one with (an empty row: none of them,
    so nothing to link)."""
    targets = frozenset(t_set)
    t_best: dict[str, float] = {}
    scored = []
    for s in sorted(s_set):
        best, dice = row(s)
        if not dice:
            continue
        floor = max(MIN_DICE, NEAR_BEST * best)
        for t in sorted(targets.intersection(dice)):
            d = dice[t]
            if d < floor:
                continue
            if t not in t_best:
                t_best[t] = best_of_target(t)
            if d >= NEAR_BEST * t_best[t]:
                scored.append((-d, s, t))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _, s, t in sorted(scored):
        if s not in out and t not in taken:
            out[s] = t
            taken.add(t)
    return out


class BlockLexicons:
    """The lexicon of the block of :data:`BLOCK` consecutive pairs each pair falls in, learned
    when first asked for; one block is held at a time, so memory stays bounded on a bitext of
    any length (ask in order of the pairs, or a block is learned again).

    Args:
        texts: the compared ``(source, target)`` of every pair, in order.
        src_lang: the source language.
        tgt_lang: the target language.
    """

    def __init__(self, texts: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str) -> None:
        self._texts, self._langs = texts, (src_lang, tgt_lang)
        self._block = -1
        self._lexicon: TextLexicon | None = None

    def for_pair(self, k: int) -> TextLexicon:
        """The lexicon learned from the block of pair ``k``."""
        block = k // BLOCK
        if self._lexicon is None or block != self._block:
            self._block = block
            self._lexicon = None  # the old block goes before the next is counted
            self._lexicon = TextLexicon.learn(
                self._texts[block * BLOCK : (block + 1) * BLOCK], *self._langs
            )
        return self._lexicon
