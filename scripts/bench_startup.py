"""Start-up cost of the command line: median wall time of ``aligntext align`` and ``--help``.

Usage::

    python scripts/bench_startup.py [--runs 10]

Writes two 25-sentence files (an English statement and its Russian version, generated here)
to a temporary folder, then runs ``aligntext align EN RU`` and ``aligntext --help`` ``--runs``
times each as fresh processes and prints the median, minimum and maximum wall time, and
the median CPU time (user + system), which other work on a shared machine disturbs less.
The targets are 0.4 s wall for ``align`` and 0.15 s for ``--help``; on a shared machine run
it when the cores are quiet, or repeat it. Whether Python finds the package byte-compiled
(``make venv`` compiles it; with ``PYTHONDONTWRITEBYTECODE`` set Python never caches it
itself) changes the ``align`` figure by about a fifth, so the script says which it measured.
The first run also unpacks the language-ID model into the user cache, once.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGIONS = (
    ("Ganja", "Гяндже"),
    ("Shaki", "Шеки"),
    ("Lankaran", "Ленкорани"),
    ("Quba", "Губе"),
    ("Shamakhi", "Шамахы"),
)


def statement(n: int = 25) -> tuple[str, str]:
    """An English statement of ``n`` sentences and its Russian version, one per line."""
    en, ru = [], []
    for k in range(n):
        city_en, city_ru = REGIONS[k % len(REGIONS)]
        count, day = 12 + 7 * k, 1 + k % 28
        en.append(
            f"On {day} March the ministry opened {count} new classrooms in {city_en}, "
            f"and work on the remaining schools will continue this year."
        )
        ru.append(
            f"{day} марта министерство открыло {count} новых классов в {city_ru}, "
            f"а работы в остальных школах продолжатся в этом году."
        )
    return "\n\n".join(en) + "\n", "\n\n".join(ru) + "\n"


def command() -> list[str]:
    """The installed ``aligntext`` script next to this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("aligntext")
    if script.exists():
        return [str(script)]
    found = shutil.which("aligntext")
    return [found] if found else [sys.executable, "-m", "aligntext"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_runs(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``runs`` fresh runs of ``args``."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = _children_cpu(), time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return walls, cpus


def bytecode_state() -> str:
    """Whether the aligntext the command runs finds its modules byte-compiled."""
    spec = importlib.util.find_spec("aligntext.cli")
    cached = bool(spec and spec.cached and os.path.exists(spec.cached))
    return "byte-compiled" if cached else "not byte-compiled (compiled on every run)"


def main() -> None:
    """Print the start-up figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    args = parser.parse_args()
    exe = command()
    print(f"aligntext package: {bytecode_state()}")
    with tempfile.TemporaryDirectory() as tmp:
        en, ru = statement()
        (Path(tmp) / "en.txt").write_text(en, encoding="utf-8")
        (Path(tmp) / "ru.txt").write_text(ru, encoding="utf-8")
        cases = {
            "aligntext align en.txt ru.txt (25 sentences)": [
                *exe,
                "align",
                str(Path(tmp) / "en.txt"),
                str(Path(tmp) / "ru.txt"),
            ],
            "aligntext --help": [*exe, "--help"],
        }
        subprocess.run(cases[next(iter(cases))], check=True, capture_output=True)  # warm caches
        for name, argv in cases.items():
            walls, cpus = timed_runs(argv, args.runs)
            print(
                f"{name}: median {statistics.median(walls):.3f} s wall (min {min(walls):.3f}, "
                f"max {max(walls):.3f}), {statistics.median(cpus):.3f} s CPU, {args.runs} runs"
            )


if __name__ == "__main__":
    main()
