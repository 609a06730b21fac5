"""Evaluate a folder translated by ``aligntext translate`` against a folder of references.

An example of aligntext's public API. ``aligntext translate ... --tgt ru --out OUT`` mirrors
its input under ``OUT/ru/``; this script matches those files to the reference files by
relative path, scores every file and the whole set (BLEU, chrF, chrF++, TER with sacrebleu's
signatures, plus fact accuracy) and writes:

- ``scores.csv``: one row per file (``ok``, ``missing`` or ``extra``) and a corpus row;
- ``scores.md``: the same as a Markdown table, ready to paste into a report.

Usage:
    python scripts/evaluate_folder.py OUT --tgt ru --ref refs/ru [--report-dir DIR]
        [--input-format lines|doc] [--no-facts]

Exit code 0 when every reference file has a translation, 1 when some are missing,
2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligntext.errors import AligntextError
from aligntext.evaluate import Evaluation, evaluate
from aligntext.io.atomic import atomic_write_text
from aligntext.render.evaluation import render_csv


def markdown_table(ev: Evaluation) -> str:
    """Per-file scores as a Markdown table; missing and extra files listed below it."""
    names = [s.name for s in ev.scores]
    head = ["file", "segments", *names] + (["facts"] if ev.facts else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def facts_cell(accuracy: float | None) -> list[str]:
        if ev.facts is None:
            return []
        return ["n/a" if accuracy is None else f"{100 * accuracy:.1f}%"]

    for f in ev.files:
        cells = [f"`{f.name}`", str(f.segments), *(f"{s.score:.1f}" for s in f.scores)]
        cells += facts_cell(f.facts.accuracy if f.facts else None)
        lines.append("| " + " | ".join(cells) + " |")
    total = ["**all**", str(ev.segments), *(f"**{s.score:.1f}**" for s in ev.scores)]
    total += facts_cell(ev.facts.accuracy if ev.facts else None)
    lines.append("| " + " | ".join(total) + " |")
    lines.append("")
    for s in ev.scores:
        lines.append(f"- {s.name}: `{s.signature}`")
    if ev.missing:
        lines.append("")
        lines.append("Missing translations: " + ", ".join(f"`{n}`" for n in ev.missing))
    if ev.extra:
        lines.append("")
        lines.append("Files without a reference: " + ", ".join(f"`{n}`" for n in ev.extra))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("translated", type=Path, help="the --out folder of aligntext translate")
    parser.add_argument("--tgt", required=True, help="target language (the OUT/<tgt> folder)")
    parser.add_argument("--ref", type=Path, action="append", required=True, help="reference folder")
    parser.add_argument(
        "--report-dir", type=Path, default=Path("evaluation"), help="where to write"
    )
    parser.add_argument("--input-format", choices=("lines", "doc"), default="lines")
    parser.add_argument("--no-facts", action="store_true", help="skip fact accuracy")
    args = parser.parse_args()

    hyp_dir = args.translated / args.tgt
    if not hyp_dir.is_dir():  # also accept the language folder itself
        hyp_dir = args.translated
    try:
        ev = evaluate(
            hyp_dir,
            args.ref,
            lang=args.tgt,
            input_format=args.input_format,
            facts=not args.no_facts,
        )
    except AligntextError as exc:
        print(f"evaluate_folder: error: {exc}", file=sys.stderr)
        return 2
    args.report_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.report_dir / "scores.csv", render_csv(ev))
    table = markdown_table(ev)
    atomic_write_text(args.report_dir / "scores.md", table)
    print(table, end="")
    print(f"wrote {args.report_dir / 'scores.csv'} and {args.report_dir / 'scores.md'}")
    for name in ev.missing:
        print(f"evaluate_folder: warning: no translation of {name}", file=sys.stderr)
    return 1 if ev.missing else 0


if __name__ == "__main__":
    sys.exit(main())
