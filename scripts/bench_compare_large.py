#!/usr/bin/env python
"""Benchmark ``aligntext compare`` on large documents built from the sample corpus.

Usage::

    python scripts/bench_compare_large.py [--mb 1.0] [--ways 2,4] [--formats json,html]
        [--keep DIR] [--profile]

Builds, deterministically, one long statement per language (en, az, ru, tr) from the three
sample statements in ``corpora/`` (never from ``../shared``): their bodies (headline and
dateline left out after the first copy) are repeated, in turn, until the English version
holds about ``--mb`` MiB. In copy ``k`` every figure that all four versions of a paragraph
write in digits is changed alike in each (those of three or more digits raised by ``k``,
smaller ones moved within 1-28 so that a day stays a day), so that most sentences differ
from copy to copy while the versions still agree, except for the corpus' planted
differences, which recur in every copy.

Then runs ``aligntext compare`` on the first two versions (en az) and on all four, once per
output format, each in a fresh process, and prints per run: CPU seconds (user + system of
the child, which is what the machine spends; wall time depends on what else runs), peak
resident memory and the size of what was written. ``--keep DIR`` keeps the documents and
the outputs there (to diff the JSON of two versions of the code byte for byte: the
compares run in that folder with bare file names, and with ``PYTHONHASHSEED=0`` unless it is
set);
``--profile`` runs each compare under cProfile and keeps ``DIR/<run>.prof``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGS = ("en", "az", "ru", "tr")
CORPUS = Path(__file__).resolve().parents[1] / "corpora"
DOCS = ("un-membership", "demining-kalbajar", "trade-agreement")
_DIGITS = re.compile(r"\d+")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _shared_figures(versions: list[str]) -> set[str]:
    """The digit runs that every version of a paragraph writes in digits (a figure one
    version spells out, "Thirty years" / "30 il", is left alone: changing it in some
    versions only would plant a difference)."""
    found = [set(_DIGITS.findall(p)) for p in versions]
    return set.intersection(*found) if found else set()


def _shift(paragraph: str, k: int, shared: set[str]) -> str:
    """``paragraph`` of copy ``k`` with its shared figures changed: figures of three or more
    digits raised by ``k``, smaller ones moved within 1-28 (a day stays a day)."""

    def new(m: re.Match[str]) -> str:
        digits = m.group()
        if digits not in shared or digits.startswith("0"):
            return digits
        n = int(digits)
        if n >= 100:
            return str(n + k)
        if 1 <= n <= 28:
            return str((n - 1 + k) % 28 + 1)
        return digits

    return _DIGITS.sub(new, paragraph)


def build_documents(folder: Path, mb: float) -> dict[str, Path]:
    """Write ``folder/<lang>.txt`` for each language; return the paths."""
    bodies = {
        lang: [_paragraphs((CORPUS / doc / f"{lang}.txt").read_text("utf-8")) for doc in DOCS]
        for lang in LANGS
    }
    target = int(mb * 1024 * 1024)
    out: dict[str, list[str]] = {lang: list(bodies[lang][0][:2]) for lang in LANGS}
    size = sum(len(p.encode("utf-8")) + 2 for p in out["en"])
    k = 0
    while size < target:
        d = k % len(DOCS)
        paras = zip(*(bodies[lang][d][2:] for lang in LANGS), strict=True)
        for versions in paras:
            shared = _shared_figures(list(versions))
            for lang, paragraph in zip(LANGS, versions, strict=True):
                # The body only: a headline and a dateline in the middle of a statement
                # would be one-segment paragraphs that no statement has.
                out[lang].append(_shift(paragraph, k, shared))
        size += sum(len(p.encode("utf-8")) + 2 for p in bodies["en"][d][2:])
        k += 1
    paths = {}
    for lang in LANGS:
        path = folder / f"{lang}.txt"
        path.write_text("\n\n".join(out[lang]) + "\n", "utf-8")
        paths[lang] = path
    return paths


def run_compare(
    files: list[Path], fmt: str, output: Path, profile: Path | None
) -> tuple[float, float, float, int]:
    """Run ``aligntext compare`` in a fresh process; CPU s, wall s, peak RSS MiB, output bytes."""
    langs = ",".join(p.stem for p in files)
    # Run in the documents' folder with bare names, so that the report (which names the
    # files) is the same byte for byte whatever folder it ran in.
    names = [p.name for p in files]
    args = ["compare", *names, "--langs", langs, "--format", fmt, "-o", str(output.resolve())]
    args.append("--quiet")
    if profile is not None:
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "aligntext", *args]
    else:
        cmd = [sys.executable, "-m", "aligntext", *args]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=files[0].parent, env=_child_env()
        )
        # wait4 gives this child's own resource use (RUSAGE_CHILDREN would sum CPU over all
        # children and keep the largest peak of any).
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if child.returncode not in (0, 1):
        sys.exit(f"compare failed ({child.returncode}): {stderr.strip()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return cpu, wall, rss_mb, output.stat().st_size


def _child_env() -> dict[str, str]:
    """This environment with ``PYTHONPATH``'s entries made absolute (the child runs in the
    documents' folder, where a relative entry would point elsewhere)."""
    env = dict(os.environ)
    paths = [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def main(argv: list[str] | None = None) -> None:
    """Build the documents, run the compares and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="MiB of English text (default 1)")
    ap.add_argument("--ways", default="2,4", help="versions per run, comma-separated (2,4)")
    ap.add_argument("--formats", default="json,html", help="output formats (json,html)")
    ap.add_argument("--keep", type=Path, default=None, help="keep documents and outputs here")
    ap.add_argument("--profile", action="store_true", help="cProfile each run into --keep")
    a = ap.parse_args(argv)
    if a.profile and a.keep is None:
        ap.error("--profile needs --keep DIR for the profiles")
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        folder = a.keep if a.keep is not None else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = build_documents(folder, a.mb)
        sizes = ", ".join(f"{lang} {paths[lang].stat().st_size / 1e6:.2f} MB" for lang in LANGS)
        print(f"documents: {sizes}")
        print(f"{'run':<14} {'CPU s':>8} {'wall s':>8} {'peak MiB':>9} {'output':>12}")
        for ways in (int(w) for w in a.ways.split(",")):
            files = [paths[lang] for lang in LANGS[:ways]]
            for fmt in a.formats.split(","):
                name = f"{ways}way-{fmt}"
                prof = (folder / f"{name}.prof").resolve() if a.profile else None
                cpu, wall, rss, size = run_compare(files, fmt, folder / f"{name}.{fmt}", prof)
                print(f"{name:<14} {cpu:8.1f} {wall:8.1f} {rss:9.0f} {size:12,d}")
        if a.keep is not None:
            print(f"kept in {a.keep}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
