"""Accuracy of aligntext's language identification on single sentences, per language.

Usage: python scripts/bench_langid.py DATA_DIR [--words N] [--show N]

Every line of ``fourway.<lang>`` and ``extra.*.<lang>`` in DATA_DIR is one test sentence
(duplicates counted once). Prints accuracy per language, the confusion matrix (with ``none``
for text wrongly rejected as none of the four), the Azerbaijani/Turkish confusions, and the
same on the first N words of each sentence (short-text behaviour, default 3).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from aligntext.errors import UnsupportedLanguageError
from aligntext.langid import LANGID_VERSION, detect_language

LANGS = ("en", "az", "ru", "tr")


def sentences(data: Path, lang: str) -> list[str]:
    """The distinct non-empty lines of every file for ``lang``."""
    seen: dict[str, None] = {}
    for path in [data / f"fourway.{lang}", *sorted(data.glob(f"extra.*.{lang}"))]:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    seen.setdefault(line.strip(), None)
    return list(seen)


def predict(text: str) -> str:
    try:
        return detect_language(text)
    except UnsupportedLanguageError:
        return "none"


def evaluate(texts: dict[str, list[str]], show: int, title: str) -> None:
    labels = (*LANGS, "none")
    print(f"\n{title}")
    print(f"{'gold':4} {'n':>5} {'acc':>8}   " + " ".join(f"{p:>5}" for p in labels))
    errors: list[str] = []
    for gold in LANGS:
        counts = dict.fromkeys(labels, 0)
        for text in texts[gold]:
            got = predict(text)
            counts[got] += 1
            if got != gold:
                errors.append(f"  {gold}->{got}: {text[:90]}")
        n = len(texts[gold])
        acc = counts[gold] / n if n else 0.0
        print(f"{gold:4} {n:5d} {acc:8.2%}   " + " ".join(f"{counts[p]:5d}" for p in labels))
    az_tr = sum(1 for e in errors if e.startswith(("  az->tr", "  tr->az")))
    print(f"az/tr confusions: {az_tr}")
    for line in errors[:show]:
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with fourway.* / extra.* files")
    parser.add_argument("--words", type=int, default=3, help="length of the short-text test")
    parser.add_argument("--show", type=int, default=10, help="errors to print per test")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"bench_langid: {args.data} is not a folder", file=sys.stderr)
        return 2
    full = {lang: sentences(args.data, lang) for lang in LANGS}
    print(f"langid {LANGID_VERSION}; data {args.data}")
    started = time.perf_counter()
    evaluate(full, args.show, "single sentences")
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in full.values())
    print(f"({total} sentences in {elapsed:.1f} s including model load)")
    short = {
        lang: [" ".join(t.split()[: args.words]) for t in texts] for lang, texts in full.items()
    }
    evaluate(short, args.show, f"first {args.words} words of each sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
