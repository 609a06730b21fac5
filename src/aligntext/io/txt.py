"""Plain-text documents, and the span model that txt and Markdown share.

A text document is read as a list of *spans*: the stretches of the file that hold a
paragraph's text. Everything between two spans (blank lines, a Markdown ``# `` or ``- ``
prefix, a code block, a table's separator row) is kept verbatim in the next paragraph's
locator, so writing a translation back is ``gap + text`` for each paragraph plus the tail:
the output has exactly the original's separators and markup, with the texts replaced.

Paragraphs in .txt: blocks separated by blank lines (or U+2029, the paragraph separator;
U+2028, the line separator, is a line break). Inside a block, a line break joins two
lines of one paragraph only when the text was evidently hard-wrapped (the line runs on
without final punctuation and the next starts in lower case, or the line is about as long as
the block's longest); otherwise each line stays its own paragraph, because statements often
put the headline, the dateline ("Baku, 6 April 2023") and list items on lines of their own
with no blank line between.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from aligntext.errors import InputError
from aligntext.types import Document, Paragraph

# Bullets that start a list item in plain text. Numbered items ("1. ") are recognised only
# when another line of the block is numbered too: a Turkish sentence may start with an
# ordinal ("1. Dünya Savaşı ...").
_BULLET_RE = re.compile(r"^([ \t]*)([-*•·–—▪◦‣][ \t]+|\d{1,3}\)[ \t]+|[a-zа-я]\)[ \t]+)(?=\S)")
_NUMBERED_RE = re.compile(r"^([ \t]*)(\d{1,3}\.[ \t]+)(?=\S)")
_TERMINAL_RE = re.compile(r"[.!?…:;][\"'»”’)\]]*$")
_HYPHEN_END_RE = re.compile(r"\w-$")


@dataclass
class Block:
    """A paragraph found in a text: its span in the source and its normalised text."""

    start: int
    end: int
    text: str
    kind: str = "p"


# A lone no-break space (U+00A0, U+202F narrow, U+2007 figure) between two words is the
# writer's choice: it keeps `60 000` or `5 May` on one line in the published text, so it
# is kept; any other run of whitespace (indentation, line breaks, `&nbsp;&nbsp;` spacers)
# becomes one space.
_KEPT_SPACES = "\u00a0\u202f\u2007"
_WHITESPACE_RUN = re.compile(r"\s+")


def _one_space(m: re.Match[str]) -> str:
    run = m.group()
    return run if len(run) == 1 and run in _KEPT_SPACES else " "


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) into single spaces and strip.

    A lone no-break space between two words is kept as it is.
    """
    return _WHITESPACE_RUN.sub(_one_space, text).strip()


def blocks_to_document(
    source: str,
    blocks: Sequence[Block],
    *,
    path: str | None,
    fmt: str,
    encoding: str | None,
    lang: str | None,
) -> Document:
    """Build a :class:`Document` whose locators hold the verbatim gaps between ``blocks``."""
    paragraphs = []
    prev_end = 0
    kept = [b for b in blocks if b.text]
    for i, block in enumerate(kept):
        loc: dict[str, object] = {"gap": source[prev_end : block.start]}
        loc["at"] = _offset_map(source, block)
        if i == len(kept) - 1:
            loc["tail"] = source[block.end :]
        paragraphs.append(
            Paragraph(
                text=block.text,
                index=i,
                kind=block.kind,
                locator=json.dumps(loc, ensure_ascii=False),
            )
        )
        prev_end = block.end
    return Document(
        paragraphs=tuple(paragraphs), path=path, format=fmt, encoding=encoding, lang=lang
    )


# A whitespace run that squash() does not leave as it is: one that is not a single space.
_ODD_RUN = re.compile(r"[^\S ]\s*| \s+")


def _offset_map(source: str, block: Block) -> list[tuple[int, int]]:
    """Where the block's text lies in ``source``: ``(offset in text, offset in source)``
    points, each starting a stretch where both advance together.

    The text is the span with its whitespace runs squashed (a line break and indentation
    become one space; a hyphenated line end joins the halves). Between two such runs the
    text copies the source, which is checked; where it does not (a Markdown quote's ``> ``
    prefixes, a table cell's ``\\|``), the text is matched to the source letter by letter.
    """
    points = [(0, block.start)]
    text, pos, at = block.text, 0, block.start
    for run in _ODD_RUN.finditer(source, block.start, block.end):
        n = run.start() - at
        if text[pos : pos + n] != source[at : run.start()]:
            return _letter_map(source, block)
        pos, at = pos + n, run.end()
        if text.startswith(run.group(), pos):  # a lone no-break space, kept
            pos += len(run.group())
        elif text.startswith(" ", pos):
            pos += 1
        # else the run was dropped: "well-\nknown" reads "well-known"
        if at - pos != points[-1][1] - points[-1][0]:
            points.append((pos, at))
    if text[pos:] != source[at : block.end]:
        return _letter_map(source, block)
    return points


def _letter_map(source: str, block: Block) -> list[tuple[int, int]]:
    """:func:`_offset_map` the slow way: each letter of the text found in the source, a
    space taking a whole whitespace run; for the rare blocks whose markup was removed."""
    points = [(0, block.start)]
    at = block.start
    for pos, ch in enumerate(block.text):
        if ch.isspace() and at < block.end and source[at].isspace():
            start = at
            while at < block.end and source[at].isspace():
                at += 1
            shift = start - pos
        else:
            while at < block.end and source[at] != ch:
                at += 1
            shift = at - pos
            at += 1
        if shift != points[-1][1] - points[-1][0]:
            points.append((pos, pos + shift))
    return points


def source_span(paragraph: Paragraph, start: int, end: int) -> tuple[int, int] | None:
    """Where ``paragraph.text[start:end]`` lies in the text of the file it was read from
    (decoded, line ends read as ``\n``, NFC), or ``None`` for a paragraph not read by
    the txt or Markdown reader (a .docx or HTML paragraph has no such place).

    Offsets are in characters; ``end`` is exclusive and ``start < end``.
    """
    try:
        points = json.loads(paragraph.locator)["at"]
    except (ValueError, KeyError, TypeError):
        return None

    def place(offset: int) -> int:
        text_at, source_at = max((p for p in points if p[0] <= offset), key=lambda p: p[0])
        return source_at + offset - text_at

    return place(start), place(end - 1) + 1


def render_spans(doc: Document, texts: Sequence[str], escape=None) -> str:
    """Rebuild a txt/md document from its locators with ``texts`` in place of paragraphs.

    Args:
        doc: a document read by the txt or Markdown reader.
        texts: one text per paragraph.
        escape: optional ``(text, paragraph) -> text`` applied to each new text (Markdown
            escapes ``|`` in table cells).
    """
    parts: list[str] = []
    for para, new in zip(doc.paragraphs, texts, strict=True):
        try:
            loc = json.loads(para.locator)
            gap = loc["gap"]
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f"paragraph {para.index} has no {doc.format} locator; write a document read "
                f"by read_document, or use document_from_text"
            ) from None
        # A translation keeps the paragraph on one line: a line break inside a heading,
        # list item or table cell would change the structure.
        new = squash(new)
        if escape is not None:
            new = escape(new, para)
        parts.append(gap)
        parts.append(new)
        if "tail" in loc:
            parts.append(loc["tail"])
    return "".join(parts)


# U+2028 LINE SEPARATOR ends a line as "\n" does; U+2029 PARAGRAPH SEPARATOR ends a
# paragraph as a blank line does. Word processors and JavaScript exports write them.
_LINE_END_RE = re.compile("[\n\u2028\u2029]")


def line_offsets(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` with the offset where each starts.

    Lines end at ``\n`` and U+2028; U+2029 ends a line and adds an empty one after it,
    so a reader sees a paragraph break. The separators stay in the text, so the gaps a
    document keeps between paragraphs hold them and a translation is written with them.
    """
    offsets = []
    pos = 0
    for match in _LINE_END_RE.finditer(text):
        offsets.append((pos, text[pos : match.start()]))
        if match.group() == "\u2029":
            offsets.append((match.start(), ""))
        pos = match.end()
    offsets.append((pos, text[pos:]))
    return offsets


def _should_join(prev: str, nxt: str, longest: int) -> bool:
    """Whether line ``nxt`` continues the paragraph that ends with line ``prev``."""
    prev = prev.rstrip()
    body = nxt.strip()
    if not prev or not body:
        return False
    if _TERMINAL_RE.search(prev):
        return False
    if prev.endswith((",", "-", "–", "(", "/", "&")):
        return True
    if body[0].islower():
        return True
    return longest >= 50 and len(prev) >= 0.7 * longest


def parse_txt(text: str) -> list[Block]:
    """Find the paragraphs of a plain text (see the module docstring for the rules)."""
    lines = line_offsets(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not lines[i][1].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j][1].strip():
            j += 1
        blocks.extend(_parse_txt_block(lines[i:j]))
        i = j
    return blocks


def _parse_txt_block(lines: list[tuple[int, str]]) -> list[Block]:
    numbered = sum(1 for _, line in lines if _NUMBERED_RE.match(line)) >= 2
    longest = max(len(line.rstrip()) for _, line in lines)
    out: list[Block] = []
    cur: list[tuple[int, str]] = []  # (offset of text start, text of the line from there)
    cur_kind = "p"

    def flush() -> None:
        if not cur:
            return
        start = cur[0][0]
        last_off, last_line = cur[-1]
        end = last_off + len(last_line.rstrip())
        pieces: list[str] = []
        for _, piece in cur:
            piece = piece.strip()
            if pieces and _HYPHEN_END_RE.search(pieces[-1]) and piece[:1].islower():
                pieces[-1] += piece  # "well-\nknown" -> "well-known"
            else:
                pieces.append(piece)
        body = squash(" ".join(pieces))
        kind = cur_kind
        if kind == "p" and len(cur) == 1 and len(body) <= 150 and not _TERMINAL_RE.search(body):
            kind = "heading"
        out.append(Block(start, end, body, kind))

    for off, line in lines:
        marker = _BULLET_RE.match(line) or (_NUMBERED_RE.match(line) if numbered else None)
        indent = len(line) - len(line.lstrip())
        if marker is not None:
            flush()
            cur = [(off + marker.end(), line[marker.end() :])]
            cur_kind = "list-item"
            continue
        if cur and _should_join(cur[-1][1], line, longest):
            cur.append((off + indent, line[indent:]))
            continue
        flush()
        cur = [(off + indent, line[indent:])]
        cur_kind = "p"
    flush()
    return out


def read_txt_string(
    text: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    lang: str | None = None,
) -> Document:
    """Parse plain text into a :class:`Document` (``format='txt'``)."""
    return blocks_to_document(
        text, parse_txt(text), path=path, fmt="txt", encoding=encoding, lang=lang
    )
