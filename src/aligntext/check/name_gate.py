"""Whether a name that went missing was swapped: a small learned decision, precision first.

The name rules (:mod:`aligntext.check.names`) propose "entity X in source; target has Y" when a
source word finds no counterpart and a target word stands unexplained. On real translations
most such proposals are a translated word, a transcription the matchers miss, or a name the
translator moved; a swapped name differs from them in ways no single rule captures. So the
proposal is a warning only when a logistic regression over a handful of features
(:data:`FEATURES`: how name-like and how rare each word is, whether the target word is a known
place or body, how alike the two words are by the learned name matcher, how far apart they
stand) finds positive evidence of a swap; otherwise it is ``info``.

The coefficients and the threshold live in ``aligntext/data/name_gate.tsv``, fitted by
``scripts/fit_name_gate.py`` on the development lines only: genuine pairs against the
benchmark's swapped names, the threshold chosen for a target rate of flagged genuine pairs.
Without the file every proposal stays a warning.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: The features, in order, as the table names them.
FEATURES: tuple[str, ...] = (
    "src_namelike",
    "src_vocabulary",
    "src_zipf",
    "src_acronym",
    "src_concept",
    "tgt_vocabulary",
    "tgt_zipf",
    "tgt_concept",
    "tgt_acronym",
    "similarity",
    "src_best_other",
    "tgt_best_other",
    "position_gap",
    "unexplained",
    "missing",
    "doubtful_path",
)

#: When set (by the fitting script), every proposal's features are appended here with its
#: message before the decision: ``(message, features)``.
recorder: list[tuple[str, tuple[float, ...]]] | None = None


@dataclass(frozen=True)
class Gate:
    """Standardisation, weights and threshold of the fitted decision."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        """The fitted probability that a proposal is a swap."""
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, features, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def parse_gate(text: str) -> Gate:
    """Read ``name_gate.tsv``: ``feature<TAB>mean<TAB>scale<TAB>weight`` lines, then
    ``# bias<TAB>value`` and ``# threshold<TAB>value``."""
    rows: dict[str, tuple[float, float, float]] = {}
    bias = 0.0
    threshold = 0.5
    for line in text.splitlines():
        parts = line.split("\t")
        if parts[0] == "# bias":
            bias = float(parts[1])
        elif parts[0] == "# threshold":
            threshold = float(parts[1])
        elif line and not line.startswith("#"):
            rows[parts[0]] = (float(parts[1]), float(parts[2]), float(parts[3]))
    mean, scale, weights = zip(*(rows.get(f, (0.0, 1.0, 0.0)) for f in FEATURES), strict=True)
    return Gate(tuple(mean), tuple(scale), tuple(weights), bias, threshold)


@lru_cache(maxsize=1)
def default_gate() -> Gate | None:
    """The shipped decision, or ``None`` without its file (every proposal is a warning)."""
    try:
        path = resources.files("aligntext").joinpath("data/name_gate.tsv")
        return parse_gate(path.read_text("utf-8"))
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def decide(message: str, features: Callable[[], tuple[float, ...]]) -> str:
    """The severity of a proposed swap: ``warning`` on evidence, else ``info``.

    ``features`` is called only when needed (recording or a shipped gate).
    """
    gate = default_gate()
    if gate is None and recorder is None:
        return "warning"
    values = features()
    if recorder is not None:
        recorder.append((message, values))
    if gate is None:
        return "warning"
    return "warning" if gate.probability(values) >= gate.threshold else "info"
