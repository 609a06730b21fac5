"""Compare two or more MT systems on the same references and say which differences are real.

An example of aligntext's public API: :func:`aligntext.evaluate.compare` scores each system
(BLEU, chrF, chrF++, TER with sacrebleu's signatures, plus fact accuracy) and runs sacrebleu's
paired bootstrap resampling and approximate randomisation of each system against the first
(the baseline).

Usage:
    python scripts/compare_systems.py --ref refs/ru.txt \\
        --system opus=out-opus/ru.txt --system nllb=out-nllb/ru.txt [--lang ru]
        [--test bs|ar|both] [--alpha 0.05] [--json FILE]

Files or folders (matched by relative path) both work. Exit code 0, or 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligntext.errors import AligntextError
from aligntext.evaluate import Comparison, compare
from aligntext.io.atomic import atomic_write_text
from aligntext.render.evaluation import render_json


def summary(cmp: Comparison) -> str:
    """A table of systems by metric, then one verdict per test."""
    keys = [s.key for s in cmp.baseline.scores]
    names = [s.name for s in cmp.baseline.scores]
    width = max(6, *(len(ev.name) for ev in cmp.evaluations))
    lines = [" ".join([f"{'system':{width}s}", *(f"{n:>8s}" for n in names), "   facts"])]
    for ev in cmp.evaluations:
        cells = []
        for k in keys:
            s = ev.score(k)
            cells.append(f"{s.score:8.2f}" if s else f"{'':8s}")
        acc = ev.facts.accuracy if ev.facts else None
        cells.append(f"{'n/a':>8s}" if acc is None else f"{100 * acc:7.1f}%")
        lines.append(" ".join([f"{ev.name:{width}s}", *cells]))
    lines.append("")
    lines.append(f"Against the baseline {cmp.baseline.name} ({cmp.segments} segments):")
    for t in cmp.tests:
        how = "bootstrap" if t.test == "bs" else "approx. randomisation"
        if t.difference == 0:
            verdict = "same score"
        elif t.significant:
            verdict = f"{t.better} is better (significant at {t.alpha:g})"
        else:
            verdict = "difference not significant"
        lines.append(
            f"  {t.system}: {t.metric} {t.difference:+.2f}, p = {t.p_value:.4f} ({how}): {verdict}"
        )
    lines.extend(f"warning: {w}" for w in cmp.warnings)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", type=Path, action="append", required=True, help="reference")
    parser.add_argument(
        "--system", action="append", required=True, help="NAME=PATH; the first is the baseline"
    )
    parser.add_argument("--lang", help="target language (en, az, ru, tr)")
    parser.add_argument("--test", choices=("bs", "ar", "both"), default="both")
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--no-facts", action="store_true", help="skip fact accuracy")
    parser.add_argument("--json", type=Path, help="also write the full result as JSON here")
    args = parser.parse_args()

    names, paths = [], []
    for spec in args.system:
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec).stem, spec
        names.append(name)
        paths.append(Path(path))
    try:
        cmp = compare(
            paths,
            args.ref,
            names=names,
            lang=args.lang,
            facts=not args.no_facts,
            test=args.test,
            alpha=args.alpha,
        )
    except AligntextError as exc:
        print(f"compare_systems: error: {exc}", file=sys.stderr)
        return 2
    print(summary(cmp), end="")
    if args.json:
        atomic_write_text(args.json, render_json(cmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
