"""Words that translate each other in news, learned from parallel text and shipped.

A text's own lexicon (:mod:`aligntext.check.text_lexicon`) links a capitalised word to its
translation only when the text says both often enough: a long bitext teaches it that
``Committee`` is ``комитет``, a press release of twenty sentences that names the committee
once does not, and the name looks gone. This table holds the same evidence gathered over
many texts: the pairs of word stems that share enough line-aligned sentence pairs of
professionally translated news (X-WMT and NTREX-128 development lines, the tuning part) with
a Dice coefficient of at least :data:`~aligntext.check.text_lexicon.MIN_DICE`, per pair of
languages, in ``aligntext/data/word_links.tsv`` (``scripts/learn_links.py`` rebuilds it).

A sentence pair's words are linked by it as by the text's lexicon (one to one, best first,
within :data:`~aligntext.check.text_lexicon.NEAR_BEST` of either word's best), so a word
links only to what it usually translates into. It can only explain a word: a swapped name is
not linked to the name put in its place, which is nothing's usual translation.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from aligntext.check.text_lexicon import link_one_to_one, stems

#: The data file, under ``aligntext/data``.
DATA_FILE = "word_links.tsv"

#: Per pair of languages (in sorted order), the Dice of each linked pair of stems.
Tables = dict[tuple[str, str], dict[tuple[str, str], float]]


def write_table(tables: Tables, note: str) -> str:
    """The TSV of ``tables``: ``# note`` lines, then ``lang_a-lang_b<TAB>stem_a<TAB>stem_b
    <TAB>dice`` rows, sorted (the same tables give the same file)."""
    lines = [f"# {line}" for line in note.splitlines()]
    for (la, lb), table in sorted(tables.items()):
        lines += [f"{la}-{lb}\t{a}\t{b}\t{d:.3f}" for (a, b), d in sorted(table.items())]
    return "\n".join(lines) + "\n"


def read_table(text: str) -> Tables:
    """Parse what :func:`write_table` writes."""
    out: Tables = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        langs, a, b, d = line.split("\t")
        la, lb = langs.split("-")
        out.setdefault((la, lb), {})[(a, b)] = float(d)
    return out


@cache
def _tables() -> Tables:
    path = resources.files("aligntext").joinpath(f"data/{DATA_FILE}")
    return read_table(path.read_text("utf-8")) if path.is_file() else {}


class WordLinks:
    """The shipped links of one direction, as a
    :class:`~aligntext.check.model_links.Lexicon`.

    Args:
        src_lang: the source language.
        tgt_lang: the target language.
        tables: the links to use (the shipped ones by default).
    """

    def __init__(self, src_lang: str, tgt_lang: str, tables: Tables | None = None) -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        tables = _tables() if tables is None else tables
        flip = src_lang > tgt_lang
        table = tables.get((tgt_lang, src_lang) if flip else (src_lang, tgt_lang), {})
        self._rows: dict[str, dict[str, float]] = {}
        self._best: dict[str, float] = {}
        for (a, b), d in table.items():
            s, t = (b, a) if flip else (a, b)
            self._rows.setdefault(s, {})[t] = d
            self._best[t] = max(self._best.get(t, 0.0), d)

    def links(self, src: str, tgt: str) -> dict[str, str]:
        """The source stems of ``src`` linked to target stems of ``tgt``."""
        if not self._rows:
            return {}
        return link_one_to_one(
            stems(src, self.src_lang),
            stems(tgt, self.tgt_lang),
            lambda s: self._rows.get(s, {}),
            lambda t: self._best.get(t, 0.0),
        )


@cache
def word_links(src_lang: str, tgt_lang: str) -> WordLinks:
    """The (shared) shipped :class:`WordLinks` of a direction."""
    return WordLinks(src_lang, tgt_lang)
