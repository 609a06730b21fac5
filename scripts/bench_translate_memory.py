#!/usr/bin/env python
"""Benchmark the translate job's memory and its rerun cost, without a model.

Usage::

    python scripts/bench_translate_memory.py [--files 5] [--mib 20] [--workdir DIR]

Builds ``--files`` English text files of about ``--mib`` MiB each from the bundled sample
statements (``corpora/*/en.*``, numbers varied per paragraph so no two are alike), then, each
in a fresh process:

- ``first``: ``translate_folder`` into ru with an instant translator (upper-case), no segment
  cache: the job's own bookkeeping (read, segment, plan, write, manifest), no model;
- ``rerun``: the same job again, every file finished.

Prints seconds and the process's peak resident memory (``ru_maxrss``) for each. The job
promises memory bounded per input (docs/reliability.md): the peak should follow one file's
size and one chunk, not the whole job's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from aligntext.pipeline import translate_folder

class Upper:
    def __init__(self, src, tgt):
        self.src_lang, self.tgt_lang = src, tgt
    def translate(self, sentences, progress=None):
        if progress is not None:
            progress(len(sentences))
        return [s.upper() for s in sentences]
    def signature_fields(self):
        return (("model", "upper"),)

started = time.perf_counter()
run = translate_folder([sys.argv[1]], "en", ["ru"], sys.argv[2], cache=False,
                       translator_factory=Upper, max_input_mb=float("inf"))
print(json.dumps({
    "seconds": round(time.perf_counter() - started, 2),
    "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "statuses": sorted({f.status for f in run.files}),
    "sentences": run.sentences,
}))
"""


def build(folder: Path, files: int, mib: float) -> int:
    """Write the input files; return their total size in bytes."""
    paragraphs = [
        p.strip()
        for path in sorted(ROOT.glob("corpora/*/en.*"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for f in range(files):
        parts: list[str] = []
        size, n = 0, 0
        while size < mib * (1 << 20):
            text = paragraphs[n % len(paragraphs)] + f" Item {f}-{n} is noted."
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            n += 1
        data = "\n\n".join(parts) + "\n"
        (folder / f"doc{f}.txt").write_text(data, encoding="utf-8")
        total += len(data.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--mib", type=float, default=20.0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        inputs, out = work / "in", work / "out"
        total = build(inputs, args.files, args.mib)
        print(f"inputs: {args.files} files, {total / (1 << 20):.1f} MiB in all")
        for label in ("first", "rerun"):
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(inputs), str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{label:5}  {figures['seconds']:7.2f} s  peak {figures['peak_mib']:6} MiB  "
                f"{figures['sentences']} sentences  {'/'.join(figures['statuses'])}"
            )


if __name__ == "__main__":
    main()
