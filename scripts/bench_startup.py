"""Start-up cost of the command line: median wall time of ``aligntext align`` and ``--help``.

Usage::

    python scripts/bench_startup.py [--runs 10]

Writes two 25-sentence files (an English statement and its Russian version, generated here)
to a temporary folder, then runs ``aligntext align EN RU`` and ``aligntext --help`` ``--runs``
times each as fresh processes and prints the median, minimum and maximum wall time. The
targets are 0.4 s for ``align`` and 0.15 s for ``--help``; on a shared machine run it when
the cores are quiet, or repeat it.
"""

from __future__ import annotations

import argparse
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


def median_wall(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median, minimum and maximum wall seconds of ``runs`` fresh runs of ``args``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    """Print the start-up figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    args = parser.parse_args()
    exe = command()
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
        for name, argv in cases.items():
            med, lo, hi = median_wall(argv, args.runs)
            print(f"{name}: median {med:.3f} s (min {lo:.3f}, max {hi:.3f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
