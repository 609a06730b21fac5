#!/usr/bin/env python
"""Crash test of ``aligntext translate``: random kills, each followed by a resume.

Usage::

    python scripts/crash_test.py N [--files 200] [--seed 0] [--workdir DIR] [--keep]

Builds a tiny random-weight Marian model with ``scripts/make_tiny_model.py`` (converted to
CTranslate2 int8 on first use), writes ``--files`` small English statements (.txt, .md and
.html, with boilerplate repeated across files and sentences of varied length), and translates
them twice without interruption: the reference outputs, and a check that two whole runs
agree. Then, N times, with a fresh output folder and cache: start the same translation, send
it ``kill -9``, SIGTERM or SIGINT (chosen at random) at a random moment of the run, and run
the same command again to the end (the resume). It prints, over the N trials:

- where the signals landed: during start-up (no manifest yet), while translating, while
  writing the files, or after the run had already ended (a trial aims at a random time, a
  random moment of translation, or the moment a random number of files is done);
- resumes that finished: the resume exited 0 and its manifest says ``finished``;
- outputs byte-identical to the uninterrupted run: every file under ``OUT/ru``;
- leftover temporary files: ``.part`` files and the lock file after the resume;
- cache and manifest intact: SQLite ``integrity_check`` is ``ok``, the manifest is valid
  JSON, every entry is ``done`` with the sha256 of its source and its output exists.

The target, for N = 30, is 30 / 30 / 0 / 30. Exit code 0 when it is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUBJECTS = (
    "The Ministry", "The delegation", "The committee", "Parliament", "The President",
    "The Central Bank", "The government", "The mayor of Baku", "The trade mission",
)  # fmt: skip
VERBS = (
    "approved", "discussed", "published", "signed", "reviewed", "welcomed", "announced",
    "postponed", "rejected", "presented",
)  # fmt: skip
OBJECTS = (
    "the budget", "a new agreement", "the annual report", "the railway project",
    "the plan for next year", "three memoranda", "the results of the talks",
    "a programme of reforms", "the figures for exports", "the new tariffs",
)  # fmt: skip
TAILS = (
    "on Monday", "in March 2024", "after a long debate", "by 95 votes to 12",
    "with the partners from Turkey", "at the request of the regions", "",
    "despite the objections of the opposition and several independent experts",
)  # fmt: skip
BOILERPLATE = "The full text will be published on the official website next week."


def sentence(rng: random.Random) -> str:
    """One statement-like sentence of 4 to about 25 words."""
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    for _ in range(rng.randint(0, 2)):
        tail = rng.choice(TAILS)
        if tail:
            words.append(tail)
    return " ".join(words) + "."


def write_inputs(folder: Path, count: int, seed: int) -> None:
    """``count`` small statements in .txt, .md and .html under ``folder``."""
    rng = random.Random(seed)
    for i in range(count):
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(1, 4))
        ]
        if rng.random() < 0.5:
            paragraphs.append(BOILERPLATE)
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        kind = i % 3
        if kind == 0:
            (sub / f"s{i:03}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        elif kind == 1:
            body = "\n\n".join(f"- {p}" if j % 2 else p for j, p in enumerate(paragraphs))
            (sub / f"s{i:03}.md").write_text(f"# Statement {i}\n\n{body}\n", encoding="utf-8")
        else:
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            (sub / f"s{i:03}.html").write_text(
                f"<html><head><title>Statement {i}</title></head><body><article>"
                f"<h1>Statement {i}</h1>{body}</article></body></html>\n",
                encoding="utf-8",
            )


def command(inputs: Path, out: Path, cache: Path, model: Path) -> list[str]:
    """The translate command every run uses (the resume is the same command)."""
    return [
        sys.executable, "-m", "aligntext", "translate", str(inputs), "--src", "en",
        "--tgt", "ru", "--out", str(out), "--model", str(model), "--backend", "ct2",
        "--device", "cpu", "--beam", "1", "--cache", str(cache), "-q",
    ]  # fmt: skip


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(out: Path) -> list[Path]:
    """Temporary files a run must not leave: .part files and the lock file."""
    found = [p for p in out.rglob("*") if p.name.endswith(".part") or ".part." in p.name]
    lock = out / ".aligntext-translate.lock"
    return found + ([lock] if lock.exists() else [])


def intact(out: Path, cache: Path, inputs: Path) -> tuple[bool, str]:
    """Whether the cache and the manifest are whole and agree with the outputs."""
    try:
        with sqlite3.connect(str(cache)) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            rows = conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return False, f"cache: {exc}"
    if check != "ok" or rows == 0:
        return False, f"cache: integrity {check}, {rows} rows"
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return False, f"manifest: {exc}"
    if manifest.get("state") != "finished":
        return False, f"manifest state {manifest.get('state')}"
    files = manifest.get("files", {})
    expected = {f"ru/{p.relative_to(inputs).as_posix()}" for p in inputs.rglob("*") if p.is_file()}
    if set(files) != expected:
        return False, f"manifest lists {len(files)} files, inputs are {len(expected)}"
    for rel, entry in files.items():
        source = Path(entry["source"])
        if entry.get("status") != "done" or not (out / rel).is_file():
            return False, f"{rel}: {entry.get('status')}"
        if hashlib.sha256(source.read_bytes()).hexdigest() != entry.get("sha256"):
            return False, f"{rel}: sha256 differs"
    return True, "ok"


def _manifest_files(path: Path) -> dict[str, dict]:
    """The ``files`` of a manifest being written by another process ({} if none yet)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


@dataclass
class Trial:
    """What one kill-and-resume trial found."""

    signal: str
    delay: float
    phase: str  # start-up (no manifest yet), translating, writing, or after (run ended)
    killed_rc: int | None
    resumed: bool
    identical: bool
    leftover: int
    intact: bool
    note: str


def run_trial(
    rng: random.Random, work: Path, inputs: Path, model: Path, env: dict[str, str], span: float,
    reference: dict[str, str], number: int,
) -> Trial:  # fmt: skip
    out, cache = work / f"out{number}", work / f"cache{number}.sqlite"
    cmd = command(inputs, out, cache, model)
    sig = rng.choice((signal.SIGKILL, signal.SIGTERM, signal.SIGINT))
    # A signal at a random time mostly lands in start-up or translation: writing the files
    # is the short end of a run. So a trial aims at one of three kinds of moment: a random time,
    # a random time once the manifest lists the files (translating), or the moment the
    # k-th file is done (writing, k at random).
    aim = rng.choice(("time", "translating", "writing", "writing"))
    delay = rng.uniform(0.05, 0.9) * span
    after = rng.uniform(0.0, 0.5) * span
    k = rng.randint(1, max(1, len(reference) - 1))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.perf_counter()
    seen_pending: float | None = None
    while proc.poll() is None:
        now = time.perf_counter() - started
        files = _manifest_files(out / "manifest.json")
        if seen_pending is None and files:
            seen_pending = now
        done = sum(1 for e in files.values() if e.get("status") == "done")
        if (
            (aim == "time" and now >= delay)
            or (aim == "translating" and seen_pending is not None and now >= seen_pending + after)
            or (aim == "writing" and done >= k)
        ):
            break
        time.sleep(0.005)
    delay = time.perf_counter() - started
    killed_rc: int | None = None
    phase = "after"
    if proc.poll() is None:
        files = _manifest_files(out / "manifest.json")
        done = sum(1 for e in files.values() if e.get("status") == "done")
        phase = "writing" if done else ("translating" if files else "start-up")
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=600)
    killed_rc = proc.returncode
    traceback = b"Traceback" in err
    resume = subprocess.run(cmd, env=env, capture_output=True, timeout=900)
    state = ""
    with contextlib.suppress(OSError, ValueError, KeyError):
        state = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["state"]
    resumed = resume.returncode == 0 and state == "finished"
    identical = (out / "ru").is_dir() and digests(out / "ru") == reference
    left = len(leftovers(out))
    ok, why = intact(out, cache, inputs)
    note = why if not ok else ""
    if traceback:
        note = (note + "; " if note else "") + "traceback on the interrupted run"
    if not resumed:
        note += f"; resume rc {resume.returncode}: {resume.stderr.decode()[-300:]}"
    shutil.rmtree(out, ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{cache}{suffix}").unlink(missing_ok=True)
    return Trial(
        signal.Signals(sig).name, delay, phase, killed_rc, resumed, identical, left, ok, note
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of kill-and-resume trials")
    parser.add_argument("--files", type=int, default=200, help="input files (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="where to work (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    work = Path(args.workdir or tempfile.mkdtemp(prefix="aligntext-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({"ALIGNTEXT_MODELS": str(work / "models"), "HF_HUB_OFFLINE": "1"})
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    try:
        model = work / "model"
        if not (model / "config.json").is_file():
            sys.path.insert(0, str(ROOT / "scripts"))
            from make_tiny_model import make_tiny_model

            make_tiny_model(model, "marian")
        inputs = work / "in"
        shutil.rmtree(inputs, ignore_errors=True)
        write_inputs(inputs, args.files, args.seed)

        # The first whole run also converts the model; the second one is timed.
        refs = []
        span = 0.0
        for k in (1, 2):
            out, cache = work / f"ref{k}", work / f"ref{k}.sqlite"
            shutil.rmtree(out, ignore_errors=True)
            cache.unlink(missing_ok=True)
            started = time.perf_counter()
            done = subprocess.run(
                command(inputs, out, cache, model), env=env, capture_output=True, timeout=900
            )
            span = time.perf_counter() - started
            if done.returncode != 0:
                print(done.stderr.decode(), file=sys.stderr)
                return 2
            refs.append(digests(out / "ru"))
        reference = refs[0]
        print(
            f"reference: {len(reference)} files, whole run {span:.1f} s; two whole runs "
            f"{'agree' if refs[0] == refs[1] else 'DIFFER'}"
        )

        rng = random.Random(args.seed)
        trials = []
        for number in range(1, args.n + 1):
            trial = run_trial(rng, work, inputs, model, env, span, reference, number)
            trials.append(trial)
            print(
                f"trial {number:3}: {trial.signal:<7} at {trial.delay:5.2f} s ({trial.phase}) "
                f"-> rc {trial.killed_rc}; resumed {trial.resumed}, identical {trial.identical}, "
                f"leftover {trial.leftover}, intact {trial.intact} {trial.note}",
                flush=True,
            )
        n = len(trials)
        resumed = sum(t.resumed for t in trials)
        identical = sum(t.identical for t in trials)
        left = sum(t.leftover for t in trials)
        whole = sum(t.intact for t in trials)
        moments = ("start-up", "translating", "writing", "after")
        phases = {p: sum(t.phase == p for t in trials) for p in moments}
        print("signals landed: " + ", ".join(f"{k} {v}" for k, v in phases.items()))
        print(f"resumes that finished: {resumed}/{n}")
        print(f"outputs byte-identical to an uninterrupted run: {identical}/{n}")
        print(f"leftover temporary files: {left}")
        print(f"cache and manifest intact: {whole}/{n}")
        print(f"summary: {resumed} / {identical} / {left} / {whole}")
        return 0 if resumed == identical == whole == n and left == 0 else 1
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
