"""Sentence-boundary precision / recall / F1 of aligntext's segmenter on line-aligned text.

Usage: python scripts/bench_segment.py DATA_DIR [--files fourway|all]
    [--sep space|newline] [--headline-first] [--show N]

DATA_DIR holds line-aligned files such as ``fourway.en`` and ``extra.en-ru.ru`` (one sentence
per line, consecutive lines from the same story). Lines are joined with a space into
paragraphs of up to five lines; a line without final punctuation (a headline) ends its
paragraph. The gold boundaries are the line joins; the score counts boundaries inside
paragraphs only (a paragraph's start and end are given).

Variants that exercise the line-break rules: ``--sep newline`` joins the lines of a paragraph
with line breaks, and ``--headline-first`` (with ``--sep newline``) makes a headline start the
next paragraph instead of ending its own, so the segmenter must see it is a headline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligntext.segment import SEGMENTER_VERSION, split_sentence_spans

LANGS = ("en", "az", "ru", "tr")
_CLOSERS = "\"'’”»)]} "


def has_final_punctuation(line: str) -> bool:
    """Whether ``line`` ends with . ! ? or …, closing quotes and brackets ignored."""
    stripped = line.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in ".!?…"


def paragraphs(lines: list[str], size: int = 5, headline_first: bool = False) -> list[list[str]]:
    """Group lines into paragraphs of up to ``size`` lines; a headline ends its paragraph.

    With ``headline_first`` a headline starts a new paragraph instead.
    """
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if headline_first and current and not has_final_punctuation(line):
            groups.append(current)
            current = []
        if headline_first and not has_final_punctuation(line):
            current.append(line)
            continue
        current.append(line)
        if len(current) == size or not has_final_punctuation(line):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def files_for(data: Path, lang: str, which: str) -> list[Path]:
    found = [data / f"fourway.{lang}"]
    if which == "all":
        found += sorted(data.glob(f"extra.*.{lang}"))
    return [f for f in found if f.is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with fourway.* / extra.* files")
    parser.add_argument("--files", choices=("fourway", "all"), default="all")
    parser.add_argument("--sep", choices=("space", "newline"), default="space")
    parser.add_argument("--headline-first", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per language")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"bench_segment: {args.data} is not a folder", file=sys.stderr)
        return 2

    print(
        f"segmenter {SEGMENTER_VERSION}; data {args.data} ({args.files}, joined by {args.sep}"
        + (", headlines first" if args.headline_first else "")
        + ")"
    )
    print(
        f"{'lang':4} {'lines':>6} {'paras':>6} {'gold':>6} {'pred':>6} {'P':>7} {'R':>7} {'F1':>7}"
    )
    for lang in LANGS:
        n_lines = n_paras = n_gold = n_pred = n_tp = 0
        errors: list[str] = []
        for path in files_for(args.data, lang, args.files):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
            lines = [ln for ln in lines if ln]
            n_lines += len(lines)
            for group in paragraphs(lines, headline_first=args.headline_first):
                n_paras += 1
                text = (" " if args.sep == "space" else "\n").join(group)
                gold: set[int] = set()
                pos = 0
                for i, line in enumerate(group):
                    if i:
                        gold.add(pos)
                    pos += len(line) + 1
                pred = {start for start, _ in split_sentence_spans(text, lang)[1:]}
                n_gold += len(gold)
                n_pred += len(pred)
                n_tp += len(gold & pred)
                for b in sorted(gold ^ pred):
                    what = "missed" if b in gold else "extra "
                    shown = text.replace("\n", " ")
                    errors.append(f"  {what} {shown[max(0, b - 60) : b]}|| {shown[b : b + 40]}")
        p = n_tp / n_pred if n_pred else 1.0
        r = n_tp / n_gold if n_gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{lang:4} {n_lines:6d} {n_paras:6d} {n_gold:6d} {n_pred:6d} "
            f"{p:7.4f} {r:7.4f} {f1:7.4f}"
        )
        for line in errors[: args.show]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
