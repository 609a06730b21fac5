#!/usr/bin/env python
"""Benchmark the MT QA checks on real translations: false alarms and recall per break.

Usage:
    python scripts/bench_mt_qa.py ../shared/data/ntrex-dev --lines 500-999 [--seed 7]
        [--pairs en-az,ru-tr] [--documents | --lines-alone] [--show-flagged N] [--show-missed BREAK]

DATA is a folder with ``fourway.{en,az,ru,tr}`` (line i the same sentence in four languages);
``--lines A-B`` (0-based, inclusive) restricts the lines used. For each direction (all twelve
by default) it takes the genuine pairs and broken copies of each target, built by plain string
rules of this script (not by the checks' own code):

- ``loop``: the target's last one to three words said again four to nine times, the final
  mark dropped (a model looping until its length limit);
- ``clause``: a stretch of the target (a comma-delimited clause of three words or more, else
  four to eight words) written twice in a row;
- ``copy``: the source itself as the target;
- ``swap``: for an Azerbaijani target the Turkish line of the same sentence and back (from the
  four-way data; not for az-tr and tr-az, where that is the copy);
- ``cut``: the last third of the target's characters cut off, at a word boundary;
- ``append``: a sentence from another story (at least 20 lines away) appended.

Each direction is checked as one file, as ``check --mt-qa`` checks a bitext and
``translate --check`` a translated file: lengths are judged against the file's own centre
(:func:`aligntext.qa.checks.document_length_shift` of its genuine pairs; one broken line among
hundreds moves a median by one place at most, so it is taken once per direction, not with
each broken line in). ``--lines-alone`` judges each pair on its own instead (no centre), and
``--documents`` takes each story as a document (``docids.txt`` says which story a line is
from; a folder without it is taken in blocks of ten lines, as ``learn_mt_qa.py`` folds
them), a broken target checked as the one slip of its story (the story's length centre
taken with that line broken).

It prints, per direction, the share of genuine pairs flagged (a finding of severity warning
or error) and the recall of each break (the share of broken pairs flagged), then the totals
against the targets. ``--show-flagged`` lists flagged genuine pairs for review;
``--show-missed`` lists misses of one break. Use them on the lines you tune on only.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from aligntext.qa import check_translation
from aligntext.qa.checks import document_length_shift
from learn_mt_qa import story_keys

LANGS = ("en", "az", "ru", "tr")
BREAKS = ("loop", "clause", "copy", "swap", "cut", "append")
TARGETS = {
    "genuine": 0.01,
    "loop": 0.95,
    "clause": 0.95,
    "copy": 0.95,
    "swap": 0.90,
    "cut": 0.95,
    "append": 0.95,
}
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TRAILING = re.compile(r"[\s.!?…:;,\"'»”’“)\]]+$")


def read(path: Path, lines: range | None) -> list[str]:
    """The lines of ``path`` (only ``lines`` when given)."""
    text = path.read_text(encoding="utf-8").split("\n")
    if text and text[-1] == "":
        text.pop()
    return [text[i] for i in lines if i < len(text)] if lines is not None else text


def loop(tgt: str, rng: random.Random) -> str:
    body = _TRAILING.sub("", tgt)
    words = _WORD.findall(body)
    n = min(rng.randint(1, 3), len(words))
    phrase = " ".join(words[-n:])
    return body + (" " + phrase) * rng.randint(4, 9)


def clause(tgt: str, rng: random.Random) -> str:
    parts = [m for m in re.finditer(r"[^,;]+", tgt) if len(_WORD.findall(m.group())) >= 3]
    if len(parts) >= 2:
        m = rng.choice(parts)
        piece = m.group().strip()
        sep = tgt[m.end() : m.end() + 1] if m.end() < len(tgt) and tgt[m.end()] in ",;" else ","
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        return tgt[: start + len(piece)] + f"{sep} " + piece + tgt[start + len(piece) :]
    spans = [m.span() for m in _WORD.finditer(tgt)]
    n = min(rng.randint(4, 8), len(spans))
    i = rng.randint(0, len(spans) - n)
    s, e = spans[i][0], spans[i + n - 1][1]
    return tgt[:e] + " " + tgt[s:e] + tgt[e:]


def cut(tgt: str) -> str:
    keep = tgt[: round(len(tgt) * 2 / 3)]
    if len(keep) < len(tgt) and tgt[len(keep)].isalnum():
        keep = keep[: max(keep.rfind(" "), 0)] if " " in keep else keep
    return keep.rstrip()


def build(cols: dict[str, list[str]], src: str, tgt: str, seed: int) -> dict[str, list[str | None]]:
    """Broken targets per break (``None`` where a break does not apply to a line)."""
    rng = random.Random(f"{seed}-{src}-{tgt}")
    n = len(cols[tgt])
    out: dict[str, list[str | None]] = {b: [] for b in BREAKS}
    other = {"az": "tr", "tr": "az"}.get(tgt)
    for i, t in enumerate(cols[tgt]):
        out["loop"].append(loop(t, rng))
        out["clause"].append(clause(t, rng))
        out["copy"].append(cols[src][i])
        out["swap"].append(cols[other][i] if other and other != src else None)
        out["cut"].append(cut(t))
        far = [j for j in range(n) if abs(j - i) >= 20]
        j = rng.choice(far) if far else (i + n // 2) % n
        out["append"].append(t.rstrip() + " " + cols[tgt][j].strip())
    return out


def flagged(src: str, tgt: str, sl: str, tl: str, shift: float = 0.0) -> list[str]:
    return [
        f"{f.type}/{f.severity}: {f.message}"
        for f in check_translation(src, tgt, sl, tl, length_shift=shift)
        if f.severity in ("warning", "error")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", metavar="DATA")
    parser.add_argument("--lines", help="A-B: only these lines (0-based, inclusive)")
    parser.add_argument("--pairs", help="comma-separated directions (default: all twelve)")
    parser.add_argument("--seed", type=int, default=7)
    centre = parser.add_mutually_exclusive_group()
    centre.add_argument("--documents", action="store_true", help="check each story as one document")
    centre.add_argument(
        "--lines-alone", action="store_true", help="judge each pair alone, without a file centre"
    )
    parser.add_argument("--show-flagged", type=int, default=0, metavar="N")
    parser.add_argument("--show-missed", choices=BREAKS)
    args = parser.parse_args(argv)
    lines = None
    if args.lines:
        a, _, b = args.lines.partition("-")
        lines = range(int(a), int(b) + 1)
    folder = Path(args.data)
    if not all((folder / f"fourway.{lang}").is_file() for lang in LANGS):
        sys.exit(f"error: {folder} has no fourway.{{en,az,ru,tr}} files")
    cols = {lang: read(folder / f"fourway.{lang}", lines) for lang in LANGS}
    if args.pairs:
        pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    else:
        pairs = [(a, b) for a in LANGS for b in LANGS if a != b]
    stories = story_keys(folder, "fourway", lines, len(cols["en"]))
    members: dict[str, list[int]] = {}
    for i, key in enumerate(stories):
        members.setdefault(key, []).append(i)
    started = time.perf_counter()
    totals = {k: [0, 0] for k in ("genuine", *BREAKS)}
    # Flagged genuine pairs by the types of their findings (a pair may count under several):
    # says which check spends the false alarms without reading a line.
    by_type: Counter[str] = Counter()
    print(f"{'pair':6} {'genuine':>8} " + " ".join(f"{b:>7}" for b in BREAKS))
    shown = 0
    for sl, tl in pairs:
        row = {k: [0, 0] for k in ("genuine", *BREAKS)}
        broken = build(cols, sl, tl, args.seed)

        file_centre = 0.0
        if not args.documents and not args.lines_alone:
            file_centre = document_length_shift(list(zip(cols[sl], cols[tl], strict=True)), sl, tl)

        def shift(
            i: int, tgt: str, sl: str = sl, tl: str = tl, centre: float = file_centre
        ) -> float:
            """The length centre of line ``i``'s document, ``tgt`` its target."""
            if not args.documents:
                return centre
            story = [(cols[sl][j], tgt if j == i else cols[tl][j]) for j in members[stories[i]]]
            return document_length_shift(story, sl, tl)

        for i, (s, t) in enumerate(zip(cols[sl], cols[tl], strict=True)):
            if not s.strip() or not t.strip():
                continue
            hits = flagged(s, t, sl, tl, shift(i, t))
            row["genuine"][0] += bool(hits)
            row["genuine"][1] += 1
            by_type.update({h.split("/", 1)[0] for h in hits})
            if hits and shown < args.show_flagged:
                shown += 1
                print(f"  [{sl}-{tl} {i}] {hits[0]}\n    S: {s}\n    T: {t}")
            for b in BREAKS:
                bt = broken[b][i]
                if bt is None:
                    continue
                got = flagged(s, bt, sl, tl, shift(i, bt))
                row[b][0] += bool(got)
                row[b][1] += 1
                if not got and args.show_missed == b:
                    print(f"  [{sl}-{tl} {i}] missed {b}\n    S: {s}\n    T: {bt}")
        cells = []
        for k in ("genuine", *BREAKS):
            hit, n = row[k]
            totals[k][0] += hit
            totals[k][1] += n
            cells.append(f"{hit / n:7.3f}" if n else f"{'-':>7}")
        print(
            f"{sl}-{tl:3} "
            + " ".join([f"{cells[0]:>8}", *cells[1:]])
            + (f"  centre {file_centre:+.2f}" if file_centre else "")
        )
    print()
    ok = True
    for k in ("genuine", *BREAKS):
        hit, n = totals[k]
        share = hit / n if n else 0.0
        target = TARGETS[k]
        good = share <= target if k == "genuine" else share >= target
        ok &= good
        what = "flagged" if k == "genuine" else "recall"
        sign = "<=" if k == "genuine" else ">="
        print(
            f"{k:8} {what:8} {share:.4f} ({hit}/{n})  target {sign} {target}  "
            + ("ok" if good else "MISSED")
        )
    print(
        "genuine pairs flagged by type: "
        + (", ".join(f"{t} {n}" for t, n in sorted(by_type.items())) or "none")
    )
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
