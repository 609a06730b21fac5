"""``truncated``: a translation that stops before its source does.

A model that hits its length limit, or ends the sentence too early (which long inputs
provoke), leaves output that does not end as a sentence does, or ends as one but is far
shorter than the source asks for. The first is read off the last mark: the source ends with
a full stop (or ``!``, ``?``, ``:`` ...) and the target does not. Only the shorter such
targets count: a translator may drop a final mark or end on a quote, at normal length.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligntext.qa.text import ends_sentence, last_mark

# A target with no final mark counts as cut off when its length z-score is below this ...
Z_NO_MARK = 0.0
# ... and is an error below this.
Z_NO_MARK_ERROR = -1.0
# A target that ends on a comma, a dash or a conjunction's punctuation: cut mid-clause.
_DANGLING = ",;-–—(«“„"


@dataclass(frozen=True)
class TruncationHit:
    """A cut-off target: message and severity."""

    message: str
    severity: str


def find_truncation(src: str, tgt: str, z: float) -> TruncationHit | None:
    """Whether ``tgt`` looks cut off, given the length z-score ``z`` of the pair."""
    if not tgt.strip():
        return None
    mark = last_mark(tgt)
    if ends_sentence(src) and not ends_sentence(tgt) and z < Z_NO_MARK:
        sev = "error" if z < Z_NO_MARK_ERROR or mark in _DANGLING else "warning"
        return TruncationHit(
            "target stops mid-sentence: the source ends with "
            f'"{last_mark(src)}", the target with "{mark}"',
            sev,
        )
    return None
