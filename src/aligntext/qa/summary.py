"""The worst translated sentences of a run, for the summary on stderr and the HTML report.

Sentences are ranked by their worst finding (errors first, then the MT QA's types before the
fact checker's, then how many findings); :mod:`aligntext.render.mt_qa` shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligntext.qa.checks import QA_TYPES
from aligntext.types import Finding, same_messages, severity_rank


@dataclass(frozen=True)
class Flagged:
    """One sentence with findings.

    Args:
        file: the output file, relative to the output folder.
        index: the sentence's 0-based index in the file.
        source: the source sentence.
        target: its translation.
        findings: what is wrong with it.
    """

    file: str
    index: int
    source: str
    target: str
    findings: tuple[Finding, ...]

    @property
    def rank(self) -> tuple[int, int, int]:
        """Sort key: worse first."""
        worst = max(severity_rank(f.severity) for f in self.findings)
        qa = any(f.type in QA_TYPES and severity_rank(f.severity) == worst for f in self.findings)
        return (-worst, 0 if qa else 1, -len(self.findings))

    @property
    def reasons(self) -> list[tuple[str, str, str, int]]:
        """The findings worst first, each message once: ``(severity, type, message, count)``
        (:func:`aligntext.types.same_messages`)."""
        return same_messages(self.findings)

    @property
    def reason(self) -> str:
        """The findings as one line: ``error repetition: ...; warning number: ... (x13)``."""
        return "; ".join(
            f"{sev} {kind}: {message}" + (f" (x{n})" if n > 1 else "")
            for sev, kind, message, n in self.reasons
        )


def collect(
    files: Iterable[tuple[str, Sequence[tuple[int, str, str]], Sequence[Finding]]],
) -> list[Flagged]:
    """Flagged sentences of every file, worst first.

    Args:
        files: per file, its name, its flagged sentences ``(index, source, translation)``
            and its findings (``pair`` is the sentence index).
    """
    out: list[Flagged] = []
    for name, sentences, findings in files:
        by_pair: dict[int, list[Finding]] = {}
        for f in findings:
            by_pair.setdefault(f.pair, []).append(f)
        for index, source, target in sentences:
            if by_pair.get(index):
                out.append(Flagged(name, index, source, target, tuple(by_pair[index])))
    return sorted(out, key=lambda x: (x.rank, x.file, x.index))
