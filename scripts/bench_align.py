"""Benchmark the sentence aligner on perturbed line-aligned documents.

Usage::

    python scripts/bench_align.py ../shared/data/xwmt-dev [--set fourway|extra] [--no-speed]

Builds documents of 25 consecutive line-aligned sentences for each language pair, perturbs
them with a fixed seed (joins two adjacent sentences on the source side in 10% of places and
on the target side in 5%, deletes 3% of the sentences on each side), aligns them with the
default model-free configuration and prints strict bead precision / recall / F1 (a non-null
predicted bead counts only when it matches a gold bead exactly), per pair, plus time. Then
aligns two ~5,000-sentence documents built by repeating the data with perturbations and
prints seconds and peak memory.

``--set extra`` uses the extra.{a}-{b} files instead of fourway.* (to tune on one and report
on the other).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from aligntext.align import align

PAIRS = (("en", "ru"), ("en", "az"), ("en", "tr"), ("ru", "az"), ("ru", "tr"), ("az", "tr"))
DOC_LEN = 25
SEED = 20240601


def perturb(
    n: int, rng: random.Random, join_src: float = 0.10, join_tgt: float = 0.05, drop: float = 0.03
) -> tuple[list[list[int]], list[list[int]], set[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """Units (lists of original line ids) per side and the gold non-null beads."""

    def side(join: float) -> list[list[int]]:
        kept = [i for i in range(n) if rng.random() >= drop]
        units: list[list[int]] = []
        for i in kept:
            if units and rng.random() < join:
                units[-1].append(i)
            else:
                units.append([i])
        return units

    src, tgt = side(join_src), side(join_tgt)
    return src, tgt, gold_beads(src, tgt)


def gold_beads(
    src: list[list[int]], tgt: list[list[int]]
) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Gold non-null beads: units sharing a line id, closed over interleaving ranges.

    Units that share line ids are linked; a bead spans the source and target ranges of
    linked units, so a unit sandwiched inside those ranges (its lines deleted on the other
    side) belongs to the bead too, and overlapping ranges merge.
    """
    where_t = {i: k for k, u in enumerate(tgt) for i in u}
    spans: list[list[int]] = []  # [src_lo, src_hi, tgt_lo, tgt_hi], inclusive
    for k, unit in enumerate(src):
        for i in unit:
            if i in where_t:
                spans.append([k, k, where_t[i], where_t[i]])
    spans.sort()
    merged: list[list[int]] = []
    for span in spans:
        if merged and (span[0] <= merged[-1][1] or span[2] <= merged[-1][3]):
            last = merged[-1]
            last[1] = max(last[1], span[1])
            last[3] = max(last[3], span[3])
            last[2] = min(last[2], span[2])
        else:
            merged.append(span)
    return {(tuple(range(a, b + 1)), tuple(range(c, d + 1))) for a, b, c, d in merged}


def texts(units: list[list[int]], lines: list[str]) -> list[str]:
    return [" ".join(lines[i % len(lines)] for i in u) for u in units]


def predicted(alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(b.src, b.tgt) for b in alignment.beads if b.src and b.tgt}


def load_pair(data: Path, which: str, a: str, b: str) -> tuple[list[str], list[str]] | None:
    if which == "fourway":
        fa, fb = data / f"fourway.{a}", data / f"fourway.{b}"
    else:
        fa, fb = data / f"extra.{a}-{b}.{a}", data / f"extra.{a}-{b}.{b}"
    if not fa.exists() or not fb.exists():
        return None
    la = fa.read_text(encoding="utf-8").splitlines()
    lb = fb.read_text(encoding="utf-8").splitlines()
    return la, lb


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def accuracy(data: Path, which: str, verbose: bool) -> list[float]:
    print(f"strict bead P/R/F1 on {which}.* documents of {DOC_LEN} sentences (seed {SEED})")
    print(f"{'pair':6} {'docs':>4} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'sec':>6}")
    scores = []
    for a, b in PAIRS:
        loaded = load_pair(data, which, a, b)
        if loaded is None:
            continue
        la, lb = loaded
        n_docs = len(la) // DOC_LEN
        tp = fp = fn = 0
        start = time.perf_counter()
        for d in range(n_docs):
            rng = random.Random(f"{SEED}-{which}-{a}-{b}-{d}")
            chunk_a = la[d * DOC_LEN : (d + 1) * DOC_LEN]
            chunk_b = lb[d * DOC_LEN : (d + 1) * DOC_LEN]
            su, tu, gold = perturb(DOC_LEN, rng)
            res = align(texts(su, chunk_a), texts(tu, chunk_b), a, b)
            pred = predicted(res)
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
            if verbose and pred != gold:
                print(f"  doc {d}: missed {sorted(gold - pred)} wrong {sorted(pred - gold)}")
        secs = time.perf_counter() - start
        p, r, f = f1(tp, fp, fn)
        scores.append(f)
        print(f"{a}-{b:3} {n_docs:>4} {tp + fn:>5} {p:6.3f} {r:6.3f} {f:6.3f} {secs:6.2f}")
    if scores:
        print(
            f"mean F1 {statistics.mean(scores):.3f}  min F1 {min(scores):.3f}  (target: mean >= "
            "0.970, min >= 0.950)"
        )
    return scores


def speed(data: Path, size: int) -> None:
    la = (data / "fourway.en").read_text(encoding="utf-8").splitlines()
    lb = (data / "fourway.ru").read_text(encoding="utf-8").splitlines()
    extra = load_pair(data, "extra", "en", "ru")
    if extra is not None:
        la, lb = la + extra[0], lb + extra[1]
    rng = random.Random(f"{SEED}-speed")
    n_lines = int(size * 1.1)
    su, tu, gold = perturb(n_lines, rng)
    src, tgt = texts(su, la), texts(tu, lb)
    print(
        f"\nspeed: en-ru documents of {len(src)} and {len(tgt)} sentences "
        f"({len(la)} distinct lines repeated, perturbed)"
    )
    start = time.perf_counter()
    res = align(src, tgt, "en", "ru")
    secs = time.perf_counter() - start
    pred = predicted(res)
    _p, _r, f = f1(len(pred & gold), len(pred - gold), len(gold - pred))
    print(f"  time {secs:.2f} s (target < 10 s)   strict F1 {f:.3f}")
    tracemalloc.start()
    align(src, tgt, "en", "ru")
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak traced memory {peak / 2**20:.0f} MiB (target < 1024 MiB); "
        f"process max RSS {rss:.0f} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="the xwmt-dev folder")
    ap.add_argument("--set", dest="which", choices=("fourway", "extra"), default="fourway")
    ap.add_argument("--no-speed", action="store_true", help="skip the 5,000-sentence test")
    ap.add_argument("--size", type=int, default=5000, help="sentences in the speed test")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each wrong document")
    ap.add_argument("--param", action="append", default=[], help="NAME=VALUE cost weight")
    args = ap.parse_args(argv)
    if args.param:
        import functools

        from aligntext.align import CostParams

        global align
        prm = CostParams(**{k: float(v) for k, v in (x.split("=") for x in args.param)})
        align = functools.partial(align, params=prm)
        print(prm)
    if not args.data.is_dir():
        print(f"bench_align: {args.data} is not a folder", file=sys.stderr)
        return 2
    accuracy(args.data, args.which, args.verbose)
    if not args.no_speed:
        speed(args.data, args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
