"""Fit the checker's name-swap decision (aligntext/data/name_gate.tsv) on development lines.

Usage:
    python scripts/fit_name_gate.py ../shared/data/xwmt-dev ../shared/data/ntrex-dev:0-499 \\
        -o src/aligntext/data/name_gate.tsv [--keep 0.99] [--seed 29]

Each ``DATA`` is a folder as ``scripts/bench_check.py`` reads it; ``DATA:A-B`` keeps fourway
lines A to B only. Never name lines kept for measuring here.

Every proposal of the name rules ("entity X in source; target has Y") is recorded with its
features (:data:`aligntext.check.name_gate.FEATURES`): those on genuine pairs are negatives,
the new ones on pairs whose target had a name swapped (the benchmark's ``entity`` and
``entity_names`` perturbations, drawn with their own seed) positives. A logistic regression
(standardised features, L2, Newton steps) is fitted, and the threshold is the lowest
the highest probability at which ``--keep`` of the swapped pairs keep their proposal as a
warning (recall first: the decision may only trade a sliver of the swaps caught for fewer
false alarms). Deterministic for a given seed and data.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import numpy as np

from aligntext.check import compare_sentences, name_gate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import _SPAN, PAIRS, load, perturb, proper_test


def parse_spec(spec: str) -> tuple[Path, tuple[int, int] | None]:
    """``DIR`` or ``DIR:A-B``."""
    m = re.fullmatch(r"(.+?):(\d+)-(\d+)", spec)
    if m:
        return Path(m.group(1)), (int(m.group(2)), int(m.group(3)))
    return Path(spec), None


def proposals(src: str, tgt: str, a: str, b: str) -> list[tuple[str, tuple[float, ...]]]:
    """The name-swap proposals of one pair, with their features."""
    name_gate.recorder = []
    try:
        compare_sentences(src, tgt, a, b)
        return list(name_gate.recorder)
    finally:
        name_gate.recorder = None


def collect(
    specs: list[str], seed: int
) -> tuple[list[tuple[float, ...]], list[int], list[int], int]:
    """Features, labels and the group (pair) of each proposal; the number of genuine pairs."""
    rng = random.Random(seed)
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    groups: list[int] = []
    n_genuine = 0
    group = 0
    for spec in specs:
        root, lines = parse_spec(spec)
        for a, b in PAIRS:
            pairs = load(root, a, b, lines)
            if not pairs:
                continue
            pool = sorted(
                {m.group(0) for _, t in pairs for m in _SPAN.finditer(t) if m.start() > 0}
            )
            proper = proper_test([t for _, t in pairs], b)
            for s, t in pairs:
                n_genuine += 1
                group += 1
                seen = set()
                for message, feats in proposals(s, t, a, b):
                    seen.add(message)
                    xs.append(feats)
                    ys.append(0)
                    groups.append(-group)  # negative ids: genuine pairs
                for kind in ("entity", "entity_names"):
                    new = perturb(kind, s, t, b, rng, pool, proper)
                    if new is None or new == t:
                        continue
                    group += 1
                    for message, feats in proposals(s, new, a, b):
                        if message not in seen:
                            xs.append(feats)
                            ys.append(1)
                            groups.append(group)
            print(f"{spec} {a}-{b}: {len(ys)} proposals so far", file=sys.stderr)
    return xs, ys, groups, n_genuine


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton steps; returns weights and bias."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = l2 * np.eye(d + 1)
    reg[d, d] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:d], float(w[d])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="+", help="development data, DIR or DIR:A-B")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--keep", type=float, default=0.99, help="share of swaps kept as warnings")
    ap.add_argument("--seed", type=int, default=29)
    args = ap.parse_args()
    # Proposals are recorded before any shipped gate decides: fit from scratch.
    name_gate.default_gate.cache_clear()
    xs, ys, groups, n_genuine = collect(args.data, args.seed)
    x = np.array(xs, dtype=float)
    y = np.array(ys, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    w, bias = fit((x - mean) / scale, y)
    prob = 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / scale) @ w + bias, -30, 30)))
    # Per pair, its most confident proposal decides whether it is flagged.
    best: dict[int, float] = {}
    for g, p in zip(groups, prob, strict=True):
        best[g] = max(best.get(g, 0.0), float(p))
    genuine = sorted((p for g, p in best.items() if g < 0), reverse=True)
    swapped = [p for g, p in best.items() if g > 0]
    ranked = sorted(swapped, reverse=True)
    k = min(max(int(args.keep * len(ranked)) - 1, 0), len(ranked) - 1)
    threshold = ranked[k] - 1e-6 if ranked else 0.5
    kept = sum(1 for p in swapped if p >= threshold)
    print(
        f"{len(ys)} proposals ({int(y.sum())} from swaps) on {n_genuine} genuine pairs; "
        f"threshold {threshold:.4f}: genuine pairs flagged "
        f"{sum(1 for p in genuine if p >= threshold) / n_genuine:.4f} (was "
        f"{len(genuine) / n_genuine:.4f}), swap proposals kept {kept}/{len(swapped)}"
    )
    lines = [
        "# Name-swap decision of the checker (aligntext.check.name_gate), fitted by",
        f"# scripts/fit_name_gate.py {' '.join(args.data)} --keep {args.keep} --seed {args.seed}",
        "# Columns: feature, mean, scale, weight (on the standardised feature).",
    ]
    lines += [
        f"{f}\t{m:.6g}\t{s:.6g}\t{wt:.6g}"
        for f, m, s, wt in zip(name_gate.FEATURES, mean, scale, w, strict=True)
    ]
    lines += [f"# bias\t{bias:.6g}", f"# threshold\t{threshold:.6g}"]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("  threshold  genuine pairs flagged  swap proposals kept")
    for t in (0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, threshold):
        g = sum(1 for p in genuine if p >= t) / n_genuine
        k = sum(1 for p in swapped if p >= t) / max(len(swapped), 1)
        print(f"  {t:9.4f}  {g:21.4f}  {k:19.3f}")
    for f, wt in sorted(zip(name_gate.FEATURES, w, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {f:16} {wt:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
