"""The ``aligntext`` command line: the only package that parses arguments, prints or exits.

One module per command (:mod:`~aligntext.cli.segment`, :mod:`~aligntext.cli.detect`,
:mod:`~aligntext.cli.translate`, :mod:`~aligntext.cli.models`, :mod:`~aligntext.cli.align`,
:mod:`~aligntext.cli.check`, :mod:`~aligntext.cli.compare`, :mod:`~aligntext.cli.evaluate`);
:mod:`~aligntext.cli._util` holds the group, the shared options and the error handling.
Importing this package registers every command on :data:`cli`.
"""

from __future__ import annotations

import sys

# Importing the command modules registers their commands on the group.
from aligntext.cli import align, check, compare, detect, evaluate, models, segment, translate
from aligntext.cli._util import EXIT_BAD_INPUT, CliError, cli

__all__ = [
    "EXIT_BAD_INPUT",
    "CliError",
    "align",
    "check",
    "cli",
    "compare",
    "detect",
    "evaluate",
    "main",
    "models",
    "segment",
    "translate",
]

#: Commands that run translation models, whose linear algebra may use OpenBLAS's threads.
_MODEL_COMMANDS = ("translate", "models")


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] not in _MODEL_COMMANDS:
        # numpy's OpenBLAS starts a pool of spinning threads on import; the aligner's small
        # arrays gain nothing from it, and on two busy cores the pool costs ~50 ms of CPU per
        # command. A value the user set wins.
        import os

        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli.main(args=argv, prog_name="aligntext", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
