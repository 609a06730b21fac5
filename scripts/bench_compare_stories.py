#!/usr/bin/env python
"""Benchmark ``compare`` as a press office uses it: whole stories in four versions.

Usage:
    python scripts/bench_compare_stories.py ../shared/data/ntrex-dev --lines 0-499 \\
        [--unseen 500-999] [--seed 5] [--show N]

DATA is a folder with ``fourway.{en,az,ru,tr}`` and ``docids.txt`` (the story of each line,
as in NTREX). Each story whose lines all fall in the range becomes a statement in four
versions (one line a paragraph), compared as ``aligntext compare en az ru tr`` does
(:func:`aligntext.pipeline.compare.compare_versions`, the English version the pivot). It
prints, per part:

- ``statements``: stories compared, and their mean number of sentences;
- ``false alarms / statement``: cross-version findings of severity warning or error on the
  untouched versions (each is a disagreement the reader must look at; the lines can hold
  real slips, so read them before calling them false), and the share of statements with
  none, by finding type;
- ``slip caught and named``: in each statement, one at a time, one slip is planted in one
  non-English version by this script's own rules (``digit``: a digit of a figure changed;
  ``name``: a capitalised word inside a line replaced by one from another story); the share
  of statements in which a new cross-version warning or error names that version as the
  odd one out.

The unseen part is for reporting only: ``--show`` lists findings of the first part only.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from aligntext.pipeline.compare import compare_versions

LANGS = ("en", "az", "ru", "tr")
KINDS = ("digit", "name")
_DIGITS = re.compile(r"\d+")
_NAME = re.compile(r"(?<![\w'’-])[A-ZА-ЯЁÇŞĞÜÖİƏ][^\W\d_]{3,}(?![\w'’-])")


def line_range(text: str) -> tuple[int, int]:
    """``A-B`` (inclusive, 0-based)."""
    a, _, b = text.partition("-")
    return int(a), int(b)


def stories(data: Path, lines: tuple[int, int]) -> list[dict[str, list[str]]]:
    """The stories wholly inside ``lines``: language -> its lines, in order."""
    ids = (data / "docids.txt").read_text("utf-8").splitlines()
    texts = {lang: (data / f"fourway.{lang}").read_text("utf-8").splitlines() for lang in LANGS}
    spans: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        spans.setdefault(doc, []).append(i)
    out = []
    for rows in spans.values():
        if rows[0] >= lines[0] and rows[-1] <= lines[1]:
            out.append({lang: [texts[lang][i] for i in rows] for lang in LANGS})
    return out


def flagged(report) -> list:  # type: ignore[no-untyped-def]
    """The cross-version findings a reader must look at."""
    return [f for f in report.cross_findings if f.severity in ("warning", "error")]


def compare(story: dict[str, list[str]], folder: Path):  # type: ignore[no-untyped-def]
    paths = []
    for lang in LANGS:
        p = folder / f"{lang}.txt"
        p.write_text("\n\n".join(story[lang]) + "\n", "utf-8")
        paths.append(p)
    return compare_versions(paths, list(LANGS))


def plant(
    story: dict[str, list[str]], rng: random.Random, kind: str, pool: dict[str, list[str]]
) -> tuple[str, dict[str, list[str]]] | None:
    """One slip in one non-English version; ``None`` when the story has no place for it.

    ``digit``: one digit of a figure changed. ``name``: a capitalised word inside a line
    replaced by one from another story of the same language (``pool``).
    """
    pattern = _DIGITS if kind == "digit" else _NAME
    options = [
        (lang, i, m)
        for lang in LANGS[1:]
        for i, line in enumerate(story[lang])
        for m in pattern.finditer(line)
        if kind == "digit" or line[: m.start()].strip()
    ]
    if not options:
        return None
    lang, i, m = rng.choice(options)
    line = story[lang][i]
    if kind == "digit":
        digits = m.group(0)
        k = rng.randrange(len(digits))
        new = rng.choice([d for d in "0123456789" if d != digits[k] and (k or d != "0")])
        changed = line[: m.start() + k] + new + line[m.start() + k + 1 :]
    else:
        words = " ".join(story[lang])
        new = rng.choice([w for w in pool[lang] if w not in words])
        changed = line[: m.start()] + new + line[m.end() :]
    return lang, {**story, lang: [*story[lang][:i], changed, *story[lang][i + 1 :]]}


def run_part(data: Path, lines: tuple[int, int], seed: int, show: int) -> dict[str, float]:
    rng = random.Random(seed)
    found = stories(data, lines)
    pool = {
        lang: sorted({m.group(0) for st in found for t in st[lang] for m in _NAME.finditer(t)})
        for lang in LANGS
    }
    alarms: Counter[str] = Counter()
    clean = sentences = 0
    caught: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for story in found:
            sentences += len(story["en"])
            base = flagged(compare(story, folder))
            alarms.update(f.type for f in base)
            clean += not base
            for f in base:
                if shown < show:
                    shown += 1
                    print(f"  [{f.severity} {f.type}] {f.message}")
            for kind in KINDS:
                slip = plant(story, rng, kind, pool)
                if slip is None:
                    continue
                lang, changed = slip
                planted[kind] += 1
                before = {f.message for f in base}
                new = [f for f in flagged(compare(changed, folder)) if f.message not in before]
                caught[kind] += any(lang in f.tgt_lang.split(",") for f in new)
    n = max(len(found), 1)
    print(
        f"statements {len(found)} (mean {sentences / n:.1f} sentences); "
        f"false alarms / statement {sum(alarms.values()) / n:.2f} "
        f"({', '.join(f'{t} {c}' for t, c in alarms.most_common()) or 'none'}); "
        f"statements with none {clean / n:.2f}; slip caught and named: "
        + ", ".join(f"{k} {caught[k]}/{planted[k]}" for k in KINDS)
    )
    return {"alarms": sum(alarms.values()) / n, "clean": clean / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--lines", type=line_range, default=(0, 10**9))
    ap.add_argument("--unseen", type=line_range)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="list up to N findings (first part)")
    args = ap.parse_args()
    if not (args.data / "docids.txt").is_file():
        print(f"{args.data} has no docids.txt", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    print(f"== {args.data.name}, lines {args.lines[0]}-{args.lines[1]}")
    parts = [run_part(args.data, args.lines, args.seed, args.show)]
    if args.unseen:
        print(f"== {args.data.name}, unseen {args.unseen[0]}-{args.unseen[1]}")
        parts.append(run_part(args.data, args.unseen, args.seed, 0))
    print(f"time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
