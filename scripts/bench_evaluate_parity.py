"""Parity check: ``aligntext evaluate`` against the ``sacrebleu`` command line.

For each language version of the X-WMT dev set (the reference), writes a perturbed copy
(words dropped, swapped, numbers changed: the hypothesis), runs both command lines on the
same files and prints the score lines side by side and whether they are identical, score
AND signature, for BLEU, chrF, chrF++ and TER, at sacrebleu's default width (1 decimal) and
at 16 decimals. Also checks two references at once, and the p-values of the paired
bootstrap and approximate randomisation tests of two perturbed copies of similar quality.

Usage:
    .venv/bin/python scripts/bench_evaluate_parity.py ../shared/data/xwmt-dev [--langs en,ru]

Exit code 0 when every line is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
METRIC_RUNS = {
    # our metric key -> the sacrebleu CLI arguments that compute the same metric
    "bleu": ["-m", "bleu"],
    "chrf": ["-m", "chrf"],
    "chrf++": ["-m", "chrf", "--chrf-word-order", "2"],
    "ter": ["-m", "ter"],
}


def perturb(lines: list[str], seed: int) -> list[str]:
    """A plausible bad translation: drop, swap and duplicate words, change digits."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.split(" ")
        # Three rounds bring BLEU down to about 70 and TER up to about 15.
        for _ in range(3):
            if len(words) > 3 and rng.random() < 0.6:
                del words[rng.randrange(len(words))]
            if len(words) > 3 and rng.random() < 0.4:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            if len(words) > 2 and rng.random() < 0.2:
                i = rng.randrange(len(words))
                words.insert(i, words[i])
        text = " ".join(words)
        if rng.random() < 0.3:
            text = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), text, count=1)
        out.append(text)
    return out


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def sacrebleu_lines(hyp: Path, refs: list[Path], width: int) -> dict[str, str]:
    """Score line per metric key, as ``sacrebleu -f text`` prints it."""
    lines = {}
    for key, args in METRIC_RUNS.items():
        fmt = ["-f", "text", "-w", str(width)]
        out = run([str(BIN / "sacrebleu"), *map(str, refs), "-i", str(hyp), *args, *fmt])
        lines[key] = out.strip()
    return lines


def aligntext_lines(hyp: Path, refs: list[Path], width: int, lang: str) -> dict[str, str]:
    """Score line per metric key from ``aligntext evaluate --format text``."""
    cmd = [str(BIN / "aligntext"), "evaluate", "--hyp", str(hyp), "--no-facts", "-q"]
    for r in refs:
        cmd += ["--ref", str(r)]
    out = run([*cmd, "--lang", lang, "--width", str(width)])
    # The first lines are sacrebleu's score lines, in the order bleu, chrf, chrf++, ter.
    return dict(zip(METRIC_RUNS, out.splitlines()[: len(METRIC_RUNS)], strict=True))


def paired_parity(ref: Path, hyp_a: Path, hyp_b: Path, lang: str) -> bool:
    """p-values of sacrebleu's paired tests: its command line against ``aligntext evaluate``."""
    import json

    same = True
    for test, n in (("bs", 1000), ("ar", 10000)):
        cmd = [str(BIN / "sacrebleu"), str(ref), "-i", str(hyp_a), str(hyp_b)]
        table = run([*cmd, "-m", "bleu", "chrf", "ter", f"--paired-{test}", "-f", "text"])
        theirs = re.findall(r"\(p = ([0-9.]+)\)", table)
        cmd = [str(BIN / "aligntext"), "evaluate", "--hyp", str(hyp_a), "--hyp", str(hyp_b)]
        cmd += ["--ref", str(ref), "--lang", lang, "--no-facts", "-q", "-m", "bleu,chrf,ter"]
        out = run([*cmd, "--paired", test, f"--paired-{test}-n", str(n), "--format", "json"])
        ours = [f"{t['p_value']:.4f}" for t in json.loads(out)["significance"]["tests"]]
        ok = ours == theirs
        same &= ok
        print(f"  paired {test}: sacrebleu p = {theirs}  aligntext p = {ours}  ", end="")
        print("IDENTICAL" if ok else "DIFFERENT")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the xwmt-dev folder")
    parser.add_argument("--langs", default="en,az,ru,tr", help="reference languages")
    args = parser.parse_args()
    all_same = True
    checked = paired_checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, lang in enumerate(args.langs.split(",")):
            ref = args.data / f"fourway.{lang}"
            ref_lines = ref.read_text(encoding="utf-8").split("\n")
            if ref_lines and ref_lines[-1] == "":
                ref_lines.pop()
            hyp = Path(tmp) / f"hyp.{lang}"
            hyp.write_text("\n".join(perturb(ref_lines, seed=k)) + "\n", encoding="utf-8")
            ref2 = Path(tmp) / f"ref2.{lang}"
            ref2.write_text("\n".join(perturb(ref_lines, seed=100 + k)) + "\n", encoding="utf-8")
            for refs in ([ref], [ref, ref2]):
                for width in (1, 16):
                    theirs = sacrebleu_lines(hyp, refs, width)
                    ours = aligntext_lines(hyp, refs, width, lang)
                    label = f"{lang} nrefs={len(refs)} width={width}"
                    print(f"== {label}")
                    for key in METRIC_RUNS:
                        same = theirs[key] == ours[key]
                        all_same &= same
                        checked += 1
                        print(f"  {key:7s} {'IDENTICAL' if same else 'DIFFERENT'}")
                        print(f"    sacrebleu: {theirs[key]}")
                        print(f"    aligntext: {ours[key]}")
            print(f"== {lang} paired tests (BLEU, chrF2, TER), two hypotheses of similar quality")
            hyp_b = Path(tmp) / f"hyp_b.{lang}"
            hyp_b.write_text("\n".join(perturb(ref_lines, seed=50 + k)) + "\n", encoding="utf-8")
            paired_same = paired_parity(ref, hyp, hyp_b, lang)
            all_same &= paired_same
            paired_checked += 1
    verdict = "all identical" if all_same else "MISMATCH"
    print(
        f"\n{checked} score lines (score and signature) and the p-values of "
        f"{paired_checked} x 2 paired tests compared: {verdict}"
    )
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
