#!/usr/bin/env python
"""Learn the checker's table of words that translate each other (aligntext/data/word_links.tsv).

Usage:
    python scripts/learn_links.py ../shared/data/xwmt-dev ../shared/data/ntrex-dev:0-499 \\
        -o src/aligntext/data/word_links.tsv

Each ``DATA`` is a folder of line-aligned files (``fourway.{en,az,ru,tr}``, and
``extra.{a}-{b}.{a}`` / ``.{b}`` when the whole folder is read), or ``folder:A-B`` for lines
A-B of its four-way files only. For each pair of languages the lines are counted as one text
by the text lexicon's own counts (:class:`aligntext.check.text_lexicon.TextLexicon`: word
stems, pairs shared, Dice), and every pair of stems that shares at least ``MIN_PAIRS`` lines
with a Dice coefficient of at least ``MIN_DICE`` is written, with its Dice: the same
evidence a text's own lexicon needs, gathered over many texts (``Committee`` /
``комитет``, ``Police`` / ``polis``), so a word a short statement translates once is
still known. The output depends only on the inputs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from aligntext.check.lexicon import is_listed_name, is_vocabulary
from aligntext.check.text_lexicon import MIN_DICE, TextLexicon, stemmed_words
from aligntext.check.word_links import write_table
from aligntext.qa.text import ends_sentence

# The data specs are read as the name matcher's learning script reads them.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_names import parse_spec

LANGS = ("az", "en", "ru", "tr")
#: Stories a link must be seen in: a word that goes with another in one story only is no
#: translation of it.
MIN_STORIES = 2


def _read(path: Path, lines: tuple[int, int] | None) -> list[str]:
    rows = path.read_text(encoding="utf-8").splitlines()
    return rows[lines[0] : lines[1] + 1] if lines else rows


def _documents(rows: list[str]) -> list[int]:
    """A document number per line where the data has no story ids: a story opens with its
    headline, a line with no final mark."""
    out, doc = [], 0
    for i, row in enumerate(rows):
        doc += i > 0 and not ends_sentence(row)
        out.append(doc)
    return out


def is_word(word: str, lang: str) -> bool:
    """A dictionary word, or a capitalised one a dictionary lists (``Asian``, ``European``):
    a word the table may hold. Names (``Harker``, ``Луизиана``) are left to the spelling
    matchers: a name goes with the words of its stories (``Harker`` with ``faiz``, interest),
    which are no translation of it."""
    return is_vocabulary(word, lang) or is_listed_name(word, lang)


def texts_of(spec: str) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """Per pair of languages (sorted), its line pairs with the story each belongs to:
    ``(document, line_a, line_b)``."""
    root, lines = parse_spec(spec)
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    four = {
        la: _read(root / f"fourway.{la}", lines)
        for la in LANGS
        if (root / f"fourway.{la}").exists()
    }
    ids_file = root / "docids.txt"
    if four:
        first = next(iter(four.values()))
        ids = (
            _read(ids_file, lines)
            if ids_file.exists()
            else [str(d) for d in _documents(four.get("en", first))]
        )
        for la, lb in combinations(sorted(four), 2):
            out[(la, lb)] += [
                (f"{spec}:{d}", a, b) for d, a, b in zip(ids, four[la], four[lb], strict=False)
            ]
    if lines is None:
        for la, lb in combinations(LANGS, 2):
            for x, y in ((la, lb), (lb, la)):
                pa, pb = root / f"extra.{x}-{y}.{x}", root / f"extra.{x}-{y}.{y}"
                if pa.exists() and pb.exists():
                    rows_a, rows_b = _read(pa, None), _read(pb, None)
                    sorted_a, sorted_b = (rows_a, rows_b) if x == la else (rows_b, rows_a)
                    docs = _documents(rows_a)
                    out[(la, lb)] += [
                        (f"{pa}:{d}", a, b)
                        for d, a, b in zip(docs, sorted_a, sorted_b, strict=False)
                    ]
    return out


def learn(specs: list[str]) -> dict[tuple[str, str], dict[tuple[str, str], float]]:
    """Per pair of languages (sorted), the Dice of each pair of stems that clears the bar
    and is seen in at least ``MIN_STORIES`` stories."""
    texts: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for spec in specs:
        for key, rows in texts_of(spec).items():
            texts[key] += [r for r in rows if r[1].strip() and r[2].strip()]
    out: dict[tuple[str, str], dict[tuple[str, str], float]] = {}
    for la, lb in combinations(LANGS, 2):
        rows = texts.get((la, lb), [])
        lex = TextLexicon.learn([(a, b) for _, a, b in rows], la, lb)
        # The lines each stem is seen in, and how often as a dictionary word, on either side.
        seen: tuple[dict[str, set[int]], dict[str, set[int]]] = (defaultdict(set), defaultdict(set))
        known: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        for i, (_, a, b) in enumerate(rows):
            for side, text, lang in ((0, a, la), (1, b, lb)):
                for w, st in stemmed_words(text, lang):
                    seen[side][st].add(i)
                    known[side][st] += 1 if is_word(w, lang) else -1
        table: dict[tuple[str, str], float] = {}
        for s in lex.source_stems():
            if known[0][s] <= 0:
                continue
            for t, d in lex.dice(s).items():
                stories = {rows[i][0] for i in seen[0][s] & seen[1][t]}
                if d >= MIN_DICE and len(stories) >= MIN_STORIES and known[1][t] > 0:
                    table[(s, t)] = round(d, 3)
        out[(la, lb)] = table
        print(f"{la}-{lb}: {len(rows)} lines, {len(table)} links", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="+", metavar="DATA", help="folder, or folder:A-B")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    tables = learn(args.data)
    note = (
        "Word stems that translate each other (language pair, stem, stem, Dice), learned by\n"
        "scripts/learn_links.py from "
        + " ".join(Path(s.split(":")[0]).name + s[len(s.split(":")[0]) :] for s in args.data)
        + "\n(derived from their texts; see each data set's licence: X-WMT MIT, NTREX-128 "
        "CC BY-SA 4.0)"
    )
    args.output.write_text(write_table(tables, note), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
