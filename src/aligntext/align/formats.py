"""Alignments as text: JSON lines, TSV, TMX and a side-by-side view.

The JSON-lines shape is a contract other tools rely on: one bead per line,
``{"src": [i, ...], "tgt": [j, ...], "score": x, "confidence": c}``, 0-based segment indices,
beads in document order covering every segment exactly once. Machine formats (JSON lines,
the TSV's ``*_index`` columns) count segments from 0; the text views, read by people, number
beads, rows and sentences from 1 (docs/cli.md).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from aligntext.errors import InputError
from aligntext.io.txt import squash
from aligntext.types import LOW_CONFIDENCE, Alignment, MultiAlignment, Segment

#: Output formats of a two-version alignment.
FORMATS: tuple[str, ...] = ("jsonl", "tsv", "tmx", "text")
#: Output formats of a multi-way alignment.
MULTI_FORMATS: tuple[str, ...] = ("jsonl", "tsv", "text")


def _join(segments: tuple[Segment, ...], indices: tuple[int, ...]) -> str:
    return " ".join(segments[k].text for k in indices)


def _one_line(text: str) -> str:
    return squash(text)


def to_jsonl(alignment: Alignment) -> str:
    """One JSON object per bead: ``src``, ``tgt`` (index lists), ``score``, ``confidence``."""
    lines = [
        json.dumps(
            {
                "src": list(b.src),
                "tgt": list(b.tgt),
                "score": b.score,
                "confidence": b.confidence,
            }
        )
        for b in alignment.beads
    ]
    return "".join(line + "\n" for line in lines)


def bead_texts(alignment: Alignment) -> list[tuple[str, str]]:
    """``(source text, target text)`` per bead; a bead's sentences are joined by a space."""
    if not alignment.src and not alignment.tgt and alignment.beads:
        raise InputError("the alignment carries no segment texts; align Segment objects or strings")
    return [(_join(alignment.src, b.src), _join(alignment.tgt, b.tgt)) for b in alignment.beads]


def _labels(langs: Sequence[str]) -> list[str]:
    """A column label per version: its language code, numbered when a language repeats."""
    return [
        lang if list(langs).count(lang) == 1 else f"{lang}{k + 1}" for k, lang in enumerate(langs)
    ]


#: The header of a two-version TSV after the two language columns.
TSV_INDEX_COLUMNS: tuple[str, ...] = ("src_index", "tgt_index", "score", "confidence")


def to_tsv(alignment: Alignment) -> str:
    """A header, then one line per bead: ``source<TAB>target<TAB>src indices<TAB>tgt
    indices<TAB>score<TAB>confidence``.

    The header names the two languages and the other columns (``en  ru  src_index
    tgt_index  score  confidence``), as the multi-way TSV names its versions; ``aligntext
    check`` recognises it. The first two columns make it a bitext other tools read; an
    unaligned sentence has an empty column; indices are 0-based and comma-separated.
    """
    lines = ["\t".join((*_labels((alignment.src_lang, alignment.tgt_lang)), *TSV_INDEX_COLUMNS))]
    for b, (s, t) in zip(alignment.beads, bead_texts(alignment), strict=True):
        lines.append(
            "\t".join(
                (
                    _one_line(s),
                    _one_line(t),
                    ",".join(map(str, b.src)),
                    ",".join(map(str, b.tgt)),
                    f"{b.score:.4f}",
                    f"{b.confidence:.4f}",
                )
            )
        )
    return "".join(line + "\n" for line in lines)


def unmatched_sentences(alignment: Alignment) -> tuple[int, int]:
    """How many source and target sentences have no counterpart (beads with an empty side)."""
    src = sum(len(b.src) for b in alignment.beads if not b.tgt)
    tgt = sum(len(b.tgt) for b in alignment.beads if not b.src)
    return src, tgt


def to_tmx(alignment: Alignment) -> bytes:
    """A TMX 1.4b translation memory (UTF-8 bytes) of the aligned beads.

    Beads with an empty side (a dropped or added sentence) are left out: a translation memory
    holds translations only. :func:`unmatched_sentences` counts them, for the caller to say.
    """
    from aligntext.io.bitext import write_tmx

    pairs = [
        (s, t)
        for b, (s, t) in zip(alignment.beads, bead_texts(alignment), strict=True)
        if b.src and b.tgt
    ]
    return write_tmx(pairs, alignment.src_lang, alignment.tgt_lang)


def _numbers(indices: Sequence[int]) -> str:
    """0-based segment indices as the 1-based sentence numbers a reader counts (``-``: none)."""
    return ",".join(str(i + 1) for i in indices) or "-"


def _side_by_side(left: str, right: str, width: int) -> list[str]:
    col = max((width - 3) // 2, 10)
    a = textwrap.wrap(left, col) or [""]
    b = textwrap.wrap(right, col) or [""]
    a += [""] * (len(b) - len(a))
    b += [""] * (len(a) - len(b))
    return [f"{x:<{col}} | {y}".rstrip() for x, y in zip(a, b, strict=True)]


def to_text(alignment: Alignment, width: int = 100) -> str:
    """A side-by-side view for people: one block per bead, low confidence marked; beads and
    sentences are numbered from 1."""
    out = [f"{alignment.src_lang} | {alignment.tgt_lang}"]
    beads = zip(alignment.beads, bead_texts(alignment), strict=True)
    for k, (b, (s, t)) in enumerate(beads, start=1):
        flag = "  LOW CONFIDENCE" if b.confidence < LOW_CONFIDENCE else ""
        src = _numbers(b.src)
        tgt = _numbers(b.tgt)
        out.append(
            f"--- bead {k}: {b.kind}  src {src}  tgt {tgt}  score {b.score:.2f}  "
            f"confidence {b.confidence:.2f}{flag}"
        )
        out.extend(_side_by_side(s, t, width))
    for w in alignment.warnings:
        out.append(f"warning: {w}")
    return "\n".join(out) + "\n"


def format_alignment(alignment: Alignment, fmt: str) -> str | bytes:
    """Render ``alignment`` in one of :data:`FORMATS` (TMX as bytes, the others as str)."""
    if fmt == "jsonl":
        return to_jsonl(alignment)
    if fmt == "tsv":
        return to_tsv(alignment)
    if fmt == "tmx":
        return to_tmx(alignment)
    if fmt == "text":
        return to_text(alignment)
    raise InputError(f"unknown alignment format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- multi-way ---------------------------------------------------------------------------


def version_labels(multi: MultiAlignment) -> list[str]:
    """A label per version: its language code, numbered when a language repeats."""
    return _labels(multi.langs)


def multi_to_jsonl(multi: MultiAlignment) -> str:
    """One JSON object per row: version label -> list of segment indices."""
    labels = version_labels(multi)
    lines = [
        json.dumps({lab: list(ix) for lab, ix in zip(labels, row, strict=True)})
        for row in multi.rows
    ]
    return "".join(line + "\n" for line in lines)


def multi_to_tsv(multi: MultiAlignment) -> str:
    """A header of version labels, then one line per row with each version's text."""
    labels = version_labels(multi)
    lines = ["\t".join(labels)]
    for row in multi.rows:
        cells = [_one_line(_join(segs, ix)) for segs, ix in zip(multi.segments, row, strict=True)]
        lines.append("\t".join(cells))
    return "".join(line + "\n" for line in lines)


def multi_to_text(multi: MultiAlignment, width: int = 100) -> str:
    """One block per row, one line per version: ``label [sentence numbers] text`` (rows and
    sentences numbered from 1)."""
    labels = version_labels(multi)
    pad = max(len(x) for x in labels)
    out = []
    for k, row in enumerate(multi.rows, start=1):
        out.append(f"--- row {k}")
        for lab, segs, ix in zip(labels, multi.segments, row, strict=True):
            where = _numbers(ix)
            text = _join(segs, ix) if ix else ""
            lines = textwrap.wrap(text, max(width - pad - 12, 20)) or [""]
            out.append(f"{lab:<{pad}} [{where}] {lines[0]}".rstrip())
            out.extend(" " * (pad + 3 + len(where)) + line for line in lines[1:])
    for w in multi.warnings:
        out.append(f"warning: {w}")
    return "\n".join(out) + "\n"


def format_multi(multi: MultiAlignment, fmt: str) -> str:
    """Render a multi-way alignment in one of :data:`MULTI_FORMATS`."""
    if fmt == "jsonl":
        return multi_to_jsonl(multi)
    if fmt == "tsv":
        return multi_to_tsv(multi)
    if fmt == "text":
        return multi_to_text(multi)
    raise InputError(
        f"format {fmt!r} cannot hold a multi-way alignment; use one of {', '.join(MULTI_FORMATS)}"
    )
