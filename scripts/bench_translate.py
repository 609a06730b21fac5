#!/usr/bin/env python
"""Benchmark batch translation: aligntext against the naive loop and raw CTranslate2.

Usage::

    python scripts/bench_translate.py ../shared/data/xwmt-dev [--json] [--beams 1,4]

Builds (once, in ``--workdir``) a random-weight model with the exact shape of
``Helsinki-NLP/opus-mt-en-ru`` (Marian, d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 62518) with ``scripts/make_tiny_model.py``, but with a SentencePiece model trained
on the benchmark's own English and Russian text (8000 pieces) so that sentences have
realistic token counts (the 300-piece tokenizer of the tests makes a news sentence about 95
tokens, against about 30 with OPUS-MT's). The model is converted to CTranslate2 int8.

The 250 English lines of ``fourway.en`` are split into sentences with aligntext's segmenter
(the same list for every method; numbers-only pieces are dropped, as aligntext copies those),
and every output is forced to the same length (``min_new_tokens = max_new_tokens``,
CTranslate2 ``min_decoding_length = max_decoding_length``; by default the mean token length
of the Russian side), so each method does exactly the same decoding work. Methods, each in its
own subprocess (peak memory is that process's maximum RSS, from ``wait4``):

(a) ``naive_loop``: the tutorial way, ``model.generate`` on one sentence at a time
    (on the first ``--naive-lines`` sentences: it is a rate);
(b) ``hf``: ``aligntext translate`` with the transformers backend, files to files;
(c) ``ct2_raw``: raw CTranslate2 ``translate_batch`` on the int8 model, sorted batches of
    32 sentences (what Argos Translate runs);
(d) ``aligntext_ct2``: ``aligntext translate`` with the CTranslate2 int8 backend, files to
    files (10 ``.txt`` files of 25 paragraphs: read, segment, translate, write, manifest).

Rates are measured after the model is loaded (load time is reported apart, ``load_s``); for
(b) and (d) they include reading, segmenting and writing the files and the manifest (the
translator is built with ``load_translator`` and handed to ``translate_folder``); the segment
cache is off (a cold run). Greedy decoding, then beam 4 (``--beams``). The two CTranslate2
methods run ``--repeat`` times (default 3), alternating, and keep their best run: on a shared
machine the load moves more between runs than these two methods differ. Peak memory is the
largest of a method's runs.
``--json`` prints one JSON object ``{"naive_loop": {...}, "hf": {...}, "ct2_raw": {...},
"aligntext_ct2": {...}}`` (greedy figures, each with ``sents_per_s`` and ``peak_mb``), plus
``beam4``, ``ratios`` and ``setup``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
METHODS = ("naive_loop", "hf", "ct2_raw", "aligntext_ct2")
LABELS = {
    "naive_loop": "(a) naive loop, generate() per sentence",
    "hf": "(b) aligntext translate --backend hf",
    "ct2_raw": "(c) raw CTranslate2 translate_batch, sorted",
    "aligntext_ct2": "(d) aligntext translate --backend ct2",
}
SPM_PIECES = 8000
FAST = ("ct2_raw", "aligntext_ct2")
FILES = 10


# --- set-up (parent) ------------------------------------------------------------------------


def _train_spm_on(texts: list[str]):
    """A replacement for make_tiny_model's tokenizer training: realistic pieces."""

    def train(model_type: str, vocab_size: int) -> bytes:
        import sentencepiece as spm

        buffer = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(texts),
            model_writer=buffer,
            vocab_size=SPM_PIECES,
            model_type=model_type,
            character_coverage=1.0,
            minloglevel=2,
        )
        return buffer.getvalue()

    return train


def build_models(data: Path, workdir: Path) -> tuple[Path, Path]:
    """The transformers model and its CTranslate2 int8 conversion (reused when present)."""
    hf_dir = workdir / "opus-mt-en-ru-shape"
    if not (hf_dir / "model.safetensors").is_file():
        sys.path.insert(0, str(SCRIPTS))
        import make_tiny_model

        texts = []
        for name in ("fourway.en", "fourway.ru", "extra.en-ru.en", "extra.en-ru.ru"):
            if (data / name).is_file():
                texts += [t for t in (data / name).read_text(encoding="utf-8").splitlines() if t]
        make_tiny_model._train_spm = _train_spm_on(texts)
        make_tiny_model.make_tiny_model(hf_dir, "marian", shape="opus-mt-en-ru", seed=0)
    ct2_dir = workdir / "opus-mt-en-ru-shape-ct2-int8"
    from aligntext.translate.ct2 import convert_to_ct2

    convert_to_ct2(str(hf_dir), quantization="int8", output=ct2_dir)
    return hf_dir, ct2_dir


def prepare_inputs(data: Path, workdir: Path, lines: int) -> tuple[list[str], Path]:
    """The sentence list every method translates, and the same text as files."""
    from aligntext.segment import split_sentences

    raw = [t.strip() for t in (data / "fourway.en").read_text(encoding="utf-8").splitlines()]
    raw = [t for t in raw if t][:lines]
    sentences = [
        " ".join(s.split())
        for line in raw
        for s in split_sentences(line, "en")
        if any(c.isalpha() for c in s)
    ]
    indir = workdir / "input"
    shutil.rmtree(indir, ignore_errors=True)
    indir.mkdir(parents=True)
    per_file = -(-len(raw) // FILES)
    for i in range(FILES):
        chunk = raw[i * per_file : (i + 1) * per_file]
        if chunk:
            (indir / f"doc{i:02d}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
    return sentences, indir


def target_length(data: Path, hf_dir: Path, lines: int) -> int:
    """Mean token length of the reference Russian lines: the forced output length."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(hf_dir / "target.spm"))
    ref = [t for t in (data / "fourway.ru").read_text(encoding="utf-8").splitlines() if t]
    return round(statistics.mean(len(sp.encode(t)) for t in ref[:lines])) + 1  # + </s>


def run_worker(method: str, extra: list[str]) -> dict:
    """Run one method in a fresh interpreter; it reports its figures and its own peak RSS
    (``RUSAGE_SELF`` in the child: per method, unlike ``RUSAGE_CHILDREN`` in the parent,
    which keeps the largest child so far)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", method, *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{method} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return result


# --- workers (one per subprocess) -------------------------------------------------------------


def _peak_mb() -> float:
    """This process's peak RSS. VmHWM is reset by exec; ru_maxrss is not (a child forked from
    a big parent would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker_naive(w: argparse.Namespace, sentences: list[str]) -> dict:
    import torch

    torch.set_num_threads(w.threads)
    loading = time.perf_counter()
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(w.hf_dir)
    model = MarianMTModel.from_pretrained(w.hf_dir).to(w.device)
    model.eval()
    started = time.perf_counter()
    lengths = []
    for sentence in sentences:
        inputs = tokenizer(sentence, return_tensors="pt").to(w.device)
        out = model.generate(
            **inputs,
            num_beams=w.beam,
            min_new_tokens=w.new_tokens,
            max_new_tokens=w.new_tokens,
        )
        lengths.append(out.shape[1] - 1)  # minus the decoder start token
        tokenizer.decode(out[0], skip_special_tokens=True)
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "load_s": started - loading,
        "sentences": len(sentences),
        "tokens": sum(lengths),
    }


def worker_ct2_raw(w: argparse.Namespace, sentences: list[str]) -> dict:
    loading = time.perf_counter()
    from aligntext.translate.cuda_libs import preload_cuda12

    preload_cuda12()  # the [gpu] extra's CUDA 12 libraries, on a CUDA 13 machine
    import ctranslate2
    import sentencepiece as spm

    source = spm.SentencePieceProcessor(model_file=str(Path(w.ct2_dir) / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(Path(w.ct2_dir) / "target.spm"))
    translator = ctranslate2.Translator(
        w.ct2_dir,
        device=w.device,
        compute_type="int8" if w.device == "cpu" else "float16",
        intra_threads=w.threads,
    )
    started = time.perf_counter()
    tokens = [[*source.encode(s, out_type=str), "</s>"] for s in sentences]
    # translate_batch sorts by length itself when given more than max_batch_size inputs;
    # sorting here too makes the peer's batches explicit.
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    results = translator.translate_batch(
        [tokens[i] for i in order],
        max_batch_size=32,
        beam_size=w.beam,
        min_decoding_length=w.new_tokens,
        max_decoding_length=w.new_tokens,
    )
    outputs = [""] * len(tokens)
    lengths = 0
    for i, result in zip(order, results, strict=True):
        hyp = result.hypotheses[0]
        lengths += len(hyp) + (1 if len(hyp) < w.new_tokens else 0)  # </s> is not returned
        outputs[i] = target.decode_pieces(hyp)
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "load_s": started - loading,
        "sentences": len(sentences),
        "tokens": lengths,
    }


def worker_aligntext(w: argparse.Namespace, backend: str, expected: int) -> dict:
    loading = time.perf_counter()
    from aligntext.pipeline import translate_folder
    from aligntext.translate import load_translator

    translator = load_translator(
        "en",
        "ru",
        model=w.ct2_dir if backend == "ct2" else w.hf_dir,
        backend=backend,
        device=w.device,
        beam_size=w.beam,
        min_new_tokens=w.new_tokens,
        max_new_tokens=w.new_tokens,
        threads=w.threads,
    )
    load = getattr(translator, "load", None)
    if load is not None:
        load()  # weights now, so the timing below is the job, as for the other methods
    out = Path(w.out_dir)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    run = translate_folder(
        [w.input_dir],
        "en",
        ["ru"],
        out,
        translator_factory=lambda src, tgt: translator,
        cache=False,
    )
    done = time.perf_counter()
    if run.translated != expected:
        print(
            f"warning: aligntext translated {run.translated} sentences, the others {expected}",
            file=sys.stderr,
        )
    return {
        "seconds": done - started,
        "load_s": started - loading,
        "sentences": run.translated,
        "tokens": run.translated * w.new_tokens,
        "files": len(list((out / "ru").glob("*.txt"))),
    }


def worker_main(w: argparse.Namespace) -> int:
    sentences = json.loads(Path(w.sentences).read_text(encoding="utf-8"))
    if w.worker == "naive_loop":
        result = worker_naive(w, sentences[: w.naive_lines])
    elif w.worker == "ct2_raw":
        result = worker_ct2_raw(w, sentences)
    else:
        backend = "hf" if w.worker == "hf" else "ct2"
        result = worker_aligntext(w, backend, len(set(sentences)))
    result["peak_mb"] = round(_peak_mb(), 1)
    print(json.dumps(result))
    return 0


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", help="the xwmt-dev folder (with fourway.en)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--beams", default="1,4", help="beam sizes to run (default 1,4)")
    parser.add_argument("--lines", type=int, default=250, help="lines of fourway.en")
    parser.add_argument(
        "--naive-lines", type=int, default=40, help="sentences for the slow naive loop"
    )
    parser.add_argument("--new-tokens", type=int, default=0, help="forced output length")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--device",
        choices=("cpu", "cuda"),
        default="cpu",
        help="cpu (int8 CTranslate2) or cuda (float16 CTranslate2, float32 transformers)",
    )
    parser.add_argument(
        "--methods", default=",".join(METHODS), help="comma-separated subset of methods"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the two CTranslate2 methods, alternating; the best is kept",
    )
    parser.add_argument(
        "--workdir", default="/tmp/aligntext-bench-translate", help="models and files"
    )
    # worker-mode arguments (internal)
    parser.add_argument("--worker", choices=METHODS, help=argparse.SUPPRESS)
    for name in ("--hf-dir", "--ct2-dir", "--input-dir", "--out-dir", "--sentences"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--beam", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args)
    if not args.data:
        parser.error("give the xwmt-dev folder")
    data = Path(args.data)
    if not (data / "fourway.en").is_file():
        parser.error(f"{data}/fourway.en not found")
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    load_before = os.getloadavg()
    log(f"building the opus-mt-en-ru-shaped model in {workdir} (once) ...")
    hf_dir, ct2_dir = build_models(data, workdir)
    sentences, indir = prepare_inputs(data, workdir, args.lines)
    new_tokens = args.new_tokens or target_length(data, hf_dir, args.lines)
    (workdir / "sentences.json").write_text(json.dumps(sentences), encoding="utf-8")
    methods = [m for m in args.methods.split(",") if m]
    beams = [int(b) for b in args.beams.split(",") if b]
    log(
        f"{len(sentences)} sentences from {args.lines} lines ({len(set(sentences))} distinct), "
        f"output forced to {new_tokens} tokens, {args.device}, {args.threads} threads, "
        f"load average {load_before[0]:.1f}"
    )
    report: dict = {}
    for beam in beams:
        figures: dict = {}
        # The two fast CTranslate2 methods run --repeat times, alternating, best run kept:
        # on a shared machine the load changes between runs more than the methods differ.
        schedule = [m for m in methods if m not in FAST]
        schedule += [m for _ in range(args.repeat) for m in methods if m in FAST]
        for method in schedule:
            extra = [
                "--hf-dir", str(hf_dir), "--ct2-dir", str(ct2_dir), "--input-dir", str(indir),
                "--out-dir", str(workdir / f"out-{method}"), "--sentences",
                str(workdir / "sentences.json"), "--beam", str(beam), "--new-tokens",
                str(new_tokens), "--threads", str(args.threads), "--device", args.device,
                "--naive-lines", str(max(1, args.naive_lines // (2 if beam > 1 else 1))),
            ]  # fmt: skip
            r = run_worker(method, extra)
            rate = r["sentences"] / r["seconds"]
            log(
                f"beam {beam}  {LABELS[method]:<46} {rate:>7.2f} sent/s "
                f"{r['tokens'] / r['seconds']:>8.1f} tok/s  peak {r['peak_mb']:>7.1f} MB  "
                f"({r['sentences']} sentences, {r['seconds']:.1f} s + load {r['load_s']:.1f} s)"
            )
            runs = [*figures.get(method, {}).get("runs", []), round(rate, 2)]
            if method in figures and figures[method]["sents_per_s"] >= rate:
                figures[method]["runs"] = runs
                figures[method]["peak_mb"] = max(figures[method]["peak_mb"], r["peak_mb"])
                continue
            peak = max(r["peak_mb"], figures.get(method, {}).get("peak_mb", 0.0))
            figures[method] = {
                "sents_per_s": round(rate, 2),
                "tgt_tokens_per_s": round(r["tokens"] / r["seconds"], 1),
                "peak_mb": peak,
                "seconds": round(r["seconds"], 2),
                "load_s": round(r["load_s"], 2),
                "sentences": r["sentences"],
                "beam": beam,
                "runs": runs,
            }
        key = "greedy" if beam == 1 else f"beam{beam}"
        report[key] = figures
        ratios = _ratios(figures)
        if ratios:
            log("        " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
    load_after = os.getloadavg()
    out: dict = dict(report.get("greedy", report[next(iter(report))]))
    for key, figures in report.items():
        if key != "greedy":
            out[key] = figures
    out["ratios"] = {key: _ratios(figures) for key, figures in report.items()}
    out["setup"] = {
        "sentences": len(sentences),
        "naive_sentences": min(args.naive_lines, len(sentences)),
        "new_tokens": new_tokens,
        "threads": args.threads,
        "device": args.device,
        "cpus": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "load_avg_before": round(load_before[0], 2),
        "load_avg_after": round(load_after[0], 2),
    }
    log(f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} (shared machine)")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


def _ratios(f: dict) -> dict[str, float]:
    ratios: dict[str, float] = {}
    rate = {k: v["sents_per_s"] for k, v in f.items()}
    if "aligntext_ct2" in rate and "naive_loop" in rate:
        ratios["(d)/(a)"] = round(rate["aligntext_ct2"] / rate["naive_loop"], 2)
    if "aligntext_ct2" in rate and "ct2_raw" in rate:
        ratios["(d)/(c)"] = round(rate["aligntext_ct2"] / rate["ct2_raw"], 3)
    if "hf" in rate and "naive_loop" in rate:
        ratios["(b)/(a)"] = round(rate["hf"] / rate["naive_loop"], 2)
    return ratios


if __name__ == "__main__":
    sys.exit(main())
