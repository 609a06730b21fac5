"""Small results as text and JSON: sentences (``segment``), a language (``detect``) and the
model table (``models list``). The CLI writes what these return; they never print."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from aligntext.io.txt import source_span, squash
from aligntext.types import Document, Segment

#: Formats :func:`render_segments` accepts.
SEGMENT_FORMATS: tuple[str, ...] = ("text", "jsonl")


def render_segments(
    segments: Sequence[Segment], lang: str, fmt: str = "text", document: Document | None = None
) -> str:
    """Sentences one per line, a blank line between paragraphs; or one JSON object each.

    ``text`` squashes the line breaks inside a sentence into spaces; ``jsonl`` keeps the
    text as is, with its 0-based index, paragraph and character offsets: into the text of
    the file (see :func:`aligntext.io.txt.source_span`) for a .txt or Markdown
    ``document``, into the paragraph's text otherwise (.docx, HTML, no ``document``).
    """
    lines: list[str] = []
    if fmt == "jsonl":
        paragraphs = {p.index: p for p in document.paragraphs} if document is not None else {}
        for seg in segments:
            para = paragraphs.get(seg.paragraph)
            place = source_span(para, seg.start, seg.end) if para is not None else None
            start, end = place if place is not None else (seg.start, seg.end)
            record = {
                "index": seg.index,
                "paragraph": seg.paragraph,
                "start": start,
                "end": end,
                "lang": lang,
                "text": seg.text,
            }
            lines.append(json.dumps(record, ensure_ascii=False))
    else:
        previous: int | None = None
        for seg in segments:
            if previous is not None and seg.paragraph != previous:
                lines.append("")
            lines.append(squash(seg.text))
            previous = seg.paragraph
    return "\n".join(lines) + "\n" if lines else ""


def render_language(
    file: str, code: str, scores: Mapping[str, float] | None, fmt: str = "text"
) -> str:
    """The language of a file, and optionally each language's probability, best first.

    ``text``: the code, then ``lang<TAB>probability`` lines; ``json``:
    ``{"file": ..., "lang": ..., "scores": {...}}`` (scores only when given).
    """
    ranked = sorted(scores.items(), key=lambda kv: -kv[1]) if scores is not None else []
    if fmt == "json":
        data: dict[str, Any] = {"file": file, "lang": code}
        if scores is not None:
            data["scores"] = dict(ranked)
        return json.dumps(data, ensure_ascii=False) + "\n"
    return "".join([f"{code}\n", *(f"{lang}\t{prob:.4f}\n" for lang, prob in ranked)])


def render_models(rows: Sequence[Any], home: str, fmt: str = "text") -> str:
    """The model of each direction and whether it is here: an aligned table or JSON.

    ``rows`` are :func:`aligntext.translate.registry.list_models` rows.
    """
    if fmt == "json":
        data = {
            "models_home": home,
            "directions": [
                {
                    "direction": r.pair,
                    "default": r.default,
                    "family": r.family,
                    "alternatives": list(r.alternatives),
                    "local": r.local,
                }
                for r in rows
            ],
        }
        return json.dumps(data, indent=2) + "\n"
    headers = ("direction", "default model", "family", "local", "alternatives")
    body = [(r.pair, r.default, r.family, r.local, ", ".join(r.alternatives) or "-") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *body)
    ]
    lines.append(f"models home: {home}")
    return "\n".join(lines) + "\n"
