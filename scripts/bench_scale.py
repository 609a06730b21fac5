#!/usr/bin/env python
"""Benchmark the scale-out: the local engine against Ray, and folder compare against one
``aligntext compare`` process per statement.

Usage::

    python scripts/bench_scale.py ../shared/data/xwmt-dev [--json] [--statements 50]

Translation: the random-weight model with the exact shape of ``Helsinki-NLP/opus-mt-en-ru``
(Marian, d_model 512, 6+6 layers, vocabulary 62518), converted to CTranslate2 int8, built by
``scripts/bench_translate.py``'s set-up (reused from its ``--workdir``). The English side of
every ``*.en`` file of DATA is cut into files of 25 paragraphs; every output is forced to the
same length (``min_new_tokens = max_new_tokens``), greedy, no segment cache. Each run is a
fresh ``translate_folder`` (model load included):

- ``local``: the local engine, one process, CTranslate2 on all cores;
- ``ray_1``, ``ray_2``: the Ray engine with 1 and 2 workers (one CPU each) on a local Ray
  started before the timing (a cluster is up before a job; its start-up is given apart,
  ``ray_start_s``); the actors' start and model load are in the time.

The driver's own cost: ``driver_s_per_sentence`` is the driver process's CPU time per
sentence during a Ray run (reading, segmenting, planning, cache, writing, manifest, and Ray's
client threads); ``bookkeeping_s_per_sentence`` is the local engine's time per sentence with
an instant translator (the job without a model).

Folder compare: ``--statements`` short statements (5 sentences of ``fourway.en`` and the same
lines of ``fourway.ru`` each) compared as folders in one process (a pool of 2 processes),
against one ``aligntext compare A B --format json`` process per statement, in a row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
PER_FILE = 25


def prepare(data: Path, workdir: Path) -> tuple[Path, int]:
    """Every distinct English line of DATA as files of PER_FILE paragraphs."""
    lines: list[str] = []
    for path in sorted(data.glob("*.en")):
        lines += [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    lines = list(dict.fromkeys(lines))
    indir = workdir / "scale-input"
    shutil.rmtree(indir, ignore_errors=True)
    indir.mkdir(parents=True)
    for start in range(0, len(lines), PER_FILE):
        body = "\n\n".join(lines[start : start + PER_FILE]) + "\n"
        (indir / f"doc{start // PER_FILE:03d}.txt").write_text(body, encoding="utf-8")
    return indir, len(lines)


def translate_run(indir: Path, out: Path, ct2_dir: Path, tokens: int, engine=None) -> dict:
    from aligntext.pipeline import translate_folder
    from aligntext.translate.loader import translator_factory

    factory = translator_factory(
        str(ct2_dir), backend="ct2", device="cpu", beam_size=1,
        options={"min_new_tokens": tokens, "max_new_tokens": tokens},
    )  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    cpu, started = time.process_time(), time.perf_counter()
    run = translate_folder(
        [indir], "en", ["ru"], out, translator_factory=factory, cache=False, engine=engine
    )
    seconds = time.perf_counter() - started
    return {
        "sentences": run.translated,
        "seconds": round(seconds, 2),
        "sents_per_s": round(run.translated / seconds, 2),
        "driver_cpu_s": round(time.process_time() - cpu, 2),
    }


def bookkeeping(indir: Path, out: Path) -> float:
    """Seconds per sentence of the job itself, with a translator that costs nothing."""
    from aligntext.pipeline import translate_folder

    class Instant:
        def __init__(self, src: str, tgt: str) -> None:
            self.src_lang, self.tgt_lang = src, tgt

        def translate(self, sentences, progress=None):
            return list(sentences)

        def signature_fields(self):
            return (("model", "instant"),)

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    run = translate_folder([indir], "en", ["ru"], out, translator_factory=Instant, cache=False)
    return (time.perf_counter() - started) / max(1, run.translated)


def compare_bench(data: Path, workdir: Path, statements: int) -> dict:
    root = workdir / "scale-compare"
    shutil.rmtree(root, ignore_errors=True)
    en = [t for t in (data / "fourway.en").read_text(encoding="utf-8").splitlines() if t]
    ru = [t for t in (data / "fourway.ru").read_text(encoding="utf-8").splitlines() if t]
    for lang, lines in (("en", en), ("ru", ru)):
        (root / lang).mkdir(parents=True)
        for i in range(statements):
            chunk = lines[(i * 5) % len(lines) : (i * 5) % len(lines) + 5]
            (root / lang / f"s{i:03d}.txt").write_text("\n\n".join(chunk) + "\n", "utf-8")
    exe = Path(sys.executable).with_name("aligntext")
    started = time.perf_counter()
    folder = subprocess.run(
        [str(exe), "compare", str(root / "en"), str(root / "ru"), "--langs", "en,ru",
         "--out", str(root / "reports"), "--workers", "2", "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    folder_s = time.perf_counter() - started
    if folder.returncode not in (0, 1):
        raise SystemExit(f"folder compare failed: {folder.stderr}")
    started = time.perf_counter()
    for i in range(statements):
        name = f"s{i:03d}.txt"
        subprocess.run(
            [str(exe), "compare", str(root / "en" / name), str(root / "ru" / name),
             "--langs", "en,ru", "--format", "json", "-o", str(root / f"one-{name}.json")],
            capture_output=True, check=True,
        )  # fmt: skip
    single_s = time.perf_counter() - started
    return {
        "statements": statements,
        "folder_s": round(folder_s, 2),
        "folder_statements_per_s": round(statements / folder_s, 2),
        "one_process_each_s": round(single_s, 2),
        "one_process_each_statements_per_s": round(statements / single_s, 2),
        "speedup": round(single_s / folder_s, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="the xwmt-dev folder (fourway.en, fourway.ru, *.en)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--new-tokens", type=int, default=30, help="forced output length")
    parser.add_argument("--skip", default="", help="comma-separated: translate, compare")
    parser.add_argument("--workdir", default="/tmp/aligntext-bench-translate")
    args = parser.parse_args(argv)
    data, workdir = Path(args.data), Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    skip = set(filter(None, args.skip.split(",")))
    report: dict = {"cpus": os.cpu_count(), "load_avg_before": round(os.getloadavg()[0], 2)}
    if "translate" not in skip:
        sys.path.insert(0, str(SCRIPTS))
        from bench_translate import build_models

        _, ct2_dir = build_models(data, workdir)
        indir, lines = prepare(data, workdir)
        log(f"{lines} paragraphs in {len(list(indir.iterdir()))} files; forced to "
            f"{args.new_tokens} tokens")  # fmt: skip
        local = translate_run(indir, workdir / "scale-local", ct2_dir, args.new_tokens)
        report["local"] = local
        log(f"local engine      {local['sents_per_s']:>7.2f} sent/s ({local['seconds']} s)")
        import ray

        from aligntext.pipeline.ray_engine import RayEngine

        started = time.perf_counter()
        ray.init(include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        report["ray_start_s"] = round(time.perf_counter() - started, 2)
        log(f"ray start         {report['ray_start_s']} s (not in the figures below)")
        for workers in (1, 2):
            r = translate_run(indir, workdir / f"scale-ray{workers}", ct2_dir,
                              args.new_tokens, engine=RayEngine(workers=workers))  # fmt: skip
            same = all(
                (workdir / f"scale-ray{workers}" / "ru" / p.name).read_bytes()
                == (workdir / "scale-local" / "ru" / p.name).read_bytes()
                for p in indir.iterdir()
            )
            r["ratio_to_local"] = round(r["sents_per_s"] / local["sents_per_s"], 3)
            r["driver_s_per_sentence"] = round(r["driver_cpu_s"] / max(1, r["sentences"]), 6)
            r["identical_to_local"] = same
            report[f"ray_{workers}"] = r
            log(f"ray, {workers} worker(s)  {r['sents_per_s']:>7.2f} sent/s ({r['seconds']} s, "
                f"{r['ratio_to_local']}x local; driver {r['driver_s_per_sentence'] * 1000:.2f} "
                f"ms CPU/sentence; identical: {same})")  # fmt: skip
        ray.shutdown()
        per = bookkeeping(indir, workdir / "scale-book")
        report["bookkeeping_s_per_sentence"] = round(per, 6)
        log(f"job bookkeeping   {per * 1000:.2f} ms/sentence (instant translator)")
    if "compare" not in skip:
        c = compare_bench(data, workdir, args.statements)
        report["compare"] = c
        log(f"folder compare    {c['folder_statements_per_s']} statements/s ({c['folder_s']} s); "
            f"one process each {c['one_process_each_statements_per_s']} statements/s "
            f"({c['one_process_each_s']} s): {c['speedup']}x")  # fmt: skip
    report["load_avg_after"] = round(os.getloadavg()[0], 2)
    log(f"load average {report['load_avg_before']} before, {report['load_avg_after']} after")
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
